--
-- forms: every seed re-laid out as browser TSV (test/corpus/tsv/NNN.txt)
-- and as pdftotext -layout text (test/corpus/layout/NNN.txt), both made by
-- test/gen/render.py, parses to the seed's expected JSON and to the same
-- report as the seed itself.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS gipreport;
RESET client_min_messages;
\set ECHO none
\i test/gen/diff_report.sql
\set ECHO all
\set e000 `cat test/seeds/000.json`
\set e001 `cat test/seeds/001.json`
\set e002 `cat test/seeds/002.json`
\set e003 `cat test/seeds/003.json`
\set e004 `cat test/seeds/004.json`
\set c000 `cat test/seeds/000.txt`
\set c001 `cat test/seeds/001.txt`
\set c002 `cat test/seeds/002.txt`
\set c003 `cat test/seeds/003.txt`
\set c004 `cat test/seeds/004.txt`
\set t000 `cat test/corpus/tsv/000.txt`
\set t001 `cat test/corpus/tsv/001.txt`
\set t002 `cat test/corpus/tsv/002.txt`
\set t003 `cat test/corpus/tsv/003.txt`
\set t004 `cat test/corpus/tsv/004.txt`
\set l000 `cat test/corpus/layout/000.txt`
\set l001 `cat test/corpus/layout/001.txt`
\set l002 `cat test/corpus/layout/002.txt`
\set l003 `cat test/corpus/layout/003.txt`
\set l004 `cat test/corpus/layout/004.txt`
CREATE TEMP TABLE rendering AS
SELECT name, form, body, gip_parse(body) AS r, expected::jsonb AS expected
  FROM (VALUES
		('000', 'cells', :'c000', :'e000'), ('000', 'tsv', :'t000', :'e000'),
		('000', 'layout', :'l000', :'e000'),
		('001', 'cells', :'c001', :'e001'), ('001', 'tsv', :'t001', :'e001'),
		('001', 'layout', :'l001', :'e001'),
		('002', 'cells', :'c002', :'e002'), ('002', 'tsv', :'t002', :'e002'),
		('002', 'layout', :'l002', :'e002'),
		('003', 'cells', :'c003', :'e003'), ('003', 'tsv', :'t003', :'e003'),
		('003', 'layout', :'l003', :'e003'),
		('004', 'cells', :'c004', :'e004'), ('004', 'tsv', :'t004', :'e004'),
		('004', 'layout', :'l004', :'e004'))
	   AS v(name, form, body, expected);
-- the form each text was read as
SELECT name, form, (r).form AS detected, (r).form = form AS ok
  FROM rendering ORDER BY name, form;
-- every value of every rendering against the seed's expected JSON: no row
SELECT x.name, x.form, d.path, d.actual, d.expected
  FROM rendering x, pg_temp.diff_report(gip_to_jsonb(x.r), x.expected) AS d
 ORDER BY 1, 2, 3;
-- the fields outside the JSON agree with the DOCX-text parse: no row
SELECT x.name, x.form, (x.r).period_start, (x.r).period_end, (x.r).t3_variant,
	   (c.r).period_start AS c_start, (c.r).period_end AS c_end,
	   (c.r).t3_variant AS c_variant
  FROM rendering x JOIN rendering c ON c.name = x.name AND c.form = 'cells'
 WHERE x.form <> 'cells'
   AND ((x.r).period_start IS DISTINCT FROM (c.r).period_start
		OR (x.r).period_end IS DISTINCT FROM (c.r).period_end
		OR (x.r).t3_variant IS DISTINCT FROM (c.r).t3_variant)
 ORDER BY 1, 2;
-- every cell has the same state and value in every form: no row
CREATE TEMP TABLE cell AS
SELECT x.name, x.form, c.* FROM rendering x, gip_cells(x.r) AS c;
SELECT coalesce(x.name, c.name) AS name, coalesce(x.form, c.xform) AS form,
	   coalesce(x.table_no, c.table_no) AS table_no,
	   coalesce(x.row_code, c.row_code) AS row_code,
	   coalesce(x.column_code, c.column_code) AS column_code,
	   x.state, x.value, c.state AS cells_state, c.value AS cells_value
  FROM (SELECT * FROM cell WHERE form <> 'cells') x
  FULL JOIN (SELECT f.form AS xform, cell.*
			   FROM cell, (VALUES ('tsv'), ('layout')) AS f(form)
			  WHERE cell.form = 'cells') c
	ON c.name = x.name AND c.xform = x.form AND c.table_no = x.table_no
   AND c.row_code = x.row_code AND c.column_code = x.column_code
 WHERE x.state IS DISTINCT FROM c.state OR x.value IS DISTINCT FROM c.value
 ORDER BY 1, 2, 3, 4, 5;
SELECT form, count(*) FROM cell GROUP BY form ORDER BY form;
-- every cell of a rendering points at a line of that rendering holding it:
-- no row
SELECT x.name, x.form, c.table_no, c.row_code, c.column_code, c.raw, c.line
  FROM rendering x, gip_cells(x.r) c
 WHERE c.line IS NULL OR c.line < 1
	OR position(btrim(c.raw, E' \t\u3000\u00a0') IN
				(string_to_array(x.body, E'\n'))[c.line]) = 0
 ORDER BY 1, 2, 3, 4, 5;
-- where the layout form found table 三 of seed 003 (its label wraps and the
-- page footer -3- in the middle)
SELECT row_no, row_code, natural_person, total,
	   (SELECT min(line) FROM gip_cells(r) c
		 WHERE c.table_no = 3 AND c.row_code = q.row_code) AS line
  FROM rendering, gip_requests(r) AS q
 WHERE name = '003' AND form = 'layout'
 ORDER BY row_no;
