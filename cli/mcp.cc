// `team-agent mcp`: the team's tools for one agent, as an MCP server over
// stdio (newline-delimited JSON-RPC 2.0). Its agent's CLI starts it, with
// TEAM_AGENT_ID and TEAM_AGENT_WORKSPACE in its environment. Hidden from the
// short help: people never run it themselves.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/command.h"
#include "mcp/identity.h"
#include "mcp/server.h"
#include "mcp/stdio_loop.h"
#include "mcp/team_tools.h"
#include "util/log_redaction.h"

namespace ta::cli {

namespace {

constexpr const char* kInstructions =
    "These are your team's tools: use send_message to talk to other agents, report_result "
    "when a task the leader gave you is done (or blocked), read_messages to see what was "
    "sent to you, and request_human to ask a person. Prefer them to running team-agent in a "
    "shell.";

int run_mcp(const Context& ctx) {
  // stdout carries protocol lines only: every log line goes to stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("team-agent-mcp"));
  redact_log_lines();
  auto who = mcp::resolve_identity(ctx.workspace_flag, std::getenv("TEAM_AGENT_ID"),
                                   std::getenv("TEAM_AGENT_WORKSPACE"));
  if (!who) return report(who.error());
  mcp::TeamTools tools(std::move(*who));
  mcp::Server server(tools, TEAM_AGENT_VERSION, kInstructions);
  return mcp::serve_stdio(server, STDIN_FILENO, STDOUT_FILENO);
}

}  // namespace

void register_mcp(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand(
      "mcp",
      "Serve the team's tools to one agent over MCP (stdio, newline-delimited JSON-RPC 2.0); "
      "started by the agent's CLI with TEAM_AGENT_ID and TEAM_AGENT_WORKSPACE set. Exit 0 at "
      "the end of input, 2 when the agent or its team cannot be found.");
  sub->group("");
  sub->callback([&ctx] { ctx.run = [&ctx] { return run_mcp(ctx); }; });
}

}  // namespace ta::cli
