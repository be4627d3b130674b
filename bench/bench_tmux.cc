// What a capture and a paste cost over the control-mode connection against
// the simple way (one `tmux` subprocess per call), in the same run, on the
// same private server and the same panes, through the same typed operations.
//
//   bench_tmux [WORKDIR] [JSON_OUT]
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

#include "bench/bench_util.h"
#include "terminal/tmux_control.h"
#include "terminal/tmux_ops.h"
#include "terminal/tmux_server.h"

using namespace ta;
using namespace ta::terminal;

namespace {

// The private server this run started; killed however the run ends.
const TmuxServer* g_server = nullptr;

struct ServerKiller {
  ~ServerKiller() {
    if (g_server) (void)g_server->kill();
  }
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_tmux: %s\n", what.c_str());
  if (g_server) (void)g_server->kill();
  std::exit(1);
}

template <class T>
T need(Result<T> r, const char* what) {
  if (!r) die(std::string(what) + ": " + r.error().message);
  return std::move(*r);
}

// Mean microseconds per call of `op` over `n` calls.
template <class Op>
double micros_per_call(int n, Op op) {
  auto t0 = bench::Clock::now();
  for (int i = 0; i < n; ++i) op(i);
  return bench::seconds_since(t0) * 1e6 / n;
}

// Waits (bounded) until every pane shows `needle`; set-up only, not timed.
void wait_for_all(TmuxRunner& tmux, const std::vector<std::string>& panes,
                  const std::string& needle) {
  auto deadline = bench::Clock::now() + std::chrono::seconds(30);
  for (auto& p : panes) {
    while (need(capture_pane(tmux, p), "capture").find(needle) == std::string::npos) {
      if (bench::Clock::now() > deadline) die("pane " + p + " never showed " + needle);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

std::string message_of(size_t size) {
  std::string unit =
      "Team Agent message from leader: please look at issue 42 \x1b[1m(now)\x1b[0m\n";
  std::string s;
  while (s.size() < size) s += unit;
  s.resize(size);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::string work = argc > 1 ? argv[1] : "/tmp/team-agent-bench-tmux";
  std::string json = argc > 2 ? argv[2] : "";
  std::filesystem::create_directories(work);
  ServerOptions so;
  so.socket_name = socket_name_for_workspace(work);
  TmuxServer server = need(TmuxServer::locate(so), "tmux");
  g_server = &server;
  ServerKiller killer;
  StartOptions start;
  start.session = "bench";
  start.command = {"cat"};
  if (auto st = server.start(start); !st) die(st.error().message);
  ControlOptions co;
  co.session = "bench";
  auto ctl = need(TmuxControl::connect(server, co), "control mode");

  // Four panes with a full screen of prose-like lines and long history; two
  // panes that swallow pastes without drawing anything.
  std::vector<std::string> text_panes, paste_panes;
  for (int i = 0; i < 4; ++i) {
    SpawnSpec s;
    s.argv = {"sh", "-c",
              "i=0; while [ $i -lt 3000 ]; do echo \"line $i: the agent is thinking about the "
              "task at hand, one step at a time\"; i=$((i+1)); done; echo END; exec cat"};
    text_panes.push_back(need(new_window(*ctl, "bench", s), "new-window"));
  }
  for (int i = 0; i < 2; ++i) {
    SpawnSpec s;
    s.argv = {"sh", "-c", "stty raw -echo; exec cat > /dev/null"};
    paste_panes.push_back(need(new_window(*ctl, "bench", s), "new-window"));
  }
  wait_for_all(*ctl, text_panes, "END");
  if (need(capture_pane(*ctl, text_panes[0]), "capture") !=
      need(capture_pane(server, text_panes[0]), "capture"))
    die("control mode and a subprocess captured different text");

  auto capture_cost = [&](TmuxRunner& tmux, int n, const CaptureOptions& o) {
    return micros_per_call(n, [&](int i) {
      need(capture_pane(tmux, text_panes[static_cast<size_t>(i) % text_panes.size()], o),
           "capture");
    });
  };
  // Pane actors capture in parallel: four callers at once, cost per capture.
  auto parallel_capture_cost = [&](TmuxRunner& tmux, int per_caller) {
    auto t0 = bench::Clock::now();
    std::vector<std::thread> callers;
    for (size_t t = 0; t < text_panes.size(); ++t)
      callers.emplace_back([&, t] {
        for (int i = 0; i < per_caller; ++i) need(capture_pane(tmux, text_panes[t]), "capture");
      });
    for (auto& c : callers) c.join();
    return bench::seconds_since(t0) * 1e6 / (per_caller * static_cast<double>(text_panes.size()));
  };
  auto paste_cost = [&](TmuxRunner& tmux, int n, const std::string& text, const char* tag) {
    return micros_per_call(n, [&](int i) {
      std::string buffer = std::string("bench-") + tag + "-" + std::to_string(i);
      if (auto st = load_buffer(tmux, buffer, text); !st) die(st.error().message);
      if (auto st = paste_buffer(tmux, buffer, paste_panes[static_cast<size_t>(i) % 2]); !st)
        die(st.error().message);
    });
  };

  CaptureOptions visible, history;
  history.history_lines = 1000;
  std::string small = message_of(1024), large = message_of(200 * 1024);

  double cap_ctl = capture_cost(*ctl, 4000, visible);
  double cap_sub = capture_cost(server, 300, visible);
  double par_ctl = parallel_capture_cost(*ctl, 1000);
  double par_sub = parallel_capture_cost(server, 100);
  double hist_ctl = capture_cost(*ctl, 1000, history);
  double hist_sub = capture_cost(server, 100, history);
  double paste_ctl = paste_cost(*ctl, 1000, small, "c");
  double paste_sub = paste_cost(server, 150, small, "s");
  double big_ctl = paste_cost(*ctl, 30, large, "C");
  double big_sub = paste_cost(server, 30, large, "S");

  const std::string per_call = "one tmux subprocess per call";
  double cap_ratio = cap_sub / cap_ctl;
  bench::report(
      "tmux control mode",
      {{"capture-pane, visible screen", "us/call", cap_ctl, cap_sub, per_call, ">= 20x",
        cap_ratio >= 20, true},
       {"capture-pane, 4 callers at once", "us/call", par_ctl, par_sub, per_call, "", true,
        true},
       {"capture-pane, +1000 lines of history", "us/call", hist_ctl, hist_sub, per_call, "",
        true, true},
       {"paste 1 KiB (load, paste -p -d)", "us/call", paste_ctl, paste_sub,
        "two tmux subprocesses per paste", "", true, true},
       {"paste 200 KiB (load, paste -p -d)", "us/call", big_ctl, big_sub,
        "two tmux subprocesses per paste", "", true, true}},
      json);
  ctl->close();
  std::filesystem::remove_all(work);
  return 0;
}
