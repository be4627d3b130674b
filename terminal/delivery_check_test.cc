#include "terminal/delivery_check.h"

#include <doctest/doctest.h>

#include "terminal/message_text.h"
#include "terminal/placeholder.h"

using namespace ta::terminal;

namespace {

const ta::config::ProviderProfile& codex() { return **ta::config::builtin_profile("codex"); }

LandingCheck landed(const std::string& before, const std::string& after, const std::string& text,
                    const std::string& id = "msg_0123456789ab") {
  return check_landed(before, after, id, text, codex());
}

}  // namespace

TEST_CASE("fragments: long lines as head, middle and tail; the header and token left out") {
  std::string long_line(100, 'a');
  long_line.replace(40, 10, "MIDDLEPART");
  long_line.replace(90, 10, "ENDOFLINE!");
  auto f = message_fragments(
      "Team Agent message from lead:\n\nshort\nthis line is long enough "
      "to count\n" +
      long_line + "\n\n[team-agent-token:msg_0123456789ab]");
  REQUIRE(f.size() == 4);
  CHECK(f[0] == "thislineislongenoughtocount");
  CHECK(f[1] == std::string(36, 'a'));
  CHECK(f[2].find("MIDDLE") != std::string::npos);
  CHECK(f[2].size() == 36);
  CHECK(f[3] == std::string(26, 'a') + "ENDOFLINE!");
  CHECK(message_fragments("Team Agent message from x:\n投A：时间感太泛") ==
        std::vector<std::string>{"投A：时间感太泛"});
  CHECK(message_fragments("Team Agent message from x:\n\nok\n").empty());
}

TEST_CASE("the token on screen proves the paste, even wrapped") {
  auto r =
      landed("", "› Team Agent message from lead:\n  [team-agent-token:msg_01234\n  56789ab]", "");
  CHECK(r.landed);
  CHECK(r.evidence == LandingEvidence::token);
}

TEST_CASE("a strong fragment counts only when it is new") {
  std::string text =
      render_message("lead", "", "please run the full test suite now", "msg_0123456789ab");
  auto r = landed("", "› please run the full test\n  suite now", text);
  CHECK(r.landed);
  CHECK(r.evidence == LandingEvidence::fragment);
  auto old =
      landed("• please run the full test suite now", "• please run the full test suite now", text);
  CHECK_FALSE(old.landed);
}

TEST_CASE("the generic header alone is never evidence") {
  std::string text = render_message("player_d", "", "投A：时间感太泛", "msg_aaa046530604");
  auto r = check_landed("", "Team Agent message from player_d:\n\n旧消息", "msg_aaa046530604", text,
                        codex());
  CHECK_FALSE(r.landed);
  CHECK(r.evidence == LandingEvidence::none);
}

TEST_CASE("a new placeholder counts; one already in the baseline does not") {
  auto r = landed("› ", "› [Pasted Content 1093 chars]", "x");
  CHECK(r.landed);
  CHECK(r.evidence == LandingEvidence::new_placeholder);
  CHECK_FALSE(landed("› [Pasted Content 1093 chars]", "› [Pasted Content 1093 chars]", "x").landed);
  CHECK(landed("> [Pasted text #1 +4 lines]\n› ",
               "> [Pasted text #1 +4 lines]\n› [Pasted text #1 +4 lines]", "x")
            .landed);
}

TEST_CASE("placeholders are found with their distance from the bottom") {
  auto p = find_placeholder(normalise_capture("out\n› [Pasted text #2 +12 lines]\n\n  gpt-5 · /w"),
                            codex());
  REQUIRE(p);
  CHECK(p->text == "[Pasted text #2 +12 lines]");
  CHECK(p->lines_from_bottom == 1);
  CHECK(p->on_input_line);
  CHECK(find_placeholder(normalise_capture("[pasted content 1.2k]"), codex()));
  CHECK_FALSE(find_placeholder(normalise_capture("I pasted text earlier"), codex()));
  CHECK(placeholder_texts({"[Pasted Content 5 chars] and [Pasted Content 6 chars]"}, codex())
            .size() == 2);
}
