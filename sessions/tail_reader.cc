#include "sessions/tail_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ta::sessions {

namespace {

// The complete lines among the last `max` bytes of a regular file.
std::string read_tail(const std::string& path, std::size_t max) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return {};
  struct stat st {};
  std::string buf;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    off_t size = st.st_size;
    // One byte more than asked: when it is a newline, the first line
    // starts exactly at the window and is complete.
    off_t from = size > static_cast<off_t>(max) ? size - static_cast<off_t>(max) - 1 : 0;
    buf.resize(static_cast<std::size_t>(size - from));
    ssize_t n = ::pread(fd, buf.data(), buf.size(), from);
    buf.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    if (from > 0) {
      std::size_t first = buf.find('\n');
      buf.erase(0, first == std::string::npos ? buf.size() : first + 1);
    }
  }
  ::close(fd);
  std::size_t last = buf.rfind('\n');
  buf.resize(last == std::string::npos ? 0 : last + 1);
  return buf;
}

}  // namespace

bool TailReader::refresh() {
  FileStamp now = stamp_of(path_);
  if (now == stamp_ && reads_ > 0) return false;
  stamp_ = now;
  ++reads_;
  std::string fresh = now.exists && !now.is_dir ? read_tail(path_, max_bytes_) : std::string();
  bool changed = fresh != tail_;
  tail_ = std::move(fresh);
  return changed;
}

}  // namespace ta::sessions
