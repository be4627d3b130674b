#include "util/read_bounded.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "util/fs.h"

namespace ta {

std::string describe_limit(std::size_t bytes) {
  std::string human;
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0)
    human = std::to_string(bytes >> 20) + " MiB";
  else if (bytes >= 1024 && bytes % 1024 == 0)
    human = std::to_string(bytes >> 10) + " KiB";
  else
    return std::to_string(bytes) + " bytes";
  return human + " (" + std::to_string(bytes) + " bytes)";
}

namespace {

Error too_big(const std::string& name, const ReadLimit& limit, long long known_size) {
  std::string size = known_size >= 0 ? "is " + std::to_string(known_size) + " bytes, over"
                                     : "is larger than";
  return make_error(limit.what + " " + name + " " + size + " the " + describe_limit(limit.max_bytes) +
                        " limit; " + limit.advice,
                    2);
}

}  // namespace

Result<std::string> read_fd_bounded(int fd, const std::string& name, const ReadLimit& limit) {
  struct stat st {};
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode))
      return make_error(limit.what + " " + name + " is a directory; give the path of a file", 2);
    // A regular file says its size: refuse before reading a byte of it.
    if (S_ISREG(st.st_mode) &&
        static_cast<unsigned long long>(st.st_size) > limit.max_bytes + limit.slack)
      return too_big(name, limit, static_cast<long long>(st.st_size));
  }
  // Pipes, devices and files that grow are read to one byte past the limit.
  std::string out;
  char buf[65536];
  const std::size_t most = limit.max_bytes + limit.slack;
  while (out.size() <= most) {
    std::size_t want = std::min(sizeof buf, most + 1 - out.size());
    ssize_t n = ::read(fd, buf, want);
    if (n < 0) {
      if (errno == EINTR) continue;
      return make_error("cannot read " + limit.what + " " + name + ": " + errno_text(errno) +
                          "; check the path",
                      2);
    }
    if (n == 0) return out;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return too_big(name, limit, -1);
}

Result<std::string> read_file_bounded(const std::string& path, const ReadLimit& limit) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid())
    return make_error("cannot read " + limit.what + " " + path + ": " + errno_text(errno), 2);
  return read_fd_bounded(fd.get(), path, limit);
}

Result<std::string> read_own_file(const std::string& path, const ReadLimit& limit) {
  auto fd = open_regular_no_follow(path, O_RDONLY);
  if (!fd) return fd.error();
  return read_fd_bounded(fd->get(), path, limit);
}

}  // namespace ta
