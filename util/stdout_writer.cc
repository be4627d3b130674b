#include "util/stdout_writer.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>

#include "util/interrupts.h"
#include "util/fs.h"

namespace ta {

void StdoutWriter::add(std::string_view line, std::uint64_t seq) {
  buf_.append(line);
  buf_ += '\n';
  line_ends_.emplace_back(buf_.size(), seq);
}

void StdoutWriter::add_note(std::string_view line) {
  buf_.append(line);
  buf_ += '\n';
}

// True when stdout takes more bytes right now without blocking.
static bool stdout_writable_now() {
  pollfd p{STDOUT_FILENO, POLLOUT, 0};
  return ::poll(&p, 1, 0) == 1 && (p.revents & POLLOUT);
}

StdoutWriter::Outcome StdoutWriter::flush() {
  size_t off = 0;
  auto done = [&](Outcome o) {
    // Only lines written in full count as printed (for the cursor).
    for (auto& [end, seq] : line_ends_)
      if (end <= off) flushed_seq_ = std::max(flushed_seq_, seq);
    buf_.clear();
    line_ends_.clear();
    return o;
  };
  while (off < buf_.size()) {
    size_t want = buf_.size() - off;
    if (interrupts::last_signal()) {
      // Exiting on Ctrl-C: hand over what the reader takes right away, in
      // pieces a pipe accepts whole, but never wait on a reader that stalls.
      if (!stdout_writable_now()) return done(Outcome::interrupted);
      want = std::min<size_t>(want, PIPE_BUF);
    }
    ssize_t n = ::write(STDOUT_FILENO, buf_.data() + off, want);
    if (n > 0) {
      off += static_cast<size_t>(n);
      continue;
    }
    int err = n < 0 ? errno : EIO;
    if (err == EINTR) continue;  // a signal: the top of the loop decides
    if (err == EAGAIN || err == EWOULDBLOCK) {
      // stdout was handed to us non-blocking: wait until it drains a little.
      pollfd p{STDOUT_FILENO, POLLOUT, 0};
      ::poll(&p, 1, -1);
      continue;
    }
    if (err == EPIPE) return done(Outcome::closed);
    error_ = "cannot write the output: " + errno_text(err);
    return done(Outcome::failed);
  }
  return done(Outcome::ok);
}

}  // namespace ta
