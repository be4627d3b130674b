// The typed tmux operations on a real private tmux server: spawning with
// environment, pane listing fields, captures with history, the buffer round
// trip with hostile bytes, keys, and killing panes and sessions.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/e2e/support.h"
#include "tests/e2e/tmux_control_fixture.h"

using namespace ta;
using namespace ta::terminal;
using namespace ta::test::tmux_control;

namespace {

int count_in_text(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// `size` bytes of what a hostile or unlucky message may hold: escape
// sequences, the bracketed-paste end marker, every byte from 1 to 255
// (invalid UTF-8 included), real UTF-8 and plain text. No NUL.
std::string hostile_text(size_t size) {
  std::string unit =
      "line with \x1b[31mred\x1b[0m and an end marker \x1b[201~ then \xe2\x9d\xaf ok\n";
  for (int b = 1; b < 256; ++b) unit.push_back(static_cast<char>(b));
  unit += "\nplain words to make it look like prose, more or less.\n";
  std::string out;
  while (out.size() < size) out += unit;
  out.resize(size);
  return out;
}

// Pastes `text` into a pane that copies its raw input to a file, and returns
// what the program read.
std::string paste_round_trip(TmuxControlFixture& f, const std::string& text,
                             const std::string& buffer) {
  std::string file = f.dir.path() + "/" + buffer + ".out";
  // Enough bytes for the text plus the two bracket markers; the program
  // turns on bracketed paste like the agents' CLIs do.
  std::string script = "stty raw -echo -iexten; printf '\\033[?2004hREADY'; head -c " +
                       std::to_string(text.size() + 12) + " > '" + file +
                       "'; printf DONE; exec cat";
  auto pane = f.spawn({"sh", "-c", script});
  REQUIRE(f.wait_for_text(pane, "READY"));
  REQUIRE(load_buffer(*f.ctl, buffer, text));
  PasteOptions keep;
  keep.delete_after = false;
  REQUIRE(paste_buffer(*f.ctl, buffer, pane, keep));
  REQUIRE(delete_buffer(*f.ctl, buffer));
  auto buffers = f.ctl->run({"list-buffers", "-F", "#{buffer_name}"});
  REQUIRE(buffers);
  CHECK(std::find(buffers->begin(), buffers->end(), buffer) == buffers->end());
  REQUIRE(f.wait_for_text(pane, "DONE", 30s));
  return ta::test::read_text(file);
}

}  // namespace

TEST_CASE("tmux ops: pane listing reports id, pid, command, size, mode and death") {
  TmuxControlFixture f;
  auto live = f.spawn({"sleep", "1000"});
  // Until the forked child has exec'd, tmux reports its own name as the
  // pane's command; nothing announces the exec, so its state is polled.
  REQUIRE(poll_condition_until(
      [&] {
        auto p = pane_info(*f.ctl, live);
        return p && p->current_command == "sleep";
      },
      10s));
  auto info = pane_info(*f.ctl, live);
  REQUIRE(info);
  CHECK(info->pane_id == live);
  CHECK(info->session == "main");
  CHECK(info->pid > 0);
  CHECK(info->current_command == "sleep");
  CHECK_FALSE(info->dead);
  CHECK(info->dead_status == -1);
  CHECK_FALSE(info->in_mode);
  CHECK(info->width == TmuxControlFixture::kWidth);
  CHECK(info->height == TmuxControlFixture::kHeight);

  REQUIRE(f.ctl->run({"copy-mode", "-t", live}));
  info = pane_info(*f.ctl, live);
  REQUIRE(info);
  CHECK(info->in_mode);
  CHECK(info->mode == "copy-mode");

  // tmux sends no notification when a pane's program exits under
  // remain-on-exit, so this waits by polling the pane's state.
  auto dying = f.spawn({"sh", "-c", "exit 3"});
  REQUIRE(poll_condition_until(
      [&] {
        auto p = pane_info(*f.ctl, dying);
        return p && p->dead;
      },
      10s));
  auto panes = list_panes(*f.ctl, "main");
  REQUIRE(panes);
  CHECK(panes->size() == 3);
  auto dead = std::find_if(panes->begin(), panes->end(),
                           [&](const PaneInfo& p) { return p.pane_id == dying; });
  REQUIRE(dead != panes->end());
  CHECK(dead->dead);
  // tmux 3.3a records the exit status after the pane is marked dead, and in
  // a few percent of exits never does (seen without control mode too), so
  // the status is "3 or not known", never anything else.
  CHECK((dead->dead_status == 3 || dead->dead_status == -1));
  auto all = list_panes(*f.ctl);
  REQUIRE(all);
  CHECK(all->size() == 3);
}

TEST_CASE("tmux ops: panes get their environment, working directory and no shell") {
  TmuxControlFixture f;
  SpawnSpec spec;
  // A value a shell would expand or split: it must arrive untouched.
  spec.argv = {"sh", "-c", "printf '[%s] [%s]\\n' \"$TA_VALUE\" \"$PWD\"; exec cat"};
  spec.env = {{"TA_VALUE", "a b $HOME ~ `x` \"q\" ;#{pane_id}"}};
  spec.cwd = f.dir.path();
  spec.window_name = "agent#1";
  auto pane = new_window(*f.ctl, "main", spec);
  REQUIRE(pane);
  CHECK(f.wait_for_text(*pane, "[a b $HOME ~ `x` \"q\" ;#{pane_id}] [" + f.dir.path() + "]"));
  auto name = f.ctl->run({"display-message", "-p", "-t", *pane, "#{window_name}"});
  REQUIRE(name);
  CHECK(name->front() == "agent#1");

  SpawnSpec cat;
  cat.argv = {"cat"};
  auto beside = split_pane(*f.ctl, *pane, cat, true);
  REQUIRE(beside);
  auto a = pane_info(*f.ctl, *pane), b = pane_info(*f.ctl, *beside);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->window_id == b->window_id);
  CHECK(a->width + b->width + 1 == TmuxControlFixture::kWidth);
}

TEST_CASE("tmux ops: capture of the visible screen and of history lines") {
  TmuxControlFixture f;
  // The pane lives on: a dead pane's "Pane is dead" line scrolls the screen.
  auto pane = f.spawn({"sh", "-c", "seq 1 300; exec cat"});
  REQUIRE(f.wait_for_text(pane, "\n300\n"));
  auto visible = capture_pane(*f.ctl, pane);
  REQUIRE(visible);
  CHECK(count_in_text(*visible, "\n") == TmuxControlFixture::kHeight);
  CHECK(visible->find("\n290\n") != std::string::npos);
  CHECK(visible->find("\n250\n") == std::string::npos);

  CaptureOptions history;
  history.history_lines = 100;
  auto more = capture_pane(*f.ctl, pane, history);
  REQUIRE(more);
  CHECK(count_in_text(*more, "\n") == TmuxControlFixture::kHeight + 100);
  CHECK(more->find("\n200\n") != std::string::npos);

  CaptureOptions everything;
  everything.history_lines = -1;
  auto all = capture_pane(*f.ctl, pane, everything);
  REQUIRE(all);
  CHECK(all->rfind("1\n2\n3\n", 0) == 0);

  // The subprocess path captures exactly the same text.
  auto same = capture_pane(*f.server, pane);
  REQUIRE(same);
  CHECK(*same == *visible);
}

TEST_CASE("tmux ops: a colour capture keeps escape sequences, UTF-8 intact") {
  TmuxControlFixture f;
  auto pane =
      f.spawn({"sh", "-c", "printf '\\033[31mred\\033[0m \\342\\235\\257 done\\n'; exec cat"});
  REQUIRE(f.wait_for_text(pane, "done"));
  CaptureOptions colour;
  colour.escapes = true;
  auto c = capture_pane(*f.ctl, pane, colour);
  REQUIRE(c);
  CHECK(c->find("\x1b[31mred") != std::string::npos);
  CHECK(c->find("\xe2\x9d\xaf done") != std::string::npos);
  CHECK(f.capture(pane).find("red \xe2\x9d\xaf done") != std::string::npos);
}

TEST_CASE("tmux ops: buffers carry hostile bytes exactly, over both loading paths") {
  TmuxControlFixture f;
  // tmux pastes each LF as CR (like a terminal does) and brackets the whole
  // paste; it does not neutralise an end marker inside the text: that is the
  // delivery layer's job.
  auto expected = [](std::string text) {
    std::replace(text.begin(), text.end(), '\n', '\r');
    return "\x1b[200~" + text + "\x1b[201~";
  };
  SUBCASE("small text: set-buffer over the control connection") {
    auto text = hostile_text(3000);
    CHECK(paste_round_trip(f, text, "team-agent-send-msg_small") == expected(text));
  }
  SUBCASE("200 KiB: load-buffer from a subprocess's stdin") {
    auto text = hostile_text(200 * 1024);
    CHECK(paste_round_trip(f, text, "team-agent-send-msg_large") == expected(text));
  }
  SUBCASE("NUL bytes: load-buffer from a subprocess's stdin") {
    std::string text("nul\0inside\n", 11);
    CHECK(paste_round_trip(f, text, "team-agent-send-msg_nul") == expected(text));
  }
  CHECK_FALSE(load_buffer(*f.ctl, "empty", ""));
}

TEST_CASE("tmux ops: send keys and literal text") {
  TmuxControlFixture f;
  auto pane = f.spawn({"cat"});
  REQUIRE(send_text(*f.ctl, pane, "-not-an-option $HOME;"));
  REQUIRE(send_keys(*f.ctl, pane, {"Enter"}));
  // cat's terminal echoes the typed line, then cat prints it back.
  CHECK(f.signals.wait_until(
      [&] { return count_in_text(f.capture(pane), "-not-an-option $HOME;") == 2; }, 10s));
  REQUIRE(send_keys(*f.ctl, pane, {"C-d"}));
  CHECK(poll_condition_until(
      [&] {
        auto p = pane_info(*f.ctl, pane);
        return p && p->dead;
      },
      10s));
}

TEST_CASE("tmux ops: kill a pane, create and kill a session") {
  TmuxControlFixture f;
  auto pane = f.spawn({"cat"});
  REQUIRE(kill_pane(*f.ctl, pane));
  auto gone = pane_info(*f.ctl, pane);
  REQUIRE_FALSE(gone);
  CHECK(gone.error().message.find("does not exist") != std::string::npos);
  CHECK_FALSE(capture_pane(*f.ctl, pane));

  SpawnSpec spec;
  spec.argv = {"cat"};
  auto other = new_session(*f.ctl, "other", spec, 80, 20);
  REQUIRE(other);
  auto in_other = list_panes(*f.ctl, "other");
  REQUIRE(in_other);
  REQUIRE(in_other->size() == 1);
  CHECK(in_other->front().pane_id == *other);
  CHECK(in_other->front().width == 80);
  REQUIRE(kill_session(*f.ctl, "other"));
  CHECK_FALSE(f.server->has_session("other"));
  CHECK(f.server->has_session("main"));
  CHECK(f.ctl->connected());
  CHECK_FALSE(pane_info(*f.ctl, "not-a-pane"));
}
