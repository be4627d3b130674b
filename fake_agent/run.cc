#include "fake_agent/run.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "fake_agent/daemon.h"
#include "fake_agent/loop.h"
#include "fake_agent/session.h"
#include "fake_agent/transcript.h"

namespace ta::fake {

namespace {

// As the CLI reports an error: one line on stderr; the error's code, never 0.
int report(const Error& e) {
  std::fprintf(stderr, "team-agent: %s\n", e.message.c_str());
  return e.code == 0 ? 1 : e.code;
}

std::string from_environment(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  return v ? std::string(v) : std::string();
}

std::string current_dir() {
  char buf[4096];
  return ::getcwd(buf, sizeof buf) ? buf : ".";
}

}  // namespace

int run_fake_agent(const Flags& flags) {
  auto opts = resolve(flags, from_environment, current_dir());
  if (!opts) return report(opts.error());
  Transcript transcript;
  if (!opts->transcript_path.empty()) {
    auto t = Transcript::open(opts->transcript_path);
    if (!t) return report(t.error());
    transcript = std::move(*t);
  }
  auto session = SessionFile::prepare(*opts);
  if (!session) {
    // The CLI's own words, as a launcher watching the pane would see them.
    std::fprintf(stderr, "%s\n", session.error().message.c_str());
    return session.error().code;
  }
  nlohmann::json session_info = nullptr;
  if (session->enabled())
    session_info = {{"session_id", session->id()},
                    {"resumed", session->resumed()},
                    {"path", session->path()},
                    {"earlier_turns", session->earlier().size()}};
  transcript.write("started", {{"id", opts->id},
                               {"pid", ::getpid()},
                               {"mode", mode_name(opts->mode)},
                               {"cwd", opts->cwd},
                               {"session", session_info}});
  if (opts->spawn_detached) spawn_detached(opts->detached_listen);
  return run_event_loop(*opts, transcript, *session);
}

}  // namespace ta::fake
