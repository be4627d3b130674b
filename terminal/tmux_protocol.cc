#include "terminal/tmux_protocol.h"

#include <cstdio>
#include <cstdlib>

#include "util/strings.h"
#include "util/utf8.h"

namespace ta::terminal {

namespace {

bool is_octal(char c) { return c >= '0' && c <= '7'; }

// Strictly a decimal integer (optionally negative), nothing else.
bool parse_int(std::string_view s, long long& out) {
  if (s.empty()) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  long long v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = s[0] == '-' ? -v : v;
  return true;
}

std::pair<std::string_view, std::string_view> split_first(std::string_view s) {
  auto sp = s.find(' ');
  if (sp == std::string_view::npos) return {s, {}};
  return {s.substr(0, sp), s.substr(sp + 1)};
}

// Characters that are never special to tmux's command parser in a bare word.
bool is_bare_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == '@' || c == '=' || c == ',' || c == '.' || c == '/' ||
         c == ':' || c == '+' || c == '^';
}

// A word tmux reads back unchanged without quotes. '%' is special at the
// start of a word ("%0:pause" is a syntax error), except in a pane id.
bool is_bare_word(const std::string& w) {
  if (w.empty()) return false;
  size_t i = 0;
  if (w[0] == '%') {
    for (i = 1; i < w.size(); ++i)
      if (w[i] < '0' || w[i] > '9') return false;
    return w.size() > 1;
  }
  for (unsigned char c : w)
    if (!is_bare_char(c)) return false;
  return true;
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when the bytes
// there are not one: tmux's parser splits words at invalid UTF-8.
size_t utf8_sequence_length(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  return ta::first_invalid_utf8(s.substr(i, n)) == std::string_view::npos ? n : 0;
}

}  // namespace

std::optional<std::pair<std::string, BlockGuard>> parse_guard_line(std::string_view line) {
  std::string kind;
  if (starts_with(line, "%begin ")) kind = "begin";
  else if (starts_with(line, "%end ")) kind = "end";
  else if (starts_with(line, "%error ")) kind = "error";
  else return std::nullopt;
  std::string_view rest = line.substr(kind.size() + 2);
  auto [t, r1] = split_first(rest);
  auto [n, f] = split_first(r1);
  BlockGuard g;
  long long flags = 0;
  if (!parse_int(t, g.time) || !parse_int(n, g.number) || !parse_int(f, flags)) return std::nullopt;
  g.flags = static_cast<int>(flags);
  return std::make_pair(kind, g);
}

ControlNotification parse_notification(std::string_view line) {
  ControlNotification n;
  if (line.empty() || line[0] != '%') {
    n.kind = NotificationKind::stray;
    n.args = std::string(line);
    return n;
  }
  auto [name, args] = split_first(line.substr(1));
  n.name = std::string(name);
  n.args = std::string(args);
  if (name == "output") {
    auto [pane, value] = split_first(args);
    n.kind = NotificationKind::output;
    n.pane = std::string(pane);
    n.value = std::string(value);
  } else if (name == "extended-output") {
    // %extended-output %PANE AGE [future args...] : VALUE
    auto [pane, rest] = split_first(args);
    n.kind = NotificationKind::output;
    n.pane = std::string(pane);
    auto colon = rest.find(" : ");
    if (colon != std::string_view::npos) n.value = std::string(rest.substr(colon + 3));
    else if (rest.size() >= 2 && rest.substr(rest.size() - 2) == " :") n.value.clear();
  } else if (name == "pause" || name == "continue") {
    n.kind = name == "pause" ? NotificationKind::pause : NotificationKind::resume;
    n.pane = std::string(split_first(args).first);
  } else if (name == "exit") {
    n.kind = NotificationKind::exit;
    n.value = std::string(args);
  } else if (name == "session-changed") {
    n.kind = NotificationKind::session_changed;
  } else if (name == "end" || name == "error") {
    n.kind = NotificationKind::stray;  // a block end with no block open
  } else {
    n.kind = NotificationKind::other;
  }
  return n;
}

std::string decode_output_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 3 < value.size() && is_octal(value[i + 1]) &&
        is_octal(value[i + 2]) && is_octal(value[i + 3])) {
      int v = (value[i + 1] - '0') * 64 + (value[i + 2] - '0') * 8 + (value[i + 3] - '0');
      out.push_back(static_cast<char>(v & 0xff));
      i += 3;
    } else {
      out.push_back(value[i]);
    }
  }
  return out;
}

ControlParser::Event ControlParser::feed(std::string_view line) {
  Event ev;
  if (open_) {
    auto g = parse_guard_line(line);
    // Only the %end/%error carrying the %begin's exact triple closes the
    // block; anything else, even a line that looks like a guard, is output.
    if (g && g->first != "begin" && g->second == open_->guard) {
      open_->ok = g->first == "end";
      ev.reply = std::move(*open_);
      open_.reset();
    } else {
      open_->lines.emplace_back(line);
    }
    return ev;
  }
  auto g = parse_guard_line(line);
  if (g && g->first == "begin") {
    open_.emplace();
    open_->guard = g->second;
    return ev;
  }
  ev.notification = parse_notification(line);
  return ev;
}

std::string quote_word(std::string_view word) {
  std::string out;
  out.reserve(word.size() + 2);
  out.push_back('"');
  for (size_t i = 0; i < word.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    size_t utf8 = c >= 0x80 ? utf8_sequence_length(word, i) : 0;
    if (utf8 > 0) {
      out.append(word.substr(i, utf8));
      i += utf8 - 1;
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out.append(buf, 4);
    } else if (c == '"' || c == '\\' || c == '$' || c == '~') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
  return out;
}

Result<std::string> command_line(const std::vector<std::string>& words) {
  if (words.empty()) return make_error("cannot send an empty tmux command");
  std::string line;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w.find('\0') != std::string::npos)
      return make_error("tmux arguments cannot contain NUL bytes; remove them from the " +
                        words[0] + " argument");
    if (i > 0) line.push_back(' ');
    line += is_bare_word(w) ? w : quote_word(w);
  }
  auto st = check_single_command(line);
  if (!st) return st.error();
  return line;
}

std::vector<std::string> exec_words(const std::vector<std::string>& argv) {
  if (argv.size() != 1) return argv;
  return {"env", "--", argv[0]};
}

Status check_single_command(std::string_view line) {
  for (unsigned char c : line)
    if (c < 0x20 && c != '\t')
      return make_error("a tmux control-mode command must be one line without control "
                        "characters; quote the argument that holds them");
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  size_t name_start = i;
  while (i < line.size() && ((line[i] >= 'a' && line[i] <= 'z') || line[i] == '-')) ++i;
  if (i == name_start || (i < line.size() && line[i] != ' ' && line[i] != '\t'))
    return make_error("a tmux control-mode command must start with a command name (got \"" +
                      std::string(line.substr(0, 40)) + "\")");
  enum { none, single, dbl } state = none;
  int braces = 0;
  for (; i < line.size(); ++i) {
    char c = line[i];
    if (state == single) {
      if (c == '\'') state = none;
    } else if (c == '\\') {
      ++i;  // an escaped character is never special
    } else if (state == dbl) {
      if (c == '"') state = none;
    } else if (c == '\'') {
      state = single;
    } else if (c == '"') {
      state = dbl;
    } else if (c == '{') {
      ++braces;
    } else if (c == '}') {
      --braces;
    } else if (c == ';' && braces <= 0) {
      return make_error("send one tmux command per call: an unquoted ';' makes a command "
                        "sequence, which control mode answers with several replies");
    }
  }
  return ok_status();
}

}  // namespace ta::terminal
