#!/usr/bin/env python3
"""
render_glued.py
    Render reports as glued text: what a crawler saves of a web page whose
    tags it stripped.  A header (标题:, 发布时间:, 文号:, 发布机构:, 栏目:,
    原文链接:, a body marker), then the page's text with every table on one
    line and its cells run together ("规章000行政规范性文件8855698"); now and
    then a space between two cells or inside a number (the &nbsp; of the
    page), an empty cell gone or left as a space; narrative paragraphs joined
    on the same line.

    Usage (from the top of the repository):
      render_glued.py                      every seed: test/corpus/tsv/NNN.txt
                                           -> test/corpus/glued/NNN.txt (+ NNN.json
                                           when the header's date changes the
                                           expected published date)
      render_glued.py --synth -n N --seed S -o DIR
                                           N synthetic reports of test/gen/synth.py
                                           as DIR/NNNN.glued.txt with DIR/NNNN.json
    Deterministic; stdlib only.
"""

import argparse
import glob
import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True     # leave no __pycache__ in the tree
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
DIGIT = re.compile(r"[0-9０-９]")


def is_num(s):
    """Does the cell end (or start) with a digit?"""
    return bool(s) and bool(DIGIT.match(s[-1]))


def stray_space(rng, s, p):
    """Maybe a space inside a number of two digits or more."""
    if len(s) >= 2 and s.isdigit() and rng.random() < p:
        i = rng.randint(1, len(s) - 1)
        return s[:i] + " " + s[i:]
    return s


def glue_row(rng, cells, p_space, p_stray):
    """A table row's cells run together."""
    out = ""
    prev = None
    for c in cells:
        c = c.strip()
        if c == "":
            # an empty cell: gone, or the &nbsp; it held
            if rng.random() < 0.3:
                out += " "
            continue
        c = stray_space(rng, c, p_stray)
        if prev is not None and out and not out.endswith(" "):
            if is_num(prev) and DIGIT.match(c[0]):
                out += " " if rng.random() < p_space else ""
            else:
                out += " " if rng.random() < 0.3 else ""
        out += c
        prev = c
    return out


def title_of(lines):
    """The page title: the first lines up to the one that says 报告."""
    t = ""
    for ln in lines:
        ln = BOOKMARK.sub("", ln).strip()
        if not ln:
            continue
        t += ln
        if "报告" in ln or len(t) > 60:
            break
    return t


def glue(text, rng, title, date):
    """The glued form of a TSV-form text, with a crawler's header."""
    lines = [BOOKMARK.sub("", ln) for ln in text.split("\n")]
    p_space = rng.choice([0.0, 0.0, 0.05, 0.15])
    p_stray = rng.choice([0.0, 0.02, 0.05])
    body = []
    for ln in lines:
        if "\t" in ln:
            body.append(glue_row(rng, ln.split("\t"), p_space, p_stray))
        elif ln.strip():
            body.append(ln.strip())
    sep = rng.choice(["", " "])
    # one line, or a line break now and then between narrative paragraphs
    out = ""
    for i, b in enumerate(body):
        if i > 0:
            out += sep
        out += b
    n = rng.randrange(10000, 99999)
    when = "" if date is None else "%s %02d:%02d" % (date, rng.randrange(8, 19), rng.randrange(60))
    head = ["标题: " + title,
            "发布时间: " + when,
            "文号: ",
            "发布机构: ",
            "栏目: 政府信息公开年报",
            "原文链接: https://www.example.gov.cn/zwgk/zfxxgk/nb/t%d.htm" % n,
            "本地目录: zwgk/zfxxgk/nb/%d_%s" % (n, title),
            "页面链接与图片详见 links.tsv(同目录)",
            "==================== 正文 ===================="]
    return "\n".join(head) + "\n" + out + "\n"


def ambiguous_t2(exp):
    """The cells of table 二 rows of several measures: no identity splits them."""
    per_item = {}
    for item, measure, _ in exp["active_disclosure"]:
        per_item.setdefault(item, []).append(measure)
    return [[2, item, m] for item, ms in per_item.items() if len(ms) > 1 for m in ms]


def seeds():
    """Every seed's TSV form as glued text in test/corpus/glued/."""
    out_dir = os.path.join(REPO, "test/corpus/glued")
    os.makedirs(out_dir, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(REPO, "test/corpus/tsv/*.txt"))):
        name = os.path.basename(path)[:-4]
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(REPO, "test/seeds", name + ".json"), encoding="utf-8") as f:
            exp = json.load(f)
        rng = random.Random("glued-" + name)
        date = exp.get("published")
        if date is None:
            # not signed: the page's date is the published date
            date = "%04d-%02d-%02d" % (exp["year"] + 1, rng.randint(1, 3), rng.randint(1, 28))
            exp["published"] = date
        exp["ambiguous_ok"] = ambiguous_t2(exp)
        exp["form"] = "glued text of test/corpus/tsv/%s.txt (test/gen/render_glued.py)" % name
        with open(os.path.join(out_dir, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(glue(text, rng, title_of(text.split("\n")), date))
        with open(os.path.join(out_dir, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(exp, f, ensure_ascii=False, indent=1)
            f.write("\n")


def synth_reports(n, seed, out_dir, opts):
    """n synthetic reports as glued text, with their expected JSON."""
    import synth
    ap = argparse.Namespace(no_blanks="--no-blanks" in opts, no_units="--no-units" in opts,
                            no_fullwidth="--no-fullwidth" in opts, no_typos="--no-typos" in opts)
    os.makedirs(out_dir, exist_ok=True)
    for i in range(n):
        rng = random.Random(seed * 1000003 + i)
        rep = synth.make_report(rng, i, ap)
        frng = random.Random(seed * 7919 + i * 31 + 97)
        text = synth.render_tsv(rep, frng)
        exp = synth.expected(rep)
        date = exp.get("published")
        if date is None:
            y = rep["year"] + 1
            date = "%04d-%02d-%02d" % (y, frng.randint(1, 3), frng.randint(1, 28))
            exp["published"] = date
        name = "%04d" % i
        exp["renderings"] = {name + ".glued.txt": "glued"}
        with open(os.path.join(out_dir, name + ".glued.txt"), "w", encoding="utf-8") as f:
            f.write(glue(text, frng, "".join(synth.title_lines(rep)), date))
        with open(os.path.join(out_dir, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(exp, f, ensure_ascii=False, indent=1)
            f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[2])
    ap.add_argument("--synth", action="store_true")
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("-o", "--out")
    opt, rest = ap.parse_known_args()
    if opt.synth:
        if not opt.out:
            sys.exit("render_glued.py: --synth needs -o DIR")
        synth_reports(opt.n, opt.seed, opt.out, rest)
    else:
        seeds()
    return 0


if __name__ == "__main__":
    sys.exit(main())
