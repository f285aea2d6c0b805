-- test/load/setup.sql
--	The texts the load test inserts: every seed, real report, TSV and
--	layout rendering, validation case and the hand-made "not a report",
--	read from the repository by the server (superuser, same machine), each
--	marked valid or not (what the store will do with it), and the
--	sequence that numbers every attempted insert.
--
--	psql -v root=/path/to/repo -f test/load/setup.sql
--	then pgbench -f test/load/insert.sql -D ntexts=N -D nvalid=M (see the
--	counts this prints).

SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS gipreport;

DROP TABLE IF EXISTS load_texts;
DROP SEQUENCE IF EXISTS load_attempts;
CREATE SEQUENCE load_attempts;

CREATE TABLE load_texts (
	id			int PRIMARY KEY,	-- 1..ntexts, for random(1, :ntexts)
	valid_no	int UNIQUE,			-- 1..nvalid over the valid ones
	name		text NOT NULL,
	body		text NOT NULL,
	valid		boolean
);

INSERT INTO load_texts (id, name, body)
SELECT row_number() OVER (ORDER BY d, f), d || '/' || f,
	   pg_read_file(:'root' || '/test/' || d || '/' || f)
  FROM (VALUES ('seeds'), ('corpus/real'), ('corpus/tsv'), ('corpus/layout'),
			   ('cases/validate'), ('corpus/cases')) AS dirs(d),
	   pg_ls_dir(:'root' || '/test/' || d) AS f
 WHERE f LIKE '%.txt';

-- valid: parses and passes every error rule (history rules are warnings,
-- so this does not depend on what the store holds)
CREATE FUNCTION pg_temp.load_valid(body text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
	RETURN gip_is_valid(gip_parse(body));
EXCEPTION WHEN others THEN
	RETURN false;
END
$$;
UPDATE load_texts SET valid = pg_temp.load_valid(body);
UPDATE load_texts AS t SET valid_no = v.n
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS n
		  FROM load_texts WHERE valid) AS v
 WHERE v.id = t.id;

SELECT count(*) AS ntexts, count(*) FILTER (WHERE valid) AS nvalid
  FROM load_texts;
