#include "terminal/readiness.h"

#include "terminal/non_input.h"
#include "terminal/screen.h"
#include "terminal/screen_markers.h"

namespace ta::terminal {

const char* readiness_name(Readiness r) {
  switch (r) {
    case Readiness::starting:
      return "starting";
    case Readiness::ready:
      return "ready";
    case Readiness::blocked:
      return "blocked";
  }
  return "starting";
}

namespace {

// The first row at or below the composer's first row that a ready marker
// matches.
std::optional<std::size_t> ready_marker(const std::vector<std::string>& rows,
                                        const ComposerRegion& box,
                                        const config::PatternList& ready) {
  for (std::size_t i = box.first_row; i < rows.size(); ++i)
    if (ready.matches(rows[i])) return i;
  return std::nullopt;
}

std::optional<std::size_t> splash_row(const std::vector<std::string>& rows,
                                      const config::PatternList& splash) {
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (splash.matches(rows[i])) return i;
  return std::nullopt;
}

std::string row_quote(const std::vector<std::string>& rows, std::size_t i) {
  return "row " + std::to_string(i + 1) + " " + quote(rows[i]);
}

}  // namespace

ReadinessVerdict classify_readiness(std::string_view capture,
                                    const config::ProviderProfile& profile) {
  ReadinessVerdict v;
  Screen screen = normalise_capture(capture);
  if (screen.empty()) {
    v.evidence = "blank screen: nothing drawn yet";
    return v;
  }
  auto blocking = classify_non_input(screen, profile);
  if (blocking.blocks_input()) {
    v.state = Readiness::blocked;
    v.evidence = blocking.evidence;
    return v;
  }
  auto rows = capture_rows(capture);
  const auto& r = profile.screen.readiness;
  v.composer = find_composer(rows, profile);
  if (!v.composer) {
    auto art = splash_row(rows, r.splash);
    v.evidence = art ? "splash: logo art on " + row_quote(rows, *art) + ", no composer yet"
                     : "no composer drawn yet";
    return v;
  }
  const auto& box = *v.composer;
  std::string where = "composer on " + row_quote(rows, box.first_row);
  if (auto at = ready_marker(rows, box, r.starting)) {
    v.evidence = where + " but " + row_quote(rows, *at) + " says the CLI is still starting";
    return v;
  }
  if (r.ready.empty()) {
    v.state = Readiness::ready;
    v.evidence = where + " (the profile names no further ready marker)";
    return v;
  }
  if (auto at = ready_marker(rows, box, r.ready)) {
    v.state = Readiness::ready;
    v.evidence = where + ", ready marker on " + row_quote(rows, *at);
    return v;
  }
  v.evidence = where + " but no ready marker at or below it: the splash draws the composer "
                       "before the CLI accepts input";
  return v;
}

}  // namespace ta::terminal
