#pragma once
// The end of a session file that grows while an agent works, read again only
// when it changed: at most the last `max_bytes`, starting after the first
// newline when the read began mid-file (that line is partial) and ending at
// the last newline (the CLI may be writing the next line right now).
#include <cstddef>
#include <string>

#include "sessions/session_files.h"

namespace ta::sessions {

class TailReader {
 public:
  explicit TailReader(std::string path, std::size_t max_bytes = 128 * 1024)
      : path_(std::move(path)), max_bytes_(max_bytes) {}

  // Re-reads the tail when the file's size or modification time changed
  // since the last read; true when it did (and tail() is new).
  bool refresh();
  const std::string& tail() const { return tail_; }
  const std::string& path() const { return path_; }
  // Reads done so far, for tests: an unchanged file is not read again.
  std::size_t reads() const { return reads_; }

 private:
  std::string path_;
  std::size_t max_bytes_;
  FileStamp stamp_;
  std::string tail_;
  std::size_t reads_ = 0;
};

}  // namespace ta::sessions
