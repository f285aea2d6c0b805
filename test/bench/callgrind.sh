#!/bin/bash
# test/bench/callgrind.sh
#	The parse against the detoast-only scan in instructions, not time:
#	a throwaway cluster's single-user backend runs each query under
#	callgrind (collecting only inside the executor), over N reports of
#	gen.py, and the script prints instructions per report of
#	  scan  = SELECT count(length(body))            (detoast only)
#	  parse = SELECT count((gip_parse(body)).year)
#	and their ratio.  Instruction counts do not move from run to run as
#	times do on a shared machine, so this tells whether a change to the
#	parser made it cheaper; test/bench/run.sh tells how fast it is.
#
#	Needs: the extension installed (make install), valgrind, python3; run
#	as a user initdb accepts (not root: sudo -u postgres bash ...).
#
#	bash test/bench/callgrind.sh [N]      N reports (default 300)
#
#	Prints figures only: it never fails because something is slow.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
N=${1:-300}
PG_CONFIG=${PG_CONFIG:-pg_config}
BINDIR=$("$PG_CONFIG" --bindir)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gip-callgrind.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

"$BINDIR/initdb" -D "$WORK/data" -E UTF8 --no-locale --auth=trust >/dev/null
python3 "$HERE/gen.py" "$N" >"$WORK/reports.tsv"
cat >"$WORK/setup.sql" <<EOF
CREATE EXTENSION gipreport;
CREATE TABLE b (id int, body text);
COPY b FROM '$WORK/reports.tsv';
VACUUM ANALYZE b;
EOF
"$BINDIR/postgres" --single -D "$WORK/data" postgres <"$WORK/setup.sql" >/dev/null 2>&1

# Instructions inside the executor for: one warm-up parse (loads the
# library and ICU's tables), then the query given, if any.
instructions() {
	printf 'SET jit = off;\nSELECT count((gip_parse(body)).year) FROM b;\n%s\n' "$1" >"$WORK/q.sql"
	valgrind --tool=callgrind --toggle-collect=standard_ExecutorRun \
		--callgrind-out-file="$WORK/cg.out" \
		"$BINDIR/postgres" --single -D "$WORK/data" postgres <"$WORK/q.sql" >/dev/null 2>&1
	callgrind_annotate "$WORK/cg.out" 2>/dev/null |
		awk '/PROGRAM TOTALS/ && !done { gsub(",", "", $1); print $1; done = 1 }'
}

base=$(instructions "")
scan=$(instructions "SELECT count(length(body)) FROM b;")
parse=$(instructions "SELECT count((gip_parse(body)).year) FROM b;")
python3 - "$N" "$base" "$scan" "$parse" <<'EOF'
import sys
n, base, scan, parse = (int(v) for v in sys.argv[1:])
scan -= base
parse -= base
print("instructions per report (%d reports of gen.py, callgrind in a single-user backend)" % n)
print("  scan  (detoast, count(length))  %10.0f" % (scan / n))
print("  parse (count(gip_parse().year)) %10.0f" % (parse / n))
print("  parse / scan                    %10.2f x" % (parse / scan))
EOF
