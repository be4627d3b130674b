#pragma once
// How subcommands plug into the one `team-agent` binary: each cli/<name>.cc
// defines a register function that adds its CLI11 subcommand and, when that
// subcommand is chosen, sets `ctx.run` to the code that does the work.
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "config/paths.h"
#include "ops/errors.h"
#include "util/result.h"

namespace ta::cli {

using ops::kExitFailed;
using ops::kExitInterrupted;
using ops::kExitNoSupervisor;
using ops::kExitOk;
using ops::kExitUsage;

struct Context {
  std::string workspace_flag;  // --workspace, shared by all commands
  std::string argv0;           // how this binary was invoked
  std::function<int()> run;    // set by the chosen subcommand
  // What followed `--` after a quick-start verb: its CLI's arguments, untouched.
  std::vector<std::string> passthrough;
};

// Prints "team-agent: <message>" to stderr and returns the error's code.
int report(const Error& e);
// Resolves the workspace from --workspace / the environment / the cwd.
Result<config::Paths> workspace(const Context& ctx);
// Where a team is created (init, the quick start): --workspace, else
// $TEAM_AGENT_WORKSPACE, else the current directory itself, never an
// enclosing workspace (cli/init.cc).
Result<config::Paths> here_workspace(const Context& ctx);
// Records a team gone without a shutdown (ops/team_gone.h), found by the
// command `verb`, and says so in one sentence on stderr.
void note_team_gone(const config::Paths& paths, const std::string& verb);

void register_init(CLI::App& app, Context& ctx);
void register_send(CLI::App& app, Context& ctx);
void register_report(CLI::App& app, Context& ctx);
void register_answer(CLI::App& app, Context& ctx);
void register_status(CLI::App& app, Context& ctx);
void register_events(CLI::App& app, Context& ctx);
void register_replay(CLI::App& app, Context& ctx);
void register_doctor(CLI::App& app, Context& ctx);
void register_inspect(CLI::App& app, Context& ctx);
void register_attach(CLI::App& app, Context& ctx);
void register_peek(CLI::App& app, Context& ctx);
void register_inbox(CLI::App& app, Context& ctx);
void register_shutdown(CLI::App& app, Context& ctx);
void register_run(CLI::App& app, Context& ctx);
void register_restart(CLI::App& app, Context& ctx);
// stop, start, reset, remove-agent, add-agent (cli/agent_verbs.cc).
void register_agent_verbs(CLI::App& app, Context& ctx);
// acknowledge-idle, stuck, cancel (cli/health.cc).
void register_health_verbs(CLI::App& app, Context& ctx);
void register_fake_agent(CLI::App& app, Context& ctx);
// The MCP server of the agents' tools (cli/mcp.cc; hidden).
void register_mcp(CLI::App& app, Context& ctx);
void register_fake_agent_daemon(CLI::App& app, Context& ctx);
// A pane host of the team (cli/pane_host.cc; hidden, docs/scale-out.md).
void register_pane_host(CLI::App& app, Context& ctx);
// `team-agent claude|codex [ARGS…]` and the hidden `fake` (cli/quick_start.cc).
void register_quick_start(CLI::App& app, Context& ctx);
// For a quick-start verb, moves what follows its `--` into ctx.passthrough
// and returns the argc that is left for CLI11 (which would otherwise hand
// those words to the global options); argc unchanged otherwise.
int take_passthrough(int argc, char** argv, Context& ctx);

}  // namespace ta::cli
