#pragma once
// What the trust-prompt end-to-end tests share: team "t" in a workspace of
// its own, `send` to worker w1, and the events and fake-agent transcript
// entries that say what happened to one message.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_fixture.h"

namespace ta::test {

inline constexpr const char* kTrustAnswered = "leader_panes.trust_auto_answered";

// Team "t", in a workspace at `subpath` of its temporary directory, with
// the spec's "runtime" object when not null.
TeamOptions trust_team(const std::string& subpath = "", const nlohmann::json& runtime = nullptr);

// `team-agent send w1 TEXT --json extra…`, waiting for its verdict.
Sent send_to_w1(const TeamWorkspace& team, const std::string& text,
                const std::vector<std::string>& extra = {});

// The events of `type` about one message, in log order.
std::vector<events::Event> about(const TeamWorkspace& team, const std::string& type,
                                 const std::string& message_id);

// The agent writes its "submitted" entry when it reads the Enter, a moment
// after send.submitted: a file with nothing to wait on, looked at shortly.
bool await_submitted(const TeamWorkspace& team, const std::string& agent);

// How many times the agent's transcript says it got message `id`.
std::size_t tokens_seen(const TeamWorkspace& team, const std::string& agent,
                        const std::string& id);

}  // namespace ta::test
