/*
 * sql/master/40_views.sql
 *		The fact views over the store: tables 二, 三 and 四 of every current
 *		report in long form, and the findings, read from the tables the
 *		store's trigger fills at load (gip_facts, gip_report_findings, the
 *		headline columns of gip_reports); no view decodes a report.
 *
 *		Part of the master install script: the Makefile concatenates
 *		the files of sql/master in name order into sql/gipreport--<version>.sql.
 *
 *		Types are chosen for BI clients: counts bigint (numeric only for
 *		amounts), codes varchar(40) and labels varchar(100) so that psqlODBC
 *		and JDBC see VARCHAR, not LONGVARCHAR; every code has its Chinese
 *		label beside it.  The template's labels are written into the views
 *		as CASE expressions when they are created (from gip_template_rows()),
 *		so that no view joins a label table or calls a function per row.
 */

-- the template's labels as CASE expressions: each fact view is created
-- below from gip_template_rows() with its labels written into it (CASE on the
-- template, then on the code), so that a label costs a few comparisons when
-- a query asks for it and nothing when it does not: a join to a label table,
-- even one the planner removes, keeps the fact table from an index-only scan.

CREATE FUNCTION @extschema@.gip_label_case(tbl int, part text, template_expr text, code_expr text)
RETURNS text
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
SELECT 'CASE ' || template_expr || ' '
	   || string_agg(format('WHEN %L THEN CASE %s %s ELSE NULL::varchar(100) END',
							t.tmpl, code_expr, t.whens), ' ' ORDER BY t.tmpl)
	   || ' ELSE NULL::varchar(100) END'
  FROM (SELECT x.tmpl,
			   string_agg(format('WHEN %L THEN %L::varchar(100)', x.code, x.label), ' ' ORDER BY x.no) AS whens
		  FROM (SELECT DISTINCT CASE WHEN tbl = 3 THEN g.variant ELSE g.template END AS tmpl,
					   CASE part WHEN 'row' THEN g.row_code ELSE g.column_code END AS code,
					   CASE part WHEN 'row' THEN g.row_label ELSE g.column_label END AS label,
					   CASE part WHEN 'row' THEN g.row_no ELSE g.column_no END AS no
				  FROM @extschema@.gip_template_rows() AS g
				 WHERE g.table_no = tbl) AS x
		 GROUP BY x.tmpl) AS t
$$;

-- table 三

DO $do$
BEGIN
	EXECUTE format($v$
CREATE VIEW @extschema@.gip_request_facts AS
SELECT f.report_id,
	   r.agency_key,
	   r.agency,
	   r.year,
	   r.t3_variant::varchar(40) AS t3_variant,
	   f.row_no::int AS row_no,
	   f.row_code::varchar(40) AS row_code,
	   %1$s AS row_label,
	   -- the outcome group follows from the row code (FORMAT.md), no join needed
	   (CASE WHEN f.row_code IN ('granted', 'partially_granted') THEN f.row_code::varchar(40)
			 WHEN f.row_code LIKE 'denied\_%%' THEN 'denied'::varchar(40)
			 WHEN f.row_code LIKE 'unavailable\_%%' THEN 'unavailable'::varchar(40)
			 WHEN f.row_code LIKE 'rejected\_%%' THEN 'rejected'::varchar(40)
			 WHEN f.row_code = 'other' OR f.row_code LIKE 'other\_%%' THEN 'other'::varchar(40)
		ELSE NULL::varchar(40)
		END) AS outcome_group,
	   (CASE WHEN f.row_code = 'granted' THEN '予以公开'::varchar(40)
			 WHEN f.row_code = 'partially_granted' THEN '部分公开'::varchar(40)
			 WHEN f.row_code LIKE 'denied\_%%' THEN '不予公开'::varchar(40)
			 WHEN f.row_code LIKE 'unavailable\_%%' THEN '无法提供'::varchar(40)
			 WHEN f.row_code LIKE 'rejected\_%%' THEN '不予处理'::varchar(40)
			 WHEN f.row_code = 'other' OR f.row_code LIKE 'other\_%%' THEN '其他处理'::varchar(40)
		ELSE NULL::varchar(40)
		END) AS outcome_group_label,
	   f.column_no::int AS applicant_no,
	   f.column_code::varchar(40) AS applicant_code,
	   %2$s AS applicant_label,
	   (f.column_code = 'total' OR f.row_code = 'total_processed') AS is_total,
	   (CASE WHEN f.value = trunc(f.value) THEN f.value END)::bigint AS value,
	   f.state::varchar(40) AS cell_state,
	   (CASE f.state
			WHEN 'value' THEN '有数值'::varchar(40)
			WHEN 'blank' THEN '空白'::varchar(40)
			WHEN 'placeholder' THEN '占位符'::varchar(40)
			WHEN 'invalid' THEN '无效'::varchar(40)
			WHEN 'ambiguous' THEN '无法确定'::varchar(40)
			WHEN 'missing' THEN '缺失'::varchar(40)
		ELSE NULL::varchar(40)
		END) AS cell_state_label,
	   f.raw,
	   f.line
  FROM @extschema@.gip_facts AS f
	   JOIN @extschema@.gip_reports AS r ON r.id = f.report_id
 WHERE f.table_no = 3 AND r.is_current
$v$,
		@extschema@.gip_label_case(3, 'row', 'r.t3_variant', 'f.row_code'),
		@extschema@.gip_label_case(3, 'column', 'r.t3_variant', 'f.column_code'));
END
$do$;

COMMENT ON VIEW @extschema@.gip_request_facts IS
'表三 收到和处理政府信息公开申请情况 · Table 三 of every current report in long form: one row per template row and applicant column (175 per report with the 2021 table, 161 with the 2019 one). Sum value WHERE NOT is_total to add applicants or outcomes without counting the totals twice.';
COMMENT ON COLUMN @extschema@.gip_request_facts.report_id IS '报告编号 · gip_reports.id';
COMMENT ON COLUMN @extschema@.gip_request_facts.agency_key IS '机关（规范名称） · reporting body, aliases resolved (gip_agency_aliases)';
COMMENT ON COLUMN @extschema@.gip_request_facts.agency IS '机关（报告所写） · reporting body as the report names it';
COMMENT ON COLUMN @extschema@.gip_request_facts.year IS '年度 · report year';
COMMENT ON COLUMN @extschema@.gip_request_facts.t3_variant IS '表三格式 · table 三 variant (2019 or 2021)';
COMMENT ON COLUMN @extschema@.gip_request_facts.row_no IS '行序 · row number in the template table';
COMMENT ON COLUMN @extschema@.gip_request_facts.row_code IS '行代码 · row code (new_received, granted, ...)';
COMMENT ON COLUMN @extschema@.gip_request_facts.row_label IS '行名称 · row label of the template';
COMMENT ON COLUMN @extschema@.gip_request_facts.outcome_group IS '办理结果类别代码 · outcome group (granted, partially_granted, denied, unavailable, rejected, other), NULL for the other rows';
COMMENT ON COLUMN @extschema@.gip_request_facts.outcome_group_label IS '办理结果类别 · outcome group label (予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理)';
COMMENT ON COLUMN @extschema@.gip_request_facts.applicant_no IS '列序 · applicant column number (1-7)';
COMMENT ON COLUMN @extschema@.gip_request_facts.applicant_code IS '申请人类型代码 · applicant column code (natural_person ... other_org, total)';
COMMENT ON COLUMN @extschema@.gip_request_facts.applicant_label IS '申请人类型 · applicant column label';
COMMENT ON COLUMN @extschema@.gip_request_facts.is_total IS '是否合计 · true for the 总计 column and the 总计 row (sums of other cells)';
COMMENT ON COLUMN @extschema@.gip_request_facts.value IS '数量 · the number of applications, NULL unless cell_state is value (blank is not zero)';
COMMENT ON COLUMN @extschema@.gip_request_facts.cell_state IS '单元格状态代码 · value, blank, placeholder, invalid, ambiguous or missing';
COMMENT ON COLUMN @extschema@.gip_request_facts.cell_state_label IS '单元格状态 · 有数值, 空白, 占位符, 无效, 无法确定, 缺失';
COMMENT ON COLUMN @extschema@.gip_request_facts.raw IS '原文 · the cell as written';
COMMENT ON COLUMN @extschema@.gip_request_facts.line IS '行号 · source line';

-- table 二

DO $do$
BEGIN
	EXECUTE format($v$
CREATE VIEW @extschema@.gip_active_facts AS
SELECT f.report_id,
	   r.agency_key,
	   r.agency,
	   r.year,
	   r.template::varchar(40) AS template,
	   f.row_no::int AS item_no,
	   f.row_code::varchar(40) AS item,
	   %1$s AS item_label,
	   f.column_no::int AS measure_no,
	   f.column_code::varchar(40) AS measure,
	   %2$s AS measure_label,
	   false AS is_total,
	   (f.column_code LIKE 'amount%%') AS is_amount,
	   (CASE f.column_code WHEN 'amount_wan_yuan' THEN '万元'::varchar(40) WHEN 'amount_yuan' THEN '元'::varchar(40)
		ELSE '件'::varchar(40) END) AS unit,
	   (CASE WHEN f.column_code NOT LIKE 'amount%%' AND f.value = trunc(f.value)
			 THEN f.value END)::bigint AS value,
	   CASE WHEN f.column_code LIKE 'amount%%' THEN f.value END AS amount,
	   f.state::varchar(40) AS cell_state,
	   (CASE f.state
			WHEN 'value' THEN '有数值'::varchar(40)
			WHEN 'blank' THEN '空白'::varchar(40)
			WHEN 'placeholder' THEN '占位符'::varchar(40)
			WHEN 'invalid' THEN '无效'::varchar(40)
			WHEN 'ambiguous' THEN '无法确定'::varchar(40)
			WHEN 'missing' THEN '缺失'::varchar(40)
		ELSE NULL::varchar(40)
		END) AS cell_state_label,
	   f.raw,
	   f.line
  FROM @extschema@.gip_facts AS f
	   JOIN @extschema@.gip_reports AS r ON r.id = f.report_id
 WHERE f.table_no = 2 AND r.is_current
$v$,
		@extschema@.gip_label_case(2, 'row', 'r.template', 'f.row_code'),
		@extschema@.gip_label_case(2, 'column', 'r.template', 'f.column_code'));
END
$do$;

COMMENT ON VIEW @extschema@.gip_active_facts IS
'表二 主动公开政府信息情况 · Table 二 of every current report in long form: one row per item and measure. Counts are in value (bigint), amounts (收费金额 in 万元, 采购金额 in 元) in amount (numeric).';
COMMENT ON COLUMN @extschema@.gip_active_facts.report_id IS '报告编号 · gip_reports.id';
COMMENT ON COLUMN @extschema@.gip_active_facts.agency_key IS '机关（规范名称） · reporting body, aliases resolved (gip_agency_aliases)';
COMMENT ON COLUMN @extschema@.gip_active_facts.agency IS '机关（报告所写） · reporting body as the report names it';
COMMENT ON COLUMN @extschema@.gip_active_facts.year IS '年度 · report year';
COMMENT ON COLUMN @extschema@.gip_active_facts.template IS '格式版本 · template (2019 or 2021)';
COMMENT ON COLUMN @extschema@.gip_active_facts.item_no IS '项目序号 · item number in the template table';
COMMENT ON COLUMN @extschema@.gip_active_facts.item IS '项目代码 · item code (rules, licensing, ...)';
COMMENT ON COLUMN @extschema@.gip_active_facts.item_label IS '项目 · item label';
COMMENT ON COLUMN @extschema@.gip_active_facts.measure_no IS '指标序号 · measure number';
COMMENT ON COLUMN @extschema@.gip_active_facts.measure IS '指标代码 · measure code (issued, in_force, decisions, amount_wan_yuan, ...)';
COMMENT ON COLUMN @extschema@.gip_active_facts.measure_label IS '指标 · measure label';
COMMENT ON COLUMN @extschema@.gip_active_facts.is_total IS '是否合计 · always false: table 二 has no total cells';
COMMENT ON COLUMN @extschema@.gip_active_facts.is_amount IS '是否金额 · true for an amount of money (value NULL, amount holds it)';
COMMENT ON COLUMN @extschema@.gip_active_facts.unit IS '单位 · 件 (count), 万元 or 元';
COMMENT ON COLUMN @extschema@.gip_active_facts.value IS '数量 · the count, NULL for an amount or unless cell_state is value';
COMMENT ON COLUMN @extschema@.gip_active_facts.amount IS '金额 · the amount of money in unit, NULL for a count or unless cell_state is value';
COMMENT ON COLUMN @extschema@.gip_active_facts.cell_state IS '单元格状态代码 · value, blank, placeholder, invalid, ambiguous or missing';
COMMENT ON COLUMN @extschema@.gip_active_facts.cell_state_label IS '单元格状态 · 有数值, 空白, 占位符, 无效, 无法确定, 缺失';
COMMENT ON COLUMN @extschema@.gip_active_facts.raw IS '原文 · the cell as written';
COMMENT ON COLUMN @extschema@.gip_active_facts.line IS '行号 · source line';

-- table 四

DO $do$
BEGIN
	EXECUTE format($v$
CREATE VIEW @extschema@.gip_review_facts AS
SELECT f.report_id,
	   r.agency_key,
	   r.agency,
	   r.year,
	   f.row_no::int AS category_no,
	   f.row_code::varchar(40) AS category,
	   %1$s AS category_label,
	   f.column_no::int AS result_no,
	   f.column_code::varchar(40) AS result,
	   %2$s AS result_label,
	   (f.column_code = 'total') AS is_total,
	   (CASE WHEN f.value = trunc(f.value) THEN f.value END)::bigint AS value,
	   f.state::varchar(40) AS cell_state,
	   (CASE f.state
			WHEN 'value' THEN '有数值'::varchar(40)
			WHEN 'blank' THEN '空白'::varchar(40)
			WHEN 'placeholder' THEN '占位符'::varchar(40)
			WHEN 'invalid' THEN '无效'::varchar(40)
			WHEN 'ambiguous' THEN '无法确定'::varchar(40)
			WHEN 'missing' THEN '缺失'::varchar(40)
		ELSE NULL::varchar(40)
		END) AS cell_state_label,
	   f.raw,
	   f.line
  FROM @extschema@.gip_facts AS f
	   JOIN @extschema@.gip_reports AS r ON r.id = f.report_id
 WHERE f.table_no = 4 AND r.is_current
$v$,
		@extschema@.gip_label_case(4, 'row', 'r.template', 'f.row_code'),
		@extschema@.gip_label_case(4, 'column', 'r.template', 'f.column_code'));
END
$do$;

COMMENT ON VIEW @extschema@.gip_review_facts IS
'表四 行政复议、行政诉讼情况 · Table 四 of every current report in long form: 15 rows per report (three categories, five results). Sum value WHERE NOT is_total to add results without counting the totals twice.';
COMMENT ON COLUMN @extschema@.gip_review_facts.report_id IS '报告编号 · gip_reports.id';
COMMENT ON COLUMN @extschema@.gip_review_facts.agency_key IS '机关（规范名称） · reporting body, aliases resolved (gip_agency_aliases)';
COMMENT ON COLUMN @extschema@.gip_review_facts.agency IS '机关（报告所写） · reporting body as the report names it';
COMMENT ON COLUMN @extschema@.gip_review_facts.year IS '年度 · report year';
COMMENT ON COLUMN @extschema@.gip_review_facts.category_no IS '类别序号 · category number (1-3)';
COMMENT ON COLUMN @extschema@.gip_review_facts.category IS '类别代码 · review, litigation_direct or litigation_after_review';
COMMENT ON COLUMN @extschema@.gip_review_facts.category_label IS '类别 · 行政复议, 行政诉讼·未经复议直接起诉, 行政诉讼·复议后起诉';
COMMENT ON COLUMN @extschema@.gip_review_facts.result_no IS '结果序号 · result column number (1-5)';
COMMENT ON COLUMN @extschema@.gip_review_facts.result IS '结果代码 · upheld, corrected, other, pending or total';
COMMENT ON COLUMN @extschema@.gip_review_facts.result_label IS '结果 · result label';
COMMENT ON COLUMN @extschema@.gip_review_facts.is_total IS '是否合计 · true for the 总计 column (the sum of the other four)';
COMMENT ON COLUMN @extschema@.gip_review_facts.value IS '数量 · the number of cases, NULL unless cell_state is value';
COMMENT ON COLUMN @extschema@.gip_review_facts.cell_state IS '单元格状态代码 · value, blank, placeholder, invalid, ambiguous or missing';
COMMENT ON COLUMN @extschema@.gip_review_facts.cell_state_label IS '单元格状态 · 有数值, 空白, 占位符, 无效, 无法确定, 缺失';
COMMENT ON COLUMN @extschema@.gip_review_facts.raw IS '原文 · the cell as written';
COMMENT ON COLUMN @extschema@.gip_review_facts.line IS '行号 · source line';

DROP FUNCTION @extschema@.gip_label_case(int, text, text, text);

-- findings

CREATE VIEW @extschema@.gip_findings AS
SELECT f.report_id,
	   f.finding_no,
	   r.agency_key,
	   r.agency,
	   r.year,
	   f.rule_id::varchar(40) AS rule_id,
	   f.severity::varchar(40) AS severity,
	   (CASE f.severity WHEN 'error' THEN '错误'::varchar(40) WHEN 'warning' THEN '警告'::varchar(40) ELSE NULL::varchar(40) END)
		 AS severity_label,
	   f.status::varchar(40) AS status,
	   (CASE f.status WHEN 'fail' THEN '不通过'::varchar(40) WHEN 'uncertain' THEN '无法核对'::varchar(40)
		WHEN 'pass' THEN '通过'::varchar(40) ELSE NULL::varchar(40) END) AS status_label,
	   f.holds::varchar(40) AS holds,
	   (CASE f.holds WHEN 'holds' THEN '成立'::varchar(40) WHEN 'fails' THEN '不成立'::varchar(40) ELSE NULL::varchar(40) END)
		 AS holds_label,
	   f.table_no,
	   f.row_code::varchar(40) AS row_code,
	   f.column_code::varchar(40) AS column_code,
	   f.expected,
	   f.actual,
	   f.required,
	   f.line,
	   f.message,
	   f.message_en
  FROM @extschema@.gip_report_findings AS f
	   JOIN @extschema@.gip_reports AS r ON r.id = f.report_id
 WHERE r.is_current;

COMMENT ON VIEW @extschema@.gip_findings IS
'校验结果 · The findings of every current report, one row each: warnings and uncertain checks (a failing error only on a report restored from a dump that the rules of this version refuse: reports with a failing error rule are otherwise not stored).';
COMMENT ON COLUMN @extschema@.gip_findings.report_id IS '报告编号 · gip_reports.id';
COMMENT ON COLUMN @extschema@.gip_findings.finding_no IS '序号 · finding number within the report';
COMMENT ON COLUMN @extschema@.gip_findings.agency_key IS '机关（规范名称） · reporting body, aliases resolved';
COMMENT ON COLUMN @extschema@.gip_findings.agency IS '机关（报告所写） · reporting body as the report names it';
COMMENT ON COLUMN @extschema@.gip_findings.year IS '年度 · report year';
COMMENT ON COLUMN @extschema@.gip_findings.rule_id IS '规则 · rule id (see gip_rules())';
COMMENT ON COLUMN @extschema@.gip_findings.severity IS '严重程度代码 · error or warning';
COMMENT ON COLUMN @extschema@.gip_findings.severity_label IS '严重程度 · 错误 or 警告';
COMMENT ON COLUMN @extschema@.gip_findings.status IS '状态代码 · fail, or uncertain when an operand is blank';
COMMENT ON COLUMN @extschema@.gip_findings.status_label IS '状态 · 不通过 or 无法核对';
COMMENT ON COLUMN @extschema@.gip_findings.holds IS '是否成立代码 · holds or fails, as gip_validate reports it for the check (NULL when it does not say)';
COMMENT ON COLUMN @extschema@.gip_findings.holds_label IS '是否成立 · 成立 or 不成立';
COMMENT ON COLUMN @extschema@.gip_findings.table_no IS '表号 · table 2, 3 or 4, NULL when not about a table';
COMMENT ON COLUMN @extschema@.gip_findings.row_code IS '行代码 · row code of the template';
COMMENT ON COLUMN @extschema@.gip_findings.column_code IS '列代码 · column code of the template (or the metadata field)';
COMMENT ON COLUMN @extschema@.gip_findings.expected IS '应为 · expected value (one side of the identity)';
COMMENT ON COLUMN @extschema@.gip_findings.actual IS '实为 · actual value (the other side)';
COMMENT ON COLUMN @extschema@.gip_findings.required IS '所需 · the value gip_validate reports the check requires (NULL when it does not say)';
COMMENT ON COLUMN @extschema@.gip_findings.line IS '行号 · source line';
COMMENT ON COLUMN @extschema@.gip_findings.message IS '说明 · message in Chinese';
COMMENT ON COLUMN @extschema@.gip_findings.message_en IS '说明（英文） · message in English';
