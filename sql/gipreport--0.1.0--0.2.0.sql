/*
 * gipreport--0.1.0--0.2.0.sql
 *		Upgrade of gipreport to 0.2.0: validation (the consistency rules of
 *		the format), gip_enforce() for tables that hold report texts, the
 *		report store gip_reports with its quarantine gip_rejected, and views
 *		over the stored reports.
 */

\echo Use "ALTER EXTENSION gipreport UPDATE TO '0.2.0'" to load this file. \quit

-- validation

CREATE FUNCTION @extschema@.gip_validate(report @extschema@.gip_report,
	previous @extschema@.gip_report DEFAULT NULL)
RETURNS TABLE(rule_id text, severity text, status text, table_no int,
	row_code text, column_code text, expected numeric, actual numeric,
	line int, message text)
AS 'MODULE_PATHNAME', 'gip_validate_report'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10;

COMMENT ON FUNCTION @extschema@.gip_validate(@extschema@.gip_report, @extschema@.gip_report) IS
'Check a report against the consistency rules of the format (see gip_rules()): one row per finding, with status ''fail'' or ''uncertain'' (an operand is blank, a placeholder, missing or not a number: blank is not zero). expected and actual are the two sides of the identity (for narrative.mismatch: the table''s value and the figure in the text); line is the source line; message is in Chinese and names the row and column as printed. previous, the same body''s report of the year before, enables the history.* rules. No rows means every rule passes.';

CREATE FUNCTION @extschema@.gip_is_valid(report @extschema@.gip_report,
	strict boolean DEFAULT false)
RETURNS boolean
AS 'MODULE_PATHNAME', 'gip_is_valid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.gip_is_valid(@extschema@.gip_report, boolean) IS
'True unless an error-severity rule fails on the report; with strict, an error rule that cannot be decided because of a blank or placeholder cell also makes it false. Warnings never do. Meant for CHECK (gip_is_valid(gip_parse(body))).';

CREATE FUNCTION @extschema@.gip_rules(OUT rule_id text, OUT severity text,
	OUT description text, OUT description_zh text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'gip_rules'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 12;

COMMENT ON FUNCTION @extschema@.gip_rules() IS
'The consistency rules that gip_validate applies, with their stable id, severity (error: an arithmetic identity of the format; warning: a strong signal) and description in English and Chinese.';

-- the text of every finding, one per line, for error details

CREATE FUNCTION @extschema@.gip_findings_text(findings jsonb)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT string_agg(format('[%s %s %s]%s %s',
						 f->>'rule_id', f->>'severity', f->>'status',
						 CASE WHEN f->>'line' IS NULL THEN ''
							  ELSE format(' line %s:', f->>'line') END,
						 f->>'message'),
				  E'\n' ORDER BY f->>'severity', f->>'status', o)
  FROM jsonb_array_elements(findings) WITH ORDINALITY AS e(f, o)
$$;

COMMENT ON FUNCTION @extschema@.gip_findings_text(jsonb) IS
'The findings of a jsonb array (as stored in gip_reports.findings) as text, one line per finding: [rule severity status] line N: message; failing errors first.';

CREATE FUNCTION @extschema@.gip_findings_jsonb(report @extschema@.gip_report,
	previous @extschema@.gip_report DEFAULT NULL)
RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT COALESCE(jsonb_agg(jsonb_build_object(
			'rule_id', f.rule_id, 'severity', f.severity, 'status', f.status,
			'table_no', f.table_no, 'row_code', f.row_code,
			'column_code', f.column_code, 'expected', f.expected,
			'actual', f.actual, 'line', f.line, 'message', f.message)
		ORDER BY f.ord), '[]'::jsonb)
  FROM @extschema@.gip_validate(report, previous) WITH ORDINALITY
	   AS f(rule_id, severity, status, table_no, row_code, column_code,
			expected, actual, line, message, ord)
$$;

COMMENT ON FUNCTION @extschema@.gip_findings_jsonb(@extschema@.gip_report, @extschema@.gip_report) IS
'The findings of gip_validate(report, previous) as a jsonb array of objects with the same keys as its columns, in the order of the rules.';

-- a trigger for any table that holds report texts

CREATE FUNCTION @extschema@.gip_enforce()
RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
	src			text;
	rep			@extschema@.gip_report;
	findings	jsonb;
	failing		text;
BEGIN
	IF TG_NARGS <> 1 THEN
		RAISE EXCEPTION 'gip_enforce() needs one argument: the name of the text column that holds the report'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	EXECUTE format('SELECT ($1).%I::text', TG_ARGV[0]) INTO src USING NEW;
	IF src IS NULL THEN
		RETURN NEW;
	END IF;
	-- a text that does not parse is refused with the parser's error
	rep := @extschema@.gip_parse(src);
	findings := @extschema@.gip_findings_jsonb(rep);
	SELECT string_agg(DISTINCT f->>'rule_id', ', ')
	  INTO failing
	  FROM jsonb_array_elements(findings) AS f
	 WHERE f->>'severity' = 'error' AND f->>'status' = 'fail';
	IF failing IS NOT NULL THEN
		RAISE EXCEPTION 'report in column "%" of "%" fails rule(s) %',
			TG_ARGV[0], TG_TABLE_NAME, failing
			USING ERRCODE = 'check_violation',
				  DETAIL = @extschema@.gip_findings_text(findings),
				  SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
				  COLUMN = TG_ARGV[0];
	END IF;
	RETURN NEW;
END
$$;

COMMENT ON FUNCTION @extschema@.gip_enforce() IS
'Trigger function: CREATE TRIGGER ... BEFORE INSERT OR UPDATE ... FOR EACH ROW EXECUTE FUNCTION gip_enforce(''column''). Parses the text in that column and refuses the row with SQLSTATE 23514 (check_violation) when an error rule fails: the message names the failing rules, the detail lists every finding with its line. A text that does not parse is refused with the parser''s error; NULL passes.';

-- the report store

CREATE TABLE @extschema@.gip_reports (
	id			bigserial PRIMARY KEY,
	source		text NOT NULL,
	source_name	text,
	loaded_at	timestamptz NOT NULL DEFAULT now(),
	report		@extschema@.gip_report,
	agency		text,
	year		int,
	template	text,
	findings	jsonb NOT NULL DEFAULT '[]'
);

CREATE INDEX gip_reports_agency_year ON @extschema@.gip_reports (agency, year);

COMMENT ON TABLE @extschema@.gip_reports IS
'Stored annual reports: insert source (the text exactly as given) and source_name; a trigger parses and validates it (history rules against the same agency''s report of the year before) and fills report, agency, year, template and findings. An invalid report is refused with SQLSTATE 23514, or moved to gip_rejected when gipreport.on_invalid = quarantine.';
COMMENT ON COLUMN @extschema@.gip_reports.id IS '编号 · row id';
COMMENT ON COLUMN @extschema@.gip_reports.source IS '原文 · the report text exactly as loaded';
COMMENT ON COLUMN @extschema@.gip_reports.source_name IS '来源 · where the text came from (file name, URL)';
COMMENT ON COLUMN @extschema@.gip_reports.loaded_at IS '载入时间 · when the row was stored';
COMMENT ON COLUMN @extschema@.gip_reports.report IS '解析结果 · gip_parse(source)';
COMMENT ON COLUMN @extschema@.gip_reports.agency IS '机关 · the reporting body';
COMMENT ON COLUMN @extschema@.gip_reports.year IS '年度 · report year';
COMMENT ON COLUMN @extschema@.gip_reports.template IS '格式版本 · template (2019 or 2021)';
COMMENT ON COLUMN @extschema@.gip_reports.findings IS '校验结果 · the findings of gip_validate as a jsonb array (warnings and uncertain checks; no failing error)';

CREATE TABLE @extschema@.gip_rejected (
	id			bigserial PRIMARY KEY,
	source		text NOT NULL,
	source_name	text,
	rejected_at	timestamptz NOT NULL DEFAULT now(),
	reason		text NOT NULL,
	sqlstate	text NOT NULL,
	findings	jsonb
);

COMMENT ON TABLE @extschema@.gip_rejected IS
'Reports that gip_reports refused while gipreport.on_invalid = quarantine: the text as given, why (reason, sqlstate) and the findings (NULL when the text did not parse).';
COMMENT ON COLUMN @extschema@.gip_rejected.id IS '编号 · row id';
COMMENT ON COLUMN @extschema@.gip_rejected.source IS '原文 · the report text exactly as given';
COMMENT ON COLUMN @extschema@.gip_rejected.source_name IS '来源 · where the text came from';
COMMENT ON COLUMN @extschema@.gip_rejected.rejected_at IS '拒收时间 · when it was refused';
COMMENT ON COLUMN @extschema@.gip_rejected.reason IS '原因 · the error message';
COMMENT ON COLUMN @extschema@.gip_rejected.sqlstate IS '错误代码 · SQLSTATE the insert would have raised (23514 for a failing rule)';
COMMENT ON COLUMN @extschema@.gip_rejected.findings IS '校验结果 · findings as a jsonb array, NULL when the text did not parse';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.gip_reports', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.gip_reports_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.gip_rejected', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.gip_rejected_id_seq', '');

CREATE FUNCTION @extschema@.gip_store_check()
RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
	rep			@extschema@.gip_report;
	prev		@extschema@.gip_report;
	found_findings jsonb;
	failing		text;
	quarantine	boolean;
	err_state	text;
	err_message	text;
	err_detail	text;
BEGIN
	BEGIN
		rep := @extschema@.gip_parse(NEW.source);
	EXCEPTION WHEN others THEN
		GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE,
								err_message = MESSAGE_TEXT,
								err_detail = PG_EXCEPTION_DETAIL;
		IF current_setting('gipreport.on_invalid', true) = 'quarantine' THEN
			INSERT INTO @extschema@.gip_rejected (source, source_name, reason, sqlstate)
			VALUES (NEW.source, NEW.source_name,
					err_message || COALESCE(': ' || NULLIF(err_detail, ''), ''),
					err_state);
			RETURN NULL;
		END IF;
		RAISE;
	END;

	-- (r.report).*: a composite column into a row variable goes field by field
	SELECT (r.report).* INTO prev
	  FROM @extschema@.gip_reports AS r
	 WHERE r.agency = rep.agency AND r.year = rep.year - 1
	   AND (TG_OP = 'INSERT' OR r.id <> NEW.id)
	 ORDER BY r.id DESC
	 LIMIT 1;
	found_findings := @extschema@.gip_findings_jsonb(rep, prev);
	SELECT string_agg(DISTINCT f->>'rule_id', ', ')
	  INTO failing
	  FROM jsonb_array_elements(found_findings) AS f
	 WHERE f->>'severity' = 'error' AND f->>'status' = 'fail';
	-- read after gip_validate ran: the module defines the setting
	quarantine := current_setting('gipreport.on_invalid', true) = 'quarantine';

	IF failing IS NOT NULL THEN
		IF quarantine THEN
			INSERT INTO @extschema@.gip_rejected (source, source_name, reason, sqlstate, findings)
			VALUES (NEW.source, NEW.source_name,
					format('report fails rule(s) %s', failing), '23514',
					found_findings);
			RETURN NULL;
		END IF;
		RAISE EXCEPTION 'report % fails rule(s) %',
			COALESCE(quote_literal(NEW.source_name), '(unnamed)'), failing
			USING ERRCODE = 'check_violation',
				  DETAIL = @extschema@.gip_findings_text(found_findings),
				  SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
				  COLUMN = 'source';
	END IF;

	NEW.report := rep;
	NEW.agency := rep.agency;
	NEW.year := rep.year;
	NEW.template := rep.template;
	NEW.findings := found_findings;
	RETURN NEW;
END
$$;

COMMENT ON FUNCTION @extschema@.gip_store_check() IS
'Trigger of gip_reports: parses source, validates it (with the same agency''s report of the previous year for the history rules), fills report, agency, year, template and findings, and refuses an invalid report with 23514 or, when gipreport.on_invalid = quarantine, stores it in gip_rejected and skips the row.';

CREATE TRIGGER gip_reports_check
	BEFORE INSERT OR UPDATE ON @extschema@.gip_reports
	FOR EACH ROW EXECUTE FUNCTION @extschema@.gip_store_check();

-- views over the store

CREATE VIEW @extschema@.gip_findings AS
SELECT r.id AS report_id, r.agency, r.year, f.rule_id, f.severity, f.status,
	   f.table_no, f.row_code, f.column_code, f.expected, f.actual, f.line,
	   f.message
  FROM @extschema@.gip_reports AS r
	   CROSS JOIN LATERAL jsonb_to_recordset(r.findings)
	   AS f(rule_id text, severity text, status text, table_no int,
			row_code text, column_code text, expected numeric, actual numeric,
			line int, message text);

COMMENT ON VIEW @extschema@.gip_findings IS 'The findings of every stored report, one row each (warnings and uncertain checks; reports with a failing error rule are not stored).';
COMMENT ON COLUMN @extschema@.gip_findings.report_id IS '报告编号 · gip_reports.id';
COMMENT ON COLUMN @extschema@.gip_findings.agency IS '机关 · reporting body';
COMMENT ON COLUMN @extschema@.gip_findings.year IS '年度 · report year';
COMMENT ON COLUMN @extschema@.gip_findings.rule_id IS '规则 · rule id (see gip_rules())';
COMMENT ON COLUMN @extschema@.gip_findings.severity IS '严重程度 · error or warning';
COMMENT ON COLUMN @extschema@.gip_findings.status IS '状态 · fail, or uncertain when an operand is blank';
COMMENT ON COLUMN @extschema@.gip_findings.table_no IS '表号 · table 2, 3 or 4, NULL when not about a table';
COMMENT ON COLUMN @extschema@.gip_findings.row_code IS '行代码 · row code of the template';
COMMENT ON COLUMN @extschema@.gip_findings.column_code IS '列代码 · column code of the template (or the metadata field)';
COMMENT ON COLUMN @extschema@.gip_findings.expected IS '应为 · expected value (one side of the identity)';
COMMENT ON COLUMN @extschema@.gip_findings.actual IS '实为 · actual value (the other side)';
COMMENT ON COLUMN @extschema@.gip_findings.line IS '行号 · source line';
COMMENT ON COLUMN @extschema@.gip_findings.message IS '说明 · message in Chinese';

CREATE VIEW @extschema@.gip_request_facts AS
SELECT r.id AS report_id, r.agency, r.year, t.row_no, c.row_code, t.row_label,
	   t.row_group AS outcome_group, t.column_no AS applicant_no,
	   c.column_code AS applicant_code, t.column_label AS applicant_label,
	   c.value, c.state AS cell_state, c.line
  FROM @extschema@.gip_reports AS r
	   CROSS JOIN LATERAL @extschema@.gip_cells(r.report) AS c
	   JOIN @extschema@.gip_template_rows() AS t
		 ON t.table_no = 3 AND t.variant = (r.report).t3_variant
			AND t.row_code = c.row_code AND t.column_code = c.column_code
 WHERE c.table_no = 3;

COMMENT ON VIEW @extschema@.gip_request_facts IS 'Table 三 of every stored report in long form: one row per row and applicant column (175 per report with the 2021 table, 161 with the 2019 one).';
COMMENT ON COLUMN @extschema@.gip_request_facts.report_id IS '报告编号 · gip_reports.id';
COMMENT ON COLUMN @extschema@.gip_request_facts.agency IS '机关 · reporting body';
COMMENT ON COLUMN @extschema@.gip_request_facts.year IS '年度 · report year';
COMMENT ON COLUMN @extschema@.gip_request_facts.row_no IS '行序 · row number in the template table';
COMMENT ON COLUMN @extschema@.gip_request_facts.row_code IS '行代码 · row code (new_received, granted, ...)';
COMMENT ON COLUMN @extschema@.gip_request_facts.row_label IS '行名称 · row label of the template';
COMMENT ON COLUMN @extschema@.gip_request_facts.outcome_group IS '办理结果类别 · outcome group (granted, partially_granted, denied, unavailable, rejected, other), NULL for the other rows';
COMMENT ON COLUMN @extschema@.gip_request_facts.applicant_no IS '列序 · column number';
COMMENT ON COLUMN @extschema@.gip_request_facts.applicant_code IS '申请人类型代码 · applicant column code (natural_person ... total)';
COMMENT ON COLUMN @extschema@.gip_request_facts.applicant_label IS '申请人类型 · applicant column label';
COMMENT ON COLUMN @extschema@.gip_request_facts.value IS '数量 · the number, NULL unless cell_state is value (blank is not zero)';
COMMENT ON COLUMN @extschema@.gip_request_facts.cell_state IS '单元格状态 · value, blank, placeholder, invalid or missing';
COMMENT ON COLUMN @extschema@.gip_request_facts.line IS '行号 · source line';

CREATE VIEW @extschema@.gip_active_facts AS
SELECT r.id AS report_id, r.agency, r.year, r.template, a.item, a.label AS item_label,
	   a.measure, a.measure_label, a.value, a.state AS cell_state, a.line
  FROM @extschema@.gip_reports AS r
	   CROSS JOIN LATERAL @extschema@.gip_active_disclosure(r.report) AS a;

COMMENT ON VIEW @extschema@.gip_active_facts IS 'Table 二 (主动公开) of every stored report in long form: one row per item and measure.';
COMMENT ON COLUMN @extschema@.gip_active_facts.report_id IS '报告编号 · gip_reports.id';
COMMENT ON COLUMN @extschema@.gip_active_facts.agency IS '机关 · reporting body';
COMMENT ON COLUMN @extschema@.gip_active_facts.year IS '年度 · report year';
COMMENT ON COLUMN @extschema@.gip_active_facts.template IS '格式版本 · template (2019 or 2021)';
COMMENT ON COLUMN @extschema@.gip_active_facts.item IS '项目代码 · item code (rules, licensing, ...)';
COMMENT ON COLUMN @extschema@.gip_active_facts.item_label IS '项目 · item label';
COMMENT ON COLUMN @extschema@.gip_active_facts.measure IS '指标代码 · measure code (issued, in_force, decisions, ...)';
COMMENT ON COLUMN @extschema@.gip_active_facts.measure_label IS '指标 · measure label';
COMMENT ON COLUMN @extschema@.gip_active_facts.value IS '数值 · the number, NULL unless cell_state is value';
COMMENT ON COLUMN @extschema@.gip_active_facts.cell_state IS '单元格状态 · value, blank, placeholder, invalid or missing';
COMMENT ON COLUMN @extschema@.gip_active_facts.line IS '行号 · source line';

CREATE VIEW @extschema@.gip_review_facts AS
SELECT r.id AS report_id, r.agency, r.year, t.row_no AS category_no,
	   c.row_code AS category, t.row_label AS category_label,
	   t.column_no AS result_no, c.column_code AS result, t.column_label AS result_label,
	   c.value, c.state AS cell_state, c.line
  FROM @extschema@.gip_reports AS r
	   CROSS JOIN LATERAL @extschema@.gip_cells(r.report) AS c
	   JOIN @extschema@.gip_template_rows() AS t
		 ON t.table_no = 4 AND t.template = r.template
			AND t.row_code = c.row_code AND t.column_code = c.column_code
 WHERE c.table_no = 4;

COMMENT ON VIEW @extschema@.gip_review_facts IS 'Table 四 (行政复议、行政诉讼) of every stored report in long form: 15 rows per report.';
COMMENT ON COLUMN @extschema@.gip_review_facts.report_id IS '报告编号 · gip_reports.id';
COMMENT ON COLUMN @extschema@.gip_review_facts.agency IS '机关 · reporting body';
COMMENT ON COLUMN @extschema@.gip_review_facts.year IS '年度 · report year';
COMMENT ON COLUMN @extschema@.gip_review_facts.category_no IS '类别序号 · category number';
COMMENT ON COLUMN @extschema@.gip_review_facts.category IS '类别代码 · review, litigation_direct or litigation_after_review';
COMMENT ON COLUMN @extschema@.gip_review_facts.category_label IS '类别 · 行政复议, 行政诉讼·未经复议直接起诉, 行政诉讼·复议后起诉';
COMMENT ON COLUMN @extschema@.gip_review_facts.result_no IS '结果序号 · result column number';
COMMENT ON COLUMN @extschema@.gip_review_facts.result IS '结果代码 · upheld, corrected, other, pending or total';
COMMENT ON COLUMN @extschema@.gip_review_facts.result_label IS '结果 · result label';
COMMENT ON COLUMN @extschema@.gip_review_facts.value IS '数量 · the number, NULL unless cell_state is value';
COMMENT ON COLUMN @extschema@.gip_review_facts.cell_state IS '单元格状态 · value, blank, placeholder, invalid or missing';
COMMENT ON COLUMN @extschema@.gip_review_facts.line IS '行号 · source line';

CREATE VIEW @extschema@.gip_report_summary AS
WITH t3 AS (
	SELECT f.report_id,
		   f.row_code,
		   f.outcome_group,
		   f.value,
		   f.cell_state = 'value' AS known
	  FROM @extschema@.gip_request_facts AS f
	 WHERE f.applicant_code = 'total'
), t3_sums AS (
	-- a sum is NULL when one of its cells holds no number: blank is not zero
	SELECT t3.report_id,
		   CASE WHEN bool_and(known) FILTER (WHERE row_code = 'new_received')
				THEN sum(value) FILTER (WHERE row_code = 'new_received') END AS received,
		   CASE WHEN bool_and(known) FILTER (WHERE row_code = 'carried_over')
				THEN sum(value) FILTER (WHERE row_code = 'carried_over') END AS carried_over,
		   CASE WHEN bool_and(known) FILTER (WHERE row_code = 'total_processed')
				THEN sum(value) FILTER (WHERE row_code = 'total_processed') END AS processed,
		   CASE WHEN bool_and(known) FILTER (WHERE outcome_group = 'granted')
				THEN sum(value) FILTER (WHERE outcome_group = 'granted') END AS granted,
		   CASE WHEN bool_and(known) FILTER (WHERE outcome_group = 'partially_granted')
				THEN sum(value) FILTER (WHERE outcome_group = 'partially_granted') END AS partially_granted,
		   CASE WHEN bool_and(known) FILTER (WHERE outcome_group = 'denied')
				THEN sum(value) FILTER (WHERE outcome_group = 'denied') END AS denied,
		   CASE WHEN bool_and(known) FILTER (WHERE outcome_group = 'unavailable')
				THEN sum(value) FILTER (WHERE outcome_group = 'unavailable') END AS unavailable,
		   CASE WHEN bool_and(known) FILTER (WHERE outcome_group = 'rejected')
				THEN sum(value) FILTER (WHERE outcome_group = 'rejected') END AS rejected,
		   CASE WHEN bool_and(known) FILTER (WHERE outcome_group = 'other')
				THEN sum(value) FILTER (WHERE outcome_group = 'other') END AS other_processed,
		   CASE WHEN bool_and(known) FILTER (WHERE row_code = 'carried_forward')
				THEN sum(value) FILTER (WHERE row_code = 'carried_forward') END AS carried_forward
	  FROM t3
	 GROUP BY t3.report_id
), t4_sums AS (
	SELECT f.report_id,
		   CASE WHEN bool_and(f.cell_state = 'value') FILTER (WHERE f.category = 'review' AND f.result = 'total')
				THEN sum(f.value) FILTER (WHERE f.category = 'review' AND f.result = 'total') END AS review_total,
		   CASE WHEN bool_and(f.cell_state = 'value') FILTER (WHERE f.category = 'review' AND f.result = 'corrected')
				THEN sum(f.value) FILTER (WHERE f.category = 'review' AND f.result = 'corrected') END AS review_corrected,
		   CASE WHEN bool_and(f.cell_state = 'value') FILTER (WHERE f.category <> 'review' AND f.result = 'total')
				THEN sum(f.value) FILTER (WHERE f.category <> 'review' AND f.result = 'total') END AS litigation_total,
		   CASE WHEN bool_and(f.cell_state = 'value') FILTER (WHERE f.category <> 'review' AND f.result = 'corrected')
				THEN sum(f.value) FILTER (WHERE f.category <> 'review' AND f.result = 'corrected') END AS litigation_corrected
	  FROM @extschema@.gip_review_facts AS f
	 GROUP BY f.report_id
)
SELECT r.id AS report_id, r.source_name, r.agency, r.year, r.template,
	   (r.report).published AS published,
	   s.received, s.carried_over, s.processed, s.granted, s.partially_granted,
	   s.denied, s.unavailable, s.rejected, s.other_processed, s.carried_forward,
	   v.review_total, v.review_corrected, v.litigation_total, v.litigation_corrected,
	   (SELECT count(*) FROM jsonb_array_elements(r.findings) AS f
		 WHERE f->>'severity' = 'error' AND f->>'status' = 'fail') AS errors,
	   (SELECT count(*) FROM jsonb_array_elements(r.findings) AS f
		 WHERE f->>'severity' = 'warning' AND f->>'status' = 'fail') AS warnings,
	   (SELECT count(*) FROM jsonb_array_elements(r.findings) AS f
		 WHERE f->>'status' = 'uncertain') AS uncertain
  FROM @extschema@.gip_reports AS r
	   LEFT JOIN t3_sums AS s ON s.report_id = r.id
	   LEFT JOIN t4_sums AS v ON v.report_id = r.id;

COMMENT ON VIEW @extschema@.gip_report_summary IS 'One row per stored report: the key figures of tables 三 and 四 (NULL where a cell they add up is blank) and the number of findings.';
COMMENT ON COLUMN @extschema@.gip_report_summary.report_id IS '报告编号 · gip_reports.id';
COMMENT ON COLUMN @extschema@.gip_report_summary.source_name IS '来源 · where the text came from';
COMMENT ON COLUMN @extschema@.gip_report_summary.agency IS '机关 · reporting body';
COMMENT ON COLUMN @extschema@.gip_report_summary.year IS '年度 · report year';
COMMENT ON COLUMN @extschema@.gip_report_summary.template IS '格式版本 · template (2019 or 2021)';
COMMENT ON COLUMN @extschema@.gip_report_summary.published IS '落款日期 · signature date';
COMMENT ON COLUMN @extschema@.gip_report_summary.received IS '本年新收申请 · applications received this year (total column)';
COMMENT ON COLUMN @extschema@.gip_report_summary.carried_over IS '上年结转申请 · applications carried over from last year';
COMMENT ON COLUMN @extschema@.gip_report_summary.processed IS '办理结果总计 · applications processed';
COMMENT ON COLUMN @extschema@.gip_report_summary.granted IS '予以公开 · granted';
COMMENT ON COLUMN @extschema@.gip_report_summary.partially_granted IS '部分公开 · partially granted';
COMMENT ON COLUMN @extschema@.gip_report_summary.denied IS '不予公开 · denied (all eight reasons)';
COMMENT ON COLUMN @extschema@.gip_report_summary.unavailable IS '无法提供 · information unavailable (all three reasons)';
COMMENT ON COLUMN @extschema@.gip_report_summary.rejected IS '不予处理 · not processed (all five reasons)';
COMMENT ON COLUMN @extschema@.gip_report_summary.other_processed IS '其他处理 · other handling';
COMMENT ON COLUMN @extschema@.gip_report_summary.carried_forward IS '结转下年度继续办理 · carried forward to next year';
COMMENT ON COLUMN @extschema@.gip_report_summary.review_total IS '行政复议总计 · administrative reviews';
COMMENT ON COLUMN @extschema@.gip_report_summary.review_corrected IS '行政复议结果纠正 · reviews that corrected the decision';
COMMENT ON COLUMN @extschema@.gip_report_summary.litigation_total IS '行政诉讼总计 · lawsuits (direct and after review)';
COMMENT ON COLUMN @extschema@.gip_report_summary.litigation_corrected IS '行政诉讼结果纠正 · lawsuits that corrected the decision';
COMMENT ON COLUMN @extschema@.gip_report_summary.errors IS '错误数 · failing error findings (0 for a stored report)';
COMMENT ON COLUMN @extschema@.gip_report_summary.warnings IS '警告数 · failing warning findings';
COMMENT ON COLUMN @extschema@.gip_report_summary.uncertain IS '无法核对数 · findings that could not be decided because a cell is blank';
