// `team-agent fake-agent-daemon` (hidden): the fake agent's background
// daemon, started by `fake-agent --spawn-detached` (fake_agent/daemon.cc).
#include <memory>
#include <string>

#include "cli/command.h"
#include "fake_agent/daemon.h"

namespace ta::cli {

void register_fake_agent_daemon(CLI::App& app, Context& ctx) {
  auto listen = std::make_shared<std::string>();
  auto* sub = app.add_subcommand(
      "fake-agent-daemon",
      "The fake agent's background daemon (fake-agent --spawn-detached): ignores SIGTERM and "
      "lives until killed.");
  sub->group("");  // hidden from `team-agent --help`
  sub->add_option("--listen", *listen, "Serve this Unix socket path, holding connections open");
  sub->callback([&ctx, listen] { ctx.run = [listen] { return fake::run_daemon(*listen); }; });
}

}  // namespace ta::cli
