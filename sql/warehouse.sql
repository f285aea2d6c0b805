--
-- warehouse: the store as a warehouse.  The C triggers of gip_reports
-- write every cell into gip_facts and every finding into
-- gip_report_findings, fill the headline columns, skip a document stored
-- already (content_hash), supersede another text for the same body and year
-- (gipreport.on_duplicate), resolve the body through gip_agency_aliases, keep
-- the original bytes, and take no derived column from the client.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS gipreport;
RESET client_min_messages;
\set s003 `cat test/seeds/003.txt`
\set s004 `cat test/seeds/004.txt`
\set base `cat test/cases/validate/base.txt`
\set prev `cat test/cases/validate/prev.txt`
\set t4_bad `cat test/cases/validate/t4_bad.txt`
\set hongze2023 `cat test/corpus/real/hongze-district-2023.txt`
\set hongze2024 `cat test/corpus/real/hongze-district-2024.txt`
\set gbk003 `base64 -w0 test/corpus/gbk/003.html`
CREATE FUNCTION pg_temp.try(stmt text)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text;
	msg text;
	det text;
BEGIN
	EXECUTE stmt;
	RETURN 'ok';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
							det = PG_EXCEPTION_DETAIL;
	RETURN st || ': ' || msg || CASE WHEN det <> '' THEN E'\n' || det ELSE '' END;
END
$$;
-- dumped: the reports, the quarantine, the aliases; not the facts
SELECT c.relname
  FROM pg_extension AS e, unnest(e.extconfig) AS x(oid), pg_class AS c
 WHERE e.extname = 'gipreport' AND c.oid = x.oid AND c.relkind = 'r'
 ORDER BY c.relname;
-- a store of its own (the store test leaves reports behind)
TRUNCATE gip_reports, gip_rejected, gip_agency_aliases, gip_facts, gip_report_findings
	RESTART IDENTITY;
SELECT count(*) AS rules FROM gip_rules();
SHOW gipreport.on_duplicate;
-- a seed: every template cell is a fact, exactly as gip_cells shows it
INSERT INTO gip_reports (source, source_name) VALUES (:'s003', '003.txt');
SELECT table_no, count(*) AS cells, count(value) AS values_,
	   count(*) FILTER (WHERE state = 'blank') AS blank,
	   count(*) FILTER (WHERE state = 'missing') AS missing
  FROM gip_facts GROUP BY table_no ORDER BY table_no;
SELECT (SELECT count(*) FROM (
		SELECT f.table_no, f.row_code, f.column_code, f.value, f.state, f.raw, f.line
		  FROM gip_facts AS f
		EXCEPT
		SELECT c.table_no, c.row_code, c.column_code, c.value, c.state, c.raw, c.line
		  FROM gip_reports AS r, gip_cells(r.report) AS c) AS d) AS facts_not_in_cells,
	   (SELECT count(*) FROM (
		SELECT c.table_no, c.row_code, c.column_code, c.value, c.state, c.raw, c.line
		  FROM gip_reports AS r, gip_cells(r.report) AS c
		EXCEPT
		SELECT f.table_no, f.row_code, f.column_code, f.value, f.state, f.raw, f.line
		  FROM gip_facts AS f) AS d) AS cells_not_in_facts;
-- row_no and column_no are those of gip_template_rows
SELECT count(*) AS facts_off_template
  FROM gip_facts AS f JOIN gip_reports AS r ON r.id = f.report_id
 WHERE NOT EXISTS (SELECT 1 FROM gip_template_rows() AS t
					WHERE t.table_no = f.table_no AND t.row_no = f.row_no
					  AND t.row_code = f.row_code AND t.column_no = f.column_no
					  AND t.column_code = f.column_code
					  AND CASE WHEN f.table_no = 3 THEN t.variant = r.t3_variant
							   ELSE t.template = r.template END);
SELECT row_no, row_code, column_no, column_code, value, state, raw, line
  FROM gip_facts WHERE table_no = 3 AND column_code = 'total' ORDER BY row_no;
-- the headline columns
SELECT agency, agency_key, year, template, form, t3_variant, published, period_start,
	   period_end, t2_rules_issued, t2_rules_in_force, t2_normative_issued,
	   t2_normative_in_force, t2_licensing, t2_punishment, t2_coercion,
	   t2_admin_fees_wan_yuan, received, carried_over, processed, granted,
	   partially_granted, denied, unavailable, rejected, other_processed,
	   carried_forward, review_total, review_corrected, litigation_total,
	   litigation_corrected, n_errors, n_warnings, n_uncertain, is_current,
	   superseded_by, source_bytes IS NULL AS text_only, source_encoding,
	   content_hash = sha256(convert_to(source, 'UTF8')) AS hash_of_text
  FROM gip_reports;
-- they agree with the summary view
INSERT INTO gip_reports (source, source_name) VALUES (:'s004', '004.txt'), (:'prev', 'prev.txt'), (:'base', 'base.txt');
SELECT r.source_name,
	   (r.received, r.carried_over, r.processed, r.granted, r.partially_granted, r.denied,
		r.unavailable, r.rejected, r.other_processed, r.carried_forward, r.review_total,
		r.review_corrected, r.litigation_total, r.litigation_corrected)
	   IS NOT DISTINCT FROM
	   (s.received, s.carried_over, s.processed, s.granted, s.partially_granted, s.denied,
		s.unavailable, s.rejected, s.other_processed, s.carried_forward, s.review_total,
		s.review_corrected, s.litigation_total, s.litigation_corrected) AS same,
	   r.received, r.denied, r.litigation_total
  FROM gip_reports AS r JOIN gip_report_summary AS s ON s.report_id = r.id
 ORDER BY r.id;
-- findings as rows
SELECT r.source_name, f.finding_no, f.rule_id, f.severity, f.status, f.column_code,
	   f.expected, f.actual, f.line
  FROM gip_report_findings AS f JOIN gip_reports AS r ON r.id = f.report_id
 ORDER BY f.report_id, f.finding_no;
SELECT count(*) AS findings_rows, (SELECT sum(jsonb_array_length(findings)) FROM gip_reports) AS in_jsonb
  FROM gip_report_findings;
-- the same document again: a NOTICE, nothing written
INSERT INTO gip_reports (source, source_name) VALUES (:'s003', '003 again');
SELECT count(*) AS reports, (SELECT count(*) FROM gip_facts) AS facts FROM gip_reports;
-- twice in one statement: the second copy is a duplicate of the first (the
-- look-ups see the rows the statement has written), not a new version of it
SELECT last_value AS ids_before FROM gip_reports_id_seq \gset
BEGIN;
DELETE FROM gip_reports WHERE source_name = '003.txt';
INSERT INTO gip_reports (source, source_name)
VALUES (:'s003', '003 first copy'), (:'s003', '003 second copy');
SELECT source_name, is_current, superseded_by IS NULL AS not_superseded
  FROM gip_reports WHERE source_name LIKE '003 %' ORDER BY id;
ROLLBACK;
SELECT setval('gip_reports_id_seq', :ids_before) > 0 AS ids_as_before;
-- no way around the rules: derived columns from the client are ignored
INSERT INTO gip_reports (source, source_name, agency, year, findings, n_errors, is_current,
						 superseded_by, received, content_hash)
VALUES (:'s004', '004 with made-up columns', '假机关', 1999, '[]', 0, false, 1, 999999, '\x00');
-- a row that comes with report filled in (as a restore would) is validated too:
-- a valid report's parse with the failing 洪泽区 2023 text goes to gip_rejected
SET client_min_messages = error;
INSERT INTO gip_reports (source, source_name, report, agency, year, template, findings)
SELECT :'hongze2023', 'bypass', r.report, r.agency, r.year, r.template, r.findings
  FROM gip_reports AS r WHERE r.source_name = '003.txt';
RESET client_min_messages;
SELECT source_name, reason, sqlstate, jsonb_array_length(findings) AS findings,
	   content_hash = sha256(convert_to(:'hongze2023', 'UTF8')) AS hash_ok
  FROM gip_rejected;
SELECT count(*) AS bypass_stored FROM gip_reports WHERE source = :'hongze2023';
-- an UPDATE re-derives everything (here: another text in the row)
UPDATE gip_reports SET source = :'s004', source_name = '003 -> 004', received = 1
 WHERE source_name = '003.txt';
SELECT source_name, agency, year, received, n_warnings,
	   (SELECT count(*) FROM gip_facts AS f WHERE f.report_id = r.id) AS facts
  FROM gip_reports AS r WHERE source_name = '003 -> 004';
SELECT pg_temp.try(format('UPDATE gip_reports SET source = %L WHERE source_name = %L',
						  :'t4_bad', '003 -> 004'));
-- DELETE cascades to the facts
DELETE FROM gip_reports WHERE source_name = '003 -> 004';
SELECT count(*) AS orphan_facts FROM gip_facts AS f
 WHERE NOT EXISTS (SELECT 1 FROM gip_reports AS r WHERE r.id = f.report_id);
SELECT count(*) AS orphan_findings FROM gip_report_findings AS f
 WHERE NOT EXISTS (SELECT 1 FROM gip_reports AS r WHERE r.id = f.report_id);
-- another text for a body and year: supersede (default), refuse, keep
SELECT replace(:'base', '本年新收', '本年新收') || E'\n' AS base2 \gset
INSERT INTO gip_reports (source, source_name) VALUES (:'base2', 'base v2');
SELECT source_name, year, is_current, superseded_by = (SELECT id FROM gip_reports WHERE source_name = 'base v2') AS by_v2
  FROM gip_reports WHERE agency = '测试县教育局' ORDER BY id;
SET gipreport.on_duplicate = refuse;
SELECT pg_temp.try(format('INSERT INTO gip_reports (source, source_name) VALUES (%L, %L)',
						  :'base' || E'\n\n', 'base v3'));
SET gipreport.on_duplicate = keep;
INSERT INTO gip_reports (source, source_name) VALUES (:'base' || E'\n\n', 'base v3');
SELECT source_name, is_current FROM gip_reports WHERE agency = '测试县教育局' AND year = 2023 ORDER BY id;
RESET gipreport.on_duplicate;
SELECT pg_temp.try($$SET gipreport.on_duplicate = 'ignore'$$);
-- deleting the current text makes the one it superseded current again
DELETE FROM gip_reports WHERE source_name IN ('base v2', 'base v3');
SELECT source_name, is_current, superseded_by FROM gip_reports
 WHERE agency = '测试县教育局' ORDER BY id;
-- aliases: 洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024) are one body.  The
-- real 2023 report fails t4.total; its totals corrected, and its stock of
-- normative documents changed from 5 to 6, the 2024 report's history rule
-- t2_stock (6 + 3 - 0 <> 8) fails once the two names meet
SELECT replace(replace(:'hongze2023',
	'10    1      0   0    0   0    0   0   0    0   5   0     0   0   0',
	'10    1      0   0    11  0    0   0   0    0   5   0     0   0   5'),
	'          0          5       5', '          0          5       6') AS h23 \gset
INSERT INTO gip_reports (source, source_name) VALUES (:'h23', 'hongze 2023 (corrected)');
INSERT INTO gip_reports (source, source_name) VALUES (:'hongze2024', 'hongze 2024');
SELECT source_name, agency, agency_key, year,
	   (SELECT string_agg(f->>'rule_id', ', ') FROM jsonb_array_elements(findings) AS f
		 WHERE f->>'rule_id' LIKE 'history.%') AS history
  FROM gip_reports WHERE source_name LIKE 'hongze%' ORDER BY year;
SELECT * FROM gip_suggest_aliases();
INSERT INTO gip_agency_aliases (alias, agency, note)
SELECT alias, agency, reason FROM gip_suggest_aliases();
SELECT gip_agency_key('洪泽区人民政府'), gip_agency_key('淮安市洪泽区人民政府'), gip_agency_key('别的机关');
SELECT count(*) AS suggestions_left FROM gip_suggest_aliases();
-- re-parse the store: the 2023 report takes the canonical name, and the
-- 2024 report now meets it (year by year)
SELECT r.source_name, p.outcome, p.changes
  FROM gip_reparse() AS p JOIN gip_reports AS r ON r.id = p.report_id ORDER BY p.report_id;
SELECT source_name, agency, agency_key, year, n_warnings,
	   (SELECT string_agg(f.rule_id || ' ' || f.expected || '/' || f.actual, ', ')
		  FROM gip_report_findings AS f WHERE f.report_id = r.id AND f.rule_id LIKE 'history.%') AS history
  FROM gip_reports AS r WHERE source_name LIKE 'hongze%' ORDER BY year;
-- a row the installed rules refuse (put in behind the trigger's back) is reported, left alone
SET session_replication_role = replica;
INSERT INTO gip_reports (source, source_name, content_hash) VALUES (:'t4_bad', 'behind', '\x01');
RESET session_replication_role;
SELECT p.outcome, p.changes
  FROM gip_reparse() AS p JOIN gip_reports AS r ON r.id = p.report_id
 WHERE r.source_name = 'behind';
DELETE FROM gip_reports WHERE source_name = 'behind';
-- gip_store: a document as bytes, and what became of it
SET gipreport.on_invalid = quarantine;
SELECT outcome, report_id IS NOT NULL AS has_report, rejected_id IS NOT NULL AS has_rejected,
	   agency, year, reason
  FROM gip_store(decode(:'gbk003', 'base64'), 'gbk/003.html');
SELECT outcome, agency, year, reason FROM gip_store(decode(:'gbk003', 'base64'), 'gbk/003.html again');
SELECT outcome, agency, year, reason FROM gip_store(convert_to(:'hongze2023', 'GB18030'), 'hongze 2023 gbk');
SELECT outcome, agency, year, left(reason, 60) AS reason FROM gip_store(convert_to('不是年度报告', 'GB18030'), 'news');
SELECT outcome, agency, year, reason FROM gip_store(convert_to(:'base' || E'\n\n\n', 'UTF8'), 'base v4');
SET gipreport.on_duplicate = refuse;
SELECT outcome, agency, year, reason FROM gip_store(convert_to(:'base' || E'\n\n\n\n', 'UTF8'), 'base v5');
RESET gipreport.on_duplicate;
RESET gipreport.on_invalid;
SELECT source_name, source_encoding, length(source_bytes) AS bytes,
	   content_hash = sha256(source_bytes) AS hash_of_bytes,
	   source LIKE '%政府信息公开%' AS decoded, agency, year, received
  FROM gip_reports WHERE source_bytes IS NOT NULL ORDER BY id;
SELECT source_name, sqlstate, source IS NOT NULL AS has_text, source_encoding,
	   content_hash = sha256(source_bytes) AS hash_of_bytes
  FROM gip_rejected WHERE source_bytes IS NOT NULL ORDER BY id;
-- gip_known_hashes: what a loader need not send again
SELECT count(*) AS known FROM gip_known_hashes(ARRAY[
	sha256(decode(:'gbk003', 'base64')), sha256(convert_to(:'hongze2023', 'GB18030')),
	sha256(convert_to(:'s004', 'UTF8')), sha256('\x00')]);
-- comments on every column
SELECT c.relname, count(*) AS columns, count(d.description) AS described
  FROM pg_class AS c
	   JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0
	   LEFT JOIN pg_description AS d ON d.objoid = c.oid AND d.objsubid = a.attnum
 WHERE c.relname IN ('gip_facts', 'gip_report_findings', 'gip_agency_aliases')
 GROUP BY c.relname ORDER BY c.relname;
-- gipreport.on_uncertain decides what an uncertain error does to a report:
-- seed 003 with zeros left blank (holds with the blanks as 0) and with a
-- blank 总计 under non-zero cells (fails with the blanks as 0, the blank
-- must be a given value); each text with a different whitespace tail, so
-- that none is the same document as another
\set zblank `cat test/cases/validate/seed_zeros_blank.txt`
\set tblank `cat test/cases/validate/seed_total_blank.txt`
BEGIN;
DELETE FROM gip_reports;
SET LOCAL gipreport.on_invalid = quarantine;
SELECT m.mode, c.name, pg_temp.try(format(
		'SET LOCAL gipreport.on_uncertain = %s; INSERT INTO gip_reports (source, source_name) VALUES (%L, %L)',
		m.mode, c.body || repeat(E'\n', m.n), m.mode || ' ' || c.name)) AS insert_result
  FROM (VALUES ('lenient', 1), ('strict', 2), ('zeros', 3)) AS m(mode, n),
	   (VALUES ('zeros_blank', :'zblank'), ('total_blank', :'tblank')) AS c(name, body)
 ORDER BY 1, 2;
-- what was stored, what was quarantined, and why
SELECT source_name, n_errors, n_uncertain FROM gip_reports ORDER BY source_name;
SELECT source_name, reason, sqlstate FROM gip_rejected
 WHERE source_name ~ '^(lenient|strict|zeros) ' ORDER BY source_name;
-- the stored uncertain findings say which way the blanks point
SELECT r.source_name, f.rule_id, f.row_code, f.column_code, f.holds, f.required
  FROM gip_report_findings AS f JOIN gip_reports AS r ON r.id = f.report_id
 WHERE f.status = 'uncertain' AND f.required IS NOT NULL
 ORDER BY 1, 2, 3, 4;
SELECT count(*) AS findings_with_english
  FROM gip_report_findings WHERE message_en LIKE rule_id || ':%';
ROLLBACK;
-- a Word document goes into the store as it is: read from its bytes, kept
-- in source_bytes, its facts written like any other's; a broken one is
-- quarantined with the reader's SQLSTATE
\set docx001 `base64 -w0 test/corpus/docx/001.docx`
\set docxbad `base64 -w0 test/corpus/docx/bad/truncated.docx`
BEGIN;
DELETE FROM gip_reports;
SET LOCAL gipreport.on_invalid = quarantine;
SELECT outcome, agency, year FROM gip_store(decode(:'docx001', 'base64'), 'seed 001.docx');
SELECT form, source_encoding, length(source_bytes) = length(decode(:'docx001', 'base64')) AS bytes_kept,
	   source LIKE '[DOCX document of % bytes%' AS source_note,
	   (SELECT count(*) FROM gip_facts AS f WHERE f.report_id = r.id) AS facts,
	   received, processed
  FROM gip_reports AS r;
SELECT outcome, reason FROM gip_store(decode(:'docxbad', 'base64'), 'truncated.docx');
SELECT sqlstate FROM gip_rejected WHERE source_name = 'truncated.docx';
ROLLBACK;
-- a glued text in Traditional script: its row labels are whole characters
-- (a label that ended in a byte 0x85 or 0xA0 lost it, and the findings that
-- name the row were not valid UTF-8: the store refused the report with 22021)
\set ptrad `cat test/corpus/glued/pingtan-2019-trad.txt`
SELECT count(*) AS findings, count(*) FILTER (WHERE status = 'uncertain') AS uncertain
  FROM gip_validate(gip_parse(:'ptrad'));
