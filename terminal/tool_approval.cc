#include "terminal/tool_approval.h"

#include <algorithm>

#include "terminal/text.h"
#include "util/regex.h"

namespace ta::terminal {

namespace {

// How far above the options a heading may sit when no rule tops the prompt.
constexpr std::size_t kHeadingAboveOptions = 4;
// Lines a prompt may draw below its options (key hints).
constexpr std::size_t kLinesBelowOptions = 3;

// A horizontal rule across the pane ("────…"), as CLIs draw above a prompt.
bool is_rule(const std::string& line) {
  static const Regex rule = *Regex::compile("^\\s*[─━═]{10,}\\s*$");
  return rule.search(line);
}

ApprovalMeaning meaning_of(const std::string& label, const config::ToolApprovalPatterns& p) {
  if (p.decline.matches(label)) return ApprovalMeaning::decline;
  if (p.remembers.matches(label)) return ApprovalMeaning::remembers;
  if (p.accept_session.matches(label)) return ApprovalMeaning::session;
  if (p.accept_once.matches(label)) return ApprovalMeaning::once;
  return ApprovalMeaning::other;
}

bool allows_anything(const MarkedList& l, const config::ToolApprovalPatterns& p) {
  return std::any_of(l.options.begin(), l.options.end(), [&](const MenuOption& o) {
    auto m = meaning_of(o.label, p);
    return m == ApprovalMeaning::session || m == ApprovalMeaning::once;
  });
}

// The live list: the lowest marked list that allows something, with no
// more than a few hint lines under it.
const MarkedList* live_list(const MarkedLists& found, std::size_t line_count,
                            const config::ToolApprovalPatterns& p) {
  for (auto it = found.lists.rbegin(); it != found.lists.rend(); ++it)
    if (allows_anything(*it, p)) {
      if (it->last_line + 1 + kLinesBelowOptions < line_count) return nullptr;
      return &*it;
    }
  return nullptr;
}

struct Heading {
  std::string line, server, tool;
};

std::optional<Heading> heading_at(const std::string& line, const config::ToolApprovalPatterns& p) {
  auto m = p.heading.find(line);
  if (!m || m->groups.size() < 2 || m->groups[0].empty()) return std::nullopt;
  return Heading{line, std::string(m->groups[0]), std::string(trim_blanks(m->groups[1]))};
}

// The heading of the prompt whose options start at `first`, looked for only
// where the CLI draws it: the first line below the prompt's top rule (the
// second under a title such as "Tool use"), or, without a rule, just above
// the options. A prompt of another kind (a shell command, an edit) is never
// a tool approval, whatever its command or arguments say.
std::optional<Heading> heading_above(const std::vector<std::string>& lines, std::size_t first,
                                     const config::ToolApprovalPatterns& p) {
  std::optional<std::size_t> rule;
  for (std::size_t i = first; i-- > 0;)
    if (is_rule(lines[i])) {
      rule = i;
      break;
    }
  const std::size_t from =
    rule ? *rule + 1 : (first > kHeadingAboveOptions ? first - kHeadingAboveOptions : 0);
  for (std::size_t i = from; i < first; ++i)
    if (p.other_prompt.matches(lines[i])) return std::nullopt;
  if (!rule) {
    for (std::size_t i = first; i-- > from;)
      if (auto h = heading_at(lines[i], p)) return h;
    return std::nullopt;
  }
  if (from >= first) return std::nullopt;
  if (auto h = heading_at(lines[from], p)) return h;
  if (from + 1 < first && p.title.matches(lines[from])) return heading_at(lines[from + 1], p);
  return std::nullopt;
}

// "Send Message Tool:" names the tool "Send Message".
std::string tool_title(std::string t) {
  static const Regex suffix = *Regex::compile("\\s*(?:\\bTool)?\\s*:?\\s*$");
  if (auto m = suffix.find(t); m && m->begin > 0) t.erase(m->begin);
  return t;
}

void choose(ToolApproval& a) {
  auto count = [&](ApprovalMeaning m) {
    return std::count(a.meanings.begin(), a.meanings.end(), m);
  };
  auto index_of = [&](ApprovalMeaning m) {
    return static_cast<int>(std::find(a.meanings.begin(), a.meanings.end(), m) - a.meanings.begin());
  };
  if (count(ApprovalMeaning::session) == 1) {
    a.choice = index_of(ApprovalMeaning::session);
  } else if (count(ApprovalMeaning::session) > 1) {
    a.problem = "several options allow the tool for this session";
  } else if (count(ApprovalMeaning::once) == 1) {
    a.choice = index_of(ApprovalMeaning::once);
  } else {
    a.problem = count(ApprovalMeaning::once) > 1
                    ? "several options allow the call once and none for this session"
                    : "no option allows the call for this session or once";
  }
}

}  // namespace

const char* approval_meaning_name(ApprovalMeaning m) {
  switch (m) {
    case ApprovalMeaning::session:
      return "session";
    case ApprovalMeaning::remembers:
      return "remembers";
    case ApprovalMeaning::once:
      return "once";
    case ApprovalMeaning::decline:
      return "decline";
    case ApprovalMeaning::other:
      break;
  }
  return "other";
}

std::string ToolApproval::scope() const {
  if (choice < 0) return "";
  return approval_meaning_name(meanings[static_cast<std::size_t>(choice)]);
}

const std::string& ToolApproval::choice_label() const {
  static const std::string none;
  return choice < 0 ? none : options[static_cast<std::size_t>(choice)].label;
}

std::optional<ToolApproval> inspect_tool_approval(const std::vector<std::string>& lines,
                                                  const config::ScreenPatterns& patterns) {
  const auto& p = patterns.tool_approval;
  if (p.empty()) return std::nullopt;
  auto found = find_marked_lists(lines, patterns.trust_selection_marker);
  const MarkedList* list = live_list(found, lines.size(), p);
  if (!list) return std::nullopt;
  auto heading = heading_above(lines, list->first_line, p);
  if (!heading) return std::nullopt;
  ToolApproval a;
  a.server = heading->server;
  a.tool = tool_title(heading->tool);
  a.heading = std::string(trim_blanks(heading->line));
  a.options = list->options;
  a.selected = list->selected;
  for (const auto& o : a.options) a.meanings.push_back(meaning_of(o.label, p));
  choose(a);
  return a;
}

std::vector<std::string> keys_to_choice(const ToolApproval& a) {
  if (!a.answerable()) return {};
  return keys_between(a.selected, a.choice);
}

}  // namespace ta::terminal
