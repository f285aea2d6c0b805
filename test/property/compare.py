#!/usr/bin/env python3
"""
compare.py
    The property check over a directory written by test/gen/synth.py: parse
    every rendering (text forms with gipcli, byte forms -- GBK, Big5 -- with
    a driver over gip_parse_bytes) and compare with the report's NNNN.json.
    Prints each mismatch as "FILE PATH got=… expected=…", a summary by form,
    and finally one line "N passed, M failed".  Exit status 1 when M > 0.

    Usage: compare.py DIR --gipcli PATH --bytes-cmd 'PATH [ARGS]'
                      [--max-lines N] [--keep-failures DIR] [--counts-file F]
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
from decimal import Decimal

BYTE_SUFFIXES = (".gbk.html", ".big5.txt", ".docx")
SCALARS = ["agency", "year", "template", "t3_variant", "form", "published", "period"]


def num(v):
    """A JSON value comparable across int/float/Decimal."""
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float, Decimal)):
        return Decimal(str(v))
    return v


def run_parser(cmd, files, batch=400):
    """Run cmd over files in batches; {basename: parsed object or error}."""
    out = {}
    for i in range(0, len(files), batch):
        chunk = files[i:i + batch]
        objs = run_chunk(cmd, chunk)
        if objs is None:
            # the parser crashed in this batch: one file at a time
            for f in chunk:
                one = run_chunk(cmd, [f])
                if one is None:
                    out[os.path.basename(f)] = {"error": "parser crashed (signal or I/O error)"}
                else:
                    out.update(one)
        else:
            out.update(objs)
    return out


def run_chunk(cmd, files):
    """Parse files with one process; None when it died."""
    r = subprocess.run(cmd + files, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode not in (0, 1):
        return None
    text = r.stdout.decode("utf-8", errors="replace")
    dec = json.JSONDecoder(parse_float=Decimal)
    pos, res = 0, {}
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        obj, pos = dec.raw_decode(text, pos)
        res[obj.get("file")] = obj
    return res


def diff(got, exp, form):
    """[(path, got, expected)] where got differs from exp."""
    if "error" in got:
        return [("error", got.get("error"), None)]
    d = []
    want = dict((k, exp.get(k)) for k in SCALARS)
    want["form"] = form
    for k in SCALARS:
        g = got.get(k)
        if k == "period" and g == [None, None]:
            g = None
        if g != want[k]:
            d.append((k, g, want[k]))
    ga = {(a, b): v for a, b, v in got.get("active_disclosure") or []}
    order_g = [(a, b) for a, b, _ in got.get("active_disclosure") or []]
    order_e = [(a, b) for a, b, _ in exp["active_disclosure"]]
    for a, b, v in exp["active_disclosure"]:
        if (a, b) not in ga:
            d.append((f"active_disclosure/{a}/{b}", "(absent)", v))
        elif num(ga[(a, b)]) != num(v):
            d.append((f"active_disclosure/{a}/{b}", ga[(a, b)], v))
    if set(order_g) - set(order_e):
        d.append(("active_disclosure/extra", sorted(set(order_g) - set(order_e)), None))
    for part in ("requests", "review_litigation"):
        g = got.get(part) or {}
        e = exp[part]
        for code in e:
            if code not in g:
                d.append((f"{part}/{code}", "(absent)", e[code]))
                continue
            gv, ev = g[code], e[code]
            if len(gv) > len(ev):
                d.append((f"{part}/{code}/extra", gv[len(ev):], None))
            for i, x in enumerate(ev):
                y = gv[i] if i < len(gv) else "(absent)"
                if num(y) != num(x):
                    d.append((f"{part}/{code}/{i}", y, x))
        for code in g:
            if code not in e:
                d.append((f"{part}/{code}", g[code], "(absent)"))
    return d


def show(v):
    """A value for a mismatch line."""
    return json.dumps(v, ensure_ascii=False, default=str)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--gipcli", required=True)
    ap.add_argument("--bytes-cmd", required=True)
    ap.add_argument("--max-lines", type=int, default=12,
                    help="mismatch lines printed per file")
    ap.add_argument("--counts-file", default="",
                    help="write 'PASSED FAILED' here and end with a "
                    "'cli leg:' line instead of the closing line")
    ap.add_argument("--keep-failures", default="",
                    help="copy failing renderings (with their JSON) here")
    opt = ap.parse_args()

    exps = {}
    for name in sorted(os.listdir(opt.dir)):
        if name.endswith(".json"):
            with open(os.path.join(opt.dir, name), encoding="utf-8") as f:
                e = json.load(f, parse_float=Decimal)
            for fn, form in e["renderings"].items():
                exps[fn] = (e, form, name)
    text_files = [os.path.join(opt.dir, f) for f in exps if not f.endswith(BYTE_SUFFIXES)]
    byte_files = [os.path.join(opt.dir, f) for f in exps if f.endswith(BYTE_SUFFIXES)]
    got = run_parser([opt.gipcli], text_files)
    got.update(run_parser(shlex.split(opt.bytes_cmd), byte_files))

    passed = failed = 0
    by_form = {}
    by_path = {}
    for fn in sorted(exps):
        e, form, jname = exps[fn]
        kind = fn.split(".", 1)[1]
        st = by_form.setdefault(kind, [0, 0])
        g = got.get(fn, {"error": "no output from the parser"})
        d = diff(g, e, form)
        if not d:
            passed += 1
            st[0] += 1
            continue
        failed += 1
        st[1] += 1
        for p, _, _ in d:
            key = (kind, p.split("/")[0] if "/" not in p else "/".join(p.split("/")[:1]) + "/…")
            by_path[key] = by_path.get(key, 0) + 1
        for p, gv, ev in d[:opt.max_lines]:
            print(f"{fn} {p} got={show(gv)} expected={show(ev)}")
        if len(d) > opt.max_lines:
            print(f"{fn} … {len(d) - opt.max_lines} more mismatches")
        if opt.keep_failures:
            os.makedirs(opt.keep_failures, exist_ok=True)
            shutil.copy(os.path.join(opt.dir, fn), opt.keep_failures)
            shutil.copy(os.path.join(opt.dir, jname), opt.keep_failures)
    print("---- by form (passed/failed) ----")
    for kind in sorted(by_form):
        print(f"{kind:12s} {by_form[kind][0]:6d} {by_form[kind][1]:6d}")
    if by_path:
        print("---- mismatching fields (form, field: count) ----")
        for (kind, p), n in sorted(by_path.items(), key=lambda x: -x[1]):
            print(f"{kind:12s} {p:24s} {n}")
    if opt.counts_file:
        with open(opt.counts_file, "w") as f:
            f.write(f"{passed} {failed}\n")
        print(f"cli leg: {passed} passed, {failed} failed")
    else:
        print(f"{passed} passed, {failed} failed")
    sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
