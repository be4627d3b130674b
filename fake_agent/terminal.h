#pragma once
// The fake agent's terminal: raw mode and bracketed paste while it runs
// (restored on every way out, signals included), the pane's size, and
// signals turned into readable bytes on a pipe for the poll loop.
#include <termios.h>

#include <memory>
#include <string_view>
#include <vector>

#include "util/fs.h"
#include "util/result.h"

namespace ta::fake {

class Terminal {
 public:
  // Puts stdin in raw mode when it is a terminal (a pipe is read as is),
  // enables bracketed paste and installs the signal handlers.
  static Result<std::unique_ptr<Terminal>> open();
  ~Terminal();  // restores the terminal
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  int input_fd() const { return 0; }
  // Readable when signals arrived; take_signals() returns them.
  int signal_fd() const { return signal_read_.get(); }
  std::vector<int> take_signals();

  int columns() const { return columns_; }
  int rows() const { return rows_; }
  void refresh_size();

  // Writes everything (errors ignored: a closed pane cannot be helped).
  void write(std::string_view bytes);

 private:
  Terminal() = default;
  void restore();

  bool raw_ = false;
  termios saved_{};
  UniqueFd signal_read_;
  int columns_ = 80;
  int rows_ = 24;
};

}  // namespace ta::fake
