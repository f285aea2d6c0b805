/*
 * sql/master/20_validate.sql
 *		Validation: the consistency rules, findings as jsonb and text, gip_enforce().
 *
 *		Part of the master install script: the Makefile concatenates
 *		the files of sql/master in name order into sql/gipreport--<version>.sql.
 */

-- validation

CREATE FUNCTION @extschema@.gip_validate(report @extschema@.gip_report,
	previous @extschema@.gip_report DEFAULT NULL)
RETURNS TABLE(rule_id text, severity text, status text, table_no int,
	row_code text, column_code text, expected numeric, actual numeric,
	line int, message text, holds text, required numeric, message_en text)
AS 'MODULE_PATHNAME', 'gip_validate_report'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10;

COMMENT ON FUNCTION @extschema@.gip_validate(@extschema@.gip_report, @extschema@.gip_report) IS
'Check a report against the consistency rules of the format (see gip_rules()): one row per finding, with status ''fail'' or ''uncertain'' (an operand is blank, a placeholder, missing or not a number: blank is not zero). expected and actual are the two sides of the identity (for narrative.mismatch: the table''s value and the figure in the text); line is the source line; message is in Chinese and names the row and column as printed, message_en says the same in English with the row and column codes. For an uncertain identity, holds says whether it would hold with its blank, placeholder and missing operands read as 0 (''holds'' or ''fails''; NULL when an operand is text or ambiguous, or the rule is no identity), and required the value that the one operand without a number must have for it to hold (NULL when there are several, or when no non-negative value would do); the Chinese message says the same (若空白为0则不平衡，空白处应为…). previous, the same body''s report of the year before, enables the history.* rules. No rows means every rule passes.';

CREATE FUNCTION @extschema@.gip_is_valid(report @extschema@.gip_report,
	strict boolean DEFAULT false)
RETURNS boolean
AS 'MODULE_PATHNAME', 'gip_is_valid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.gip_is_valid(@extschema@.gip_report, boolean) IS
'True unless an error-severity rule fails on the report; with strict, an error rule that cannot be decided because of a blank or placeholder cell also makes it false. Warnings never do. Meant for CHECK (gip_is_valid(gip_parse(body))). gip_is_valid(report, mode) names the treatment of undecided rules instead.';

CREATE FUNCTION @extschema@.gip_is_valid(report @extschema@.gip_report,
	mode text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'gip_is_valid_mode'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.gip_is_valid(@extschema@.gip_report, text) IS
'True unless an error-severity rule fails on the report, or one that blanks leave undecided (status uncertain) counts against it under mode: lenient (it passes, as gip_is_valid(report)), strict (it fails), zeros (it passes only when the identity holds with the blank, placeholder and missing cells read as 0: holds = ''holds''). A boolean literal (''true'', ''off'') means strict or lenient, as the boolean form; another mode is an error (22023). Warnings never count. Meant for CHECK (gip_is_valid(gip_parse(body), ''zeros'')).';

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
SET search_path = pg_catalog, pg_temp
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

-- a trigger for any table that holds report texts

CREATE FUNCTION @extschema@.gip_enforce()
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

