#pragma once
// The blocking half of a pane_actor: reading what the pane shows and
// delivering one message into it. Both run on the pane's own I/O thread
// (BlockingWorker), never on a CAF worker.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <caf/actor_system.hpp>

#include "actors/interfaces.h"
#include "config/provider_profile.h"
#include "terminal/api_error.h"
#include "terminal/pane_changes.h"
#include "terminal/tmux_runner.h"
#include "terminal/tool_approval.h"

namespace ta::actors {

// What the leader's pane additionally needs (SPEC §4, §5).
struct LeaderWatch {
  std::string session;     // "%pane:pid": a new leader process is a new session
  std::string inbox_path;  // .team/leader-inbox.log
  std::string provider;
  // Reports each API error once until a clean screen; used on the leader
  // pane's I/O thread only.
  terminal::ApiErrorDedupe dedupe;
  terminal::NoticeDedupe notices;  // each startup notice once
};

// Tool approval prompts of one pane (actors/pane_approval.h); used on the
// pane's I/O thread only.
struct ApprovalWatch {
  std::string server;  // the team's own MCP server: its tools are approved
  std::string left;    // the prompt last left for the human, recorded once
};

// The pane an actor owns and what it needs to reach it.
struct PaneTarget {
  std::string agent_id;
  std::string pane_id;  // "%3"
  bool is_leader = false;
  std::shared_ptr<const config::ProviderProfile> profile;
  std::shared_ptr<terminal::TmuxRunner> tmux;
  std::shared_ptr<terminal::PaneChanges> changes;  // may be null: poll instead
  std::shared_ptr<LeaderWatch> leader;             // set for the leader's pane only
  std::shared_ptr<ApprovalWatch> approvals;        // null: tool approvals are not looked for
  // Steady-clock ms of the last leader→worker submit, shared by all panes:
  // an API error right after a dispatch is worth knowing about.
  std::shared_ptr<std::atomic<std::int64_t>> last_dispatch_ms;
};

struct PaneScreen {
  // exited | unknown | a non-input state (trust_prompt, numbered_menu, …)
  // | an activity (idle, working, stuck, uncertain).
  std::string state = "unknown";
  bool dead = false;
  int exit_code = -1;  // when dead: the status if tmux knows it, else -1
  std::uint64_t screen_hash = 0;  // of the normalised screen text
  std::optional<terminal::ApiErrorMatch> api_error;  // leader pane only
  std::optional<terminal::ScreenNotice> notice;      // leader pane only
  std::optional<terminal::ToolApproval> approval;    // a tool approval prompt on screen
};

// Whether tmux can be asked at all: when it cannot, a pane it does not list
// is not known to be gone.
bool tmux_reachable(terminal::TmuxRunner& tmux);

// The start time of a pane's process, for pane.started (0: unknown).
std::int64_t start_ticks_of(int pid);

// One look at the pane: tmux's view of it (dead? in a mode?), then the
// screen through the same classifiers `team-agent inspect` uses.
PaneScreen read_pane_screen(const PaneTarget& pane);

// For the leader pane: records leader.api_error when the screen shows an API
// error not reported for this failed request (ApiErrorDedupe), and
// leader.notice once per startup notice.
void watch_leader_screen(caf::actor_system& sys, const store_writer_actor& writer,
                         const PaneTarget& pane, const PaneScreen& screen);

struct DeliveryJob {
  Delivery message;
  int attempt = 1;
  // The first leader→worker success stamps worker.first_interaction.
  bool stamp_first_interaction = false;
};

struct DeliveryOutcome {
  bool submitted = false;
  bool recorded = false;  // the outcome events are durable
  std::string reason;     // why it failed
};

// send.failed for a message decided without an inject (never attempted,
// or cut off by a restart: then `attempt` says which attempt it was).
events::Draft failed_without_inject(const Delivery& m, std::string reason, std::string stage,
                                    std::string detected = {}, int attempt = 0);

// SPEC §3: records send.deliver_attempt (durable before anything is
// pasted), injects, then records send.submitted (with
// worker.first_interaction when asked) or send.failed. Pastes nothing when
// the attempt cannot be recorded.
DeliveryOutcome deliver_message(caf::actor_system& sys, const store_writer_actor& writer,
                                const PaneTarget& pane, const DeliveryJob& job);

}  // namespace ta::actors
