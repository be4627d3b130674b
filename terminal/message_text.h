#pragma once
// The text a message becomes in a recipient's pane (SPEC §3), made safe to
// paste: nothing in it can end the bracketed paste or drive the terminal.
#include <string>
#include <string_view>

namespace ta::terminal {

// "Team Agent message from <sender>[ for <task>]:\n\n<content>\n\n[team-agent-token:<id>]"
// with the content neutralised.
std::string render_message(std::string_view sender, std::string_view task_id,
                           std::string_view content, std::string_view message_id);

// The token line that proves a paste landed.
std::string message_token(std::string_view message_id);

// Replaces what a terminal would act on with visible stand-ins: ESC becomes
// U+241B (␛), other C0 controls except tab and newline become their U+24xx
// pictures, C1 controls (U+0080–U+009F) become U+FFFD, CR LF and lone CR
// become LF. So `ESC[201~` arrives as the visible text "␛[201~".
std::string neutralise(std::string_view text);

}  // namespace ta::terminal
