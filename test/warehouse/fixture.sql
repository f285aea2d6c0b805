/*
 * test/warehouse/fixture.sql
 *		BRANCH-ONLY stand-in for the 0.4.0 store tables of the store contract
 *		(/work/CONTRACT_store.md): the new columns of gip_reports and
 *		gip_rejected, gip_facts, gip_report_findings, gip_agency_aliases and
 *		gip_agency_key(), filled by a PL/pgSQL trigger from gip_cells() and the
 *		findings the existing trigger computed.
 *
 *		The views of sql/master/40_views.sql and 45_bi.sql read these tables.
 *		The helper "store" builds the real ones (a C trigger, in
 *		sql/master/30_store.sql); when its branch is merged this file, its
 *		line in the Makefile and its section of the upgrade script go away.
 *		It is written so that the same text serves the install script and
 *		the upgrade from 0.3.0 (ADD COLUMN, then a fill of the stored rows).
 */

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
