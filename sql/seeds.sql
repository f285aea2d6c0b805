--
-- seeds: the five seed reports (DOCX text) parse to exactly what their
-- expected JSON says (test/seeds/NNN.json), and the values are traceable to
-- their source lines.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS gipreport;
RESET client_min_messages;
\set ECHO none
\i test/gen/diff_report.sql
\set ECHO all
\set s000 `cat test/seeds/000.txt`
\set s001 `cat test/seeds/001.txt`
\set s002 `cat test/seeds/002.txt`
\set s003 `cat test/seeds/003.txt`
\set s004 `cat test/seeds/004.txt`
\set e000 `cat test/seeds/000.json`
\set e001 `cat test/seeds/001.json`
\set e002 `cat test/seeds/002.json`
\set e003 `cat test/seeds/003.json`
\set e004 `cat test/seeds/004.json`
CREATE TEMP TABLE seed AS
SELECT name, body, gip_parse(body) AS r, expected::jsonb AS expected
  FROM (VALUES ('000', :'s000', :'e000'), ('001', :'s001', :'e001'),
			   ('002', :'s002', :'e002'), ('003', :'s003', :'e003'),
			   ('004', :'s004', :'e004')) AS v(name, body, expected);
-- metadata
SELECT name, (r).agency, (r).year, (r).template, (r).published,
	   (r).period_start, (r).period_end, (r).t3_variant, (r).form
  FROM seed ORDER BY name;
-- every value against the expected JSON: no row
SELECT s.name, d.path, d.actual, d.expected
  FROM seed s, pg_temp.diff_report(gip_to_jsonb(s.r), s.expected) AS d
 ORDER BY 1, 2;
-- how much was compared
SELECT name,
	   jsonb_array_length(gip_to_jsonb(r)->'active_disclosure') AS t2_values,
	   (SELECT count(*) FROM jsonb_object_keys(gip_to_jsonb(r)->'requests')) AS t3_rows,
	   (SELECT count(*) FROM jsonb_object_keys(gip_to_jsonb(r)->'review_litigation')) AS t4_rows,
	   (SELECT count(*) FROM gip_cells(r)) AS cells
  FROM seed ORDER BY name;
-- the tables of seed 003 as rows
SELECT item, measure, label, value, line, measure_label, state
  FROM seed, gip_active_disclosure(r) WHERE name = '003';
SELECT q.* FROM seed, gip_requests(r) AS q WHERE name = '003';
SELECT t.* FROM seed, gip_review_litigation(r) AS t WHERE name = '003';
-- the 2019 template: table 二 of seed 004, and its 23-row table 三
SELECT item, measure, label, value, line, state
  FROM seed, gip_active_disclosure(r) WHERE name = '004';
SELECT row_no, row_code, natural_person, total
  FROM seed, gip_requests(r) WHERE name = '004' AND row_no >= 20;
-- every cell of every seed holds a value (none is blank in the seeds)
SELECT name, table_no, state, count(*)
  FROM seed, gip_cells(r) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
-- gip_cells agrees with the table functions
SELECT s.name, c.row_code, c.column_code, c.value, q.v
  FROM seed s, gip_cells(s.r) c,
	   LATERAL (SELECT CASE c.column_code
						WHEN 'natural_person' THEN natural_person
						WHEN 'commercial' THEN commercial
						WHEN 'research' THEN research
						WHEN 'public_interest' THEN public_interest
						WHEN 'legal_service' THEN legal_service
						WHEN 'other_org' THEN other_org
						WHEN 'total' THEN total END AS v
				  FROM gip_requests(s.r) WHERE row_code = c.row_code) q
 WHERE c.table_no = 3 AND c.value IS DISTINCT FROM q.v
 ORDER BY 1, 2, 3;
-- each cell's line is the source line holding its text: no row
SELECT s.name, c.table_no, c.row_code, c.column_code, c.raw, c.line,
	   (string_to_array(s.body, E'\n'))[c.line] AS source_line
  FROM seed s, gip_cells(s.r) c
 WHERE c.line IS NULL OR c.line < 1
	OR position(btrim(c.raw, E' \t\u3000\u00a0') IN
				(string_to_array(s.body, E'\n'))[c.line]) = 0
 ORDER BY 1, 2, 3, 4;
-- the cells of seed 003's non-zero values, with their lines
SELECT table_no, row_code, column_code, value, state, raw, line
  FROM seed, gip_cells(r) WHERE name = '003' AND value <> 0
 ORDER BY line, column_code;
