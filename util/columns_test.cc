#include "util/columns.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

using namespace ta;

namespace {

std::size_t widest_line(const std::string& text) {
  std::istringstream in(text);
  std::size_t w = 0;
  for (std::string line; std::getline(in, line);) w = std::max(w, text_columns(line));
  return w;
}

}  // namespace

TEST_CASE("text_columns counts code points, not bytes") {
  CHECK(text_columns("") == 0);
  CHECK(text_columns("backend") == 7);
  CHECK(text_columns("a…b") == 3);
  CHECK(text_columns("→ ›") == 3);
}

TEST_CASE("fit_columns keeps what fits and cuts the rest with an ellipsis") {
  CHECK(fit_columns("backend", 7) == "backend");
  CHECK(fit_columns("backend", 20) == "backend");
  CHECK(fit_columns("integration-tester", 10) == "integrati…");
  CHECK(text_columns(fit_columns("integration-tester", 10)) == 10);
  CHECK(fit_columns("é→é→é→", 4) == "é→é…");
  CHECK(fit_columns("abc", 1) == "…");
  CHECK(fit_columns("abc", 0) == "");
}

TEST_CASE("wrap_lines breaks long lines at spaces and indents what follows") {
  const std::string sentence =
      "  team: gone: its last run r-1 ended without a shutdown (no supervisor, no panes, no tmux "
      "server); `team-agent run` brings it back";
  auto wrapped = wrap_lines(sentence + "\nshort\n", 40);
  CHECK(widest_line(wrapped) <= 40);
  CHECK(wrapped.rfind("  team: gone: its last run r-1 ended", 0) == 0);
  CHECK(wrapped.find("\n    ") != std::string::npos);  // continuation, deeper
  CHECK(wrapped.size() >= sentence.size());
  CHECK(wrapped.substr(wrapped.size() - 7) == "\nshort\n");
  // No word is lost: the words in order are those of the input.
  std::istringstream a(sentence), b(wrapped.substr(0, wrapped.size() - 6));
  std::string wa, wb;
  while (a >> wa) {
    bool more = static_cast<bool>(b >> wb);
    REQUIRE(more);
    CHECK(wa == wb);
  }
}

TEST_CASE("wrap_lines cuts a word longer than a line and keeps short text as is") {
  auto wrapped = wrap_lines(std::string(95, 'x'), 40);
  CHECK(widest_line(wrapped) <= 40);
  CHECK(wrap_lines("a\nb", 40) == "a\nb");
  CHECK(wrap_lines("", 40) == "");
}

TEST_CASE("wrap_lines keeps a quoted command on one line") {
  const std::string line =
      "  stale supervisor record of pid 4242 (started 2026-12-04 04:10:27) is left behind; "
      "'team-agent doctor --fix' removes it";
  auto wrapped = wrap_lines(line, 100);
  CHECK(widest_line(wrapped) <= 100);
  CHECK(wrapped.find("'team-agent doctor --fix'") != std::string::npos);
  auto ticks = wrap_lines("  the team is gone; `team-agent run` (or `team-agent restart`) brings "
                          "it back with its sessions resumed",
                          60);
  CHECK(widest_line(ticks) <= 60);
  CHECK(ticks.find("`team-agent restart`") != std::string::npos);
  CHECK(ticks.find("`team-agent run`") != std::string::npos);
  // An apostrophe in a word is no quote: the line still breaks after it.
  auto apostrophe = wrap_lines("the agent's pane " + std::string(50, 'x') + " and more words here", 40);
  CHECK(widest_line(apostrophe) <= 40);
}
