#include "terminal/delivery_check.h"

#include <algorithm>
#include <map>

#include "terminal/message_text.h"
#include "terminal/placeholder.h"
#include "util/regex.h"
#include "terminal/screen.h"
#include "terminal/text.h"

namespace ta::terminal {

const char* landing_evidence_name(LandingEvidence e) {
  switch (e) {
    case LandingEvidence::none:
      return "none";
    case LandingEvidence::token:
      return "token";
    case LandingEvidence::fragment:
      return "fragment";
    case LandingEvidence::new_placeholder:
      return "new_placeholder";
  }
  return "none";
}

namespace {

constexpr std::size_t kMinFragmentChars = 18;
constexpr std::size_t kWholeLineMaxChars = 72;
constexpr std::size_t kPieceChars = 36;

// Whitespace and the box borders a CLI draws around its input are not part
// of the message; removing them lets a wrapped line match across the wrap.
std::string compact(std::string_view s) {
  std::string out = remove_whitespace(s);
  for (std::string_view border : {"│", "▌", "▎"}) {
    for (auto at = out.find(border); at != std::string::npos; at = out.find(border, at))
      out.erase(at, border.size());
  }
  return out;
}

bool is_strong(const std::string& c) {
  static const Regex generic =
      *Regex::compile("^(?:TeamAgentmessagefrom|TeamAgentpeermessagefrom|[-:：>›❯]+$)");
  static const Regex id = *Regex::compile("(?:msg|res)_[0-9A-Fa-f]{8,}");
  if (c.empty() || generic.search(c)) return false;
  if (id.search(c)) return true;
  std::size_t n = char_count(c);
  if (cjk_ideograph_count(c) >= 4 && n >= 6) return true;
  return n >= kMinFragmentChars;
}

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

std::string compact_capture(std::string_view capture) {
  std::string all;
  for (const auto& line : visible_lines(capture)) all += compact(line);
  return all;
}

}  // namespace

std::vector<std::string> message_fragments(std::string_view rendered_text) {
  static const Regex token_re = *Regex::compile("\\[team-agent-token:[^\\]]*\\]");
  static const Regex header_re = *Regex::compile("^\\s*Team Agent message from ");
  std::vector<std::string> out;
  std::string_view rest = rendered_text;
  bool first = true;
  while (!rest.empty() || first) {
    auto nl = rest.find('\n');
    std::string line(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    bool is_header = first && header_re.search(line);
    first = false;
    if (is_header) continue;
    while (auto m = token_re.find(line)) line.erase(m->begin, m->end - m->begin);
    std::string c = compact(line);
    if (!is_strong(c)) continue;
    std::vector<std::string> pieces;
    std::size_t n = char_count(c);
    if (n <= kWholeLineMaxChars) {
      pieces.push_back(c);
    } else {
      std::size_t mid = n / 2 - kPieceChars / 2;
      pieces = {std::string(head_chars(c, kPieceChars)),
                std::string(mid_chars(c, mid, kPieceChars)),
                std::string(tail_chars(c, kPieceChars))};
    }
    for (auto& p : pieces)
      if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(std::move(p));
  }
  return out;
}

LandingCheck check_landed(std::string_view baseline, std::string_view capture,
                          std::string_view message_id, std::string_view rendered_text,
                          const config::ProviderProfile& profile) {
  std::string now = compact_capture(capture);
  // The token is unique to this message: wherever it shows, the message is there.
  if (!message_id.empty() && now.find(compact(message_token(message_id))) != std::string::npos)
    return {true, LandingEvidence::token,
            "the token " + message_token(message_id) + " is on screen"};

  std::string before = compact_capture(baseline);
  for (const auto& f : message_fragments(rendered_text)) {
    if (occurrences(now, f) > occurrences(before, f))
      return {true, LandingEvidence::fragment, "the fragment \"" + f + "\" appeared"};
  }

  std::map<std::string, int> seen;
  for (const auto& t : placeholder_texts(visible_lines(baseline), profile)) ++seen[t];
  for (const auto& t : placeholder_texts(visible_lines(capture), profile)) {
    if (--seen[t] < 0)
      return {true, LandingEvidence::new_placeholder, "the placeholder " + t + " appeared"};
  }
  return {false, LandingEvidence::none,
          "neither the token, a fragment of the text nor a new placeholder is on screen"};
}

}  // namespace ta::terminal
