#!/bin/bash
# scripts/demo.sh
#	Build and install gipreport, start a throwaway cluster, load the five
#	seed reports into a table and show them parsed; then load them and the
#	real reports (text and PDF) into the report store gip_reports with
#	gip_load (progress and summary), show a copy of a seed with a planted
#	arithmetic error refused (23514) and then quarantined in gip_rejected,
#	and show the views gip_report_summary and gip_findings.
#	Run as root: sudo bash scripts/demo.sh
set -euo pipefail

. "$(dirname "$0")/lib.sh"

gip_need_root
gip_install_deps
gip_make_tmp
gip_copy_tree
gip_build_install
gip_start_cluster

# the seed reports: test/seeds in the checkout, else ../shared/seeds
seeds=$GIP_ROOT/test/seeds
if ! ls "$seeds"/*.txt >/dev/null 2>&1; then
	seeds=$GIP_ROOT/../shared/seeds
fi
mkdir "$GIP_TMP/seeds"
cp "$seeds"/*.txt "$GIP_TMP/seeds/"
chown -R postgres: "$GIP_TMP/seeds"

gip_as_postgres psql -X -q -v ON_ERROR_STOP=1 -v seeds="$GIP_TMP/seeds" -d postgres <<'SQL'
\pset null '∅'
CREATE EXTENSION gipreport;

-- one row per seed file, parsed on the way in
CREATE TABLE reports AS
SELECT f AS file, gip_parse(pg_read_file(:'seeds' || '/' || f)) AS r
  FROM pg_ls_dir(:'seeds') AS f
 WHERE f LIKE '%.txt'
 ORDER BY f;

\echo
\echo '(∅ is NULL: a blank or placeholder cell, never a silent 0)'
\echo '== the reports'
SELECT left(file, 3) AS seed, (r).agency, (r).year, (r).template,
       (r).published, (r).form
  FROM reports ORDER BY file;

\echo '== table 三 of seed 003: applications received and how they were handled'
SELECT row_no, row_code, natural_person AS np, commercial AS com,
       research AS res, public_interest AS pub, legal_service AS law,
       other_org AS oth, total
  FROM reports, gip_requests(r)
 WHERE file LIKE '003%';

\echo '== table 四 of every report: administrative review and litigation'
SELECT left(file, 3) AS seed, category, upheld, corrected, other, pending, total
  FROM reports, gip_review_litigation(r) WITH ORDINALITY AS t
 ORDER BY file, t.ordinality;

\echo '== table 二 of seed 003: active disclosure'
SELECT item, measure, value, state, line
  FROM reports, gip_active_disclosure(r)
 WHERE file LIKE '003%';

\echo '== the same report as jsonb (without requests, for brevity)'
SELECT (gip_to_jsonb(r) - 'requests')::text AS json FROM reports WHERE file LIKE '003%';

SQL

# the report store: the seeds and the real reports (text and PDF) loaded
# with gip_load, the loader (installed into pg_config --bindir); it shows a
# progress line and a summary.  Until the store's gip_store() is in the
# build, the test stand-in (test/load_cli/stub.sql) provides it.
if [ "$(gip_as_postgres psql -X -At -d postgres -c "SELECT to_regprocedure('gip_store(bytea,text)') IS NULL")" = t ]; then
	gip_say "gip_store() is not in this build yet: using the stand-in test/load_cli/stub.sql"
	gip_as_postgres psql -X -q -v ON_ERROR_STOP=1 -d postgres -f "$GIP_SRC/test/load_cli/stub.sql"
fi
mkdir "$GIP_TMP/real"
cp "$GIP_ROOT"/test/corpus/real/*.txt "$GIP_ROOT"/test/corpus/real/*.pdf "$GIP_TMP/real/"
chown -R postgres: "$GIP_TMP/real"
echo
echo "== the report store: gip_load $GIP_TMP/seeds $GIP_TMP/real"
rc=0
gip_as_postgres gip_load -d postgres "$GIP_TMP/seeds" "$GIP_TMP/real" || rc=$?
if [ "$rc" -gt 1 ]; then
	exit "$rc"
fi
echo "(exit status $rc: 1 says some files were not stored; hongze-district-2023 breaks t4.total as published)"

gip_as_postgres psql -X -q -v ON_ERROR_STOP=1 -v seeds="$GIP_TMP/seeds" -d postgres <<'SQL'
\pset null '∅'
SELECT id, source_name, agency, year, template,
       jsonb_array_length(findings) AS findings
  FROM gip_reports ORDER BY id;

\echo '== a copy of seed 003 with a planted error: table 三, (一)予以公开, 自然人 1 -> 3'
CREATE TEMP TABLE planted AS
SELECT replace(pg_read_file(:'seeds' || '/' || f),
               E'（一）予以公开\n\t1\n', E'（一）予以公开\n\t3\n') AS body,
       pg_read_file(:'seeds' || '/' || f) AS original
  FROM pg_ls_dir(:'seeds') AS f
 WHERE f LIKE '003%.txt';
SELECT count(*) = 1 AND bool_and(body <> original) AS planted_ok FROM planted \gset
\if :planted_ok
\else
DO $$BEGIN RAISE EXCEPTION 'demo: could not plant the error in seed 003'; END$$;
\endif
SELECT rule_id, status, row_code, column_code, expected, actual, line
  FROM planted, gip_validate(gip_parse(body));

\echo '== storing it is refused (gipreport.on_invalid = error, the default):'
\set ON_ERROR_STOP 0
\set VERBOSITY verbose
INSERT INTO gip_reports (source, source_name)
SELECT body, '003-planted.txt' FROM planted;
\set VERBOSITY default
\set ON_ERROR_STOP 1
SELECT :'LAST_ERROR_SQLSTATE' = '23514' AS refused \gset
\if :refused
\echo '(refused with SQLSTATE 23514 check_violation; nothing was stored)'
\else
DO $$BEGIN RAISE EXCEPTION 'demo: the planted error was not refused with 23514'; END$$;
\endif
SELECT count(*) AS stored_planted FROM gip_reports WHERE source_name = '003-planted.txt';

\echo '== the same with gipreport.on_invalid = quarantine: the report lands in gip_rejected'
SET gipreport.on_invalid = quarantine;
INSERT INTO gip_reports (source, source_name)
SELECT body, '003-planted.txt' FROM planted;
RESET gipreport.on_invalid;
SELECT id, source_name, reason, sqlstate, rejected_at IS NOT NULL AS dated
  FROM gip_rejected ORDER BY id;
SELECT gip_findings_text(findings) AS findings
  FROM gip_rejected WHERE source_name = '003-planted.txt';

\echo '== gip_report_summary: one row per stored report'
SELECT report_id AS id, agency, year, received, carried_over AS c_over,
       processed, granted, partially_granted AS partial, denied,
       unavailable AS unavail, rejected, other_processed AS other,
       carried_forward AS c_fwd, review_total AS reviews,
       litigation_total AS lawsuits, errors, warnings, uncertain
  FROM gip_report_summary ORDER BY report_id;

\echo '== gip_findings: what the rules noticed in the stored reports'
SELECT report_id AS id, agency, year, rule_id, severity, status, message
  FROM gip_findings ORDER BY report_id;
SQL
