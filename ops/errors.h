#pragma once
// The exit codes the operations' errors carry, so every front end gives up
// with the same code for the same fault (cli/command.h names the same values
// for the commands' own outcomes).
#include <functional>
#include <string>
#include <utility>

#include "util/result.h"

namespace ta::ops {

inline constexpr int kExitUsage = 2;  // bad input: a flag, an argument, the team spec

// An error in what the caller asked for (exit 2).
inline Error usage_error(std::string message) {
  return make_error(std::move(message), kExitUsage);
}

// Told of a problem that does not stop an operation (projections that could
// not be caught up): the front end decides whether and how to show it.
using Warn = std::function<void(const Error&)>;

}  // namespace ta::ops
