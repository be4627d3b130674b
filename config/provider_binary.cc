#include "config/provider_binary.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "util/read_bounded.h"

namespace ta::config {

namespace {

std::string env_value(const PanePlan& p, const std::string& key) {
  for (const auto& [k, v] : p.env)
    if (k == key) return v;
  return "";
}

bool is_executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

std::string absolute(const std::string& path, const std::string& cwd) {
  if (!path.empty() && path[0] == '/') return path;
  return (cwd.empty() ? std::string(".") : cwd) + "/" + path;
}

}  // namespace

std::string find_program(const std::string& command, const std::string& path_env,
                         const std::string& cwd) {
  if (command.empty()) return "";
  if (command.find('/') != std::string::npos) {
    auto p = absolute(command, cwd);
    return is_executable_file(p) ? p : "";
  }
  std::size_t start = 0;
  for (;;) {
    auto end = path_env.find(':', start);
    std::string dir = path_env.substr(start, end == std::string::npos ? end : end - start);
    auto candidate = absolute((dir.empty() ? cwd : dir) + "/" + command, cwd);
    if (is_executable_file(candidate)) return candidate;
    if (end == std::string::npos) return "";
    start = end + 1;
  }
}

std::vector<ProviderBinary> provider_binaries(const LaunchPlan& plan, const TeamSpec& spec) {
  std::vector<ProviderBinary> out;
  for (const auto& pane : plan.panes) {
    if (pane.argv.empty()) continue;
    const std::string path_env = env_value(pane, "PATH");
    auto same = [&](const ProviderBinary& b) {
      return b.provider == pane.provider && b.command == pane.argv[0] && b.path_env == path_env;
    };
    auto it = std::find_if(out.begin(), out.end(), same);
    if (it == out.end()) {
      ProviderBinary b;
      b.provider = pane.provider;
      b.command = pane.argv[0];
      b.path_env = path_env;
      b.cwd = pane.cwd;
      auto own = spec.providers.find(pane.provider);
      b.from_spec = own != spec.providers.end() && !own->second.command.empty();
      b.resolved = find_program(b.command, b.path_env, b.cwd);
      it = out.insert(out.end(), std::move(b));
    }
    it->agents.push_back(pane.agent_id);
  }
  return out;
}

std::string missing_program_sentence(const ProviderBinary& b, std::string_view package) {
  const std::string setting = "providers." + b.provider + ".command";
  if (b.from_spec) {
    if (b.command.find('/') != std::string::npos)
      return b.provider + ": " + b.command + " (" + setting +
             " in the team spec) does not exist or is not executable";
    return b.command + " not found on PATH (" + setting + " in the team spec)";
  }
  std::string s = b.command + " not found on PATH: ";
  if (!package.empty()) s += "install " + std::string(package) + ", or ";
  return s + "set " + setting + " in the team spec";
}

bool is_node_script(const std::string& program) {
  // Only the first line matters: a program without a newline near its start
  // (a binary, a device) must not be read whole looking for one.
  std::ifstream in(program, std::ios::binary);
  char head[512] = {};
  in.read(head, sizeof head);
  std::string first(head, static_cast<size_t>(in.gcount()));
  first = first.substr(0, first.find('\n'));
  if (first.rfind("#!", 0) != 0) return false;
  // "#!/usr/bin/env node", "#!/usr/bin/node", "#!/usr/bin/env -S node --flags"
  auto at = first.find("node");
  return at != std::string::npos &&
         (at + 4 == first.size() || first[at + 4] == ' ' || first[at + 4] == '\r');
}

std::optional<NodePackage> node_package_of(const std::string& program) {
  std::error_code ec;
  auto real = std::filesystem::canonical(program, ec);
  if (ec) return std::nullopt;
  for (auto dir = real.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    auto manifest = dir / "package.json";
    if (std::filesystem::is_regular_file(manifest, ec)) {
      auto text = read_file_bounded(manifest.string(), {4u << 20, "package.json", ""});
      auto j = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
      // A package.json without a name (e.g. a build folder's "type" file) is
      // not the package's own manifest.
      if (j.is_object() && j.value("name", "") != "") {
        NodePackage p;
        p.manifest = manifest.string();
        p.name = j.value("name", "");
        p.version = j.value("version", "");
        auto engines = j.find("engines");
        if (engines != j.end() && engines->is_object() && engines->contains("node") &&
            (*engines)["node"].is_string())
          p.engines_node = (*engines)["node"].get<std::string>();
        return p;
      }
    }
    if (dir == dir.root_path()) break;
  }
  return std::nullopt;
}

}  // namespace ta::config
