-- test/load/insert.sql
--	pgbench script: one transaction stores two reports in gip_reports.
--	The first is a valid one under the default setting (refuse invalid
--	reports), which must be stored; the second is any text, chosen at
--	random, with gipreport.on_invalid = quarantine, so an invalid one goes
--	to gip_rejected instead.  The texts come from load_texts (setup.sql):
--	the same agencies and years over and over, so the trigger's history
--	lookups meet concurrent inserts of the same body.  Every attempt is
--	named load:<text id>:<attempt number> so none can go missing unseen.
--
--	pgbench -n -f test/load/insert.sql -D ntexts=N -D nvalid=M -c 16 -t 50

\set v random(1, :nvalid)
\set t random(1, :ntexts)
BEGIN;
INSERT INTO gip_reports (source, source_name)
SELECT body, format('load:%s:%s', id, nextval('load_attempts'))
  FROM load_texts WHERE valid_no = :v;
SET LOCAL gipreport.on_invalid = quarantine;
INSERT INTO gip_reports (source, source_name)
SELECT body, format('load:%s:%s', id, nextval('load_attempts'))
  FROM load_texts WHERE id = :t;
COMMIT;
