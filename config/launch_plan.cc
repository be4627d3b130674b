#include "config/launch_plan.h"

#include <cstdint>
#include <cstdio>

#include <random>

#include "util/strings.h"

namespace ta::config {

namespace {

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

std::string random_session_uuid() {
  std::random_device rd;
  std::uniform_int_distribution<std::uint32_t> word;
  std::uint64_t hi = (std::uint64_t{word(rd)} << 32) | word(rd);
  std::uint64_t lo = (std::uint64_t{word(rd)} << 32) | word(rd);
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
  s += " You talk to your team through the tools of the team_agent MCP server, never by "
       "running shell commands: send_message {to, text, task_id?} messages a teammate; "
       "report_result {task_id, status, summary} reports the outcome of a task you were given "
       "(once per task); request_human {question} asks the human; get_team_status, "
       "list_agents and read_messages show the team.";
  if (agent.id == kLeaderId)
    s += " As the leader you also have assign_task, stop_agent, start_agent, add_agent, "
         "stuck_list and stuck_cancel.";
  s += " Messages from the team arrive as lines starting with \"Team Agent message from\".";
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
  pane.system_prompt = system_prompt_for(spec, agent);
  pane.mcp_config_path = in.workspace + "/.team/mcp/" + agent.id + ".json";
  pane.mcp_config_json = mcp_config_json(in.team_agent_bin, agent.id, in.workspace);
  auto choice = in.sessions.find(agent.id);
  if (choice != in.sessions.end()) {
    pane.session_resumed = choice->second.resume;
    pane.session_id = choice->second.session_id;
  }

  std::map<std::string, std::string> vars{{"id", agent.id},
                                          {"model", agent.model.value_or("")},
                                          {"system_prompt", pane.system_prompt},
                                          {"session_id", pane.session_id},
                                          {"team_agent_bin", in.team_agent_bin},
                                          {"mode", in.fake_mode},
                                          {"workspace", in.workspace},
                                          {"mcp_config", pane.mcp_config_path}};
  pane.session_format = session_format(profile, vars);
  if (pane.session_format == "claude" && pane.session_id.empty())
    pane.session_id = random_session_uuid();
  vars["session_id"] = pane.session_id;
  auto argv = launch_argv(profile, vars);
  auto session = session_argv(profile, pane.session_format, vars, pane.session_resumed);
  if (argv && !session) argv = session.error();
  if (!argv)
    return make_error("agent \"" + agent.id + "\": " + argv.error().message, argv.error().code);
  // After the program's own argv: Codex's `resume ID` is a subcommand.
  argv->insert(argv->begin() + static_cast<std::ptrdiff_t>(profile.launch_argv.size()),
               session->begin(), session->end());
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
