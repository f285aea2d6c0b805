#!/usr/bin/env python3
"""
glued.py
    The property check of the glued-text reader: N synthetic reports of
    test/gen/synth.py rendered as glued text (test/gen/render_glued.py), each
    parsed with gipcli -v and compared with the report that was rendered.
    A cell must come back exactly, or be NULL with state "ambiguous" and a
    note naming it (row code and column code); a wrong value, a value for a
    blank, or a NULL without such a note is a failure.  That holds too for a
    report whose table 三/四 breaks its own sums when its empty cells count
    as 0 (an empty cell hid a value): once that cell left no trace, its
    digits may admit another split that adds up, and the reader must say
    the cells are ambiguous rather than take it.  Prints the failures, how
    many cells were ambiguous, how many reports had such a hidden value
    (and how many of them failed), and one line "N passed, M failed"; exit
    status 1 when M > 0.

    Usage: glued.py --gipcli PATH [-n N] [--seed S] [--keep DIR] [synth options]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCALARS = ["agency", "year", "template", "t3_variant", "published", "period"]


def num(v):
    """A value comparable across int/float/Decimal."""
    if isinstance(v, bool) or v is None:
        return v
    return Decimal(str(v))


def parse_all(gipcli, files, batch=200):
    """{basename: object gipcli -v printed}."""
    out = {}
    dec = json.JSONDecoder()
    for i in range(0, len(files), batch):
        r = subprocess.run([gipcli, "-v"] + files[i:i + batch], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        text, j = r.stdout, 0
        while True:
            while j < len(text) and text[j].isspace():
                j += 1
            if j >= len(text):
                break
            obj, j = dec.raw_decode(text, j)
            if obj.get("error") != "round_trip":
                out.setdefault(os.path.basename(obj.get("path", "")), obj)
    return out


def check(got, exp):
    """([(path, got, expected)] failures, number of ambiguous cells)."""
    if "error" in got:
        return [("error", got.get("error"), got.get("detail"))], {2: 0, 3: 0, 4: 0}
    bad = []
    for k in SCALARS:
        g = got.get(k)
        if k == "period" and g == [None, None]:
            g = None
        if g != exp.get(k):
            bad.append((k, g, exp.get(k)))
    if got.get("form") != "glued":
        bad.append(("form", got.get("form"), "glued"))
    cells = {(c["table"], c["row_code"], c["col_code"]): c for c in got.get("cells", [])}
    notes = [n.get("text", "") for n in got.get("notes", [])]
    amb = {2: 0, 3: 0, 4: 0}

    def cell(table_no, row, col, want, path):
        nonlocal amb
        c = cells.get((table_no, row, col))
        if c is None:
            bad.append((path, "(absent)", want))
            return
        if want is None:
            # blank or placeholder: never a value
            if c.get("value") is not None:
                bad.append((path, c.get("value"), None))
            elif c["state"] == "ambiguous":
                amb[table_no] += 1
            return
        if c.get("value") is not None and num(c["value"]) == num(want):
            return
        if (c.get("value") is None and c["state"] == "ambiguous" and
                any(row in t and col in t for t in notes)):
            amb[table_no] += 1
            return
        bad.append((path, c.get("value") if c.get("value") is not None else c["state"], want))

    for item, m, v in exp["active_disclosure"]:
        cell(2, item, m, v, "t2/%s/%s" % (item, m))
    t3cols = ["natural_person", "commercial", "research", "public_interest",
              "legal_service", "other_org", "total"]
    for code, vals in exp["requests"].items():
        for i, v in enumerate(vals):
            cell(3, code, t3cols[i], v, "t3/%s/%s" % (code, t3cols[i]))
    t4cols = ["upheld", "corrected", "other", "pending", "total"]
    for code, vals in exp["review_litigation"].items():
        for i, v in enumerate(vals):
            cell(4, code, t4cols[i], v, "t4/%s/%s" % (code, t4cols[i]))
    return bad, amb


def breaks_own_sums(exp):
    """Does table 三 or 四 of the report break its own sums when its empty
    cells (and placeholders) count as 0?  Then an empty cell hid a value:
    the case the reader must not read another way that adds up.  Only
    counted, to show the run had such reports."""
    z = lambda v: 0 if v is None else v
    req = exp["requests"]
    rows = list(req.values()) + list(exp["review_litigation"].values())
    if all(k in req for k in ("new_received", "carried_over", "total_processed",
                               "carried_forward")):
        outcomes = [v for k, v in req.items() if k not in (
            "new_received", "carried_over", "total_processed", "carried_forward")]
        for c in range(7):
            if req["total_processed"][c] is None:
                continue
            if z(req["new_received"][c]) + z(req["carried_over"][c]) != \
                    z(req["total_processed"][c]) + z(req["carried_forward"][c]):
                return True
            if sum(z(v[c]) for v in outcomes) != z(req["total_processed"][c]):
                return True
    for vals in rows:
        if vals[-1] is not None and sum(z(v) for v in vals[:-1]) != vals[-1]:
            return True
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gipcli", required=True)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--keep", default="")
    ap.add_argument("--max-lines", type=int, default=8)
    opt, rest = ap.parse_known_args()
    work = tempfile.mkdtemp(prefix="gip-glued.")
    try:
        subprocess.run([sys.executable, os.path.join(ROOT, "test/gen/render_glued.py"),
                        "--synth", "-n", str(opt.n), "--seed", str(opt.seed), "-o", work] + rest,
                       check=True)
        names = sorted(f for f in os.listdir(work) if f.endswith(".glued.txt"))
        got = parse_all(opt.gipcli, [os.path.join(work, f) for f in names])
        passed = failed = amb_reports = hidden = hidden_failed = 0
        amb_cells = {2: 0, 3: 0, 4: 0}
        for fn in names:
            with open(os.path.join(work, fn[:4] + ".json"), encoding="utf-8") as f:
                exp = json.load(f)
            bad, amb = check(got.get(fn, {"error": "no output"}), exp)
            for t in amb_cells:
                amb_cells[t] += amb[t]
            amb_reports += sum(amb.values()) > 0
            own = breaks_own_sums(exp)
            hidden += own
            if not bad:
                passed += 1
                continue
            failed += 1
            hidden_failed += own
            for p, g, e in bad[:opt.max_lines]:
                print("%s %s got=%s expected=%s" % (fn, p, json.dumps(g, ensure_ascii=False),
                                                   json.dumps(e, ensure_ascii=False)))
            if opt.keep:
                os.makedirs(opt.keep, exist_ok=True)
                shutil.copy(os.path.join(work, fn), opt.keep)
                shutil.copy(os.path.join(work, fn[:4] + ".json"), opt.keep)
        print("glued: %d reports, %d with ambiguous cells, all named in notes "
              "(table 二 %d, 三 %d, 四 %d cells)"
              % (len(names), amb_reports, amb_cells[2], amb_cells[3], amb_cells[4]))
        print("glued: %d reports break their own sums when empty cells count as 0 "
              "(an empty cell hid a value); %d of them failed" % (hidden, hidden_failed))
        print("%d passed, %d failed" % (passed, failed))
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
