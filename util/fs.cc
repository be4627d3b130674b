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

// Lock files live in .team/: a link or FIFO planted there is refused.
static Result<UniqueFd> open_lock_file(const std::string& path) {
  return open_regular_no_follow(path, O_RDWR | O_CREAT);
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
  // The last component must be a real directory: a link there would move
  // everything created inside it elsewhere.
  return check_real_dir(path);
}

Status write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      if (err == ENOSPC || err == EDQUOT)
        return make_error("the disk is full (" + errno_text(err) +
                          "); free some space on it and retry");
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
  // Only a regular file (or nothing) is replaced: a device, FIFO, directory
  // or link at `path` is someone else's and stays.
  if (auto st = check_regular_or_absent(path); !st) return st;
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  ::unlink(tmp.c_str());  // a leftover of an earlier process with our pid
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
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

std::string file_kind(unsigned mode) {
  switch (mode & S_IFMT) {
    case S_IFLNK: return "a symbolic link";
    case S_IFDIR: return "a directory";
    case S_IFIFO: return "a FIFO (named pipe)";
    case S_IFCHR:
    case S_IFBLK: return "a device";
    case S_IFSOCK: return "a socket";
    case S_IFREG: return "a regular file";
  }
  return "not a regular file";
}

static Error not_regular(const std::string& path, unsigned mode) {
  std::string fix = S_ISLNK(mode) ? "team-agent never follows a link there; remove the link "
                                    "(and check where it points), then retry"
                                  : "it must be a regular file; move it away, then retry";
  return make_error(path + " is " + file_kind(mode) + ", not a regular file: " + fix, 2);
}

Status check_regular_or_absent(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return ok_status();
    return make_error("cannot look at " + path + ": " + errno_text(errno));
  }
  if (!S_ISREG(st.st_mode)) return not_regular(path, st.st_mode);
  return ok_status();
}

Result<UniqueFd> open_regular_no_follow(const std::string& path, int flags, unsigned mode) {
  UniqueFd fd(::open(path.c_str(), flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode));
  if (!fd.valid()) {
    int err = errno;
    struct stat st {};
    // ELOOP (a link), ENXIO (a FIFO without reader), EISDIR…: say what is there.
    if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) return not_regular(path, st.st_mode);
    return make_error("cannot open " + path + ": " + errno_text(err));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return make_error("cannot open " + path + ": " + errno_text(errno));
  if (!S_ISREG(st.st_mode)) return not_regular(path, st.st_mode);
  int fl = ::fcntl(fd.get(), F_GETFL);
  if (fl >= 0) ::fcntl(fd.get(), F_SETFL, fl & ~O_NONBLOCK);
  return fd;
}

Status check_real_dir(const std::string& path, bool may_be_missing) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT && may_be_missing) return ok_status();
    return make_error("cannot look at " + path + ": " + errno_text(errno));
  }
  if (S_ISLNK(st.st_mode))
    return make_error(path + " is a symbolic link, not a directory: team-agent never follows a "
                      "link there; remove the link (and check where it points), then retry", 2);
  if (!S_ISDIR(st.st_mode))
    return make_error(path + " is " + file_kind(st.st_mode) +
                      ", not a directory; move it away, then retry", 2);
  return ok_status();
}

Status make_private(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0)
    return make_error("cannot look at " + path + ": " + errno_text(errno));
  if (S_ISLNK(st.st_mode)) return not_regular(path, st.st_mode);
  const unsigned want = S_ISDIR(st.st_mode) ? 0700 : 0600;
  if ((st.st_mode & 077) == 0) return ok_status();
  if (st.st_uid != ::geteuid()) {
    if ((st.st_mode & 022) == 0) return ok_status();  // others may read, but not plant anything
    return make_error(path + " belongs to another user (uid " + std::to_string(st.st_uid) +
                      ") and others may write to it; ask its owner to run 'chmod " +
                      (want == 0700 ? "700 " : "600 ") + path + "', or use a workspace of your own",
                      2);
  }
  if (::chmod(path.c_str(), want) != 0)
    return make_error("cannot make " + path + " private: " + errno_text(errno));
  return ok_status();
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
