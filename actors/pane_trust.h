#pragma once
// Answering a trust prompt that stands between a pane and its next message
// (SPEC §5). Only when opted in and only for the agent's own workspace (or
// its git repository root, with "auto_trust_scope": "repository"), and only
// when the accepting option is identified for certain: the selection is
// moved onto it with arrow keys, the screen is read back to see it
// selected, and only then is Enter pressed; then up to 3 s for the prompt to
// go. If it stays, a durable retry is scheduled (schedule.created kind
// trust_retry, owned by the pane's actor) after 5, 15 and 30 s; attempt 4 is
// the last, after which the parked message fails. Blocking: runs on the
// pane's I/O thread and records its own events.
#include <chrono>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>

#include "actors/interfaces.h"
#include "actors/pane_io.h"
#include "config/team_spec.h"

namespace ta::actors {

inline constexpr int kTrustMaxAttempts = 4;

struct TrustPolicy {
  bool opted_in = false;
  std::string workspace;  // the agent's workspace, as the prompt should name it
  std::string home;       // for "~" in prompt paths
  // Whether the git repository root holding the workspace may be trusted too.
  config::TrustScope scope = config::TrustScope::workspace;
  // The git repository root holding the workspace (empty: none), found once
  // at start rather than on every look at a prompt.
  std::string repository_root;
  // Delay before attempts 2, 3 and 4.
  std::vector<std::chrono::milliseconds> backoff{std::chrono::seconds(5),
                                                 std::chrono::seconds(15),
                                                 std::chrono::seconds(30)};
  std::chrono::milliseconds prompt_wait{3000};  // for the prompt to go after Enter
  // For the screen to show the accepting option selected after arrow keys.
  std::chrono::milliseconds readback_wait{2000};
  // How long a prompt's screen must stand still before a key goes to it: a
  // CLI may draw its prompt again from scratch just after showing it, the
  // selection back on its default (Claude 2.1.332 does, within ~150 ms).
  std::chrono::milliseconds steady{400};
};

enum class TrustStep {
  prompt_gone,  // nothing (left) to answer: deliver now
  answered,     // answered and gone: deliver now
  not_answered, // skipped, refused or failed: delivery goes on and its gate refuses
  parked,       // a retry is scheduled; the message waits for it
  exhausted,    // all attempts used; the message failed
  pane_exited,  // the pane's process is gone: nothing was pressed
};

TrustStep handle_trust_prompt(caf::actor_system& sys, const store_writer_actor& writer,
                              const PaneTarget& pane, const TrustPolicy& policy,
                              const Delivery& message, int attempt);

// The id of the trust_retry timer that makes `attempt` for a message.
std::string trust_timer_id(const std::string& message_id, int attempt);

// The name under which a pane's actor owns its timers.
std::string pane_timer_owner(const std::string& agent_id);

}  // namespace ta::actors
