#include "terminal/option_list.h"

#include "terminal/text.h"
#include "util/regex.h"

namespace ta::terminal {

namespace {

// Box borders and bars a CLI draws around a prompt: not part of an option.
constexpr std::string_view kFrames[] = {"│", "▌", "▎", "┃", "║"};

std::size_t frame_at(std::string_view s, std::size_t i) {
  for (auto f : kFrames)
    if (s.substr(i, f.size()) == f) return f.size();
  return 0;
}

// Bytes of leading blanks and borders of `s`, which ends in neither.
std::size_t leading_frame(std::string_view s) {
  std::size_t i = 0;
  for (;;) {
    std::string_view rest = s.substr(i);
    i += rest.size() - trim_blanks(rest).size();
    std::size_t f = frame_at(s, i);
    if (f == 0) return i;
    i += f;
  }
}

// `s` without trailing blanks and borders.
std::string_view without_trailing_frame(std::string_view s) {
  for (;;) {
    s = trim_right_blanks(s);
    bool cut = false;
    for (auto f : kFrames)
      if (s.size() >= f.size() && s.substr(s.size() - f.size()) == f) {
        s.remove_suffix(f.size());
        cut = true;
        break;
      }
    if (!cut) return s;
  }
}

// One screen line as an option list sees it.
struct Row {
  bool blank = true;
  bool marked = false;  // starts with the selection marker
  int number = 0;       // "2." or "2)" before the text; 0: none
  std::size_t col = 0;  // display column where the number (or the text) starts
  std::string text;
};

// The marker must stand apart from what follows ("❯ No", "›1."), so that a
// banner's ">_ OpenAI Codex" is not read as a selection.
bool marker_at_start(std::string_view rest, const config::PatternList& marker,
                     std::size_t& end) {
  auto m = marker.find(rest);
  if (!m || m->begin != 0 || m->end == 0) return false;
  std::string_view after = rest.substr(m->end);
  bool apart = after.empty() || trim_blanks(after).size() < after.size() ||
               (after[0] >= '0' && after[0] <= '9');
  end = m->end;
  return apart;
}

Row read_row(const std::string& line, const config::PatternList& marker) {
  static const Regex number_re = *Regex::compile("^(\\d{1,2})[.)]\\s+(?=\\S)");
  Row r;
  std::string_view s = without_trailing_frame(line);
  std::size_t lead = leading_frame(s);
  std::string_view rest = s.substr(lead);
  if (rest.empty()) return r;
  r.blank = false;
  r.col = display_width(s.substr(0, lead));
  if (std::size_t end = 0; marker_at_start(rest, marker, end)) {
    r.marked = true;
    std::string_view after = trim_blanks(rest.substr(end));
    r.col += display_width(rest.substr(0, rest.size() - after.size()));
    rest = after;
  }
  if (auto n = number_re.find(rest)) {
    r.number = std::stoi(std::string(n->text));
    rest = rest.substr(n->end);
  }
  r.text = std::string(trim_blanks(rest));
  return r;
}

// The option list around a marked row: its options in screen order, which
// one the marker is on, and how many markers it holds.
struct Candidate {
  MarkedList list;
  int markers = 0;
};

// Rows at the marked row's column start options; deeper rows continue the
// option above (a wrapped label or a description). Numbered lists may have
// blank lines between items; unnumbered ones end at a blank line.
Candidate list_around(const std::vector<Row>& rows, std::size_t m) {
  const Row& at = rows[m];
  const bool numbered = at.number > 0;
  auto starts = [&](const Row& r) {
    return !r.blank && !r.text.empty() && r.col == at.col && (r.number > 0) == numbered;
  };
  auto continues = [&](const Row& r) {
    return !r.blank && !r.marked && r.number == 0 && r.col > at.col;
  };
  auto belongs = [&](const Row& r) {
    return starts(r) || continues(r) || (numbered && r.blank);
  };
  std::size_t first = m;
  for (std::size_t i = m; i-- > 0 && belongs(rows[i]);)
    if (starts(rows[i])) first = i;
  Candidate c;
  c.list.numbered = numbered;
  c.list.first_line = first;
  for (std::size_t i = first; i < rows.size() && belongs(rows[i]); ++i) {
    const Row& r = rows[i];
    if (!r.blank) c.list.last_line = i;
    if (starts(r)) {
      c.list.options.push_back({r.text, r.number});
      if (r.marked) {
        ++c.markers;
        c.list.selected = static_cast<int>(c.list.options.size()) - 1;
      }
    } else if (continues(r) && !c.list.options.empty()) {
      c.list.options.back().label += " " + r.text;
    }
  }
  return c;
}

// Why a list cannot be the prompt's choices; empty when it can.
std::string list_problem(const Candidate& c) {
  if (c.markers > 1)
    return "the selection marker is on " + std::to_string(c.markers) + " options at once";
  const auto& options = c.list.options;
  if (c.list.numbered)
    for (std::size_t i = 0; i < options.size(); ++i)
      if (options[i].number != static_cast<int>(i) + 1)
        return "the options are not numbered 1 to " + std::to_string(options.size());
  return "";
}

}  // namespace

MarkedLists find_marked_lists(const std::vector<std::string>& lines,
                              const config::PatternList& marker) {
  std::vector<Row> rows;
  rows.reserve(lines.size());
  for (const auto& l : lines) rows.push_back(read_row(l, marker));
  MarkedLists out;
  for (std::size_t m = 0; m < rows.size(); ++m) {
    if (!rows[m].marked || rows[m].text.empty()) continue;
    Candidate c = list_around(rows, m);
    if (c.list.options.size() < 2) continue;  // a marked line, not a list
    if (auto why = list_problem(c); !why.empty()) {
      if (out.problem.empty()) out.problem = why;
      continue;
    }
    out.lists.push_back(std::move(c.list));
  }
  return out;
}

std::vector<std::string> keys_between(int from, int to) {
  int steps = to - from;
  return std::vector<std::string>(static_cast<std::size_t>(steps < 0 ? -steps : steps),
                                  steps < 0 ? "Up" : "Down");
}

}  // namespace ta::terminal
