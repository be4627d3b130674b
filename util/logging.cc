#include "util/logging.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <spdlog/sinks/ansicolor_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

#include "util/log_redaction.h"

namespace ta {

namespace {

constexpr std::size_t kLogFileBytes = 5u << 20;
constexpr std::size_t kLogFilesKept = 3;

struct Logging {
  spdlog::level::level_enum level = spdlog::level::info;
  std::vector<spdlog::sink_ptr> sinks;
  std::string file;  // the log file added, if any
};

Logging& logging() {
  static Logging l;
  return l;
}

// Makes the default logger write to every sink, redacted, at the level.
void install() {
  auto& l = logging();
  auto logger = std::make_shared<spdlog::logger>("team-agent", l.sinks.begin(), l.sinks.end());
  logger->set_level(l.level);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
  redact_log_lines();
}

}  // namespace

const char* log_level_names() { return "trace, debug, info, warn, error, critical or off"; }

Status start_logging(const std::string& level_flag) {
  std::string name = level_flag;
  std::string source = "--log-level";
  const char* env = std::getenv("TEAM_AGENT_LOG");
  const bool asked = !name.empty() || (env && *env);
  if (name.empty()) {
    name = env && *env ? env : "info";
    source = "TEAM_AGENT_LOG";
  }
  const auto level = spdlog::level::from_str(name);
  // from_str reads any unknown word as off; only "off" itself means that.
  if (level == spdlog::level::off && name != "off")
    return make_error(source + " '" + name + "' is not a log level: use " + log_level_names(), 2);
  auto& l = logging();
  l.level = level;
  auto terminal = std::make_shared<spdlog::sinks::ansicolor_stderr_sink_mt>();
  // Unasked, the terminal shows only what needs attention; the file keeps
  // the rest.
  if (!asked) terminal->set_level(spdlog::level::warn);
  l.sinks = {terminal};
  install();
  return Ok{};
}

Status log_to_file(const std::string& path) {
  auto& l = logging();
  if (l.file == path) return Ok{};  // a team started again in the same process
  const auto dir = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (std::filesystem::create_directories(dir, ec)) ::chmod(dir.c_str(), 0700);
  if (ec) return make_error("cannot create " + dir.string() + ": " + ec.message());
  try {
    if (l.sinks.empty()) l.sinks = {std::make_shared<spdlog::sinks::ansicolor_stderr_sink_mt>()};
    l.sinks.push_back(
      std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path, kLogFileBytes, kLogFilesKept));
    l.file = path;
    install();
  } catch (const spdlog::spdlog_ex& e) {
    return make_error("cannot write the log file " + path + ": " + e.what());
  }
  return Ok{};
}

}  // namespace ta
