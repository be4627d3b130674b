// `send_message` through a running `team-agent mcp` process (as an agent's
// CLI keeps one open) against the `team-agent send` process an agent would
// otherwise run in its shell, in the same run, with a supervisor running:
// the time until message.accepted is recorded and the caller has its
// answer (the MCP reply; the CLI's exit with --no-wait).
//
//   bench_mcp TEAM_AGENT_BIN [WORKDIR] [JSON_OUT]
//   BENCH_MCP_MESSAGES=300   messages per side
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "bench/bench_util.h"
#include "bench/bench_workspace.h"
#include "events/reader.h"
#include "util/clock.h"

#include <map>

using namespace ta;
using namespace ta::bench;

namespace {

const std::vector<std::string> kWorkers = {"w1", "w2", "w3"};

// `team-agent mcp` for the leader, on two pipes.
struct McpChild {
  pid_t pid = -1;
  int in = -1, out = -1;
  std::string buf;

  McpChild(const std::string& bin, const std::string& ws) {
    int a[2], b[2];
    if (::pipe(a) || ::pipe(b)) die("pipe");
    pid = ::fork();
    if (pid == 0) {
      ::dup2(a[0], 0);
      ::dup2(b[1], 1);
      ::close(a[1]);
      ::close(b[0]);
      ::setenv("TEAM_AGENT_ID", "leader", 1);
      ::setenv("TEAM_AGENT_WORKSPACE", ws.c_str(), 1);
      ::execl(bin.c_str(), bin.c_str(), "mcp", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(a[0]);
    ::close(b[1]);
    in = a[1];
    out = b[0];
  }
  ~McpChild() {
    ::close(in);
    ::waitpid(pid, nullptr, 0);
    ::close(out);
  }
  void write_line(const std::string& s) {
    std::string line = s + "\n";
    if (::write(in, line.data(), line.size()) != static_cast<ssize_t>(line.size())) die("write");
  }
  std::string read_line() {
    for (;;) {
      if (auto nl = buf.find('\n'); nl != std::string::npos) {
        std::string line = buf.substr(0, nl);
        buf.erase(0, nl + 1);
        return line;
      }
      char chunk[65536];
      ssize_t n = ::read(out, chunk, sizeof chunk);
      if (n <= 0) die("team-agent mcp ended");
      buf.append(chunk, static_cast<size_t>(n));
    }
  }
};

std::string call_line(int id, int i) {
  return nlohmann::json{{"jsonrpc", "2.0"}, {"id", id}, {"method", "tools/call"},
                        {"params", {{"name", "send_message"},
                                    {"arguments", {{"to", kWorkers[static_cast<size_t>(i) % 3]},
                                                   {"text", "bench mcp " + std::to_string(i)}}}}}}
      .dump();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2)
    return std::fprintf(stderr, "usage: bench_mcp TEAM_AGENT_BIN [WORKDIR] [JSON_OUT]\n"), 2;
  std::string bin = std::filesystem::absolute(argv[1]).string();
  std::string work = argc > 2 ? argv[2] : "/tmp/team-agent-bench-mcp";
  std::string json = argc > 3 ? argv[3] : "";
  int n = env_int("BENCH_MCP_MESSAGES", 300);
  if (n < 1) die("BENCH_MCP_MESSAGES must be at least 1");
  std::filesystem::create_directories(work);
  std::string ws = make_fake_workspace(work + "/ws", "bench-mcp", kWorkers);
  auto sup = Supervisor::start(bin, ws);
  sup.wait_for("supervisor.started", 60);

  std::vector<double> mcp_ms, cli_ms;
  std::map<std::string, UnixMicros> sent_at;  // by content: when the request was written
  {
    McpChild mcp(bin, ws);
    mcp.write_line(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}})");
    mcp.read_line();
    for (int i = 0; i < n; ++i) {
      auto t0 = Clock::now();
      sent_at["bench mcp " + std::to_string(i)] = now_micros();
      mcp.write_line(call_line(i + 1, i));
      std::string reply = mcp.read_line();
      mcp_ms.push_back(seconds_since(t0) * 1000);
      if (reply.find("\"isError\":false") == std::string::npos) die("send_message failed: " + reply);
    }
  }
  std::string out = work + "/send.out";
  for (int i = 0; i < n; ++i) {
    auto t0 = Clock::now();
    sent_at["bench cli " + std::to_string(i)] = now_micros();
    int code = run_cli(bin, {"--workspace", ws, "send", kWorkers[static_cast<size_t>(i) % 3],
                             "bench cli " + std::to_string(i), "--from", "leader", "--no-wait"},
                       out);
    cli_ms.push_back(seconds_since(t0) * 1000);
    if (code != 0) die("team-agent send exited " + std::to_string(code));
  }
  sup.stop();
  cleanup().run();

  // The log's own stamp of each message.accepted, against when it was asked for.
  std::vector<double> mcp_accepted, cli_accepted;
  events::LogReader reader(ws + "/.team/events");
  events::Event e;
  for (auto nx = reader.next(e); nx != events::LogReader::Next::end; nx = reader.next(e)) {
    if (nx == events::LogReader::Next::corrupt) {
      reader.skip_corrupt();
      continue;
    }
    if (e.type != "message.accepted") continue;
    auto it = sent_at.find(e.data.value("content", ""));
    auto ts = parse_rfc3339(e.ts);
    if (it == sent_at.end() || !ts) continue;
    double ms = static_cast<double>(*ts - it->second) / 1000.0;
    (it->first.rfind("bench mcp", 0) == 0 ? mcp_accepted : cli_accepted).push_back(ms);
  }
  if (mcp_accepted.size() != static_cast<size_t>(n) || cli_accepted.size() != static_cast<size_t>(n))
    die("not every message.accepted was found in the log");
  double a50 = percentile(mcp_accepted, 50), a99 = percentile(mcp_accepted, 99);
  double ca50 = percentile(cli_accepted, 50), ca99 = percentile(cli_accepted, 99);

  double p50 = percentile(mcp_ms, 50), p99 = percentile(mcp_ms, 99);
  double c50 = percentile(cli_ms, 50), c99 = percentile(cli_ms, 99);
  const std::string how = "`team-agent send --no-wait` process per message";
  report("send_message -> message.accepted (" + std::to_string(n) +
             " messages, 3 fake workers, supervisor running)",
         {{"MCP send_message -> message.accepted p50", "ms", a50, ca50, how, "<= 5", a50 <= 5, true},
          {"MCP send_message -> message.accepted p99", "ms", a99, ca99, how, "", true, true},
          {"MCP send_message reply (round trip) p50", "ms", p50, c50, how, "", true, true},
          {"MCP send_message reply (round trip) p99", "ms", p99, c99, how, "", true, true}},
         json);
  std::filesystem::remove_all(work);
  return 0;
}
