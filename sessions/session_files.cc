#include "sessions/session_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>

namespace ta::sessions {

SessionRoots SessionRoots::from_process_environment() {
  return from([](const char* n) { return std::getenv(n); });
}

std::vector<std::string> read_head_lines(const std::string& path, std::size_t max_lines,
                                         std::size_t max_bytes) {
  std::vector<std::string> lines;
  // O_NONBLOCK: a FIFO planted in place of a session file must not hang us.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return lines;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return lines;
  }
  std::string buf;
  char chunk[65536];
  std::size_t start = 0;
  while (lines.size() < max_lines && buf.size() < max_bytes) {
    std::size_t want = std::min(sizeof chunk, max_bytes - buf.size());
    ssize_t n = ::read(fd, chunk, want);
    if (n <= 0) break;
    buf.append(chunk, static_cast<std::size_t>(n));
    std::size_t nl;
    while (lines.size() < max_lines && (nl = buf.find('\n', start)) != std::string::npos) {
      lines.emplace_back(buf, start, nl - start);
      start = nl + 1;
    }
  }
  ::close(fd);
  return lines;
}

std::string resolved_path(const std::string& path) {
  char out[PATH_MAX];
  if (::realpath(path.c_str(), out) == nullptr) return path;
  return out;
}

FileStamp stamp_of(const std::string& path) {
  struct stat st {};
  FileStamp s;
  if (::stat(path.c_str(), &st) != 0) return s;
  s.exists = true;
  s.is_dir = S_ISDIR(st.st_mode);
  s.size = static_cast<std::int64_t>(st.st_size);
  s.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return s;
}

}  // namespace ta::sessions
