#include "fake_agent/transcript.h"

#include <fcntl.h>

#include <cerrno>
#include <filesystem>

#include "util/clock.h"

namespace ta::fake {

Result<Transcript> Transcript::open(const std::string& path) {
  auto dir = std::filesystem::path(path).parent_path().string();
  if (!dir.empty()) {
    if (auto st = make_dirs(dir, 0700); !st) return st.error();
  }
  // Usually under .team/fake-agents/: never through a planted link.
  auto fd = open_regular_no_follow(path, O_WRONLY | O_APPEND | O_CREAT);
  if (!fd) return make_error("cannot open the transcript: " + fd.error().message);
  Transcript t;
  t.fd_ = std::move(*fd);
  return t;
}

void Transcript::write(const std::string& kind, nlohmann::json entry) {
  if (!enabled()) return;
  nlohmann::ordered_json line = nlohmann::ordered_json::object();
  line["ts"] = now_rfc3339();
  line["kind"] = kind;
  for (auto& [k, v] : entry.items()) line[k] = v;
  // Pasted text may hold invalid UTF-8; record it rather than throw.
  std::string text =
      line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  (void)write_all(fd_.get(), text);
}

}  // namespace ta::fake
