--
-- markdown: every seed as Markdown (test/corpus/md/NNN.STYLE.md, made by
-- test/gen/render_md.py: clean, as PDF->Markdown converters break it, as
-- OCR pipelines split it, and with HTML tables among Markdown) and a real
-- converter's output (test/corpus/real/shanghai-stcsm-2024.md) parse to
-- their expected JSON, read as form 'markdown'; the hand-made cases whose
-- labels are lost or whose row is dropped give ambiguous cells with a note,
-- never values in the wrong row.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS gipreport;
RESET client_min_messages;
\set ECHO none
\i test/gen/diff_report.sql
\set e000 `cat test/seeds/000.json`
\set e001 `cat test/seeds/001.json`
\set e002 `cat test/seeds/002.json`
\set e003 `cat test/seeds/003.json`
\set e004 `cat test/seeds/004.json`
\set c000 `cat test/corpus/md/000.clean.md`
\set b000 `cat test/corpus/md/000.broken.md`
\set o000 `cat test/corpus/md/000.ocr.md`
\set c001 `cat test/corpus/md/001.clean.md`
\set b001 `cat test/corpus/md/001.broken.md`
\set o001 `cat test/corpus/md/001.ocr.md`
\set c002 `cat test/corpus/md/002.clean.md`
\set b002 `cat test/corpus/md/002.broken.md`
\set o002 `cat test/corpus/md/002.ocr.md`
\set c003 `cat test/corpus/md/003.clean.md`
\set b003 `cat test/corpus/md/003.broken.md`
\set o003 `cat test/corpus/md/003.ocr.md`
\set c004 `cat test/corpus/md/004.clean.md`
\set b004 `cat test/corpus/md/004.broken.md`
\set o004 `cat test/corpus/md/004.ocr.md`
\set h000 `cat test/corpus/md/000.htmltables.md`
\set h001 `cat test/corpus/md/001.htmltables.md`
\set h002 `cat test/corpus/md/002.htmltables.md`
\set h003 `cat test/corpus/md/003.htmltables.md`
\set h004 `cat test/corpus/md/004.htmltables.md`
\set xdetached `cat test/corpus/md/002.detached.md`
\set jdetached `cat test/corpus/md/002.detached.json`
\set xuntied `cat test/corpus/md/002.untied.md`
\set juntied `cat test/corpus/md/002.untied.json`
\set xdropped `cat test/corpus/md/002.dropped.md`
\set jdropped `cat test/corpus/md/002.dropped.json`
\set real `cat test/corpus/real/shanghai-stcsm-2024.md`
\set jreal `cat test/corpus/real/shanghai-stcsm-2024.json`
\set ECHO all
CREATE TEMP TABLE md AS
SELECT name, style, gip_parse(body) AS r, expected::jsonb AS expected
  FROM (VALUES
		('000', 'clean', :'c000', :'e000'),
		('000', 'broken', :'b000', :'e000'),
		('000', 'ocr', :'o000', :'e000'),
		('001', 'clean', :'c001', :'e001'),
		('001', 'broken', :'b001', :'e001'),
		('001', 'ocr', :'o001', :'e001'),
		('002', 'clean', :'c002', :'e002'),
		('002', 'broken', :'b002', :'e002'),
		('002', 'ocr', :'o002', :'e002'),
		('003', 'clean', :'c003', :'e003'),
		('003', 'broken', :'b003', :'e003'),
		('003', 'ocr', :'o003', :'e003'),
		('004', 'clean', :'c004', :'e004'),
		('004', 'broken', :'b004', :'e004'),
		('004', 'ocr', :'o004', :'e004'),
		('000', 'htmltables', :'h000', :'e000'),
		('001', 'htmltables', :'h001', :'e001'),
		('002', 'htmltables', :'h002', :'e002'),
		('003', 'htmltables', :'h003', :'e003'),
		('004', 'htmltables', :'h004', :'e004'),
		('002', 'detached', :'xdetached', :'jdetached'),
		('002', 'untied', :'xuntied', :'juntied'),
		('002', 'dropped', :'xdropped', :'jdropped'),
		('shanghai-stcsm-2024', 'real', :'real', :'jreal'))
	   AS v(name, style, body, expected);
-- every text is read as Markdown
SELECT style, count(*) AS texts, bool_and((r).form = 'markdown') AS markdown
  FROM md GROUP BY style ORDER BY style;
-- every value against the expected JSON (the agency of the real report may
-- be any of its alternates): no row
SELECT x.name, x.style, d.path, d.actual, d.expected
  FROM md x, pg_temp.diff_report(gip_to_jsonb(x.r), x.expected) AS d
 WHERE NOT (d.path = 'agency' AND
			coalesce(x.expected->'agency_alternates' @> d.actual, false))
 ORDER BY 1, 2, 3;
-- the cells the cases are about: ambiguous where nothing ties the numbers
SELECT x.style, c.row_code, c.state, count(*) AS cells, max(c.value) AS value
  FROM md x, gip_cells(x.r) c
 WHERE x.style IN ('detached', 'untied', 'dropped') AND c.table_no = 3
   AND c.row_code IN ('denied_prohibited_by_law', 'denied_security_stability')
 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
-- and a note names each such row
SELECT x.style, n.code, n.message
  FROM md x, gip_notes(x.r) n
 WHERE x.style IN ('detached', 'untied', 'dropped') AND n.code = 'untied_row'
 ORDER BY 1, 3;
