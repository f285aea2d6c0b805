#!/bin/bash
# scripts/demo.sh
#	Build and install gipreport, start a throwaway cluster, load the five
#	seed reports into a table and show them parsed.
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
