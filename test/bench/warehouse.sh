#!/bin/bash
# test/bench/warehouse.sh
#	Benchmark the BI views over a store of N reports: each query on a view
#	against the same query on a plain table holding the same rows (CREATE
#	TABLE plain_<view> AS SELECT * FROM <view>, with an index on
#	(agency_key, year) and on year like the store's).  Prints figures
#	only: it never fails because something is slow.  Goals (issue 12):
#	one agency's queries under 10 ms, every view within 1.5x its twin.
#
#	Needs: the extension installed (make install), a server reachable with
#	psql through the usual PG* variables (as a superuser: the fixture load
#	switches triggers off), python3.  It creates (and drops, unless
#	BENCH_KEEP=1) the database BENCH_DB (default gip_warehouse_bench).
#
#	PGHOST=/tmp/pg PGPORT=5432 PGUSER=postgres bash test/bench/warehouse.sh [N]
#
#	N (or BENCH_N) reports, default 100000 (5 years each of N/5 bodies);
#	BENCH_REPS timed runs of each query (default 7; best and median shown);
#	BENCH_LOAD=copy (default): the real texts of the repository (seeds, their
#	TSV and layout renderings, test/corpus/real, test/cases/validate) go into
#	the store as a client sends them, and their stored rows, facts and
#	findings are copied without triggers to N reports under other bodies
#	and years (warehouse_load.sql).  Loading is timed by the store's own
#	benchmark, not here; the slot load_store() below is where a load of N
#	texts through the store goes (BENCH_LOAD=store: COPY gen.py's texts
#	into gip_reports with gipreport.on_invalid = quarantine; gen.py's random
#	digits fail the arithmetic, so it needs valid generated texts first).
#	Timings are the planning + execution time EXPLAIN (ANALYZE, TIMING OFF)
#	reports, serial plans (max_parallel_workers_per_gather 0), JIT off.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
N=${1:-${BENCH_N:-100000}}
REPS=${BENCH_REPS:-7}
DB=${BENCH_DB:-gip_warehouse_bench}
LOAD=${BENCH_LOAD:-copy}
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d "$DB")

say() { printf '==> %s\n' "$*" >&2; }

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -c "CREATE EXTENSION gipreport"

# -- loading ---------------------------------------------------------------
load_store() {
	case "$LOAD" in
	copy)
		say "copy load: the real texts of the repository stored, then copied to $N reports"
		"${PSQL[@]}" -c "CREATE TABLE bench_src (id int, body text)"
		python3 - "$REPO" <<'PY' | "${PSQL[@]}" -c "COPY bench_src FROM STDIN"
import glob, sys
root = sys.argv[1]
files = sorted(glob.glob(root + "/test/seeds/*.txt") + glob.glob(root + "/test/corpus/tsv/*.txt")
               + glob.glob(root + "/test/corpus/layout/*.txt") + glob.glob(root + "/test/corpus/real/*.txt")
               + glob.glob(root + "/test/cases/validate/*.txt"))
for i, f in enumerate(files):
    b = open(f, encoding="utf-8").read()
    b = b.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    sys.stdout.write("%d\t%s\n" % (i + 1, b))
PY
		"${PSQL[@]}" -v n="$N" -f "$HERE/warehouse_load.sql"
		;;
	store)
		# the slot for the store's own load (C trigger, gip_store()): the
		# texts go in as a client sends them; those that fail a rule are
		# quarantined
		say "store load: $N texts by gen.py through the trigger"
		python3 "$HERE/gen.py" "$N" | cut -f2 |
			"${PSQL[@]}" -c "SET gipreport.on_invalid = quarantine" \
				-c "COPY gip_reports (source) FROM STDIN"
		;;
	*)
		echo "BENCH_LOAD=$LOAD: copy or store" >&2
		exit 1
		;;
	esac
	"${PSQL[@]}" -c "VACUUM ANALYZE"
}
load_store

"${PSQL[@]}" -At -F '|' -c "SELECT (SELECT count(*) FROM gip_reports),
	(SELECT count(DISTINCT agency_key) FROM gip_reports), (SELECT count(*) FROM gip_facts),
	(SELECT count(*) FROM gip_report_findings),
	pg_size_pretty(pg_total_relation_size('gip_reports')),
	pg_size_pretty(pg_total_relation_size('gip_facts'))" |
	{ IFS='|' read -r nr na nf nfi sr sf
	  echo "store: $nr reports of $na bodies, $nf facts, $nfi findings; gip_reports $sr, gip_facts $sf"; }

# -- the plain twins --------------------------------------------------------
say "plain twins: CREATE TABLE plain_<view> AS SELECT * FROM <view>"
for v in gip_report_summary gip_request_facts gip_report_yoy gip_agency_summary gip_findings gip_report_json; do
	cols="agency_key, year"
	[ "$v" = gip_agency_summary ] && cols=agency_key
	"${PSQL[@]}" -c "CREATE TABLE plain_${v#gip_} AS SELECT * FROM $v" \
		-c "CREATE INDEX ON plain_${v#gip_} ($cols)"
done
"${PSQL[@]}" -c "CREATE INDEX ON plain_report_summary (year)" -c "VACUUM ANALYZE"

# -- the timings ------------------------------------------------------------
agency=$("${PSQL[@]}" -At -c "SELECT agency_key FROM gip_reports ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM gip_reports)")
year=2023
say "timing ($REPS runs each; one agency: $agency; one year: $year)"
"${PSQL[@]}" -v agency="$agency" -v year="$year" -v reps="$REPS" -f "$HERE/warehouse_time.sql"

if [ "${BENCH_KEEP:-0}" != 1 ]; then
	psql -X -q -d postgres -c "DROP DATABASE $DB"
fi
