#pragma once
// Did a pasted message land in the pane (SPEC §3 step 4)? Evidence, strongest
// first: the message's token is on screen; a distinctive fragment of its text
// is on screen more often than before the paste; or a pasted-content
// placeholder appeared that the baseline capture did not have. The generic
// "Team Agent message from X:" header is never evidence on its own: an older
// message shows the same header.
#include <string>
#include <string_view>
#include <vector>

#include "config/provider_profile.h"

namespace ta::terminal {

enum class LandingEvidence { none, token, fragment, new_placeholder };

// "token", "fragment", "new_placeholder", "none".
const char* landing_evidence_name(LandingEvidence e);

struct LandingCheck {
  bool landed = false;
  LandingEvidence evidence = LandingEvidence::none;
  std::string detail;
};

// The distinctive pieces of a rendered message, whitespace removed: each
// content line of at least 18 characters (or 6 with 4 CJK ideographs, or one
// holding a msg_/res_ id), lines over 72 characters as 36-character head,
// middle and tail pieces. The header line and the token line are left out.
std::vector<std::string> message_fragments(std::string_view rendered_text);

// `baseline` is the capture taken before the paste, `capture` one after it;
// both are whole pane captures (escape sequences allowed).
LandingCheck check_landed(std::string_view baseline, std::string_view capture,
                          std::string_view message_id, std::string_view rendered_text,
                          const config::ProviderProfile& profile);

}  // namespace ta::terminal
