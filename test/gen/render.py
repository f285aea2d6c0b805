#!/usr/bin/env python3
"""
render.py
    Re-lay a seed report (DOCX-text form) out as the two other text forms
    the parser reads, so that the regression tests can check that every
    form of the same report parses to the same result:

      tsv     text copied from a browser: narrative lines as they are, one
              table row per line, cells joined by tabs;
      layout  pdftotext -layout style: narrative wrapped at ~34 CJK
              characters, one table row per line with cells in columns
              padded by runs of spaces (numbers right-aligned), long row
              labels wrapped onto the next line, a page footer in the middle
              of table 三, empty cells as spaces only.

    Usage: render.py [SEED.txt ...]   (default: test/seeds/*.txt, run from
    the top of the repository); writes test/corpus/tsv/NNN.txt and
    test/corpus/layout/NNN.txt.  Deterministic; stdlib only.
"""

import glob
import os
import sys

sys.dont_write_bytecode = True     # leave no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seedtext import (BOOKMARK, model, read_blocks, strip_cell,  # noqa: E402
                  width)

# ---------------------------------------------------------------- tsv


def render_tsv(text):
    """The browser-copy form of a DOCX-text report."""
    out = []
    for b in model(read_blocks(text)):
        if b[0] == "text":
            out.append(b[1])
            continue
        for r in b[2]:
            if r[0] == "head":
                cells = r[1]
            else:
                cells = list(r[1]) + list(r[2])
            line = "\t".join(cells)
            if "\t" not in line:
                line += "\t"    # a one-cell row still reads as a row
            out.append(line)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- layout

NARROW_WIDTH = 68       # 34 CJK characters
LABEL_CHARS = 14        # row labels longer than this wrap

# per table: where the value columns start and how wide they are
GRID = {2: (26, 14), 3: (56, 9), 4: (0, 8)}


class Canvas:
    """A few text lines that strings are put on at display columns."""

    def __init__(self):
        self.lines = []

    def put(self, row, col, s, right=False):
        while len(self.lines) <= row:
            self.lines.append("")
        line = self.lines[row]
        if right:
            col -= width(s)
        cur = width(line)
        if cur > 0 and col < cur + 2:
            col = cur + 2       # keep a run of >= 2 spaces between cells
        self.lines[row] = line + " " * (col - cur) + s

    def text(self):
        return [ln.rstrip() for ln in self.lines]


def chunks(s, n):
    """s cut into pieces of n characters."""
    s = s.strip()
    return [s[k:k + n] for k in range(0, len(s), n)] or [""]


def wrap_narrative(line):
    """A narrative line as pdftotext shows a paragraph: indented, wrapped."""
    line = BOOKMARK.sub("", line)
    if line.strip() == "":
        return [""]
    if width(line) <= 40:
        return ["     " + line.strip()]
    out = []
    cur = "   "
    for k, ch in enumerate(line.strip()):
        if width(cur) + width(ch) > NARROW_WIDTH:
            # do not cut a run of ASCII letters or digits
            m = len(cur)
            while m > 0 and cur[m - 1].isascii() and cur[m - 1].isalnum() \
                    and ch.isascii() and ch.isalnum():
                m -= 1
            if m > 0 and m < len(cur) and cur[:m].strip():
                out.append(cur[:m])
                cur = cur[m:]
            else:
                out.append(cur)
                cur = ""
        cur += ch
    out.append(cur)
    return out


def head_cols(kind, cells):
    """The grid columns of a header row's cells (-1: the label area)."""
    n = len(cells)
    if kind == 2:
        return [-1] + list(range(n - 1))
    if kind == 3:
        if n == 4 and "自然人" in cells[1]:
            return [-1, 0, 1, 6]
        if n == 2:
            return [-1, 3]
        return [-1] + list(range(n - 1))
    if kind == 4:
        if n == 2:
            return [0, 5]
        if n == 7:
            return [0, 1, 2, 3, 4, 5, 10]
        return list(range(n))
    return [-1] * n


def render_head(kind, cells):
    """A header row: its cells wrapped into their columns over a few lines."""
    c = Canvas()
    start, colw = GRID.get(kind, (40, 10))
    per = max(2, (colw - 2) // 2)
    cells = [BOOKMARK.sub("", x) for x in cells]
    if kind == 2 and len(cells) == 1:
        c.put(0, 14, strip_cell(cells[0]))
        return c.text()
    cols = head_cols(kind, cells)
    total = {3: 7, 4: 15}.get(kind, max(cols) + 1)
    for k, (cell, col) in enumerate(zip(cells, cols)):
        t = strip_cell(cell)
        if not t:
            continue
        # a cell spanning several columns wraps at their joint width
        span = (cols[k + 1] if k + 1 < len(cols) else total) - col
        if col < 0:
            pos, parts = (7 if kind == 2 else 0), chunks(t, 22)
        else:
            pos = start + col * colw
            parts = chunks(t, max(per, (colw * max(span, 1) - 2) // 2))
        for j, p in enumerate(parts):
            c.put(j, pos, p)
    return c.text()


def render_data(kind, labels, values, middle):
    """
    A template row: labels on the left (the last one wrapped when long),
    values right-aligned in the table's columns, on the first line of the
    label or, for a wrapped label, on its middle line; with middle set a
    two-line label gets its numbers on a line of their own between its two
    halves, as pdftotext does when the numbers sit lower than the text.
    """
    c = Canvas()
    start, colw = GRID[kind]
    labels = [BOOKMARK.sub("", x) for x in labels]
    nonempty = [k for k, x in enumerate(labels) if strip_cell(x)]
    pos = 0
    parts = []
    for k, x in enumerate(labels):
        t = strip_cell(x)
        if nonempty and k == nonempty[-1]:
            parts = chunks(t, LABEL_CHARS)
            break
        if not t:
            pos += 6
        else:
            c.put(0, pos, t)
            pos = width(c.lines[0]) + 2
    vline = 0
    if len(parts) >= 3:
        vline = len(parts) // 2
    elif len(parts) == 2 and middle:
        parts = [parts[0], None, parts[1]]
        vline = 1
    for j, p in enumerate(parts):
        if p is not None:
            c.put(j, pos, p)
    # a number ends where the (wrapped) header text of its column ends
    per = max(2, (colw - 2) // 2)
    for k, v in enumerate(values):
        t = strip_cell(v).replace("\u3000", " ").replace("\u00a0", " ")
        if t:
            c.put(vline, start + k * colw + 2 * per, t, right=True)
    if not c.lines:
        c.lines = [""]
    return c.text()


def render_layout(text, middle=False, footer="-3-"):
    """The pdftotext -layout form of a DOCX-text report."""
    out = []
    for b in model(read_blocks(text)):
        if b[0] == "text":
            out.extend(wrap_narrative(b[1]))
            continue
        kind, rows = b[1], b[2]
        data = [k for k, r in enumerate(rows) if r[0] == "data"]
        footer_at = data[len(data) // 2] if kind == 3 and data else -1
        for k, r in enumerate(rows):
            if k == footer_at:
                out.extend(["", " " * 42 + footer, ""])
            if r[0] == "head":
                if kind == 2 and "第二十条" in "".join(r[1]):
                    out.append("")
                out.extend(render_head(kind, r[1]))
                out.append("")
            else:
                out.extend(render_data(kind, r[1], r[2], middle))
                if kind != 3:
                    out.append("")
    return "\n".join(out) + "\n"


def main(argv):
    seeds = argv[1:] or sorted(glob.glob("test/seeds/*.txt"))
    for path in seeds:
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        odd = int(name[:3]) % 2 == 1 if name[:3].isdigit() else False
        for form, body in (("tsv", render_tsv(text)),
                           ("layout", render_layout(text, middle=odd))):
            outdir = os.path.join("test", "corpus", form)
            os.makedirs(outdir, exist_ok=True)
            with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
                f.write(body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
