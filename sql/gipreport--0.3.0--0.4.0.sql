/*
 * gipreport--0.3.0--0.4.0.sql
 *		Upgrade of gipreport from 0.3.0 to 0.4.0.
 *
 *		Every object that sql/master/ creates or changes in 0.4.0 is created
 *		or changed here too; test/t/002_upgrade.pl compares a fresh install
 *		with the chain of upgrades from 0.1.0 object by object.
 */

\echo Use "ALTER EXTENSION gipreport UPDATE TO '0.4.0'" to load this file. \quit

-- ==== views (FIXTURE, branch only): stand-in store tables ====
-- test/warehouse/fixture.sql as it is: the lead replaces this section with the
-- store helper's section when merging.

-- the new columns of the contract
ALTER TABLE @extschema@.gip_reports
	ADD COLUMN source_bytes bytea,
	ADD COLUMN source_encoding text,
	ADD COLUMN content_hash bytea,
	ADD COLUMN agency_key text,
	ADD COLUMN is_current boolean NOT NULL DEFAULT true,
	ADD COLUMN superseded_by bigint,
	ADD COLUMN form text,
	ADD COLUMN t3_variant text,
	ADD COLUMN published date,
	ADD COLUMN period_start date,
	ADD COLUMN period_end date,
	ADD COLUMN t2_rules_issued bigint,
	ADD COLUMN t2_rules_in_force bigint,
	ADD COLUMN t2_normative_issued bigint,
	ADD COLUMN t2_normative_in_force bigint,
	ADD COLUMN t2_licensing bigint,
	ADD COLUMN t2_punishment bigint,
	ADD COLUMN t2_coercion bigint,
	ADD COLUMN t2_admin_fees_wan_yuan numeric,
	ADD COLUMN received bigint,
	ADD COLUMN carried_over bigint,
	ADD COLUMN processed bigint,
	ADD COLUMN granted bigint,
	ADD COLUMN partially_granted bigint,
	ADD COLUMN denied bigint,
	ADD COLUMN unavailable bigint,
	ADD COLUMN rejected bigint,
	ADD COLUMN other_processed bigint,
	ADD COLUMN carried_forward bigint,
	ADD COLUMN review_total bigint,
	ADD COLUMN review_corrected bigint,
	ADD COLUMN litigation_total bigint,
	ADD COLUMN litigation_corrected bigint,
	ADD COLUMN n_errors int,
	ADD COLUMN n_warnings int,
	ADD COLUMN n_uncertain int;

CREATE INDEX gip_reports_agency_key_year ON @extschema@.gip_reports (agency_key, year);
CREATE INDEX gip_reports_year ON @extschema@.gip_reports (year);
CREATE INDEX gip_reports_content_hash ON @extschema@.gip_reports (content_hash);

ALTER TABLE @extschema@.gip_rejected
	ADD COLUMN source_bytes bytea,
	ADD COLUMN source_encoding text,
	ADD COLUMN content_hash bytea,
	ALTER COLUMN source DROP NOT NULL;

CREATE TABLE @extschema@.gip_facts (
	report_id	bigint NOT NULL REFERENCES @extschema@.gip_reports (id) ON DELETE CASCADE,
	table_no	smallint NOT NULL,
	row_no		smallint NOT NULL,
	row_code	text NOT NULL,
	column_no	smallint NOT NULL,
	column_code	text NOT NULL,
	value		numeric,
	state		text NOT NULL,
	raw			text,
	line		int,
	PRIMARY KEY (report_id, table_no, row_no, column_no)
);

CREATE TABLE @extschema@.gip_report_findings (
	report_id	bigint NOT NULL REFERENCES @extschema@.gip_reports (id) ON DELETE CASCADE,
	finding_no	int NOT NULL,
	rule_id		text NOT NULL,
	severity	text NOT NULL,
	status		text NOT NULL,
	table_no	int,
	row_code	text,
	column_code	text,
	expected	numeric,
	actual		numeric,
	line		int,
	message		text,
	message_en	text,
	holds		text,
	required	numeric,
	PRIMARY KEY (report_id, finding_no)
);

CREATE TABLE @extschema@.gip_agency_aliases (
	alias		text PRIMARY KEY,
	agency		text NOT NULL,
	note		text
);

CREATE FUNCTION @extschema@.gip_agency_key(name text)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT COALESCE((SELECT a.agency FROM @extschema@.gip_agency_aliases AS a
				  WHERE a.alias = name), name)
$$;

COMMENT ON FUNCTION @extschema@.gip_agency_key(text) IS
'Fixture (views branch): the canonical name of a body, its alias resolved through gip_agency_aliases, else the name itself.';

-- the derived columns of one row, from its report and findings
CREATE FUNCTION @extschema@.gip_fixture_columns()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	t	record;
BEGIN
	NEW.content_hash := sha256(COALESCE(NEW.source_bytes, convert_to(NEW.source, 'UTF8')));
	NEW.agency_key := @extschema@.gip_agency_key(NEW.agency);
	IF (NEW.report).tables IS NULL THEN
		RETURN NEW;
	END IF;
	NEW.form := (NEW.report).form;
	NEW.t3_variant := (NEW.report).t3_variant;
	NEW.published := (NEW.report).published;
	NEW.period_start := (NEW.report).period_start;
	NEW.period_end := (NEW.report).period_end;
	-- a sum is NULL when one of its cells holds no number (blank is not zero)
	SELECT
		max(c.value) FILTER (WHERE c.table_no = 2 AND c.row_code = 'rules' AND c.column_code IN ('issued', 'new_made')) AS rules_issued,
		max(c.value) FILTER (WHERE c.table_no = 2 AND c.row_code = 'rules' AND c.column_code IN ('in_force', 'total_published')) AS rules_in_force,
		max(c.value) FILTER (WHERE c.table_no = 2 AND c.row_code = 'normative_documents' AND c.column_code IN ('issued', 'new_made')) AS norm_issued,
		max(c.value) FILTER (WHERE c.table_no = 2 AND c.row_code = 'normative_documents' AND c.column_code IN ('in_force', 'total_published')) AS norm_in_force,
		max(c.value) FILTER (WHERE c.table_no = 2 AND c.row_code = 'licensing' AND c.column_code = 'decisions') AS licensing,
		max(c.value) FILTER (WHERE c.table_no = 2 AND c.row_code = 'punishment' AND c.column_code = 'decisions') AS punishment,
		max(c.value) FILTER (WHERE c.table_no = 2 AND c.row_code = 'coercion' AND c.column_code = 'decisions') AS coercion,
		max(c.value) FILTER (WHERE c.table_no = 2 AND c.row_code = 'admin_fees' AND c.column_code = 'amount_wan_yuan') AS fees,
		max(c.value) FILTER (WHERE c.table_no = 3 AND c.column_code = 'total' AND c.row_code = 'new_received') AS received,
		max(c.value) FILTER (WHERE c.table_no = 3 AND c.column_code = 'total' AND c.row_code = 'carried_over') AS carried_over,
		max(c.value) FILTER (WHERE c.table_no = 3 AND c.column_code = 'total' AND c.row_code = 'total_processed') AS processed,
		max(c.value) FILTER (WHERE c.table_no = 3 AND c.column_code = 'total' AND c.row_code = 'granted') AS granted,
		max(c.value) FILTER (WHERE c.table_no = 3 AND c.column_code = 'total' AND c.row_code = 'partially_granted') AS partially_granted,
		CASE WHEN bool_and(c.value IS NOT NULL) FILTER (WHERE c.table_no = 3 AND c.column_code = 'total' AND c.row_code LIKE 'denied%')
			 THEN sum(c.value) FILTER (WHERE c.table_no = 3 AND c.column_code = 'total' AND c.row_code LIKE 'denied%') END AS denied,
		CASE WHEN bool_and(c.value IS NOT NULL) FILTER (WHERE c.table_no = 3 AND c.column_code = 'total' AND c.row_code LIKE 'unavailable%')
			 THEN sum(c.value) FILTER (WHERE c.table_no = 3 AND c.column_code = 'total' AND c.row_code LIKE 'unavailable%') END AS unavailable,
		CASE WHEN bool_and(c.value IS NOT NULL) FILTER (WHERE c.table_no = 3 AND c.column_code = 'total' AND c.row_code LIKE 'rejected%')
			 THEN sum(c.value) FILTER (WHERE c.table_no = 3 AND c.column_code = 'total' AND c.row_code LIKE 'rejected%') END AS rejected,
		CASE WHEN bool_and(c.value IS NOT NULL) FILTER (WHERE c.table_no = 3 AND c.column_code = 'total' AND c.row_code LIKE 'other%')
			 THEN sum(c.value) FILTER (WHERE c.table_no = 3 AND c.column_code = 'total' AND c.row_code LIKE 'other%') END AS other_processed,
		max(c.value) FILTER (WHERE c.table_no = 3 AND c.column_code = 'total' AND c.row_code = 'carried_forward') AS carried_forward,
		max(c.value) FILTER (WHERE c.table_no = 4 AND c.row_code = 'review' AND c.column_code = 'total') AS review_total,
		max(c.value) FILTER (WHERE c.table_no = 4 AND c.row_code = 'review' AND c.column_code = 'corrected') AS review_corrected,
		CASE WHEN bool_and(c.value IS NOT NULL) FILTER (WHERE c.table_no = 4 AND c.row_code <> 'review' AND c.column_code = 'total')
			 THEN sum(c.value) FILTER (WHERE c.table_no = 4 AND c.row_code <> 'review' AND c.column_code = 'total') END AS litigation_total,
		CASE WHEN bool_and(c.value IS NOT NULL) FILTER (WHERE c.table_no = 4 AND c.row_code <> 'review' AND c.column_code = 'corrected')
			 THEN sum(c.value) FILTER (WHERE c.table_no = 4 AND c.row_code <> 'review' AND c.column_code = 'corrected') END AS litigation_corrected
	  INTO t
	  FROM @extschema@.gip_cells(NEW.report) AS c;
	NEW.t2_rules_issued := t.rules_issued;
	NEW.t2_rules_in_force := t.rules_in_force;
	NEW.t2_normative_issued := t.norm_issued;
	NEW.t2_normative_in_force := t.norm_in_force;
	NEW.t2_licensing := t.licensing;
	NEW.t2_punishment := t.punishment;
	NEW.t2_coercion := t.coercion;
	NEW.t2_admin_fees_wan_yuan := t.fees;
	NEW.received := t.received;
	NEW.carried_over := t.carried_over;
	NEW.processed := t.processed;
	NEW.granted := t.granted;
	NEW.partially_granted := t.partially_granted;
	NEW.denied := t.denied;
	NEW.unavailable := t.unavailable;
	NEW.rejected := t.rejected;
	NEW.other_processed := t.other_processed;
	NEW.carried_forward := t.carried_forward;
	NEW.review_total := t.review_total;
	NEW.review_corrected := t.review_corrected;
	NEW.litigation_total := t.litigation_total;
	NEW.litigation_corrected := t.litigation_corrected;
	SELECT count(*) FILTER (WHERE f->>'severity' = 'error' AND f->>'status' = 'fail'),
		   count(*) FILTER (WHERE f->>'severity' = 'warning' AND f->>'status' = 'fail'),
		   count(*) FILTER (WHERE f->>'status' = 'uncertain')
	  INTO NEW.n_errors, NEW.n_warnings, NEW.n_uncertain
	  FROM jsonb_array_elements(NEW.findings) AS f;
	RETURN NEW;
END
$$;

COMMENT ON FUNCTION @extschema@.gip_fixture_columns() IS
'Fixture (views branch): BEFORE trigger of gip_reports filling the derived columns of the store contract from report and findings.';

-- the facts and findings of one stored row
CREATE FUNCTION @extschema@.gip_fixture_facts()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		DELETE FROM @extschema@.gip_facts WHERE report_id = OLD.id;
		DELETE FROM @extschema@.gip_report_findings WHERE report_id = OLD.id;
	END IF;
	IF (NEW.report).tables IS NULL THEN
		RETURN NULL;
	END IF;
	INSERT INTO @extschema@.gip_facts
	SELECT NEW.id, c.table_no, t.row_no, c.row_code, t.column_no, c.column_code,
		   c.value, c.state, c.raw, c.line
	  FROM @extschema@.gip_cells(NEW.report) AS c
		   JOIN @extschema@.gip_template_rows() AS t
			 ON t.table_no = c.table_no AND t.row_code = c.row_code
				AND t.column_code = c.column_code
				AND t.template = CASE WHEN c.table_no = 3 THEN (NEW.report).t3_variant
									  ELSE (NEW.report).template END;
	INSERT INTO @extschema@.gip_report_findings
	SELECT NEW.id, n::int, f->>'rule_id', f->>'severity', f->>'status',
		   (f->>'table_no')::int, f->>'row_code', f->>'column_code',
		   (f->>'expected')::numeric, (f->>'actual')::numeric, (f->>'line')::int,
		   f->>'message', f->>'message_en', f->>'holds', (f->>'required')::numeric
	  FROM jsonb_array_elements(NEW.findings) WITH ORDINALITY AS x(f, n);
	RETURN NULL;
END
$$;

COMMENT ON FUNCTION @extschema@.gip_fixture_facts() IS
'Fixture (views branch): AFTER trigger of gip_reports writing the row''s cells into gip_facts and its findings into gip_report_findings.';

-- after gip_reports_check (triggers fire in name order)
CREATE TRIGGER gip_reports_fixture_columns
	BEFORE INSERT OR UPDATE ON @extschema@.gip_reports
	FOR EACH ROW EXECUTE FUNCTION @extschema@.gip_fixture_columns();
CREATE TRIGGER gip_reports_fixture_facts
	AFTER INSERT OR UPDATE ON @extschema@.gip_reports
	FOR EACH ROW EXECUTE FUNCTION @extschema@.gip_fixture_facts();

-- rows stored before (the upgrade from 0.3.0): an UPDATE runs both triggers
UPDATE @extschema@.gip_reports SET source = source;
ALTER TABLE @extschema@.gip_reports ALTER COLUMN content_hash SET NOT NULL;

-- the stand-in columns described (the store's own comments replace these)
DO $$
DECLARE
	c	record;
BEGIN
	FOR c IN
		SELECT a.attrelid::regclass AS rel, a.attname
		  FROM pg_catalog.pg_attribute AS a
		 WHERE a.attrelid IN ('@extschema@.gip_reports'::regclass, '@extschema@.gip_rejected'::regclass,
							  '@extschema@.gip_facts'::regclass, '@extschema@.gip_report_findings'::regclass,
							  '@extschema@.gip_agency_aliases'::regclass)
		   AND a.attnum > 0 AND NOT a.attisdropped
		   AND pg_catalog.col_description(a.attrelid, a.attnum) IS NULL
	LOOP
		EXECUTE pg_catalog.format('COMMENT ON COLUMN %s.%I IS %L', c.rel, c.attname,
								  '替身列 · stand-in column of the store contract (views branch fixture)');
	END LOOP;
END
$$;

-- ==== views: the BI views over the fact tables ====
-- sql/master/40_views.sql and 45_bi.sql as they are, after dropping the views of 0.3.0

DROP VIEW IF EXISTS @extschema@.gip_report_summary;
DROP VIEW IF EXISTS @extschema@.gip_findings;
DROP VIEW IF EXISTS @extschema@.gip_request_facts;
DROP VIEW IF EXISTS @extschema@.gip_active_facts;
DROP VIEW IF EXISTS @extschema@.gip_review_facts;

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
