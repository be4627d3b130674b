#!/usr/bin/env python3
"""Draws a terminal capture with ANSI colours as a standalone SVG picture.

usage: ansi_to_svg.py [--cols N] [--rows N] [--title TEXT] [INPUT] > out.svg

INPUT (default: standard input, also "-") is what `tmux capture-pane -p -e`
prints. The picture is a dark terminal window with a rounded frame and a
title bar; each character sits in a fixed cell of a monospace grid, so
columns line up whatever font the viewer has. Columns default to the widest
line, rows to the number of lines; --cols/--rows cut or pad to a size.
The same input always gives the same bytes, so a committed picture only
changes when the screen does.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import ansi_screen  # noqa: E402  (found through the line above)

CELL_W = 8.4      # a 14px monospace glyph's advance (0.6 em)
CELL_H = 17
BASELINE = 13     # from a cell's top: room for descenders below
FONT_SIZE = 14
PAD = 14          # between the window's edge and the grid
BAR_H = 30        # the title bar
GRID_TOP = BAR_H + 10
MAX_CELLS = 1000  # a bigger --cols/--rows is surely a typo
FONT = ("ui-monospace, 'SF Mono', Menlo, 'DejaVu Sans Mono', "
        "'Cascadia Mono', Consolas, 'Liberation Mono', monospace")

DEFAULT_FG = (0xd8, 0xdb, 0xe0)
DEFAULT_BG = (0x1d, 0x1f, 0x21)
BAR_BG = "#2c2e33"
FRAME = "#45484e"
TITLE_FG = "#a0a4ab"
DOTS = ("#ff5f56", "#ffbd2e", "#27c93f")

USAGE = "ansi_to_svg.py [--cols N] [--rows N] [--title TEXT] [INPUT]"


class UsageError(Exception):
    """A bad command line or input, said in one sentence."""


def num(value):
    """A coordinate as short, fixed text: 2 decimals at most."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _xml_char(ch):
    code = ord(ch)
    if ch in "\t\n\r" or 0x20 <= code <= 0xd7ff or 0xe000 <= code <= 0xfffd \
            or code >= 0x10000:
        return ch
    return "\ufffd"  # XML 1.0 cannot hold it at all


def esc(text):
    """Text safe inside an XML element or a double-quoted attribute."""
    text = "".join(_xml_char(c) for c in text)
    for raw, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"),
                        ('"', "&quot;"), ("'", "&apos;")):
        text = text.replace(raw, entity)
    return text


def hex_colour(rgb):
    return "#%02x%02x%02x" % rgb


def _rgb(colour, default):
    if colour is None:
        return default
    if isinstance(colour, int):
        return ansi_screen.palette(colour)
    return colour


def resolve(style):
    """(fg, bg) RGB a cell is drawn in, after bold, reverse and dim."""
    fg = style.fg
    if style.bold and isinstance(fg, int) and fg < 8:
        fg += 8  # as most terminals do: bold red is bright red
    fg, bg = _rgb(fg, DEFAULT_FG), _rgb(style.bg, DEFAULT_BG)
    if style.reverse:
        fg, bg = bg, fg
    if style.dim:  # halfway to the background reads as faint on any colour
        fg = tuple((f + b) // 2 for f, b in zip(fg, bg))
    return fg, bg


def _runs(cells, key_of):
    """(first column, count, key) of each stretch of cells with one key."""
    runs = []
    for col, cell in enumerate(cells):
        key = key_of(cell)
        if runs and runs[-1][2] == key and runs[-1][0] + runs[-1][1] == col:
            runs[-1][1] += 1
        else:
            runs.append([col, 1, key])
    return runs


def background_rects(row, cols, y):
    """<rect>s for the row's cells whose background is not the default."""
    def bg_of(cell):
        bg = resolve(cell.style)[1]
        return None if bg == DEFAULT_BG else hex_colour(bg)
    out = []
    for col, count, bg in _runs(row[:cols], bg_of):
        if bg is not None:
            out.append(f'<rect x="{num(col * CELL_W)}" y="{num(y)}" '
                       f'width="{num(count * CELL_W)}" height="{CELL_H}" '
                       f'fill="{bg}"/>')
    return out


def _text_key(cell):
    """What a text run shares: colour (None: the default) and attributes."""
    style = cell.style
    if style.hidden:
        return None
    fg = hex_colour(resolve(style)[0])
    return (None if fg == hex_colour(DEFAULT_FG) else fg, style.bold,
            style.italic, style.underline, style.strike)


class _Run:
    """Neighbouring cells that one <tspan> draws."""

    def __init__(self, col, width, text, key, wide):
        self.col, self.width, self.text = col, width, text
        self.key, self.wide = key, wide

    def takes(self, col, key, wide):
        """Whether the cell at `col` continues this run."""
        return (not wide and not self.wide and self.key == key
                and self.col + self.width == col)

    def trimmed(self):
        """(column, cells wide, text, key) without the outer spaces (they
        draw nothing unless a line goes under or through them), or None
        when nothing is left to draw."""
        if self.key is None:
            return None
        col, width, text = self.col, self.width, self.text
        if not (self.key[3] or self.key[4]):
            col += len(text) - len(text.lstrip(" "))
            width -= len(text) - len(text.strip(" "))  # a space is one cell
            text = text.strip(" ")
        return (col, width, text, self.key) if text else None


def text_runs(row, cols):
    """(column, cells wide, text, key) runs of a row's visible text.

    A wide character is a run of its own and the text after it starts a new
    one at its own column, so a fallback font whose CJK or emoji glyphs are
    not exactly two cells wide cannot push the rest of the line off the grid.
    """
    runs = []
    for col, cell in enumerate(row[:cols]):
        if cell.text == "":
            continue  # the second cell of a wide character
        wide = col + 1 < len(row) and row[col + 1].text == ""
        if wide and col + 1 >= cols:
            break  # only half of it would fit
        key = _text_key(cell)
        if runs and runs[-1].takes(col, key, wide):
            runs[-1].width += 1
            runs[-1].text += cell.text
        else:
            runs.append(_Run(col, 2 if wide else 1, cell.text, key, wide))
    return [t for t in (run.trimmed() for run in runs) if t]


def tspan(col, width, text, key):
    """The <tspan> of one text run."""
    fg, bold, italic, underline, strike = key
    attrs = [f'x="{num(col * CELL_W)}"']
    if width > 1 and len(text) > 1:
        # Pins the run to its cells in fonts narrower or wider than 0.6 em.
        attrs.append(f'textLength="{num(width * CELL_W)}" '
                     'lengthAdjust="spacing"')
    if fg:
        attrs.append(f'fill="{fg}"')
    if bold:
        attrs.append('font-weight="bold"')
    if italic:
        attrs.append('font-style="italic"')
    lines = [name for name, on in (("underline", underline),
                                   ("line-through", strike)) if on]
    if lines:
        attrs.append(f'text-decoration="{" ".join(lines)}"')
    return f'<tspan {" ".join(attrs)}>{esc(text)}</tspan>'


def window(width, height, title):
    """The frame, title bar, its three dots and the title."""
    inner = width - 1
    out = [
        f'<rect x="0.5" y="0.5" width="{num(inner)}" height="{num(height - 1)}" '
        f'rx="8" fill="{hex_colour(DEFAULT_BG)}" stroke="{FRAME}"/>',
        f'<path d="M0.5,{BAR_H}V8.5a8,8 0 0 1 8,-8H{num(inner - 7.5)}'
        f'a8,8 0 0 1 8,8V{BAR_H}Z" fill="{BAR_BG}"/>',
    ]
    for i, colour in enumerate(DOTS):
        out.append(f'<circle cx="{PAD + 6 + 20 * i}" cy="{BAR_H // 2}" r="6" '
                   f'fill="{colour}"/>')
    if title:
        out.append(_title(width, title))
    return out


TITLE_START = PAD + 20 * len(DOTS) + 4  # just right of the dots
TITLE_GLYPH = 13 * 0.6                   # the title font's advance


def window_width(cols, title):
    """Wide enough for the grid, and for the dots and the title."""
    return max(2 * PAD + cols * CELL_W,
               TITLE_START + len(title) * TITLE_GLYPH + PAD)


def _title(width, title):
    """The title centred in the bar, or left-aligned after the dots when
    centring would run it into them."""
    if width / 2 - len(title) * TITLE_GLYPH / 2 >= TITLE_START:
        x, anchor = width / 2, "middle"
    else:
        x, anchor = TITLE_START, "start"
    return (f'<text x="{num(x)}" y="{BAR_H // 2 + 5}" text-anchor="{anchor}" '
            f'font-family="{FONT}" font-size="13" fill="{TITLE_FG}">'
            f'{esc(title)}</text>')


def render(rows, cols, title=""):
    """The SVG document (a str) drawing `rows` (from ansi_screen.parse) in a
    grid of `cols` by len(rows) cells."""
    width = window_width(cols, title)
    height = GRID_TOP + len(rows) * CELL_H + PAD
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(width)}" '
           f'height="{num(height)}" viewBox="0 0 {num(width)} {num(height)}" '
           f'role="img" aria-label="{esc(title or "terminal")}">']
    out += window(width, height, title)
    out.append(f'<g transform="translate({PAD} {GRID_TOP})">')
    # crispEdges: neighbouring rows' backgrounds meet without a hairline.
    out.append('<g shape-rendering="crispEdges">')
    for r, row in enumerate(rows):
        out += background_rects(row, cols, r * CELL_H)
    out.append('</g>')
    out.append(f'<g font-family="{FONT}" font-size="{FONT_SIZE}" '
               f'fill="{hex_colour(DEFAULT_FG)}">')
    for r, row in enumerate(rows):
        spans = [tspan(*run) for run in text_runs(row, cols)]
        if spans:  # one line: spaces between tspans would be drawn
            out.append(f'<text y="{r * CELL_H + BASELINE}" '
                       f'xml:space="preserve">{"".join(spans)}</text>')
    out += ['</g>', '</g>', '</svg>']
    return "\n".join(out) + "\n"


def _size(flag, value):
    if value is None:
        raise UsageError(f"{flag} needs a number after it.")
    if not value.isascii() or not value.isdigit() \
            or not 1 <= int(value) <= MAX_CELLS:
        raise UsageError(f"{flag} needs a whole number from 1 to {MAX_CELLS}, "
                         f"not {value!r}.")
    return int(value)


def parse_args(argv):
    """{'cols', 'rows', 'title', 'input', 'help'} from the command line."""
    opts = {"cols": None, "rows": None, "title": "", "input": "-",
            "help": False}
    positional = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        flag, eq, inline = arg.partition("=")
        if flag in ("--cols", "--rows", "--title"):
            value = inline if eq else (args.pop(0) if args else None)
            if flag == "--title":
                if value is None:
                    raise UsageError("--title needs a text after it.")
                opts["title"] = value
            else:
                opts[flag[2:]] = _size(flag, value)
        elif arg in ("-h", "--help"):
            opts["help"] = True
        elif arg == "--":
            positional += args
            args = []
        elif arg.startswith("-") and arg != "-":
            raise UsageError(f"unknown option {arg!r} (usage: {USAGE}).")
        else:
            positional.append(arg)
    if len(positional) > 1:
        raise UsageError(f"give at most one INPUT file, not {len(positional)}.")
    if positional:
        opts["input"] = positional[0]
    return opts


def read_input(path, stdin):
    """The capture's text; UsageError when it cannot be read or is not
    UTF-8 (tmux prints UTF-8), or is empty (a capture that failed)."""
    name = "standard input" if path == "-" else repr(path)
    try:
        if path == "-":
            data = stdin.read()
        else:
            with open(path, "rb") as f:
                data = f.read()
    except OSError as e:
        raise UsageError(f"cannot read {name}: {e.strerror or e}.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UsageError(f"{name} is not UTF-8 text "
                         f"(bad byte at offset {e.start}).")
    if not text:
        raise UsageError(f"{name} is empty, so there is no screen to draw.")
    return text


def main(argv, stdin, stdout, stderr):
    """Runs the command: stdin and stdout are binary, stderr text; returns
    the exit status (2 for a bad command line or input)."""
    try:
        opts = parse_args(argv)
        if opts["help"]:
            stdout.write(__doc__.encode())
            return 0
        rows = ansi_screen.parse(read_input(opts["input"], stdin))
    except UsageError as e:
        stderr.write(f"ansi_to_svg: {e}\n")
        return 2
    cols = opts["cols"] or max([len(row) for row in rows] + [1])
    nrows = opts["rows"] or len(rows)
    rows = (rows + [[]] * nrows)[:nrows]
    # UTF-8 whatever the locale: the picture holds any character the pane did.
    stdout.write(render(rows, cols, opts["title"]).encode())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], sys.stdin.buffer, sys.stdout.buffer,
                  sys.stderr))
