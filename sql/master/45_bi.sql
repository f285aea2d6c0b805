/*
 * sql/master/45_bi.sql
 *		Report-level views for BI clients (summary, JSON, year over year,
 *		per body, quarantine, data dictionary) and gip_grant_reader(), which
 *		gives a role every view and none of the source texts.
 *
 *		Part of the master install script: the Makefile concatenates
 *		the files of sql/master in name order into sql/gipreport--<version>.sql.
 *
 *		The views read the headline columns that the store's trigger writes
 *		into gip_reports, and gip_facts / gip_report_findings through their
 *		primary keys; current reports only (is_current) unless a view says
 *		otherwise.  Views run with their owner's rights, so a role granted
 *		SELECT on them needs no right on gip_reports or gip_rejected.
 */

-- one row per report

CREATE VIEW @extschema@.gip_report_summary AS
SELECT r.id AS report_id,
	   r.source_name,
	   r.agency_key,
	   r.agency,
	   r.year,
	   r.template::varchar(40) AS template,
	   r.t3_variant::varchar(40) AS t3_variant,
	   r.form::varchar(40) AS form,
	   r.published,
	   r.period_start,
	   r.period_end,
	   r.loaded_at,
	   r.t2_rules_issued,
	   r.t2_rules_in_force,
	   r.t2_normative_issued,
	   r.t2_normative_in_force,
	   r.t2_licensing,
	   r.t2_punishment,
	   r.t2_coercion,
	   r.t2_admin_fees_wan_yuan,
	   r.received,
	   r.carried_over,
	   r.processed,
	   r.granted,
	   r.partially_granted,
	   r.denied,
	   r.unavailable,
	   r.rejected,
	   r.other_processed,
	   r.carried_forward,
	   r.review_total,
	   r.review_corrected,
	   r.litigation_total,
	   r.litigation_corrected,
	   r.n_errors::bigint AS errors,
	   r.n_warnings::bigint AS warnings,
	   r.n_uncertain::bigint AS uncertain
  FROM @extschema@.gip_reports AS r
 WHERE r.is_current;

COMMENT ON VIEW @extschema@.gip_report_summary IS
'报告概览 · One row per current report: the statistics period, the headline figures of tables 二, 三 (总计 column) and 四 (NULL where a cell they add up holds no number: blank is not zero) and the number of findings.';
COMMENT ON COLUMN @extschema@.gip_report_summary.report_id IS '报告编号 · gip_reports.id';
COMMENT ON COLUMN @extschema@.gip_report_summary.source_name IS '来源 · where the document came from (file name, URL)';
COMMENT ON COLUMN @extschema@.gip_report_summary.agency_key IS '机关（规范名称） · reporting body, aliases resolved (gip_agency_aliases)';
COMMENT ON COLUMN @extschema@.gip_report_summary.agency IS '机关（报告所写） · reporting body as the report names it';
COMMENT ON COLUMN @extschema@.gip_report_summary.year IS '年度 · report year';
COMMENT ON COLUMN @extschema@.gip_report_summary.template IS '格式版本 · template (2019 or 2021)';
COMMENT ON COLUMN @extschema@.gip_report_summary.t3_variant IS '表三格式 · table 三 variant (2019 or 2021)';
COMMENT ON COLUMN @extschema@.gip_report_summary.form IS '表格形式 · how the tables were written (cells, ...)';
COMMENT ON COLUMN @extschema@.gip_report_summary.published IS '落款日期 · signature date';
COMMENT ON COLUMN @extschema@.gip_report_summary.period_start IS '统计期起 · first day of the statistics period';
COMMENT ON COLUMN @extschema@.gip_report_summary.period_end IS '统计期止 · last day of the statistics period';
COMMENT ON COLUMN @extschema@.gip_report_summary.loaded_at IS '载入时间 · when the report was stored';
COMMENT ON COLUMN @extschema@.gip_report_summary.t2_rules_issued IS '规章本年制发件数 · rules issued this year';
COMMENT ON COLUMN @extschema@.gip_report_summary.t2_rules_in_force IS '规章现行有效件数 · rules in force';
COMMENT ON COLUMN @extschema@.gip_report_summary.t2_normative_issued IS '规范性文件本年制发件数 · normative documents issued this year';
COMMENT ON COLUMN @extschema@.gip_report_summary.t2_normative_in_force IS '规范性文件现行有效件数 · normative documents in force';
COMMENT ON COLUMN @extschema@.gip_report_summary.t2_licensing IS '行政许可处理决定数 · licensing decisions';
COMMENT ON COLUMN @extschema@.gip_report_summary.t2_punishment IS '行政处罚处理决定数 · punishment decisions';
COMMENT ON COLUMN @extschema@.gip_report_summary.t2_coercion IS '行政强制处理决定数 · coercive measures';
COMMENT ON COLUMN @extschema@.gip_report_summary.t2_admin_fees_wan_yuan IS '行政事业性收费金额（万元） · administrative fees charged, 10,000 yuan';
COMMENT ON COLUMN @extschema@.gip_report_summary.received IS '本年新收申请 · applications received this year (总计 column)';
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

-- one jsonb per report, with named keys

CREATE VIEW @extschema@.gip_report_json AS
SELECT r.id AS report_id,
	   r.agency_key,
	   r.year,
	   jsonb_build_object(
		'report_id', r.id,
		'agency', r.agency,
		'agency_key', r.agency_key,
		'year', r.year,
		'template', r.template,
		't3_variant', r.t3_variant,
		'form', r.form,
		'published', r.published,
		'period', jsonb_build_object('start', r.period_start, 'end', r.period_end),
		'source_name', r.source_name,
		'loaded_at', r.loaded_at,
		'active_disclosure', COALESCE(c.t2, '{}'),
		'requests', COALESCE(c.t3, '{}'),
		'review_litigation', COALESCE(c.t4, '{}'),
		'cells_without_value', COALESCE(jsonb_path_query_array(c.missing, '$[*][*]'), '[]'),
		'summary', jsonb_build_object(
			'received', r.received, 'carried_over', r.carried_over,
			'processed', r.processed, 'granted', r.granted,
			'partially_granted', r.partially_granted, 'denied', r.denied,
			'unavailable', r.unavailable, 'rejected', r.rejected,
			'other_processed', r.other_processed, 'carried_forward', r.carried_forward,
			'review_total', r.review_total, 'review_corrected', r.review_corrected,
			'litigation_total', r.litigation_total,
			'litigation_corrected', r.litigation_corrected,
			'errors', r.n_errors, 'warnings', r.n_warnings, 'uncertain', r.n_uncertain),
		'findings', COALESCE(
			(SELECT jsonb_agg(jsonb_build_object('rule_id', g.rule_id, 'severity', g.severity,
												 'status', g.status, 'table', g.table_no,
												 'row', g.row_code, 'column', g.column_code,
												 'expected', g.expected, 'actual', g.actual,
												 'holds', g.holds, 'required', g.required,
												 'line', g.line, 'message', g.message,
												 'message_en', g.message_en)
							  ORDER BY g.finding_no)
			   FROM @extschema@.gip_report_findings AS g
			  WHERE g.report_id = r.id), '[]')
	   ) AS report
  FROM @extschema@.gip_reports AS r
	   -- the three tables in one pass over the report's facts (its primary key)
	   LEFT JOIN LATERAL (
		SELECT jsonb_object_agg(x.row_code, x.cols) FILTER (WHERE x.table_no = 2) AS t2,
			   jsonb_object_agg(x.row_code, x.cols) FILTER (WHERE x.table_no = 3) AS t3,
			   jsonb_object_agg(x.row_code, x.cols) FILTER (WHERE x.table_no = 4) AS t4,
			   jsonb_agg(x.missing ORDER BY x.table_no, x.row_no)
				 FILTER (WHERE x.missing IS NOT NULL) AS missing
		  FROM (SELECT f.table_no, min(f.row_no) AS row_no, f.row_code,
					   jsonb_object_agg(f.column_code, f.value) AS cols,
					   jsonb_agg(jsonb_build_object('table', f.table_no, 'row', f.row_code,
													'column', f.column_code, 'state', f.state,
													'raw', f.raw, 'line', f.line)
								 ORDER BY f.column_no) FILTER (WHERE f.state <> 'value') AS missing
				  FROM @extschema@.gip_facts AS f
				 WHERE f.report_id = r.id
				 GROUP BY f.table_no, f.row_code) AS x
	   ) AS c ON true
 WHERE r.is_current;

COMMENT ON VIEW @extschema@.gip_report_json IS
'报告JSON · One jsonb document per current report with named keys: agency, year, template, period, active_disclosure {item: {measure: value}}, requests {row: {applicant: value}}, review_litigation {category: {result: value}} (null for a cell without a number), cells_without_value [{table, row, column, state, raw, line}], summary {headline figures}, findings [...].';
COMMENT ON COLUMN @extschema@.gip_report_json.report_id IS '报告编号 · gip_reports.id';
COMMENT ON COLUMN @extschema@.gip_report_json.agency_key IS '机关（规范名称） · reporting body, aliases resolved';
COMMENT ON COLUMN @extschema@.gip_report_json.year IS '年度 · report year';
COMMENT ON COLUMN @extschema@.gip_report_json.report IS '报告 · the report as one jsonb document';

-- year over year

CREATE VIEW @extschema@.gip_report_yoy AS
SELECT r.id AS report_id,
	   r.agency_key,
	   r.agency,
	   r.year,
	   p.id AS previous_report_id,
	   p.year AS previous_year,
	   r.received, p.received AS previous_received, r.received - p.received AS received_change,
	   r.processed, p.processed AS previous_processed, r.processed - p.processed AS processed_change,
	   r.granted, p.granted AS previous_granted, r.granted - p.granted AS granted_change,
	   r.partially_granted, p.partially_granted AS previous_partially_granted,
	   r.partially_granted - p.partially_granted AS partially_granted_change,
	   r.denied, p.denied AS previous_denied, r.denied - p.denied AS denied_change,
	   r.unavailable, p.unavailable AS previous_unavailable, r.unavailable - p.unavailable AS unavailable_change,
	   r.rejected, p.rejected AS previous_rejected, r.rejected - p.rejected AS rejected_change,
	   r.other_processed, p.other_processed AS previous_other_processed,
	   r.other_processed - p.other_processed AS other_processed_change,
	   r.carried_over, p.carried_forward AS previous_carried_forward,
	   r.carried_over - p.carried_forward AS carry_over_gap,
	   r.review_total, p.review_total AS previous_review_total, r.review_total - p.review_total AS review_total_change,
	   r.litigation_total, p.litigation_total AS previous_litigation_total,
	   r.litigation_total - p.litigation_total AS litigation_total_change,
	   r.t2_licensing, p.t2_licensing AS previous_t2_licensing, r.t2_licensing - p.t2_licensing AS t2_licensing_change,
	   r.t2_punishment, p.t2_punishment AS previous_t2_punishment, r.t2_punishment - p.t2_punishment AS t2_punishment_change,
	   r.t2_admin_fees_wan_yuan, p.t2_admin_fees_wan_yuan AS previous_t2_admin_fees_wan_yuan,
	   r.t2_admin_fees_wan_yuan - p.t2_admin_fees_wan_yuan AS t2_admin_fees_wan_yuan_change
  FROM @extschema@.gip_reports AS r
	   LEFT JOIN @extschema@.gip_reports AS p
		 ON p.agency_key = r.agency_key AND p.year = r.year - 1 AND p.is_current
 WHERE r.is_current;

COMMENT ON VIEW @extschema@.gip_report_yoy IS
'同比 · Each current report beside the same body''s (agency_key) current report of the year before, with the differences (NULL when either side holds no number, or there is no previous year: previous_report_id NULL). carry_over_gap is this year''s 上年结转 minus last year''s 结转下年度 (0 when they agree).';
COMMENT ON COLUMN @extschema@.gip_report_yoy.report_id IS '报告编号 · gip_reports.id';
COMMENT ON COLUMN @extschema@.gip_report_yoy.agency_key IS '机关（规范名称） · reporting body, aliases resolved';
COMMENT ON COLUMN @extschema@.gip_report_yoy.agency IS '机关（报告所写） · reporting body as this year''s report names it';
COMMENT ON COLUMN @extschema@.gip_report_yoy.year IS '年度 · report year';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_report_id IS '上年报告编号 · gip_reports.id of the previous year''s report, NULL when there is none';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_year IS '上年年度 · year - 1 when there is a previous report';
COMMENT ON COLUMN @extschema@.gip_report_yoy.received IS '本年新收申请 · applications received';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_received IS '上年新收申请 · applications received the year before';
COMMENT ON COLUMN @extschema@.gip_report_yoy.received_change IS '新收申请增减 · change in applications received';
COMMENT ON COLUMN @extschema@.gip_report_yoy.processed IS '办理总计 · applications processed';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_processed IS '上年办理总计 · processed the year before';
COMMENT ON COLUMN @extschema@.gip_report_yoy.processed_change IS '办理总计增减 · change in applications processed';
COMMENT ON COLUMN @extschema@.gip_report_yoy.granted IS '予以公开 · granted';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_granted IS '上年予以公开 · granted the year before';
COMMENT ON COLUMN @extschema@.gip_report_yoy.granted_change IS '予以公开增减 · change in granted';
COMMENT ON COLUMN @extschema@.gip_report_yoy.partially_granted IS '部分公开 · partially granted';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_partially_granted IS '上年部分公开 · partially granted the year before';
COMMENT ON COLUMN @extschema@.gip_report_yoy.partially_granted_change IS '部分公开增减 · change in partially granted';
COMMENT ON COLUMN @extschema@.gip_report_yoy.denied IS '不予公开 · denied';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_denied IS '上年不予公开 · denied the year before';
COMMENT ON COLUMN @extschema@.gip_report_yoy.denied_change IS '不予公开增减 · change in denied';
COMMENT ON COLUMN @extschema@.gip_report_yoy.unavailable IS '无法提供 · unavailable';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_unavailable IS '上年无法提供 · unavailable the year before';
COMMENT ON COLUMN @extschema@.gip_report_yoy.unavailable_change IS '无法提供增减 · change in unavailable';
COMMENT ON COLUMN @extschema@.gip_report_yoy.rejected IS '不予处理 · not processed';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_rejected IS '上年不予处理 · not processed the year before';
COMMENT ON COLUMN @extschema@.gip_report_yoy.rejected_change IS '不予处理增减 · change in not processed';
COMMENT ON COLUMN @extschema@.gip_report_yoy.other_processed IS '其他处理 · other handling';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_other_processed IS '上年其他处理 · other handling the year before';
COMMENT ON COLUMN @extschema@.gip_report_yoy.other_processed_change IS '其他处理增减 · change in other handling';
COMMENT ON COLUMN @extschema@.gip_report_yoy.carried_over IS '上年结转申请 · carried over into this year';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_carried_forward IS '上年结转下年度 · what last year''s report carried forward';
COMMENT ON COLUMN @extschema@.gip_report_yoy.carry_over_gap IS '结转差额 · carried_over minus previous_carried_forward (0 when the two reports agree)';
COMMENT ON COLUMN @extschema@.gip_report_yoy.review_total IS '行政复议总计 · administrative reviews';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_review_total IS '上年行政复议总计 · reviews the year before';
COMMENT ON COLUMN @extschema@.gip_report_yoy.review_total_change IS '行政复议增减 · change in reviews';
COMMENT ON COLUMN @extschema@.gip_report_yoy.litigation_total IS '行政诉讼总计 · lawsuits';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_litigation_total IS '上年行政诉讼总计 · lawsuits the year before';
COMMENT ON COLUMN @extschema@.gip_report_yoy.litigation_total_change IS '行政诉讼增减 · change in lawsuits';
COMMENT ON COLUMN @extschema@.gip_report_yoy.t2_licensing IS '行政许可处理决定数 · licensing decisions';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_t2_licensing IS '上年行政许可 · licensing decisions the year before';
COMMENT ON COLUMN @extschema@.gip_report_yoy.t2_licensing_change IS '行政许可增减 · change in licensing decisions';
COMMENT ON COLUMN @extschema@.gip_report_yoy.t2_punishment IS '行政处罚处理决定数 · punishment decisions';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_t2_punishment IS '上年行政处罚 · punishment decisions the year before';
COMMENT ON COLUMN @extschema@.gip_report_yoy.t2_punishment_change IS '行政处罚增减 · change in punishment decisions';
COMMENT ON COLUMN @extschema@.gip_report_yoy.t2_admin_fees_wan_yuan IS '行政事业性收费（万元） · fees charged, 10,000 yuan';
COMMENT ON COLUMN @extschema@.gip_report_yoy.previous_t2_admin_fees_wan_yuan IS '上年行政事业性收费（万元） · fees the year before';
COMMENT ON COLUMN @extschema@.gip_report_yoy.t2_admin_fees_wan_yuan_change IS '收费增减（万元） · change in fees, 10,000 yuan';

-- one row per body

CREATE VIEW @extschema@.gip_agency_summary AS
SELECT r.agency_key,
	   string_agg(DISTINCT r.agency, '；') AS names,
	   min(r.year) AS first_year,
	   max(r.year) AS last_year,
	   count(DISTINCT r.year) AS years,
	   count(*) AS reports,
	   -- a total over the years is NULL when one year's figure is (blank is not zero)
	   CASE WHEN count(r.received) = count(*) THEN sum(r.received)::bigint END AS received,
	   CASE WHEN count(r.processed) = count(*) THEN sum(r.processed)::bigint END AS processed,
	   CASE WHEN count(r.granted) = count(*) THEN sum(r.granted)::bigint END AS granted,
	   CASE WHEN count(r.partially_granted) = count(*) THEN sum(r.partially_granted)::bigint END AS partially_granted,
	   CASE WHEN count(r.denied) = count(*) THEN sum(r.denied)::bigint END AS denied,
	   CASE WHEN count(r.unavailable) = count(*) THEN sum(r.unavailable)::bigint END AS unavailable,
	   CASE WHEN count(r.rejected) = count(*) THEN sum(r.rejected)::bigint END AS rejected,
	   CASE WHEN count(r.other_processed) = count(*) THEN sum(r.other_processed)::bigint END AS other_processed,
	   CASE WHEN count(r.review_total) = count(*) THEN sum(r.review_total)::bigint END AS review_total,
	   CASE WHEN count(r.litigation_total) = count(*) THEN sum(r.litigation_total)::bigint END AS litigation_total,
	   sum(r.n_errors)::bigint AS errors,
	   sum(r.n_warnings)::bigint AS warnings,
	   sum(r.n_uncertain)::bigint AS uncertain,
	   max(r.loaded_at) AS last_loaded_at
  FROM @extschema@.gip_reports AS r
 WHERE r.is_current
 GROUP BY r.agency_key;

COMMENT ON VIEW @extschema@.gip_agency_summary IS
'机关汇总 · One row per body (agency_key) over its current reports: the years covered and the totals of the headline figures over them (NULL when a year''s figure holds no number).';
COMMENT ON COLUMN @extschema@.gip_agency_summary.agency_key IS '机关（规范名称） · reporting body, aliases resolved';
COMMENT ON COLUMN @extschema@.gip_agency_summary.names IS '报告所写名称 · the names its reports use, separated by ；';
COMMENT ON COLUMN @extschema@.gip_agency_summary.first_year IS '最早年度 · first year';
COMMENT ON COLUMN @extschema@.gip_agency_summary.last_year IS '最近年度 · last year';
COMMENT ON COLUMN @extschema@.gip_agency_summary.years IS '年度数 · number of distinct years';
COMMENT ON COLUMN @extschema@.gip_agency_summary.reports IS '报告数 · number of current reports';
COMMENT ON COLUMN @extschema@.gip_agency_summary.received IS '新收申请合计 · applications received, all years';
COMMENT ON COLUMN @extschema@.gip_agency_summary.processed IS '办理总计合计 · applications processed, all years';
COMMENT ON COLUMN @extschema@.gip_agency_summary.granted IS '予以公开合计 · granted, all years';
COMMENT ON COLUMN @extschema@.gip_agency_summary.partially_granted IS '部分公开合计 · partially granted, all years';
COMMENT ON COLUMN @extschema@.gip_agency_summary.denied IS '不予公开合计 · denied, all years';
COMMENT ON COLUMN @extschema@.gip_agency_summary.unavailable IS '无法提供合计 · unavailable, all years';
COMMENT ON COLUMN @extschema@.gip_agency_summary.rejected IS '不予处理合计 · not processed, all years';
COMMENT ON COLUMN @extschema@.gip_agency_summary.other_processed IS '其他处理合计 · other handling, all years';
COMMENT ON COLUMN @extschema@.gip_agency_summary.review_total IS '行政复议合计 · administrative reviews, all years';
COMMENT ON COLUMN @extschema@.gip_agency_summary.litigation_total IS '行政诉讼合计 · lawsuits, all years';
COMMENT ON COLUMN @extschema@.gip_agency_summary.errors IS '错误数 · failing error findings, all years';
COMMENT ON COLUMN @extschema@.gip_agency_summary.warnings IS '警告数 · failing warning findings, all years';
COMMENT ON COLUMN @extschema@.gip_agency_summary.uncertain IS '无法核对数 · uncertain findings, all years';
COMMENT ON COLUMN @extschema@.gip_agency_summary.last_loaded_at IS '最近载入时间 · when its last report was stored';

-- what was refused

CREATE VIEW @extschema@.gip_quarantine AS
SELECT q.id AS rejected_id,
	   q.source_name,
	   q.rejected_at,
	   q.sqlstate::varchar(5) AS sqlstate,
	   (CASE q.sqlstate
			WHEN '23514' THEN '不符合校验规则'::varchar(40)
			WHEN '22P02' THEN '不是年度报告或无法解析'::varchar(40)
			WHEN '22021' THEN '无法解码'::varchar(40)
			WHEN '23505' THEN '重复'::varchar(40)
			ELSE '其他错误'::varchar(40)
		END) AS sqlstate_label,
	   q.reason,
	   q.source_encoding::varchar(40) AS source_encoding,
	   q.source_bytes IS NOT NULL AS loaded_as_bytes,
	   encode(q.content_hash, 'hex')::varchar(64) AS content_hash,
	   (SELECT string_agg(DISTINCT f->>'rule_id', ', ')
		  FROM jsonb_array_elements(q.findings) AS f
		 WHERE f->>'severity' = 'error' AND f->>'status' = 'fail') AS failing_rules,
	   (SELECT count(*) FROM jsonb_array_elements(q.findings) AS f
		 WHERE f->>'severity' = 'error' AND f->>'status' = 'fail') AS errors,
	   q.findings
  FROM @extschema@.gip_rejected AS q;

COMMENT ON VIEW @extschema@.gip_quarantine IS
'隔离区 · What the store refused (gipreport.on_invalid = quarantine) and why, without the source text or bytes: one row per refused document.';
COMMENT ON COLUMN @extschema@.gip_quarantine.rejected_id IS '编号 · gip_rejected.id';
COMMENT ON COLUMN @extschema@.gip_quarantine.source_name IS '来源 · where the document came from';
COMMENT ON COLUMN @extschema@.gip_quarantine.rejected_at IS '拒收时间 · when it was refused';
COMMENT ON COLUMN @extschema@.gip_quarantine.sqlstate IS '错误代码 · SQLSTATE the insert would have raised (23514 a failing rule, 22P02 not a report, 22021 does not decode)';
COMMENT ON COLUMN @extschema@.gip_quarantine.sqlstate_label IS '错误类别 · 不符合校验规则, 不是年度报告或无法解析, 无法解码, 重复, 其他错误';
COMMENT ON COLUMN @extschema@.gip_quarantine.reason IS '原因 · the error message';
COMMENT ON COLUMN @extschema@.gip_quarantine.source_encoding IS '原始编码 · encoding the bytes were decoded from, NULL for text';
COMMENT ON COLUMN @extschema@.gip_quarantine.loaded_as_bytes IS '按字节载入 · true when the document was given as bytes';
COMMENT ON COLUMN @extschema@.gip_quarantine.content_hash IS '内容摘要 · sha256 of the document, hex';
COMMENT ON COLUMN @extschema@.gip_quarantine.failing_rules IS '未通过的规则 · the error rules that failed, NULL when the document did not parse';
COMMENT ON COLUMN @extschema@.gip_quarantine.errors IS '错误数 · failing error findings';
COMMENT ON COLUMN @extschema@.gip_quarantine.findings IS '校验结果 · the findings as a jsonb array, NULL when the document did not parse';

-- the views described, for clients that do not show comments

CREATE VIEW @extschema@.gip_data_dictionary AS
SELECT c.relname::varchar(63) AS view_name,
	   obj_description(c.oid, 'pg_class')::varchar(1000) AS view_comment,
	   a.attnum::int AS column_no,
	   a.attname::varchar(63) AS column_name,
	   format_type(a.atttypid, a.atttypmod)::varchar(63) AS data_type,
	   col_description(c.oid, a.attnum)::varchar(1000) AS column_comment
  FROM pg_catalog.pg_depend AS d
	   JOIN pg_catalog.pg_extension AS e ON e.oid = d.refobjid
	   JOIN pg_catalog.pg_class AS c ON c.oid = d.objid
	   JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid
 WHERE d.classid = 'pg_catalog.pg_class'::regclass
   AND d.refclassid = 'pg_catalog.pg_extension'::regclass
   AND d.deptype = 'e'
   AND e.extname = 'gipreport'
   AND c.relkind = 'v'
   AND a.attnum > 0 AND NOT a.attisdropped;

COMMENT ON VIEW @extschema@.gip_data_dictionary IS
'数据字典 · Every column of every view of gipreport with its type and its comment (中文 · English), for clients such as psqlODBC that do not show comments.';
COMMENT ON COLUMN @extschema@.gip_data_dictionary.view_name IS '视图 · view name';
COMMENT ON COLUMN @extschema@.gip_data_dictionary.view_comment IS '视图说明 · what the view holds';
COMMENT ON COLUMN @extschema@.gip_data_dictionary.column_no IS '列序 · column number';
COMMENT ON COLUMN @extschema@.gip_data_dictionary.column_name IS '列名 · column name';
COMMENT ON COLUMN @extschema@.gip_data_dictionary.data_type IS '类型 · SQL type';
COMMENT ON COLUMN @extschema@.gip_data_dictionary.column_comment IS '列说明 · 中文 · English description of the column';

-- a read-only role

CREATE FUNCTION @extschema@.gip_grant_reader(reader name)
RETURNS SETOF text
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v	regclass;
BEGIN
	EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I',
				   (SELECT n.nspname FROM pg_extension AS e
						   JOIN pg_namespace AS n ON n.oid = e.extnamespace
					 WHERE e.extname = 'gipreport'), reader);
	FOR v IN
		SELECT c.oid::regclass
		  FROM pg_depend AS d
			   JOIN pg_extension AS e ON e.oid = d.refobjid
			   JOIN pg_class AS c ON c.oid = d.objid
		 WHERE d.classid = 'pg_class'::regclass
		   AND d.refclassid = 'pg_extension'::regclass
		   AND d.deptype = 'e' AND e.extname = 'gipreport' AND c.relkind = 'v'
		 ORDER BY c.relname
	LOOP
		EXECUTE format('GRANT SELECT ON %s TO %I', v, reader);
		RETURN NEXT v::text;
	END LOOP;
END
$$;

COMMENT ON FUNCTION @extschema@.gip_grant_reader(name) IS
'Grant the role USAGE on the extension''s schema and SELECT on every view of gipreport, and nothing else: views read the store with their owner''s rights, so the role sees the facts, summaries, findings and quarantine but not gip_reports.source/source_bytes nor gip_rejected.source. Returns the views granted. Run it as the extension''s owner (or a superuser), again after an upgrade that adds views.';
