#include "terminal/inject.h"

#include <doctest/doctest.h>

using namespace ta::terminal;
using namespace std::chrono_literals;

TEST_CASE("a paste gets clamp(bytes/25000, 1.5, 30) seconds to show") {
  CHECK(landing_timeout(100) == 1500ms);
  CHECK(landing_timeout(200 * 1024) == 8192ms);
  CHECK(landing_timeout(5u << 20) == 30000ms);
}

TEST_CASE("every message pastes through a buffer named after it") {
  CHECK(paste_buffer_name("msg_0123456789ab") == "team-agent-send-msg_0123456789ab");
  CHECK(paste_buffer_name("msg_0123456789ab") != paste_buffer_name("msg_0123456789ac"));
}
