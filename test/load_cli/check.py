#!/usr/bin/env python3
"""check.py: check what gip_load did against its CSV log and the store.

    python3 test/load_cli/check.py corpus LOG DB ROOT     the load of a copy of test/corpus
    python3 test/load_cli/check.py rerun LOG              a second run: nothing sent
    python3 test/load_cli/check.py broken LOG DB          the folder of broken files
    python3 test/load_cli/check.py nopdf LOG              pdftotext not on the PATH
    python3 test/load_cli/check.py strict LOG DB          --strict
    python3 test/load_cli/check.py interrupted LOG DB N   after a Ctrl-C
    python3 test/load_cli/check.py logformat LOG          RFC 4180 form of the log

Each check prints "ok: ..." or "FAILED: ..." lines (run.sh counts them) and
exits 0.  The store is read with psql (PGHOST, PGPORT, PGUSER from the
environment).  Stdlib only.
"""

import csv
import glob
import json
import os
import re
import subprocess
import sys

FIELDS = ["path", "outcome", "agency", "year", "report_id", "reason"]


def say(ok, what):
    print(("ok: " if ok else "FAILED: ") + what)
    return ok


def read_log(path):
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows


def log_rows(path):
    rows = read_log(path)
    return [dict(zip(FIELDS, r)) for r in rows[1:]]


def psql(db, sql):
    out = subprocess.run(["psql", "-X", "-q", "-At", "-F", "\t", "-d", db, "-c", sql],
                         check=True, stdout=subprocess.PIPE, encoding="utf-8").stdout
    return [line.split("\t") for line in out.splitlines() if line]


def stored_rows(db):
    """id -> (source_name, agency, year) of gip_reports."""
    return {int(r[0]): (r[1], r[2], int(r[3]) if r[3] else None)
            for r in psql(db, "SELECT id, source_name, agency, year FROM gip_reports")}


def rejected_names(db):
    return [r[0] for r in psql(db, "SELECT source_name FROM gip_rejected")]


def expected_for(path, root):
    """(agencies allowed, year, outcomes allowed) for a corpus file, or None."""
    rel = os.path.relpath(path, root)
    parts = rel.split(os.sep)
    base, ext = os.path.splitext(parts[-1])
    if ext == ".json":
        return (None, None, {"skipped"})
    if parts[-1] == "README.md":
        return (None, None, {"not_a_report", "quarantined"})
    if len(parts) == 2 and parts[0] in ("tsv", "layout", "html", "gbk", "big5", "utf16", "trad"):
        d = json.load(open(os.path.join(root, "..", "seeds", base + ".json"), encoding="utf-8"))
        return ({d["agency"]}, d["year"], {"stored"})
    if len(parts) == 2 and parts[0] == "real":
        d = json.load(open(os.path.join(root, "real", base + ".json"), encoding="utf-8"))
        names = {d["agency"]} | set(d.get("agency_alternates") or [])
        # the PDF's text is the .txt byte for byte: one of them is a duplicate
        return (names, d["year"], {"stored", "quarantined", "duplicate", "known"})
    if parts[0] in ("md", "glued") and len(parts) == 2 or parts[0] == "docx" and len(parts) == 2:
        # renderings of the seeds (and hand-made variants with a JSON of their own)
        own = os.path.join(root, parts[0], base + ".json")
        seed = os.path.join(root, "..", "seeds", base.split(".")[0] + ".json")
        path_json = own if os.path.exists(own) else seed
        if not os.path.exists(path_json):
            return None
        d = json.load(open(path_json, encoding="utf-8"))
        names = {d["agency"]} | set(d.get("agency_alternates") or [])
        return (names, d["year"], {"stored", "quarantined"})
    if parts[0] == "docx" and parts[1] == "bad":
        return (None, None, {"not_a_report"})
    if parts[0] == "docx" and parts[1] == "reader":
        return (None, None, {"stored", "quarantined", "not_a_report"})
    if len(parts) == 2 and parts[0] == "cases":
        d = json.load(open(os.path.join(root, "cases", base + ".json"), encoding="utf-8"))
        if d.get("error"):
            return (None, None, {"not_a_report"})
        return ({d["agency"]}, d["year"], {"stored", "quarantined"})
    return None


def check_corpus(log, db, root):
    rows = log_rows(log)
    files = sorted(p for p in glob.glob(os.path.join(root, "**", "*"), recursive=True)
                   if os.path.isfile(p))
    say(sorted(r["path"] for r in rows) == files,
        "corpus: the log has one row per file (%d rows, %d files)" % (len(rows), len(files)))
    say([r["path"] for r in rows] == sorted(r["path"] for r in rows),
        "corpus: the files were walked in sorted order")
    stored = stored_rows(db)
    rejected = rejected_names(db)
    forms = {}
    bad = []
    for r in rows:
        exp = expected_for(r["path"], root)
        if exp is None:
            bad.append("%s: no expectation" % r["path"])
            continue
        agencies, year, outcomes = exp
        form = os.path.relpath(r["path"], root).split(os.sep)[0]
        if r["outcome"] not in outcomes:
            bad.append("%s: outcome %s, expected %s (%s)" % (r["path"], r["outcome"],
                       "/".join(sorted(outcomes)), r["reason"]))
            continue
        if r["outcome"] == "duplicate" and not r["report_id"]:
            # the same content as another file of the run: not sent
            if "same content as" not in r["reason"]:
                bad.append("%s: duplicate without a report id or the file it repeats" % r["path"])
            continue
        if r["outcome"] in ("stored", "duplicate"):
            rid = int(r["report_id"] or 0)
            row = stored.get(rid)
            if row is None:
                bad.append("%s: report %s is not in gip_reports" % (r["path"], rid))
                continue
            if r["outcome"] == "stored" and row[0] != r["path"]:
                bad.append("%s: report %d has source_name %s" % (r["path"], rid, row[0]))
            if agencies and (row[1] not in agencies or row[2] != year):
                bad.append("%s: stored as %s %s, expected %s %s" % (r["path"], row[1], row[2],
                           "/".join(sorted(agencies)), year))
            if row[1] != r["agency"] or str(row[2]) != r["year"]:
                bad.append("%s: the log says %s %s, the store %s %s" % (r["path"], r["agency"],
                           r["year"], row[1], row[2]))
            forms.setdefault(form + os.path.splitext(r["path"])[1], 0)
            forms[form + os.path.splitext(r["path"])[1]] += 1
        if r["outcome"] in ("quarantined", "not_a_report") and r["path"] not in rejected:
            bad.append("%s: %s but not in gip_rejected" % (r["path"], r["outcome"]))
        # (the store's quarantine keeps no agency: the loader reports one when it has it)
        if r["outcome"] == "quarantined" and agencies and r["agency"] and r["agency"] not in agencies:
            bad.append("%s: quarantined as %s, expected %s" % (r["path"], r["agency"],
                       "/".join(sorted(agencies))))
    say(not bad, "corpus: outcome, agency and year of every file" +
        "".join("\n    " + b for b in bad))
    for form in ("tsv.txt", "layout.txt", "html.html", "gbk.html", "big5.txt", "utf16.txt",
                 "trad.txt", "real.pdf", "cases.txt"):
        say(forms.get(form, 0) > 0, "corpus: %s stored (%d)" % (form, forms.get(form, 0)))
    pdfs = [r for r in rows if r["path"].endswith(".pdf")]
    say(len(pdfs) == 3 and all(r["outcome"] in ("stored", "duplicate", "quarantined", "known") for r in pdfs),
        "corpus: the three real PDFs converted and loaded (%s)" % [r["outcome"] for r in pdfs])
    txts = [r for r in rows if re.search(r"/real/[^/]*\.txt$", r["path"])
            and os.path.exists(r["path"][:-4] + ".pdf")]
    say(len(txts) == 3 and all(r["outcome"] == "duplicate" and r["path"][:-4] + ".pdf" in r["reason"]
                               for r in txts),
        "corpus: the real texts are not sent again after their PDFs (%s)"
        % [(r["outcome"], r["reason"]) for r in txts])
    n_stored = sum(1 for r in rows if r["outcome"] == "stored")
    say(n_stored == len(stored), "corpus: %d stored in the log, %d rows in gip_reports"
        % (n_stored, len(stored)))
    n_rej = sum(1 for r in rows if r["outcome"] in ("quarantined", "not_a_report"))
    say(n_rej == len(rejected), "corpus: %d quarantined or not reports in the log, %d rows in gip_rejected"
        % (n_rej, len(rejected)))


def check_rerun(log):
    rows = log_rows(log)
    others = [r for r in rows if r["outcome"] not in ("known", "skipped")]
    say(rows and not others, "rerun: every file known or skipped (%d rows)%s" % (
        len(rows), "".join("\n    %s: %s" % (r["path"], r["outcome"]) for r in others)))
    say(any(r["outcome"] == "known" for r in rows), "rerun: files reported as known")


def by_name(rows):
    return {os.path.basename(r["path"]): r for r in rows}


def check_broken(log, db):
    rows = by_name(log_rows(log))
    want = {
        "empty.txt": ("not_a_report", None),
        "binary.txt": ("not_a_report", None),
        "truncated.docx": ("not_a_report", None),
        "broken.pdf": ("skipped", "pdftotext"),
        "data.bin": ("skipped", None),
        "good.txt": ("stored", None),
        'we,ird "name".txt': ("stored", None),
    }
    for name, (outcome, reason) in want.items():
        r = rows.get(name)
        ok = r is not None and r["outcome"] == outcome and (reason is None or reason in r["reason"])
        say(ok, "broken: %s is %s%s (got %s)" % (name, outcome,
            " with a reason naming " + reason if reason else "",
            (r["outcome"] + ": " + r["reason"]) if r else "no row"))
    rejected = rejected_names(db)
    say(sorted(os.path.basename(n) for n in rejected) == ["binary.txt", "empty.txt", "truncated.docx"],
        "broken: the not-reports are in gip_rejected (%s)" % rejected)


def check_nopdf(log):
    rows = [r for r in log_rows(log) if r["path"].endswith(".pdf")]
    say(rows and all(r["outcome"] == "skipped" and "poppler-utils" in r["reason"] for r in rows),
        "nopdf: every PDF skipped, naming poppler-utils (%s)" % [(r["outcome"], r["reason"]) for r in rows])


def check_strict(log, db):
    rows = by_name(log_rows(log))
    r = rows.get("glued_tsv.txt")
    say(r is not None and r["outcome"] == "refused" and "t3.balance" in r["reason"],
        "strict: the invalid report is refused with its rule (%s)" % (r and r["reason"]))
    r = rows.get("000.txt")
    say(r is not None and r["outcome"] == "stored",
        "strict: the valid report of the same batch is stored (%s)" % (r and r["outcome"]))
    r = rows.get("not_report.txt")
    say(r is not None and r["outcome"] == "refused",
        "strict: the text that is not a report is refused (%s)" % (r and r["outcome"]))
    say(rejected_names(db) == [], "strict: nothing in gip_rejected")
    say(len(stored_rows(db)) == 1, "strict: one report in gip_reports")


def check_interrupted(log, db, n):
    rows = log_rows(log)
    outcomes = {}
    for r in rows:
        outcomes[r["outcome"]] = outcomes.get(r["outcome"], 0) + 1
    say(len(rows) == n, "interrupted: %d rows for %d files (%s)" % (len(rows), n, outcomes))
    loaded = sum(v for k, v in outcomes.items() if k in ("stored", "quarantined", "not_a_report"))
    in_store = len(stored_rows(db)) + len(rejected_names(db))
    say(loaded == in_store, "interrupted: what the log says was loaded (%d) is what the store holds (%d)"
        % (loaded, in_store))
    say(set(outcomes) <= {"stored", "quarantined", "not_a_report", "interrupted"},
        "interrupted: no other outcome (%s)" % outcomes)


def check_logformat(log):
    with open(log, "rb") as fh:
        data = fh.read()
    lines = data.split(b"\r\n")
    say(lines[0] == b"path,outcome,agency,year,report_id,reason", "log: the header row")
    say(data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b""),
        "log: rows end with CRLF")
    rows = read_log(log)
    say(all(len(r) == 6 for r in rows), "log: six fields in every row")
    weird = [r for r in rows if r[0].endswith('we,ird "name".txt')]
    say(len(weird) == 1, "log: a path with a comma and quotes reads back as it was")
    say(b'"' + os.path.dirname(weird[0][0]).encode() + b'/we,ird ""name"".txt"' in data if weird else False,
        "log: that path is quoted, its quotes doubled")
    good = [r for r in rows if r[0].endswith("/good.txt")]
    say(bool(good) and good[0][1] == "stored" and re.fullmatch(r"\d+", good[0][4] or "") is not None
        and re.fullmatch(r"\d{4}", good[0][3] or "") is not None and good[0][2] != "",
        "log: a stored file has its agency, year and report id (%s)" % (good[0] if good else None))


def main():
    cmd = sys.argv[1]
    if cmd == "corpus":
        check_corpus(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "rerun":
        check_rerun(sys.argv[2])
    elif cmd == "broken":
        check_broken(sys.argv[2], sys.argv[3])
    elif cmd == "nopdf":
        check_nopdf(sys.argv[2])
    elif cmd == "strict":
        check_strict(sys.argv[2], sys.argv[3])
    elif cmd == "interrupted":
        check_interrupted(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif cmd == "logformat":
        check_logformat(sys.argv[2])
    else:
        sys.exit("check.py: unknown check " + cmd)


if __name__ == "__main__":
    main()
