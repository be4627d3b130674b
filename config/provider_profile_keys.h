#pragma once
// The shape of a provider profile's JSON: which keys each object may hold.
// The parser refuses any other key by name, so a misspelt key in a
// workspace override is reported instead of silently ignored.
#include <string>
#include <vector>

namespace ta::config::profile_keys {

inline const std::vector<std::string> kTopKeys{"name",       "description", "package", "launch",
                                        "process_names", "submit_key", "settle_ms", "screen",
                                        "interrupt_keys", "fault_signatures"};
inline const std::vector<std::string> kLaunchKeys{"argv", "optional", "session"};
inline const std::vector<std::string> kSessionKeys{"format", "default_format", "args"};
inline const std::vector<std::string> kSessionArgKeys{"fresh", "resume"};
inline const std::vector<std::string> kPieceKeys{"when", "args"};
inline const std::vector<std::string> kScreenKeys{"idle",      "working",   "live_status",  "turn_end",
                                           "non_input", "menu",      "shell_prompt", "placeholder",
                                           "trust",     "api_errors", "composer",
                                           "readiness", "tool_approval"};
inline const std::vector<std::string> kLiveKeys{"within_last_lines", "patterns"};
inline const std::vector<std::string> kNonInputKeys{"trust_prompt", "first_run_auth", "compaction_warning",
                                             "press_enter", "y_n_confirm"};
inline const std::vector<std::string> kMenuKeys{"item", "selected", "hints"};
inline const std::vector<std::string> kToolApprovalKeys{"heading", "title", "other_prompt", "accept_session", "remembers",
                                                        "accept_once", "decline"};
inline const std::vector<std::string> kTrustKeys{"selection_marker", "accept", "decline", "path_intro"};
inline const std::vector<std::string> kApiKeys{"context", "classes", "partial_response", "retry",
                                        "notices"};
inline const std::vector<std::string> kComposerKeys{"start", "end", "empty"};
inline const std::vector<std::string> kReadinessKeys{"ready", "starting", "splash"};
inline const std::vector<std::string> kClassKeys{"class", "patterns"};
inline const std::vector<std::string> kApiClasses{"Overloaded", "RateLimit", "NetworkError", "Timeout",
                                           "Unknown"};

}  // namespace ta::config::profile_keys
