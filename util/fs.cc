#include "util/fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ta {

UniqueFd& UniqueFd::operator=(UniqueFd&& o) noexcept {
  if (this != &o) reset(o.release());
  return *this;
}

UniqueFd::~UniqueFd() { reset(); }

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

std::string errno_text(int err) { return std::strerror(err); }

static Result<UniqueFd> open_lock_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return make_error("cannot open lock file " + path + ": " + errno_text(errno));
  return UniqueFd(fd);
}

FileLock::~FileLock() { release(); }

void FileLock::release() {
  if (fd_.valid()) {
    ::flock(fd_.get(), LOCK_UN);
    fd_.reset();
  }
}

Result<FileLock> FileLock::acquire(const std::string& path) {
  auto fd = open_lock_file(path);
  if (!fd) return fd.error();
  while (::flock(fd->get(), LOCK_EX) != 0) {
    if (errno != EINTR)
      return make_error("cannot lock " + path + ": " + errno_text(errno));
  }
  FileLock lock;
  lock.fd_ = std::move(*fd);
  return lock;
}

Result<FileLock> FileLock::try_acquire(const std::string& path) {
  auto fd = open_lock_file(path);
  if (!fd) return fd.error();
  FileLock lock;
  if (::flock(fd->get(), LOCK_EX | LOCK_NB) == 0) {
    lock.fd_ = std::move(*fd);
  } else if (errno != EWOULDBLOCK) {
    return make_error("cannot lock " + path + ": " + errno_text(errno));
  }
  return lock;
}

Status make_dirs(const std::string& path, unsigned mode) {
  if (path.empty()) return ok_status();
  std::string cur;
  size_t pos = 0;
  while (pos != std::string::npos) {
    pos = path.find('/', pos + 1);
    cur = path.substr(0, pos);
    if (cur.empty()) continue;
    if (::mkdir(cur.c_str(), mode) != 0 && errno != EEXIST)
      return make_error("cannot create directory " + cur + ": " + errno_text(errno));
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return make_error(path + " exists but is not a directory; move it away and retry.");
  return ok_status();
}

Status write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      if (err == ENOSPC || err == EDQUOT)
        return make_error("the disk is full (" + errno_text(err) +
                          "); free some space and retry");
      return make_error("write failed: " + errno_text(err));
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return ok_status();
}

Status sync_dir(const std::string& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return make_error("cannot open " + dir + ": " + errno_text(errno));
  if (::fsync(fd.get()) != 0)
    return make_error("cannot sync " + dir + ": " + errno_text(errno));
  return ok_status();
}

Result<std::string> read_file(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return make_error("cannot read " + path + ": " + errno_text(errno));
  std::string out;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return make_error("cannot read " + path + ": " + errno_text(errno));
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

Status write_file_atomic(const std::string& path, std::string_view data) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (!fd.valid()) return make_error("cannot write " + tmp + ": " + errno_text(errno));
  if (auto st = write_all(fd.get(), data); !st) {
    ::unlink(tmp.c_str());
    return st;
  }
  if (::fsync(fd.get()) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return make_error("cannot write " + path + ": " + errno_text(err));
  }
  auto slash = path.rfind('/');
  return sync_dir(slash == std::string::npos ? "." : path.substr(0, slash));
}

bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

long long file_size(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<long long>(st.st_size);
}

std::vector<std::string> list_dir(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return names;
  while (dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace ta
