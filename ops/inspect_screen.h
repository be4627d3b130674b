#pragma once
// Every screen verdict for one pane capture (SPEC §4), read with the
// profile of one provider or with the patterns of every real CLI: what the
// supervisor would conclude from that screen (`team-agent inspect`).
#include <string>

#include "terminal/screen_report.h"
#include "util/result.h"

namespace ta::ops {

struct InspectRequest {
  std::string capture;            // the screen text (tmux capture-pane -p)
  std::string provider;           // empty: the patterns of every real CLI
  std::string profile_workspace;  // where a workspace override of that provider's profile lives
  terminal::TrustContext trust;
  terminal::ActivityInput activity;
};

// An error when the provider's profile cannot be loaded.
Result<terminal::ScreenReport> inspect_screen(const InspectRequest& request);

}  // namespace ta::ops
