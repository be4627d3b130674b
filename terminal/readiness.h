#pragma once
// Has a freshly started CLI finished starting, so that a pasted message
// reaches its input (issue: messages pasted during the splash were echoed by
// the terminal, counted as submitted, and stayed in the composer)?
//
//   starting  nothing drawn yet, logo art without a composer, or a composer
//             without the provider's ready markers (Codex draws its `›` box
//             and "? for shortcuts" before it accepts input; the model
//             footer "gpt-… default · /path" appears when it does)
//   ready     the composer is drawn with a ready marker at or below it
//   blocked   a screen that is not the composer: a trust prompt, a login,
//             a menu, a shell prompt after the CLI exited
//
// Ready says the CLI accepts input; whether a turn is running is the
// activity classifier's question. Pure: the caller adds the settle time
// (the screen unchanged for the provider's settle_ms) before trusting it.
#include <optional>
#include <string>
#include <string_view>

#include "config/provider_profile.h"
#include "terminal/composer.h"

namespace ta::terminal {

enum class Readiness { starting, ready, blocked };

const char* readiness_name(Readiness r);

struct ReadinessVerdict {
  Readiness state = Readiness::starting;
  std::string evidence;
  std::optional<ComposerRegion> composer;
};

ReadinessVerdict classify_readiness(std::string_view capture,
                                    const config::ProviderProfile& profile);

}  // namespace ta::terminal
