#include "mcp/stdio_loop.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "mcp/line_splitter.h"

namespace ta::mcp {

namespace {

bool write_all(int fd, std::string data) {
  data += '\n';
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// False when the reply could not be written (the client went away).
bool answer(Server& server, const Line& line, int out_fd) {
  if (line.oversized > 0)
    return write_all(out_fd, Server::oversized_line_reply(line.oversized, kMaxLineBytes));
  auto reply = server.handle_line(line.text);
  return !reply || write_all(out_fd, std::move(*reply));
}

}  // namespace

int serve_stdio(Server& server, int in_fd, int out_fd) {
  LineSplitter splitter;
  std::string chunk(64 * 1024, '\0');
  for (;;) {
    ssize_t n = ::read(in_fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::fprintf(stderr, "team-agent mcp: cannot read stdin: %s\n", std::strerror(errno));
      return 1;
    }
    auto lines = n == 0 ? splitter.finish()
                        : splitter.feed(std::string_view(chunk.data(), static_cast<size_t>(n)));
    for (const auto& line : lines)
      if (!answer(server, line, out_fd)) return 1;
    if (n == 0) return 0;
  }
}

}  // namespace ta::mcp
