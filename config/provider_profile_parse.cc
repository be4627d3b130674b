// Reading a provider profile's JSON into a ProviderProfile: every problem is
// collected as `<JSON pointer>: <sentence>` so a user fixing an override sees
// all of them at once, and every pattern is compiled here, once.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "config/provider_profile.h"
#include "config/provider_profile_keys.h"
#include "util/strings.h"

namespace ta::config {

namespace {

using Json = nlohmann::ordered_json;
using namespace profile_keys;

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string kind_of(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    default:
      return "a number";
  }
}

// "line L, column C" of byte `offset` in `text`, for malformed JSON.
std::string position(std::string_view text, std::size_t offset) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n')
      ++line, col = 1;
    else
      ++col;
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

class Parser {
 public:
  std::vector<ProfileError> errors;

  void add(const std::string& path, std::string message) {
    errors.push_back({path.empty() ? "/" : path, std::move(message)});
  }

  // Checks `j` is an object with only `allowed` keys and every `required` one.
  bool object(const Json& j, const std::string& path, const std::vector<std::string>& allowed,
              const std::vector<std::string>& required = {}) {
    if (!j.is_object()) {
      add(path, "must be an object, not " + kind_of(j));
      return false;
    }
    for (auto it = j.begin(); it != j.end(); ++it)
      if (!contains(allowed, it.key()))
        add(path + "/" + it.key(), "unknown key (allowed: " + join(allowed) + ")");
    for (const auto& k : required)
      if (!j.contains(k)) add(path + "/" + k, "missing; every profile needs it");
    return true;
  }

  // Calls `each(element, its path)` for every element of the array `key` of
  // `parent` that object() accepts; `at` is the array's path, `shape` what
  // its elements look like, for the error when it is not an array.
  template <class Each>
  void each_object(const Json& parent, const std::string& key, const std::string& at,
                   const char* shape, const std::vector<std::string>& allowed,
                   const std::vector<std::string>& required, Each each) {
    auto it = parent.find(key);
    if (it == parent.end()) return;
    if (!it->is_array()) {
      add(at, std::string("must be an array of ") + shape + " objects");
      return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
      std::string ip = at + "/" + std::to_string(i);
      const auto& e = (*it)[i];
      if (object(e, ip, allowed, required)) each(e, ip);
    }
  }

  std::string string(const Json& obj, const std::string& key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end()) return {};
    if (!it->is_string()) {
      add(path + "/" + key, "must be a string, not " + kind_of(*it));
      return {};
    }
    return it->get<std::string>();
  }

  std::vector<std::string> strings(const Json& obj, const std::string& key,
                                   const std::string& path) {
    std::vector<std::string> out;
    auto it = obj.find(key);
    if (it == obj.end()) return out;
    if (!it->is_array()) {
      add(path + "/" + key, "must be an array of strings, not " + kind_of(*it));
      return out;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
      const auto& v = (*it)[i];
      if (!v.is_string()) {
        add(path + "/" + key + "/" + std::to_string(i), "must be a string, not " + kind_of(v));
        continue;
      }
      out.push_back(v.get<std::string>());
    }
    return out;
  }

  Regex regex(const std::string& text, const std::string& path) {
    auto r = Regex::compile(text);
    if (!r) {
      add(path, r.error().message + "; fix the pattern (PCRE2 syntax, UTF-8)");
      return {};
    }
    return *r;
  }

  PatternList patterns(const Json& obj, const std::string& key, const std::string& path,
                       bool required = false) {
    PatternList list;
    if (required && !obj.contains(key)) {
      add(path + "/" + key, "missing; give at least one pattern");
      return list;
    }
    auto texts = strings(obj, key, path);
    for (std::size_t i = 0; i < texts.size(); ++i) {
      auto r = regex(texts[i], path + "/" + key + "/" + std::to_string(i));
      if (r.valid()) list.patterns.push_back(std::move(r));
    }
    if (required && obj.contains(key) && obj[key].is_array() && obj[key].empty())
      add(path + "/" + key, "must hold at least one pattern");
    return list;
  }

  // Launch templates may only name known variables: {id}, {model:toml}, …
  void check_template(const std::string& text, const std::string& path) {
    for (std::size_t open = text.find('{'); open != std::string::npos;
         open = text.find('{', open + 1)) {
      auto close = text.find('}', open);
      if (close == std::string::npos) {
        add(path, "has an unclosed '{'; write variables as {name} or {name:toml}");
        return;
      }
      std::string var = text.substr(open + 1, close - open - 1);
      if (auto colon = var.find(':'); colon != std::string::npos) {
        if (var.substr(colon + 1) != "toml")
          add(path, "unknown conversion in {" + var + "}; the only one is :toml");
        var = var.substr(0, colon);
      }
      if (!contains(launch_variables(), var))
        add(path, "unknown variable {" + var + "} (known: " + join(launch_variables()) + ")");
    }
  }

  void launch(const Json& j, const std::string& path, ProviderProfile& p) {
    if (!object(j, path, kLaunchKeys, {"argv"})) return;
    p.launch_argv = strings(j, "argv", path);
    if (j.contains("argv") && p.launch_argv.empty())
      add(path + "/argv", "must name the program to run");
    for (std::size_t i = 0; i < p.launch_argv.size(); ++i)
      check_template(p.launch_argv[i], path + "/argv/" + std::to_string(i));
    each_object(j, "optional", path + "/optional", "{\"when\", \"args\"}", kPieceKeys, {"args"},
                [&](const Json& e, const std::string& ip) {
      LaunchPiece piece;
      piece.when = string(e, "when", ip);
      if (!piece.when.empty() && !contains(launch_variables(), piece.when))
        add(ip + "/when",
            "unknown variable \"" + piece.when + "\" (known: " + join(launch_variables()) + ")");
      piece.args = strings(e, "args", ip);
      for (std::size_t k = 0; k < piece.args.size(); ++k)
        check_template(piece.args[k], ip + "/args/" + std::to_string(k));
      p.launch_optional.push_back(std::move(piece));
    });
    if (auto it = j.find("session"); it != j.end()) session(*it, path + "/session", p.session);
  }

  // How the CLI keeps sessions: its format (a template: the fake's follows
  // its --mode) and, per format, the arguments of a fresh and a resumed start.
  void session(const Json& j, const std::string& path, SessionLaunch& s) {
    if (!object(j, path, kSessionKeys, {"format", "args"})) return;
    s.format = string(j, "format", path);
    check_template(s.format, path + "/format");
    s.default_format = string(j, "default_format", path);
    auto args = j.find("args");
    if (args == j.end()) return;
    if (!args->is_object()) {
      add(path + "/args", "must be an object of formats, each {\"fresh\", \"resume\"}");
      return;
    }
    for (auto it = args->begin(); it != args->end(); ++it) {
      std::string ap = path + "/args/" + it.key();
      if (it.key() != "claude" && it.key() != "codex")
        add(ap, "unknown session format (known: claude, codex)");
      if (!object(*it, ap, kSessionArgKeys, {"resume"})) continue;
      SessionArgs a{strings(*it, "fresh", ap), strings(*it, "resume", ap)};
      for (std::size_t k = 0; k < a.fresh.size(); ++k)
        check_template(a.fresh[k], ap + "/fresh/" + std::to_string(k));
      for (std::size_t k = 0; k < a.resume.size(); ++k)
        check_template(a.resume[k], ap + "/resume/" + std::to_string(k));
      s.args[it.key()] = std::move(a);
    }
  }

  void live_status(const Json& screen, const std::string& path, ScreenPatterns& s) {
    each_object(screen, "live_status", path, "{\"within_last_lines\", \"patterns\"}", kLiveKeys,
                {"within_last_lines", "patterns"}, [&](const Json& g, const std::string& gp) {
      int lines = 0;
      const auto& w = g.contains("within_last_lines") ? g["within_last_lines"] : Json();
      if (w.is_number_integer() && w.get<long long>() >= 1 &&
          w.get<long long>() <= static_cast<long long>(kScreenLines))
        lines = w.get<int>();
      else if (!w.is_null())
        add(gp + "/within_last_lines",
            "must be a whole number from 1 to " + std::to_string(kScreenLines));
      for (auto& r : patterns(g, "patterns", gp).patterns)
        s.live_status.push_back({std::move(r), lines});
    });
  }

  void menu(const Json& j, const std::string& path, MenuPatterns& m) {
    if (!object(j, path, kMenuKeys, {"item"})) return;
    std::string item = string(j, "item", path);
    if (j.contains("item")) {
      auto at = item.find("{n}");
      if (at == std::string::npos) {
        add(path + "/item", "must contain {n} where the item number goes");
      } else {
        auto with = [&](const std::string& n) {
          std::string t = item;
          t.replace(at, 3, n);
          return regex(t, path + "/item");
        };
        m.first_item = with("1");
        if (m.first_item.valid()) {
          m.second_item = with("2");
          m.any_item = with("\\d+");
        }
      }
    }
    m.selected = patterns(j, "selected", path);
    m.hints = patterns(j, "hints", path);
  }

  void api_errors(const Json& j, const std::string& path, ApiErrorPatterns& a) {
    if (!object(j, path, kApiKeys, {"context", "classes"})) return;
    a.context = patterns(j, "context", path, true);
    a.partial_response = patterns(j, "partial_response", path);
    a.retry = patterns(j, "retry", path);
    a.notices = patterns(j, "notices", path);
    each_object(j, "classes", path + "/classes", "{\"class\", \"patterns\"}", kClassKeys,
                {"class", "patterns"}, [&](const Json& c, const std::string& cp) {
      ApiErrorClassPatterns cls;
      cls.name = string(c, "class", cp);
      if (c.contains("class") && !contains(kApiClasses, cls.name))
        add(cp + "/class", "unknown class \"" + cls.name + "\" (known: " + join(kApiClasses) + ")");
      cls.patterns = patterns(c, "patterns", cp, true);
      a.classes.push_back(std::move(cls));
    });
  }

  void screen(const Json& j, const std::string& path, ScreenPatterns& s) {
    if (!object(j, path, kScreenKeys, {"idle", "working"})) return;
    s.idle = patterns(j, "idle", path, true);
    s.working = patterns(j, "working", path, true);
    live_status(j, path + "/live_status", s);
    s.turn_end = patterns(j, "turn_end", path);
    if (auto it = j.find("non_input"); it != j.end()) {
      std::string np = path + "/non_input";
      if (object(*it, np, kNonInputKeys)) {
        s.non_input.trust_prompt = patterns(*it, "trust_prompt", np);
        s.non_input.first_run_auth = patterns(*it, "first_run_auth", np);
        s.non_input.compaction_warning = patterns(*it, "compaction_warning", np);
        s.non_input.press_enter = patterns(*it, "press_enter", np);
        s.non_input.y_n_confirm = patterns(*it, "y_n_confirm", np);
      }
    }
    if (auto it = j.find("menu"); it != j.end()) menu(*it, path + "/menu", s.menu);
    s.shell_prompt = patterns(j, "shell_prompt", path);
    s.placeholder = patterns(j, "placeholder", path);
    if (auto it = j.find("trust"); it != j.end()) {
      std::string tp = path + "/trust";
      if (object(*it, tp, kTrustKeys)) {
        s.trust_selection_marker = patterns(*it, "selection_marker", tp);
        s.trust_accept = patterns(*it, "accept", tp);
        s.trust_decline = patterns(*it, "decline", tp);
        s.trust_path_intro = patterns(*it, "path_intro", tp);
      }
    }
    if (auto it = j.find("tool_approval"); it != j.end())
      tool_approval(*it, path + "/tool_approval", s.tool_approval);
    if (auto it = j.find("api_errors"); it != j.end())
      api_errors(*it, path + "/api_errors", s.api_errors);
    if (auto it = j.find("composer"); it != j.end()) composer(*it, path + "/composer", s);
    if (auto it = j.find("readiness"); it != j.end()) readiness(*it, path + "/readiness", s);
  }

  void tool_approval(const Json& j, const std::string& path, ToolApprovalPatterns& t) {
    if (!object(j, path, kToolApprovalKeys, {"heading", "accept_session", "accept_once", "decline"}))
      return;
    t.heading = patterns(j, "heading", path, true);
    t.title = patterns(j, "title", path);
    t.other_prompt = patterns(j, "other_prompt", path);
    t.accept_session = patterns(j, "accept_session", path, true);
    t.remembers = patterns(j, "remembers", path);
    t.accept_once = patterns(j, "accept_once", path, true);
    t.decline = patterns(j, "decline", path, true);
  }

  // Without a start line there is no box to find, and without an end line
  // the box would run to the bottom of the screen, footer included.
  void composer(const Json& j, const std::string& path, ScreenPatterns& s) {
    if (!object(j, path, kComposerKeys)) return;
    s.composer.start = patterns(j, "start", path, true);
    s.composer.end = patterns(j, "end", path, true);
    s.composer.empty = patterns(j, "empty", path);
  }

  // Ready markers are looked for at or below the composer, so a profile
  // that names them must say where the composer is.
  void readiness(const Json& j, const std::string& path, ScreenPatterns& s) {
    if (!object(j, path, kReadinessKeys)) return;
    s.readiness.ready = patterns(j, "ready", path, true);
    s.readiness.starting = patterns(j, "starting", path);
    s.readiness.splash = patterns(j, "splash", path);
    if (!j.contains("ready")) return;
    if (s.composer.start.empty())
      add(path + "/ready", "needs a \"composer\" with \"start\" patterns: ready markers are read "
                           "at or below the composer");
  }
};

}  // namespace

ParsedProfile parse_provider_profile(std::string_view json_text, std::string_view expected_name) {
  ParsedProfile out;
  Json j;
  try {
    j = Json::parse(json_text.begin(), json_text.end());
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
    auto colon = what.rfind(": ");
    out.errors.push_back({position(json_text, e.byte == 0 ? 0 : e.byte - 1),
                          "malformed JSON (" +
                              (colon == std::string::npos ? what : what.substr(colon + 2)) +
                              "); fix the syntax"});
    return out;
  }
  Parser ps;
  auto p = std::make_shared<ProviderProfile>();
  if (ps.object(j, "", kTopKeys,
                {"name", "launch", "process_names", "submit_key", "settle_ms", "screen"})) {
    p->name = ps.string(j, "name", "");
    if (j.contains("name") && !expected_name.empty() && p->name != expected_name)
      ps.add("/name", "is \"" + p->name + "\" but the file is for provider \"" +
                          std::string(expected_name) + "\"; make them the same");
    p->description = ps.string(j, "description", "");
    p->package = ps.string(j, "package", "");
    if (auto it = j.find("launch"); it != j.end()) ps.launch(*it, "/launch", *p);
    p->process_names = ps.strings(j, "process_names", "");
    p->submit_key = ps.string(j, "submit_key", "");
    if (j.contains("submit_key") && p->submit_key.empty() && j["submit_key"].is_string())
      ps.add("/submit_key", "must name a tmux key such as \"Enter\"");
    if (auto it = j.find("settle_ms"); it != j.end()) {
      if (it->is_number_integer() && it->get<long long>() >= 0 && it->get<long long>() <= 10000)
        p->settle_ms = it->get<int>();
      else
        ps.add("/settle_ms", "must be a whole number of milliseconds from 0 to 10000");
    }
    if (auto it = j.find("screen"); it != j.end()) ps.screen(*it, "/screen", p->screen);
    if (j.contains("interrupt_keys")) p->interrupt_keys = ps.strings(j, "interrupt_keys", "");
    p->fault_signatures = ps.strings(j, "fault_signatures", "");
  }
  if (!ps.errors.empty()) {
    out.errors = std::move(ps.errors);
    return out;
  }
  out.profile = std::move(p);
  return out;
}

}  // namespace ta::config
