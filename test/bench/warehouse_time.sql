--
-- test/bench/warehouse_time.sql: the timings of warehouse.sh.  Each query
-- on a view and on its plain twin, :reps runs each after one untimed run,
-- alternating; planning + execution time from EXPLAIN (ANALYZE, TIMING OFF)
-- of the query (an aggregate) or of sum(length(row::text)) over its rows (a
-- query returning rows: each column's output, as a client needs it; a plain
-- scan alone would hand out its tuples without touching a column).
--
SET max_parallel_workers_per_gather = 0;
SET jit = off;
CREATE FUNCTION pg_temp.ms(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	-- a query returning rows is timed with every column of every row turned
	-- into text (the whole-row output), as a client reading it would need;
	-- an aggregate as it is
	IF q !~ '^SELECT \*' THEN
		EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || q INTO plan;
	ELSE
		EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) SELECT sum(length(s::text)) FROM (' || q || ') AS s' INTO plan;
	END IF;
	RETURN (plan->0->>'Planning Time')::float8 + (plan->0->>'Execution Time')::float8;
END
$$;
CREATE FUNCTION pg_temp.plan(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	line text;
	p text := '';
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
		p := p || line || E'\n';
	END LOOP;
	RETURN p;
END
$$;
CREATE TEMP TABLE q (no int, what text, one_agency boolean, view_q text, plain_q text);
INSERT INTO q VALUES
 (1, 'one agency: gip_report_summary', true,
  format('SELECT * FROM gip_report_summary WHERE agency_key = %L ORDER BY year', :'agency'), NULL),
 (2, 'one agency: gip_request_facts', true,
  format('SELECT * FROM gip_request_facts WHERE agency_key = %L', :'agency'), NULL),
 (3, 'one agency: gip_report_yoy', true,
  format('SELECT * FROM gip_report_yoy WHERE agency_key = %L ORDER BY year', :'agency'), NULL),
 (4, 'one agency: gip_agency_summary', true,
  format('SELECT * FROM gip_agency_summary WHERE agency_key = %L', :'agency'), NULL),
 (5, 'one agency: gip_findings', true,
  format('SELECT * FROM gip_findings WHERE agency_key = %L', :'agency'), NULL),
 (6, 'one agency: gip_report_json', true,
  format('SELECT * FROM gip_report_json WHERE agency_key = %L', :'agency'), NULL),
 (7, 'one year: gip_report_summary', false,
  format('SELECT * FROM gip_report_summary WHERE year = %s', :'year'), NULL),
 (8, 'count(*) of gip_request_facts', false,
  'SELECT count(*) FROM gip_request_facts', NULL),
 (9, 'sum by outcome, not totals: gip_request_facts', false,
  'SELECT outcome_group, sum(value) FROM gip_request_facts WHERE NOT is_total GROUP BY outcome_group', NULL),
 (10, 'all of gip_report_yoy', false,
  'SELECT * FROM gip_report_yoy', NULL);
UPDATE q SET plain_q = regexp_replace(view_q, 'FROM gip_([a-z_]+)', 'FROM plain_\1');
-- one agency's plans: the (agency_key, year) index, no function per report
SELECT no, what,
	   pg_temp.plan(view_q) ~ 'gip_reports_agency_key_year' AS uses_agency_index,
	   pg_temp.plan(view_q) !~ 'Function Scan|gip_cells|gip_parse' AS no_function
  FROM q WHERE one_agency ORDER BY no;
-- warm-up
SELECT count(pg_temp.ms(view_q)) + count(pg_temp.ms(plain_q)) AS warmed FROM q;
CREATE TEMP TABLE t (no int, kind text, ms float8);
SELECT format('INSERT INTO t SELECT no, ''view'', pg_temp.ms(view_q) FROM q; INSERT INTO t SELECT no, ''plain'', pg_temp.ms(plain_q) FROM q;')
  FROM generate_series(1, :reps) \gexec
\pset footer off
-- the goals are judged on the best runs (the machine may be shared: the
-- medians carry its noise); both are shown
CREATE TEMP TABLE r AS
SELECT q.no, q.what, q.one_agency,
	   min(t.ms) FILTER (WHERE kind = 'view') AS vb,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms) FILTER (WHERE kind = 'view') AS vm,
	   min(t.ms) FILTER (WHERE kind = 'plain') AS pb,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms) FILTER (WHERE kind = 'plain') AS pm
  FROM q JOIN t ON t.no = q.no
 GROUP BY q.no, q.what, q.one_agency;
SELECT no, what,
	   round(vb::numeric, 2) AS view_best_ms, round(vm::numeric, 2) AS view_median_ms,
	   round(pb::numeric, 2) AS plain_best_ms, round(pm::numeric, 2) AS plain_median_ms,
	   round((vb / pb)::numeric, 2) AS ratio_best, round((vm / pm)::numeric, 2) AS ratio_median,
	   concat_ws(' ',
		 CASE WHEN one_agency THEN CASE WHEN vb < 10 THEN '<10ms ok' ELSE '<10ms MISSED' END END,
		 CASE WHEN vb <= 1.5 * pb THEN '<=1.5x ok' ELSE '<=1.5x MISSED' END) AS goals
  FROM r ORDER BY no;
