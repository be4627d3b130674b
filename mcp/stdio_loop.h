#pragma once
// Serves a Server over two descriptors (stdin and stdout): reads lines,
// writes each reply as one line, until the input ends or the output is
// closed. Only protocol lines go to `out`.
#include "mcp/server.h"

namespace ta::mcp {

// 0 at the end of input; 1 when reading or writing failed.
int serve_stdio(Server& server, int in_fd, int out_fd);

}  // namespace ta::mcp
