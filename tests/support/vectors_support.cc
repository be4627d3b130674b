// Loading the reference vectors and comparing their expectations (see
// vectors_support.h). No test cases here: vectors_test.cc runs them.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "tests/support/vectors_support.h"

namespace ta::vectors {

std::vector<Vector> load_category(const std::string& category) {
  std::string path = std::string(TEST_FIXTURES_DIR) + "/vectors/" + category + ".jsonl";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Vector> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Json j = Json::parse(line);
    out.push_back({category, j.value("id", ""), j.value("input", Json::object()),
                   j.value("params", Json::object()), j.value("expected", Json::object())});
  }
  return out;
}

Sandbox::Sandbox() {
  namespace fs = std::filesystem;
  root_ = base_.path() + "/root";
  workspace_ = base_.path() + "/ws";
  tmpdir_ = base_.path() + "/tmp";
  for (const std::string& d :
       {root_ + "/workspace-root", root_ + "/teamdir", root_ + "/foreign-target",
        root_ + "/other-parent/workspace-root", root_ + "/workspace-root-backup", workspace_,
        tmpdir_ + "/workspace",
        tmpdir_ + "/workspaces/repo-right-edge-truncated-20260528T014841Z-gap39",
        base_.path() + "/foreign-team/teamdir"})
    fs::create_directories(d);
  fs::create_directory_symlink(workspace_, workspace_ + "-link");
  fs::create_directory_symlink(root_ + "/foreign-target", root_ + "/workspace-root-link");
}

std::string Sandbox::substitute(const std::string& text) const {
  std::string out = text;
  auto replace_all = [&out](const std::string& from, const std::string& to) {
    for (auto at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size()))
      out.replace(at, from.size(), to);
  };
  replace_all("{WORKSPACE_MINUS_LAST_CHAR}", workspace_.substr(0, workspace_.size() - 1));
  replace_all("{WORKSPACE}", workspace_);
  replace_all("{ROOT}", root_);
  replace_all("{TMPDIR}", tmpdir_);
  replace_all("{GRANDPARENT}", base_.path());
  return out;
}

Json Sandbox::substitute(const Json& j) const {
  if (j.is_string()) return substitute(j.get<std::string>());
  if (j.is_array()) {
    Json out = Json::array();
    for (const auto& e : j) out.push_back(substitute(e));
    return out;
  }
  if (j.is_object()) {
    Json out = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = substitute(it.value());
    return out;
  }
  return j;
}

std::string Outcome::str() const {
  std::string s;
  for (const auto& m : mismatches) s += (s.empty() ? "" : "; ") + m;
  return s;
}

void Expectations::equal(const std::string& key, const Json& actual) {
  if (!expected_.contains(key)) return;
  seen_.push_back(key);
  if (expected_[key] != actual)
    out_.mismatches.push_back(key + ": expected " + expected_[key].dump() + ", got " +
                              actual.dump());
}

void Expectations::at_least(const std::string& key, double actual) {
  if (!expected_.contains(key)) return;
  seen_.push_back(key);
  if (actual + 1e-9 < expected_[key].get<double>())
    out_.mismatches.push_back(key + ": expected >= " + expected_[key].dump() + ", got " +
                              std::to_string(actual));
}

void Expectations::near(const std::string& key, double actual) {
  if (!expected_.contains(key)) return;
  seen_.push_back(key);
  if (std::fabs(actual - expected_[key].get<double>()) > 0.005)
    out_.mismatches.push_back(key + ": expected " + expected_[key].dump() + ", got " +
                              std::to_string(actual));
}

void Expectations::contains(const std::string& key, const std::string& actual) {
  if (!expected_.contains(key)) return;
  seen_.push_back(key);
  if (actual.find(expected_[key].get<std::string>()) == std::string::npos)
    out_.mismatches.push_back(key + ": " + expected_[key].dump() + " is not in \"" + actual + "\"");
}

void Expectations::not_equal(const std::string& key, const Json& actual) {
  if (!expected_.contains(key)) return;
  seen_.push_back(key);
  if (expected_[key] == actual)
    out_.mismatches.push_back(key + ": expected anything but " + actual.dump());
}

void Expectations::one_of(const std::string& key, const Json& actual) {
  if (!expected_.contains(key)) return;
  seen_.push_back(key);
  const auto& set = expected_[key];
  if (std::find(set.begin(), set.end(), actual) == set.end())
    out_.mismatches.push_back(key + ": " + actual.dump() + " is not one of " + set.dump());
}

void Expectations::set_aside(const std::string& key) { seen_.push_back(key); }

Outcome Expectations::finish() {
  for (auto it = expected_.begin(); it != expected_.end(); ++it)
    if (std::find(seen_.begin(), seen_.end(), it.key()) == seen_.end())
      out_.mismatches.push_back(it.key() + ": expectation not checked by the runner");
  return out_;
}

std::shared_ptr<const config::ProviderProfile> profile_for(const Json& params) {
  std::string name;
  if (params.contains("provider") && params["provider"].is_string())
    name = params["provider"].get<std::string>();
  if (name == "claude_code") name = "claude";
  if (name.empty()) {
    for (const char* key : {"current_command", "pane_current_command"}) {
      if (!params.contains(key) || !params[key].is_string()) continue;
      std::string cmd = params[key].get<std::string>();
      if (cmd == "claude" || cmd == "codex" || cmd == "copilot") name = cmd;
    }
  }
  if (name.empty()) return config::any_provider_profile();
  auto p = config::builtin_profile(name);
  if (!p) throw std::runtime_error(p.error().message);
  return *p;
}

}  // namespace ta::vectors
