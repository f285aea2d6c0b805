--
-- views: the BI views over the store (sql/master/40_views.sql, 45_bi.sql)
-- read the fact tables; they agree with the report's own functions, flag
-- totals, label every code, type counts as bigint, describe every column,
-- count current reports only, and a role given them by gip_grant_reader
-- reads every view and none of the source texts.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS gipreport;
RESET client_min_messages;
\set base `cat test/cases/validate/base.txt`
\set prev `cat test/cases/validate/prev.txt`
\set balance_blank `cat test/cases/validate/balance_blank.txt`
\set hongze2023 `cat test/corpus/real/hongze-district-2023.txt`
\set hongze2024 `cat test/corpus/real/hongze-district-2024.txt`
\set huaian2024 `cat test/corpus/real/huaian-city-2024.txt`
DELETE FROM gip_reports;
DELETE FROM gip_rejected;
SET gipreport.on_invalid = quarantine;
INSERT INTO gip_reports (source, source_name) VALUES
	(:'prev', 'prev.txt'), (:'base', 'base.txt'), (:'hongze2023', 'hongze2023.txt'),
	(:'hongze2024', 'hongze2024.txt'), (:'huaian2024', 'huaian2024.txt');
INSERT INTO gip_reports (source, source_name) VALUES ('不是报告', 'news.txt');
RESET gipreport.on_invalid;
CREATE TEMP TABLE ids AS SELECT id, source_name FROM gip_reports;
-- the facts agree with gip_requests / gip_review_litigation / gip_active_disclosure
SELECT count(*) AS t3_cells,
	   count(*) FILTER (WHERE f.value IS DISTINCT FROM
			(to_jsonb(q) ->> f.applicant_code)::bigint) AS t3_mismatches
  FROM gip_request_facts AS f
	   JOIN gip_reports AS r ON r.id = f.report_id
	   JOIN LATERAL gip_requests(r.report) AS q ON q.row_code = f.row_code;
SELECT count(*) AS t4_cells,
	   count(*) FILTER (WHERE f.value IS DISTINCT FROM
			(to_jsonb(q) ->> f.result)::bigint) AS t4_mismatches
  FROM gip_review_facts AS f
	   JOIN gip_reports AS r ON r.id = f.report_id
	   JOIN LATERAL gip_review_litigation(r.report) AS q ON q.category = f.category;
SELECT count(*) AS t2_cells,
	   count(*) FILTER (WHERE COALESCE(f.value, f.amount) IS DISTINCT FROM a.value
						   OR f.cell_state <> a.state) AS t2_mismatches
  FROM gip_active_facts AS f
	   JOIN gip_reports AS r ON r.id = f.report_id
	   JOIN LATERAL gip_active_disclosure(r.report) AS a
		 ON a.item = f.item AND a.measure = f.measure;
-- is_total: the applicants without the 总计 column add up to it; the
-- outcome rows without the 总计 row add up to processed
SELECT s.source_name, s.received, s.processed,
	   (SELECT sum(f.value) FROM gip_request_facts AS f
		 WHERE f.report_id = s.report_id AND f.row_code = 'new_received' AND NOT f.is_total) AS received_applicants,
	   (SELECT sum(f.value) FROM gip_request_facts AS f
		 WHERE f.report_id = s.report_id AND f.outcome_group IS NOT NULL AND NOT f.is_total) AS outcomes,
	   (SELECT count(*) FROM gip_request_facts AS f
		 WHERE f.report_id = s.report_id AND f.is_total) AS total_cells
  FROM gip_report_summary AS s ORDER BY s.report_id;
-- every code has its label
SELECT 'request' AS facts, count(*) FILTER (WHERE row_label IS NULL OR applicant_label IS NULL
			OR cell_state_label IS NULL OR (outcome_group IS NOT NULL) <> (outcome_group_label IS NOT NULL)) AS unlabelled
  FROM gip_request_facts
UNION ALL
SELECT 'active', count(*) FILTER (WHERE item_label IS NULL OR measure_label IS NULL OR cell_state_label IS NULL)
  FROM gip_active_facts
UNION ALL
SELECT 'review', count(*) FILTER (WHERE category_label IS NULL OR result_label IS NULL OR cell_state_label IS NULL)
  FROM gip_review_facts
UNION ALL
SELECT 'findings', count(*) FILTER (WHERE severity_label IS NULL OR status_label IS NULL)
  FROM gip_findings;
SELECT DISTINCT outcome_group, outcome_group_label FROM gip_request_facts ORDER BY 1;
-- blank is not zero: a blank cell is NULL with its state
BEGIN;
INSERT INTO gip_reports (source, source_name) VALUES (:'balance_blank', 'balance_blank.txt');
SELECT row_code, applicant_code, value, cell_state, cell_state_label, raw
  FROM gip_request_facts WHERE cell_state <> 'value' ORDER BY report_id, row_no, applicant_no;
SELECT report->'requests'->'carried_over'->'research' AS blank_in_json,
	   report->'cells_without_value' AS cells_without_value
  FROM gip_report_json WHERE report->>'source_name' = 'balance_blank.txt';
SELECT rule_id, severity_label, status, status_label FROM gip_findings
 WHERE report_id = (SELECT max(id) FROM gip_reports) ORDER BY finding_no;
-- current reports only: a superseded report leaves every view
UPDATE gip_reports SET is_current = false WHERE source_name = 'balance_blank.txt';
SELECT (SELECT count(*) FROM gip_report_summary) AS summary,
	   (SELECT count(DISTINCT report_id) FROM gip_request_facts) AS requests,
	   (SELECT count(DISTINCT report_id) FROM gip_active_facts) AS active,
	   (SELECT count(DISTINCT report_id) FROM gip_review_facts) AS review,
	   (SELECT count(*) FROM gip_report_json) AS json,
	   (SELECT count(*) FROM gip_report_yoy) AS yoy,
	   (SELECT sum(reports) FROM gip_agency_summary) AS agency_reports,
	   (SELECT count(DISTINCT report_id) FROM gip_findings) AS with_findings;
ROLLBACK;
-- the summary: headline figures, period, variant
SELECT source_name, agency_key, year, template, t3_variant, form, published, period_start,
	   period_end, t2_rules_issued, t2_licensing, t2_admin_fees_wan_yuan, received, processed,
	   granted, denied, carried_forward, review_total, litigation_total, errors, warnings, uncertain,
	   loaded_at IS NOT NULL AS loaded
  FROM gip_report_summary ORDER BY report_id;
-- year over year
SELECT agency_key, year, previous_year, received, previous_received, received_change,
	   carried_over, previous_carried_forward, carry_over_gap, t2_admin_fees_wan_yuan_change
  FROM gip_report_yoy ORDER BY agency_key, year;
-- per body
SELECT agency_key, names, first_year, last_year, years, reports, received, processed,
	   granted, review_total, errors, warnings, uncertain
  FROM gip_agency_summary ORDER BY agency_key;
-- one jsonb per report, named keys
SELECT report->>'agency' AS agency, report->'year' AS year,
	   report->'requests'->'granted'->'natural_person' AS granted_natural_person,
	   report->'requests'->'new_received'->'total' AS received,
	   report->'active_disclosure'->'admin_fees'->'amount_wan_yuan' AS fees,
	   report->'review_litigation'->'review'->'total' AS reviews,
	   report->'period'->>'start' AS period_start,
	   jsonb_typeof(report->'findings') AS findings
  FROM gip_report_json ORDER BY report_id;
SELECT array_agg(k ORDER BY k) AS keys
  FROM gip_report_json, jsonb_object_keys(report) AS k
 WHERE report_id = (SELECT min(report_id) FROM gip_report_json);
-- what was refused, without the source
SELECT source_name, sqlstate, sqlstate_label, failing_rules, errors, loaded_as_bytes,
	   length(content_hash) AS hash_hex_length
  FROM gip_quarantine ORDER BY rejected_id;
SELECT string_agg(column_name, ', ' ORDER BY column_no) AS quarantine_columns
  FROM gip_data_dictionary WHERE view_name = 'gip_quarantine';
SELECT count(*) AS views_with_source_text FROM gip_data_dictionary
 WHERE column_name IN ('source', 'source_bytes');
-- the data dictionary: every view, every column described '中文 · English'
SELECT view_name, count(*) AS columns,
	   count(*) FILTER (WHERE column_comment LIKE '_% · _%') AS described,
	   bool_and(view_comment LIKE '_% · _%') AS view_described
  FROM gip_data_dictionary GROUP BY view_name ORDER BY view_name;
SELECT count(*) AS columns_in_catalog
  FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
 WHERE c.relkind = 'v' AND c.relname LIKE 'gip\_%' AND a.attnum > 0;
-- types for BI clients: counts bigint, numeric only for amounts (and the
-- two sides of a finding), codes varchar(40), no text where a bound fits
SELECT data_type, array_agg(view_name || '.' || column_name ORDER BY view_name, column_no) AS columns
  FROM gip_data_dictionary
 WHERE data_type IN ('numeric', 'text', 'integer')
 GROUP BY data_type ORDER BY data_type;
SELECT count(*) AS codes_not_varchar40 FROM gip_data_dictionary
 WHERE (column_name IN ('row_code', 'applicant_code', 'outcome_group', 'cell_state', 'item',
						'measure', 'category', 'result', 'rule_id', 'severity', 'status', 'holds',
						'template', 't3_variant', 'form', 'column_code')
		OR column_name LIKE '%\_label')
   AND data_type <> 'character varying(40)' AND data_type <> 'character varying(100)';
-- no view calls a function per report or decodes one
CREATE FUNCTION pg_temp.plan_of(v text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	line text;
	plan text := '';
BEGIN
	FOR line IN EXECUTE format('EXPLAIN (COSTS OFF) SELECT * FROM %I', v) LOOP
		plan := plan || line || E'\n';
	END LOOP;
	RETURN plan;
END
$$;
SELECT view_name, pg_temp.plan_of(view_name) ~ 'Function Scan|gip_cells|gip_parse|gip_requests' AS calls_functions
  FROM (SELECT DISTINCT view_name FROM gip_data_dictionary) AS v
 WHERE view_name NOT IN ('gip_data_dictionary', 'gip_quarantine')
 ORDER BY view_name;
-- a read-only role: every view, none of the source texts
SET client_min_messages = warning;
DROP ROLE IF EXISTS regress_gip_reader;
RESET client_min_messages;
CREATE ROLE regress_gip_reader NOLOGIN;
SELECT gip_grant_reader('regress_gip_reader');
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
BEGIN
	EXECUTE stmt INTO n;
	RETURN 'ok: ' || n;
EXCEPTION WHEN others THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;
SET ROLE regress_gip_reader;
SELECT v.view_name, pg_temp.try(format('SELECT count(*) FROM %I', v.view_name)) AS reads
  FROM (SELECT DISTINCT view_name FROM gip_data_dictionary) AS v ORDER BY 1;
SELECT pg_temp.try('SELECT count(source) FROM gip_reports') AS reports_source;
SELECT pg_temp.try('SELECT count(source_bytes) FROM gip_reports') AS reports_bytes;
SELECT pg_temp.try('SELECT count(source) FROM gip_rejected') AS rejected_source;
SELECT pg_temp.try('SELECT count(*) FROM gip_facts') AS facts_table;
SELECT pg_temp.try($$INSERT INTO gip_reports (source) VALUES ('x') RETURNING 1$$) AS insert;
RESET ROLE;
DROP OWNED BY regress_gip_reader;
DROP ROLE regress_gip_reader;
