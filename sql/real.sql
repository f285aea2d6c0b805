--
-- real: three real reports as pdftotext -layout gives them
-- (test/corpus/real/NAME.txt) parse to what NAME.json says; agency may be
-- any of the names in agency_alternates.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS gipreport;
RESET client_min_messages;
\set ECHO none
\i test/gen/diff_report.sql
\set ECHO all
\set s1 `cat test/corpus/real/huaian-city-2024.txt`
\set s2 `cat test/corpus/real/hongze-district-2023.txt`
\set s3 `cat test/corpus/real/hongze-district-2024.txt`
\set e1 `cat test/corpus/real/huaian-city-2024.json`
\set e2 `cat test/corpus/real/hongze-district-2023.json`
\set e3 `cat test/corpus/real/hongze-district-2024.json`
CREATE TEMP TABLE real AS
SELECT name, body, gip_parse(body) AS r, expected::jsonb AS expected
  FROM (VALUES ('huaian-city-2024', :'s1', :'e1'),
			   ('hongze-district-2023', :'s2', :'e2'),
			   ('hongze-district-2024', :'s3', :'e3')) AS v(name, body, expected);
-- metadata; agency_ok: the agency is the expected one or an alternate
SELECT name, (r).agency,
	   (r).agency = expected->>'agency'
		 OR coalesce(expected->'agency_alternates' @> to_jsonb((r).agency), false)
		 AS agency_ok,
	   (r).year, (r).template, (r).published, (r).period_start,
	   (r).period_end, (r).t3_variant, (r).form
  FROM real ORDER BY name;
-- every value against the expected JSON: no row
SELECT s.name, d.path, d.actual, d.expected
  FROM real s, pg_temp.diff_report(gip_to_jsonb(s.r), s.expected) AS d
 WHERE NOT (d.path = 'agency'
			AND coalesce(s.expected->'agency_alternates' @> d.actual, false))
 ORDER BY 1, 2;
-- cell states: all values
SELECT name, table_no, state, count(*)
  FROM real, gip_cells(r) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
-- each cell's line is a source line holding its number: no row
SELECT s.name, c.table_no, c.row_code, c.column_code, c.raw, c.line
  FROM real s, gip_cells(s.r) c
 WHERE c.line IS NULL OR c.line < 1
	OR position(btrim(c.raw) IN (string_to_array(s.body, E'\n'))[c.line]) = 0
 ORDER BY 1, 2, 3, 4;
-- the large counts of huaian-city-2024, table 三 across the page break
SELECT q.* FROM real, gip_requests(r) AS q WHERE name = 'huaian-city-2024';
-- table 四 of all three, as published (hongze-district-2023 has 总计 0
-- against 11 and 5: the parser reports what is printed)
SELECT name, t.*
  FROM real, gip_review_litigation(r) AS t ORDER BY name, category;
-- the mixed template: 2021 table 二 with the single （六）其他处理 row
SELECT name, row_no, row_code, row_label, natural_person, total
  FROM real, gip_requests(r)
 WHERE name LIKE 'hongze%'
   AND row_code IN ('denied_prohibited_by_law', 'other', 'total_processed')
 ORDER BY name, row_no;
-- table 二 of hongze-district-2023
SELECT item, measure, value, line, state
  FROM real, gip_active_disclosure(r) WHERE name = 'hongze-district-2023';
