#pragma once
// The provider's live input box ("composer") on a pane capture: where a
// pasted message sits until Enter sends it. Delivery checks the message's
// token INSIDE this box after the paste and its absence from the box after
// Enter: the terminal's echo of the same text elsewhere (a history line,
// Codex's footer that repeats the submitted message's title) proves nothing.
//
// Claude Code: the `❯` + NBSP line(s) between two rules (history lines use
// `❯` + a plain space). Codex: the lowest `›` line(s) above the footer
// (history lines above it use the same glyph; the lowest one is live).
// Which lines start and end the box is profile data (screen.composer).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/provider_profile.h"

namespace ta::terminal {

struct ComposerRegion {
  std::size_t first_row = 0;  // rows of the capture (blank rows counted)
  std::size_t end_row = 0;    // the row that closes the box, or the row count
  bool closed = false;        // an end line was found below the box
  std::string text;           // what the box holds: lines trimmed, joined with '\n'
  std::string hint;           // the empty box's suggestion ("Ask Codex to do anything")
  bool empty() const { return text.empty(); }
};

// The live composer, or nothing when the screen shows none.
std::optional<ComposerRegion> find_composer(std::string_view capture,
                                            const config::ProviderProfile& profile);
std::optional<ComposerRegion> find_composer(const std::vector<std::string>& rows,
                                            const config::ProviderProfile& profile);

// Whether `needle` (a token such as "msg_0123…") is inside the composer:
// false when there is no composer. Whitespace is ignored, since the box
// wraps long lines.
bool composer_holds(std::string_view capture, std::string_view needle,
                    const config::ProviderProfile& profile);

}  // namespace ta::terminal
