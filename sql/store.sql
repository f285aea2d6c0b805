--
-- store: the report store gip_reports (parse, validate with the history
-- rules against the same body's previous year, refuse or quarantine), the
-- setting gipreport.on_invalid, and the views over stored reports.  The
-- cases are test/cases/validate/*.txt (see validate.sql).
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS gipreport;
RESET client_min_messages;
\set base `cat test/cases/validate/base.txt`
\set prev `cat test/cases/validate/prev.txt`
\set prev_carry_bad `cat test/cases/validate/prev_carry_bad.txt`
\set prev_stock_bad `cat test/cases/validate/prev_stock_bad.txt`
\set t4_bad `cat test/cases/validate/t4_bad.txt`
\set balance_blank `cat test/cases/validate/balance_blank.txt`
\set hongze2023 `cat test/corpus/real/hongze-district-2023.txt`
\set hongze2024 `cat test/corpus/real/hongze-district-2024.txt`
CREATE FUNCTION pg_temp.try(stmt text)
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
	RETURN st || ': ' || msg || CASE WHEN det <> '' THEN E'\n' || det ELSE '' END;
END
$$;
-- the store and its quarantine are configuration tables of the extension
SELECT c.relname
  FROM pg_extension AS e, unnest(e.extconfig) AS x(oid), pg_class AS c
 WHERE e.extname = 'gipreport' AND c.oid = x.oid
 ORDER BY c.relname;
-- the default: refuse (the setting exists once the module is loaded)
SELECT count(*) AS rules FROM gip_rules();
SHOW gipreport.on_invalid;
-- two years of the same body: the 2023 report is checked against 2022
INSERT INTO gip_reports (source, source_name) VALUES (:'prev', 'prev.txt');
INSERT INTO gip_reports (source, source_name) VALUES (:'base', 'base.txt');
SELECT source_name, agency, year, template, jsonb_array_length(findings) AS findings,
	   source IN (:'prev', :'base') AS source_kept, (report).published
  FROM gip_reports ORDER BY id;
-- an invalid report is refused with 23514, nothing is stored
SELECT pg_temp.try(format('INSERT INTO gip_reports (source, source_name) VALUES (%L, %L)',
						  :'t4_bad', 't4_bad.txt'));
SELECT pg_temp.try($$INSERT INTO gip_reports (source, source_name) VALUES ('不是报告', 'news.txt')$$);
SELECT count(*) FROM gip_reports;
SELECT count(*) FROM gip_rejected;
-- history rules against the previous year in the store (warnings: stored)
BEGIN;
DELETE FROM gip_reports;
INSERT INTO gip_reports (source, source_name) VALUES (:'prev_carry_bad', 'prev_carry_bad.txt');
INSERT INTO gip_reports (source, source_name) VALUES (:'base', 'base.txt');
SELECT source_name, f->>'rule_id' AS rule_id, f->>'status' AS status,
	   f->>'column_code' AS column_code, f->>'expected' AS expected,
	   f->>'actual' AS actual, f->>'message' AS message
  FROM gip_reports, jsonb_array_elements(findings) AS f ORDER BY id;
ROLLBACK;
BEGIN;
DELETE FROM gip_reports;
INSERT INTO gip_reports (source, source_name) VALUES (:'prev_stock_bad', 'prev_stock_bad.txt');
INSERT INTO gip_reports (source, source_name) VALUES (:'base', 'base.txt');
SELECT agency, year, rule_id, status, row_code, column_code, expected, actual, line
  FROM gip_findings ORDER BY report_id, finding_no;
-- an UPDATE is checked again (here: against the same previous year)
UPDATE gip_reports SET source_name = 'base (again)' WHERE year = 2023;
SELECT source_name, jsonb_array_length(findings) FROM gip_reports ORDER BY year;
ROLLBACK;
-- quarantine
SET gipreport.on_invalid = 'quarantine';
INSERT INTO gip_reports (source, source_name) VALUES (:'t4_bad', 't4_bad.txt');
INSERT INTO gip_reports (source, source_name) VALUES (:'hongze2023', 'hongze-district-2023.txt');
INSERT INTO gip_reports (source, source_name) VALUES ('不是报告', 'news.txt');
INSERT INTO gip_reports (source, source_name) VALUES (:'hongze2024', 'hongze-district-2024.txt');
INSERT INTO gip_reports (source, source_name) VALUES (:'balance_blank', 'balance_blank.txt');
SELECT source_name, reason, sqlstate, jsonb_array_length(findings) AS findings,
	   source = :'hongze2023' AS is_hongze
  FROM gip_rejected ORDER BY id;
SELECT source_name, f->>'rule_id' AS rule_id, f->>'line' AS line, f->>'message' AS message
  FROM gip_rejected, jsonb_array_elements(findings) AS f
 WHERE f->>'severity' = 'error' ORDER BY id;
SELECT source_name, year FROM gip_reports ORDER BY id;
RESET gipreport.on_invalid;
SELECT pg_temp.try($$SET gipreport.on_invalid = 'ignore'$$);
-- views
SELECT source_name, agency, year, template, published, received, carried_over,
	   processed, granted, partially_granted, denied, unavailable, rejected,
	   other_processed, carried_forward, review_total, review_corrected,
	   litigation_total, litigation_corrected, errors, warnings, uncertain
  FROM gip_report_summary ORDER BY report_id;
SELECT r.source_name, count(*) AS cells,
	   count(*) FILTER (WHERE f.cell_state = 'value') AS values,
	   count(DISTINCT f.row_code) AS rows_
  FROM gip_request_facts AS f JOIN gip_reports AS r ON r.id = f.report_id
 GROUP BY r.id, r.source_name ORDER BY r.id;
SELECT row_no, row_code, row_label, outcome_group, applicant_code, applicant_label,
	   value, cell_state, line
  FROM gip_request_facts
 WHERE year = 2023 AND (applicant_code = 'total' OR cell_state <> 'value')
 ORDER BY report_id, row_no, applicant_no;
SELECT item, item_label, measure, measure_label, value, amount, cell_state, line
  FROM gip_active_facts WHERE year = 2023 ORDER BY report_id, item_no, measure_no;
SELECT category, category_label, result, result_label, value, cell_state
  FROM gip_review_facts WHERE year = 2023 ORDER BY report_id, category_no, result_no;
SELECT agency, year, rule_id, severity, status, table_no, row_code, column_code,
	   expected, actual, line, message
  FROM gip_findings ORDER BY report_id, finding_no;
-- every column of the views is described
SELECT c.relname, count(*) AS columns, count(d.description) AS described
  FROM pg_class AS c
	   JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0
	   LEFT JOIN pg_description AS d ON d.objoid = c.oid AND d.objsubid = a.attnum
 WHERE c.relname IN ('gip_report_summary', 'gip_request_facts', 'gip_active_facts',
					 'gip_review_facts', 'gip_findings', 'gip_reports', 'gip_rejected')
 GROUP BY c.relname ORDER BY c.relname;
