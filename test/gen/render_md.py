#!/usr/bin/env python3
"""
render_md.py
    Re-lay a report in its DOCX-text form (a seed, or a synthetic report of
    test/gen/synth.py) out as Markdown, in three styles:

      clean   what a careful converter writes: '#' title and headings,
              paragraphs, every table as one pipe table (merged cells left
              empty);
      broken  what PDF->Markdown converters really write (FORMAT.md, "What
              inputs look like"): table 三 cut into several pipe tables at
              page breaks with page numbers ("— 4 —") between, a row's
              values spread over the two pieces; header rows broken into
              fragments on plain lines ("商业企" / "业") with the rest in a
              made-up pipe header; row labels pulled out onto plain lines
              before or after the pipe row that keeps their numbers, whose
              label cell is empty or holds a fragment; each outcome group of
              table 三 as its own small table under a made-up header; the
              tables headed 一/二/三 instead of 二/三/四; table 二's
              one-number rows as plain lines ("行政许可 97") before a pipe
              table of the rest, some of whose labels stand on a plain line
              above a row with an empty label cell;
      ocr     what OCR/transcription pipelines write: no '#' marks, one pipe
              table per page with the header repeated, merged cells repeated
              on every row, a row cut at the page break, a stray empty
              column, <br> inside header cells, table 四 as one row per
              category;
      htmltables  '#' headings and paragraphs with every table as an HTML
              <table> (what MinerU and other converters write).

    Usage: render_md.py [SEED.txt ...]  (default test/seeds/*.txt, run from
    the top of the repository): writes test/corpus/md/NNN.{clean,broken,
    ocr,htmltables}.md, and the hand-made cases 002.{detached,untied,dropped}.md with
    their JSON (make_cases).  synth.py imports render(text, style, rng).  Deterministic (the
    random choices come from a generator seeded by the caller or by the
    seed's number); stdlib only.
"""

import glob
import os
import random
import re
import sys

sys.dont_write_bytecode = True     # leave no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seedtext  # noqa: E402
from seedtext import BOOKMARK, model, read_blocks, strip_cell, table_kind  # noqa: E402

# A signed number ("-3", 本年增/减 of the 2019 table 二) is a value too: the
# rows of synthetic reports have them (the seeds do not).
_SIGNED = re.compile(r"^[-+][0-9０-９]")
_seed_is_value = seedtext.is_value
seedtext.is_value = lambda s: _seed_is_value(s) or bool(_SIGNED.match(strip_cell(s)))

STYLES = ["clean", "broken", "ocr", "htmltables"]

FOOTER = re.compile(r"^\s*(\d+\s*/\s*\d+|-\s*\d+\s*-|第\s*\d+\s*页)\s*$")
HEADING_NUM = re.compile(r"^([一二三四五六])、")
HEADING_WORDS = re.compile(r"总体情况|主动公开政府信息|收到和处理政府信息公开申请|"
                           r"政府信息公开行政复议|存在的主要问题|其他需要报告")
CN = "一二三四五六"
PLAIN_NUMBER = re.compile(r"^[0-9０-９][0-9０-９,.]*(件|条|个|项|元|万元)?$")
T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T4_HEAD = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
T4_CATS = ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]


def blocks_of(text, merged_quirk=True):
    """The report's blocks (seedtext.model), a table cut by a page footer
    joined again and the footer dropped."""
    raw = read_blocks(text, merged_quirk)
    out = []
    i = 0
    while i < len(raw):
        b = raw[i]
        if b[0] == "table":
            # a footer (and blank lines) between two pieces of one table
            j = i + 1
            while j < len(raw) and raw[j][0] == "text" and (
                    raw[j][1].strip() == "" or FOOTER.match(raw[j][1])):
                j += 1
            rows = list(b[1])
            while (j < len(raw) and raw[j][0] == "table" and
                   table_kind(raw[j][1]) in (0, table_kind(rows)) and
                   any(FOOTER.match(raw[k][1]) for k in range(i + 1, j))):
                rows += raw[j][1]
                i = j
                j = i + 1
                while j < len(raw) and raw[j][0] == "text" and (
                        raw[j][1].strip() == "" or FOOTER.match(raw[j][1])):
                    j += 1
            out.append(("table", rows))
            i += 1
            continue
        out.append(b)
        i += 1
    return model(out)


def is_heading(line):
    """Is a narrative line a heading of one of the six parts?"""
    t = line.strip()
    return len(t) <= 40 and bool(HEADING_WORDS.search(t)) and "。" not in t


def esc(s):
    """A cell's text for a pipe row."""
    return BOOKMARK.sub("", s).replace("|", "\\|").strip(" \t")


def pipe(cells):
    """A pipe row."""
    return "| " + " | ".join(esc(c) for c in cells) + " |"


def sep(n):
    """A separator line for n columns."""
    return "|" + "---|" * max(n, 1)


def wrap(s, n):
    """s cut into lines of n characters."""
    s = s.strip()
    return [s[k:k + n] for k in range(0, len(s), n)] or []


def narrative(line, style, first):
    """A narrative line: '#' marks for the title and headings (not in ocr)."""
    t = BOOKMARK.sub("", line).strip()
    if not t:
        return []
    if style != "ocr":
        if first:
            return ["# " + t, ""]
        if is_heading(t):
            return ["## " + t, ""]
    return [t, ""]


def renumber(line):
    """Headings of parts 二..六 numbered one less (一/二/三 for the tables)."""
    t = line.strip()
    m = HEADING_NUM.match(t)
    if m and is_heading(t) and m.group(1) != "一":
        return CN[CN.index(m.group(1)) - 1] + t[1:]
    return line


def data_cells(r):
    """The cells of a data row: labels then values."""
    return list(r[1]) + list(r[2])

# ---------------------------------------------------------------- clean


def table_clean(kind, rows):
    """A table as one pipe table."""
    out = []
    for k, r in enumerate(rows):
        cells = r[1] if r[0] == "head" else data_cells(r)
        out.append(pipe(cells))
        if k == 0:
            out.append(sep(len(cells)))
    return out + [""]



def table_html(rows):
    """A table as an HTML <table> on lines of its own (MinerU and others)."""
    out = ["<table>"]
    for r in rows:
        cells = r[1] if r[0] == "head" else data_cells(r)
        tag = "th" if r[0] == "head" else "td"
        out.append("<tr>" + "".join(f"<{tag}>{html_esc(c)}</{tag}>" for c in cells) + "</tr>")
    return out + ["</table>", ""]


def html_esc(s):
    """A cell's text for HTML."""
    s = BOOKMARK.sub("", s).strip(" \t")
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

# ---------------------------------------------------------------- broken


def plain_values_ok(values):
    """Can these values stand on a plain line after their label?"""
    return values and all(PLAIN_NUMBER.match(strip_cell(v)) for v in values)


def t2_broken(rows, rng):
    """Table 二: the blocks whose rows are one number each as plain lines
    (title, header, "label number"), then a pipe table of the others."""
    out = []
    rest = []
    blocks = []
    for r in rows:
        if r[0] == "head" and (len(r[1]) == 1 or "第二十条" in "".join(r[1])):
            blocks.append([r])
        elif blocks:
            blocks[-1].append(r)
        else:
            blocks.append([r])
    for blk in blocks:
        data = [r for r in blk if r[0] == "data"]
        plain = data and all(len(r[2]) == 1 and plain_values_ok(r[2]) and
                             any(strip_cell(x) for x in r[1]) for r in data)
        if not plain:
            rest.extend(blk)
            continue
        for r in blk:
            if r[0] == "head":
                out.append("".join(strip_cell(x) for x in r[1]))
            else:
                out.append("".join(strip_cell(x) for x in r[1]) + " " +
                           strip_cell(r[2][0]))
    out.append("")
    # the rest as a pipe table, some labels on a plain line above their row
    for k, r in enumerate(rest):
        if r[0] == "data" and any(strip_cell(x) for x in r[1]) and rng.random() < 0.3:
            out.append("".join(strip_cell(x) for x in r[1]))
            out.append(pipe([""] + list(r[2])))
        else:
            out.append(pipe(r[1] if r[0] == "head" else data_cells(r)))
        if k == 0:
            out.append(sep(len(r[1]) if r[0] == "head" else len(data_cells(r))))
    return out + [""]


def adds_up(values):
    """Do the applicant columns of a row of table 三 add up to its total,
    or is there a cell that is not a number (nothing to check)?"""
    nums = []
    for v in values:
        t = strip_cell(v)
        if not re.match(r"^\d+$", t):
            return True
        nums.append(int(t))
    return sum(nums[:6]) == nums[6]


def t3_broken(rows, rng, page):
    """Table 三 as a converter breaks it."""
    out = []
    heads = [r for r in rows if r[0] == "head"]
    data = [r for r in rows if r[0] == "data"]
    # header: plain fragments, the rest of the last header row in a pipe row
    for r in heads[:-1]:
        for c in r[1]:
            out.extend(wrap(BOOKMARK.sub("", c), 8))
    last = [strip_cell(c) for c in heads[-1][1]] if heads else []
    cut = [(c[:(len(c) + 1) // 2], c[(len(c) + 1) // 2:]) for c in last if c]
    if cut:
        out.append("".join(a for a, _ in cut))
        out.append(pipe([b for _, b in cut] + [""] * 4))
        out.append(sep(len(cut) + 4))
    # where the pages break, which rows lose their labels, the groups
    n = len(data)
    breaks = set(rng.sample(range(3, n - 1), min(2, max(0, n - 4)))) if n > 5 else set()
    detached = {k for k in range(n) if rng.random() < 0.35}
    own_tables = rng.random() < 0.5
    group_of = {}
    for k, r in enumerate(data):
        labels = [strip_cell(x) for x in r[1]]
        if len(labels) >= 2 and any(g in "".join(labels[:-1]) for g in
                                    ("不予公开", "无法提供", "不予处理", "其他处理")):
            for g in ("不予公开", "无法提供", "不予处理", "其他处理"):
                if g in "".join(labels[:-1]):
                    group_of[k] = g
    pending = []          # detached labels waiting to go after a row
    prev_group = None
    k = 0
    carry = None          # the second half of a row cut at a break
    while k < n:
        r = data[k]
        labels = [strip_cell(x) for x in r[1]]
        values = list(r[2])
        group = None
        if own_tables:
            # the group of this row: its own group cell, or the last one seen
            if k in group_of:
                group = group_of[k]
            elif prev_group and len([x for x in labels if x]) == 1 and \
                    not re.match(r"^[一二三四]、|^（[一二七]）", labels[-1]):
                group = prev_group
        if own_tables and group != prev_group:
            out.append("")
            if group:
                gl = [x for x in labels[:-1] if group in x] or [group]
                out.append(pipe([gl[0]] + T3_COLUMNS))
                out.append(sep(8))
            prev_group = group
        if carry is not None:
            out.append(pipe(carry))
            out.append(sep(len(carry)))
            carry = None
        if group:
            labels = [labels[-1]]
        text = "".join(x for x in labels if x)
        if k in detached and text:
            where = rng.randrange(3)
            lines = wrap(text, rng.choice([7, 9, 11]))
            cell = rng.choice(["", "", "果", "度办"])
            if where == 0:
                out.extend(lines)
            else:
                pending_now = lines
            row_cells = [cell] + values
        else:
            where = -1
            row_cells = (labels if any(labels) else [""]) + values
        if k in breaks and adds_up(values) and rng.random() < 0.6:
            cut_at = rng.randint(2, 5)
            lab = len(row_cells) - len(values)
            carry = values[cut_at:]
            row_cells = row_cells[:lab + cut_at]
        out.append(pipe(row_cells))
        if where > 0:
            if where == 1 or k + 1 >= n:
                out.extend(pending_now)
            else:
                pending = pending + pending_now
        if where <= 0 and pending:
            out.extend(pending)
            pending = []
        if k in breaks:
            out.extend(["", f"— {page[0]} —", ""])
            page[0] += 1
        k += 1
    if pending:
        out.extend(pending)
    if carry is not None:
        out.append(pipe(carry))
    return out + [""]


def t4_broken(rows, rng):
    """Table 四: header fragments on plain lines, a made-up pipe header."""
    out = []
    for r in rows:
        if r[0] == "head":
            out.append("".join(strip_cell(c) for c in r[1]))
    vals = [r for r in rows if r[0] == "data"]
    hdr = ["维持", "纠正", "结果", "审结"] * 3
    out.append(pipe(hdr))
    out.append(sep(len(hdr)))
    for r in vals:
        out.append(pipe(r[2]))
    return out + [""]

# ---------------------------------------------------------------- ocr


def t3_ocr(rows, rng, page):
    """Table 三 as OCR writes it: one pipe table per page, header repeated,
    merged cells repeated, a row cut at the break, a stray empty column."""
    out = []
    data = [r for r in rows if r[0] == "data"]
    head = ["项目"] + [c if rng.random() < 0.7 or len(c) < 4 else c[:2] + "<br>" + c[2:]
                     for c in T3_COLUMNS]
    stray = rng.random() < 0.5
    n = len(data)
    per = rng.randint(7, 12)
    group = {}
    last_group = ""
    for k, r in enumerate(data):
        labels = [strip_cell(x) for x in r[1]]
        named = [x for x in labels if x]
        if len(labels) >= 2 and labels[-2]:
            last_group = labels[-2]
        elif len(named) <= 1 and labels and re.match(r"^[一二三四]、|^（[一二七]）", named[0] if named else ""):
            last_group = ""
        group[k] = last_group if (len(labels) >= 2 and not labels[-2] and last_group) else ""

    def header():
        out.append(pipe(head + ([""] if stray else [])))
        out.append(sep(len(head) + (1 if stray else 0)))

    header()
    carry = None
    for k, r in enumerate(data):
        labels = [strip_cell(x) for x in r[1]]
        if group[k]:
            labels = [x if x else group[k] for x in labels]
        cells = [x for x in labels if x] or [""]
        cells = ["".join(cells[:-1]) + " " + cells[-1]] if len(cells) > 1 and rng.random() < 0.3 else cells
        values = list(r[2])
        if k > 0 and k % per == 0 and k < n - 1:
            # the page ends: maybe inside this row
            if adds_up(values) and rng.random() < 0.5:
                cut_at = rng.randint(2, 5)
                carry = values[cut_at:]
                values = values[:cut_at]
            out.append(pipe(cells + values + ([""] if stray and carry is None else [])))
            out.extend(["", rng.choice([f"第 {page[0]} 页", f"- {page[0]} -", f"{page[0]}"]), ""])
            page[0] += 1
            header()
            if carry is not None:
                out.append(pipe(carry + ([""] if stray else [])))
                carry = None
            continue
        out.append(pipe(cells + values + ([""] if stray else [])))
    return out + [""]


def t4_ocr(rows, rng):
    """Table 四 as one row per category."""
    vals = []
    for r in rows:
        if r[0] == "data":
            vals.extend(r[2])
    if len(vals) != 15:
        return table_clean(4, rows)
    out = [pipe(["类别"] + T4_HEAD), sep(6)]
    for c, cat in enumerate(T4_CATS):
        out.append(pipe([cat] + vals[c * 5:c * 5 + 5]))
    return out + [""]

# ---------------------------------------------------------------- all


def render(text, style, rng, merged_quirk=False):
    """The Markdown of a DOCX-text report in one of STYLES (merged_quirk:
    as seedtext.read_blocks, for the seeds)."""
    out = []
    first = True
    page = [rng.randint(3, 6)]
    for b in blocks_of(text, merged_quirk):
        if b[0] == "text":
            line = b[1]
            if style == "broken":
                line = renumber(line)
            got = narrative(line, style, first)
            if got:
                first = False
            out.extend(got)
            continue
        kind, rows = b[1], b[2]
        if style == "htmltables":
            out.extend(table_html(rows))
        elif style == "clean" or kind == 0:
            out.extend(table_clean(kind, rows))
        elif style == "broken":
            if kind == 2:
                out.extend(t2_broken(rows, rng))
            elif kind == 3:
                out.extend(t3_broken(rows, rng, page))
            else:
                out.extend(t4_broken(rows, rng))
        else:
            if kind == 3:
                out.extend(t3_ocr(rows, rng, page))
            elif kind == 4:
                out.extend(t4_ocr(rows, rng))
            else:
                out.extend(table_clean(kind, rows))
    return "\n".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------- cases

CASE_ROWS = [("denied_prohibited_by_law", "2.其他法律行政法规禁止公开", 3),
             ("denied_security_stability", "3.危及“三安全一稳定”", 5)]
T3_CODES = ["natural_person", "commercial", "research", "public_interest",
            "legal_service", "other_org", "total"]
CASES = {
    "detached": "the two rows' labels stand on plain lines after both rows, in the "
                "wrong order; their pipe rows have empty label cells.  The order of the "
                "template ties them: both are read.",
    "untied": "the two rows' pipe rows have empty label cells and their labels are "
              "nowhere.  Nothing ties the numbers to the rows: both rows are ambiguous "
              "(NULL) with a note.",
    "dropped": "the first of the two rows is gone, the second's label stands on a plain "
               "line.  One row of numbers for two rows: both are ambiguous (NULL) with "
               "a note, never the numbers in the wrong row.",
}


def make_cases(outdir):
    """Hand-made Markdown cases from seed 002's clean rendering: rows 2 and
    3 of （三）不予公开 given the values 3 and 5 (natural person, total) and
    their labels moved, lost or dropped; NAME.json says the right parse."""
    import json
    with open(os.path.join(outdir, "002.clean.md"), encoding="utf-8") as f:
        clean = f.read().split("\n")
    with open("test/seeds/002.json", encoding="utf-8") as f:
        seed = json.load(f)
    where = [next(k for k, ln in enumerate(clean) if label in ln) for _, label, _ in CASE_ROWS]
    for case, what in CASES.items():
        lines = list(clean)
        exp = {k: seed[k] for k in ("agency", "year", "template", "published",
                                    "active_disclosure", "review_litigation")}
        exp["requests"] = dict(seed["requests"])
        exp["cells"] = []
        for (code, label, v), k in zip(CASE_ROWS, where):
            lines[k] = pipe(["", ""] + [str(v)] + ["0"] * 5 + [str(v)])
            exp["requests"][code] = [v, 0, 0, 0, 0, 0, v]
        if case == "detached":
            lines.insert(where[1] + 1, CASE_ROWS[1][1])
            lines.insert(where[1] + 2, CASE_ROWS[0][1][:6])
            lines.insert(where[1] + 3, CASE_ROWS[0][1][6:])
        elif case == "dropped":
            lines.insert(where[1] + 1, CASE_ROWS[1][1])
            del lines[where[0]]
        if case != "detached":
            for code, _, _ in CASE_ROWS:
                exp["requests"][code] = [None] * 7
                for col in T3_CODES:
                    exp["cells"].append([3, code, col, "ambiguous", None, "", None])
        exp["case"] = "Seed 002 as clean Markdown with rows 2 and 3 of （三）不予公开 " \
            "written 3 0 0 0 0 0 3 and 5 0 0 0 0 0 5; " + what
        name = f"002.{case}"
        with open(os.path.join(outdir, name + ".md"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        with open(os.path.join(outdir, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(exp, f, ensure_ascii=False, indent=1)
            f.write("\n")


def main(argv):
    seeds = argv[1:] or sorted(glob.glob("test/seeds/*.txt"))
    outdir = os.path.join("test", "corpus", "md")
    os.makedirs(outdir, exist_ok=True)
    for path in seeds:
        name = os.path.basename(path)[:-4]
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for k, style in enumerate(STYLES):
            num = int(name) if name.isdigit() else 0
            rng = random.Random(num * 101 + k)
            with open(os.path.join(outdir, f"{name}.{style}.md"), "w", encoding="utf-8") as f:
                f.write(render(text, style, rng, merged_quirk=True))
    if not argv[1:]:
        make_cases(outdir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
