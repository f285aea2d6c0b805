--
-- cells: the hand-made cases of test/corpus/cases/ (made by
-- test/gen/mutate.py; html_blank, glued_tsv and glued_layout from
-- renderings of seed 003, the glued ones with numbers run together as
-- crawlers leave them: split where one split adds up, ambiguous otherwise;
-- noblank is seed 003 as DOCX text whose table rows are not kept apart by
-- blank lines;
-- NAME.json says what each must give): blank cells,
-- placeholders, full-width digits, units, separators and spaces inside
-- numbers.  A blank or a placeholder is NULL with its state, never 0; the
-- text as written is kept; every cell found has its source line.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS gipreport;
RESET client_min_messages;
\set ECHO none
\i test/gen/diff_report.sql
\set ECHO all
\set b `cat test/corpus/cases/blank.txt`
\set bj `cat test/corpus/cases/blank.json`
\set bt `cat test/corpus/cases/blank_tsv.txt`
\set btj `cat test/corpus/cases/blank_tsv.json`
\set bl `cat test/corpus/cases/blank_layout.txt`
\set blj `cat test/corpus/cases/blank_layout.json`
\set p `cat test/corpus/cases/placeholder.txt`
\set pj `cat test/corpus/cases/placeholder.json`
\set pt `cat test/corpus/cases/placeholder_tsv.txt`
\set ptj `cat test/corpus/cases/placeholder_tsv.json`
\set pl `cat test/corpus/cases/placeholder_layout.txt`
\set plj `cat test/corpus/cases/placeholder_layout.json`
\set f `cat test/corpus/cases/fullwidth.txt`
\set fj `cat test/corpus/cases/fullwidth.json`
\set u `cat test/corpus/cases/units.txt`
\set uj `cat test/corpus/cases/units.json`
\set u2 `cat test/corpus/cases/units2021.txt`
\set u2j `cat test/corpus/cases/units2021.json`
\set w `cat test/corpus/cases/wanyuan.txt`
\set wj `cat test/corpus/cases/wanyuan.json`
\set hb `cat test/corpus/cases/html_blank.html`
\set hbj `cat test/corpus/cases/html_blank.json`
\set gt `cat test/corpus/cases/glued_tsv.txt`
\set gtj `cat test/corpus/cases/glued_tsv.json`
\set gl `cat test/corpus/cases/glued_layout.txt`
\set glj `cat test/corpus/cases/glued_layout.json`
\set nb `cat test/corpus/cases/noblank.txt`
\set nbj `cat test/corpus/cases/noblank.json`
CREATE TEMP TABLE hcase AS
SELECT name, body, gip_parse(body) AS r, expected::jsonb AS expected
  FROM (VALUES ('blank', :'b', :'bj'), ('blank_tsv', :'bt', :'btj'),
			   ('blank_layout', :'bl', :'blj'),
			   ('placeholder', :'p', :'pj'),
			   ('placeholder_tsv', :'pt', :'ptj'),
			   ('placeholder_layout', :'pl', :'plj'),
			   ('fullwidth', :'f', :'fj'), ('units', :'u', :'uj'),
			   ('units2021', :'u2', :'u2j'), ('wanyuan', :'w', :'wj'),
			   ('html_blank', :'hb', :'hbj'),
			   ('glued_tsv', :'gt', :'gtj'), ('glued_layout', :'gl', :'glj'),
			   ('noblank', :'nb', :'nbj'))
	   AS v(name, body, expected);
-- the form each case was read as
SELECT name, (r).form, (r).template, (r).year FROM hcase ORDER BY name;
-- every value against the case's JSON (blanks and placeholders null): no row
SELECT h.name, d.path, d.actual, d.expected
  FROM hcase h, pg_temp.diff_report(gip_to_jsonb(h.r), h.expected) AS d
 ORDER BY 1, 2;
-- the cells each case is about: state, value, raw text and line as listed
-- in its JSON ("cells": table, row, column, state, value, raw, line; a null
-- line is not checked, only that there is one): no row
CREATE TEMP TABLE want AS
SELECT h.name, (c->>0)::int AS table_no, c->>1 AS row_code,
	   c->>2 AS column_code, c->>3 AS state, (c->>4)::numeric AS value,
	   c->>5 AS raw, (c->>6)::int AS line
  FROM hcase h, jsonb_array_elements(h.expected->'cells') AS c;
SELECT w.name, w.table_no, w.row_code, w.column_code,
	   g.state, w.state AS want_state, g.value, w.value AS want_value,
	   g.raw, w.raw AS want_raw, g.line, w.line AS want_line
  FROM want w
  JOIN hcase h ON h.name = w.name
  LEFT JOIN LATERAL (SELECT * FROM gip_cells(h.r) c
					  WHERE c.table_no = w.table_no AND c.row_code = w.row_code
						AND c.column_code = w.column_code) g ON true
 WHERE g.state IS DISTINCT FROM w.state
	OR g.value IS DISTINCT FROM w.value
	OR (CASE WHEN w.state = 'blank' THEN coalesce(g.raw, '') ELSE g.raw END)
	   IS DISTINCT FROM w.raw
	OR (w.line IS NOT NULL AND g.line IS DISTINCT FROM w.line)
	OR g.line IS NULL OR g.line < 1
 ORDER BY 1, 2, 3, 4;
-- those cells as gip_cells shows them
SELECT h.name, c.table_no, c.row_code, c.column_code, c.value, c.state,
	   c.raw, c.line
  FROM hcase h, want w, gip_cells(h.r) c
 WHERE w.name = h.name AND c.table_no = w.table_no
   AND c.row_code = w.row_code AND c.column_code = w.column_code
 ORDER BY 1, 2, 8, 4;
-- no other cell is blank, a placeholder, invalid or missing: no row
SELECT h.name, c.table_no, c.row_code, c.column_code, c.state, c.raw, c.line
  FROM hcase h, gip_cells(h.r) c
 WHERE c.state <> 'value'
   AND NOT EXISTS (SELECT 1 FROM want w
					WHERE w.name = h.name AND w.table_no = c.table_no
					  AND w.row_code = c.row_code
					  AND w.column_code = c.column_code)
 ORDER BY 1, 2, 3, 4;
-- the blank line of a DOCX-text cell is the lone tab itself
SELECT c.row_code, c.column_code, c.line,
	   (string_to_array(h.body, E'\n'))[c.line] = E'\t' AS lone_tab
  FROM hcase h, gip_cells(h.r) c
 WHERE h.name = 'blank' AND c.state = 'blank'
 ORDER BY c.line;
-- the table functions show blanks and placeholders as NULL, not 0
SELECT name, row_code, natural_person, commercial, research,
	   public_interest, total
  FROM hcase, gip_requests(r)
 WHERE name IN ('blank', 'placeholder', 'blank_layout')
   AND row_code IN ('new_received', 'carried_over', 'granted')
 ORDER BY name, row_no;
SELECT name, t.*
  FROM hcase, gip_review_litigation(r) AS t
 WHERE name IN ('blank', 'placeholder', 'placeholder_layout')
 ORDER BY name, category;
SELECT name, item, measure, value, state
  FROM hcase, gip_active_disclosure(r)
 WHERE name IN ('placeholder', 'placeholder_tsv') AND item = 'coercion'
 ORDER BY name;
-- numbers written with units, separators and full-width digits
SELECT name, item, measure, value, state
  FROM hcase, gip_active_disclosure(r)
 WHERE name IN ('fullwidth', 'units', 'units2021', 'wanyuan')
   AND value <> 0
 ORDER BY name, item, measure;
-- numbers that ran together: the split rows and the ambiguous one, with the notes
SELECT name, row_code, natural_person, commercial, research, public_interest,
	   legal_service, other_org, total
  FROM hcase, gip_requests(r)
 WHERE name IN ('glued_tsv', 'glued_layout')
   AND row_code IN ('new_received', 'granted', 'unavailable_not_held')
 ORDER BY name, row_no;
SELECT name, n.code, n.line, n.message
  FROM hcase, gip_notes(r) n
 WHERE name IN ('glued_tsv', 'glued_layout') AND n.code LIKE '%glued%'
 ORDER BY name, n.line;
