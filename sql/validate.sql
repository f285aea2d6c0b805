--
-- validate: the consistency rules (gip_validate, gip_is_valid, gip_rules),
-- a CHECK constraint and the gip_enforce() trigger.  The cases are
-- test/cases/validate/*.txt (made by make_cases.py there): base.txt holds
-- non-zero numbers that satisfy every rule; each other case changes one
-- cell, blanks one cell or drops a row or a table.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS gipreport;
RESET client_min_messages;
\set base `cat test/cases/validate/base.txt`
\set prev `cat test/cases/validate/prev.txt`
\set prev_carry_bad `cat test/cases/validate/prev_carry_bad.txt`
\set prev_carry_blank `cat test/cases/validate/prev_carry_blank.txt`
\set prev_stock_bad `cat test/cases/validate/prev_stock_bad.txt`
\set prev_stock_blank `cat test/cases/validate/prev_stock_blank.txt`
\set balance_bad `cat test/cases/validate/balance_bad.txt`
\set balance_blank `cat test/cases/validate/balance_blank.txt`
\set outcome_bad `cat test/cases/validate/outcome_bad.txt`
\set outcome_placeholder `cat test/cases/validate/outcome_placeholder.txt`
\set row_total_bad `cat test/cases/validate/row_total_bad.txt`
\set t4_bad `cat test/cases/validate/t4_bad.txt`
\set t4_blank `cat test/cases/validate/t4_blank.txt`
\set negative `cat test/cases/validate/negative.txt`
\set fraction `cat test/cases/validate/fraction.txt`
\set no_t4 `cat test/cases/validate/no_t4.txt`
\set no_row `cat test/cases/validate/no_row.txt`
\set template_2020 `cat test/cases/validate/template_2020.txt`
\set signed_2026 `cat test/cases/validate/signed_2026.txt`
\set period_2022 `cat test/cases/validate/period_2022.txt`
\set late `cat test/cases/validate/late.txt`
\set narrative_bad `cat test/cases/validate/narrative_bad.txt`
\set narrative_blank `cat test/cases/validate/narrative_blank.txt`
\set narrative_part `cat test/cases/validate/narrative_part.txt`
\set hongze2023 `cat test/corpus/real/hongze-district-2023.txt`
\set hongze2024 `cat test/corpus/real/hongze-district-2024.txt`
\set huaian2024 `cat test/corpus/real/huaian-city-2024.txt`
\set seed004 `cat test/seeds/004.txt`
CREATE TEMP TABLE vcase AS
SELECT name, body, gip_parse(body) AS r
  FROM (VALUES ('base', :'base'), ('prev', :'prev'),
			   ('prev_carry_bad', :'prev_carry_bad'),
			   ('prev_carry_blank', :'prev_carry_blank'),
			   ('prev_stock_bad', :'prev_stock_bad'),
			   ('prev_stock_blank', :'prev_stock_blank'),
			   ('balance_bad', :'balance_bad'), ('balance_blank', :'balance_blank'),
			   ('outcome_bad', :'outcome_bad'),
			   ('outcome_placeholder', :'outcome_placeholder'),
			   ('row_total_bad', :'row_total_bad'),
			   ('t4_bad', :'t4_bad'), ('t4_blank', :'t4_blank'),
			   ('negative', :'negative'), ('fraction', :'fraction'),
			   ('no_t4', :'no_t4'), ('no_row', :'no_row'),
			   ('template_2020', :'template_2020'),
			   ('signed_2026', :'signed_2026'), ('period_2022', :'period_2022'),
			   ('late', :'late'),
			   ('narrative_bad', :'narrative_bad'),
			   ('narrative_blank', :'narrative_blank'),
			   ('narrative_part', :'narrative_part'),
			   ('hongze2023', :'hongze2023'), ('hongze2024', :'hongze2024'),
			   ('huaian2024', :'huaian2024'), ('seed004', :'seed004'))
	   AS c(name, body);
-- the rules as data
SELECT rule_id, severity, description FROM gip_rules();
-- the base report: every rule holds, not a single finding
SELECT count(*) AS findings FROM vcase, gip_validate(r) WHERE name = 'base';
SELECT (r).year, (r).template, (r).published, (r).period_start, (r).period_end
  FROM vcase WHERE name = 'base';
-- every case: which rules fail or are uncertain (history cases are checked
-- further down, against base)
SELECT c.name, f.rule_id, f.severity, f.status, f.table_no, f.row_code,
	   f.column_code, f.expected, f.actual, f.line
  FROM vcase AS c, gip_validate(c.r) WITH ORDINALITY AS f
 WHERE c.name NOT LIKE 'prev%'
 ORDER BY c.name, f.ordinality;
-- the messages a clerk reads
SELECT c.name, f.rule_id, f.status, f.message
  FROM vcase AS c, gip_validate(c.r) WITH ORDINALITY AS f
 WHERE c.name IN ('balance_bad', 'balance_blank', 'outcome_bad',
				  'outcome_placeholder', 'row_total_bad', 't4_bad', 't4_blank',
				  'negative', 'fraction', 'no_t4', 'template_2020',
				  'signed_2026', 'period_2022', 'late', 'narrative_bad',
				  'narrative_blank', 'hongze2023')
 ORDER BY c.name, f.ordinality;
-- the real report of 洪泽区 2023: table 四 as published breaks t4.total twice
SELECT f.rule_id, f.status, f.row_code, f.expected, f.actual, f.line, f.message
  FROM vcase AS c, gip_validate(c.r) AS f
 WHERE c.name = 'hongze2023' AND f.severity = 'error';
-- history: base (2023) against the 2022 reports
SELECT p.name AS previous, f.rule_id, f.status, f.table_no, f.row_code,
	   f.column_code, f.expected, f.actual, f.line, f.message
  FROM vcase AS b, vcase AS p, gip_validate(b.r, p.r) WITH ORDINALITY AS f
 WHERE b.name = 'base' AND p.name LIKE 'prev%'
 ORDER BY p.name, f.ordinality;
SELECT count(*) AS findings_with_good_previous
  FROM vcase AS b, vcase AS p, gip_validate(b.r, p.r)
 WHERE b.name = 'base' AND p.name = 'prev';
-- NULL previous: no history rules; NULL report: no rows
SELECT count(*) FROM vcase, gip_validate(r, NULL) WHERE name = 'base';
SELECT count(*) FROM gip_validate(NULL);
-- gip_is_valid: a failing error rule makes it false, an uncertain one only
-- with strict; warnings never do
SELECT name, gip_is_valid(r) AS valid, gip_is_valid(r, strict => true) AS strict_valid
  FROM vcase ORDER BY name;
-- a report edited in SQL is checked as it now stands
SELECT f.rule_id, f.status, f.message
  FROM vcase AS c,
	   gip_validate(ROW((c.r).agency, 2020, (c.r).template, (c.r).published,
						(c.r).period_start, (c.r).period_end, (c.r).t3_variant,
						(c.r).form, (c.r).overview, (c.r).problems,
						(c.r).other_matters, (c.r).tables)::gip_report) AS f
 WHERE c.name = 'base';
-- a composite without tables is not a parsed report
SELECT gip_is_valid(ROW('x', 2023, '2021', NULL, NULL, NULL, NULL, NULL,
						NULL, NULL, NULL, NULL)::gip_report);
-- errors are reported with their SQLSTATE and, for gip_enforce, the detail
CREATE FUNCTION pg_temp.try(stmt text, with_detail boolean DEFAULT true)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text;
	msg text;
	det text;
BEGIN
	EXECUTE stmt;
	RETURN 'ok';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
							det = PG_EXCEPTION_DETAIL;
	RETURN st || ': ' || msg ||
		CASE WHEN with_detail AND det <> '' THEN E'\n' || det ELSE '' END;
END
$$;
-- a CHECK constraint
CREATE TEMP TABLE checked (name text, body text CHECK (gip_is_valid(gip_parse(body))));
SELECT name, pg_temp.try(format('INSERT INTO checked VALUES (%L, %L)', name, body), false)
  FROM vcase
 WHERE name IN ('base', 'balance_blank', 'late', 't4_bad', 'balance_bad', 'no_t4')
 ORDER BY name;
SELECT pg_temp.try(format('INSERT INTO checked VALUES (%L, %L)', 'news', '政府信息公开日活动新闻'), false);
SELECT name FROM checked ORDER BY name;
-- gip_enforce('column')
CREATE TEMP TABLE docs (id int, body text);
CREATE TRIGGER docs_enforce BEFORE INSERT OR UPDATE ON docs
	FOR EACH ROW EXECUTE FUNCTION gip_enforce('body');
SELECT name, pg_temp.try(format('INSERT INTO docs VALUES (%s, %L)',
								length(name), body))
  FROM vcase
 WHERE name IN ('base', 't4_bad', 'outcome_bad', 'hongze2023', 'narrative_bad')
 ORDER BY name;
SELECT pg_temp.try($$INSERT INTO docs VALUES (2, '这不是年度报告')$$);
INSERT INTO docs VALUES (3, NULL);
SELECT pg_temp.try(format('UPDATE docs SET body = %L WHERE id = 1', body))
  FROM vcase WHERE name = 'row_total_bad';
SELECT id, body IS NULL AS null_body FROM docs ORDER BY id;
CREATE TEMP TABLE docs2 (body text);
CREATE TRIGGER docs2_enforce BEFORE INSERT ON docs2
	FOR EACH ROW EXECUTE FUNCTION gip_enforce();
SELECT pg_temp.try($$INSERT INTO docs2 VALUES ('x')$$);
