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
--
-- what the blanks imply: holds ('holds' / 'fails' with the blank,
-- placeholder and missing operands read as 0), required (the value of the
-- one operand without a number), message_en; the modes of gip_is_valid.
-- The cases: base and seed 003 with cells emptied (make_cases.py).
--
\set blank_column `cat test/cases/validate/blank_column.txt`
\set blank_total `cat test/cases/validate/blank_total.txt`
\set two_blanks `cat test/cases/validate/two_blanks.txt`
\set blank_excess `cat test/cases/validate/blank_excess.txt`
\set text_cell `cat test/cases/validate/text_cell.txt`
\set both_blanks `cat test/cases/validate/both_blanks.txt`
\set narrative_alt_blank `cat test/cases/validate/narrative_alt_blank.txt`
\set seed_column_blank `cat test/cases/validate/seed_column_blank.txt`
\set seed_zeros_blank `cat test/cases/validate/seed_zeros_blank.txt`
\set seed_total_blank `cat test/cases/validate/seed_total_blank.txt`
\set seed_zeros_total_blank `cat test/cases/validate/seed_zeros_total_blank.txt`
\set seed_two_blanks `cat test/cases/validate/seed_two_blanks.txt`
\set seed003 `cat test/seeds/003.txt`
CREATE TEMP TABLE ucase AS
SELECT name, body, gip_parse(body) AS r
  FROM (VALUES ('blank_column', :'blank_column'), ('blank_total', :'blank_total'),
			   ('two_blanks', :'two_blanks'), ('blank_excess', :'blank_excess'),
			   ('text_cell', :'text_cell'), ('both_blanks', :'both_blanks'),
			   ('narrative_alt_blank', :'narrative_alt_blank'),
			   ('seed003', :'seed003'),
			   ('seed_column_blank', :'seed_column_blank'),
			   ('seed_zeros_blank', :'seed_zeros_blank'),
			   ('seed_total_blank', :'seed_total_blank'),
			   ('seed_zeros_total_blank', :'seed_zeros_total_blank'),
			   ('seed_two_blanks', :'seed_two_blanks'))
	   AS c(name, body);
-- the uncertain findings of each case by what their blanks imply
SELECT c.name, f.rule_id, f.holds, f.required, count(*)
  FROM ucase AS c, gip_validate(c.r) AS f
 WHERE f.status = 'uncertain'
 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
-- the findings of the small cases with their messages: each names the
-- blank cell and says what the blanks imply, in Chinese and in English
SELECT c.name, f.rule_id, f.status, f.row_code, f.column_code, f.holds,
	   f.required, f.message, f.message_en
  FROM ucase AS c, gip_validate(c.r) WITH ORDINALITY AS f
 WHERE c.name IN ('blank_total', 'two_blanks', 'blank_excess', 'text_cell',
				  'seed_total_blank', 'seed_two_blanks', 'narrative_alt_blank')
 ORDER BY c.name, f.ordinality;
-- a failing finding and a rule that is no identity say nothing of blanks;
-- every finding has its English message, led by the rule id
SELECT f.status, f.rule_id LIKE 'meta.%' AS meta,
	   count(*) FILTER (WHERE f.holds IS NOT NULL) AS with_holds,
	   count(*) FILTER (WHERE f.required IS NOT NULL) AS with_required,
	   count(*) FILTER (WHERE f.message_en IS NULL OR
						f.message_en NOT LIKE f.rule_id || ': %') AS bad_message_en
  FROM (SELECT * FROM vcase UNION ALL SELECT * FROM ucase) AS c, gip_validate(c.r) AS f
 GROUP BY 1, 2 ORDER BY 1, 2;
SELECT f.rule_id, f.message_en
  FROM vcase AS c, gip_validate(c.r) WITH ORDINALITY AS f
 WHERE c.name IN ('balance_bad', 'no_t4', 'negative', 'late', 'narrative_bad')
 ORDER BY c.name, f.ordinality;
-- history rules: the previous year's blank must be the carried-over figure
SELECT p.name AS previous, f.rule_id, f.holds, f.required, f.message_en
  FROM vcase AS b, vcase AS p, gip_validate(b.r, p.r) AS f
 WHERE b.name = 'base' AND p.name IN ('prev_carry_blank', 'prev_stock_blank')
 ORDER BY 1;
-- gip_findings_jsonb: every key of gip_validate's columns, the new ones too
SELECT DISTINCT k
  FROM ucase AS c, jsonb_array_elements(gip_findings_jsonb(c.r)) AS f,
	   jsonb_object_keys(f) AS k
 ORDER BY k;
SELECT f->>'rule_id' AS rule_id, f->'holds' AS holds, f->'required' AS required,
	   jsonb_typeof(f->'required') AS required_type, f->>'message_en' AS message_en
  FROM ucase AS c, jsonb_array_elements(gip_findings_jsonb(c.r)) AS f
 WHERE c.name = 'blank_total';
-- gip_is_valid: lenient (uncertain passes), strict (uncertain fails),
-- zeros (uncertain passes when its identity holds with the blanks as 0);
-- the boolean form as before
SELECT name, gip_is_valid(r, 'lenient') AS lenient, gip_is_valid(r, 'strict') AS strict,
	   gip_is_valid(r, 'zeros') AS zeros, gip_is_valid(r) AS bool_default,
	   gip_is_valid(r, true) AS bool_true, gip_is_valid(r, strict => true) AS named_strict,
	   gip_is_valid(r, mode => 'zeros') AS named_zeros
  FROM (SELECT * FROM vcase UNION ALL SELECT * FROM ucase) AS c
 ORDER BY name;
-- an untyped literal resolves to the text form: boolean spellings keep
-- their meaning there, NULL gives NULL
SELECT name, gip_is_valid(r, 'true') AS lit_true, gip_is_valid(r, 'off') AS lit_off,
	   gip_is_valid(r, NULL) AS lit_null
  FROM ucase WHERE name IN ('blank_column', 'blank_total') ORDER BY name;
SELECT p.oid::regprocedure
  FROM pg_proc AS p WHERE p.proname = 'gip_is_valid' ORDER BY 1::text;
-- an unknown mode: 22023, with the modes in the hint
CREATE FUNCTION pg_temp.try_hint(stmt text)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text;
	msg text;
	hint text;
BEGIN
	EXECUTE stmt;
	RETURN 'ok';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
							hint = PG_EXCEPTION_HINT;
	RETURN st || ': ' || msg || CASE WHEN hint <> '' THEN E'\nHINT: ' || hint ELSE '' END;
END
$$;
SELECT pg_temp.try_hint(format('SELECT gip_is_valid(gip_parse(%L), %L)', :'base', 'zero'));
SELECT pg_temp.try_hint(format('SELECT gip_is_valid(gip_parse(%L), %L)', :'base', 'Strict'));
-- CHECK constraints in each mode
CREATE TEMP TABLE checked_lenient (name text, body text CHECK (gip_is_valid(gip_parse(body), 'lenient')));
CREATE TEMP TABLE checked_strict (name text, body text CHECK (gip_is_valid(gip_parse(body), 'strict')));
CREATE TEMP TABLE checked_zeros (name text, body text CHECK (gip_is_valid(gip_parse(body), 'zeros')));
SELECT c.name, t.mode,
	   pg_temp.try(format('INSERT INTO %I VALUES (%L, %L)', 'checked_' || t.mode, c.name, c.body),
				   false) AS outcome
  FROM (SELECT * FROM vcase UNION ALL SELECT * FROM ucase) AS c,
	   (VALUES ('lenient'), ('strict'), ('zeros')) AS t(mode)
 WHERE c.name IN ('base', 'balance_bad', 'blank_column', 'blank_total', 'two_blanks',
				  'text_cell', 'seed_zeros_blank', 'seed_zeros_total_blank', 't4_blank')
 ORDER BY c.name, t.mode;
SELECT 'zeros' AS mode, name FROM checked_zeros
UNION ALL SELECT 'strict', name FROM checked_strict
UNION ALL SELECT 'lenient', name FROM checked_lenient ORDER BY 1, 2;
-- gip_enforce: the mode as the trigger's second argument, else
-- gipreport.on_uncertain (lenient by default)
SHOW gipreport.on_uncertain;
CREATE TEMP TABLE edocs (name text, body text);
CREATE TRIGGER edocs_enforce BEFORE INSERT ON edocs
	FOR EACH ROW EXECUTE FUNCTION gip_enforce('body');
CREATE TEMP TABLE zdocs (name text, body text);
CREATE TRIGGER zdocs_enforce BEFORE INSERT ON zdocs
	FOR EACH ROW EXECUTE FUNCTION gip_enforce('body', 'zeros');
SELECT name, pg_temp.try(format('INSERT INTO edocs VALUES (%L, %L)', name, body), false) AS lenient,
	   pg_temp.try(format('INSERT INTO zdocs VALUES (%L, %L)', name, body), false) AS zeros_arg
  FROM ucase WHERE name IN ('blank_column', 'blank_total', 'text_cell') ORDER BY name;
SET gipreport.on_uncertain = strict;
SELECT name, pg_temp.try(format('INSERT INTO edocs VALUES (%L, %L)', name, body), false) AS strict_setting
  FROM ucase WHERE name IN ('blank_column', 'blank_total') ORDER BY name;
SET gipreport.on_uncertain = zeros;
SELECT name, pg_temp.try(format('INSERT INTO edocs VALUES (%L, %L)', name, body), false) AS zeros_setting
  FROM ucase WHERE name IN ('seed_zeros_blank', 'seed_zeros_total_blank') ORDER BY name;
RESET gipreport.on_uncertain;
SELECT name FROM edocs ORDER BY name;
SELECT pg_temp.try_hint('SET gipreport.on_uncertain = sometimes');
CREATE TEMP TABLE bdocs (body text);
CREATE TRIGGER bdocs_enforce BEFORE INSERT ON bdocs
	FOR EACH ROW EXECUTE FUNCTION gip_enforce('body', 'maybe');
SELECT pg_temp.try_hint(format('INSERT INTO bdocs VALUES (%L)', :'base'));
