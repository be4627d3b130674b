#include "ops/init_team.h"

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "util/fs.h"

namespace ta::ops {

namespace {

using OrderedJson = nlohmann::ordered_json;

OrderedJson agent(const char* id, const char* provider, const char* role) {
  return OrderedJson{{"id", id}, {"provider", provider}, {"role", role}};
}

// Fake agents only, so a newcomer sees a live team without an account for
// any AI service.
OrderedJson demo_team() {
  // Workers work a second on each message, then report a result, which the
  // leader is notified of; the leader only reads (an answering leader would
  // talk to itself).
  auto worker = [](const char* id, const char* role) {
    auto a = agent(id, "fake", role);
    a["args"] = OrderedJson::array({"--work-ms", "1000"});
    return a;
  };
  return OrderedJson{
      {"team", "demo"},
      {"leader", {{"id", "leader"}, {"provider", "fake"},
                  {"role", "Plans the work, hands tasks to the workers and reviews their results"},
                  {"args", OrderedJson::array({"--reply", "none"})}}},
      {"agents", OrderedJson::array({worker("backend", "Owns the API and the database"),
                                     worker("frontend", "Owns the UI"),
                                     worker("tester", "Writes and runs the tests")})},
      {"runtime", {{"auto_trust_own_workspace", false}}}};
}

// A starting point for a real team; every optional field a user is likely to
// want is shown with its default so it can be edited in place.
OrderedJson template_team() {
  auto backend = agent("backend", "codex", "Owns the API and the database");
  backend["model"] = nullptr;
  auto frontend = agent("frontend", "claude", "Owns the UI");
  frontend["model"] = nullptr;
  return OrderedJson{
      {"team", "my-team"},
      {"leader", {{"id", "leader"}, {"provider", "claude"}, {"model", nullptr}}},
      {"agents", OrderedJson::array({backend, frontend})},
      {"runtime", {{"auto_trust_own_workspace", false}}}};
}

}  // namespace

std::string team_template_text(TeamTemplate kind) {
  return (kind == TeamTemplate::demo ? demo_team() : template_team()).dump(2) + "\n";
}

std::string describe_team(const config::TeamSpec& spec) {
  std::string out = "team \"" + spec.team + "\": leader (" + spec.leader.provider + ")";
  for (const auto& a : spec.agents) out += ", " + a.id + " (" + a.provider + ")";
  return out;
}

Result<InitOutcome> init_team(const config::Paths& paths, const InitRequest& request) {
  if (file_exists(paths.team_json) && !request.replace)
    return make_error(paths.team_json +
                          " already exists; edit it, or run `team-agent init --force` to "
                          "replace it",
                      2);
  const std::string text = request.kind == TeamTemplate::shaped
                             ? team_shape_text(request.shape)
                             : team_template_text(request.kind);
  // What we write must pass the same validation `run` applies.
  auto parsed = config::parse_team_spec(text);
  if (!parsed.ok())
    return make_error("internal error: the built-in team spec is invalid: " +
                      parsed.errors.front().str());
  if (auto st = config::ensure_team_dir(paths); !st) return st.error();
  // The directory may predate us with looser permissions; it holds messages
  // and the event log, so it is private to the user.
  ::chmod(paths.team_dir.c_str(), 0700);
  if (auto st = write_file_atomic(paths.team_json, text); !st) return st.error();
  return InitOutcome{paths.team_json, std::move(*parsed.spec)};
}

}  // namespace ta::ops
