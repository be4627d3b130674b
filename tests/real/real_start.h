#pragma once
// What every real CLI must do when `run` starts it: reach its trust prompt,
// be seen there by the supervisor, `status` and `inspect`, and wait there,
// alive, while nothing asks for the prompt to be answered.
#include <string>

#include "tests/real/real_support.h"

namespace ta::test {

// `team-agent inspect --provider provider --json` of `screen`: how the
// supervisor reads it.
nlohmann::json inspect_screen(RealTeam& team, const std::string& provider,
                              const std::string& screen);

// Runs the team and checks the above for `agent`, whose CLI is `provider`
// at `version` (as pane.started records it).
void check_waits_at_trust_prompt(RealTeam& team, const std::string& agent,
                                 const std::string& provider, const std::string& version);

}  // namespace ta::test
