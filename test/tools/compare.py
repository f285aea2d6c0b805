#!/usr/bin/env python3
"""compare.py: run gipcli over the seeds and corpora and compare with the expected JSON.

Run from anywhere (stdlib only):

    python3 test/tools/compare.py                 every group found
    python3 test/tools/compare.py seeds real      only these groups
    python3 test/tools/compare.py FILE.txt ...    only these files (expected found by name)
    python3 test/tools/compare.py -q              differences and the summary only
    GIPCLI=test/tools/gipcli-asan python3 test/tools/compare.py

Groups: seeds (test/seeds, else /work/shared/seeds), real (shared/corpus/real, else
test/corpus/real; cells in an expected "ambiguous_ok" may instead be ambiguous with a
note naming them), glued (test/corpus/glued, expected = the seed's JSON), tsv and layout (test/corpus/{tsv,layout}, expected = the seed's JSON),
md (test/corpus/md/NNN.STYLE.md, expected = seed NNN's JSON),
cases (test/corpus/cases, including their "cells" lists and expected errors),
docx (test/corpus/docx: each seed as a .docx, expected = the seed's JSON, and the
hostile archives of docx/bad/ with their SQLSTATE and message; and the reader's
rows, by gipcli --rows: each seed's .docx as its web page, docx/reader/ as listed).

gipcli is rebuilt first (make -C test/tools gipcli) when a core source is newer than it.
Every difference is printed as "FILE: PATH: got X, expected Y"; the last line is
"N passed, M failed".  The exit status is 1 when any file failed.
"""

import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = "/work/shared"

# SQLSTATE that gip_parse raises for each core error code (src/pg/gip_errors.c)
SQLSTATE = {
    "not_a_report": "22P02",
    "too_large": "54000",
    "bad_encoding": "22021",
    "icu": "38000",
    "nomem": "53200",
    "corrupt": "XX001",
    "canceled": "57014",
    "bad_docx": "22P02",
    "unsupported": "0A000",
}


def seed_expected(n):
    """The expected JSON of seed NNN."""
    p = os.path.join(REPO, "test/seeds", n + ".json")
    if os.path.exists(p):
        return p
    return os.path.join(SHARED, "seeds/expected", n + ".json")


def group_files(group):
    """(text file, expected JSON) pairs of a group."""
    pairs = []
    if group == "seeds":
        local = sorted(glob.glob(os.path.join(REPO, "test/seeds/*.txt")))
        if local:
            pairs = [(t, t[:-4] + ".json") for t in local]
        else:
            for t in sorted(glob.glob(os.path.join(SHARED, "seeds/*.txt"))):
                n = os.path.basename(t).split("_")[0]
                pairs.append((t, os.path.join(SHARED, "seeds/expected", n + ".json")))
    elif group == "real":
        shared = sorted(glob.glob(os.path.join(SHARED, "corpus/real/*.txt")) +
                        glob.glob(os.path.join(SHARED, "corpus/real/*.md")))
        if shared:
            for t in shared:
                b = os.path.splitext(os.path.basename(t))[0]
                pairs.append((t, os.path.join(SHARED, "corpus/real/expected", b + ".json")))
        else:
            local = sorted(glob.glob(os.path.join(REPO, "test/corpus/real/*.txt")) +
                           glob.glob(os.path.join(REPO, "test/corpus/real/*.md")))
            pairs = [(t, os.path.splitext(t)[0] + ".json") for t in local]
    elif group in ("tsv", "layout", "glued"):
        for t in sorted(glob.glob(os.path.join(REPO, "test/corpus", group, "*.txt"))):
            own = t[:-4] + ".json"
            pairs.append((t, own if os.path.exists(own) else
                          seed_expected(os.path.basename(t)[:-4])))
    elif group == "docx":
        # test/gen/render_docx.py: every seed as a .docx, and hostile archives
        for t in sorted(glob.glob(os.path.join(REPO, "test/corpus/docx/*.docx"))):
            pairs.append((t, seed_expected(os.path.basename(t)[:-5])))
        for t in sorted(glob.glob(os.path.join(REPO, "test/corpus/docx/bad/*.docx"))):
            pairs.append((t, t[:-5] + ".json"))
        pairs += docx_generated()
    elif group == "md":
        # Markdown renderings of the seeds: NNN.STYLE.md, expected = seed NNN
        for t in sorted(glob.glob(os.path.join(REPO, "test/corpus/md/*.md"))):
            own = t[:-3] + ".json"     # a hand-made case has its own
            pairs.append((t, own if os.path.exists(own) else
                          seed_expected(os.path.basename(t).split(".")[0])))
    elif group == "cases":
        for t in sorted(glob.glob(os.path.join(REPO, "test/corpus/cases/*.txt"))):
            pairs.append((t, t[:-4] + ".json"))
    return [(t, e) for t, e in pairs if os.path.exists(e)]


def docx_generated():
    """
    Hostile archives too big to commit, made in a temporary directory:
    a ZIP of more members than the reader takes.
    """
    import atexit
    import shutil
    import tempfile
    import zipfile
    d = tempfile.mkdtemp(prefix="gip-docx-")
    atexit.register(shutil.rmtree, d, True)
    path = os.path.join(d, "too_many.docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("word/document.xml", "<w:document/>")
        for i in range(10000):
            z.writestr(zipfile.ZipInfo("m/%d" % i, (1980, 1, 1, 0, 0, 0)), b"")
    with open(path[:-5] + ".json", "w", encoding="utf-8") as f:
        json.dump({"error": "54000",
                   "message": "the DOCX archive has too many members"}, f)
    return [(path, path[:-5] + ".json")]


def expected_for(path):
    """The expected JSON of a file named on the command line."""
    path = os.path.abspath(path)
    d, b = os.path.split(path)
    stem = os.path.splitext(b)[0] if b.endswith((".txt", ".md", ".html")) else b
    for cand in (os.path.join(d, stem + ".json"),
                 os.path.join(d, "expected", stem + ".json"),
                 os.path.join(d, "expected", stem.split("_")[0] + ".json")):
        if os.path.exists(cand):
            return cand
    if os.path.basename(d) in ("tsv", "layout", "glued"):
        return seed_expected(stem)
    if os.path.basename(d) == "md" and not os.path.exists(os.path.join(d, stem + ".json")):
        return seed_expected(stem.split(".")[0])
    return None


def gipcli_binary():
    """Path of gipcli, rebuilt when stale (unless GIPCLI names one)."""
    if os.environ.get("GIPCLI"):
        return os.environ["GIPCLI"]
    binary = os.path.join(HERE, "gipcli")
    sources = glob.glob(os.path.join(REPO, "src/core/*.[ch]")) + [os.path.join(HERE, "gipcli.c")]
    newest = max(os.path.getmtime(s) for s in sources)
    if not os.path.exists(binary) or os.path.getmtime(binary) < newest:
        r = subprocess.run(["make", "-s", "-C", HERE, "gipcli"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode != 0:
            sys.stdout.write(r.stdout)
            sys.exit("compare.py: building gipcli failed")
        if r.stdout.strip():
            sys.stdout.write(r.stdout)
    return binary


def run_gipcli(binary, files):
    """Run gipcli -v on files; {path: [objects printed for it]}."""
    r = subprocess.run([binary, "-v"] + files, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if r.stderr.strip():
        sys.stderr.write(r.stderr)
    out = {}
    dec = json.JSONDecoder()
    text = r.stdout
    i = 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        try:
            obj, i = dec.raw_decode(text, i)
        except json.JSONDecodeError as e:
            sys.exit("compare.py: gipcli printed invalid JSON (%s) near: %r"
                     % (e, text[i:i + 200]))
        out.setdefault(obj.get("path"), []).append(obj)
    if r.returncode not in (0, 1):
        print("gipcli exited with status %d" % r.returncode)
    return out


def same_value(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def compare_report(got, exp, diffs):
    """Append (path, got, expected) for every difference."""
    def d(path, g, e):
        diffs.append((path, g, e))

    if "error" in exp:
        g = got.get("error")
        if g is None or SQLSTATE.get(g, g) != exp["error"]:
            d("error", g, exp["error"])
        elif "message" in exp and got.get("message") != exp["message"]:
            d("message", got.get("message"), exp["message"])
        elif exp.get("detail_contains") and exp["detail_contains"] not in (got.get("detail") or ""):
            d("error.detail", got.get("detail"), "... %s ..." % exp["detail_contains"])
        return
    if "error" in got:
        d("error", "%s: %s %s" % (got["error"], got.get("message"), got.get("detail") or ""), None)
        return

    # cells that may instead be ambiguous, with a note naming them
    amb_ok = {(t, r, c) for t, r, c in exp.get("ambiguous_ok", [])}
    got_cells = {(c["table"], c["row_code"], c["col_code"]): c for c in got.get("cells", [])}
    note_texts = [n.get("text", "") for n in got.get("notes", [])]

    def ambiguous_ok(table_no, row, col):
        c = got_cells.get((table_no, row, col))
        return ((table_no, row, col) in amb_ok and c is not None and
                c.get("state") == "ambiguous" and
                any(row in t and col in t for t in note_texts))

    agencies = [exp.get("agency")] + list(exp.get("agency_alternates", []))
    if got.get("agency") not in agencies:
        d("agency", got.get("agency"), " | ".join(a for a in agencies if a))
    for k in ("year", "template", "published"):
        if k in exp and got.get(k) != exp[k]:
            d(k, got.get(k), exp[k])

    if "active_disclosure" in exp:
        g2 = {(i, m): v for i, m, v in got.get("active_disclosure", [])}
        e2 = {(i, m): v for i, m, v in exp["active_disclosure"]}
        for key, ev in e2.items():
            path = "active_disclosure.%s.%s" % key
            if key not in g2:
                d(path, "(absent)", ev)
            elif not same_value(g2[key], ev) and not (
                    g2[key] is None and ambiguous_ok(2, key[0], key[1])):
                d(path, g2[key], ev)
        for key in g2:
            if key not in e2:
                d("active_disclosure.%s.%s" % key, g2[key], "(absent)")
        gorder = [k for k in g2 if k in e2]
        eorder = [k for k in e2 if k in g2]
        if gorder != eorder:
            d("active_disclosure(order)", gorder, eorder)

    for table in ("requests", "review_litigation"):
        if table not in exp:
            continue
        gt = got.get(table, {})
        for row, evals in exp[table].items():
            if row not in gt:
                d("%s.%s" % (table, row), "(absent)", evals)
                continue
            gvals = gt[row]
            if len(gvals) != len(evals):
                d("%s.%s" % (table, row), gvals, evals)
                continue
            tno = 3 if table == "requests" else 4
            cols = [x["col_code"] for x in got.get("cells", [])
                    if x["table"] == tno and x["row_code"] == row]
            for c, (gv, ev) in enumerate(zip(gvals, evals)):
                if not same_value(gv, ev) and not (
                        gv is None and c < len(cols) and ambiguous_ok(tno, row, cols[c])):
                    d("%s.%s[%d]" % (table, row, c), gv, ev)
        for row in gt:
            if row not in exp[table]:
                d("%s.%s" % (table, row), gt[row], "(absent)")

    if "errors" in exp:
        # null: validation failed in gipcli, which is a difference too
        if got.get("errors") is None or sorted(got["errors"]) != sorted(exp["errors"]):
            d("errors", got["errors"], exp["errors"])

    if exp.get("cells"):
        cells = {(c["table"], c["row_code"], c["col_code"]): c for c in got.get("cells", [])}
        for table_no, row, col, state, value, raw, line in exp["cells"]:
            path = "cells.%d.%s.%s" % (table_no, row, col)
            c = cells.get((table_no, row, col))
            if c is None:
                d(path, "(absent)", state)
                continue
            if c["state"] != state:
                d(path + ".state", c["state"], state)
            if not same_value(c.get("value"), value):
                d(path + ".value", c.get("value"), value)
            if c.get("raw") != raw:
                d(path + ".raw", c.get("raw"), raw)
            if line is not None and c.get("line") != line:
                d(path + ".line", c.get("line"), line)


def reader_rows(binary, path):
    """The rows gipcli --rows prints for a file: [[tabular, cells], ...]."""
    r = subprocess.run([binary, "--rows", path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    try:
        obj = json.loads(r.stdout)
    except json.JSONDecodeError:
        return None
    return [[row["tabular"], row["cells"]] for row in obj.get("rows", [])]


def grid_rows(rows):
    """The table rows that hold text, as (col, table, row, text) per cell."""
    out = []
    for tabular, cells in rows or []:
        if tabular and any(c[4] for c in cells):
            out.append([(c[0], c[2], c[3], c[4]) for c in cells])
    return out


def docx_row_checks(binary):
    """
    (label, [differences]) of the DOCX reader's own checks: each seed's
    .docx gives the very table rows its web page gives (same spans, so the
    same grid columns, tables and rows: html.c and read_docx.c agree), and
    each document of docx/reader/ gives the rows its .rows.json lists.
    """
    checks = []
    for t in sorted(glob.glob(os.path.join(REPO, "test/corpus/docx/*.docx"))):
        page = os.path.join(REPO, "test/corpus/html", os.path.basename(t)[:-5] + ".html")
        if not os.path.exists(page):
            continue
        got, want = grid_rows(reader_rows(binary, t)), grid_rows(reader_rows(binary, page))
        diffs = []
        if len(got) != len(want):
            diffs.append(("rows(count)", len(got), len(want)))
        for k, (g, w) in enumerate(zip(got, want)):
            if g != w:
                diffs.append(("rows[%d]" % k, g, w))
                break
        checks.append((t + " (rows as its web page)", diffs))
    for t in sorted(glob.glob(os.path.join(REPO, "test/corpus/docx/reader/*.docx"))):
        with open(t[:-5] + ".rows.json", encoding="utf-8") as f:
            want = json.load(f)
        got = reader_rows(binary, t)
        diffs = []
        if got is None:
            diffs.append(("rows", None, "gipcli --rows output"))
        else:
            if len(got) != len(want):
                diffs.append(("rows(count)", len(got), len(want)))
            for k, (g, w) in enumerate(zip(got, want)):
                if g != w:
                    diffs.append(("rows[%d]" % k, g, w))
        checks.append((t + " (rows)", diffs))
    return checks


def short(v):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 200 else s[:197] + "..."


def main(argv):
    quiet = "-q" in argv
    args = [a for a in argv if a != "-q"]
    groups = ["seeds", "real", "tsv", "layout", "glued", "md", "cases", "docx"]
    pairs = []
    missing = 0
    if args and all(a in groups for a in args):
        for g in args:
            pairs += group_files(g)
    elif args:
        for a in args:
            e = expected_for(a)
            if e is None:
                print("%s: no expected JSON found" % a)
                missing += 1
            else:
                pairs.append((os.path.abspath(a), e))
    else:
        for g in groups:
            pairs += group_files(g)
    if not pairs:
        sys.exit("compare.py: no files to compare")

    binary = gipcli_binary()
    results = run_gipcli(binary, [t for t, _ in pairs])
    passed = failed = 0
    if not args or "docx" in args:
        for label, diffs in docx_row_checks(binary):
            label = os.path.relpath(label, REPO)
            if diffs:
                failed += 1
                for path, g, e in diffs:
                    print("%s: %s: got %s, expected %s" % (label, path, short(g), short(e)))
            else:
                passed += 1
                if not quiet:
                    print("%s: ok" % label)
    for text, exp_path in pairs:
        objs = results.get(text, [])
        label = os.path.relpath(text, REPO) if text.startswith(REPO) else text
        with open(exp_path, encoding="utf-8") as f:
            exp = json.load(f)
        diffs = []
        # a report object, possibly followed by a round_trip error object
        mine = [o for o in objs if o.get("error") != "round_trip"]
        rt = [o for o in objs if o.get("error") == "round_trip"]
        got = mine[0] if mine else None
        if got is None:
            diffs.append(("(output)", None, "a JSON object"))
        else:
            compare_report(got, exp, diffs)
        for o in rt:
            diffs.append(("round_trip", o.get("message"), "identical cells"))
        if diffs:
            failed += 1
            for path, g, e in diffs:
                print("%s: %s: got %s, expected %s" % (label, path, short(g), short(e)))
        else:
            passed += 1
            if not quiet:
                print("%s: ok" % label)
    failed += missing
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
