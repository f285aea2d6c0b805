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
