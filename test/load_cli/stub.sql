/*
 * test/load_cli/stub.sql
 *		Test-only stand-ins for gip_store(bytea, text) and
 *		gip_known_hashes(bytea[]) of the 0.4.0 store contract
 *		(/work/CONTRACT_store.md), so that gip_load's tests run before the
 *		store that implements them is merged.  test/load_cli/run.sh loads
 *		this file only when the database has no gip_store(bytea, text).
 *
 *		The 0.3.0 store keeps only the decoded text, so the stand-ins keep
 *		the SHA-256 of the bytes given in a side table, and decode the bytes
 *		themselves: UTF-16LE with a byte order mark by hand, valid UTF-8 as
 *		it is, else the first of GB18030 and BIG5 whose text parses to the
 *		same agency and year as gip_parse(bytea) (which detects the
 *		encoding) gives.  Then
 *		the text goes into gip_reports (source, source_name), whose trigger
 *		parses, validates and quarantines as it does today.
 */

CREATE TABLE gip_load_stub_hashes (
	hash		bytea NOT NULL,
	report_id	bigint,
	rejected_id	bigint
);
CREATE INDEX ON gip_load_stub_hashes (hash);

-- UTF-16LE bytes after a byte order mark, as text
CREATE FUNCTION gip_load_stub_utf16le(document bytea) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	parts	text[] := '{}';
	i		int := 2;
	n		int := length(document);
	u		int;
	u2		int;
BEGIN
	WHILE i + 1 < n LOOP
		u := get_byte(document, i) | (get_byte(document, i + 1) << 8);
		i := i + 2;
		IF u BETWEEN 55296 AND 56319 AND i + 1 < n THEN
			u2 := get_byte(document, i) | (get_byte(document, i + 1) << 8);
			i := i + 2;
			u := 65536 + ((u - 55296) << 10) + (u2 - 56320);
		END IF;
		IF u <> 0 THEN
			parts := parts || chr(u);
		END IF;
	END LOOP;
	RETURN array_to_string(parts, '');
END
$$;

-- the text of a document given as bytes; raises as gip_parse(bytea) does
-- when the bytes are not a report
CREATE FUNCTION gip_load_stub_decode(document bytea) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	want	gip_report;
	cand	text;
	got		gip_report;
	enc		text;
BEGIN
	IF substr(document, 1, 2) = '\xfffe'::bytea THEN
		RETURN gip_load_stub_utf16le(document);
	END IF;
	-- valid UTF-8 is taken as it is (the store's trigger judges the text)
	BEGIN
		RETURN convert_from(document, 'UTF8');
	EXCEPTION WHEN others THEN
		NULL;
	END;
	want := gip_parse(document);
	FOREACH enc IN ARRAY ARRAY['GB18030', 'BIG5'] LOOP
		BEGIN
			cand := convert_from(document, enc);
			got := gip_parse(cand);
			IF got.agency IS NOT DISTINCT FROM want.agency
			   AND got.year IS NOT DISTINCT FROM want.year THEN
				RETURN cand;
			END IF;
		EXCEPTION WHEN others THEN
			NULL;
		END;
	END LOOP;
	RAISE EXCEPTION 'stub: could not decode the document' USING ERRCODE = '22021';
END
$$;

CREATE FUNCTION gip_store(document bytea, source_name text DEFAULT NULL)
RETURNS TABLE(outcome text, report_id bigint, rejected_id bigint, agency text,
			  year int, reason text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	h			bytea := sha256(document);
	txt			text;
	rid			bigint;
	rej_before	bigint;
	rej			record;
	rep			gip_report;
	st			text;
	msg			text;
	quarantine	boolean := current_setting('gipreport.on_invalid', true) = 'quarantine';
BEGIN
	SELECT s.report_id INTO rid FROM gip_load_stub_hashes s
	 WHERE s.hash = h AND s.report_id IS NOT NULL LIMIT 1;
	IF FOUND THEN
		RAISE NOTICE 'the same content is stored already as report %', rid;
		RETURN QUERY SELECT 'duplicate'::text, r.id, NULL::bigint, r.agency, r.year,
			format('the same content is stored as report %s', r.id)
			FROM gip_reports r WHERE r.id = rid;
		RETURN;
	END IF;

	BEGIN
		txt := gip_load_stub_decode(document);
	EXCEPTION WHEN others THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
		IF NOT quarantine THEN
			RAISE;
		END IF;
		INSERT INTO gip_rejected AS j (source, source_name, reason, sqlstate)
		VALUES ('', source_name, msg, st) RETURNING j.id INTO rid;
		INSERT INTO gip_load_stub_hashes (hash, rejected_id) VALUES (h, rid);
		RETURN QUERY SELECT 'not_a_report'::text, NULL::bigint, rid, NULL::text, NULL::int, msg;
		RETURN;
	END;

	SELECT max(j.id) INTO rej_before FROM gip_rejected j;
	INSERT INTO gip_reports AS r (source, source_name) VALUES (txt, source_name)
	RETURNING r.id INTO rid;
	IF rid IS NOT NULL THEN
		INSERT INTO gip_load_stub_hashes (hash, report_id) VALUES (h, rid);
		RETURN QUERY SELECT 'stored'::text, r.id, NULL::bigint, r.agency, r.year, NULL::text
			FROM gip_reports r WHERE r.id = rid;
		RETURN;
	END IF;
	SELECT j.* INTO rej FROM gip_rejected j
	 WHERE j.id > COALESCE(rej_before, 0) AND j.source = txt
	   AND j.source_name IS NOT DISTINCT FROM source_name
	 ORDER BY j.id DESC LIMIT 1;
	INSERT INTO gip_load_stub_hashes (hash, rejected_id) VALUES (h, rej.id);
	BEGIN
		rep := gip_parse(txt);
	EXCEPTION WHEN others THEN
		rep := NULL;
	END;
	RETURN QUERY SELECT CASE WHEN rej.sqlstate = '23514' THEN 'quarantined' ELSE 'not_a_report' END,
		NULL::bigint, rej.id, rep.agency, rep.year, rej.reason;
END
$$;

CREATE FUNCTION gip_known_hashes(hashes bytea[]) RETURNS SETOF bytea
LANGUAGE sql STABLE AS $$
	SELECT DISTINCT h FROM unnest(hashes) AS h
	 WHERE EXISTS (SELECT 1 FROM gip_load_stub_hashes s WHERE s.hash = h)
$$;
