#pragma once
// Which program each provider of a launch plan runs, found the way its pane
// will find it: argv[0] on the pane's own PATH (tmux executes the command
// with the pane's environment). `run` refuses to start a team whose program
// is missing; `doctor` reports each one with its version and, for a CLI
// written for Node, the Node it would run on.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/launch_plan.h"

namespace ta::config {

struct ProviderBinary {
  std::string provider;
  std::string command;   // argv[0] as planned
  std::string path_env;  // the PATH the pane gets
  std::string cwd;       // the pane's working directory
  bool from_spec = false;           // command set by providers.<name>.command
  std::vector<std::string> agents;  // the agents that run it
  std::string resolved;             // absolute path of the program; empty: not found
};

// One entry per distinct (provider, program, PATH), in plan order.
std::vector<ProviderBinary> provider_binaries(const LaunchPlan& plan, const TeamSpec& spec);

// The executable `command` names: itself when it contains a '/' (relative to
// `cwd`), else the first executable regular file of that name on `path_env`
// (an empty entry is `cwd`, as for execvp). Empty when there is none.
std::string find_program(const std::string& command, const std::string& path_env,
                         const std::string& cwd);

// "claude not found on PATH: install @anthropic-ai/claude-code, or set
// providers.claude.command in the team spec"; `package` may be empty.
std::string missing_program_sentence(const ProviderBinary& b, std::string_view package);

// The package a Node CLI belongs to: the nearest package.json above the
// program's real path (symlinks resolved, as .bin/ entries are).
struct NodePackage {
  std::string manifest;      // path of the package.json
  std::string name;
  std::string version;
  std::string engines_node;  // engines.node; empty when it declares none
};

// Whether the program is a script run by Node ("#!/usr/bin/env node").
bool is_node_script(const std::string& program);
std::optional<NodePackage> node_package_of(const std::string& program);

}  // namespace ta::config
