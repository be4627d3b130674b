// Names and label rules shared by the fake agent's screens and its command line.
#include <cctype>
#include <string>

#include "fake_agent/options.h"

namespace ta::fake {

const char* mode_name(Mode m) {
  return m == Mode::codex ? "codex" : m == Mode::claude ? "claude" : "plain";
}

bool trust_option_declines(const std::string& label) {
  std::string l;
  for (char c : label) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  auto starts = [&](const std::string& w) {
    return l.rfind(w, 0) == 0 && (l.size() == w.size() || !std::isalpha(static_cast<unsigned char>(l[w.size()])));
  };
  return starts("no") || starts("back") || starts("quit") || starts("cancel") ||
         l.find("exit") != std::string::npos;
}

}  // namespace ta::fake
