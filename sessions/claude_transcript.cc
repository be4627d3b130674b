#include "sessions/claude_transcript.h"

#include <nlohmann/json.hpp>

#include "sessions/session_files.h"
#include "sessions/session_records.h"
#include "util/fs.h"

namespace ta::sessions {

namespace {

using Json = nlohmann::json;

constexpr std::size_t kHeadLines = 200;
constexpr std::size_t kHeadBytes = 8u << 20;

bool kept(unsigned char c, bool keep_underscore) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '.' || c == '-' || (keep_underscore && c == '_');
}

// Length of the UTF-8 sequence a lead byte starts (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC2 && lead < 0xE0) return 2;
  return 1;
}

// A user record with text a person typed: not a tool result, a meta record
// (slash commands), a side chain or the notice of an interruption.
bool is_person_message(const Json& r) {
  if (text_at(r, {"type"}) != "user" || text_at(r, {"message", "role"}) != "user") return false;
  if (r.value("isMeta", false) || r.value("isSidechain", false) || claude_interrupted(r))
    return false;
  for (const auto& text : claude_user_texts(r))
    if (text.find_first_not_of(" \t\r\n") != std::string::npos) return true;
  return false;
}

}  // namespace

std::string claude_project_name(std::string_view cwd, bool keep_underscore) {
  std::string out;
  for (std::size_t i = 0; i < cwd.size();) {
    auto c = static_cast<unsigned char>(cwd[i]);
    std::size_t len = std::min(sequence_length(c), cwd.size() - i);
    if (len == 1 && kept(c, keep_underscore))
      out.push_back(static_cast<char>(c));
    else
      out.append(len == 4 ? "--" : "-");
    i += len;
  }
  return out;
}

std::vector<std::string> claude_transcript_candidates(const std::string& config_dir,
                                                      const std::string& resolved_cwd,
                                                      const std::string& session_id) {
  std::vector<std::string> out;
  for (bool keep : {false, true}) {
    std::string p = config_dir + "/projects/" + claude_project_name(resolved_cwd, keep) + "/" +
                    session_id + ".jsonl";
    if (out.empty() || out.back() != p) out.push_back(p);
  }
  return out;
}

bool is_session_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 &&
         id.find_first_not_of("0123456789abcdefABCDEF-") == std::string_view::npos;
}

const char* verdict_name(TranscriptVerdict v) {
  switch (v) {
    case TranscriptVerdict::verified: return "verified";
    case TranscriptVerdict::missing: return "missing";
    case TranscriptVerdict::cwd_mismatch: return "cwd_mismatch";
    case TranscriptVerdict::blank: return "blank";
    case TranscriptVerdict::unreadable: return "unreadable";
  }
  return "unknown";
}

TranscriptCheck check_claude_transcript(const std::string& path, const std::string& resolved_cwd) {
  TranscriptCheck check;
  check.path = path;
  if (!stamp_of(path).exists) {
    check.path.clear();
    return check;
  }
  const std::string want = resolved_path(resolved_cwd);
  bool any_record = false, cwd_seen = false, person = false;
  for (const auto& line : read_head_lines(path, kHeadLines, kHeadBytes)) {
    Json record = Json::parse(line, nullptr, false);
    if (!record.is_object()) continue;  // a torn or foreign line
    any_record = true;
    auto cwd = record.find("cwd");
    if (cwd != record.end() && cwd->is_string()) {
      std::string named = cwd->get<std::string>();
      if (named != want && resolved_path(named) != want) {
        check.verdict = TranscriptVerdict::cwd_mismatch;
        check.detail = named;
        return check;
      }
      cwd_seen = true;
    }
    person = person || is_person_message(record);
  }
  if (!any_record) check.verdict = TranscriptVerdict::unreadable;
  else if (!cwd_seen || !person) check.verdict = TranscriptVerdict::blank;
  else check.verdict = TranscriptVerdict::verified;
  return check;
}

TranscriptCheck find_claude_transcript(const std::string& config_dir,
                                       const std::string& resolved_cwd,
                                       const std::string& session_id) {
  if (!is_session_id(session_id)) return {};
  for (const auto& p : claude_transcript_candidates(config_dir, resolved_cwd, session_id))
    if (stamp_of(p).exists) return check_claude_transcript(p, resolved_cwd);
  const std::string projects = config_dir + "/projects";
  for (const auto& dir : list_dir(projects)) {
    std::string p = projects + "/" + dir + "/" + session_id + ".jsonl";
    if (stamp_of(p).exists) return check_claude_transcript(p, resolved_cwd);
  }
  return {};
}

}  // namespace ta::sessions
