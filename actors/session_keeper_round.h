#pragma once
// Running the session_keeper's captures on its I/O thread: the files are
// read here, never on a CAF worker thread.
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "actors/session_keeper_book.h"
#include "sessions/capture.h"

namespace ta::actors {

// One SessionCapturer per session root and format, kept so that a Codex
// home's rollout index is refreshed incrementally between tries. Touched by
// the I/O thread only.
class CapturerCache {
 public:
  sessions::SessionCapturer& for_item(const CaptureItem& item);

 private:
  std::map<std::string, std::unique_ptr<sessions::SessionCapturer>> by_root_;
};

// Runs the items in order. A Codex session one item claims is held for the
// items after it; a match an item may not claim is reported as
// "ambiguous_rollout" and claims nothing. Items still waiting when
// `deadline` passes are left out.
std::vector<CaptureOutcome> run_round(
  CapturerCache& capturers, const std::vector<CaptureItem>& items,
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());

}  // namespace ta::actors
