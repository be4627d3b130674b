#include "config/launch_plan.h"

#include <cstdint>
#include <cstdio>

#include "util/hash.h"
#include "util/strings.h"

namespace ta::config {

namespace {

// FNV-1a, then a SplitMix64 finaliser so nearby inputs spread over all bits.
std::uint64_t hash64(const std::string& text, std::uint64_t seed) {
  std::uint64_t h = fnv1a(text, kFnv1aBasis ^ seed);
  h += 0x9E3779B97F4A7C15ull;
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
  return h ^ (h >> 31);
}

std::string dir_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

void set_env(std::vector<std::pair<std::string, std::string>>& env, const std::string& key,
             const std::string& value) {
  for (auto& kv : env)
    if (kv.first == key) {
      kv.second = value;
      return;
    }
  env.emplace_back(key, value);
}

}  // namespace

std::string tmux_session_for_team(const std::string& team) { return team; }

std::string session_uuid(const std::string& run_id, const std::string& agent_id) {
  // '\0' separates the parts so ("ab","c") and ("a","bc") differ.
  std::string key = run_id + std::string(1, '\0') + agent_id;
  std::uint64_t hi = hash64(key, 0x5eed0001u);
  std::uint64_t lo = hash64(key, 0x5eed0002u);
  hi = (hi & ~0xF000ull) | 0x4000ull;                        // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx",
                static_cast<unsigned long long>(hi >> 32),
                static_cast<unsigned long long>((hi >> 16) & 0xFFFF),
                static_cast<unsigned long long>(hi & 0xFFFF),
                static_cast<unsigned long long>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
  return buf;
}

std::string system_prompt_for(const TeamSpec& spec, const AgentSpec& agent) {
  std::string s = "You are \"" + agent.id + "\" on the team \"" + spec.team + "\"";
  if (agent.id == kLeaderId) s += ", its leader";
  s += ".";
  if (!agent.role.empty()) s += " Your role: " + agent.role + ".";
  std::vector<std::string> others;
  for (const auto& id : spec.member_ids())
    if (id != agent.id) others.push_back(id);
  if (!others.empty()) s += " Your teammates: " + join(others) + ".";
  s += " To message a teammate run: team-agent send <id> \"<text>\". Messages from the team "
       "arrive as lines starting with \"Team Agent message from\".";
  return s;
}

namespace {

Status check_inputs(const LaunchInputs& in) {
  if (in.team_agent_bin.empty() || in.team_agent_bin[0] != '/')
    return make_error("the team-agent binary path \"" + in.team_agent_bin +
                      "\" is not absolute; pass the resolved path of the running binary");
  if (in.workspace.empty() || in.workspace[0] != '/')
    return make_error("the workspace \"" + in.workspace + "\" is not an absolute path");
  if (in.run_id.empty()) return make_error("a launch plan needs a run id; use new_run_id()");
  return ok_status();
}

// The agent's own variables first; ours are set last so a spec cannot
// make one agent claim another's identity. PATH keeps the agent's
// choice but puts our binary first, so `team-agent send` is this build.
void set_pane_env(PanePlan& pane, const TeamSpec& spec, const AgentSpec& agent,
                  const LaunchInputs& in) {
  for (const auto& [k, v] : agent.env) set_env(pane.env, k, v);
  const std::string bin_dir = dir_of(in.team_agent_bin);
  auto own_path = agent.env.find("PATH");
  std::string base_path = own_path != agent.env.end() ? own_path->second : in.path;
  set_env(pane.env, "PATH", base_path.empty() ? bin_dir : bin_dir + ":" + base_path);
  set_env(pane.env, "TEAM_AGENT_ID", agent.id);
  set_env(pane.env, "TEAM_AGENT_WORKSPACE", in.workspace);
  set_env(pane.env, "TEAM_AGENT_TEAM", spec.team);
}

Result<PanePlan> plan_pane(const TeamSpec& spec, const AgentSpec& agent, const LaunchInputs& in,
                           const ProviderProfile& profile) {
  PanePlan pane;
  pane.agent_id = agent.id;
  pane.provider = agent.provider;
  pane.window_name = agent.id;
  pane.cwd = in.workspace;
  pane.session_id = session_uuid(in.run_id, agent.id);
  pane.system_prompt = system_prompt_for(spec, agent);

  std::map<std::string, std::string> vars{{"id", agent.id},
                                          {"model", agent.model.value_or("")},
                                          {"system_prompt", pane.system_prompt},
                                          {"session_id", pane.session_id},
                                          {"team_agent_bin", in.team_agent_bin},
                                          {"mode", in.fake_mode},
                                          {"workspace", in.workspace}};
  auto argv = launch_argv(profile, vars);
  if (!argv)
    return make_error("agent \"" + agent.id + "\": " + argv.error().message, argv.error().code);
  pane.argv = std::move(*argv);
  // providers.<name>.command: the team's own program for this provider.
  if (auto own = spec.providers.find(agent.provider);
      own != spec.providers.end() && !own->second.command.empty() && !pane.argv.empty())
    pane.argv[0] = own->second.command;
  pane.argv.insert(pane.argv.end(), agent.args.begin(), agent.args.end());
  set_pane_env(pane, spec, agent, in);
  return pane;
}

}  // namespace

Result<LaunchPlan> plan_launch(const TeamSpec& spec, const LaunchInputs& in) {
  if (auto st = check_inputs(in); !st) return st.error();
  ProfileLookup lookup = in.profiles;
  if (!lookup)
    lookup = [&](const std::string& name) { return load_provider_profile(name, in.workspace); };

  LaunchPlan plan;
  plan.team = spec.team;
  plan.tmux_session = tmux_session_for_team(spec.team);
  plan.run_id = in.run_id;
  std::vector<const AgentSpec*> members{&spec.leader};
  for (const auto& a : spec.agents) members.push_back(&a);
  for (const AgentSpec* agent : members) {
    auto profile = lookup(agent->provider);
    // The profile's own exit code stays: an invalid override is bad input (2).
    if (!profile)
      return make_error("agent \"" + agent->id + "\": " + profile.error().message,
                        profile.error().code);
    auto pane = plan_pane(spec, *agent, in, **profile);
    if (!pane) return pane.error();
    plan.panes.push_back(std::move(*pane));
  }
  return plan;
}

}  // namespace ta::config
