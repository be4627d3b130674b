#include "terminal/trust_options.h"

#include <algorithm>

#include "terminal/option_list.h"

namespace ta::terminal {

namespace {

OptionMeaning meaning_of(const std::string& label, const config::ScreenPatterns& p) {
  bool accepts = p.trust_accept.matches(label);
  bool declines = p.trust_decline.matches(label);
  if (accepts && declines) return OptionMeaning::both;
  if (accepts) return OptionMeaning::accept;
  return declines ? OptionMeaning::decline : OptionMeaning::other;
}

bool has_meaning(const MarkedList& c, const config::ScreenPatterns& p) {
  for (const auto& o : c.options)
    if (meaning_of(o.label, p) != OptionMeaning::other) return true;
  return false;
}

std::string quoted_labels(const std::vector<TrustOption>& options, OptionMeaning m) {
  std::string out;
  for (const auto& o : options)
    if (o.meaning == m) out += (out.empty() ? "'" : ", '") + o.label + "'";
  return out;
}

// Classes each option and finds the one accepting option.
void classify(TrustOptions& t, const config::ScreenPatterns& p) {
  int accepting = 0;
  for (std::size_t i = 0; i < t.options.size(); ++i) {
    auto& o = t.options[i];
    o.meaning = meaning_of(o.label, p);
    if (o.meaning == OptionMeaning::accept) {
      ++accepting;
      t.accepting = static_cast<int>(i);
    }
  }
  if (auto both = quoted_labels(t.options, OptionMeaning::both); !both.empty()) {
    t.problem = "an option reads as both accepting and declining: " + both;
  } else if (accepting == 0) {
    t.problem = "no option reads as accepting";
  } else if (accepting > 1) {
    t.problem = std::to_string(accepting) + " options read as accepting: " +
                quoted_labels(t.options, OptionMeaning::accept);
  }
  if (!t.problem.empty()) t.accepting = -1;
}

}  // namespace

const char* option_meaning_name(OptionMeaning m) {
  switch (m) {
    case OptionMeaning::accept:
      return "accept";
    case OptionMeaning::decline:
      return "decline";
    case OptionMeaning::both:
      return "both";
    case OptionMeaning::other:
      break;
  }
  return "other";
}

TrustOptions parse_trust_options(const std::vector<std::string>& lines,
                                 const config::ScreenPatterns& patterns) {
  auto found = find_marked_lists(lines, patterns.trust_selection_marker);
  auto& lists = found.lists;
  // A marked line above a paragraph ("> You are in /w" over the question)
  // can pass for a list once blank lines are gone; only a list in which
  // some option accepts or declines is a list of trust choices.
  if (lists.size() > 1)
    lists.erase(std::remove_if(lists.begin(), lists.end(),
                               [&](const MarkedList& c) { return !has_meaning(c, patterns); }),
                lists.end());
  TrustOptions t;
  if (lists.size() != 1) {
    t.problem = !lists.empty() ? std::to_string(lists.size()) +
                                     " option lists carry a selection marker"
                : !found.problem.empty() ? found.problem
                                         : "no option list with a selection marker";
    return t;
  }
  for (auto& o : lists[0].options)
    t.options.push_back({std::move(o.label), o.number, OptionMeaning::other});
  t.selected = lists[0].selected;
  t.numbered = lists[0].numbered;
  classify(t, patterns);
  return t;
}

std::vector<std::string> keys_to_accepting(const TrustOptions& t) {
  if (!t.recognized()) return {};
  return keys_between(t.selected, t.accepting);
}

}  // namespace ta::terminal
