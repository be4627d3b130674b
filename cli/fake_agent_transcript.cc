#include "cli/fake_agent_transcript.h"

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
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return make_error("cannot open the transcript " + path + ": " + errno_text(errno));
  Transcript t;
  t.fd_.reset(fd);
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
