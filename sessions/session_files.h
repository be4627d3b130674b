#pragma once
// Reading the session files the agent CLIs write (Claude's transcripts,
// Codex's rollouts) without trusting them: only the head of a file is read,
// bounded in lines and bytes, a file that is not a regular file is never
// opened for reading, and a torn or foreign line is skipped, not fatal.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ta::sessions {

// Where the CLIs keep their sessions, from an environment: Claude's config
// directory is $CLAUDE_CONFIG_DIR, else $HOME/.claude; Codex's home is
// $CODEX_HOME, else $HOME/.codex. Empty when neither variable is set.
struct SessionRoots {
  std::string claude_config_dir;
  std::string codex_home;

  // From a getenv-like lookup (nullptr or "" for an unset variable).
  template <class Getenv>
  static SessionRoots from(Getenv&& get) {
    auto var = [&](const char* n) {
      const char* v = get(n);
      return v ? std::string(v) : std::string();
    };
    SessionRoots r;
    std::string home = var("HOME");
    r.claude_config_dir = var("CLAUDE_CONFIG_DIR");
    if (r.claude_config_dir.empty() && !home.empty()) r.claude_config_dir = home + "/.claude";
    r.codex_home = var("CODEX_HOME");
    if (r.codex_home.empty() && !home.empty()) r.codex_home = home + "/.codex";
    return r;
  }
  static SessionRoots from_process_environment();
};

// The first complete lines of a regular file: at most `max_lines`, reading at
// most `max_bytes`. A last line without its newline (still being written)
// is left out. Empty when the file is missing, not a regular file or
// unreadable.
std::vector<std::string> read_head_lines(const std::string& path, std::size_t max_lines,
                                         std::size_t max_bytes);

// `path` with every link and `..` resolved, or `path` itself when it cannot
// be resolved (a directory since removed): the form both sides of a cwd
// comparison are brought to.
std::string resolved_path(const std::string& path);

// Size and modification time, to notice that a file or directory changed
// without reading it. `exists` false when it could not be looked at.
struct FileStamp {
  bool exists = false;
  bool is_dir = false;
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileStamp& o) const {
    return exists == o.exists && is_dir == o.is_dir && size == o.size && mtime_ns == o.mtime_ns;
  }
  bool operator!=(const FileStamp& o) const { return !(*this == o); }
};
FileStamp stamp_of(const std::string& path);

}  // namespace ta::sessions
