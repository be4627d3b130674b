// One runner per vector category: feeds a vector's capture and parameters to
// the classifiers and compares every expectation key (see vectors_support.h).
// No test cases here: vectors_test.cc runs them.
#include <cmath>
#include <ctime>
#include <stdexcept>

#include "terminal/activity.h"
#include "terminal/api_error.h"
#include "terminal/delivery_check.h"
#include "terminal/message_text.h"
#include "terminal/non_input.h"
#include "terminal/placeholder.h"
#include "util/regex.h"
#include "terminal/screen.h"
#include "terminal/text.h"
#include "terminal/trust_prompt.h"
#include "tests/support/vectors_support.h"

namespace ta::vectors {

namespace {

using namespace ta::terminal;

std::string vector_text(const Vector& v, const Sandbox& sb) {
  if (v.input.contains("text")) return sb.substitute(v.input["text"].get<std::string>());
  if (v.input.contains("sequence") && !v.input["sequence"].empty())
    return sb.substitute(v.input["sequence"][0].get<std::string>());
  return "";
}

std::vector<std::string> sequence_of(const Vector& v, const Sandbox& sb) {
  std::vector<std::string> out;
  if (v.input.contains("sequence"))
    for (const auto& s : v.input["sequence"]) out.push_back(sb.substitute(s.get<std::string>()));
  else
    out.push_back(vector_text(v, sb));
  return out;
}

bool truthy(const Json& j) {
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_string()) return !j.get<std::string>().empty() && j.get<std::string>() != "0";
  if (j.is_number()) return j.get<double>() != 0;
  return false;
}

// "2026-05-30T03:33:08.556324+00:00" (UTC offsets only) -> seconds since 1970.
double parse_utc(const std::string& ts) {
  std::tm tm{};
  double frac = 0;
  if (std::sscanf(ts.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
    throw std::runtime_error("unreadable timestamp " + ts);
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  if (auto dot = ts.find('.', 19); dot != std::string::npos) frac = std::stod("0" + ts.substr(dot));
  return static_cast<double>(timegm(&tm)) + frac;
}

// The reference names its states after the CLI that showed them first.
std::string reference_label(NonInputState s) {
  switch (s) {
    case NonInputState::trust_prompt:
      return "codex_trust_prompt";
    case NonInputState::first_run_auth:
      return "codex_first_run_auth";
    case NonInputState::compaction_warning:
      return "codex_compaction_warning";
    case NonInputState::press_enter:
      return "generic_press_enter";
    default:
      return non_input_state_name(s);
  }
}

Outcome pane_states(const Vector& v, const Sandbox& sb) {
  Expectations e(v.expected);
  auto verdict = classify_non_input(normalise_capture(vector_text(v, sb)), *profile_for(v.params));
  e.equal("non_input_state",
          verdict.blocks_input() ? Json(reference_label(verdict.state)) : Json());
  e.equal("paste_refused", verdict.blocks_input());
  e.set_aside("refusal_reason");  // the delivery's wording for the refusal
  return e.finish();
}

ActivityInput activity_input(const Json& p) {
  ActivityInput in;
  if (p.contains("pane_in_mode")) in.pane_in_mode = truthy(p["pane_in_mode"]);
  for (const char* key : {"pane_current_command", "current_command"})
    if (p.contains(key) && p[key].is_string()) in.current_command = p[key].get<std::string>();
  if (p.contains("stuck_timeout_sec")) in.stuck_after_s = p["stuck_timeout_sec"].get<double>();
  if (p.contains("last_output_age_sec"))
    in.last_output_age_s = p["last_output_age_sec"].get<double>();
  if (p.contains("last_output_at") && p["last_output_at"].is_string()) {
    std::string at = p["last_output_at"].get<std::string>();
    if (at.rfind("now - ", 0) == 0)
      in.last_output_age_s = std::stod(at.substr(6));
    else if (at.rfind("now", 0) == 0)
      in.last_output_age_s = 0;
    else if (p.contains("now"))
      in.last_output_age_s = std::max(0.0, parse_utc(p["now"].get<std::string>()) - parse_utc(at));
  }
  // A first capture is itself a pane change: the output is fresh.
  if (p.value("first_capture", false)) in.last_output_age_s = 0;
  return in;
}

Outcome agent_activity(const Vector& v, const Sandbox& sb) {
  Expectations e(v.expected);
  auto a = classify_activity(normalise_capture(vector_text(v, sb)), *profile_for(v.params),
                             activity_input(v.params));
  std::string status = activity_name(a.status);
  e.equal("status", status);
  e.not_equal("not_status", status);
  e.at_least("confidence_min", a.confidence);
  e.near("confidence", a.confidence);
  e.contains("rationale_contains", a.evidence);
  std::string upper;
  for (char c : status) upper.push_back(static_cast<char>(std::toupper(c)));
  e.equal("agent_health_status", upper);
  e.equal("activity_written", true);
  e.set_aside("current_task_id");  // task bookkeeping, not read from the screen
  return e.finish();
}

Outcome api_errors(const Vector& v, const Sandbox& sb) {
  Expectations e(v.expected);
  auto profile = profile_for(v.params);
  auto captures = sequence_of(v, sb);
  ApiErrorDedupe dedupe;
  Json per_call = Json::array();
  int total = 0;
  std::optional<ApiErrorMatch> first;
  for (std::size_t i = 0; i < captures.size(); ++i) {
    auto m = detect_api_error(normalise_capture(captures[i]), *profile);
    if (i == 0) first = m;
    bool report = dedupe.should_report(m);
    per_call.push_back(report ? 1 : 0);
    total += report;
  }
  e.equal("api_error_class", first ? Json(first->error_class) : Json());
  e.contains("matched_pattern_snippet_contains", first ? first->snippet : "");
  e.equal("api_error_detected", first.has_value());
  e.equal("partial_response_streamed", first && first->partial_response_streamed);
  e.equal("events_emitted_per_call", per_call);
  e.equal("total_events", total);
  e.equal("events_emitted", total);
  e.equal("retry_count", 0);  // the supervisor observes; the CLI does its own retries
  return e.finish();
}

std::optional<int> pane_width(const Json& p, const std::string& text) {
  if (!p.contains("pane_width")) return std::nullopt;
  const auto& w = p["pane_width"];
  if (w.is_number_integer()) return w.get<int>();
  if (w.is_string() && w.get<std::string>().rfind("len(first line", 0) == 0)
    return static_cast<int>(display_width(text.substr(0, text.find('\n'))));
  return std::nullopt;
}

bool opted_in(const Json& p) {
  if (p.contains("opt_in")) return truthy(p["opt_in"]);
  if (p.contains("legacy_opt_in_env")) return true;
  return p.contains("spec") && p["spec"].contains("runtime") &&
         p["spec"]["runtime"].value("auto_trust_own_workspace", false);
}

Outcome trust_prompts(const Vector& v, const Sandbox& sb) {
  Expectations e(v.expected);
  Json p = sb.substitute(v.params);
  std::string text = vector_text(v, sb);
  TrustContext ctx;
  ctx.workspace = p.value("workspace", "");
  ctx.pane_width = pane_width(p, text);
  auto verdict = inspect_trust_prompt(normalise_capture(text), *profile_for(p), ctx);
  TrustDecision d = verdict ? decide_trust_answer(*verdict, opted_in(p))
                            : TrustDecision{false, "no_trust_prompt", "", {}, ""};
  e.equal("trust_prompt_detected", verdict.has_value());
  e.equal("trust_workspace_match", verdict && verdict->matches_workspace.value_or(false));
  e.equal("answered", d.answer);
  e.equal("first_answered", d.answer);
  e.equal("reason", d.reason);
  e.one_of("reason_in", d.reason);
  std::string event = d.answer                     ? "leader_panes.trust_auto_answered"
                      : d.reason == "not_opted_in" ? "leader_panes.trust_auto_answer_skipped"
                                                   : "leader_panes.trust_auto_answer_refused";
  e.equal("event", event);
  e.equal("action", d.answer                               ? "answer"
                    : d.reason == "workspace_dir_mismatch" ? "prompt_leader"
                                                           : "skip");
  e.equal("keys_sent", d.answer ? Json{{"text", ""}, {"submit", "Enter"}} : Json());
  e.equal("inject_count", d.answer ? 1 : 0);
  // How the pane actor sequences the answer around the paste, not the verdict.
  for (const char* k :
       {"answer_before_message_paste", "send_ok", "answer_uses_buffer", "pane_width_queried",
        "bypass_non_input_gate", "ok", "second_answered_or_idempotent", "inject_calls_total"})
    e.set_aside(k);
  return e.finish();
}

std::string verification_label(LandingEvidence ev) {
  switch (ev) {
    case LandingEvidence::token:
      return "capture_contains_token";
    case LandingEvidence::fragment:
      return "capture_contains_message_fragment";
    case LandingEvidence::new_placeholder:
      return "capture_contains_new_pasted_content_prompt";
    case LandingEvidence::none:
      break;
  }
  return "capture_missing_token";
}

std::string placeholder_label(const std::string& text) {
  std::string lower;
  for (char c : text)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lower.find("pasted content") != std::string::npos ? "pasted content" : "pasted text";
}

Outcome delivery_verification(const Vector& v, const Sandbox& sb) {
  Expectations e(v.expected);
  auto profile = profile_for(v.params);
  std::string fn = v.params.value("function", "");
  std::string text = vector_text(v, sb);
  std::string expected_message = v.input.value("expected_message", "");
  if (fn.rfind("capture_contains_message_fragment", 0) == 0) {
    auto r = check_landed("", text, "", expected_message, *profile);
    e.equal("fragment_visible", r.evidence == LandingEvidence::fragment);
  } else if (fn.rfind("_wait_for_message_ready", 0) == 0) {
    static const Regex id_re = *Regex::compile("message_id='\\K[^']+");
    auto id = id_re.find(fn);
    auto r = check_landed(v.params.value("baseline_capture", ""), text,
                          id ? std::string(id->text) : "", expected_message, *profile);
    e.equal("visible", r.landed);
    e.equal("verification", verification_label(r.evidence));
  } else if (fn.rfind("capture_has_pasted_content_prompt", 0) == 0) {
    e.equal("pasted_content_prompt",
            find_placeholder(normalise_capture(text), *profile).has_value());
  } else if (fn.rfind("pasted_prompt_match", 0) == 0) {
    auto m = find_placeholder(normalise_capture(text), *profile);
    e.equal("match", m ? Json(placeholder_label(m->text)) : Json());
    if (m) {
      e.equal("where_in_tail", m->lines_from_bottom);
      e.at_least("where_in_tail_min", static_cast<double>(m->lines_from_bottom));
    }
  } else if (v.input.contains("sequence")) {
    auto seq = sequence_of(v, sb);
    std::string rendered = render_message(v.input.value("sender", ""), v.input.value("task_id", ""),
                                          v.input.value("message_body", ""), "msg_000000000000");
    auto r = check_landed(seq.front(), seq.back(), "msg_000000000000", rendered, *profile);
    e.equal("visible", r.landed);
    for (const char* k : {"ok", "turn_verification", "buffer_name_prefix", "buffer_deleted"})
      e.set_aside(k);  // how the leader receiver pastes, not whether it landed
  }
  return e.finish();
}

Outcome status_patterns(const Vector& v, const Sandbox& sb) {
  Expectations e(v.expected);
  auto profile = profile_for(v.params);
  std::string pattern = v.params.value("pattern", "");
  bool any = false;
  for (const auto& line : visible_lines(vector_text(v, sb))) {
    if (pattern == "idle") {
      any = any || profile->screen.idle.matches(line);
    } else {
      any = any || profile->screen.working.matches(line);
      for (const auto& live : profile->screen.live_status) any = any || live.pattern.search(line);
    }
  }
  e.equal("matches", any);
  return e.finish();
}

std::string startup_decision(const Screen& screen, const config::ProviderProfile& profile) {
  auto gate = classify_non_input(screen, profile);
  if (gate.state == NonInputState::trust_prompt) return "AnswerWorkspaceTrust";
  if (!gate.blocks_input() && classify_activity(screen, profile).status == Activity::idle)
    return "Ready";
  return "KeepPolling";
}

Outcome startup_screens(const Vector& v, const Sandbox& sb) {
  Expectations e(v.expected);
  auto profile = profile_for(v.params);
  auto captures = sequence_of(v, sb);
  e.equal("startup_decision", startup_decision(normalise_capture(captures.front()), *profile));
  // The start-up loop: answer a live trust prompt with Enter (unless the
  // selection sits on "No"), stop once the CLI is ready.
  Json handled = Json::array(), keys = Json::array();
  for (const auto& capture : captures) {
    auto screen = normalise_capture(capture);
    auto trust = inspect_trust_prompt(screen, *profile, {});
    if (trust) {
      if (trust->default_choice == TrustDefault::decline) break;
      handled.push_back({{"prompt", profile->name + "_workspace_trust"}, {"action", "sent_enter"}});
      keys.push_back(Json::array({"Enter"}));
      continue;
    }
    if (startup_decision(screen, *profile) == "Ready") break;
  }
  e.equal("handled", handled);
  e.equal("keys_sent", keys);
  e.equal("digit_1_sent", false);
  return e.finish();
}

}  // namespace

Outcome run_vector(const Vector& v, const Sandbox& sb) {
  if (v.category == "pane_states") return pane_states(v, sb);
  if (v.category == "agent_activity") return agent_activity(v, sb);
  if (v.category == "api_errors") return api_errors(v, sb);
  if (v.category == "trust_prompts") return trust_prompts(v, sb);
  if (v.category == "delivery_verification") return delivery_verification(v, sb);
  if (v.category == "status_patterns") return status_patterns(v, sb);
  if (v.category == "startup_screens") return startup_screens(v, sb);
  throw std::runtime_error("no runner for category " + v.category);
}

}  // namespace ta::vectors
