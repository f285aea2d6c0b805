/*
 * sql/master/10_report.sql
 *		The gip_report type, the parser and the functions that show a report's tables as rows.
 *
 *		Part of the master install script: the Makefile concatenates
 *		the files of sql/master in name order into sql/gipreport--<version>.sql.
 */

CREATE TYPE @extschema@.gip_report AS (
	agency			text,
	year			int,
	template		text,
	published		date,
	period_start	date,
	period_end		date,
	t3_variant		text,
	form			text,
	overview		text,
	problems		text,
	other_matters	text,
	tables			bytea
);

COMMENT ON TYPE @extschema@.gip_report IS
'A parsed government information disclosure annual report (政府信息公开工作年度报告): its metadata, its narrative parts, and in "tables" the three tables in a binary form that gip_active_disclosure, gip_requests, gip_review_litigation, gip_cells and gip_notes decode.';

-- parsing

CREATE FUNCTION @extschema@.gip_parse(report text)
RETURNS @extschema@.gip_report
AS 'MODULE_PATHNAME', 'gip_parse'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.gip_parse(text) IS
'Parse the text of an annual report (DOCX text, tab-separated text copied from a browser, or pdftotext -layout output) into a gip_report. Fails with SQLSTATE 22P02 when the text holds none of the report''s tables.';

CREATE FUNCTION @extschema@.gip_parse(document bytea)
RETURNS @extschema@.gip_report
AS 'MODULE_PATHNAME', 'gip_parse_bytea'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.gip_parse(bytea) IS
'Parse a report given as bytes: a web page or text in GB18030/GBK/GB2312, Big5, UTF-16 or UTF-8, the encoding taken from a byte order mark, a declared <meta charset>, or ICU''s charset detector. Fails with SQLSTATE 22021 when the bytes do not decode, naming the encoding tried.';

-- the three tables as rows

CREATE FUNCTION @extschema@.gip_active_disclosure(report @extschema@.gip_report,
	OUT item text, OUT measure text, OUT label text, OUT value numeric,
	OUT line int, OUT measure_label text, OUT state text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'gip_active_disclosure'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 16;

COMMENT ON FUNCTION @extschema@.gip_active_disclosure(@extschema@.gip_report) IS
'Table 二 (主动公开政府信息情况): one row per item and measure in template order; value is NULL unless state is ''value'' (a blank cell is not zero).';

CREATE FUNCTION @extschema@.gip_requests(report @extschema@.gip_report,
	OUT row_no int, OUT row_code text, OUT row_label text,
	OUT natural_person int, OUT commercial int, OUT research int,
	OUT public_interest int, OUT legal_service int, OUT other_org int,
	OUT total int)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'gip_requests'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 25;

COMMENT ON FUNCTION @extschema@.gip_requests(@extschema@.gip_report) IS
'Table 三 (收到和处理政府信息公开申请情况): one row per template row (25 in the 2021 variant, 23 in the 2019 variant), seven applicant columns; NULL where the cell is blank, a placeholder, missing or not an integer.';

CREATE FUNCTION @extschema@.gip_review_litigation(report @extschema@.gip_report,
	OUT category text, OUT upheld int, OUT corrected int, OUT other int,
	OUT pending int, OUT total int)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'gip_review_litigation'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;

COMMENT ON FUNCTION @extschema@.gip_review_litigation(@extschema@.gip_report) IS
'Table 四 (行政复议、行政诉讼情况): review, litigation_direct and litigation_after_review with their five results; NULL where the cell holds no integer.';

-- provenance

CREATE FUNCTION @extschema@.gip_cells(report @extschema@.gip_report,
	OUT table_no int, OUT row_code text, OUT column_code text,
	OUT value numeric, OUT state text, OUT raw text, OUT line int,
	OUT cell_no int, OUT html_table int, OUT html_row int)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'gip_cells'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 250;

COMMENT ON FUNCTION @extschema@.gip_cells(@extschema@.gip_report) IS
'Every template cell of the report: its state (value, blank, placeholder, invalid, ambiguous, missing), the number, the text as written, the source line, and where in its source row it stood: cell_no is the cell''s number in its row (for a web page its column in the table grid, rowspan/colspan expanded), html_table and html_row the <table> and row of a web page (NULL for text).';

CREATE FUNCTION @extschema@.gip_notes(report @extschema@.gip_report,
	OUT kind text, OUT table_no int, OUT code text, OUT line int,
	OUT message text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'gip_notes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;

COMMENT ON FUNCTION @extschema@.gip_notes(@extschema@.gip_report) IS
'What the parser noticed while reading the report (a table not found, a doubtful cell...): kind info or warning, a stable code, the source line and a message.';

-- the format as data

CREATE FUNCTION @extschema@.gip_template_rows(template_name text DEFAULT NULL,
	OUT template text, OUT table_no int, OUT variant text, OUT row_no int,
	OUT row_code text, OUT row_label text, OUT row_group text,
	OUT column_no int, OUT column_code text, OUT column_label text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'gip_template_rows'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 300;

COMMENT ON FUNCTION @extschema@.gip_template_rows(text) IS
'The national templates (2019, 2021) as data: one row per table, row and column the row carries, with stable codes and Chinese labels. template_name NULL (the default) lists every template.';

-- JSON

CREATE FUNCTION @extschema@.gip_to_jsonb(report @extschema@.gip_report)
RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT jsonb_build_object(
	'agency', report.agency,
	'year', report.year,
	'template', report.template,
	'published', report.published,
	'active_disclosure', COALESCE(
		(SELECT jsonb_agg(jsonb_build_array(a.item, a.measure, a.value)
						  ORDER BY a.ord)
		   FROM @extschema@.gip_active_disclosure(report)
				WITH ORDINALITY AS a(item, measure, label, value, line,
									 measure_label, state, ord)),
		'[]'::jsonb),
	'requests', COALESCE(
		(SELECT jsonb_object_agg(q.row_code,
								 jsonb_build_array(q.natural_person, q.commercial,
												   q.research, q.public_interest,
												   q.legal_service, q.other_org,
												   q.total))
		   FROM @extschema@.gip_requests(report) AS q),
		'{}'::jsonb),
	'review_litigation', COALESCE(
		(SELECT jsonb_object_agg(t.category,
								 jsonb_build_array(t.upheld, t.corrected, t.other,
												   t.pending, t.total))
		   FROM @extschema@.gip_review_litigation(report) AS t),
		'{}'::jsonb))
$$;

COMMENT ON FUNCTION @extschema@.gip_to_jsonb(@extschema@.gip_report) IS
'The report as jsonb: agency, year, template, published, active_disclosure as [item, measure, value] in template order, requests as row code -> seven values, review_litigation as category -> five values; blanks are null.';
