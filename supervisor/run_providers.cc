#include "supervisor/run_providers.h"

#include <cstdio>

#include "config/provider_binary.h"
#include "config/provider_version.h"
#include "util/strings.h"

namespace ta::supervisor {

namespace {

constexpr std::chrono::seconds kVersionTimeout{5};

config::EnvPairs pane_env(const config::LaunchPlan& plan, const std::string& agent_id) {
  for (const auto& p : plan.panes)
    if (p.agent_id == agent_id) return p.env;
  return {};
}

}  // namespace

Result<std::unique_ptr<ProviderPrograms>> ProviderPrograms::check(
    const config::LaunchPlan& plan, const config::TeamSpec& spec, const std::string& workspace,
    const std::string& own_binary) {
  auto binaries = config::provider_binaries(plan, spec);
  std::string missing;
  for (const auto& b : binaries) {
    if (!b.resolved.empty()) continue;
    auto profile = config::load_provider_profile(b.provider, workspace);
    std::string package = profile ? (*profile)->package : "";
    // report() prefixes the first line; the others get the same prefix.
    missing += (missing.empty() ? "" : "\nteam-agent: ") +
               config::missing_program_sentence(b, package) + " (needed by " + join(b.agents) +
               ")";
  }
  if (!missing.empty()) return make_error(missing, 2);

  auto out = std::make_unique<ProviderPrograms>();
  for (const auto& b : binaries) {
    std::shared_future<std::string> version;
    if (b.resolved == own_binary) {
      std::promise<std::string> ours;
      ours.set_value(TEAM_AGENT_VERSION);
      version = ours.get_future().share();
    } else {
      version = std::async(std::launch::async, [program = b.resolved,
                                                env = pane_env(plan, b.agents.front())] {
                  auto line = config::probe_version(program, env, kVersionTimeout);
                  if (line) return config::version_number(*line);
                  std::fprintf(stderr, "team-agent: cannot tell the version of %s: %s\n",
                               program.c_str(), line.error().message.c_str());
                  return std::string();
                }).share();
    }
    for (const auto& agent : b.agents) out->by_agent_[agent] = version;
  }
  return out;
}

std::string ProviderPrograms::version_for(const std::string& agent_id) {
  auto it = by_agent_.find(agent_id);
  return it == by_agent_.end() ? "" : it->second.get();
}

}  // namespace ta::supervisor
