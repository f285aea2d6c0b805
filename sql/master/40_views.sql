/*
 * sql/master/40_views.sql
 *		Views over the store.
 *
 *		Part of the master install script: the Makefile concatenates
 *		the files of sql/master in name order into sql/gipreport--<version>.sql.
 */

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

COMMENT ON VIEW @extschema@.gip_findings IS 'The findings of every stored report, one row each (warnings and uncertain checks; a failing error only on a report restored from a dump that the rules of this version refuse: reports with a failing error rule are otherwise not stored).';
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
