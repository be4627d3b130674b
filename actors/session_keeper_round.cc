#include "actors/session_keeper_round.h"

#include <set>

#include "util/clock.h"

namespace ta::actors {

sessions::SessionCapturer& CapturerCache::for_item(const CaptureItem& item) {
  const bool claude = item.request.format == sessions::SessionFormat::claude;
  auto& slot = by_root_[(claude ? "claude\n" : "codex\n") + item.root];
  if (!slot) {
    sessions::SessionRoots roots;
    (claude ? roots.claude_config_dir : roots.codex_home) = item.root;
    slot = std::make_unique<sessions::SessionCapturer>(roots);
  }
  return *slot;
}

std::vector<CaptureOutcome> run_round(CapturerCache& capturers,
                                      const std::vector<CaptureItem>& items,
                                      std::chrono::steady_clock::time_point deadline) {
  std::vector<CaptureOutcome> out;
  std::set<std::string> claimed;
  for (const auto& item : items) {
    if (std::chrono::steady_clock::now() >= deadline) break;
    auto request = item.request;
    request.now_us = now_micros();
    request.held_ids.insert(claimed.begin(), claimed.end());
    CaptureOutcome o{item.agent_id, item.generation, capturers.for_item(item).capture(request)};
    if (o.result.captured && !item.may_claim) {
      o.result = {};
      o.result.reason = "ambiguous_rollout";
    }
    if (o.result.captured) claimed.insert(o.result.session_id);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace ta::actors
