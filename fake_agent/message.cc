#include "fake_agent/message.h"

#include <cctype>

namespace ta::fake {

namespace {

constexpr std::string_view kTokenOpen = "[team-agent-token:";
constexpr std::string_view kHeader = "Team Agent message from ";

bool is_id_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

struct Token {
  std::size_t pos;
  std::string id;
};

std::vector<Token> tokens_with_positions(std::string_view text) {
  std::vector<Token> out;
  for (std::size_t at = text.find(kTokenOpen); at != std::string_view::npos;
       at = text.find(kTokenOpen, at + 1)) {
    std::size_t start = at + kTokenOpen.size(), end = start;
    while (end < text.size() && is_id_char(text[end])) ++end;
    if (end < text.size() && text[end] == ']' && text.substr(start, 4) == "msg_")
      out.push_back({at, std::string(text.substr(start, end - start))});
  }
  return out;
}

}  // namespace

std::vector<std::string> find_tokens(std::string_view text) {
  std::vector<std::string> ids;
  for (auto& t : tokens_with_positions(text)) ids.push_back(std::move(t.id));
  return ids;
}

std::vector<RenderedMessage> find_rendered_messages(std::string_view text) {
  auto tokens = tokens_with_positions(text);
  std::vector<RenderedMessage> out;
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t nl = text.find('\n', line_start);
    std::size_t line_end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(line_start, line_end - line_start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, kHeader.size()) == kHeader && line.size() > kHeader.size() + 1 &&
        line.back() == ':') {
      std::string_view who = line.substr(kHeader.size(), line.size() - kHeader.size() - 1);
      RenderedMessage m;
      std::size_t for_at = who.find(" for ");
      m.sender = std::string(who.substr(0, for_at));
      if (for_at != std::string_view::npos) m.task_id = std::string(who.substr(for_at + 5));
      for (const auto& t : tokens)
        if (t.pos > line_start) {
          m.message_id = t.id;
          break;
        }
      if (!m.message_id.empty()) out.push_back(std::move(m));
    }
    if (nl == std::string_view::npos) break;
    line_start = nl + 1;
  }
  return out;
}

}  // namespace ta::fake
