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
// Size of a regular file, or -1 when it does not exist.
long long file_size(const std::string& path);
std::vector<std::string> list_dir(const std::string& dir);

}  // namespace ta
