#include "util/log_redaction.h"

#include <sstream>

#include <doctest/doctest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

TEST_CASE("log lines are redacted, formatted as before") {
  auto previous = spdlog::default_logger();
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  sink->set_pattern("%l: %v");
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("test", sink));
  ta::redact_log_lines();
  spdlog::warn("pane showed {}", "OPENAI_API_KEY=sk-proj-Zx81kPq0LmN3vB7cT5rW");
  spdlog::warn("nothing secret in msg_0123456789ab");
  spdlog::set_default_logger(previous);
  CHECK(out.str() ==
        "warning: pane showed OPENAI_API_KEY=[REDACTED:provider_key]\n"
        "warning: nothing secret in msg_0123456789ab\n");
}
