#!/bin/bash
# test/bench/run.sh
#	Benchmark gip_parse: how much a parse costs next to merely reading
#	(detoasting) the same report text, and what the parser core alone costs.
#
#	Needs: the extension installed (make install), a server reachable with
#	psql through the usual PG* variables, python3, and for the core-only
#	figure a C compiler with ICU and libxml2 (test/tools/Makefile).
#
#	PGHOST=/tmp/pg PGPORT=5432 PGUSER=postgres PGDATABASE=postgres \
#	    bash test/bench/run.sh [N]
#
#	N (or BENCH_N) reports go into bench_reports (default 20000);
#	BENCH_REPS timed repetitions of each query (default 5);
#	BENCH_KEEP=1 keeps the table afterwards (default: dropped);
#	BENCH_REUSE=1 reuses an existing bench_reports of N rows.
#
#	Prints figures only: it never fails because something is slow.  The
#	figures are µs per report for
#	  T_scan  = SELECT count(length(body)) FROM bench_reports  (detoast only)
#	  T_parse = SELECT count((gip_parse(body)).year) FROM bench_reports
#	(best and median of BENCH_REPS runs, serial plans, JIT off), the ratio
#	T_parse/T_scan, and gipcli --bench (the core without PostgreSQL).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
N=${1:-${BENCH_N:-20000}}
REPS=${BENCH_REPS:-5}
PSQL=(psql -X -q -v ON_ERROR_STOP=1)
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

say() { printf '==> %s\n' "$*" >&2; }

"${PSQL[@]}" -c "CREATE EXTENSION IF NOT EXISTS gipreport" >/dev/null

# -- the table -----------------------------------------------------------
have=-1
if [ "$("${PSQL[@]}" -At -c "SELECT to_regclass('bench_reports') IS NOT NULL")" = t ]; then
	have=$("${PSQL[@]}" -At -c "SELECT count(*) FROM bench_reports")
fi
if [ "${BENCH_REUSE:-0}" = 1 ] && [ "$have" = "$N" ]; then
	say "reusing bench_reports ($N rows)"
else
	say "building bench_reports: $N reports"
	"${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_reports" \
		-c "CREATE TABLE bench_reports (id int, body text)"
	python3 "$HERE/gen.py" "$N" | "${PSQL[@]}" -c "COPY bench_reports FROM STDIN"
	"${PSQL[@]}" -c "VACUUM ANALYZE bench_reports"
fi
"${PSQL[@]}" -At -F ' ' -c "SELECT count(*), round(avg(octet_length(body))),
	min(octet_length(body)), max(octet_length(body)),
	pg_size_pretty(pg_total_relation_size('bench_reports')) FROM bench_reports" |
	{ read -r cnt avg mn mx size
	  echo "reports: $cnt, body bytes avg $avg (min $mn, max $mx), table with TOAST $size"; }

# -- the timings -----------------------------------------------------------
# One session: serial plans, no JIT, each query once untimed to warm the
# cache and load the library, then REPS rounds of scan and parse alternately.
SCAN_Q="SELECT count(length(body)) FROM bench_reports"
PARSE_Q="SELECT count((gip_parse(body)).year) FROM bench_reports"
say "timing ($REPS rounds)"
timings=$(
	{
		cat <<EOF
SET max_parallel_workers_per_gather = 0;
SET jit = off;
CREATE FUNCTION pg_temp.bench_ms(q text, OUT ms float8, OUT n bigint) AS \$\$
DECLARE
	t0 timestamptz;
BEGIN
	t0 := clock_timestamp();
	EXECUTE q INTO n;
	ms := 1000 * extract(epoch FROM clock_timestamp() - t0);
END
\$\$ LANGUAGE plpgsql;
SELECT 'warm', 0, ms, n FROM pg_temp.bench_ms('$SCAN_Q');
SELECT 'warm', 0, ms, n FROM pg_temp.bench_ms('$PARSE_Q');
EOF
		for i in $(seq 1 "$REPS"); do
			echo "SELECT 'scan', $i, ms, n FROM pg_temp.bench_ms('$SCAN_Q');"
			echo "SELECT 'parse', $i, ms, n FROM pg_temp.bench_ms('$PARSE_Q');"
		done
	} | "${PSQL[@]}" -At -F ' '
)

# the plan, to show gip_parse runs once per row
echo "plan of T_parse:"
"${PSQL[@]}" -c "SET max_parallel_workers_per_gather = 0" \
	-c "EXPLAIN (VERBOSE, COSTS OFF) $PARSE_Q" | sed 's/^/    /'

# -- the core alone --------------------------------------------------------
core_line="n/a (test/tools/gipcli could not be built)"
GIPCLI=${GIPCLI:-$REPO/test/tools/gipcli}
if [ ! -x "$GIPCLI" ]; then
	make -s -C "$REPO/test/tools" gipcli >/dev/null 2>&1 || true
fi
if [ -x "$GIPCLI" ]; then
	samples=$(mktemp -d)
	python3 "$HERE/gen.py" 15 --dir "$samples" >/dev/null
	core_line=$("$GIPCLI" --bench 200 "$samples"/*.txt | tail -1) || true
	rm -rf "$samples"
fi

# -- the figures -----------------------------------------------------------
N="$N" CORE="$core_line" python3 - "$timings" <<'EOF'
import os, re, statistics, sys

n = int(os.environ["N"])
runs = {"scan": [], "parse": []}
counts = {}
for line in sys.argv[1].splitlines():
    parts = line.split()
    if len(parts) != 4 or parts[0] not in runs:
        continue
    runs[parts[0]].append(float(parts[2]))
    counts[parts[0]] = int(parts[3])

def us(ms):
    return ms * 1000.0 / n

if not runs["scan"] or not runs["parse"]:
    print("no timings (psql output: %r)" % sys.argv[1])
    sys.exit(0)
if counts.get("parse") != n:
    print("WARNING: count((gip_parse(body)).year) = %s, not %d: some reports have no year"
          % (counts.get("parse"), n))
scan_best, scan_med = min(runs["scan"]), statistics.median(runs["scan"])
parse_best, parse_med = min(runs["parse"]), statistics.median(runs["parse"])
print("")
print("%-34s %10s %10s" % ("per report (%d reports, %d runs)" % (n, len(runs["scan"])), "best", "median"))
print("%-34s %8.2f us %8.2f us" % ("T_scan  (detoast, count(length))", us(scan_best), us(scan_med)))
print("%-34s %8.2f us %8.2f us" % ("T_parse (count(gip_parse().year))", us(parse_best), us(parse_med)))
print("%-34s %8.2f us %8.2f us" % ("T_parse - T_scan", us(parse_best - scan_best), us(parse_med - scan_med)))
print("%-34s %8.1f x  %8.1f x" % ("T_parse / T_scan", parse_best / scan_best, parse_med / scan_med))
core = os.environ["CORE"].strip()
m = re.search(r"(\d+) bytes\s+([\d.]+) us/parse\s+([\d.]+) us/parse\+serialize \(mean of (\d+) files", core)
if m:
    print("core only, no PostgreSQL (gipcli --bench 200, %s varied reports, avg %s bytes):"
          % (m.group(4), m.group(1)))
    print("%-34s %8.2f us" % ("  parse, arena reused", float(m.group(2))))
    print("%-34s %8.2f us" % ("  parse + serialize, fresh arena", float(m.group(3))))
    print("%-34s %8.2f us" % ("glue: T_parse - T_scan - core", us(parse_best - scan_best) - float(m.group(3))))
else:
    print("core only: %s" % core)
EOF

if [ "${BENCH_KEEP:-0}" != 1 ]; then
	"${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_reports"
fi
