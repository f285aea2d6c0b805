"""
seedtext.py
    Read a seed report in its DOCX-text form into a list of blocks, and the
    helpers the renderers share (display width, numeric-cell test).

The DOCX-text form: each table cell stands on its own line behind a tab,
table rows are separated by blank lines, a lone tab is an empty cell, a
non-tab line right after a tab line continues the previous cell, and every
other line is narrative.  One quirk of the seeds is handled too: a merged
cell whose text follows a lone tab after some blank lines (seed 000 writes
its vertical "三、本年度办理结果" that way) belongs to that lone-tab cell.

Stdlib only.
"""

import re
import unicodedata

BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")

# What a placeholder cell may hold (spec: '/', '—', '-', '无' and the like).
PLACEHOLDERS = {"/", "／", "—", "——", "-", "－", "无", "─", "–"}

NUMBER = re.compile(r"^[0-9][0-9 ,，.]*(万元|元|件|条|个|项)?$")


def width(s):
    """Display width in terminal columns: wide and full-width chars are 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def strip_cell(s):
    """A cell's text without surrounding ASCII/ideographic/no-break spaces."""
    return s.strip(" \t\u3000\u00a0")


def is_value(s):
    """True for a cell that holds a number or a placeholder, not a label."""
    t = strip_cell(s)
    if t in PLACEHOLDERS:
        return True
    t = unicodedata.normalize("NFKC", t).replace("\u00a0", " ")
    return bool(NUMBER.match(t))


def read_blocks(text, merged_quirk=True):
    """
    Split DOCX text into blocks: ("text", line) for narrative lines and
    ("table", rows) for a table, rows being lists of cell strings.
    Blank lines inside a table separate rows and are not kept; blank lines
    after a table are narrative.  merged_quirk: text after a lone tab and
    blank lines belongs to that cell (seed 000); off for synthetic reports,
    whose headings may follow a table that ends in an empty cell.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blocks = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line.startswith("\t"):
            blocks.append(("text", line))
            i += 1
            continue
        rows = []
        row = []
        last_lone = False
        while i < n:
            line = lines[i]
            if line.startswith("\t"):
                row.append(line[1:])
                last_lone = (line == "\t")
                i += 1
                # continuation lines of this cell
                while i < n and lines[i] != "" and not lines[i].startswith("\t"):
                    row[-1] += lines[i]
                    i += 1
                continue
            if line == "":
                # blank lines: a row break, or the end of the table
                j = i
                while j < n and lines[j] == "":
                    j += 1
                if j < n and lines[j].startswith("\t"):
                    if row:
                        rows.append(row)
                    row = []
                    i = j
                    continue
                if (merged_quirk and last_lone and j + 1 < n and lines[j] != ""
                        and lines[j + 1].startswith("\t")):
                    # text of a merged cell after its paragraph breaks
                    row[-1] += lines[j]
                    last_lone = False
                    i = j + 1
                    continue
                break
            break
        if row:
            rows.append(row)
        blocks.append(("table", rows))
    return blocks


def table_kind(rows):
    """2, 3 or 4: which of the report's tables a table block is."""
    cells = "".join("".join(r) for r in rows)
    if "本年新收" in cells:
        return 3
    if "信息内容" in cells:
        return 2
    if "行政复议" in cells:
        return 4
    return 0


def split_row(row):
    """(labels, values): the leading label cells and the value cells."""
    last = -1
    for k, c in enumerate(row):
        if strip_cell(c) != "" and not is_value(c):
            last = k
    return row[:last + 1], row[last + 1:]


def spread(values, n):
    """
    Fit a row's value cells into n columns.  The DOCX text drops empty cells
    of a row, so k < n values stand for the first k-1 columns and the last
    one (seed 003: 行政规范性文件 8, 24 are 本年制发 and 现行有效; table 三
    4, 4 are 自然人 and 总计), which is what the seeds' expected JSON says.
    """
    if len(values) >= n:
        return list(values[:n])
    if not values:
        return [""] * n
    return list(values[:-1]) + [""] * (n - len(values)) + [values[-1]]


def model(blocks):
    """
    Annotate each table row with its role: ("head", cells) for header rows,
    ("data", labels, values) for rows of the template, values spread to the
    table's width.  Returns a list of blocks where tables are
    ("table", kind, [annotated rows]).
    """
    out = []
    for b in blocks:
        if b[0] == "text":
            out.append(b)
            continue
        rows = b[1]
        kind = table_kind(rows)
        ann = []
        ncols = 0
        in_data = False
        for row in rows:
            labels, values = split_row(row)
            joined = "".join(row)
            if kind == 2:
                if "第二十条" in joined:
                    ann.append(("head", row))
                    in_data = False
                elif "信息内容" in joined:
                    ann.append(("head", row))
                    ncols = len(row) - 1
                    in_data = True
                elif in_data:
                    ann.append(("data", labels, spread(values, ncols)))
                else:
                    ann.append(("head", row))
            elif kind == 3:
                if "本年新收" in joined:
                    in_data = True
                if in_data:
                    ann.append(("data", labels, spread(values, 7)))
                else:
                    ann.append(("head", row))
            elif kind == 4:
                if not labels and values:
                    ann.append(("data", [], spread(values, 15)))
                else:
                    ann.append(("head", row))
            else:
                ann.append(("head", row))
        out.append(("table", kind, ann))
    return out
