#!/usr/bin/env python3
"""
glued_scale.py
    Does the glued-text reader take time linear in its input?  Makes glued
    texts 1x, 4x, 16x and 64x the size of a real one (test/corpus/real/
    pingtan-2022.txt) in two ways -- the narrative of part 一 repeated, and
    prose with numbers repeated inside part 二 before its table, where the
    reader cuts the text into labels and digit runs -- times each with
    gipcli --bench, and prints microseconds per parse and per kilobyte.
    Every scaled text must still parse to the same cells (checked).
    Wall-clock figures on a shared machine are noisy and the largest texts
    pay for memory; the instruction count (valgrind --tool=callgrind on
    gipcli FILE) is the clean measure: about 135 instructions per byte
    past a fixed 4.5 million, from 1x to 64x (see the README of test/bench).

    Usage: glued_scale.py [--rounds N] [--gipcli PATH]     (stdlib only)
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def scaled(text, k, where):
    """text with a stretch repeated so that the whole is about k times longer."""
    if k == 1:
        return text
    if where == "narrative":
        a = text.index("一、总体情况")
        b = text.index("二、主动公开政府信息情况")
        chunk = text[a + len("一、总体情况"):b]
        at = b
    else:
        # prose with numbers inside part 二, before its table
        a = text.index("二、主动公开政府信息情况") + len("二、主动公开政府信息情况")
        chunk = "2022年全区主动公开政府信息14571条，其中规章0件，行政规范性文件88件，新闻发布会12场，政策解读45篇。"
        at = a
    reps = max(1, int((k - 1) * len(text.encode()) / len(chunk.encode())))
    return text[:at] + chunk * reps + text[at:]


def cells(gipcli, path):
    r = subprocess.run([gipcli, "-v", path], stdout=subprocess.PIPE, text=True)
    d = json.loads(r.stdout)
    return [(c["table"], c["row_code"], c["col_code"], c["state"], c.get("value"))
            for c in d.get("cells", [])]


def bench(gipcli, path, rounds):
    r = subprocess.run([gipcli, "--bench", str(rounds), path], stdout=subprocess.PIPE, text=True)
    m = re.search(r"([0-9.]+) us/parse ", r.stdout)
    return float(m.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--gipcli", default=os.path.join(ROOT, "test/tools/gipcli"))
    opt = ap.parse_args()
    subprocess.run(["make", "-s", "-C", os.path.join(ROOT, "test/tools"), "gipcli"], check=True)
    with open(os.path.join(ROOT, "test/corpus/real/pingtan-2022.txt"), encoding="utf-8") as f:
        base = f.read()
    work = tempfile.mkdtemp(prefix="gip-glued-scale.")
    ok = True
    print("%-10s %5s %9s %12s %10s" % ("stretch", "size", "bytes", "us/parse", "us/KB"))
    for where in ("narrative", "table"):
        ref = None
        for k in (1, 4, 16, 64):
            path = os.path.join(work, "%s-%d.txt" % (where, k))
            with open(path, "w", encoding="utf-8") as f:
                f.write(scaled(base, k, where))
            got = cells(opt.gipcli, path)
            if ref is None:
                ref = got
            elif got != ref:
                ok = False
                print("%s %dx: the cells differ from 1x" % (where, k))
            size = os.path.getsize(path)
            us = bench(opt.gipcli, path, max(5, opt.rounds // k))
            print("%-10s %4dx %9d %12.1f %10.1f" % (where, k, size, us, us / (size / 1024)))
    for f in os.listdir(work):
        os.remove(os.path.join(work, f))
    os.rmdir(work)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
