#pragma once
// The input box of the fake agent: typed text and pastes, where a long paste
// is shown as a placeholder ("[Pasted Content 1093 chars]" in Codex,
// "[Pasted text #1 +4 lines]" in Claude Code) but kept in full for submit.
#include <string>
#include <string_view>
#include <vector>

#include "fake_agent/options.h"

namespace ta::fake {

class Composer {
 public:
  Composer(Mode mode, int placeholder_min_chars, int placeholder_min_lines)
      : mode_(mode), min_chars_(placeholder_min_chars), min_lines_(placeholder_min_lines) {}

  void insert_text(std::string_view text);
  // Inline when short, as a placeholder when long.
  void insert_paste(std::string text);
  // Deletes the last character, or the whole last placeholder.
  void backspace();
  void clear() { parts_.clear(); }

  bool empty() const { return parts_.empty(); }
  // What Enter submits: placeholders expanded to their pasted text.
  std::string full_text() const;
  // What the composer shows.
  std::string display_text() const;

 private:
  struct Part {
    std::string text;
    std::string placeholder;  // non-empty: shown instead of `text`
  };
  std::string placeholder_for(const std::string& text);

  Mode mode_;
  int min_chars_;
  int min_lines_;
  int pastes_shown_ = 0;  // Claude numbers its placeholders per session
  std::vector<Part> parts_;
};

}  // namespace ta::fake
