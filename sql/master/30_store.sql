/*
 * sql/master/30_store.sql
 *		The report store gip_reports, its quarantine gip_rejected and its trigger.
 *
 *		Part of the master install script: the Makefile concatenates
 *		the files of sql/master in name order into sql/gipreport--<version>.sql.
 */

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
COMMENT ON COLUMN @extschema@.gip_reports.findings IS '校验结果 · the findings of gip_validate as a jsonb array (warnings and uncertain checks; a failing error only on a row restored from a dump that this version''s rules refuse)';

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

-- lz4 compresses several times faster than pglz; a server built without
-- lz4 keeps pglz
DO $$
BEGIN
	ALTER TABLE @extschema@.gip_reports
		ALTER COLUMN source SET COMPRESSION lz4,
		ALTER COLUMN report SET COMPRESSION lz4,
		ALTER COLUMN findings SET COMPRESSION lz4;
	ALTER TABLE @extschema@.gip_rejected
		ALTER COLUMN source SET COMPRESSION lz4,
		ALTER COLUMN findings SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
	RAISE NOTICE 'gipreport: lz4 is not available, the store keeps pglz compression';
END
$$;

SELECT pg_catalog.pg_extension_config_dump('@extschema@.gip_reports', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.gip_reports_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.gip_rejected', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.gip_rejected_id_seq', '');

CREATE FUNCTION @extschema@.gip_store_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
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
	-- a row that comes with its parsed report (pg_restore's COPY does)
	restored	boolean := TG_OP = 'INSERT' AND (NEW.report).tables IS NOT NULL;
BEGIN
	BEGIN
		rep := @extschema@.gip_parse(NEW.source);
	EXCEPTION WHEN others THEN
		GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE,
								err_message = MESSAGE_TEXT,
								err_detail = PG_EXCEPTION_DETAIL;
		IF restored THEN
			-- keep it as it was stored: the report of the version that took it
			RAISE WARNING 'stored report % no longer parses: %',
				COALESCE(quote_literal(NEW.source_name), NEW.id::text), err_message
				USING DETAIL = COALESCE(err_detail, ''),
					  HINT = 'It is kept with the report it was stored with.';
			RETURN NEW;
		END IF;
		IF current_setting('gipreport.on_invalid', true) = 'quarantine' THEN
			INSERT INTO @extschema@.gip_rejected (source, source_name, reason, sqlstate)
			VALUES (NEW.source, NEW.source_name,
					err_message || COALESCE(': ' || NULLIF(err_detail, ''), ''),
					err_state);
			RETURN NULL;
		END IF;
		RAISE;
	END;

	-- the same body's report of the year before (the newest, if several),
	-- planned for each row with the store's size as it is now: a plan
	-- cached while the store was small scans the whole table for every
	-- row, and loading turns quadratic.  "id + 0": ordered by id itself,
	-- the planner may walk the primary key backwards, filtering, through
	-- every row (it does when the statistics say the store is empty); this
	-- way it takes the few rows of that body and year from the index on
	-- (agency, year) and sorts them.  (r.report).* fills the row variable
	-- field by field.
	EXECUTE 'SELECT (r.report).* FROM @extschema@.gip_reports AS r
	  WHERE r.agency = $1 AND r.year = $2 - 1 AND ($3 OR r.id <> $4)
	  ORDER BY r.id + 0 DESC LIMIT 1'
	   INTO prev
	  USING rep.agency, rep.year, TG_OP = 'INSERT', NEW.id;
	found_findings := @extschema@.gip_findings_jsonb(rep, prev);
	-- restored before its previous year: keep the history findings it had
	IF restored AND (prev).tables IS NULL THEN
		found_findings := found_findings ||
			COALESCE((SELECT jsonb_agg(f ORDER BY n)
						FROM jsonb_array_elements(NEW.findings) WITH ORDINALITY AS h(f, n)
					   WHERE f->>'rule_id' LIKE 'history.%'), '[]');
	END IF;
	SELECT string_agg(DISTINCT f->>'rule_id', ', ')
	  INTO failing
	  FROM jsonb_array_elements(found_findings) AS f
	 WHERE f->>'severity' = 'error' AND f->>'status' = 'fail';
	-- read after gip_validate ran: the module defines the setting
	quarantine := current_setting('gipreport.on_invalid', true) = 'quarantine';

	IF failing IS NOT NULL AND restored THEN
		-- stored by a version whose rules it passed: keep it, with the
		-- failing findings in view (gip_findings, gip_report_summary.errors)
		RAISE WARNING 'stored report % fails rule(s) % of this version of gipreport',
			COALESCE(quote_literal(NEW.source_name), NEW.id::text), failing
			USING DETAIL = @extschema@.gip_findings_text(found_findings),
				  HINT = 'It is kept, with the failing findings in gip_findings.';
	ELSIF failing IS NOT NULL THEN
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
'Trigger of gip_reports: parses source, validates it (with the same agency''s report of the previous year for the history rules), fills report, agency, year, template and findings, and refuses an invalid report with 23514 or, when gipreport.on_invalid = quarantine, stores it in gip_rejected and skips the row. A row inserted with report already filled in (as pg_restore''s COPY brings the store back) is validated again but kept, with a WARNING and its failing findings, when the rules of this version refuse it; it keeps its history findings while the previous year''s report is not in the store yet.';

CREATE TRIGGER gip_reports_check
	BEFORE INSERT OR UPDATE ON @extschema@.gip_reports
	FOR EACH ROW EXECUTE FUNCTION @extschema@.gip_store_check();

