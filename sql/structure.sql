--
-- structure: reports with a part missing or mislabelled
-- (test/corpus/cases/, made by test/gen/mutate.py).  A missing table or
-- row does not stop the parse: its cells are 'missing' (NULL, no line);
-- a wrong heading does not change what a table is, its content does.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS gipreport;
RESET client_min_messages;
\set ECHO none
\i test/gen/diff_report.sql
\set ECHO all
\set n4 `cat test/corpus/cases/no_t4.txt`
\set n4j `cat test/corpus/cases/no_t4.json`
\set nr `cat test/corpus/cases/no_carried_over.txt`
\set nrj `cat test/corpus/cases/no_carried_over.json`
\set wh `cat test/corpus/cases/wrong_heading.txt`
\set whj `cat test/corpus/cases/wrong_heading.json`
\set s000 `cat test/seeds/000.txt`
\set e000 `cat test/seeds/000.json`
CREATE TEMP TABLE scase AS
SELECT name, body, gip_parse(body) AS r, expected::jsonb AS expected
  FROM (VALUES ('no_t4', :'n4', :'n4j'),
			   ('no_carried_over', :'nr', :'nrj'),
			   ('wrong_heading', :'wh', :'whj'),
			   ('seed000_t4_headed_as_t3', :'s000', :'e000'))
	   AS v(name, body, expected);
SELECT name, (r).agency, (r).year, (r).template, (r).t3_variant, (r).form
  FROM scase ORDER BY name;
-- every value against the case's JSON (what is missing is null): no row
SELECT s.name, d.path, d.actual, d.expected
  FROM scase s, pg_temp.diff_report(gip_to_jsonb(s.r), s.expected) AS d
 ORDER BY 1, 2;
-- cell states per table
SELECT name, table_no, state, count(*), count(line) AS with_line,
	   count(value) AS with_value
  FROM scase, gip_cells(r) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
-- the missing cells are exactly those the case's JSON lists: no row
SELECT s.name, c.table_no, c.row_code, c.column_code, c.state, w.c
  FROM scase s
  CROSS JOIN LATERAL gip_cells(s.r) AS c
  FULL JOIN (SELECT s2.name, c2 AS c
			   FROM scase s2, jsonb_array_elements(s2.expected->'cells') c2) w
	ON w.name = s.name AND (w.c->>0)::int = c.table_no
   AND w.c->>1 = c.row_code AND w.c->>2 = c.column_code
 WHERE (c.state = 'missing') IS DISTINCT FROM (w.c IS NOT NULL)
	OR (w.c IS NOT NULL AND c.state IS DISTINCT FROM w.c->>3)
	OR (c.state = 'missing' AND (c.line IS NOT NULL OR c.value IS NOT NULL))
 ORDER BY 1, 2, 3, 4;
-- no table 四: its three categories are there, every value NULL
SELECT t.* FROM scase, gip_review_litigation(r) AS t WHERE name = 'no_t4';
-- no row 二、上年结转: the row is there, every value NULL
SELECT row_no, row_code, natural_person, commercial, total
  FROM scase, gip_requests(r)
 WHERE name = 'no_carried_over' AND row_no <= 3 ORDER BY row_no;
-- what the parser noticed
SELECT name, n.kind, n.table_no, n.code, n.line
  FROM scase, gip_notes(r) AS n
 WHERE name IN ('no_t4', 'no_carried_over')
 ORDER BY name, n.table_no, n.code;
-- a note says that table 四 is missing
SELECT EXISTS (SELECT 1 FROM scase, gip_notes(r) n
				WHERE name = 'no_t4' AND n.table_no = 4) AS t4_noted;
-- wrong heading: table 三 is still table 三 and lies where the text says
SELECT row_code, natural_person, total,
	   (SELECT min(line) FROM gip_cells(r) c
		 WHERE c.table_no = 3 AND c.row_code = q.row_code) AS line
  FROM scase, gip_requests(r) AS q
 WHERE name = 'wrong_heading' AND total <> 0
 ORDER BY row_no;
