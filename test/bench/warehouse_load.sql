--
-- test/bench/warehouse_load.sql: the copy load of warehouse.sh.  bench_src
-- holds real report texts (the seeds, their renderings, the real reports and
-- the validation cases); they are stored through the store as they are, then
-- the stored rows, their facts and findings are copied, without triggers
-- (session_replication_role = replica), to :n reports: bodies 基准机关000000 ...
-- with five years each (2020-2024).  Only the columns of the store contract
-- are named, so the same file serves the stand-in and the real store.
--
SET jit = off;
SET maintenance_work_mem = '256MB';
-- the bases go in as a client sends them, through the store's trigger (a
-- text that fails a rule is quarantined); another text for a body and year
-- already stored may supersede it: the copies below are all current
SET gipreport.on_invalid = quarantine;
INSERT INTO gip_reports (source, source_name) SELECT body, 'base ' || id FROM bench_src ORDER BY id;
RESET gipreport.on_invalid;
CREATE TABLE bench_base AS
SELECT row_number() OVER (ORDER BY id) AS base_no, * FROM gip_reports;
CREATE TABLE bench_base_facts AS SELECT b.base_no, f.* FROM gip_facts AS f JOIN bench_base AS b ON b.id = f.report_id;
CREATE TABLE bench_base_findings AS SELECT b.base_no, f.* FROM gip_report_findings AS f JOIN bench_base AS b ON b.id = f.report_id;
TRUNCATE gip_reports CASCADE;
-- the copies, without triggers
SET session_replication_role = replica;
INSERT INTO gip_reports (id, source, source_name, loaded_at, report, agency, year, template,
		findings, source_bytes, source_encoding, content_hash, agency_key, is_current,
		superseded_by, form, t3_variant, published, period_start, period_end,
		t2_rules_issued, t2_rules_in_force, t2_normative_issued, t2_normative_in_force,
		t2_licensing, t2_punishment, t2_coercion, t2_admin_fees_wan_yuan,
		received, carried_over, processed, granted, partially_granted, denied,
		unavailable, rejected, other_processed, carried_forward,
		review_total, review_corrected, litigation_total, litigation_corrected,
		n_errors, n_warnings, n_uncertain)
SELECT g.i, b.source, b.source_name, b.loaded_at, b.report,
	   format('基准机关%s', lpad(((g.i - 1) / 5)::text, 6, '0')),
	   2020 + (g.i - 1) % 5, b.template, b.findings,
	   b.source_bytes, b.source_encoding, sha256(int8send(g.i)),
	   format('基准机关%s', lpad(((g.i - 1) / 5)::text, 6, '0')),
	   true, NULL, b.form, b.t3_variant, b.published, b.period_start, b.period_end,
	   b.t2_rules_issued, b.t2_rules_in_force, b.t2_normative_issued, b.t2_normative_in_force,
	   b.t2_licensing, b.t2_punishment, b.t2_coercion, b.t2_admin_fees_wan_yuan,
	   b.received, b.carried_over, b.processed, b.granted, b.partially_granted, b.denied,
	   b.unavailable, b.rejected, b.other_processed, b.carried_forward,
	   b.review_total, b.review_corrected, b.litigation_total, b.litigation_corrected,
	   b.n_errors, b.n_warnings, b.n_uncertain
  FROM generate_series(1, :n) AS g(i)
	   JOIN bench_base AS b ON b.base_no = (g.i - 1) % (SELECT count(*) FROM bench_base) + 1;
SELECT setval('gip_reports_id_seq', :n) \gset
INSERT INTO gip_facts
SELECT g.i, f.table_no, f.row_no, f.row_code, f.column_no, f.column_code, f.value, f.state, f.raw, f.line
  FROM generate_series(1, :n) AS g(i)
	   JOIN bench_base_facts AS f ON f.base_no = (g.i - 1) % (SELECT count(*) FROM bench_base) + 1
 ORDER BY g.i, f.table_no, f.row_no, f.column_no;
INSERT INTO gip_report_findings
SELECT g.i, f.finding_no, f.rule_id, f.severity, f.status, f.table_no, f.row_code, f.column_code,
	   f.expected, f.actual, f.line, f.message, f.message_en, f.holds, f.required
  FROM generate_series(1, :n) AS g(i)
	   JOIN bench_base_findings AS f ON f.base_no = (g.i - 1) % (SELECT count(*) FROM bench_base) + 1
 ORDER BY g.i, f.finding_no;
RESET session_replication_role;
DROP TABLE bench_src, bench_base, bench_base_facts, bench_base_findings;
