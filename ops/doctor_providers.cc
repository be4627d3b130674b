#include "ops/doctor_providers.h"

#include <unistd.h>

#include <climits>
#include <cstdlib>

#include "config/launch_plan.h"
#include "config/provider_binary.h"
#include "config/provider_profile.h"
#include "config/provider_version.h"
#include "util/fs.h"
#include "util/semver.h"

namespace ta::ops {

namespace {

constexpr std::chrono::seconds kVersionTimeout{5};

std::string own_binary() {
  char buf[PATH_MAX];
  auto n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("/team-agent");
}

config::EnvPairs path_only(const config::ProviderBinary& b) { return {{"PATH", b.path_env}}; }

// The Node a Node-script CLI runs on against what its package declares.
DoctorCheck node_check(const config::ProviderBinary& b) {
  const std::string what = b.provider + " node";
  const std::string node = config::find_program("node", b.path_env, b.cwd);
  if (node.empty())
    return {"fail", what, b.resolved + " is a Node script but node is not on PATH; install Node.js"};
  auto line = config::probe_version(node, path_only(b), kVersionTimeout);
  if (!line) return {"fail", what, node + " does not run: " + line.error().message};
  auto pkg = config::node_package_of(b.resolved);
  if (!pkg || pkg->engines_node.empty())
    return {"ok", what, "node " + *line + " (" + node + "); the CLI's package declares no engines.node"};
  const std::string declared = "engines.node \"" + pkg->engines_node + "\" of " + pkg->name +
                               (pkg->version.empty() ? "" : " " + pkg->version);
  auto version = parse_semver(*line);
  auto ok = version ? satisfies(*version, pkg->engines_node) : std::nullopt;
  if (!ok)
    return {"warn", what, "cannot tell whether node " + *line + " satisfies " + declared};
  if (!*ok)
    return {"fail", what, "node " + *line + " (" + node + ") does not satisfy " + declared +
                              "; install a newer Node.js"};
  return {"ok", what, "node " + *line + " satisfies " + declared};
}

}  // namespace

std::vector<DoctorCheck> provider_checks(const config::Paths& paths, const config::TeamSpec& spec) {
  config::LaunchInputs in;
  in.workspace = paths.workspace;
  in.team_agent_bin = own_binary();
  in.run_id = "doctor";
  const char* path = std::getenv("PATH");
  in.path = path ? path : "/usr/local/bin:/usr/bin:/bin";
  // Every override the workspace holds, used now or not, through the one
  // loader `run` uses: doctor passes exactly what run accepts.
  std::vector<DoctorCheck> out;
  for (const auto& file : list_dir(paths.workspace + "/.team/providers")) {
    if (file.size() <= 5 || file.compare(file.size() - 5, 5, ".json") != 0) continue;
    auto profile = config::load_provider_profile(file.substr(0, file.size() - 5), paths.workspace);
    if (!profile) out.push_back({"fail", "providers", profile.error().message});
  }
  if (!out.empty()) return out;
  auto plan = config::plan_launch(spec, in);
  if (!plan) return {{"fail", "providers", plan.error().message}};

  for (const auto& b : config::provider_binaries(*plan, spec)) {
    if (b.resolved.empty()) {
      auto profile = config::load_provider_profile(b.provider, paths.workspace);
      out.push_back({"fail", b.provider,
                     config::missing_program_sentence(b, profile ? (*profile)->package : "")});
      continue;
    }
    if (b.resolved == in.team_agent_bin) {
      out.push_back({"ok", b.provider, b.resolved + " (this team-agent, " TEAM_AGENT_VERSION ")"});
      continue;
    }
    auto line = config::probe_version(b.resolved, path_only(b), kVersionTimeout);
    if (line)
      out.push_back({"ok", b.provider, b.resolved + ": " + *line});
    else
      out.push_back({"warn", b.provider, b.resolved + ": " + line.error().message});
    if (config::is_node_script(b.resolved)) out.push_back(node_check(b));
  }
  return out;
}

}  // namespace ta::ops
