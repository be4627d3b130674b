// Screens of the real Claude Code and Codex CLIs, captured into
// tests/fixtures/captures/<provider>/<name>.txt (Claude 2.1.197, Codex
// 0.169.0) and <provider>-<version>/<name>.txt (tools/capture-real-clis.sh),
// with what each should be classified as in
// tests/fixtures/captures/expectations.json. Every entry is checked, and
// every capture file must have an entry. When a CLI release changes its
// wording, this is the test that says which profile pattern to update.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "terminal/screen_report.h"

using namespace ta::terminal;
using Json = nlohmann::json;

namespace {

const std::string kDir = std::string(TEAM_AGENT_SOURCE_DIR) + "/tests/fixtures/captures";

// "<file>:<key>" expectations we do not follow, and why. A listed one that
// starts to hold fails the test, so the list never goes stale.
const std::map<std::string, std::string> kNotFollowed = {
    {"codex/startup_splash.txt:activity",
     "the file is byte for byte codex/idle_nongit_no_trust_prompt.txt, which expects idle: the "
     "screen already shows the composer '› Ask Codex to do anything' and its footer, so one "
     "capture cannot be both; we say idle for both"},
};

bool not_followed(const std::string& file, const std::string& key) {
  return kNotFollowed.count(file + ":" + key) > 0;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The expectation entries, whether the file is a list, {"captures": [...]}
// or an object keyed by file name.
std::vector<Json> entries(const Json& j) {
  std::vector<Json> out;
  if (j.is_array()) return {j.begin(), j.end()};
  for (const char* key : {"captures", "expectations"})
    if (j.contains(key) && j[key].is_array()) return {j[key].begin(), j[key].end()};
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it.value().is_object()) continue;
    Json e = it.value();
    if (!e.contains("file")) e["file"] = it.key();
    out.push_back(e);
  }
  return out;
}

std::string capture_path(const std::string& file) {
  if (file.rfind('/', 0) == 0) return file;
  if (file.rfind("tests/", 0) == 0) return std::string(TEAM_AGENT_SOURCE_DIR) + "/" + file;
  return kDir + "/" + file;
}

// Older names for the same states, as the reference tool spelled them.
std::string state_name(const std::string& s) {
  if (s == "codex_trust_prompt") return "trust_prompt";
  if (s == "codex_first_run_auth") return "first_run_auth";
  if (s == "codex_compaction_warning") return "compaction_warning";
  if (s == "generic_press_enter") return "press_enter";
  return s;
}

void check_capture(const Json& e) {
  std::string file = e.value("file", "");
  std::string provider =
      e.contains("provider") && e["provider"].is_string() ? e["provider"].get<std::string>() : "";
  CAPTURE(file);
  auto profile = provider.empty() ? ta::config::any_provider_profile()
                                  : *ta::config::builtin_profile(provider);
  TrustContext trust;
  if (e.contains("workspace") && e["workspace"].is_string())
    trust.workspace = e["workspace"].get<std::string>();
  if (e.contains("pane_width") && e["pane_width"].is_number_integer())
    trust.pane_width = e["pane_width"].get<int>();
  auto r = inspect_capture(read(capture_path(file)), *profile, trust);
  std::string why =
      "\n  non_input: " + r.non_input.evidence + "\n  activity: " + r.activity.evidence;

  if (e.contains("non_input")) {
    const auto& x = e["non_input"];
    std::string want = x.is_string() ? state_name(x.get<std::string>()) : "none";
    CHECK_MESSAGE(non_input_state_name(r.non_input.state) == want, file << why);
  }
  if (e.contains("activity") && e["activity"].is_string()) {
    bool holds = activity_name(r.activity.status) == e["activity"].get<std::string>();
    if (not_followed(file, "activity"))
      CHECK_MESSAGE(!holds, file << " activity holds now; remove it from kNotFollowed");
    else
      CHECK_MESSAGE(holds, file << why);
  }
  if (e.contains("placeholder")) {
    const auto& x = e["placeholder"];
    if (x.is_boolean() || x.is_null())
      CHECK_MESSAGE(r.placeholder.has_value() == (x.is_boolean() && x.get<bool>()), file);
    else if (x.is_string())
      CHECK_MESSAGE(
          (r.placeholder && r.placeholder->text.find(x.get<std::string>()) != std::string::npos),
          file << ": expected placeholder " << x);
  }
  if (e.contains("api_error_class")) {
    const auto& x = e["api_error_class"];
    std::string want = x.is_string() ? x.get<std::string>() : "none";
    CHECK_MESSAGE((r.api_error ? r.api_error->error_class : "none") == want,
                  file << (r.api_error ? "\n  snippet: " + r.api_error->snippet : ""));
  }
  if (e.contains("notice")) {
    const auto& x = e["notice"];
    if (x.is_null())
      CHECK_MESSAGE(!r.notice, file << ": unexpected notice " << (r.notice ? r.notice->text : ""));
    else if (x.is_string())
      CHECK_MESSAGE((r.notice && r.notice->text.find(x.get<std::string>()) != std::string::npos),
                    file << ": expected notice " << x);
  }
  if (e.contains("readiness") && e["readiness"].is_string())
    CHECK_MESSAGE(readiness_name(r.readiness.state) == e["readiness"].get<std::string>(),
                  file << "\n  readiness: " << r.readiness.evidence);
  if (e.contains("composer")) {
    // null: no composer on screen; a string: the box holds exactly that
    // ("" for an empty box, whatever hint it shows).
    const auto& x = e["composer"];
    const auto& box = r.readiness.composer;
    if (x.is_null())
      CHECK_MESSAGE(!box, file << ": unexpected composer '" << (box ? box->text : "") << "'");
    else if (x.is_string())
      CHECK_MESSAGE((box && box->text == x.get<std::string>()),
                    file << ": composer '" << (box ? box->text : "(none)") << "', expected " << x);
  }
  if (e.contains("trust_prompt")) {
    const auto& x = e["trust_prompt"];
    bool want = x.is_object() || (x.is_boolean() && x.get<bool>());
    CHECK_MESSAGE(r.trust_prompt.has_value() == want, file << why);
    if (x.is_object() && r.trust_prompt) {
      if (x.contains("paths")) CHECK(Json(r.trust_prompt->paths) == x["paths"]);
      if (x.contains("matches_workspace") && x["matches_workspace"].is_boolean())
        CHECK(r.trust_prompt->matches_workspace == x["matches_workspace"].get<bool>());
    }
  }
}

}  // namespace

TEST_CASE("captures of the real CLIs classify as their expectations say") {
  std::string path = kDir + "/expectations.json";
  if (!std::filesystem::exists(path)) {
    MESSAGE("no " << path << " yet; nothing to check");
    return;
  }
  auto list = entries(Json::parse(read(path)));
  CHECK_FALSE(list.empty());
  for (const auto& e : list) check_capture(e);
}

TEST_CASE("every capture file has an expectation") {
  std::string path = kDir + "/expectations.json";
  if (!std::filesystem::exists(path)) return;
  std::set<std::string> listed;
  for (const auto& e : entries(Json::parse(read(path)))) listed.insert(e.value("file", ""));
  for (const auto& f : std::filesystem::recursive_directory_iterator(kDir)) {
    if (!f.is_regular_file() || f.path().extension() != ".txt") continue;
    std::string rel = std::filesystem::relative(f.path(), kDir).generic_string();
    CHECK_MESSAGE(listed.count(rel) == 1, rel << " has no entry in expectations.json");
  }
}
