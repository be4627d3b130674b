#include "tests/e2e/trust_support.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace ta::test {

using namespace std::chrono_literals;

TeamOptions trust_team(const std::string& subpath, const nlohmann::json& runtime) {
  TeamOptions o;
  o.team = "t";
  o.subpath = subpath;
  o.runtime = runtime;
  return o;
}

Sent send_to_w1(const TeamWorkspace& team, const std::string& text,
                const std::vector<std::string>& extra) {
  auto s = send_message(team, "w1", text, extra);
  REQUIRE_MESSAGE(!s.message_id.empty(), s.out << s.err);
  return s;
}

std::vector<events::Event> about(const TeamWorkspace& team, const std::string& type,
                                 const std::string& message_id) {
  auto evs = events_of(team, type);
  auto other = [&](const events::Event& e) {
    return e.data.value("message_id", "") != message_id;
  };
  evs.erase(std::remove_if(evs.begin(), evs.end(), other), evs.end());
  return evs;
}

bool await_submitted(const TeamWorkspace& team, const std::string& agent) {
  auto deadline = std::chrono::steady_clock::now() + 15s;
  while (team.transcript(agent, "submitted").empty()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

std::size_t tokens_seen(const TeamWorkspace& team, const std::string& agent,
                        const std::string& id) {
  std::size_t n = 0;
  for (const auto& e : team.transcript(agent, "submitted"))
    for (const auto& t : e.value("tokens", nlohmann::json::array())) n += t == id;
  return n;
}

}  // namespace ta::test
