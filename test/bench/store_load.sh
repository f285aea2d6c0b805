#!/bin/bash
# test/bench/store_load.sh
#	Loading the store: N distinct valid reports (default 5000) inserted with
#	INSERT ... SELECT into gip_reports, under 0.4.0 (C triggers: parse,
#	validate, derived columns, facts) and under 0.3.0 (the PL/pgSQL trigger)
#	in two databases of the same server, beside a plain insert of the same
#	texts and gip_parse / validation alone; each timed REPS times (default
#	3) and rolled back, the best run shown.  The cost split of 0.4.0: parse,
#	validate (gip_is_valid(gip_parse) - gip_parse), facts (the AFTER trigger
#	disabled), the rest of the BEFORE trigger.
#
#	PGHOST=... PGPORT=... PGUSER=... bash test/bench/store_load.sh [N] [REPS]
#	(gipreport installed in that server; the texts are the seeds and their
#	TSV and layout renderings, each copy under an agency name of its own so
#	that none is a duplicate or supersedes another).  Prints figures, asserts
#	nothing.
set -euo pipefail
N=${1:-5000}
REPS=${2:-3}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PSQL="psql -X -q -v ON_ERROR_STOP=1 -At"

for db in bench_store04 bench_store03; do
	$PSQL -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done
$PSQL -d bench_store04 -c "CREATE EXTENSION gipreport"
$PSQL -d bench_store03 -c "CREATE EXTENSION gipreport VERSION '0.3.0'"

setup="
CREATE TABLE seeds (k int, body text);
CREATE TABLE plain (n int, body text);
CREATE TABLE bench_texts (n int PRIMARY KEY, body text);
CREATE FUNCTION pg_temp.tag(n int) RETURNS text LANGUAGE sql AS
\$\$ SELECT string_agg(chr(ascii('A') + (n / (26 ^ i)::int) % 26), '' ORDER BY i DESC)
	  FROM generate_series(0, 3) AS i \$\$;
CREATE FUNCTION pg_temp.ms(q text) RETURNS numeric LANGUAGE plpgsql AS
\$\$ DECLARE t0 timestamptz := clock_timestamp();
BEGIN EXECUTE q; RETURN round(extract(epoch FROM clock_timestamp() - t0)::numeric * 1000, 1); END \$\$;
"
for db in bench_store04 bench_store03; do
	$PSQL -d $db <<SQL
$setup
INSERT INTO seeds
SELECT row_number() OVER (), pg_read_file('$root/test/' || d || '/' || f)
  FROM (VALUES ('seeds'), ('corpus/tsv'), ('corpus/layout')) AS dirs(d),
	   pg_ls_dir('$root/test/' || d) AS f
 WHERE f LIKE '%.txt';
DELETE FROM seeds WHERE NOT gip_is_valid(gip_parse(body));
-- each copy under an agency name of its own
INSERT INTO bench_texts
SELECT g.n, replace(s.body, (gip_parse(s.body)).agency,
					(gip_parse(s.body)).agency || pg_temp.tag(g.n))
  FROM generate_series(1, $N) AS g(n)
	   JOIN seeds AS s ON s.k = 1 + g.n % (SELECT count(*) FROM seeds);
ANALYZE bench_texts;
SQL
done
echo "texts: $($PSQL -d bench_store04 -c 'SELECT count(*), count(DISTINCT body), round(avg(length(body))) FROM bench_texts')"
echo "valid: $($PSQL -d bench_store04 -c 'SELECT count(*) FILTER (WHERE gip_is_valid(gip_parse(body))) FROM bench_texts')"

run() {
	local db=$1 label=$2 q=$3 pre=${4:-}
	local best=""
	for i in $(seq "$REPS"); do
		local ms
		ms=$($PSQL -d "$db" <<SQL | tail -1
CREATE FUNCTION pg_temp.ms(q text) RETURNS numeric LANGUAGE plpgsql AS
\$\$ DECLARE t0 timestamptz := clock_timestamp();
BEGIN EXECUTE q; RETURN round(extract(epoch FROM clock_timestamp() - t0)::numeric * 1000, 1); END \$\$;
BEGIN;
$pre
SELECT pg_temp.ms(\$q\$$q\$q\$);
ROLLBACK;
SQL
)
		if [ -z "$best" ] || awk "BEGIN{exit !($ms < $best)}"; then best=$ms; fi
	done
	printf '%-44s %10.1f ms  %7.1f us/row\n' "$label" "$best" "$(awk "BEGIN{print $best * 1000 / $N}")"
}

STORE="INSERT INTO gip_reports (source, source_name) SELECT body, n::text FROM bench_texts"
run bench_store04 "plain INSERT of the texts" "INSERT INTO plain SELECT n, body FROM bench_texts"
run bench_store04 "gip_parse" "SELECT count(gip_parse(body)) FROM bench_texts"
run bench_store04 "gip_is_valid(gip_parse)" "SELECT count(*) FILTER (WHERE gip_is_valid(gip_parse(body))) FROM bench_texts"
run bench_store03 "0.3.0 store (PL/pgSQL trigger)" "$STORE"
run bench_store04 "0.4.0 store (C triggers, facts)" "$STORE"
run bench_store04 "0.4.0 store, facts trigger disabled" "$STORE" "ALTER TABLE gip_reports DISABLE TRIGGER gip_reports_facts;"
echo "facts written per report: $($PSQL -d bench_store04 -c "BEGIN; $STORE; SELECT round(count(*)::numeric / $N, 1) FROM gip_facts; ROLLBACK;" | tail -1)"
