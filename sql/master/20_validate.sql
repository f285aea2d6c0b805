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
SET search_path = pg_catalog, pg_temp
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

