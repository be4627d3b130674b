#include "ops/result_envelope.h"

#include <unistd.h>

#include <cerrno>

#include <nlohmann/json.hpp>

#include "ops/errors.h"
#include "util/fs.h"
#include "util/ids.h"
#include "util/read_bounded.h"

namespace ta::ops {

namespace {

using Json = nlohmann::json;

const std::vector<std::string> kEnvelopeKeys{"task", "status", "summary", "details", "files"};
constexpr size_t kMaxEnvelopeBytes = 4u << 20;
constexpr const char* kExample =
    R"({"task": "T1", "status": "success", "summary": "what was done"})";

// "line L, column C" of a parse error, from its byte offset.
std::string parse_position(const Json::parse_error& e, const std::string& text) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
    if (text[i] == '\n') line++, col = 1;
    else ++col;
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

Error invalid(const std::string& source, const std::string& problems) {
  return make_error("the result envelope " + source + " is not valid: " + problems +
                        "; fix it (allowed keys: task, status, summary, details, files) and run "
                        "`team-agent report` again",
                    kExitUsage);
}

}  // namespace

Result<ResultEnvelope> parse_result_envelope(const std::string& text, const std::string& source) {
  // Generous next to the fields' own limits, yet it keeps a wrong file (a
  // log, a binary) from being parsed whole.
  if (text.size() > kMaxEnvelopeBytes)
    return invalid(source, "/: the file is " + std::to_string(text.size()) +
                               " bytes, over the 4 MiB limit");
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    return invalid(source, parse_position(e, text) + ": invalid JSON");
  }
  if (!doc.is_object())
    return invalid(source, "/: must be an object such as " + std::string(kExample) + ", not " +
                               json_kind_name(doc));

  std::vector<std::string> problems;
  auto add = [&](const std::string& path, const std::string& message) {
    problems.push_back(path + ": " + message);
  };
  ResultEnvelope env;
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string& key = it.key();
    const std::string path = "/" + json_pointer_segment(key);
    const Json& v = it.value();
    if (key == "files") {
      if (!v.is_array()) {
        add(path, "must be an array of paths (strings), not " + json_kind_name(v));
        continue;
      }
      std::vector<std::string> files;
      for (size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_string() || v[i].get_ref<const std::string&>().empty())
          add(path + "/" + std::to_string(i),
              "must be a non-empty path (a string), not " +
                  (v[i].is_string() ? std::string("an empty string") : json_kind_name(v[i])));
        else
          files.push_back(v[i].get<std::string>());
      }
      env.files = std::move(files);
    } else if (key == "task" || key == "status" || key == "summary" || key == "details") {
      if (!v.is_string()) {
        add(path, "must be a string, not " + json_kind_name(v));
        continue;
      }
      auto& field = key == "task"     ? env.task
                    : key == "status" ? env.status
                    : key == "summary" ? env.summary
                                       : env.details;
      field = v.get<std::string>();
    } else {
      add(path, "unknown key");
    }
  }
  if (problems.empty()) return env;
  std::string joined;
  for (const auto& p : problems) joined += (joined.empty() ? "" : "; ") + p;
  return invalid(source, joined);
}

Result<ResultEnvelope> read_result_envelope(const std::string& path) {
  const ReadLimit limit{kMaxEnvelopeBytes, "the result envelope",
                        "put long output in files of the workspace and list their paths in "
                        "\"files\""};
  if (path != "-") {
    auto text = read_file_bounded(path, limit);
    if (!text) return text.error();
    return parse_result_envelope(*text, path);
  }
  auto text = read_fd_bounded(STDIN_FILENO, "on stdin", limit);
  if (!text) return text.error();
  return parse_result_envelope(*text, "on stdin");
}

}  // namespace ta::ops
