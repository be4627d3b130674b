#include "fake_agent/input.h"

namespace ta::fake {

namespace {

constexpr std::string_view kPasteStart = "\x1b[200~";
constexpr std::string_view kPasteEnd = "\x1b[201~";

// Pasted line breaks arrive as CR (tmux turns LF into CR); the real CLIs
// store them as LF.
std::string normalise_newlines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Length of the longest suffix of `s` that is a proper prefix of `marker`:
// those bytes may be the start of a marker split across two reads.
std::size_t partial_marker_suffix(std::string_view s, std::string_view marker) {
  for (std::size_t n = std::min(s.size(), marker.size() - 1); n > 0; --n)
    if (s.substr(s.size() - n) == marker.substr(0, n)) return n;
  return 0;
}

// The arrow a CSI or SS3 sequence's final byte names; `other` for the rest.
Key::Type arrow_key(char final) {
  return final == 'A'   ? Key::Type::up
         : final == 'B' ? Key::Type::down
         : final == 'C' ? Key::Type::right
         : final == 'D' ? Key::Type::left
                        : Key::Type::other;
}

// The key a control byte (below 0x20, or DEL) is.
Key control_key(unsigned char c) {
  switch (c) {
    case '\r': return {Key::Type::enter, {}};
    case '\n': return {Key::Type::ctrl_j, {}};
    case 0x7f:
    case 0x08: return {Key::Type::backspace, {}};
    case 0x03: return {Key::Type::ctrl_c, {}};
    case 0x04: return {Key::Type::ctrl_d, {}};
    default: return {Key::Type::other, std::string(1, static_cast<char>(c))};
  }
}

}  // namespace

void InputParser::flush_text(std::vector<Key>& out) {
  if (text_.empty()) return;
  out.push_back({Key::Type::text, std::move(text_)});
  text_.clear();
}

std::size_t InputParser::parse_escape(std::string_view buf, std::size_t i, std::vector<Key>& out) {
  if (i + 1 >= buf.size()) return 0;
  char next = buf[i + 1];
  if (next == '[') {
    // CSI: parameter bytes 0x30–0x3F, intermediates 0x20–0x2F, final 0x40–0x7E.
    std::size_t j = i + 2;
    while (j < buf.size() && buf[j] >= 0x20 && buf[j] <= 0x3F) ++j;
    if (j >= buf.size()) return 0;
    std::size_t used = j + 1 - i;
    std::string_view seq = buf.substr(i, used);
    if (seq == kPasteStart) {
      flush_text(out);
      in_paste_ = true;
      paste_.clear();
    } else if (seq == kPasteEnd) {
      flush_text(out);
      out.push_back({Key::Type::stray_paste_end, {}});
    } else {
      flush_text(out);
      Key::Type t = arrow_key(buf[j]);
      out.push_back({t, t == Key::Type::other ? std::string(seq) : std::string()});
    }
    return used;
  }
  flush_text(out);
  if (next == 'O') {  // SS3: application-mode arrows
    if (i + 2 >= buf.size()) return 0;
    out.push_back({arrow_key(buf[i + 2]), {}});
    return 3;
  }
  if (next == '\x1b') {  // ESC ESC: the first one is a plain Esc
    out.push_back({Key::Type::esc, {}});
    return 1;
  }
  out.push_back({Key::Type::other, std::string(buf.substr(i, 2))});  // Alt+key
  return 2;
}

std::size_t InputParser::take_paste(std::string_view buf, std::size_t i, std::vector<Key>& out) {
  std::size_t end = buf.find(kPasteEnd, i);
  if (end == std::string_view::npos) {
    // Keep what may be the start of the end marker for the next read.
    std::string_view rest = buf.substr(i);
    std::size_t keep = partial_marker_suffix(rest, kPasteEnd);
    paste_.append(rest.substr(0, rest.size() - keep));
    pending_ = std::string(rest.substr(rest.size() - keep));
    return 0;
  }
  paste_.append(buf.substr(i, end - i));
  out.push_back({Key::Type::paste, normalise_newlines(paste_)});
  paste_.clear();
  in_paste_ = false;
  return end + kPasteEnd.size() - i;
}

void InputParser::feed(std::string_view bytes, std::vector<Key>& out) {
  std::string joined;
  std::string_view buf = bytes;
  if (!pending_.empty()) {
    joined = pending_ + std::string(bytes);
    pending_.clear();
    buf = joined;
  }
  std::size_t i = 0;
  while (i < buf.size()) {
    if (in_paste_) {
      std::size_t used = take_paste(buf, i, out);
      if (used == 0) return;
      i += used;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(buf[i]);
    if (c == 0x1b) {
      std::size_t used = parse_escape(buf, i, out);
      if (used == 0) {
        flush_text(out);
        pending_ = std::string(buf.substr(i));
        return;
      }
      i += used;
      continue;
    }
    ++i;
    if ((c >= 0x20 && c != 0x7f) || c == '\t') {
      text_ += static_cast<char>(c);
      continue;
    }
    flush_text(out);
    out.push_back(control_key(c));
  }
  flush_text(out);
}

void InputParser::flush_pending(std::vector<Key>& out) {
  if (in_paste_ || pending_.empty()) return;
  std::string rest = std::move(pending_);
  pending_.clear();
  // A lone ESC is the Esc key; whatever followed it is parsed afresh.
  out.push_back({Key::Type::esc, {}});
  if (rest.size() > 1) feed(std::string_view(rest).substr(1), out);
}

}  // namespace ta::fake
