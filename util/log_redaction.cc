#include "util/log_redaction.h"

#include <memory>
#include <vector>

#include <spdlog/sinks/sink.h>
#include <spdlog/spdlog.h>

#include "util/redact.h"

namespace ta {

namespace {

// Hands each message to the real sinks with its text redacted; formatting
// stays theirs, so lines look exactly as before.
class RedactingSink : public spdlog::sinks::sink {
 public:
  explicit RedactingSink(std::vector<spdlog::sink_ptr> sinks) : sinks_(std::move(sinks)) {}

  void log(const spdlog::details::log_msg& msg) override {
    std::string_view text(msg.payload.data(), msg.payload.size());
    std::string redacted = redact_secrets(text);
    spdlog::details::log_msg copy = msg;
    copy.payload = spdlog::string_view_t(redacted.data(), redacted.size());
    for (auto& s : sinks_)
      if (s->should_log(copy.level)) s->log(copy);
  }
  void flush() override {
    for (auto& s : sinks_) s->flush();
  }
  void set_pattern(const std::string& pattern) override {
    for (auto& s : sinks_) s->set_pattern(pattern);
  }
  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override {
    for (auto& s : sinks_) s->set_formatter(formatter->clone());
  }

 private:
  std::vector<spdlog::sink_ptr> sinks_;
};

}  // namespace

void redact_log_lines() {
  auto current = spdlog::default_logger();
  auto sink = std::make_shared<RedactingSink>(current->sinks());
  auto logger = std::make_shared<spdlog::logger>(current->name(), sink);
  logger->set_level(current->level());
  logger->flush_on(current->flush_level());
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace ta
