#pragma once
// Thin, error-reporting wrappers over the POSIX file calls the log and the
// store need: owned descriptors, flock, whole writes, durable directories.
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace ta {

// Owns a file descriptor; closes it on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

// Holds flock(LOCK_EX) on a lock file for its lifetime.
class FileLock {
 public:
  FileLock() = default;
  FileLock(FileLock&&) = default;
  FileLock& operator=(FileLock&&) = default;
  ~FileLock();

  // Blocks until the lock is held.
  static Result<FileLock> acquire(const std::string& path);
  // Returns a lock that is not held (held() == false) when another process has it.
  static Result<FileLock> try_acquire(const std::string& path);

  bool held() const { return fd_.valid(); }
  int fd() const { return fd_.get(); }
  void release();

 private:
  UniqueFd fd_;
};

std::string errno_text(int err);

// Creates `path` and its parents with `mode` for the directories it creates.
Status make_dirs(const std::string& path, unsigned mode);
// Writes all of `data` at the current offset, retrying short writes.
Status write_all(int fd, std::string_view data);
// fsync on a directory so a created or renamed entry survives a crash.
Status sync_dir(const std::string& dir);
Result<std::string> read_file(const std::string& path);
// Writes `data` to `path` atomically (temp file, fsync, rename), mode 0600.
Status write_file_atomic(const std::string& path, std::string_view data);
bool file_exists(const std::string& path);
// The last component of `path` (all of it when it has no '/').
inline std::string base_name(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}
// Size of a regular file, or -1 when it does not exist.
long long file_size(const std::string& path);
std::vector<std::string> list_dir(const std::string& dir);

// --- Opening files that others may have tampered with -----------------------
// A link, FIFO or device planted where the tool keeps its state would make it
// write outside the workspace or block for ever: these never follow a final
// symbolic link and never block on opening.

// What `mode` (from lstat/fstat) is, as words for a sentence: "a symbolic
// link", "a directory", "a FIFO (named pipe)", "a device", "a socket".
std::string file_kind(unsigned mode);
// Opens `path` with `flags` (plus O_NOFOLLOW, O_NONBLOCK and O_CLOEXEC; with
// O_CREAT a missing file is made with `mode`) and insists on a regular file:
// anything else there is refused with a sentence naming it (exit code 2).
// O_NONBLOCK is cleared again once the file is known to be regular.
Result<UniqueFd> open_regular_no_follow(const std::string& path, int flags, unsigned mode = 0600);
// Ok when nothing is at `path` or a regular file is; otherwise the sentence
// open_regular_no_follow would give. Checked before a file is replaced.
Status check_regular_or_absent(const std::string& path);
// Ok when `path` is a directory and not a symbolic link (or, with
// `may_be_missing`, does not exist yet).
Status check_real_dir(const std::string& path, bool may_be_missing = false);
// Makes what is at `path` private to its owner (0700 a directory, 0600 a
// file) when this user owns it; refuses when another user owns it and others
// may write to it. Never follows a link (it is refused).
Status make_private(const std::string& path);

}  // namespace ta
