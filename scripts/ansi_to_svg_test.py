#!/usr/bin/env python3
"""Tests of ansi_to_svg.py: python3 scripts/ansi_to_svg_test.py

Most tests feed a capture to the script and read the SVG back with
ElementTree, looking at the <tspan>s (text runs) and <rect>s (backgrounds)
of the grid. The last one renders a real `tmux capture-pane -p -e`.
"""

import io
import os
import shutil
import subprocess
import sys
import time
import unittest
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import ansi_screen  # noqa: E402
import ansi_to_svg  # noqa: E402

SCRIPT = os.path.join(HERE, "ansi_to_svg.py")
SVG = "{http://www.w3.org/2000/svg}"
E = "\x1b"


def run(args, data=b""):
    """(exit status, stdout bytes, stderr text) of the script, in process."""
    out, err = io.BytesIO(), io.StringIO()
    code = ansi_to_svg.main(args, io.BytesIO(data), out, err)
    return code, out.getvalue(), err.getvalue()


def svg_of(text, *args):
    code, out, err = run(list(args), text.encode())
    assert code == 0, err
    return out.decode()


def spans(text, *args):
    """[(x, text, attributes)] of every text run, in document order."""
    root = ET.fromstring(svg_of(text, *args))
    return [(float(s.get("x")), s.text, s.attrib)
            for s in root.iter(SVG + "tspan")]


def span(text, word, *args):
    """The attributes of the run whose text contains `word`."""
    found = [a for _, t, a in spans(text, *args) if word in t]
    assert len(found) == 1, (word, spans(text, *args))
    return found[0]


def rects(text):
    """[(x, width, fill)] of the grid's background rectangles."""
    root = ET.fromstring(svg_of(text))
    grid = [g for g in root.iter(SVG + "g")
            if g.get("shape-rendering") == "crispEdges"][0]
    return [(float(r.get("x")), float(r.get("width")), r.get("fill"))
            for r in grid.iter(SVG + "rect")]


def plain(text):
    """All the text the picture shows, runs joined (no spacing)."""
    return "".join(t for _, t, _ in spans(text))


def cells(n):
    """The x (or width) of n cells, as the SVG writes it."""
    return round(n * ansi_to_svg.CELL_W, 2)


def hexc(rgb):
    return ansi_to_svg.hex_colour(rgb)


class Plain(unittest.TestCase):
    def test_text_sits_on_the_grid(self):
        got = spans("hello world\n  indented\n")
        self.assertEqual([t for _, t, _ in got], ["hello world", "indented"])
        self.assertEqual(got[1][0], cells(2))

    def test_size_defaults_to_the_widest_line_and_the_line_count(self):
        root = ET.fromstring(svg_of("ab\n" + "x" * 30 + "\n\n"))
        width = 2 * ansi_to_svg.PAD + 30 * ansi_to_svg.CELL_W
        height = ansi_to_svg.GRID_TOP + 3 * ansi_to_svg.CELL_H + ansi_to_svg.PAD
        self.assertEqual(float(root.get("width")), round(width, 2))
        self.assertEqual(float(root.get("height")), height)

    def test_cols_and_rows_cut_and_pad(self):
        got = spans("abcdef\nsecond\nthird\n", "--cols", "3", "--rows=2")
        self.assertEqual([t for _, t, _ in got], ["abc", "sec"])
        root = ET.fromstring(svg_of("a\n", "--rows", "5"))
        self.assertEqual(float(root.get("height")), ansi_to_svg.GRID_TOP
                         + 5 * ansi_to_svg.CELL_H + ansi_to_svg.PAD)

    def test_title_is_drawn_and_escaped(self):
        out = svg_of("x\n", "--title", "team <a&b>")
        self.assertIn(">team &lt;a&amp;b&gt;</text>", out)
        # the window widens for the title beside the dots
        width = float(ET.fromstring(out).get("width"))
        self.assertGreater(width, ansi_to_svg.TITLE_START + 10 * 7)

    def test_same_input_same_bytes(self):
        text = f"{E}[1;31mred{E}[0m 中 {E}[48;5;22m bg {E}[0m\n"
        self.assertEqual(svg_of(text, "--title", "t"), svg_of(text, "--title", "t"))


class Colours(unittest.TestCase):
    def test_sixteen_colours_fg_and_bg(self):
        self.assertEqual(span(f"{E}[31mred{E}[0m", "red")["fill"],
                         hexc(ansi_screen.BASE16[1]))
        self.assertEqual(span(f"{E}[94mblue", "blue")["fill"],
                         hexc(ansi_screen.BASE16[12]))
        self.assertEqual(rects(f"ab{E}[42mgreen{E}[49mz"),
                         [(cells(2), cells(5), hexc(ansi_screen.BASE16[2]))])
        self.assertEqual(rects(f"{E}[103mX")[0][2], hexc(ansi_screen.BASE16[11]))

    def test_bold_brightens_base_colours(self):
        attrs = span(f"{E}[1;32mbold", "bold")
        self.assertEqual(attrs["fill"], hexc(ansi_screen.BASE16[10]))
        self.assertEqual(attrs["font-weight"], "bold")

    def test_256_colours(self):
        self.assertEqual(span(f"{E}[38;5;208mo", "o")["fill"], "#ff8700")
        self.assertEqual(span(f"{E}[38;5;244mg", "g")["fill"], "#808080")
        self.assertEqual(rects(f"{E}[48;5;21mb")[0][2], "#0000ff")
        self.assertEqual(span(f"{E}[38:5:196mc", "c")["fill"], "#ff0000")

    def test_truecolour(self):
        self.assertEqual(span(f"{E}[38;2;1;2;3mt", "t")["fill"], "#010203")
        self.assertEqual(rects(f"{E}[48;2;10;20;30mt")[0][2], "#0a141e")
        # tmux's colon forms, with and without the colour space id
        self.assertEqual(span(f"{E}[38:2::255:0:128mc", "c")["fill"], "#ff0080")
        self.assertEqual(span(f"{E}[38:2:0:1:2mc", "c")["fill"], "#000102")
        self.assertEqual(span(f"{E}[38:2:0:1:2:3:9:9mc", "c")["fill"],
                         "#010203")

    def test_reverse_swaps_fg_and_bg(self):
        attrs = span(f"{E}[31;44;7mrev{E}[27m after", "rev")
        self.assertEqual(attrs["fill"], hexc(ansi_screen.BASE16[4]))
        self.assertEqual(rects(f"{E}[31;44;7mrev")[0][2],
                         hexc(ansi_screen.BASE16[1]))
        # reverse of the defaults: the default colours, swapped
        self.assertEqual(span(f"{E}[7mr", "r")["fill"], hexc(ansi_to_svg.DEFAULT_BG))
        self.assertEqual(rects(f"{E}[7mr")[0][2], hexc(ansi_to_svg.DEFAULT_FG))
        self.assertNotIn("fill", span(f"{E}[7mr{E}[27mnormal", "normal"))

    def test_resets(self):
        self.assertNotIn("fill", span(f"{E}[31;1;4mx{E}[0mplain", "plain"))
        self.assertNotIn("fill", span(f"{E}[31mx{E}[mplain", "plain"))
        self.assertNotIn("fill", span(f"{E}[31mx{E}[39mplain", "plain"))
        attrs = span(f"{E}[1;3;4mx{E}[22;23;24mplain", "plain")
        for name in ("font-weight", "font-style", "text-decoration"):
            self.assertNotIn(name, attrs)
        self.assertEqual(rects(f"{E}[41mx{E}[49my"),
                         [(0, cells(1), hexc(ansi_screen.BASE16[1]))])

    def test_attributes(self):
        self.assertEqual(span(f"{E}[3mi", "i")["font-style"], "italic")
        self.assertEqual(span(f"{E}[4mu", "u")["text-decoration"], "underline")
        self.assertNotIn("text-decoration", span(f"{E}[4:0mu", "u"))
        self.assertIn("fill", span(f"{E}[2mdim", "dim"))

    def test_background_runs_merge(self):
        self.assertEqual(len(rects(f"{E}[44mone{E}[31mtwo{E}[0m")), 1)


class Escaping(unittest.TestCase):
    def test_markup_characters_are_escaped(self):
        out = svg_of("a <b> & \"c\" 'd'\n")
        self.assertIn("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;", out)
        self.assertEqual(plain("a <b> & \"c\" 'd'\n"), "a <b> & \"c\" 'd'")

    def test_output_is_valid_xml(self):
        root = ET.fromstring(svg_of(f"{E}[31m<&>{E}[0m x\n\n\x7f\ufffe"))
        self.assertEqual(root.tag, SVG + "svg")
        preserved = [t for t in root.iter(SVG + "text") if t.get(
            "{http://www.w3.org/XML/1998/namespace}space") == "preserve"]
        self.assertEqual(len(preserved), 2)  # one per row with text


class Widths(unittest.TestCase):
    def test_cell_after_a_wide_character_is_two_cells_on(self):
        got = spans("ab中x\n")
        xs = {t: x for x, t, _ in got}
        self.assertEqual(xs["中"], cells(2))
        self.assertEqual(xs["x"], cells(4))
        self.assertEqual(spans("😀x\n")[1][0], cells(2))

    def test_width_counts_wide_characters_twice(self):
        root = ET.fromstring(svg_of("中文" * 10 + "\n"))
        self.assertEqual(float(root.get("width")),
                         round(2 * ansi_to_svg.PAD + cells(40), 2))

    def test_combining_characters_take_no_cell(self):
        got = spans(f"e\u0301{E}[31mx\n")
        self.assertEqual(got[0][1], "e\u0301")
        self.assertEqual(got[1][0], cells(1))

    def test_box_drawing_is_one_cell(self):
        got = spans(f"─│┌{E}[31mx\n")
        self.assertEqual(got[1][0], cells(3))


class Malformed(unittest.TestCase):
    def assertKeeps(self, text, *words):
        shown = plain(text)
        for word in words:
            self.assertIn(word, shown)

    def test_truncated_256_colour(self):
        self.assertKeeps(f"before{E}[38;5\nafter\n", "before", "after")
        self.assertKeeps(f"before{E}[38;5mafter", "beforeafter")
        self.assertKeeps(f"before{E}[38;2;1mafter{E}[48;5", "beforeafter")
        self.assertKeeps(f"x{E}[38;5;999my{E}[38;2;300;0;0mz", "xyz")
        self.assertKeeps(f"x{E}[{'9' * 5000}my{E}[38:2:mz", "xyz")
        # an unknown colour kind takes no more arguments than itself
        self.assertEqual(span(f"{E}[38;7;31mr", "r")["fill"],
                         hexc(ansi_screen.BASE16[1]))

    def test_osc_with_and_without_terminator(self):
        self.assertKeeps(f"a{E}]0;title\x07b{E}]8;;http://x{E}\\c", "abc")
        self.assertKeeps(f"kept{E}]0;no end\nnext line\n", "kept", "next line")
        self.assertKeeps(f"a{E}]0;cut{E}[31mred", "a", "red")

    def test_stray_escape(self):
        self.assertKeeps(f"ab{E}", "ab")
        self.assertKeeps(f"ab{E}{E}[1mcd{E} ef{E}\nnext", "abcd", " ef", "next")

    def test_other_sequences_are_dropped(self):
        self.assertEqual(plain(f"a{E}[2Jb{E}[?25lc{E}[>4;1md{E}(Be{E}7f\x07g\x00h"),
                         "abcdefgh")

    def test_garbage_never_crashes(self):
        pieces = [E, "[", "]", ";", ":", "38", "5", "2", "m", "\x07", "\\",
                  "a", "中", "\n", "\t", "\u0301", "?", "\x9b", "999"]
        seed = 7
        for _ in range(300):
            text = ""
            for _ in range(30):
                seed = (seed * 1103515245 + 12345) % 2 ** 31
                text += pieces[seed % len(pieces)]
            ET.fromstring(svg_of(text + "z"))


class CommandLine(unittest.TestCase):
    def assertUsageError(self, args, data=b"x\n", mentions=""):
        code, out, err = run(args, data)
        self.assertEqual(code, 2)
        self.assertEqual(out, b"")
        self.assertEqual(err.count("\n"), 1, err)
        self.assertTrue(err.startswith("ansi_to_svg: ") and "." in err, err)
        self.assertIn(mentions, err)

    def test_bad_flags_exit_2_with_a_sentence(self):
        self.assertUsageError(["--colour"], mentions="--colour")
        self.assertUsageError(["--cols", "abc"], mentions="--cols")
        self.assertUsageError(["--rows", "0"], mentions="--rows")
        self.assertUsageError(["--cols"], mentions="--cols")
        self.assertUsageError(["a", "b"], mentions="INPUT")

    def test_bad_input_exits_2(self):
        self.assertUsageError(["/nonexistent/capture.txt"], mentions="capture.txt")
        self.assertUsageError([], data=b"\xff\xfe bad", mentions="UTF-8")
        self.assertUsageError([], data=b"", mentions="empty")

    def test_as_a_program(self):
        ok = subprocess.run([sys.executable, SCRIPT, "--title", "t"],
                            input=f"{E}[32m中 ok{E}[0m\n".encode(),
                            capture_output=True, env=dict(os.environ, LC_ALL="C"))
        self.assertEqual(ok.returncode, 0, ok.stderr)
        self.assertIn("中", ok.stdout.decode())
        bad = subprocess.run([sys.executable, SCRIPT, "--bogus"],
                             input="x", capture_output=True, text=True)
        self.assertEqual(bad.returncode, 2)
        self.assertEqual(len(bad.stderr.strip().splitlines()), 1, bad.stderr)


@unittest.skipIf(shutil.which("tmux") is None, "tmux is not installed")
class RealTmux(unittest.TestCase):
    """A private tmux server's pane, captured as the README's picture is."""

    def setUp(self):
        self.socket = f"ansi-svg-test-{os.getpid()}"
        # A UTF-8 client (-u) outside any other tmux, whatever runs the test.
        self.env = {k: v for k, v in os.environ.items() if k != "TMUX"}
        self.env["LC_ALL"] = "C.UTF-8"
        self.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "t",
                  "sh")
        # Cleanups run last first: the server goes, then its socket file,
        # which kill-server leaves behind.
        path = self.tmux("display-message", "-p", "#{socket_path}").strip()
        self.addCleanup(lambda: os.path.exists(path) and os.remove(path))
        self.addCleanup(self.tmux, "kill-server", check=False)

    def tmux(self, *args, check=True):
        return subprocess.run(["tmux", "-u", "-L", self.socket, "-f",
                               "/dev/null", *args], capture_output=True,
                              env=self.env, check=check, timeout=10).stdout

    def test_capture_pane_renders(self):
        self.tmux("split-window", "-h", "-t", "t", "sh")  # a border between
        self.tmux("send-keys", "-t", "t:0.0",
                  "clear; printf '\\033[31mred\\033[0m \\033[1;32mbold green"
                  "\\033[0m \\342\\224\\214\\342\\224\\200 <&>\\n'", "Enter")
        capture = ""
        for _ in range(50):  # the typed line has no escapes; the output has
            capture = self.tmux("capture-pane", "-p", "-e", "-t",
                                "t:0.0").decode()
            if "\x1b[" in capture and "bold green" in capture:
                break
            time.sleep(0.1)
        self.assertIn("\x1b[", capture, "no coloured output in the pane")
        self.assertEqual(capture.count("\n"), 24)
        svg = svg_of(capture, "--title", "team")
        runs = {t: a for _, t, a in spans(capture)}
        self.assertEqual(runs["red"].get("fill"), hexc(ansi_screen.BASE16[1]))
        self.assertEqual(runs["bold green"].get("font-weight"), "bold")
        self.assertIn(">┌─ &lt;&amp;&gt;<", svg)
        root = ET.fromstring(svg)
        self.assertEqual(float(root.get("height")), ansi_to_svg.GRID_TOP
                         + 24 * ansi_to_svg.CELL_H + ansi_to_svg.PAD)


if __name__ == "__main__":
    unittest.main(verbosity=2)
