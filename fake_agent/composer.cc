#include "fake_agent/composer.h"

#include <algorithm>

#include "fake_agent/text.h"

namespace ta::fake {

void Composer::insert_text(std::string_view text) {
  if (text.empty()) return;
  if (parts_.empty() || !parts_.back().placeholder.empty()) parts_.push_back({});
  parts_.back().text.append(text);
}

std::string Composer::placeholder_for(const std::string& text) {
  auto newlines = std::count(text.begin(), text.end(), '\n');
  if (mode_ == Mode::claude) {
    std::string p = "[Pasted text #" + std::to_string(++pastes_shown_);
    if (newlines > 0) p += " +" + std::to_string(newlines) + " lines";
    return p + "]";
  }
  return "[Pasted Content " + std::to_string(count_code_points(text)) + " chars]";
}

void Composer::insert_paste(std::string text) {
  if (text.empty()) return;
  auto chars = static_cast<long long>(count_code_points(text));
  auto lines = static_cast<long long>(std::count(text.begin(), text.end(), '\n')) +
               (text.back() == '\n' ? 0 : 1);
  bool long_paste = chars > min_chars_ || (min_lines_ > 0 && lines > min_lines_);
  if (!long_paste) {
    insert_text(text);
    return;
  }
  std::string shown = placeholder_for(text);
  parts_.push_back({std::move(text), std::move(shown)});
}

void Composer::backspace() {
  if (parts_.empty()) return;
  Part& last = parts_.back();
  if (last.placeholder.empty())
    last.text.resize(last.text.size() - last_code_point_size(last.text));
  if (!last.placeholder.empty() || last.text.empty()) parts_.pop_back();
}

std::string Composer::full_text() const {
  std::string out;
  for (const auto& p : parts_) out += p.text;
  return out;
}

std::string Composer::display_text() const {
  std::string out;
  for (const auto& p : parts_) out += p.placeholder.empty() ? p.text : p.placeholder;
  return out;
}

}  // namespace ta::fake
