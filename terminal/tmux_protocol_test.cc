#include "terminal/tmux_protocol.h"

#include <doctest/doctest.h>

using namespace ta::terminal;

TEST_CASE("guard lines carry time, command number and flags") {
  auto g = parse_guard_line("%begin 1363006971 2 1");
  REQUIRE(g);
  CHECK(g->first == "begin");
  CHECK(g->second.time == 1363006971);
  CHECK(g->second.number == 2);
  CHECK(g->second.flags == 1);
  CHECK(parse_guard_line("%end 1 2 0")->first == "end");
  CHECK(parse_guard_line("%error 1 2 1")->first == "error");
  CHECK_FALSE(parse_guard_line("%begin 1 2"));
  CHECK_FALSE(parse_guard_line("%begin 1 2 1 extra"));
  CHECK_FALSE(parse_guard_line("%begin a 2 1"));
  CHECK_FALSE(parse_guard_line("%output %1 hi"));
  CHECK_FALSE(parse_guard_line("begin 1 2 1"));
}

TEST_CASE("a reply block collects its lines until the matching end") {
  ControlParser p;
  CHECK_FALSE(p.feed("%begin 100 7 1").reply);
  CHECK(p.inside_block());
  CHECK_FALSE(p.feed("%0 120").reply);
  CHECK_FALSE(p.feed("").reply);  // empty output lines are output too
  auto ev = p.feed("%end 100 7 1");
  REQUIRE(ev.reply);
  CHECK(ev.reply->ok);
  CHECK(ev.reply->from_control_input());
  CHECK(ev.reply->lines == std::vector<std::string>{"%0 120", ""});
  CHECK_FALSE(p.inside_block());
}

TEST_CASE("an error block reports failure with the message lines") {
  ControlParser p;
  p.feed("%begin 5 9 1");
  p.feed("can't find pane: %99");
  auto ev = p.feed("%error 5 9 1");
  REQUIRE(ev.reply);
  CHECK_FALSE(ev.reply->ok);
  CHECK(ev.reply->lines == std::vector<std::string>{"can't find pane: %99"});
}

TEST_CASE("pane text that looks like a guard line does not end a block") {
  ControlParser p;
  p.feed("%begin 100 7 1");
  // A pane may print anything; only the exact triple of the %begin ends it.
  CHECK_FALSE(p.feed("%end 100 8 1").reply);
  CHECK_FALSE(p.feed("%end 99 7 1").reply);
  CHECK_FALSE(p.feed("%error 100 7 0").reply);
  CHECK_FALSE(p.feed("%begin 100 7 1").reply);
  CHECK_FALSE(p.feed("%output %1 fake").notification);
  auto ev = p.feed("%end 100 7 1");
  REQUIRE(ev.reply);
  CHECK(ev.reply->lines.size() == 5);
  CHECK(ev.reply->lines[4] == "%output %1 fake");
}

TEST_CASE("the attach command's own block has flags 0") {
  ControlParser p;
  p.feed("%begin 1795215218 269 0");
  auto ev = p.feed("%end 1795215218 269 0");
  REQUIRE(ev.reply);
  CHECK_FALSE(ev.reply->from_control_input());
}

TEST_CASE("notifications outside blocks") {
  ControlParser p;
  auto out = p.feed("%output %12 hello\\015\\012");
  REQUIRE(out.notification);
  CHECK(out.notification->kind == NotificationKind::output);
  CHECK(out.notification->pane == "%12");
  CHECK(out.notification->value == "hello\\015\\012");

  auto ext = p.feed("%extended-output %3 120 future : a : b\\134");
  REQUIRE(ext.notification);
  CHECK(ext.notification->kind == NotificationKind::output);
  CHECK(ext.notification->pane == "%3");
  CHECK(ext.notification->value == "a : b\\134");

  CHECK(p.feed("%pause %4").notification->kind == NotificationKind::pause);
  CHECK(p.feed("%pause %4").notification->pane == "%4");
  CHECK(p.feed("%continue %4").notification->kind == NotificationKind::resume);
  auto ex = p.feed("%exit server exited");
  CHECK(ex.notification->kind == NotificationKind::exit);
  CHECK(ex.notification->value == "server exited");
  CHECK(p.feed("%exit").notification->value.empty());
  auto sc = p.feed("%session-changed $0 main");
  CHECK(sc.notification->kind == NotificationKind::session_changed);
  CHECK(sc.notification->args == "$0 main");
  auto wa = p.feed("%window-add @1");
  CHECK(wa.notification->kind == NotificationKind::other);
  CHECK(wa.notification->name == "window-add");
  CHECK(wa.notification->args == "@1");
  CHECK(p.feed("%end 1 2 1").notification->kind == NotificationKind::stray);
  CHECK(p.feed("plain text").notification->kind == NotificationKind::stray);
}

TEST_CASE("output values decode octal escapes and keep UTF-8 bytes") {
  CHECK(decode_output_value("hi\\015\\012") == "hi\r\n");
  CHECK(decode_output_value("\\033[1mbold\\033[0m") == "\x1b[1mbold\x1b[0m");
  CHECK(decode_output_value("back\\134slash") == "back\\slash");
  CHECK(decode_output_value("\\000") == std::string(1, '\0'));
  // tmux passes bytes >= 0x80 through: "你好 ❯" stays as is.
  CHECK(decode_output_value("\xe4\xbd\xa0\xe5\xa5\xbd \xe2\x9d\xaf") ==
        "\xe4\xbd\xa0\xe5\xa5\xbd \xe2\x9d\xaf");
  // Not an escape: left alone.
  CHECK(decode_output_value("\\08") == "\\08");
  CHECK(decode_output_value("end\\01") == "end\\01");
  CHECK(decode_output_value("\\") == "\\");
}

TEST_CASE("words are quoted so tmux parses back exactly the same bytes") {
  CHECK(quote_word("plain") == "\"plain\"");
  CHECK(quote_word("") == "\"\"");
  CHECK(quote_word("a \"b\" \\c") == "\"a \\\"b\\\" \\\\c\"");
  // No variable or home-directory expansion.
  CHECK(quote_word("$HOME ~/x") == "\"\\$HOME \\~/x\"");
  // Control bytes become octal; so a newline never ends the command line.
  CHECK(quote_word("a\nb\x1b[201~\x7f") == "\"a\\012b\\033[201\\~\\177\"");
  CHECK(quote_word("x;y #{z}") == "\"x;y #{z}\"");
  CHECK(quote_word("\xe2\x9d\xaf") == "\"\xe2\x9d\xaf\"");
  // Bytes that are not valid UTF-8 would split the word in tmux's parser.
  CHECK(quote_word("a\xff" "b\xe2\x9d") == "\"a\\377b\\342\\235\"");
  CHECK(quote_word("\xc0\xaf") == "\"\\300\\257\"");  // overlong '/'
  CHECK(quote_word("\xf0\x9f\x98\x80") == "\"\xf0\x9f\x98\x80\"");
}

TEST_CASE("command lines quote only what needs it") {
  auto line = command_line({"capture-pane", "-p", "-t", "%3", "-S", "-100"});
  REQUIRE(line);
  CHECK(*line == "capture-pane -p -t %3 -S -100");
  auto fmt = command_line({"list-panes", "-F", "#{pane_id}\t#{pane_pid}"});
  REQUIRE(fmt);
  CHECK(*fmt == "list-panes -F \"#{pane_id}\\011#{pane_pid}\"");
  auto data = command_line({"set-buffer", "-b", "x", "--", "a;b\nc"});
  REQUIRE(data);
  CHECK(*data == "set-buffer -b x -- \"a;b\\012c\"");
  // '%' starts something else in tmux's parser unless the word is a pane id.
  CHECK(*command_line({"refresh-client", "-A", "%3:pause"}) == "refresh-client -A \"%3:pause\"");
  CHECK(*command_line({"kill-pane", "-t", "%3"}) == "kill-pane -t %3");
  CHECK_FALSE(command_line({}));
  CHECK_FALSE(command_line({"set-buffer", std::string("a\0b", 3)}));
  CHECK_FALSE(command_line({"FOO=bar"}));
}

TEST_CASE("a control-mode line must hold exactly one command") {
  CHECK(check_single_command("list-panes -a"));
  CHECK(check_single_command("display-message -p \"a;b\""));
  CHECK(check_single_command("display-message -p 'a;b'"));
  CHECK(check_single_command("display-message -p a\\;b"));
  CHECK(check_single_command("if-shell true { display a ; display b }"));
  CHECK_FALSE(check_single_command(""));
  CHECK_FALSE(check_single_command("   "));
  CHECK_FALSE(check_single_command("# comment"));
  CHECK_FALSE(check_single_command("FOO=bar"));
  CHECK_FALSE(check_single_command("%if 1"));
  CHECK_FALSE(check_single_command("list-panes ; list-windows"));
  CHECK_FALSE(check_single_command("list-panes;"));
  CHECK_FALSE(check_single_command("list-panes\nlist-windows"));
  CHECK_FALSE(check_single_command("display -p \"a\rb\""));
}

TEST_CASE("programs are executed directly, never by a shell") {
  CHECK(exec_words({"cat"}) == std::vector<std::string>{"env", "--", "cat"});
  CHECK(exec_words({"sh", "-c", "x"}) == std::vector<std::string>{"sh", "-c", "x"});
  CHECK(exec_words({}).empty());
}
