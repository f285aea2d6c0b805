#!/usr/bin/env python3
"""gen.py: write N benchmark reports as COPY text rows (id TAB body) to stdout.

    python3 test/bench/gen.py N [SEED] > reports.copy
    python3 test/bench/gen.py N [SEED] --dir DIR     also write the first 20 as DIR/NNNNN.txt

The reports are copies of the seeds (test/seeds/*.txt, else /work/shared/seeds/*.txt)
and of their tab-separated and pdftotext -layout renderings (test/corpus/tsv, layout),
taken in turn.  In every copy each table cell that holds only a number (a token set
off by tabs, runs of two or more spaces, or the ends of the line) gets new random digits
of the same length, so no two bodies are alike and none compresses against another;
the text around the tables is unchanged, so sizes stay those of real reports (6-12 KB).
Deterministic for a given SEED (default 1).  Stdlib only.
"""

import glob
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# a cell that is only a number: set off by tab / 2+ spaces / line ends, padding
# (spaces, no-break spaces, ideographic spaces) allowed around it
NUMBER_CELL = re.compile(
    "((?:^|\t|  )[ \u00a0\u3000]*)(\\d+(?:\\.\\d+)?)(?=[ \u00a0\u3000]*(?:\t|  |$))", re.M)


def sources():
    """The texts to copy, in a fixed order."""
    seeds = sorted(glob.glob(os.path.join(REPO, "test/seeds/*.txt")))
    if not seeds:
        seeds = sorted(glob.glob("/work/shared/seeds/*.txt"))
    files = seeds
    for form in ("tsv", "layout"):
        files += sorted(glob.glob(os.path.join(REPO, "test/corpus", form, "*.txt")))
    texts = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            texts.append(fh.read())
    if not texts:
        sys.exit("gen.py: no seed texts found")
    return texts


def vary(text, rng):
    """text with the digits of every number cell replaced by random ones."""
    def repl(m):
        out = [m.group(1)]
        first = True
        for ch in m.group(2):
            if ch.isdigit():
                lo = 1 if first and len(m.group(2).split(".")[0]) > 1 else 0
                out.append(str(rng.randint(lo, 9)))
                first = False
            else:
                out.append(ch)
        return "".join(out)
    return NUMBER_CELL.sub(repl, text)


def copy_escape(s):
    """Escape a value for COPY's text format."""
    return (s.replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    outdir = None
    if "--dir" in argv:
        outdir = argv[argv.index("--dir") + 1]
        args.remove(outdir)
    n = int(args[0]) if args else 20000
    rng = random.Random(int(args[1]) if len(args) > 1 else 1)
    texts = sources()
    out = sys.stdout
    for i in range(n):
        body = vary(texts[i % len(texts)], rng)
        if outdir is not None and i < 20:
            os.makedirs(outdir, exist_ok=True)
            with open(os.path.join(outdir, "%05d.txt" % i), "w", encoding="utf-8") as fh:
                fh.write(body)
        out.write("%d\t%s\n" % (i + 1, copy_escape(body)))


if __name__ == "__main__":
    main(sys.argv[1:])
