#include "terminal/display_border.h"

#include <doctest/doctest.h>

using namespace ta::terminal;

TEST_CASE("each pane state has its word on the border") {
  auto word = [](const std::string& state, const std::string& screen = "", bool stuck = false) {
    return border_label(AgentView{state, screen, stuck}).state;
  };
  CHECK(word("starting") == "starting");
  CHECK(word("ready", "idle") == "ready");
  CHECK(word("busy", "working") == "working");
  CHECK(word("delivering") == "working");
  CHECK(word("awaiting_trust") == "awaiting trust");
  CHECK(word("blocked", "trust_prompt") == "awaiting trust");
  CHECK(word("blocked", "numbered_menu") == "blocked: numbered menu");
  CHECK(word("blocked") == "blocked");
  CHECK(word("exited") == "exited");
  CHECK(word("gone") == "gone");
  // Stuck outranks what the screen shows, but not the end of the program.
  CHECK(word("busy", "working", true) == "stuck");
  CHECK(word("exited", "", true) == "exited");
  // A state this build does not know yet reads as starting, never as ready.
  CHECK(word("something_new") == "starting");
}

TEST_CASE("styles carry no commas: they sit inside a border format's conditional") {
  for (const auto* s : {"starting", "ready", "busy", "blocked", "awaiting_trust", "exited"}) {
    for (bool stuck : {false, true}) {
      auto l = border_label(AgentView{s, "", stuck});
      CHECK(l.style.find(',') == std::string::npos);
      CHECK(!l.style.empty());
    }
  }
}

TEST_CASE("a window's counts: working, waiting on a person, stuck") {
  std::vector<BorderLabel> labels = {
    border_label({"busy", "working", false}), border_label({"delivering", "", false}),
    border_label({"blocked", "trust_prompt", false}), border_label({"busy", "", true}),
    border_label({"ready", "idle", false}), border_label({"exited", "", false})};
  CHECK(window_counts(labels) == "2 work · 1 wait · 1 stuck");
  CHECK(window_counts({}) == "");
  CHECK(window_counts({border_label({"ready", "idle", false})}) == "");
  CHECK(window_counts({border_label({"busy", "", true}), border_label({"awaiting_trust", "", false})}) ==
        "1 wait · 1 stuck");
}
