#pragma once
// One persistent control-mode connection (`tmux -C attach`) to the team's
// private server, read by a thread this class owns.
//
// - Commands from any thread are written in order and their replies matched
//   to callers by order (tmux answers a control client's commands one block
//   each, in sequence). A caller blocks at most its timeout; the reader
//   thread never blocks on a caller.
// - `%output` for a pane becomes a "changed" signal: every registered output
//   callback is called with the pane id. Only panes of the attached session
//   are reported (tmux sends a control client output of its own session only).
// - The client is attached with ignore-size (it never resizes panes) and
//   pause-after. While only control clients are attached and all are behind,
//   tmux stops reading the pane (its program's writes block), so a slow
//   reader here slows the agents: keep callbacks quick. While a human's
//   terminal is attached, tmux keeps reading and would buffer for us; after
//   pause-after seconds it pauses the pane for us instead, and we signal the
//   pane as changed and resume it, dropping the backlog nobody needs (the
//   signal says "look again", not what was printed).
// - When the server goes away, pending commands fail, state callbacks are
//   told, and the connection re-attaches with backoff until close(); pane
//   ids from before a server restart are meaningless afterwards, which
//   generation() lets callers notice.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "terminal/tmux_process.h"
#include "terminal/tmux_protocol.h"
#include "terminal/tmux_runner.h"
#include "terminal/tmux_server.h"

namespace ta::terminal {

struct ControlOptions {
  std::string session;  // the team session to attach to; must exist
  std::chrono::milliseconds command_timeout{5000};
  std::chrono::milliseconds connect_timeout{5000};
  int pause_after_seconds = 2;
  std::chrono::milliseconds reconnect_max_backoff{1000};
  // set-buffer carries texts up to this size (after quoting) over control
  // mode; tmux parses such a line at ~40 ns/byte, while a `load-buffer -`
  // subprocess costs ~2.5 ms whatever the size, so larger texts (and any
  // with NUL bytes, which tmux arguments cannot hold) use the subprocess.
  std::size_t max_set_buffer_bytes = 32 * 1024;
};

class TmuxControl : public TmuxRunner {
 public:
  using Reply = Result<std::vector<std::string>>;
  // Called on the reader thread: must be quick and must not wait for a
  // command's reply (the reader delivers replies). Post a message instead.
  using OutputCallback = std::function<void(const std::string& pane_id)>;
  using StateCallback = std::function<void(bool connected, const std::string& why)>;
  // A window's layout changed (%layout-change: panes added, moved or
  // resized, or the window resized with the terminal); on the reader thread.
  using LayoutCallback = std::function<void(const std::string& window_id)>;

  // Attaches to `options.session`; fails with the reason when that cannot
  // be done now (no server, no such session). Later losses reconnect.
  static Result<std::unique_ptr<TmuxControl>> connect(TmuxServer server, ControlOptions options);
  ~TmuxControl() override;
  TmuxControl(const TmuxControl&) = delete;
  TmuxControl& operator=(const TmuxControl&) = delete;

  // Runs one tmux command line (see check_single_command) and waits for its
  // reply lines. Fails at once while disconnected.
  Reply command(const std::string& line);
  Reply command(const std::string& line, std::chrono::milliseconds timeout);
  // The same without waiting; the future is always eventually ready.
  std::future<Reply> command_async(const std::string& line);

  // TmuxRunner: the words are quoted into one command line.
  Reply run(const std::vector<std::string>& words) override;
  Status load_buffer(const std::string& name, std::string_view data) override;

  // Callbacks may be added at any time; they live as long as this object.
  void on_output(OutputCallback cb);
  void on_state(StateCallback cb);
  void on_layout(LayoutCallback cb);

  bool connected() const;
  // Increments on every successful attach, starting at 1.
  std::uint64_t generation() const;
  // How many times tmux paused a pane's output because we fell behind (each
  // was signalled and resumed at once).
  std::uint64_t pauses() const { return pauses_.load(); }
  // Why the connection is down (empty while connected).
  std::string last_error() const;
  bool wait_connected(std::chrono::milliseconds timeout) const;
  bool wait_disconnected(std::chrono::milliseconds timeout) const;
  const TmuxServer& server() const { return server_; }

  // Detaches, fails pending commands and stops the reader thread.
  void close();

 private:
  using Promise = std::promise<Reply>;
  TmuxControl(TmuxServer server, ControlOptions options);

  void reader_loop();
  bool attach_once();  // spawns the client; false when it cannot start
  void pump(int timeout_ms);  // one poll round on the current client
  void client_exited();
  void detach();
  void handle_line(std::string_view line);
  void handle_reply(ControlReply reply);
  void handle_notification(const ControlNotification& n);
  void lose_connection(const std::string& why);
  void set_state(bool connected, const std::string& why);
  void write_or_fail(const std::string& line, std::shared_ptr<Promise> promise);
  bool wait_wake(std::chrono::milliseconds timeout);

  TmuxServer server_;
  ControlOptions options_;

  // Serialises writers so that the order of lines on the wire is the order
  // of `pending_`; never held by the reader while it waits for data.
  std::mutex write_mu_;
  mutable std::mutex mu_;
  mutable std::condition_variable state_cv_;
  struct Pending {
    std::shared_ptr<Promise> promise;
    std::string command_name;  // for error sentences
  };
  std::deque<Pending> pending_;
  bool connected_ = false;
  bool announced_ = false;  // connected_ once the state observers were told
  bool closing_ = false;
  bool first_attempt_done_ = false;
  std::uint64_t generation_ = 0;
  std::string last_error_;
  int in_fd_ = -1;  // the current client's stdin; swapped under write_mu_ + mu_
  pid_t child_pid_ = -1;

  // Owned by the reader thread only.
  ChildProcess child_;
  ControlParser parser_;
  std::string read_buf_;
  std::string err_text_;
  std::string exit_reason_;
  std::string attach_error_;
  bool attached_ = false;
  std::atomic<std::uint64_t> pauses_{0};
  std::atomic<int> spinners_{0};  // callers yield-waiting for a reply

  std::mutex cb_mu_;
  std::shared_ptr<const std::vector<OutputCallback>> output_cbs_;
  std::shared_ptr<const std::vector<StateCallback>> state_cbs_;
  std::shared_ptr<const std::vector<LayoutCallback>> layout_cbs_;

  UniqueFd wake_fd_;  // eventfd: close() interrupts the reader's poll
  std::thread::id reader_id_;
  std::thread reader_;
};

}  // namespace ta::terminal
