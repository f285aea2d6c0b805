#!/bin/bash
# test/bench/load.sh
#	Benchmark gip_load, the loader: N generated report files (gen.py's texts,
#	one file each, written by test/load_cli/make_files.py to a temporary
#	folder) loaded into a fresh database, in files per second, next to the
#	store's own loading figure on the same texts:
#	  T_insert  INSERT INTO gip_reports (source, source_name) SELECT ... of
#	            the N texts from a table, in one statement (the trigger:
#	            parse, validate, quarantine), rolled back; what run.sh calls
#	            T_store;
#	  gip_load  -j J for each J of BENCH_JOBS: read, hash, ask
#	            gip_known_hashes, one gip_store() per file in batches of 50
#	            with a savepoint each;
#	  null      gip_load -j 1 into a database whose gip_store() returns a row
#	            and does nothing: what the loader itself costs (files,
#	            hashing, round trips).
#	gen.py's random digits break the arithmetic, so every text is
#	quarantined in both paths: the same work on both sides.
#
#	Needs: gipreport and gip_load installed, a server reachable with psql
#	through PGHOST/PGPORT/PGUSER, python3.  Prints figures only.
#
#	bash test/bench/load.sh [N]      N (or BENCH_N) files, default 20000
#	BENCH_JOBS="1 2"                 the --jobs to time
#	GIP_LOAD=path                    the program (default: pg_config --bindir)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
N=${1:-${BENCH_N:-20000}}
JOBS=${BENCH_JOBS:-1 2}
PG_CONFIG=${PG_CONFIG:-pg_config}
GIP_LOAD=${GIP_LOAD:-$("$PG_CONFIG" --bindir)/gip_load}
PSQL=(psql -X -q -v ON_ERROR_STOP=1)
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
DB=gip_bench_load
DBNULL=gip_bench_load_null

say() { printf '==> %s\n' "$*" >&2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gip-bench-load.XXXXXX")
cleanup() {
	"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "DROP DATABASE IF EXISTS $DBNULL" >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT

# A fresh database with the extension (and test/load_cli/stub.sql when the
# store has no gip_store yet).
fresh_db() {
	"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
	"${PSQL[@]}" -d "$DB" -c "CREATE EXTENSION gipreport" >/dev/null
	if [ "$("${PSQL[@]}" -At -d "$DB" -c "SELECT to_regprocedure('gip_store(bytea,text)') IS NULL")" = t ]; then
		"${PSQL[@]}" -d "$DB" -f "$REPO/test/load_cli/stub.sql" >/dev/null
		STORE="the test stand-in test/load_cli/stub.sql (PL/pgSQL: a quarantined text is parsed twice)"
	else
		STORE="the extension's gip_store()"
	fi
}

say "writing $N files to $WORK/files"
python3 "$REPO/test/load_cli/make_files.py" "$N" "$WORK/files" >/dev/null
bytes=$(du -sb "$WORK/files" | cut -f1)

# -- the store's own figure: one INSERT ... SELECT, rolled back -----------
fresh_db
"${PSQL[@]}" -d "$DB" -c "CREATE TABLE bench_load_texts (id int, body text)"
python3 "$HERE/gen.py" "$N" | "${PSQL[@]}" -d "$DB" -c "COPY bench_load_texts FROM STDIN"
"${PSQL[@]}" -d "$DB" -c "VACUUM ANALYZE bench_load_texts"
say "timing INSERT INTO gip_reports of the $N texts (rolled back)"
insert_ms=$("${PSQL[@]}" -At -d "$DB" <<'EOF'
SET gipreport.on_invalid = quarantine;
BEGIN;
SELECT clock_timestamp() AS t0 \gset
INSERT INTO gip_reports (source, source_name) SELECT body, id::text FROM bench_load_texts;
SELECT round(1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz))::bigint;
ROLLBACK;
EOF
)

# -- gip_load ---------------------------------------------------------------
# the "N files in S s (R files/s)" line of the summary, and the store's counts
run_loader() {
	local db=$1
	shift
	local out rc=0
	out=$("$GIP_LOAD" -q -d "$db" "$@" "$WORK/files" 2>"$WORK/stderr") || rc=$?
	if [ "$rc" -gt 1 ]; then
		cat "$WORK/stderr" >&2
		echo "gip_load failed (exit status $rc)" >&2
		exit 1
	fi
	echo "$out" | sed -n 's/^\([0-9]*\) files in \([0-9.]*\) s (\([0-9.]*\) files\/s)$/\2 \3/p' | head -1
}

results=()
for j in $JOBS; do
	fresh_db
	say "gip_load -j $j: $N files"
	read -r secs rate < <(run_loader "$DB" -j "$j")
	stored=$("${PSQL[@]}" -At -d "$DB" -c "SELECT (SELECT count(*) FROM gip_reports) || ' stored, ' || (SELECT count(*) FROM gip_rejected) || ' quarantined'")
	results+=("$j|$secs|$rate|$stored")
done

# -- the loader alone: a gip_store that does nothing --------------------------
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DBNULL" -c "CREATE DATABASE $DBNULL" >/dev/null
"${PSQL[@]}" -d "$DBNULL" >/dev/null <<'EOF'
CREATE FUNCTION gip_store(document bytea, source_name text DEFAULT NULL)
RETURNS TABLE(outcome text, report_id bigint, rejected_id bigint, agency text, year int, reason text)
LANGUAGE sql AS $$ SELECT 'stored'::text, length(document)::bigint, NULL::bigint, NULL::text, NULL::int, NULL::text $$;
CREATE FUNCTION gip_known_hashes(hashes bytea[]) RETURNS SETOF bytea
LANGUAGE sql AS $$ SELECT h FROM unnest(hashes) AS h WHERE false $$;
EOF
say "gip_load -j 1 into a gip_store() that does nothing"
read -r null_secs null_rate < <(run_loader "$DBNULL" -j 1)

# -- the figures ----------------------------------------------------------------
echo ""
echo "gip_load bench: $N generated files, $((bytes / N)) bytes each on average, every one quarantined"
echo "store: $STORE"
awk -v n="$N" -v ms="$insert_ms" 'BEGIN {
	printf "%-44s %8.1f s %9.1f files/s\n", "T_insert (INSERT INTO gip_reports SELECT)", ms / 1000, n / (ms / 1000) }'
for r in "${results[@]}"; do
	IFS='|' read -r j secs rate stored <<<"$r"
	awk -v j="$j" -v s="$secs" -v r="$rate" -v n="$N" -v ms="$insert_ms" -v st="$stored" 'BEGIN {
		printf "%-44s %8.1f s %9.1f files/s   %.2f x T_insert  (%s)\n", "gip_load -j " j, s, r, (s * 1000) / ms, st }'
done
awk -v s="$null_secs" -v r="$null_rate" 'BEGIN {
	printf "%-44s %8.1f s %9.1f files/s   (the loader alone)\n", "gip_load -j 1, a gip_store() that does nothing", s, r }'
