/*
 * gipreport--0.3.0--0.4.0.sql
 *		Upgrade of gipreport from 0.3.0 to 0.4.0.
 *
 *		Every object that sql/master/ creates or changes in 0.4.0 is created
 *		or changed here too; test/t/002_upgrade.pl compares a fresh install
 *		with the chain of upgrades from 0.1.0 object by object.
 */

\echo Use "ALTER EXTENSION gipreport UPDATE TO '0.4.0'" to load this file. \quit

-- ==== uncertain: findings say what their blanks imply (holds, required, message_en); gip_is_valid(report, mode); gip_enforce() honours gipreport.on_uncertain ====

-- gip_validate gains the columns holds, required and message_en: its row
-- type changes, so it is dropped and created again (gip_findings_jsonb,
-- the only SQL that reads it, is a SQL function without a recorded
-- dependency and is replaced below).
DROP FUNCTION @extschema@.gip_validate(@extschema@.gip_report, @extschema@.gip_report);

CREATE FUNCTION @extschema@.gip_validate(report @extschema@.gip_report,
	previous @extschema@.gip_report DEFAULT NULL)
RETURNS TABLE(rule_id text, severity text, status text, table_no int,
	row_code text, column_code text, expected numeric, actual numeric,
	line int, message text, holds text, required numeric, message_en text)
AS 'MODULE_PATHNAME', 'gip_validate_report'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10;

COMMENT ON FUNCTION @extschema@.gip_validate(@extschema@.gip_report, @extschema@.gip_report) IS
'Check a report against the consistency rules of the format (see gip_rules()): one row per finding, with status ''fail'' or ''uncertain'' (an operand is blank, a placeholder, missing or not a number: blank is not zero). expected and actual are the two sides of the identity (for narrative.mismatch: the table''s value and the figure in the text); line is the source line; message is in Chinese and names the row and column as printed, message_en says the same in English with the row and column codes. For an uncertain identity, holds says whether it would hold with its blank, placeholder and missing operands read as 0 (''holds'' or ''fails''; NULL when an operand is text or ambiguous, or the rule is no identity), and required the value that the one operand without a number must have for it to hold (NULL when there are several, or when no non-negative value would do); the Chinese message says the same (若空白为0则不平衡，空白处应为…). previous, the same body''s report of the year before, enables the history.* rules. No rows means every rule passes.';

CREATE OR REPLACE FUNCTION @extschema@.gip_findings_jsonb(report @extschema@.gip_report,
	previous @extschema@.gip_report DEFAULT NULL)
RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT COALESCE(jsonb_agg(jsonb_build_object(
			'rule_id', f.rule_id, 'severity', f.severity, 'status', f.status,
			'table_no', f.table_no, 'row_code', f.row_code,
			'column_code', f.column_code, 'expected', f.expected,
			'actual', f.actual, 'line', f.line, 'message', f.message,
			'holds', f.holds, 'required', f.required,
			'message_en', f.message_en)
		ORDER BY f.ord), '[]'::jsonb)
  FROM @extschema@.gip_validate(report, previous) WITH ORDINALITY
	   AS f(rule_id, severity, status, table_no, row_code, column_code,
			expected, actual, line, message, holds, required, message_en, ord)
$$;

COMMENT ON FUNCTION @extschema@.gip_findings_jsonb(@extschema@.gip_report, @extschema@.gip_report) IS
'The findings of gip_validate(report, previous) as a jsonb array of objects with the same keys as its columns (rule_id ... message, holds, required, message_en; null where the column is NULL), in the order of the rules.';

COMMENT ON FUNCTION @extschema@.gip_is_valid(@extschema@.gip_report, boolean) IS
'True unless an error-severity rule fails on the report; with strict, an error rule that cannot be decided because of a blank or placeholder cell also makes it false. Warnings never do. Meant for CHECK (gip_is_valid(gip_parse(body))). gip_is_valid(report, mode) names the treatment of undecided rules instead.';

CREATE FUNCTION @extschema@.gip_is_valid(report @extschema@.gip_report,
	mode text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'gip_is_valid_mode'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.gip_is_valid(@extschema@.gip_report, text) IS
'True unless an error-severity rule fails on the report, or one that blanks leave undecided (status uncertain) counts against it under mode: lenient (it passes, as gip_is_valid(report)), strict (it fails), zeros (it passes only when the identity holds with the blank, placeholder and missing cells read as 0: holds = ''holds''). A boolean literal (''true'', ''off'') means strict or lenient, as the boolean form; another mode is an error (22023). Warnings never count. Meant for CHECK (gip_is_valid(gip_parse(body), ''zeros'')).';

CREATE OR REPLACE FUNCTION @extschema@.gip_enforce()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	src			text;
	rep			@extschema@.gip_report;
	findings	jsonb;
	failing		text;
	mode		text;
BEGIN
	IF TG_NARGS NOT IN (1, 2) THEN
		RAISE EXCEPTION 'gip_enforce() needs one argument: the name of the text column that holds the report'
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'A second argument may name the mode of uncertain findings: lenient, strict or zeros.';
	END IF;
	EXECUTE format('SELECT ($1).%I::text', TG_ARGV[0]) INTO src USING NEW;
	IF src IS NULL THEN
		RETURN NEW;
	END IF;
	-- a text that does not parse is refused with the parser's error
	rep := @extschema@.gip_parse(src);
	-- read after gip_parse ran: the module defines the setting
	mode := COALESCE(TG_ARGV[1], current_setting('gipreport.on_uncertain', true), 'lenient');
	IF mode NOT IN ('lenient', 'strict', 'zeros') THEN
		RAISE EXCEPTION 'invalid mode for uncertain findings: "%"', mode
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The modes are lenient (uncertain passes), strict (uncertain fails) and zeros (uncertain passes when the identity holds with the blanks read as 0).';
	END IF;
	findings := @extschema@.gip_findings_jsonb(rep);
	-- a failing error rule; an undecided one as mode says
	SELECT string_agg(DISTINCT f->>'rule_id' ||
					  CASE WHEN f->>'status' = 'fail' THEN ''
						   ELSE ' (uncertain, refused under ' || mode || ')' END, ', ')
	  INTO failing
	  FROM jsonb_array_elements(findings) AS f
	 WHERE f->>'severity' = 'error'
	   AND (f->>'status' = 'fail' OR mode = 'strict' OR
			(mode = 'zeros' AND f->>'holds' IS DISTINCT FROM 'holds'));
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
'Trigger function: CREATE TRIGGER ... BEFORE INSERT OR UPDATE ... FOR EACH ROW EXECUTE FUNCTION gip_enforce(''column''). Parses the text in that column and refuses the row with SQLSTATE 23514 (check_violation) when an error rule fails, or when one that blanks leave undecided counts against it under the mode of uncertain findings: a second trigger argument (lenient, strict, zeros; see gip_is_valid(report, mode)), else the setting gipreport.on_uncertain (lenient by default). The message names the rules, the detail lists every finding with its line. A text that does not parse is refused with the parser''s error; NULL passes.';

-- ==== end uncertain ====

-- ==== store: the store as a warehouse (C triggers, facts, aliases, loader functions) ====

-- the PL/pgSQL trigger gives way to the C triggers
DROP TRIGGER gip_reports_check ON @extschema@.gip_reports;
DROP FUNCTION @extschema@.gip_store_check();

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

CREATE INDEX gip_reports_key_year ON @extschema@.gip_reports (agency_key, year);
CREATE INDEX gip_reports_content_hash ON @extschema@.gip_reports (content_hash);
CREATE INDEX gip_reports_year ON @extschema@.gip_reports (year);

COMMENT ON TABLE @extschema@.gip_reports IS
'Stored annual reports: insert source (the text) or source_bytes (the document as bytes: a GBK web page, a DOCX...) and source_name; the triggers parse and validate it (history rules against the current report of the same body, agency_key, for the year before), fill every other column from it (whatever a client puts there is ignored) and write its cells to gip_facts and its findings to gip_report_findings. A report that fails an error rule is refused with SQLSTATE 23514, or moved to gip_rejected when gipreport.on_invalid = quarantine (always, with a WARNING, for a row that comes with its derived columns filled in, as pg_restore brings them). The same document again (content_hash) is skipped with a NOTICE; another text for a body and year already stored supersedes it (gipreport.on_duplicate).';
COMMENT ON COLUMN @extschema@.gip_reports.id IS '编号 · row id';
COMMENT ON COLUMN @extschema@.gip_reports.source IS '原文 · the report text (decoded from source_bytes when the document was loaded as bytes)';
COMMENT ON COLUMN @extschema@.gip_reports.source_name IS '来源 · where the text came from (file name, URL)';
COMMENT ON COLUMN @extschema@.gip_reports.loaded_at IS '载入时间 · when the row was stored';
COMMENT ON COLUMN @extschema@.gip_reports.report IS '解析结果 · the parsed report (gip_parse of the source)';
COMMENT ON COLUMN @extschema@.gip_reports.agency IS '机关 · the reporting body as named in the report';
COMMENT ON COLUMN @extschema@.gip_reports.year IS '年度 · report year';
COMMENT ON COLUMN @extschema@.gip_reports.template IS '格式版本 · template (2019 or 2021)';
COMMENT ON COLUMN @extschema@.gip_reports.findings IS '校验结果 · the findings of gip_validate as a jsonb array (warnings and uncertain checks: a report failing an error rule is not stored)';
COMMENT ON COLUMN @extschema@.gip_reports.source_bytes IS '原始文件 · the document''s original bytes when it was loaded as bytes, else NULL';
COMMENT ON COLUMN @extschema@.gip_reports.source_encoding IS '原始编码 · the encoding source_bytes were decoded from, NULL for text';
COMMENT ON COLUMN @extschema@.gip_reports.content_hash IS '内容摘要 · sha256 of source_bytes, or of the UTF-8 text when loaded as text';
COMMENT ON COLUMN @extschema@.gip_reports.agency_key IS '机关标准名称 · the body''s canonical name: agency resolved through gip_agency_aliases';
COMMENT ON COLUMN @extschema@.gip_reports.is_current IS '现行版本 · false once another text for the same agency_key and year superseded it';
COMMENT ON COLUMN @extschema@.gip_reports.superseded_by IS '被替代为 · id of the report that superseded it';
COMMENT ON COLUMN @extschema@.gip_reports.form IS '文本形式 · the input form (cells, tsv, layout, html, ...)';
COMMENT ON COLUMN @extschema@.gip_reports.t3_variant IS '表三版本 · variant of table 三 (2021: 25 rows, 2019: 23 rows)';
COMMENT ON COLUMN @extschema@.gip_reports.published IS '落款日期 · signature date';
COMMENT ON COLUMN @extschema@.gip_reports.period_start IS '统计期起 · first day of the statistics period';
COMMENT ON COLUMN @extschema@.gip_reports.period_end IS '统计期止 · last day of the statistics period';
COMMENT ON COLUMN @extschema@.gip_reports.t2_rules_issued IS '规章本年制发 · rules issued this year (2019: newly made); NULL when the cell holds no number';
COMMENT ON COLUMN @extschema@.gip_reports.t2_rules_in_force IS '规章现行有效 · rules in force (2021 template only)';
COMMENT ON COLUMN @extschema@.gip_reports.t2_normative_issued IS '行政规范性文件本年制发 · normative documents issued this year (2019: newly made)';
COMMENT ON COLUMN @extschema@.gip_reports.t2_normative_in_force IS '行政规范性文件现行有效 · normative documents in force (2021 template only)';
COMMENT ON COLUMN @extschema@.gip_reports.t2_licensing IS '行政许可处理决定 · licensing decisions';
COMMENT ON COLUMN @extschema@.gip_reports.t2_punishment IS '行政处罚处理决定 · punishment decisions';
COMMENT ON COLUMN @extschema@.gip_reports.t2_coercion IS '行政强制处理决定 · coercion decisions';
COMMENT ON COLUMN @extschema@.gip_reports.t2_admin_fees_wan_yuan IS '行政事业性收费金额（万元） · administrative fees collected, 10,000 yuan (2021 template only)';
COMMENT ON COLUMN @extschema@.gip_reports.received IS '本年新收申请 · applications received this year (table 三, total column)';
COMMENT ON COLUMN @extschema@.gip_reports.carried_over IS '上年结转申请 · applications carried over from last year';
COMMENT ON COLUMN @extschema@.gip_reports.processed IS '办理结果总计 · applications processed';
COMMENT ON COLUMN @extschema@.gip_reports.granted IS '予以公开 · granted';
COMMENT ON COLUMN @extschema@.gip_reports.partially_granted IS '部分公开 · partially granted';
COMMENT ON COLUMN @extschema@.gip_reports.denied IS '不予公开 · denied (the sum of all its reasons; NULL when one of them holds no number)';
COMMENT ON COLUMN @extschema@.gip_reports.unavailable IS '无法提供 · information unavailable (all its reasons)';
COMMENT ON COLUMN @extschema@.gip_reports.rejected IS '不予处理 · not processed (all its reasons)';
COMMENT ON COLUMN @extschema@.gip_reports.other_processed IS '其他处理 · other handling (all its rows)';
COMMENT ON COLUMN @extschema@.gip_reports.carried_forward IS '结转下年度继续办理 · carried forward to next year';
COMMENT ON COLUMN @extschema@.gip_reports.review_total IS '行政复议总计 · administrative reviews';
COMMENT ON COLUMN @extschema@.gip_reports.review_corrected IS '行政复议结果纠正 · reviews that corrected the decision';
COMMENT ON COLUMN @extschema@.gip_reports.litigation_total IS '行政诉讼总计 · lawsuits (direct and after review)';
COMMENT ON COLUMN @extschema@.gip_reports.litigation_corrected IS '行政诉讼结果纠正 · lawsuits that corrected the decision';
COMMENT ON COLUMN @extschema@.gip_reports.n_errors IS '错误数 · failing error findings (0 for a stored report)';
COMMENT ON COLUMN @extschema@.gip_reports.n_warnings IS '警告数 · failing warning findings';
COMMENT ON COLUMN @extschema@.gip_reports.n_uncertain IS '无法核对数 · findings that could not be decided (an operand is blank, a placeholder, missing)';

ALTER TABLE @extschema@.gip_rejected
	ALTER COLUMN source DROP NOT NULL,
	ADD COLUMN source_bytes bytea,
	ADD COLUMN source_encoding text,
	ADD COLUMN content_hash bytea;

CREATE INDEX gip_rejected_content_hash ON @extschema@.gip_rejected (content_hash);

COMMENT ON TABLE @extschema@.gip_rejected IS
'Reports that gip_reports refused while gipreport.on_invalid = quarantine, and rows of a restore that the installed rules refuse: the document as given, why (reason, sqlstate) and the findings (NULL when it did not parse).';
COMMENT ON COLUMN @extschema@.gip_rejected.id IS '编号 · row id';
COMMENT ON COLUMN @extschema@.gip_rejected.source IS '原文 · the report text as given or decoded, NULL when the bytes did not decode';
COMMENT ON COLUMN @extschema@.gip_rejected.source_name IS '来源 · where the text came from';
COMMENT ON COLUMN @extschema@.gip_rejected.rejected_at IS '拒收时间 · when it was refused';
COMMENT ON COLUMN @extschema@.gip_rejected.reason IS '原因 · the error message';
COMMENT ON COLUMN @extschema@.gip_rejected.sqlstate IS '错误代码 · SQLSTATE the insert would have raised (23514 for a failing rule)';
COMMENT ON COLUMN @extschema@.gip_rejected.findings IS '校验结果 · findings as a jsonb array, NULL when the text did not parse';
COMMENT ON COLUMN @extschema@.gip_rejected.source_bytes IS '原始文件 · the original bytes when the document was given as bytes';
COMMENT ON COLUMN @extschema@.gip_rejected.source_encoding IS '原始编码 · the encoding the bytes were decoded from';
COMMENT ON COLUMN @extschema@.gip_rejected.content_hash IS '内容摘要 · sha256 of the bytes, or of the UTF-8 text';

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

COMMENT ON TABLE @extschema@.gip_facts IS
'Every template cell of every stored report, written by the store''s trigger in the same pass as the report (and rewritten when it changes): long form, one row per table, row and column; blank is not zero (value NULL, with its state).';
COMMENT ON COLUMN @extschema@.gip_facts.report_id IS '报告编号 · gip_reports.id';
COMMENT ON COLUMN @extschema@.gip_facts.table_no IS '表号 · table 2, 3 or 4';
COMMENT ON COLUMN @extschema@.gip_facts.row_no IS '行序 · row number in the template table (1-based, as gip_template_rows)';
COMMENT ON COLUMN @extschema@.gip_facts.row_code IS '行代码 · row code of the template';
COMMENT ON COLUMN @extschema@.gip_facts.column_no IS '列序 · column number in the template table (1-based)';
COMMENT ON COLUMN @extschema@.gip_facts.column_code IS '列代码 · column code of the template';
COMMENT ON COLUMN @extschema@.gip_facts.value IS '数值 · the number, NULL unless state is value';
COMMENT ON COLUMN @extschema@.gip_facts.state IS '单元格状态 · value, blank, placeholder, invalid, ambiguous or missing';
COMMENT ON COLUMN @extschema@.gip_facts.raw IS '原文 · the cell as written, NULL when missing';
COMMENT ON COLUMN @extschema@.gip_facts.line IS '行号 · source line, NULL when missing';

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

COMMENT ON TABLE @extschema@.gip_report_findings IS
'Every finding of every stored report (the rows of gip_reports.findings), written by the store''s trigger.';
COMMENT ON COLUMN @extschema@.gip_report_findings.report_id IS '报告编号 · gip_reports.id';
COMMENT ON COLUMN @extschema@.gip_report_findings.finding_no IS '序号 · finding number, in the order of the rules (1-based)';
COMMENT ON COLUMN @extschema@.gip_report_findings.rule_id IS '规则 · rule id (see gip_rules())';
COMMENT ON COLUMN @extschema@.gip_report_findings.severity IS '严重程度 · error or warning';
COMMENT ON COLUMN @extschema@.gip_report_findings.status IS '状态 · fail, or uncertain when an operand is blank';
COMMENT ON COLUMN @extschema@.gip_report_findings.table_no IS '表号 · table 2, 3 or 4, NULL when not about a table';
COMMENT ON COLUMN @extschema@.gip_report_findings.row_code IS '行代码 · row code of the template';
COMMENT ON COLUMN @extschema@.gip_report_findings.column_code IS '列代码 · column code of the template (or the metadata field)';
COMMENT ON COLUMN @extschema@.gip_report_findings.expected IS '应为 · expected value (one side of the identity)';
COMMENT ON COLUMN @extschema@.gip_report_findings.actual IS '实为 · actual value (the other side)';
COMMENT ON COLUMN @extschema@.gip_report_findings.line IS '行号 · source line';
COMMENT ON COLUMN @extschema@.gip_report_findings.message IS '说明 · message in Chinese';
COMMENT ON COLUMN @extschema@.gip_report_findings.message_en IS '英文说明 · message in English, when the validator gives one';
COMMENT ON COLUMN @extschema@.gip_report_findings.holds IS '是否成立 · holds or fails for a check decided despite a blank operand, when the validator says so';
COMMENT ON COLUMN @extschema@.gip_report_findings.required IS '所需值 · the value a blank operand would need for the check to hold, when the validator gives it';

-- agency aliases: other names of a body

CREATE TABLE @extschema@.gip_agency_aliases (
	alias		text PRIMARY KEY,
	agency		text NOT NULL,
	note		text
);

COMMENT ON TABLE @extschema@.gip_agency_aliases IS
'Other names of a reporting body: a report whose agency is alias is stored with agency_key = agency, so that its history rules, supersession and the views meet the body''s reports under its other names. Takes effect for reports stored (or re-parsed with gip_reparse()) after the alias is added.';
COMMENT ON COLUMN @extschema@.gip_agency_aliases.alias IS '别名 · a name as printed in reports';
COMMENT ON COLUMN @extschema@.gip_agency_aliases.agency IS '标准名称 · the canonical name of the body';
COMMENT ON COLUMN @extschema@.gip_agency_aliases.note IS '备注 · why they are the same body';

DO $$
BEGIN
	ALTER TABLE @extschema@.gip_reports
		ALTER COLUMN source_bytes SET COMPRESSION lz4;
	ALTER TABLE @extschema@.gip_rejected
		ALTER COLUMN source_bytes SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
	RAISE NOTICE 'gipreport: lz4 is not available, the store keeps pglz compression';
END
$$;

SELECT pg_catalog.pg_extension_config_dump('@extschema@.gip_agency_aliases', '');

-- ---- the store's functions and triggers (the same in the upgrade script) ----

CREATE FUNCTION @extschema@.gip_agency_key(name text)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT COALESCE((SELECT a.agency FROM @extschema@.gip_agency_aliases AS a
				  WHERE a.alias = name), name)
$$;

COMMENT ON FUNCTION @extschema@.gip_agency_key(text) IS
'The canonical name of a reporting body: the agency that gip_agency_aliases gives for the name, else the name itself (what the store puts in gip_reports.agency_key).';

CREATE FUNCTION @extschema@.gip_suggest_aliases()
RETURNS TABLE(alias text, agency text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
WITH names AS (
	SELECT DISTINCT r.agency_key AS name
	  FROM @extschema@.gip_reports AS r
	 WHERE r.agency_key IS NOT NULL
), cuts AS (
	-- each stored name cut after a region (省, 市, 区, 县, 州, 盟, 旗):
	-- 淮安市洪泽区人民政府 gives 洪泽区人民政府 (prefix 淮安市) and 人民政府
	SELECT n.name AS full_name, left(n.name, k) AS prefix,
		   substr(n.name, k + 1) AS rest
	  FROM names AS n, generate_series(2, length(n.name) - 3) AS k
	 WHERE substr(n.name, k, 1) IN ('省', '市', '区', '县', '州', '盟', '旗')
)
SELECT n.name AS alias, c.full_name AS agency,
	   format('%s is %s without the prefix of its parent region %s',
			  n.name, c.full_name, c.prefix) AS reason
  FROM cuts AS c
	   JOIN names AS n ON n.name = c.rest
 WHERE NOT EXISTS (SELECT 1 FROM @extschema@.gip_agency_aliases AS a
					WHERE a.alias = n.name)
 ORDER BY 2, 1
$$;

COMMENT ON FUNCTION @extschema@.gip_suggest_aliases() IS
'Likely aliases among the bodies in the store: a name that is another stored name without the prefix of its parent region (洪泽区人民政府 / 淮安市洪泽区人民政府), not yet in gip_agency_aliases. To accept one: INSERT INTO gip_agency_aliases (alias, agency) SELECT alias, agency FROM gip_suggest_aliases() ...; then SELECT * FROM gip_reparse() to re-key the stored reports.';

CREATE FUNCTION @extschema@.gip_store_check()
RETURNS trigger
AS 'MODULE_PATHNAME', 'gip_store_check'
LANGUAGE C;

COMMENT ON FUNCTION @extschema@.gip_store_check() IS
'BEFORE INSERT OR UPDATE trigger of gip_reports (C): decodes source_bytes (or takes source), skips a document already stored (same content_hash) with a NOTICE, parses it once, resolves agency_key through gip_agency_aliases, validates it with the current report of the same agency_key for the previous year, and fills every derived column from the result, ignoring what the client put there. A failing error rule raises 23514, or (gipreport.on_invalid = quarantine, or a row that comes with its derived columns filled in, as pg_restore brings them: then with a WARNING) moves the document to gip_rejected and skips the row. Another text for the same agency_key and year supersedes the stored one, raises 23505 or is kept too (gipreport.on_duplicate).';

CREATE FUNCTION @extschema@.gip_store_facts()
RETURNS trigger
AS 'MODULE_PATHNAME', 'gip_store_facts'
LANGUAGE C;

COMMENT ON FUNCTION @extschema@.gip_store_facts() IS
'AFTER INSERT OR UPDATE OR DELETE trigger of gip_reports (C): writes the cells of the stored report into gip_facts and its findings into gip_report_findings (replacing what an updated row had), checks the next year''s current report of the body again (its history rules), and after a delete makes the report the deleted one had superseded current again.';

CREATE TRIGGER gip_reports_check
	BEFORE INSERT OR UPDATE ON @extschema@.gip_reports
	FOR EACH ROW EXECUTE FUNCTION @extschema@.gip_store_check();

CREATE TRIGGER gip_reports_facts
	AFTER INSERT OR UPDATE OR DELETE ON @extschema@.gip_reports
	FOR EACH ROW EXECUTE FUNCTION @extschema@.gip_store_facts();

CREATE FUNCTION @extschema@.gip_store(document bytea, source_name text DEFAULT NULL)
RETURNS TABLE(outcome text, report_id bigint, rejected_id bigint, agency text,
	year int, reason text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	hash		bytea;
	before_id	bigint;
	new_id		bigint;
	old_id		bigint;
	msg			text;
	st			text;
BEGIN
	IF document IS NULL THEN
		RETURN;
	END IF;
	hash := sha256(document);
	SELECT r.id, r.agency, r.year INTO report_id, agency, year
	  FROM @extschema@.gip_reports AS r
	 WHERE r.content_hash = hash ORDER BY r.id + 0 LIMIT 1;
	IF FOUND THEN
		RAISE NOTICE 'report % is already stored as report %, skipped',
			COALESCE(quote_literal(source_name), '(unnamed)'), report_id;
		outcome := 'duplicate';
		reason := format('the same document is stored as report %s', report_id);
		RETURN NEXT;
		RETURN;
	END IF;
	SELECT COALESCE(max(j.id), 0) INTO before_id FROM @extschema@.gip_rejected AS j;
	BEGIN
		INSERT INTO @extschema@.gip_reports AS r (source_bytes, source_name)
		VALUES (document, gip_store.source_name)
		RETURNING r.id, r.agency, r.year INTO new_id, agency, year;
	EXCEPTION WHEN unique_violation THEN
		GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT;
		outcome := 'refused';
		reason := msg;
		RETURN NEXT;
		RETURN;
	END;
	IF new_id IS NOT NULL THEN
		outcome := 'stored';
		report_id := new_id;
		SELECT min(r.id) INTO old_id FROM @extschema@.gip_reports AS r
		 WHERE r.superseded_by = new_id;
		reason := CASE WHEN old_id IS NOT NULL THEN format('supersedes report %s', old_id) END;
		RETURN NEXT;
		RETURN;
	END IF;
	-- the trigger skipped the row: quarantined (or stored meanwhile)
	SELECT j.id, j.reason, j.sqlstate INTO rejected_id, msg, st
	  FROM @extschema@.gip_rejected AS j
	 WHERE j.content_hash = hash AND j.id > before_id
	 ORDER BY j.id DESC LIMIT 1;
	IF FOUND THEN
		outcome := CASE WHEN st = '23514' THEN 'quarantined' ELSE 'not_a_report' END;
		reason := msg;
		agency := NULL;
		year := NULL;
		RETURN NEXT;
		RETURN;
	END IF;
	SELECT r.id, r.agency, r.year INTO report_id, agency, year
	  FROM @extschema@.gip_reports AS r
	 WHERE r.content_hash = hash ORDER BY r.id + 0 LIMIT 1;
	outcome := 'duplicate';
	reason := format('the same document is stored as report %s', report_id);
	RETURN NEXT;
END
$$;

COMMENT ON FUNCTION @extschema@.gip_store(bytea, text) IS
'Store one document given as bytes (a text or web page in any supported encoding) in gip_reports and say what became of it: outcome stored (reason ''supersedes report N'' when it replaced another text of the same body and year), duplicate (the same bytes are stored already: report_id is that report, nothing written), quarantined (fails a rule; in gip_rejected, rejected_id), not_a_report (does not decode or parse; in gip_rejected), refused (gipreport.on_duplicate = refuse). With gipreport.on_invalid = quarantine it raises for no per-document problem; with refuse (the default) an invalid document raises as an INSERT would.';

CREATE FUNCTION @extschema@.gip_known_hashes(hashes bytea[])
RETURNS SETOF bytea
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT DISTINCT h
  FROM unnest(hashes) AS h
 WHERE EXISTS (SELECT 1 FROM @extschema@.gip_reports AS r WHERE r.content_hash = h)
	OR EXISTS (SELECT 1 FROM @extschema@.gip_rejected AS j WHERE j.content_hash = h)
$$;

COMMENT ON FUNCTION @extschema@.gip_known_hashes(bytea[]) IS
'Those of the given sha256 hashes (of a document''s bytes) that gip_reports or gip_rejected already hold, so that a loader run again skips what it already sent.';

CREATE FUNCTION @extschema@.gip_reparse()
RETURNS TABLE(report_id bigint, outcome text, changes text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
SET gipreport.on_invalid = error
AS $$
DECLARE
	r			record;
	after		record;
	changed		text[];
	msg			text;
BEGIN
	-- year by year, so that each report meets its re-parsed previous year
	FOR r IN SELECT g.id, g.report, g.agency, g.agency_key, g.year, g.template,
					g.findings, g.is_current, g.source
			   FROM @extschema@.gip_reports AS g
			  ORDER BY g.year NULLS FIRST, g.id
	LOOP
		BEGIN
			UPDATE @extschema@.gip_reports AS g SET source = g.source WHERE g.id = r.id;
		EXCEPTION WHEN others THEN
			GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT;
			report_id := r.id;
			outcome := 'refused';
			changes := msg;
			RETURN NEXT;
			CONTINUE;
		END;
		SELECT g.report, g.agency, g.agency_key, g.year, g.template, g.findings,
			   g.is_current, g.source
		  INTO after
		  FROM @extschema@.gip_reports AS g WHERE g.id = r.id;
		changed := ARRAY[]::text[];
		IF after.source IS DISTINCT FROM r.source THEN changed := changed || 'source'::text; END IF;
		IF after.report IS DISTINCT FROM r.report THEN changed := changed || 'report'::text; END IF;
		IF after.agency IS DISTINCT FROM r.agency THEN changed := changed || 'agency'::text; END IF;
		IF after.agency_key IS DISTINCT FROM r.agency_key THEN changed := changed || 'agency_key'::text; END IF;
		IF after.year IS DISTINCT FROM r.year THEN changed := changed || 'year'::text; END IF;
		IF after.template IS DISTINCT FROM r.template THEN changed := changed || 'template'::text; END IF;
		IF after.findings IS DISTINCT FROM r.findings THEN changed := changed || 'findings'::text; END IF;
		IF after.is_current IS DISTINCT FROM r.is_current THEN changed := changed || 'is_current'::text; END IF;
		report_id := r.id;
		outcome := CASE WHEN cardinality(changed) = 0 THEN 'unchanged' ELSE 'changed' END;
		changes := NULLIF(array_to_string(changed, ', '), '');
		RETURN NEXT;
	END LOOP;
END
$$;

COMMENT ON FUNCTION @extschema@.gip_reparse() IS
'Parse every stored report again with the installed version of gipreport, from source_bytes when it was loaded as bytes, else from source (year by year, so the history rules meet the re-parsed previous year), update its derived columns and facts, and say for each: unchanged, changed (changes lists the columns: report, agency, agency_key, year, template, findings, is_current), or refused (the installed rules refuse it now: the row is left as it was, changes is the reason). Run it after an upgrade or after adding agency aliases.';

-- fill the new columns and the facts of the reports already stored: each
-- row is updated (the trigger derives everything again), year by year so
-- that each meets its previous year; a row the rules of this version
-- refuse moves to gip_rejected with a WARNING
DO $$
DECLARE
	r			record;
	msg			text;
	st			text;
	saved		text := current_setting('gipreport.on_invalid', true);
BEGIN
	PERFORM set_config('gipreport.on_invalid', 'error', true);
	FOR r IN SELECT g.id, g.source, g.source_name
			   FROM @extschema@.gip_reports AS g ORDER BY g.year NULLS FIRST, g.id
	LOOP
		BEGIN
			UPDATE @extschema@.gip_reports AS g SET source = g.source WHERE g.id = r.id;
		EXCEPTION WHEN others THEN
			GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, st = RETURNED_SQLSTATE;
			INSERT INTO @extschema@.gip_rejected (source, source_name, reason, sqlstate, content_hash)
			VALUES (r.source, r.source_name, msg, st,
					sha256(convert_to(r.source, 'UTF8')));
			DELETE FROM @extschema@.gip_reports AS g WHERE g.id = r.id;
			RAISE WARNING 'stored report % is refused by gipreport 0.4.0: %',
				COALESCE(quote_literal(r.source_name), r.id::text), msg
				USING HINT = 'It is moved to gip_rejected.';
		END;
	END LOOP;
	PERFORM set_config('gipreport.on_invalid', COALESCE(saved, 'error'), true);
END
$$;

UPDATE @extschema@.gip_rejected
   SET content_hash = sha256(convert_to(source, 'UTF8'))
 WHERE content_hash IS NULL AND source IS NOT NULL;

ALTER TABLE @extschema@.gip_reports ALTER COLUMN content_hash SET NOT NULL;

-- ==== end of store ====
