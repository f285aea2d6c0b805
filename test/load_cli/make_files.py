#!/usr/bin/env python3
"""make_files.py: write N generated report texts as files, for gip_load.

    python3 test/load_cli/make_files.py N DIR [SEED]

The texts are test/bench/gen.py's (copies of the seeds and their renderings
with new random digits in every number cell, so no two are alike and the
arithmetic rules fail: the store quarantines them), one file each:
DIR/NNNNN/NNNNNNN.txt, a thousand to a subdirectory.  Stdlib only.
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "..", "bench", "gen.py")


def unescape(field):
    """A COPY text field as its text."""
    out = []
    i = 0
    while i < len(field):
        c = field[i]
        if c == "\\" and i + 1 < len(field):
            n = field[i + 1]
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(n, n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def main():
    n, root = int(sys.argv[1]), sys.argv[2]
    seed = sys.argv[3] if len(sys.argv) > 3 else "1"
    proc = subprocess.Popen([sys.executable, GEN, str(n), seed], stdout=subprocess.PIPE,
                            encoding="utf-8")
    count = 0
    for line in proc.stdout:
        rid, body = line.rstrip("\n").split("\t", 1)
        rid = int(rid)
        sub = os.path.join(root, "%05d" % (rid // 1000))
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, "%07d.txt" % rid), "w", encoding="utf-8") as fh:
            fh.write(unescape(body))
        count += 1
    if proc.wait() != 0:
        sys.exit("make_files.py: gen.py failed")
    print(count)


if __name__ == "__main__":
    main()
