--
-- renderings: every seed as the web shows it, made by test/gen/render_web.py:
-- a CMS web page (test/corpus/html/NNN.html: rowspan/colspan headers, <br>
-- and &nbsp; in cells, Word-export markup, nested layout tables for 001 and
-- 003, table 三 split in two tables for 002), the same page as GBK bytes
-- declaring gb2312 (gbk/), the text in Traditional characters as UTF-8
-- (trad/) and as Big5 bytes (big5/), and the browser TSV form as UTF-16LE
-- with a byte order mark (utf16/).  Each parses to the seed's expected
-- JSON; text files go through gip_parse(text), byte files through
-- gip_parse(bytea).
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
\set h000 `cat test/corpus/html/000.html`
\set h001 `cat test/corpus/html/001.html`
\set h002 `cat test/corpus/html/002.html`
\set h003 `cat test/corpus/html/003.html`
\set h004 `cat test/corpus/html/004.html`
\set t000 `cat test/corpus/trad/000.txt`
\set t001 `cat test/corpus/trad/001.txt`
\set t002 `cat test/corpus/trad/002.txt`
\set t003 `cat test/corpus/trad/003.txt`
\set t004 `cat test/corpus/trad/004.txt`
\set g000 `base64 -w0 test/corpus/gbk/000.html`
\set g001 `base64 -w0 test/corpus/gbk/001.html`
\set g002 `base64 -w0 test/corpus/gbk/002.html`
\set g003 `base64 -w0 test/corpus/gbk/003.html`
\set g004 `base64 -w0 test/corpus/gbk/004.html`
\set b000 `base64 -w0 test/corpus/big5/000.txt`
\set b001 `base64 -w0 test/corpus/big5/001.txt`
\set b002 `base64 -w0 test/corpus/big5/002.txt`
\set b003 `base64 -w0 test/corpus/big5/003.txt`
\set b004 `base64 -w0 test/corpus/big5/004.txt`
\set u000 `base64 -w0 test/corpus/utf16/000.txt`
\set u001 `base64 -w0 test/corpus/utf16/001.txt`
\set u002 `base64 -w0 test/corpus/utf16/002.txt`
\set u003 `base64 -w0 test/corpus/utf16/003.txt`
\set u004 `base64 -w0 test/corpus/utf16/004.txt`
CREATE TEMP TABLE rendering (name text, rendering text, want_form text,
	r gip_report, expected jsonb);
-- one statement per rendering, so that a failing parse shows on its own
INSERT INTO rendering VALUES ('000', 'seed', 'cells', gip_parse(:'c000'), :'e000');
INSERT INTO rendering VALUES ('000', 'html', 'html', gip_parse(:'h000'), :'e000');
INSERT INTO rendering VALUES ('000', 'gbk', 'html',
	gip_parse(decode(:'g000', 'base64')), :'e000');
INSERT INTO rendering VALUES ('000', 'trad', 'cells', gip_parse(:'t000'), :'e000');
INSERT INTO rendering VALUES ('000', 'big5', 'cells',
	gip_parse(decode(:'b000', 'base64')), :'e000');
INSERT INTO rendering VALUES ('000', 'utf16', 'tsv',
	gip_parse(decode(:'u000', 'base64')), :'e000');
INSERT INTO rendering VALUES ('001', 'seed', 'cells', gip_parse(:'c001'), :'e001');
INSERT INTO rendering VALUES ('001', 'html', 'html', gip_parse(:'h001'), :'e001');
INSERT INTO rendering VALUES ('001', 'gbk', 'html',
	gip_parse(decode(:'g001', 'base64')), :'e001');
INSERT INTO rendering VALUES ('001', 'trad', 'cells', gip_parse(:'t001'), :'e001');
INSERT INTO rendering VALUES ('001', 'big5', 'cells',
	gip_parse(decode(:'b001', 'base64')), :'e001');
INSERT INTO rendering VALUES ('001', 'utf16', 'tsv',
	gip_parse(decode(:'u001', 'base64')), :'e001');
INSERT INTO rendering VALUES ('002', 'seed', 'cells', gip_parse(:'c002'), :'e002');
INSERT INTO rendering VALUES ('002', 'html', 'html', gip_parse(:'h002'), :'e002');
INSERT INTO rendering VALUES ('002', 'gbk', 'html',
	gip_parse(decode(:'g002', 'base64')), :'e002');
INSERT INTO rendering VALUES ('002', 'trad', 'cells', gip_parse(:'t002'), :'e002');
INSERT INTO rendering VALUES ('002', 'big5', 'cells',
	gip_parse(decode(:'b002', 'base64')), :'e002');
INSERT INTO rendering VALUES ('002', 'utf16', 'tsv',
	gip_parse(decode(:'u002', 'base64')), :'e002');
INSERT INTO rendering VALUES ('003', 'seed', 'cells', gip_parse(:'c003'), :'e003');
INSERT INTO rendering VALUES ('003', 'html', 'html', gip_parse(:'h003'), :'e003');
INSERT INTO rendering VALUES ('003', 'gbk', 'html',
	gip_parse(decode(:'g003', 'base64')), :'e003');
INSERT INTO rendering VALUES ('003', 'trad', 'cells', gip_parse(:'t003'), :'e003');
INSERT INTO rendering VALUES ('003', 'big5', 'cells',
	gip_parse(decode(:'b003', 'base64')), :'e003');
INSERT INTO rendering VALUES ('003', 'utf16', 'tsv',
	gip_parse(decode(:'u003', 'base64')), :'e003');
INSERT INTO rendering VALUES ('004', 'seed', 'cells', gip_parse(:'c004'), :'e004');
INSERT INTO rendering VALUES ('004', 'html', 'html', gip_parse(:'h004'), :'e004');
INSERT INTO rendering VALUES ('004', 'gbk', 'html',
	gip_parse(decode(:'g004', 'base64')), :'e004');
INSERT INTO rendering VALUES ('004', 'trad', 'cells', gip_parse(:'t004'), :'e004');
INSERT INTO rendering VALUES ('004', 'big5', 'cells',
	gip_parse(decode(:'b004', 'base64')), :'e004');
INSERT INTO rendering VALUES ('004', 'utf16', 'tsv',
	gip_parse(decode(:'u004', 'base64')), :'e004');
-- the GBK page declares gb2312 and is not UTF-8; the Big5 text is not UTF-8
-- either (so the encoding is detected); the UTF-16 text starts with FF FE
SELECT name, substr(decode(:'g000', 'base64'), 1, 15) AS gbk_head,
	   position('\x676232333132'::bytea IN decode(:'g000', 'base64')) > 0
		   AS declares_gb2312,
	   substr(decode(:'u000', 'base64'), 1, 4) AS utf16_head
  FROM (VALUES ('000')) AS v(name);
-- the form each rendering was read as
SELECT name, rendering, (r).form AS detected, (r).form = want_form AS ok
  FROM rendering ORDER BY name, rendering;
-- every value of every rendering against the seed's expected JSON: no row
SELECT x.name, x.rendering, d.path, d.actual, d.expected
  FROM rendering x, pg_temp.diff_report(gip_to_jsonb(x.r), x.expected) AS d
 ORDER BY 1, 2, 3;
-- the fields outside the JSON agree with the seed's own parse: no row
SELECT x.name, x.rendering, (x.r).period_start, (x.r).period_end,
	   (x.r).t3_variant, (s.r).period_start AS s_start,
	   (s.r).period_end AS s_end, (s.r).t3_variant AS s_variant
  FROM rendering x JOIN rendering s ON s.name = x.name AND s.rendering = 'seed'
 WHERE x.rendering <> 'seed'
   AND ((x.r).period_start IS DISTINCT FROM (s.r).period_start
		OR (x.r).period_end IS DISTINCT FROM (s.r).period_end
		OR (x.r).t3_variant IS DISTINCT FROM (s.r).t3_variant)
 ORDER BY 1, 2;
-- the narrative parts are found where the seed has them: no row
SELECT x.name, x.rendering,
	   (x.r).overview IS NULL AS no_overview,
	   (x.r).problems IS NULL AS no_problems,
	   (x.r).other_matters IS NULL AS no_other_matters
  FROM rendering x JOIN rendering s ON s.name = x.name AND s.rendering = 'seed'
 WHERE ((x.r).overview IS NULL AND (s.r).overview IS NOT NULL)
	OR ((x.r).problems IS NULL AND (s.r).problems IS NOT NULL)
	OR ((x.r).other_matters IS NULL AND (s.r).other_matters IS NOT NULL)
 ORDER BY 1, 2;
-- every cell has the same state and value as in the seed's parse: no row
CREATE TEMP TABLE cell AS
SELECT x.name, x.rendering, c.* FROM rendering x, gip_cells(x.r) AS c;
SELECT coalesce(x.name, s.name) AS name,
	   coalesce(x.rendering, s.xrendering) AS rendering,
	   coalesce(x.table_no, s.table_no) AS table_no,
	   coalesce(x.row_code, s.row_code) AS row_code,
	   coalesce(x.column_code, s.column_code) AS column_code,
	   x.state, x.value, s.state AS seed_state, s.value AS seed_value
  FROM (SELECT * FROM cell WHERE rendering <> 'seed') x
  FULL JOIN (SELECT f.rendering AS xrendering, cell.*
			   FROM cell, (VALUES ('html'), ('gbk'), ('trad'), ('big5'),
							  ('utf16')) AS f(rendering)
			  WHERE cell.rendering = 'seed') s
	ON s.name = x.name AND s.xrendering = x.rendering
   AND s.table_no = x.table_no AND s.row_code = x.row_code
   AND s.column_code = x.column_code
 WHERE x.state IS DISTINCT FROM s.state OR x.value IS DISTINCT FROM s.value
 ORDER BY 1, 2, 3, 4, 5;
SELECT rendering, count(*) FROM cell GROUP BY rendering ORDER BY rendering;
-- a GBK page gives the very cells of its UTF-8 page, provenance included:
-- no row
(SELECT table_no, row_code, column_code, value, state, raw, line, cell_no,
		html_table, html_row FROM cell WHERE rendering = 'html'
 EXCEPT ALL
 SELECT table_no, row_code, column_code, value, state, raw, line, cell_no,
		html_table, html_row FROM cell WHERE rendering = 'gbk')
UNION ALL
(SELECT table_no, row_code, column_code, value, state, raw, line, cell_no,
		html_table, html_row FROM cell WHERE rendering = 'gbk'
 EXCEPT ALL
 SELECT table_no, row_code, column_code, value, state, raw, line, cell_no,
		html_table, html_row FROM cell WHERE rendering = 'html')
ORDER BY 1, 2, 3;
-- every cell of a text rendering points at a line of it holding the cell:
-- no row
SELECT x.name, x.rendering, c.table_no, c.row_code, c.column_code, c.raw,
	   c.line
  FROM rendering x, gip_cells(x.r) c
 WHERE x.rendering IN ('html', 'trad')
   AND (c.line IS NULL OR c.line < 1
		OR position(btrim(c.raw, E' \t\u3000\u00a0') IN
					replace((string_to_array(
						CASE x.rendering WHEN 'html' THEN
							CASE x.name WHEN '000' THEN :'h000'
										WHEN '001' THEN :'h001'
										WHEN '002' THEN :'h002'
										WHEN '003' THEN :'h003'
										ELSE :'h004' END
						ELSE CASE x.name WHEN '000' THEN :'t000'
										 WHEN '001' THEN :'t001'
										 WHEN '002' THEN :'t002'
										 WHEN '003' THEN :'t003'
										 ELSE :'t004' END END,
						E'\n'))[c.line], '&nbsp;', E'\u00a0')) = 0)
 ORDER BY 1, 2, 3, 4, 5;
-- where the cells of seed 002's web page stood: table 三 is split over two
-- <table> elements (html_table counts the page's data tables), the group
-- labels are rowspan cells, so a value's cell_no is its grid column
SELECT table_no, row_code, column_code, raw, line, cell_no, html_table,
	   html_row
  FROM cell
 WHERE name = '002' AND rendering = 'html'
   AND ((table_no = 2 AND row_code IN ('rules', 'licensing', 'admin_fees')
		 AND column_code IN ('issued', 'decisions', 'amount_wan_yuan'))
		OR (table_no = 3 AND row_code IN ('new_received', 'granted',
				'denied_query_matter', 'unavailable_not_held', 'other_misc',
				'total_processed', 'carried_forward')
			AND column_code IN ('natural_person', 'total'))
		OR (table_no = 4 AND column_code = 'total'))
 ORDER BY table_no, html_table, html_row, cell_no;
-- in the nested layout of seed 003's page the layout table is no data
-- table: its three tables are html_table 1 to 3, their values in the grid
-- columns of the template
SELECT table_no, min(html_table) AS first_table, max(html_table) AS last_table,
	   min(html_row) AS first_row, max(html_row) AS last_row,
	   min(cell_no) AS first_col, max(cell_no) AS last_col, count(*) AS cells
  FROM cell
 WHERE name = '003' AND rendering = 'html'
 GROUP BY table_no ORDER BY table_no;
-- a Traditional rendering keeps its text as written (seed 003's 行政規範性
-- 文件 row: the label line before its values) under the template's codes
SELECT string_agg(c.column_code || '=' || c.raw, ', ' ORDER BY c.line)
		   AS cells,
	   btrim((string_to_array(:'t003', E'\n'))[min(c.line) - 1], E'\t')
		   AS label_line
  FROM cell c
 WHERE c.name = '003' AND c.rendering = 'trad' AND c.table_no = 2
   AND c.row_code = 'normative_documents';
