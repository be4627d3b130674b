#include "config/provider_profile.h"

#include <algorithm>
#include <cstdio>
#include <mutex>

#include "util/fs.h"
#include "util/read_bounded.h"
#include "util/strings.h"

namespace ta::config {

std::optional<RegexMatch> PatternList::find(std::string_view line) const {
  for (const auto& p : patterns)
    if (auto m = p.find(line)) return m;
  return std::nullopt;
}

void PatternList::append(const PatternList& other) {
  for (const auto& p : other.patterns) {
    bool seen = std::any_of(patterns.begin(), patterns.end(),
                            [&](const Regex& q) { return q.pattern() == p.pattern(); });
    if (!seen) patterns.push_back(p);
  }
}

std::vector<std::string> builtin_provider_names() {
  std::vector<std::string> names;
  for (const auto& [name, text] : builtin_profile_texts()) names.push_back(name);
  return names;  // std::map keeps them sorted
}

namespace {

std::string problems_text(const std::vector<ProfileError>& errors) {
  std::string out;
  for (const auto& e : errors) out += "\n  " + e.str();
  return out;
}

}  // namespace

Result<std::shared_ptr<const ProviderProfile>> builtin_profile(std::string_view name) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const ProviderProfile>, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mu);
  if (auto it = cache.find(name); it != cache.end()) return it->second;
  const auto& texts = builtin_profile_texts();
  auto it = texts.find(std::string(name));
  if (it == texts.end())
    return make_error("unknown provider \"" + std::string(name) +
                          "\" (known: " + join(builtin_provider_names()) + ")",
                      2);
  auto parsed = parse_provider_profile(it->second, name);
  if (!parsed.ok())
    return make_error("the built-in profile for \"" + std::string(name) +
                      "\" is invalid; override it with .team/providers/" + std::string(name) +
                      ".json:" + problems_text(parsed.errors));
  auto profile = std::make_shared<ProviderProfile>(*parsed.profile);
  profile->source = "builtin";
  cache.emplace(std::string(name), profile);
  return std::shared_ptr<const ProviderProfile>(profile);
}

Result<std::shared_ptr<const ProviderProfile>> load_provider_profile(std::string_view name,
                                                                     const std::string& workspace) {
  if (!workspace.empty()) {
    std::string path = workspace + "/.team/providers/" + std::string(name) + ".json";
    if (file_exists(path)) {
      auto text = read_file_bounded(
          path, {1u << 20, "the provider profile",
                 "a profile is a few KiB of JSON; delete it to use the built-in one"});
      if (!text) return text.error();
      auto parsed = parse_provider_profile(*text, name);
      if (!parsed.ok())
        return make_error(path +
                              " is not a valid provider profile; fix these problems or "
                              "delete the file to use the built-in one:" +
                              problems_text(parsed.errors),
                          2);
      auto profile = std::make_shared<ProviderProfile>(*parsed.profile);
      profile->source = path;
      return std::shared_ptr<const ProviderProfile>(profile);
    }
  }
  return builtin_profile(name);
}

namespace {

void merge_non_input(NonInputPatterns& m, const NonInputPatterns& s) {
  m.trust_prompt.append(s.trust_prompt);
  m.first_run_auth.append(s.first_run_auth);
  m.compaction_warning.append(s.compaction_warning);
  m.press_enter.append(s.press_enter);
  m.y_n_confirm.append(s.y_n_confirm);
}

// Contexts, retries and notices are unioned; a class both profiles name
// gets the patterns of both.
void merge_api_errors(ApiErrorPatterns& m, const ApiErrorPatterns& s) {
  m.context.append(s.context);
  m.partial_response.append(s.partial_response);
  m.retry.append(s.retry);
  m.notices.append(s.notices);
  for (const auto& cls : s.classes) {
    auto it = std::find_if(m.classes.begin(), m.classes.end(),
                           [&](const ApiErrorClassPatterns& c) { return c.name == cls.name; });
    if (it == m.classes.end())
      m.classes.push_back(cls);
    else
      it->patterns.append(cls.patterns);
  }
}

// Adds one profile's screen patterns to `m`. A menu item pattern cannot be
// unioned (it is built around the item number), so the first profile's stays.
void merge_screen(ScreenPatterns& m, const ScreenPatterns& s, bool first) {
  m.idle.append(s.idle);
  m.working.append(s.working);
  m.live_status.insert(m.live_status.end(), s.live_status.begin(), s.live_status.end());
  m.turn_end.append(s.turn_end);
  merge_non_input(m.non_input, s.non_input);
  if (first) {
    m.menu.first_item = s.menu.first_item;
    m.menu.second_item = s.menu.second_item;
    m.menu.any_item = s.menu.any_item;
  }
  m.menu.selected.append(s.menu.selected);
  m.menu.hints.append(s.menu.hints);
  m.shell_prompt.append(s.shell_prompt);
  m.placeholder.append(s.placeholder);
  m.trust_selection_marker.append(s.trust_selection_marker);
  m.trust_accept.append(s.trust_accept);
  m.trust_decline.append(s.trust_decline);
  m.trust_path_intro.append(s.trust_path_intro);
  merge_api_errors(m.api_errors, s.api_errors);
  m.composer.start.append(s.composer.start);
  m.composer.end.append(s.composer.end);
  m.composer.empty.append(s.composer.empty);
  m.readiness.ready.append(s.readiness.ready);
  m.readiness.starting.append(s.readiness.starting);
  m.readiness.splash.append(s.readiness.splash);
}

}  // namespace

std::shared_ptr<const ProviderProfile> any_provider_profile() {
  static const std::shared_ptr<const ProviderProfile> merged = [] {
    auto any = std::make_shared<ProviderProfile>();
    any->name = "any";
    any->description = "screen patterns of every real CLI profile";
    any->source = "builtin";
    bool first = true;
    for (const auto& name : builtin_provider_names()) {
      // The fake agent's plain "> " prompt would read quoted text in a real
      // CLI's transcript as a prompt; a fake capture names its provider.
      if (name == "fake") continue;
      auto p = builtin_profile(name);
      if (!p) continue;
      for (const auto& cmd : (*p)->process_names)
        if (std::find(any->process_names.begin(), any->process_names.end(), cmd) ==
            any->process_names.end())
          any->process_names.push_back(cmd);
      merge_screen(any->screen, (*p)->screen, first);
      first = false;
    }
    return std::shared_ptr<const ProviderProfile>(any);
  }();
  return merged;
}

namespace {

// A TOML basic string: what `codex -c key=value` parses as one string value.
std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out + "\"";
}

Result<std::string> expand(const std::string& tmpl, const std::map<std::string, std::string>& vars,
                           const std::string& provider) {
  std::string out;
  std::size_t pos = 0;
  while (pos < tmpl.size()) {
    auto open = tmpl.find('{', pos);
    auto close = open == std::string::npos ? open : tmpl.find('}', open);
    if (close == std::string::npos) {
      out += tmpl.substr(pos);
      break;
    }
    out += tmpl.substr(pos, open - pos);
    std::string var = tmpl.substr(open + 1, close - open - 1);
    bool toml = false;
    if (auto colon = var.find(':'); colon != std::string::npos) {
      toml = var.substr(colon + 1) == "toml";
      var = var.substr(0, colon);
    }
    auto it = vars.find(var);
    if (it == vars.end())
      return make_error("the " + provider + " launch command needs {" + var +
                        "}; pass it when starting the agent");
    out += toml ? toml_string(it->second) : it->second;
    pos = close + 1;
  }
  return out;
}

}  // namespace

Result<std::vector<std::string>> launch_argv(const ProviderProfile& profile,
                                             const std::map<std::string, std::string>& vars) {
  std::vector<std::string> argv;
  auto add = [&](const std::vector<std::string>& templates) -> Status {
    for (const auto& t : templates) {
      auto s = expand(t, vars, profile.name);
      if (!s) return s.error();
      argv.push_back(std::move(*s));
    }
    return ok_status();
  };
  if (auto st = add(profile.launch_argv); !st) return st.error();
  for (const auto& piece : profile.launch_optional) {
    if (!piece.when.empty()) {
      auto it = vars.find(piece.when);
      if (it == vars.end() || it->second.empty()) continue;
    }
    if (auto st = add(piece.args); !st) return st.error();
  }
  return argv;
}

std::string session_format(const ProviderProfile& profile,
                           const std::map<std::string, std::string>& vars) {
  if (profile.session.format.empty()) return {};
  auto format = expand(profile.session.format, vars, profile.name);
  std::string f = format && !format->empty() ? *format : profile.session.default_format;
  return profile.session.args.count(f) ? f : std::string();
}

Result<std::vector<std::string>> session_argv(const ProviderProfile& profile,
                                              const std::string& format,
                                              const std::map<std::string, std::string>& vars,
                                              bool resume) {
  std::vector<std::string> argv;
  auto it = profile.session.args.find(format);
  if (it == profile.session.args.end()) return argv;
  for (const auto& t : resume ? it->second.resume : it->second.fresh) {
    auto s = expand(t, vars, profile.name);
    if (!s) return s.error();
    argv.push_back(std::move(*s));
  }
  return argv;
}

}  // namespace ta::config
