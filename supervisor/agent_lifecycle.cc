#include "supervisor/agent_lifecycle.h"

#include "config/team_spec.h"
#include "events/types.h"
#include "util/processes.h"
#include "ops/shutdown.h"
#include "store/agent_sessions.h"
#include "store/projector.h"
#include "supervisor/launch_decisions.h"
#include "supervisor/run_launch.h"
#include "supervisor/run_providers.h"
#include "supervisor/run_setup.h"
#include "terminal/tmux_ops.h"
#include "util/fs.h"

namespace ta::supervisor {

namespace {

using actors::AgentStartOrder;
using actors::AgentStartOutcome;

AgentStartOutcome failure(std::string reason, std::string message) {
  AgentStartOutcome out;
  out.reason = std::move(reason);
  out.message = std::move(message);
  return out;
}

// The sessions as the projections hold them now, with a tombstone the log
// may not have folded yet (reset appends it just before).
Result<store::SessionHistory> session_history(const config::Paths& paths) {
  auto view = store::open_state_view(paths);
  if (!view) return view.error();
  return store::load_session_history(view->db());
}

Status discard_session(const LifecycleContext& ctx, const std::string& agent,
                       store::SessionHistory& history) {
  std::string current;
  if (auto it = history.current.find(agent); it != history.current.end())
    current = it->second.session_id;
  auto reason = "reset --discard-session";
  if (auto st = ops::append_to_log(ctx.paths)(
        {events::to_draft(events::SessionDiscarded{agent, current, reason})});
      !st)
    return st;
  store::SessionRecordRow tombstone;
  tombstone.seq = UINT64_MAX;
  tombstone.agent_id = agent;
  tombstone.kind = "discarded";
  tombstone.session_id = current;
  history.records[agent].push_back(tombstone);
  return ok_status();
}

// Starts `order.agent_id` of `spec` in its pane and builds its pane actor.
AgentStartOutcome launch_one(const LifecycleContext& ctx, const config::TeamSpec& spec,
                             const AgentStartOrder& order) {
  auto history = session_history(ctx.paths);
  if (!history) return failure("failed", "cannot read the agents' sessions: " +
                                           history.error().message);
  if (order.discard_session)
    if (auto st = discard_session(ctx, order.agent_id, *history); !st)
      return failure("failed", st.error().message);
  TeamLaunchRequest request{ctx.paths, spec, ctx.launch, *history, false,
                            order.allow_fresh || order.discard_session, {}, nullptr};
  for (const auto& id : spec.member_ids())
    if (id != order.agent_id) request.skip.insert(id);
  std::vector<std::string> refusal;
  request.refusal = &refusal;
  auto launched = launch_team(*ctx.server, request);
  if (!launched) {
    if (!refusal.empty()) return failure("refused", refusal.front());
    return failure("failed", launched.error().message);
  }
  if (launched->panes.empty() || launched->plan.panes.empty())
    return failure("failed", "agent " + order.agent_id + " has no pane to start");
  const auto& pane = launched->panes.front();
  const auto& planned = launched->plan.panes.front();
  auto programs =
    ProviderPrograms::check(launched->plan, spec, ctx.paths.workspace, ctx.launch.team_agent_bin);
  std::string version = programs ? (*programs)->version_for(pane.agent_id) : "";
  auto pc = pane_config_for(ctx.shared, spec, &planned, pane, version,
                            !history->first_send_at.count(pane.agent_id));
  if (!programs || !pc) {  // its program is missing: nothing may be left running
    (void)terminal::kill_pane(*ctx.server, pane.pane_id);
    return failure("failed", (!programs ? programs.error() : pc.error()).message);
  }
  (void)ops::append_to_log(ctx.paths)({events::to_draft(events::PaneStarted{
    pane.agent_id, pane.pane_id, pane.provider, pane.pid, pane.adopted, 0, version,
    static_cast<std::int64_t>(process_start_ticks(static_cast<pid_t>(pane.pid)))})});
  AgentStartOutcome out;
  out.ok = true;
  out.reason = "done";
  out.mode = planned.session_resumed ? "resumed" : "fresh";
  out.session_id = planned.session_id;
  out.pane = std::move(*pc);
  return out;
}

AgentStartOutcome start_agent(const LifecycleContext& ctx, const AgentStartOrder& order) {
  const auto& path = ctx.paths.team_json;
  auto original = config::read_team_spec_text(path);
  if (!original) return failure("failed", original.error().message);
  if (order.add) {
    auto edited = config::spec_with_worker(*original, *order.add);
    if (!edited) return failure("invalid", edited.error().message);
    if (auto st = write_file_atomic(path, *edited); !st)
      return failure("failed", "cannot write " + path + ": " + st.error().message);
  }
  auto out = failure("failed", "");
  if (auto spec = config::load_team_spec(path); !spec) {
    out = failure("invalid", spec.error().message);
  } else if (!spec->find(order.agent_id)) {
    out = failure("invalid", "the team has no agent \"" + order.agent_id + "\"");
  } else {
    out = launch_one(ctx, *spec, order);
  }
  if (!out.ok && order.add)
    if (auto st = write_file_atomic(path, *original); !st)
      out.message += "; and team.json could not be restored: " + st.error().message;
  return out;
}

AgentStartOutcome check_start(const LifecycleContext& ctx, const AgentStartOrder& order) {
  auto history = session_history(ctx.paths);
  if (!history) return failure("failed", "cannot read the agents' sessions: " +
                                           history.error().message);
  auto d = decide_launches({{order.agent_id}, *history, ctx.paths.workspace, order.allow_fresh});
  if (!d.refused) return AgentStartOutcome{true, "done", "", "", "", {}};
  (void)ops::append_to_log(ctx.paths)(std::move(d.events));
  return failure("refused", d.sentences.empty() ? "its context would be lost" : d.sentences.front());
}

Status remove_worker(const LifecycleContext& ctx, const std::string& agent) {
  auto text = config::read_team_spec_text(ctx.paths.team_json);
  if (!text) return text.error();
  auto edited = config::spec_without_worker(*text, agent);
  if (!edited) return edited.error();
  return write_file_atomic(ctx.paths.team_json, *edited);
}

}  // namespace

std::shared_ptr<actors::AgentLifecycle> make_agent_lifecycle(LifecycleContext ctx) {
  auto c = std::make_shared<LifecycleContext>(std::move(ctx));
  auto hooks = std::make_shared<actors::AgentLifecycle>();
  hooks->close_pane = [c](const std::string&, const std::string& pane_id) -> Status {
    if (pane_id.empty()) return ok_status();
    auto killed = terminal::kill_pane(*c->server, pane_id);
    if (!killed && !terminal::pane_info(*c->server, pane_id)) return ok_status();  // gone already
    return killed;
  };
  hooks->start_agent = [c](const AgentStartOrder& order) { return start_agent(*c, order); };
  hooks->check_start = [c](const AgentStartOrder& order) { return check_start(*c, order); };
  hooks->remove_worker = [c](const std::string& agent) { return remove_worker(*c, agent); };
  return hooks;
}

}  // namespace ta::supervisor
