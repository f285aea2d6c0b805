--
-- errors: what is not a report is refused with SQLSTATE 22P02
-- (invalid_text_representation), and every function is STRICT: NULL in,
-- NULL (or no row) out.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS gipreport;
RESET client_min_messages;
\set news `cat test/corpus/cases/not_report.txt`
CREATE TEMP TABLE input (name text, body text);
INSERT INTO input VALUES
	('news article', :'news'),
	('empty string', ''),
	('blank lines', E'\n\n  \n\t\n'),
	('headings only', E'2021年某某局政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n');
-- each input: the SQLSTATE, message and detail gip_parse fails with
DO $$
DECLARE
	i record;
	st text;
	msg text;
	det text;
BEGIN
	FOR i IN SELECT * FROM input ORDER BY name LOOP
		BEGIN
			PERFORM gip_parse(i.body);
			RAISE NOTICE '%: parsed, no error', i.name;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE,
				msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
			RAISE NOTICE '%: SQLSTATE %, message "%", detail "%"',
				i.name, st, msg, det;
		END;
	END LOOP;
END
$$;
-- the same error as psql shows it
\set VERBOSITY default
SELECT gip_parse(:'news');
SELECT gip_parse('');
-- the same text as bytes
SELECT gip_parse(convert_to(:'news', 'UTF8'));
-- STRICT: NULL in, NULL out
SELECT gip_parse(NULL::text) IS NULL AS parse_null,
	   gip_parse(NULL::bytea) IS NULL AS parse_bytea_null,
	   gip_to_jsonb(NULL) IS NULL AS jsonb_null,
	   (SELECT count(*) FROM gip_active_disclosure(NULL)) AS t2_rows,
	   (SELECT count(*) FROM gip_requests(NULL)) AS t3_rows,
	   (SELECT count(*) FROM gip_review_litigation(NULL)) AS t4_rows,
	   (SELECT count(*) FROM gip_cells(NULL)) AS cells_rows,
	   (SELECT count(*) FROM gip_notes(NULL)) AS notes_rows;
-- and declared so
SELECT p.oid::regprocedure AS function, p.proisstrict
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE p.proname IN ('gip_parse', 'gip_to_jsonb', 'gip_active_disclosure',
					 'gip_requests', 'gip_review_litigation', 'gip_cells',
					 'gip_notes')
 ORDER BY p.oid::regprocedure::text;
