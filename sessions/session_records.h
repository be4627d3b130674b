#pragma once
// Reading the JSON-lines records of Claude transcripts and Codex rollouts:
// one record a line, a line that is not a JSON object is reported and
// skipped, and fields are looked up without ever throwing on a record whose
// shape changed with a CLI release.
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ta::sessions {

using RecordJson = nlohmann::json;

// Calls `fn` with each JSON object of `text`, oldest first; each other
// non-empty line adds a diagnostic (at most a handful).
void for_each_record(std::string_view text, std::vector<std::string>& diagnostics,
                     const std::function<void(const RecordJson&)>& fn);

// The string at a path of object keys, or "" when any step is missing or
// not of the expected kind.
std::string text_at(const RecordJson& j, std::initializer_list<const char*> path);
// The object at a path of object keys, or nullptr.
const RecordJson* object_at(const RecordJson& j, const char* key, const char* key2 = nullptr);

// Claude: the text parts of a record's message, the content itself when it
// is a string (typed text), else each {"type":"text"} item of the list.
std::vector<std::string> claude_user_texts(const RecordJson& r);
// Claude: a user record saying the person interrupted the turn.
bool claude_interrupted(const RecordJson& r);
// Claude: a user record carrying a tool's result.
bool claude_has_tool_result(const RecordJson& r);
// Codex: the turn an event belongs to (`turn_id`, or the attribution that
// newer versions write).
std::string codex_turn_id(const RecordJson& payload);

}  // namespace ta::sessions
