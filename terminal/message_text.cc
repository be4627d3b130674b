#include "terminal/message_text.h"

#include <cstdint>

namespace ta::terminal {

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

}  // namespace

std::string neutralise(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n' || c == '\t') {
      out += static_cast<char>(c);
    } else if (c == 0x1b) {
      append_utf8(out, 0x241b);  // ␛
    } else if (c < 0x20) {
      append_utf8(out, 0x2400 + c);  // ␀ … ␟
    } else if (c == 0x7f) {
      append_utf8(out, 0x2421);  // ␡
    } else if (c == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      // U+0080..U+009F: 8-bit controls such as CSI (U+009B) act like ESC sequences.
      append_utf8(out, 0xfffd);
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string message_token(std::string_view message_id) {
  return "[team-agent-token:" + std::string(message_id) + "]";
}

std::string render_message(std::string_view sender, std::string_view task_id,
                           std::string_view content, std::string_view message_id) {
  std::string out = "Team Agent message from " + neutralise(sender);
  if (!task_id.empty()) out += " for " + neutralise(task_id);
  out += ":\n\n";
  out += neutralise(content);
  out += "\n\n";
  out += message_token(message_id);
  return out;
}

}  // namespace ta::terminal
