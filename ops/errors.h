#pragma once
// The exit codes of team-agent, in one place: the operations' errors carry
// them, so every front end gives up with the same code for the same fault.
#include <functional>
#include <string>
#include <utility>

#include "util/result.h"

namespace ta::ops {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;  // bad input: a flag, an argument, the team spec
inline constexpr int kExitNoSupervisor = 3;  // accepted, but no supervisor runs to act on it
inline constexpr int kExitStillQueued = 4;   // accepted and queued; no outcome within the wait
inline constexpr int kExitInterrupted = 130;

// An error in what the caller asked for (exit 2).
inline Error usage_error(std::string message) {
  return make_error(std::move(message), kExitUsage);
}

// Told of a problem that does not stop an operation (projections that could
// not be caught up): the front end decides whether and how to show it.
using Warn = std::function<void(const Error&)>;

}  // namespace ta::ops
