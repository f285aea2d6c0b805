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
#	Measured in the same session on the same rows, with ratios:
#	  T_valid = SELECT sum((SELECT count(*) FROM gip_validate(gip_parse(body))))
#	            (parse + validate) against T_scan and T_parse; gen.py's
#	            random digits break every identity, so each report has
#	            dozens of findings whose messages are written out;
#	  T_parse, T_valid and T_scan again on bench_valid (below: the seeds
#	            and their renderings as they are), which pass every rule;
#	  T_store = INSERT INTO gip_reports (source, source_name) SELECT ...
#	            (the trigger: parse, history lookup, validation, findings;
#	            invalid reports to gip_rejected with on_invalid = quarantine)
#	            against T_plain = the same texts INSERTed into a one-column
#	            temporary table; each in a transaction that is rolled back,
#	            so the store is left as it was (BENCH_INSERT_REPS, default 3);
#	            the same again with N valid texts (bench_valid: the seeds and
#	            their TSV and layout renderings, each copy under an agency name of its own), which are stored;
#	  T_par2 / T_par0 = T_parse with max_parallel_workers_per_gather 2
#	            against 0 (parallel_setup_cost, parallel_tuple_cost and
#	            min_parallel_table_scan_size 0 to force a parallel plan).
#	BENCH_MEMORY=1 (or BENCH_MEMORY=COUNT) also parses 1,000,000 (COUNT)
#	reports, the table's rows over and over, in one query and prints the
#	backend's peak RSS (VmHWM) and RssAnon before and after (the server
#	must be on this machine; slow: about COUNT x T_parse).
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

# the valid texts: gen.py's random digits break the arithmetic, so every
# bench report is quarantined; the seeds and their TSV and layout renderings
# as they are (all valid) go into bench_valid, N rows, to time the stored path
"${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_valid" -c "CREATE TABLE bench_valid (id int, body text)"
python3 - "$REPO" "$N" <<'EOF' | "${PSQL[@]}" -c "COPY bench_valid FROM STDIN"
import glob, sys
root, n = sys.argv[1], int(sys.argv[2])
files = sorted(glob.glob(root + "/test/seeds/*.txt") + glob.glob(root + "/test/corpus/tsv/*.txt")
               + glob.glob(root + "/test/corpus/layout/*.txt"))
bodies = [open(f, encoding="utf-8").read() for f in files]
esc = [b.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
       for b in bodies]
for i in range(n):
    sys.stdout.write("%d\t%s\n" % (i + 1, esc[i % len(esc)]))
EOF
# each copy under an agency name of its own (letters: the agency keeps its
# form), so that every text is a report of its own to the store, not a
# duplicate of another copy (skipped) or a new version of it (superseding)
"${PSQL[@]}" <<'EOF'
CREATE FUNCTION pg_temp.tag(n int) RETURNS text LANGUAGE sql AS
$$ SELECT string_agg(chr(ascii('A') + (n / (26 ^ i)::int) % 26), '' ORDER BY i DESC)
	  FROM generate_series(0, 3) AS i $$;
UPDATE bench_valid
   SET body = replace(body, (gip_parse(body)).agency, (gip_parse(body)).agency || pg_temp.tag(id));
EOF
"${PSQL[@]}" -c "VACUUM ANALYZE bench_valid"

# -- the timings -----------------------------------------------------------
# One session: serial plans, no JIT, each query once untimed to warm the
# cache and load the library, then REPS rounds of scan and parse alternately.
SCAN_Q="SELECT count(length(body)) FROM bench_reports"
PARSE_Q="SELECT count((gip_parse(body)).year) FROM bench_reports"
VALID_Q="SELECT sum((SELECT count(*) FROM gip_validate(gip_parse(body)))) FROM bench_reports"
STORE_Q="WITH i AS (INSERT INTO gip_reports (source, source_name) SELECT body, id::text FROM bench_reports RETURNING 1) SELECT count(*) FROM i"
PLAIN_Q="WITH i AS (INSERT INTO bench_plain (body) SELECT body FROM bench_reports RETURNING 1) SELECT count(*) FROM i"
SCANV_Q="SELECT count(length(body)) FROM bench_valid"
PARSEV_Q="SELECT count((gip_parse(body)).year) FROM bench_valid"
VALIDV_Q="SELECT sum((SELECT count(*) FROM gip_validate(gip_parse(body)))) FROM bench_valid"
STOREV_Q="WITH i AS (INSERT INTO gip_reports (source, source_name) SELECT body, id::text FROM bench_valid RETURNING 1) SELECT count(*) FROM i"
PLAINV_Q="WITH i AS (INSERT INTO bench_plain (body) SELECT body FROM bench_valid RETURNING 1) SELECT count(*) FROM i"
INS_REPS=${BENCH_INSERT_REPS:-3}
PAR_ON="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
PAR_OFF="SET max_parallel_workers_per_gather = 0;"
say "timing ($REPS rounds, $INS_REPS of the inserts)"
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
		echo "SELECT 'warm', 0, ms, n FROM pg_temp.bench_ms('$VALID_Q');"
		for i in $(seq 1 "$REPS"); do
			echo "SELECT 'scan', $i, ms, n FROM pg_temp.bench_ms('$SCAN_Q');"
			echo "SELECT 'parse', $i, ms, n FROM pg_temp.bench_ms('$PARSE_Q');"
			echo "SELECT 'valid', $i, ms, n FROM pg_temp.bench_ms('$VALID_Q');"
		done
		# the same on the valid texts (which pass every rule)
		for i in $(seq 1 "$REPS"); do
			echo "SELECT 'scanv', $i, ms, n FROM pg_temp.bench_ms('$SCANV_Q');"
			echo "SELECT 'parsev', $i, ms, n FROM pg_temp.bench_ms('$PARSEV_Q');"
			echo "SELECT 'validv', $i, ms, n FROM pg_temp.bench_ms('$VALIDV_Q');"
		done
		# parallel against serial, alternately
		for i in $(seq 1 "$REPS"); do
			echo "$PAR_ON SELECT 'par2', $i, ms, n FROM pg_temp.bench_ms('$PARSE_Q');"
			echo "$PAR_OFF SELECT 'par0', $i, ms, n FROM pg_temp.bench_ms('$PARSE_Q');"
		done
		# the store against a plain insert; rolled back each time
		echo "SET gipreport.on_invalid = quarantine;"
		echo "CREATE TEMP TABLE bench_plain (body text);"
		for i in $(seq 1 "$INS_REPS"); do
			echo "BEGIN; SELECT 'plain', $i, ms, n FROM pg_temp.bench_ms('$PLAIN_Q'); ROLLBACK;"
			echo "BEGIN; SELECT 'store', $i, ms, n FROM pg_temp.bench_ms('$STORE_Q');"
			echo "SELECT 'rejected', $i, 0, count(*) FROM gip_rejected; ROLLBACK;"
			echo "BEGIN; SELECT 'plainv', $i, ms, n FROM pg_temp.bench_ms('$PLAINV_Q'); ROLLBACK;"
			echo "BEGIN; SELECT 'storev', $i, ms, n FROM pg_temp.bench_ms('$STOREV_Q'); ROLLBACK;"
		done
	} | "${PSQL[@]}" -At -F ' '
)

# the plan, to show gip_parse runs once per row
echo "plan of T_parse:"
"${PSQL[@]}" -c "SET max_parallel_workers_per_gather = 0" \
	-c "EXPLAIN (VERBOSE, COSTS OFF) $PARSE_Q" | sed 's/^/    /'

echo "plan of T_par2 (max_parallel_workers_per_gather = 2):"
{ echo "SET jit = off; $PAR_ON"; echo "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) $PARSE_Q;"; } |
	"${PSQL[@]}" | grep -E 'Gather|Workers|Parallel|Aggregate' | sed 's/^/    /' || true

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
runs = {k: [] for k in ("scan", "parse", "valid", "par0", "par2", "plain", "store", "rejected", "plainv", "storev",
                         "scanv", "parsev", "validv")}
counts = {}
for line in sys.argv[1].splitlines():
    parts = line.split()
    if len(parts) != 4 or parts[0] not in runs:
        continue
    runs[parts[0]].append(float(parts[2]))
    counts[parts[0]] = int(parts[3] or 0)

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

def pair(label, a, b, what):
    """Print two timings of the same rows and their ratio."""
    if not runs[a] or not runs[b]:
        print("%s: no timings" % label)
        return
    ab, am = min(runs[a]), statistics.median(runs[a])
    bb, bm = min(runs[b]), statistics.median(runs[b])
    print("")
    print("%-34s %10s %10s   (%d runs)" % (label, "best", "median", len(runs[a])))
    print("%-34s %8.2f us %8.2f us" % (what[0], us(ab), us(am)))
    print("%-34s %8.2f us %8.2f us" % (what[1], us(bb), us(bm)))
    print("%-34s %8.2f x  %8.2f x" % (what[2], ab / bb, am / bm))

pair("parse + validate", "valid", "scan",
     ("T_valid (parse + gip_validate)", "T_scan  (detoast only)", "T_valid / T_scan"))
if runs["valid"]:
    print("%-34s %8.2f x  %8.2f x" % ("T_valid / T_parse", min(runs["valid"]) / parse_best,
          statistics.median(runs["valid"]) / parse_med))
    print("%-34s %8.2f us %8.2f us" % ("validation alone (T_valid - T_parse)",
          us(min(runs["valid"]) - parse_best), us(statistics.median(runs["valid"]) - parse_med)))
pair("parse, valid texts", "parsev", "scanv",
     ("T_parse (valid texts)", "T_scan  (the same texts)", "T_parse / T_scan"))
pair("parse + validate, valid texts", "validv", "scanv",
     ("T_valid (valid texts: no finding)", "T_scan  (the same texts)", "T_valid / T_scan"))
if runs["validv"] and runs["parsev"]:
    print("%-34s %8.2f x  %8.2f x" % ("T_valid / T_parse", min(runs["validv"]) / min(runs["parsev"]),
          statistics.median(runs["validv"]) / statistics.median(runs["parsev"])))
pair("store vs plain insert", "store", "plain",
     ("T_store (INSERT INTO gip_reports)", "T_plain (INSERT, one text column)", "T_store / T_plain"))
if runs["store"]:
    print("  (%s of %d stored, %s quarantined in gip_rejected; rolled back)"
          % (counts.get("store"), n, counts.get("rejected")))
pair("store vs plain insert, valid texts", "storev", "plainv",
     ("T_store (valid: stored)", "T_plain (the same texts)", "T_store / T_plain"))
if runs["storev"]:
    print("  (%s of %d stored: the seeds and their TSV and layout renderings, each under an agency of its own; rolled back)"
          % (counts.get("storev"), n))
pair("parallel parse", "par2", "par0",
     ("T_par2 (2 workers per gather)", "T_par0 (serial)", "T_par2 / T_par0"))
print("")
core = os.environ["CORE"].strip()
m = re.search(r"(\d+) bytes\s+([\d.]+) us/parse\s+([\d.]+) us/parse\+serialize\s+([\d.]+) us/validate \(mean of (\d+) files", core)
if m:
    print("core only, no PostgreSQL (gipcli --bench 200, %s varied reports, avg %s bytes):"
          % (m.group(5), m.group(1)))
    print("%-34s %8.2f us" % ("  parse, arena reused", float(m.group(2))))
    print("%-34s %8.2f us" % ("  parse + serialize, fresh arena", float(m.group(3))))
    print("%-34s %8.2f us" % ("  validate (every rule fails)", float(m.group(4))))
    print("%-34s %8.2f us" % ("glue: T_parse - T_scan - core", us(parse_best - scan_best) - float(m.group(3))))
else:
    print("core only: %s" % core)
EOF

# -- memory: a million parses in one query ----------------------------------
if [ -n "${BENCH_MEMORY:-}" ] && [ "${BENCH_MEMORY}" != 0 ]; then
	MCOUNT=$BENCH_MEMORY
	[ "$MCOUNT" = 1 ] && MCOUNT=1000000
	LOOPS=$(( (MCOUNT + N - 1) / N ))
	say "memory: $((LOOPS * N)) parses in one query"
	# the rows stream: generate_series in a subquery's target list
	mem=$(
		"${PSQL[@]}" -At <<EOF
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SELECT 'warm ' || count((gip_parse(body)).year) FROM (SELECT body FROM bench_reports LIMIT 1000) b;
SELECT pg_backend_pid() AS pid \gset
\setenv BPID :pid
\! grep -E '^(VmHWM|VmRSS|RssAnon):' /proc/\$BPID/status | awk '{print "before", \$1, \$2}'
SELECT 'parsed ' || count((gip_parse(body)).year) || ' in '
	|| round(extract(epoch FROM clock_timestamp() - now())::numeric, 1) || ' s'
  FROM bench_reports, (SELECT generate_series(1, $LOOPS) AS i) g;
\! grep -E '^(VmHWM|VmRSS|RssAnon):' /proc/\$BPID/status | awk '{print "after", \$1, \$2}'
EOF
	)
	MEM="$mem" python3 - <<'EOF'
import os
v = {}
print("")
print("memory of the backend over one query (kB):")
for line in os.environ["MEM"].splitlines():
    p = line.split()
    if len(p) == 3 and p[0] in ("before", "after"):
        v[(p[0], p[1].rstrip(":"))] = int(p[2])
    elif line.startswith("parsed"):
        print("  " + line)
for k in ("VmHWM", "VmRSS", "RssAnon"):
    if ("before", k) in v and ("after", k) in v:
        print("  %-8s before %9d  after %9d  growth %+d" % (k, v[("before", k)], v[("after", k)],
              v[("after", k)] - v[("before", k)]))
if not v:
    print("  no /proc figures (is the server on this machine?)")
EOF
fi

if [ "${BENCH_KEEP:-0}" != 1 ]; then
	"${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_reports"
fi
"${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_valid"
