#pragma once
// Turns the bytes a terminal sends into keys and pastes, the way a raw-mode
// TUI sees them: bracketed pastes (ESC[200~ … ESC[201~, ending at the first
// end marker), Enter, Ctrl-J, Backspace, Esc, Ctrl-C, arrows and typed text.
#include <string>
#include <string_view>
#include <vector>

namespace ta::fake {

struct Key {
  enum class Type {
    text,    // typed characters (one event per run within a read)
    paste,   // a whole bracketed paste, CR/CRLF turned into LF
    enter,   // CR
    ctrl_j,  // LF: a newline in the composer
    backspace,
    esc,
    ctrl_c,
    ctrl_d,
    up,
    down,
    left,
    right,
    stray_paste_end,  // ESC[201~ outside a paste
    other,            // any other control or escape sequence
  };
  Type type;
  std::string text;  // for text and paste (and the raw bytes of `other`)
};

class InputParser {
 public:
  // Parses `bytes`, appending complete keys to `out`. Partial escape
  // sequences and unfinished pastes are kept for the next call.
  void feed(std::string_view bytes, std::vector<Key>& out);
  // True when a lone ESC (or a partial sequence) waits for more bytes; after
  // a short quiet time the caller calls flush_pending() to make it a key.
  bool has_pending_escape() const { return !pending_.empty() && !in_paste_; }
  void flush_pending(std::vector<Key>& out);
  bool in_paste() const { return in_paste_; }

 private:
  // Consumes one escape sequence at buf[i] (an ESC); returns bytes used, or 0
  // when the sequence is incomplete.
  std::size_t parse_escape(std::string_view buf, std::size_t i, std::vector<Key>& out);
  // Consumes pasted bytes from buf[i] up to the end marker, emitting the
  // paste; returns bytes used, or 0 when the paste continues in a later read.
  std::size_t take_paste(std::string_view buf, std::size_t i, std::vector<Key>& out);
  void flush_text(std::vector<Key>& out);

  bool in_paste_ = false;
  std::string paste_;    // paste collected so far
  std::string pending_;  // unconsumed tail (partial escape or end marker)
  std::string text_;     // typed text not yet emitted
};

}  // namespace ta::fake
