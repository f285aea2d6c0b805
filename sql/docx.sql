--
-- docx: every seed as the Word document it was exported from
-- (test/corpus/docx/NNN.docx, made by test/gen/render_docx.py: runs split
-- mid-word, bookmarks, gridSpan and vMerge for the merged header cells and
-- the outcome groups of table 三, table 三 of 002 in two tables) parses
-- through gip_parse(bytea) to the seed's expected JSON, with the cells, grid
-- columns, tables and rows of the same seed's web page; hostile archives
-- (test/corpus/docx/bad/) fail with their SQLSTATE, message and detail.
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
\set h000 `cat test/corpus/html/000.html`
\set h001 `cat test/corpus/html/001.html`
\set h002 `cat test/corpus/html/002.html`
\set h003 `cat test/corpus/html/003.html`
\set h004 `cat test/corpus/html/004.html`
\set d000 `base64 -w0 test/corpus/docx/000.docx`
\set d001 `base64 -w0 test/corpus/docx/001.docx`
\set d002 `base64 -w0 test/corpus/docx/002.docx`
\set d003 `base64 -w0 test/corpus/docx/003.docx`
\set d004 `base64 -w0 test/corpus/docx/004.docx`
CREATE TEMP TABLE rendering (name text, rendering text, r gip_report,
	expected jsonb);
-- one statement per rendering, so that a failing parse shows on its own
INSERT INTO rendering VALUES ('000', 'html', gip_parse(:'h000'), :'e000');
INSERT INTO rendering VALUES ('000', 'docx',
	gip_parse(decode(:'d000', 'base64')), :'e000');
INSERT INTO rendering VALUES ('001', 'html', gip_parse(:'h001'), :'e001');
INSERT INTO rendering VALUES ('001', 'docx',
	gip_parse(decode(:'d001', 'base64')), :'e001');
INSERT INTO rendering VALUES ('002', 'html', gip_parse(:'h002'), :'e002');
INSERT INTO rendering VALUES ('002', 'docx',
	gip_parse(decode(:'d002', 'base64')), :'e002');
INSERT INTO rendering VALUES ('003', 'html', gip_parse(:'h003'), :'e003');
INSERT INTO rendering VALUES ('003', 'docx',
	gip_parse(decode(:'d003', 'base64')), :'e003');
INSERT INTO rendering VALUES ('004', 'html', gip_parse(:'h004'), :'e004');
INSERT INTO rendering VALUES ('004', 'docx',
	gip_parse(decode(:'d004', 'base64')), :'e004');
-- a .docx is a ZIP archive: it starts with PK\3\4
SELECT name, substr(decode(:'d000', 'base64'), 1, 4) AS docx_head
  FROM (VALUES ('000')) AS v(name);
-- the form each rendering was read as
SELECT name, rendering, (r).form AS detected FROM rendering
 ORDER BY name, rendering;
-- every value of every rendering against the seed's expected JSON: no row
SELECT x.name, x.rendering, d.path, d.actual, d.expected
  FROM rendering x, pg_temp.diff_report(gip_to_jsonb(x.r), x.expected) AS d
 ORDER BY 1, 2, 3;
-- the fields outside the JSON and the narrative parts agree with the web
-- page's parse: no row
SELECT x.name, (x.r).period_start, (x.r).period_end, (x.r).t3_variant,
	   (x.r).published, (x.r).overview IS NULL AS no_overview,
	   (x.r).problems IS NULL AS no_problems,
	   (x.r).other_matters IS NULL AS no_other_matters
  FROM rendering x JOIN rendering h ON h.name = x.name AND h.rendering = 'html'
 WHERE x.rendering = 'docx'
   AND ((x.r).period_start IS DISTINCT FROM (h.r).period_start
		OR (x.r).period_end IS DISTINCT FROM (h.r).period_end
		OR (x.r).t3_variant IS DISTINCT FROM (h.r).t3_variant
		OR (x.r).published IS DISTINCT FROM (h.r).published
		OR ((x.r).overview IS NULL) <> ((h.r).overview IS NULL)
		OR ((x.r).problems IS NULL) <> ((h.r).problems IS NULL)
		OR ((x.r).other_matters IS NULL) <> ((h.r).other_matters IS NULL))
 ORDER BY 1;
-- every cell has the state, value and raw text of the web page's cell, and
-- stands where it stands there: the same grid column (cell_no), table and
-- row (html_table, html_row count w:tbl and w:tr): no row
CREATE TEMP TABLE cell AS
SELECT x.name, x.rendering, c.* FROM rendering x, gip_cells(x.r) AS c;
SELECT coalesce(x.name, h.name) AS name,
	   coalesce(x.table_no, h.table_no) AS table_no,
	   coalesce(x.row_code, h.row_code) AS row_code,
	   coalesce(x.column_code, h.column_code) AS column_code,
	   x.state, x.value, x.raw, x.cell_no, x.html_table, x.html_row,
	   h.state AS h_state, h.value AS h_value, h.raw AS h_raw,
	   h.cell_no AS h_cell_no, h.html_table AS h_table, h.html_row AS h_row
  FROM (SELECT * FROM cell WHERE rendering = 'docx') x
  FULL JOIN (SELECT * FROM cell WHERE rendering = 'html') h
	ON h.name = x.name AND h.table_no = x.table_no
   AND h.row_code = x.row_code AND h.column_code = x.column_code
 WHERE x.state IS DISTINCT FROM h.state OR x.value IS DISTINCT FROM h.value
	OR x.raw IS DISTINCT FROM h.raw OR x.cell_no IS DISTINCT FROM h.cell_no
	OR x.html_table IS DISTINCT FROM h.html_table
	OR x.html_row IS DISTINCT FROM h.html_row
 ORDER BY 1, 2, 3, 4;
SELECT rendering, count(*) FROM cell GROUP BY rendering ORDER BY rendering;
-- a cell's line is the number of its paragraph in the document: table 三's
-- merged outcome group of seed 002, split over two tables, and its values
SELECT table_no, row_code, column_code, raw, line, cell_no, html_table,
	   html_row
  FROM cell
 WHERE name = '002' AND rendering = 'docx' AND table_no = 3
   AND row_code IN ('new_received', 'granted', 'unavailable_not_held',
					'total_processed')
   AND column_code IN ('natural_person', 'total')
 ORDER BY html_table, html_row, cell_no;
--
-- hostile archives: each fails with a clear SQLSTATE, message and detail
--
\set b_empty `base64 -w0 test/corpus/docx/bad/empty.docx`
\set b_truncated `base64 -w0 test/corpus/docx/bad/truncated.docx`
\set b_not_docx `base64 -w0 test/corpus/docx/bad/not_docx.docx`
\set b_encrypted `base64 -w0 test/corpus/docx/bad/encrypted.docx`
\set b_bomb `base64 -w0 test/corpus/docx/bad/bomb.docx`
\set b_ratio_bomb `base64 -w0 test/corpus/docx/bad/ratio_bomb.docx`
\set b_size_lie `base64 -w0 test/corpus/docx/bad/size_lie.docx`
\set b_malformed `base64 -w0 test/corpus/docx/bad/malformed.docx`
\set b_doctype `base64 -w0 test/corpus/docx/bad/doctype.docx`
\set b_empty_xml `base64 -w0 test/corpus/docx/bad/empty_xml.docx`
\set b_wrong_root `base64 -w0 test/corpus/docx/bad/wrong_root.docx`
CREATE TEMP TABLE hostile (name text, body bytea);
INSERT INTO hostile VALUES
	('empty', decode(:'b_empty', 'base64')),
	('truncated', decode(:'b_truncated', 'base64')),
	('not_docx', decode(:'b_not_docx', 'base64')),
	('encrypted', decode(:'b_encrypted', 'base64')),
	('bomb', decode(:'b_bomb', 'base64')),
	('ratio_bomb', decode(:'b_ratio_bomb', 'base64')),
	('size_lie', decode(:'b_size_lie', 'base64')),
	('malformed', decode(:'b_malformed', 'base64')),
	('doctype', decode(:'b_doctype', 'base64')),
	('empty_xml', decode(:'b_empty_xml', 'base64')),
	('wrong_root', decode(:'b_wrong_root', 'base64'));
-- small files: the bomb is 200 MB of zeros in 200 kB
SELECT name, length(body) AS bytes FROM hostile ORDER BY name;
DO $$
DECLARE
	i record;
	st text;
	msg text;
	det text;
BEGIN
	FOR i IN SELECT * FROM hostile ORDER BY name LOOP
		BEGIN
			PERFORM gip_parse(i.body);
			RAISE NOTICE '%: parsed, no error', i.name;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE,
				msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
			RAISE NOTICE '%: SQLSTATE %, message "%", detail "%"',
				i.name, st, msg, det;
		END;
	END LOOP;
END
$$;
-- the same error as psql shows it
\set VERBOSITY default
SELECT gip_parse(body) FROM hostile WHERE name = 'bomb';
SELECT gip_parse(body) FROM hostile WHERE name = 'truncated';
-- after all of them the backend is fine and parses a good one again
SELECT (gip_parse(decode(:'d004', 'base64'))).agency;
