"""Reads a terminal capture with ANSI escapes into a grid of styled cells.

The input is what `tmux capture-pane -p -e` prints: lines of text with SGR
sequences (ESC [ ... m) that set colours and attributes. Every other escape
or control sequence is dropped, and a malformed one never costs the plain
text around it, because a picture with a missing word is worse than one with
a missing colour.

Colours are kept as the terminal names them: None (the default), an int
0..255 (palette index) or an (r, g, b) tuple; palette() turns an index into
RGB for whoever draws the cells.
"""

import unicodedata
from collections import namedtuple

Style = namedtuple(
    "Style", "fg bg bold dim italic underline reverse hidden strike")
PLAIN = Style(None, None, False, False, False, False, False, False, False)

# One cell of the grid. A wide character's second cell is a Cell with
# text "" (it only carries the style, for the background).
Cell = namedtuple("Cell", "text style")

ESC = "\x1b"
BEL = "\x07"
TAB_STOP = 8

# The 16 base colours (xterm's order), in a palette that reads well on the
# dark background the picture uses.
BASE16 = [
    (0x1e, 0x1e, 0x1e), (0xe0, 0x6c, 0x75), (0x98, 0xc3, 0x79),
    (0xe5, 0xc0, 0x7b), (0x61, 0xaf, 0xef), (0xc6, 0x78, 0xdd),
    (0x56, 0xb6, 0xc2), (0xd0, 0xd0, 0xd0), (0x7f, 0x84, 0x8e),
    (0xff, 0x7b, 0x86), (0xb5, 0xe8, 0x90), (0xff, 0xd6, 0x8a),
    (0x7c, 0xc4, 0xff), (0xe0, 0x9a, 0xf5), (0x6e, 0xd6, 0xe0),
    (0xff, 0xff, 0xff),
]
CUBE_LEVELS = (0, 95, 135, 175, 215, 255)

# Two-byte escapes (ESC + one final byte) a terminal acts on: save/restore
# cursor, keypad modes, reset, index, next line, tab set, reverse index,
# single shifts, identify, and ST. Any other byte after ESC is kept as text.
ESC_FINALS = set("78=>cDEHMNOZ\\")
# ESC + one of these + one more byte designates a character set or similar.
ESC_INTERMEDIATES = set("()*+-./#%")
# Sequences that carry a string up to ST (or BEL): OSC, DCS, SOS, PM, APC.
STRING_INTRODUCERS = set("]PX^_")


def palette(index):
    """RGB of a 256-colour palette index: 16 base, 6x6x6 cube, gray ramp."""
    if index < 16:
        return BASE16[index]
    if index < 232:
        n = index - 16
        return (CUBE_LEVELS[n // 36], CUBE_LEVELS[n // 6 % 6],
                CUBE_LEVELS[n % 6])
    level = 8 + 10 * (index - 232)
    return (level, level, level)


def char_width(ch):
    """Cells a character takes: 2 for wide (CJK, emoji), 0 for combining."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me",
                                                                 "Cf"):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    # Box drawing and other "ambiguous" characters are narrow, as tmux
    # draws its pane borders with them one cell each.
    return 1


def _int(text):
    """The number a parameter spells, or None when it is empty or not one
    (or so long that no SGR code could mean it)."""
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    return None


def _extended_colour(values):
    """The colour of `38`/`48` arguments ([5, N] or [2, R, G, B]), or None.

    Returns (colour, how many values it used); the count lets the
    semicolon form skip its arguments even when they are out of range.
    """
    kind = values[0] if values else None
    if kind == 5 and len(values) >= 2:
        n = values[1]
        return (n if n is not None and 0 <= n <= 255 else None), 2
    if kind == 2 and len(values) >= 4:
        rgb = values[1:4]
        if all(v is not None and 0 <= v <= 255 for v in rgb):
            return tuple(rgb), 4
        return None, 4
    # Cut short: use what there is. An unknown kind: only the kind itself.
    return None, len(values) if kind in (2, 5) else min(len(values), 1)


def _colon_colour(subs):
    """38:5:N, 38:2:R:G:B or 38:2:CS:R:G:B[:...] (with a colour space id,
    empty in tmux's 38:2::R:G:B, and maybe tolerance values after)."""
    if len(subs) >= 5 and subs[0] == 2:
        subs = [2] + subs[2:5]
    return _extended_colour(subs)[0]


# SGR codes that turn one attribute on or off (21 is double underline).
FLAG_CODES = {1: ("bold", True), 2: ("dim", True), 3: ("italic", True),
              4: ("underline", True), 7: ("reverse", True),
              8: ("hidden", True), 9: ("strike", True),
              21: ("underline", True), 23: ("italic", False),
              24: ("underline", False), 27: ("reverse", False),
              28: ("hidden", False), 29: ("strike", False)}


def _simple_sgr(style, code):
    """The style after one single-number SGR code (unknown codes: unchanged)."""
    if code == 0:
        return PLAIN
    if code == 22:
        return style._replace(bold=False, dim=False)
    if code in FLAG_CODES:
        name, value = FLAG_CODES[code]
        return style._replace(**{name: value})
    if 30 <= code <= 37:
        return style._replace(fg=code - 30)
    if 90 <= code <= 97:
        return style._replace(fg=code - 90 + 8)
    if 40 <= code <= 47:
        return style._replace(bg=code - 40)
    if 100 <= code <= 107:
        return style._replace(bg=code - 100 + 8)
    if code == 39:
        return style._replace(fg=None)
    if code == 49:
        return style._replace(bg=None)
    return style


def apply_sgr(style, params):
    """The style after `ESC [ params m`; bad or unknown parts are skipped."""
    groups = params.split(";") if params else [""]
    i = 0
    while i < len(groups):
        subs = [_int(s) for s in groups[i].split(":")]
        code = 0 if groups[i] == "" else subs[0]
        i += 1
        if code is None:
            continue
        if code in (38, 48, 58):
            if len(subs) > 1:  # colon form: everything in this group
                colour = _colon_colour(subs[1:])
            else:  # semicolon form: the arguments are the next groups
                rest = [_int(g) for g in groups[i:i + 4]]
                colour, used = _extended_colour(rest)
                i += used
            if colour is not None and code != 58:  # 58: underline colour
                style = style._replace(
                    **{"fg" if code == 38 else "bg": colour})
        elif code == 4 and len(subs) > 1:  # 4:0 no underline, 4:1..5 styles
            style = style._replace(underline=subs[1] != 0)
        else:
            style = _simple_sgr(style, code)
    return style


def _csi_end(text, start):
    """(end, parameters, final byte) of the CSI at text[start] ("ESC [").
    When a byte that cannot belong to it cuts it short, final is None and
    end is just past the parameters, so what follows stays text."""
    i = start + 2
    while i < len(text) and "\x30" <= text[i] <= "\x3f":
        i += 1
    params_end = i
    while i < len(text) and "\x20" <= text[i] <= "\x2f":
        i += 1
    if i < len(text) and "\x40" <= text[i] <= "\x7e":
        return i + 1, text[start + 2:i], text[i]
    return params_end, None, None


def _string_end(text, start):
    """Index past an OSC/DCS-like string: up to BEL or ST (ESC \\). Without
    a terminator it stops before the end of the line, so the lines below
    are still read."""
    i = start + 2
    while i < len(text):
        if text[i] == BEL:
            return i + 1
        if text[i] == ESC:  # ST ends it; any other escape cuts it short
            return i + 2 if text[i + 1:i + 2] == "\\" else i
        if text[i] == "\n":
            return i
        i += 1
    return i


def _escape_end(text, i):
    """Index past the escape sequence at text[i] (an ESC) and, for SGR, its
    parameters (else None). A lone ESC skips just itself."""
    nxt = text[i + 1:i + 2]
    if nxt == "[":
        end, params, final = _csi_end(text, i)
        # A private marker (<=>?) or intermediate byte makes it a different
        # command that happens to end in m (e.g. xterm's CSI > 4;1 m).
        if final == "m" and all(c in "0123456789;:" for c in params):
            return end, params
        return end, None
    if nxt in STRING_INTRODUCERS:
        return _string_end(text, i), None
    if nxt in ESC_FINALS:
        return i + 2, None
    if nxt in ESC_INTERMEDIATES and "\x30" <= text[i + 2:i + 3] <= "\x7e":
        return i + 3, None
    return i + 1, None


class _Grid:
    """Rows of cells, filled left to right as the text is read."""

    def __init__(self):
        self.rows = [[]]

    def newline(self):
        self.rows.append([])

    def put(self, ch, style):
        row = self.rows[-1]
        width = char_width(ch)
        if ch == "\t":
            row.extend(Cell(" ", style) for _ in
                       range(TAB_STOP - len(row) % TAB_STOP))
        elif width == 0:
            self._combine(row, ch, style)
        else:
            row.append(Cell(ch, style))
            if width == 2:
                row.append(Cell("", style))

    @staticmethod
    def _combine(row, ch, style):
        """A zero-width character joins the character before it (a line
        that starts with one gets a space to carry it)."""
        j = len(row) - 1
        while j >= 0 and row[j].text == "":
            j -= 1
        if j < 0:
            row.append(Cell(" " + ch, style))
        else:
            row[j] = row[j]._replace(text=row[j].text + ch)


def _is_dropped_control(ch):
    """C0/C1 controls and DEL draw nothing (tab and newline are handled)."""
    code = ord(ch)
    return code < 0x20 or 0x7f <= code <= 0x9f


def parse(text):
    """The grid of a capture: a list of rows, each a list of Cells. A final
    newline ends the last line rather than starting an empty one."""
    grid = _Grid()
    style = PLAIN
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == ESC:
            i, params = _escape_end(text, i)
            if params is not None:
                style = apply_sgr(style, params)
            continue
        i += 1
        if ch == "\n":
            grid.newline()
        elif ch == "\t" or not _is_dropped_control(ch):
            grid.put(ch, style)
    if text.endswith("\n"):
        grid.rows.pop()
    return grid.rows


def row_text(row):
    """The plain text of a row of cells (handy for tests and debugging)."""
    return "".join(cell.text for cell in row)
