#include "util/logging.h"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>
#include <spdlog/spdlog.h>

namespace {

std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("logging: an unknown level is one sentence naming the accepted ones; nothing changes") {
  auto before = spdlog::default_logger();
  auto r = ta::start_logging("loud");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == 2);
  CHECK(r.error().message == "--log-level 'loud' is not a log level: use " +
                               std::string(ta::log_level_names()));
  CHECK(spdlog::default_logger() == before);
  ::setenv("TEAM_AGENT_LOG", "chatty", 1);
  auto env = ta::start_logging("");
  ::unsetenv("TEAM_AGENT_LOG");
  REQUIRE_FALSE(env);
  CHECK(env.error().message.rfind("TEAM_AGENT_LOG 'chatty'", 0) == 0);
}

TEST_CASE("logging: the supervisor's file gets the lines at the level, redacted, once") {
  auto before = spdlog::default_logger();
  const auto dir = std::filesystem::temp_directory_path() / ("ta-logging-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const std::string file = (dir / "logs" / "supervisor.log").string();
  REQUIRE(ta::start_logging("debug"));
  REQUIRE(ta::log_to_file(file));
  REQUIRE(ta::log_to_file(file));  // a second call adds no second copy of each line
  spdlog::debug("pane showed {}", "OPENAI_API_KEY=sk-proj-Zx81kPq0LmN3vB7cT5rW");
  spdlog::trace("below the level");
  spdlog::default_logger()->flush();
  const std::string text = slurp(file);
  CHECK(text.find("pane showed OPENAI_API_KEY=[REDACTED:provider_key]") != std::string::npos);
  CHECK(text.find("sk-proj") == std::string::npos);
  CHECK(text.find("below the level") == std::string::npos);
  CHECK(text.find("pane showed") == text.rfind("pane showed"));
  CHECK((std::filesystem::status(dir / "logs").permissions() & std::filesystem::perms::others_all) ==
        std::filesystem::perms::none);
  spdlog::set_default_logger(before);
  std::filesystem::remove_all(dir);
}
