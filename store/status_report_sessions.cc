#include "store/status_report_sessions.h"
#include "store/report_values.h"

#include <algorithm>

namespace ta::store {

namespace {

using Json = events::Json;


// What is known of the session itself: its short id and whether its file
// verifies, or why there is no id to show.
std::string session_itself(const AgentSessionStatus& s) {
  if (s.session_id.empty()) {
    if (s.state == "discarded") return "- (discarded)";
    if (s.state == "missing") return "- (not found)";
    if (s.state == "launched") return "- (launched, not found yet)";
    return "- (none yet)";
  }
  std::string t = s.short_id + (s.verified ? " verified" : " NOT verified");
  if (!s.verified && !s.state.empty() && s.state != "captured") t += " (" + s.state + ")";
  return t;
}

// What a restart would do, as a suffix: nothing to add when it starts an
// agent that has no context yet.
std::string restart_suffix(const AgentSessionStatus& s) {
  if (s.resume == "resume")
    return s.resume_session_id == s.session_id ? ", resumable"
                                               : ": restart would resume an earlier session";
  if (s.resume == "refuse") {
    if (s.resume_reason == "first_interaction_invalid")
      return ": restart would refuse (unreadable worker.first_interaction)";
    return ": restart would refuse (--allow-fresh loses its context)";
  }
  if (s.resume == "fresh" && !s.session_id.empty()) return ": restart would start it fresh";
  return "";
}

}  // namespace

std::string session_text(const AgentSessionStatus& s) {
  return session_itself(s) + restart_suffix(s);
}

std::string sessions_text(const std::vector<AgentRow>& agents) {
  size_t width = 0;
  for (const auto& a : agents)
    if (a.session) width = std::max(width, a.agent_id.size());
  if (width == 0) return "";
  std::string out = "sessions:\n";
  for (const auto& a : agents)
    if (a.session)
      out += "  " + a.agent_id + std::string(width - a.agent_id.size() + 2, ' ') +
             session_text(*a.session) + "\n";
  return out;
}

Json session_json(const AgentSessionStatus& s) {
  return Json{{"id", or_null(s.session_id)},
              {"short_id", or_null(s.short_id)},
              {"state", or_null(s.state)},
              {"path", or_null(s.path)},
              {"verified", s.verified},
              {"resume",
               {{"decision", or_null(s.resume)},
                {"reason", or_null(s.resume_reason)},
                {"session_id", or_null(s.resume_session_id)}}}};
}

}  // namespace ta::store
