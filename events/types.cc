#include "events/types.h"

namespace ta::events {

namespace {

template <class T>
EventSpec spec_of() {
  EventSpec s{std::string(T::kType), T::kVersion, {}};
  const Json fields = T{};
  for (auto& [k, _] : fields.items()) s.fields.push_back(k);
  return s;
}

template <class... Ts>
std::vector<EventSpec> specs_of() {
  return {spec_of<Ts>()...};
}

}  // namespace

const std::vector<EventSpec>& event_catalogue() {
  static const std::vector<EventSpec> all =
      specs_of<LogRecovered, ProjectionRebuilt, SupervisorStarted, SupervisorStopping,
               SupervisorStopped, ActorRestarted, ActorGaveUp, PaneStarted, PaneStateChanged, PaneExited,
               PaneStartRetried, PaneProcessEscaped, ShutdownProcessEnded, ShutdownProcessKept,
               MessageAccepted,
               SendDeliverAttempt, SendDeferredBusy, SendDeferredStarting, SendSubmitted, SendFailed,
               MessageAcknowledged, WorkerFirstInteraction, ScheduleCreated, ScheduleFired,
               ScheduleCancelled, TrustAutoAnswered, TrustAutoSkipped, TrustAutoRefused,
               TrustAutoFailed, TrustRetryNeeded, TrustRetryScheduled, TrustRetryAttempted,
               TrustRetrySkipped, TrustExhausted, ResultReported, LeaderApiError, LeaderNotice,
               LeaderReceiverSubmitted, LeaderReceiverDeliveryFailed,
               LeaderNotificationDedupeSkip, SessionLaunched, SessionCaptured,
               SessionCaptureMissing, SessionDiscarded, RestartFirstInteractionInvalid,
               RestartResumeDecision, RestartAtomicRefusal, RestartFellBackFresh, RestartRollback,
               RestartComplete, SupervisorShutdownRequested,
               AgentStopRequested, AgentStartRequested,
               AgentRestartRequested, AgentResetRequested, AgentRemoveRequested,
               AgentAddRequested, AgentRequestCompleted, AgentTurnStateChanged,
               IdleEpisodeStarted, IdleReminderSent, IdleAcknowledged, IdleWatchChanged,
               AgentStuck, AgentUnstuck, AgentFault, AgentBlockedOnHuman,
               TeamDeadlockSuspected, AgentCancelRequested, AgentCancelled,
               SupervisorOrphanSelfTerminate, DisplayRebuilt, PaneHostConnected, PaneHostLost, TmuxServerLost, TeamRestarted, TeamRestartGaveUp,
               TeamGone, McpToolCalled, McpApprovalAnswered, McpApprovalLeft, HumanRequested, HumanAnswered>();
  return all;
}

const EventSpec* find_event_spec(std::string_view type) {
  for (auto& s : event_catalogue())
    if (s.type == type) return &s;
  return nullptr;
}

}  // namespace ta::events
