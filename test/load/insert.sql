-- test/load/insert.sql
--	pgbench script: one transaction stores two reports in gip_reports.
--	The first is a valid one under the default setting (refuse invalid
--	reports), which must be stored; the second is any text, chosen at
--	random, with gipreport.on_invalid = quarantine, so an invalid one goes
--	to gip_rejected instead.  The texts come from load_texts (setup.sql):
--	the same agencies and years over and over, so the trigger's history
--	lookups meet concurrent inserts of the same body.  Every attempt is
--	named load:<text id>:<attempt number> so none can go missing unseen,
--	and ends in a run of spaces and newlines that spells the attempt number,
--	so that no two are the same document (the store skips a document it
--	holds already) while every one parses as its text.
--
--	pgbench -n -f test/load/insert.sql -D ntexts=N -D nvalid=M -c 16 -t 50

\set v random(1, :nvalid)
\set t random(1, :ntexts)
BEGIN;
INSERT INTO gip_reports (source, source_name)
SELECT body || pg_temp_suffix.s, format('load:%s:%s', id, pg_temp_suffix.a)
  FROM load_texts,
	   LATERAL (SELECT n.a, string_agg(CASE WHEN (n.a >> i) & 1 = 1 THEN E'\n' ELSE ' ' END, '' ORDER BY i) AS s
				  FROM (SELECT nextval('load_attempts') AS a) AS n, generate_series(0, 15) AS i
				 GROUP BY n.a) AS pg_temp_suffix
 WHERE valid_no = :v;
SET LOCAL gipreport.on_invalid = quarantine;
INSERT INTO gip_reports (source, source_name)
SELECT body || pg_temp_suffix.s, format('load:%s:%s', id, pg_temp_suffix.a)
  FROM load_texts,
	   LATERAL (SELECT n.a, string_agg(CASE WHEN (n.a >> i) & 1 = 1 THEN E'\n' ELSE ' ' END, '' ORDER BY i) AS s
				  FROM (SELECT nextval('load_attempts') AS a) AS n, generate_series(0, 15) AS i
				 GROUP BY n.a) AS pg_temp_suffix
 WHERE id = :t;
COMMIT;
