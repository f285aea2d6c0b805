/*
 * gipreport--0.2.0--0.3.0.sql
 *		Upgrade of gipreport to 0.3.0: a faster report store.
 *
 *		- gip_store_check() plans its look-up of the previous year's report
 *		  for each row, so that loading many reports stays linear;
 *		- the index it uses also orders by id (the newest report of a body
 *		  and year is one index entry away);
 *		- the source text, the parsed report and the findings are compressed
 *		  with lz4 where the server has it (pglz took a third of an INSERT).
 *		Stored rows are not touched: their values stay as they are.
 */

\echo Use "ALTER EXTENSION gipreport UPDATE TO '0.3.0'" to load this file. \quit

CREATE OR REPLACE FUNCTION @extschema@.gip_store_check()
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

	-- the same body's report of the year before: planned for each row, with
	-- the store's size as it is now (a plan cached while the store was
	-- small scans the whole table for every row, and loading turns
	-- quadratic); (r.report).* fills the row variable field by field
	EXECUTE 'SELECT (r.report).* FROM @extschema@.gip_reports AS r
	  WHERE r.agency = $1 AND r.year = $2 - 1 AND ($3 OR r.id <> $4)
	  ORDER BY r.id DESC LIMIT 1'
	   INTO prev
	  USING rep.agency, rep.year, TG_OP = 'INSERT', NEW.id;
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

-- the look-up's index: body, year and the newest row first
DROP INDEX @extschema@.gip_reports_agency_year;
CREATE INDEX gip_reports_agency_year ON @extschema@.gip_reports (agency, year, id);

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
