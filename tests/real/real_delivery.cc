#include "tests/real/real_delivery.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include <doctest/doctest.h>

#include "config/provider_profile.h"
#include "terminal/composer.h"

namespace ta::test {

namespace fs = std::filesystem;

namespace {

std::vector<nlohmann::json> jsonl_lines(const fs::path& file) {
  std::vector<nlohmann::json> out;
  for (const auto& line : split_lines(read_text(file.string()))) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object()) out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

std::vector<fs::path> jsonl_files(const std::string& dir, const std::string& prefix) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (it->is_regular_file() && name.rfind(prefix, 0) == 0 && it->path().extension() == ".jsonl")
      out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

// A message's content: a string, or the text parts of an array.
std::string text_of(const nlohmann::json& content) {
  if (content.is_string()) return content.get<std::string>();
  std::string out;
  if (content.is_array())
    for (const auto& part : content)
      if (part.is_object() && (part.value("type", "") == "text" || part.value("type", "") == "input_text"))
        out += part.value("text", "");
  return out;
}

}  // namespace

void pretrust_claude(RealTeam& team) {
  const std::string key = kFakeAnthropicKey;
  // Claude remembers an approved key by its last 20 characters.
  nlohmann::json j{{"hasCompletedOnboarding", true},
                   {"theme", "dark"},
                   {"lastOnboardingVersion", "2.1.332"},
                   {"customApiKeyResponses",
                    {{"approved", {key.substr(key.size() - 20)}}, {"rejected", nlohmann::json::array()}}},
                   {"projects", {{team.workspace().path(), {{"hasTrustDialogAccepted", true}}}}}};
  write_text(team.home() + "/.claude.json", j.dump());
}

void pretrust_codex(RealTeam& team, const std::string& top) {
  write_text(team.home() + "/.codex/config.toml",
             top + "\n[projects.\"" + team.workspace().path() + "\"]\ntrust_level = \"trusted\"\n");
}

int refused_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0;
  ::close(fd);  // bound, never listened: now nothing is there
  REQUIRE(ok);
  return ntohs(a.sin_port);
}

std::vector<std::string> claude_user_turns(const RealTeam& team) {
  std::vector<std::string> out;
  for (const auto& f : jsonl_files(team.home() + "/projects", ""))
    for (const auto& j : jsonl_lines(f))
      if (j.value("type", "") == "user" && j.contains("message") && j["message"].is_object() &&
          j["message"].value("role", "") == "user")
        out.push_back(text_of(j["message"].value("content", nlohmann::json())));
  return out;
}

std::vector<std::string> codex_user_turns(const RealTeam& team) {
  std::vector<std::string> out;
  // 0.171.0 keeps a user turn as a response_item message of role user
  // (Codex's own <environment_context> block is one too; it holds no token).
  for (const auto& f : jsonl_files(team.home() + "/.codex/sessions", "rollout-"))
    for (const auto& j : jsonl_lines(f)) {
      if (j.value("type", "") != "response_item" || !j.contains("payload")) continue;
      const auto& p = j["payload"];
      if (p.is_object() && p.value("type", "") == "message" && p.value("role", "") == "user")
        out.push_back(text_of(p.value("content", nlohmann::json())));
    }
  return out;
}

std::optional<std::string> composer_text(RealTeam& team, const std::string& agent,
                                         const std::string& provider) {
  auto profile = config::builtin_profile(provider);
  REQUIRE_MESSAGE(profile, provider);
  auto box = terminal::find_composer(team.workspace().capture(agent), **profile);
  if (!box) return std::nullopt;
  return box->text;
}

Occurrences occurrences(const std::vector<std::string>& texts, const std::string& needle) {
  Occurrences o;
  for (const auto& t : texts) {
    int here = 0;
    for (auto at = t.find(needle); at != std::string::npos; at = t.find(needle, at + needle.size()))
      ++here;
    o.total += here;
    o.entries += here > 0;
  }
  return o;
}

}  // namespace ta::test
