#!/usr/bin/env python3
"""
sql_leg.py
    The SQL leg of the property test: load a sample of the renderings that
    test/gen/synth.py wrote into a temporary table through psql, parse them
    on the server (gip_parse(text) for the text forms, gip_parse(bytea) for
    the GBK and Big5 files) and compare gip_to_jsonb() of each, plus its
    t3_variant, form and period, with the expected JSON in one query
    (pg_temp.diff_report from test/gen/diff_report.sql).  Prints each
    mismatch as "sql:FILE PATH got=… expected=…" and a closing
    "sql leg: N passed, M failed"; writes "N M" to --counts-file.

    Usage: sql_leg.py DIR --root REPO --db DBNAME [--n 200] --counts-file F
    The files are read by the server (pg_read_file), so DIR must be readable
    by the server's user; the role must be a superuser.
"""

import argparse
import json
import os
import subprocess
import sys

BYTE_SUFFIXES = (".gbk.html", ".big5.txt", ".docx")


def lit(s):
    """A SQL string literal."""
    return "'" + s.replace("'", "''") + "'"


def sample(d, n):
    """Up to n (file, form, json) renderings, all forms of a report together."""
    out = []
    for name in sorted(os.listdir(d)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(d, name), encoding="utf-8") as f:
            e = json.load(f)
        for fn, form in sorted(e["renderings"].items()):
            out.append((fn, form, name))
        if len(out) >= n:
            break
    return out[:n]


SQL_HEAD = r"""
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS gipreport;
\i {diff}
CREATE FUNCTION pg_temp.try_parse(p text, b bool, OUT r gip_report, OUT err text)
LANGUAGE plpgsql AS $$
BEGIN
	IF b THEN
		r := gip_parse(pg_read_binary_file(p));
	ELSE
		r := gip_parse(pg_read_file(p));
	END IF;
EXCEPTION WHEN others THEN
	err := SQLERRM;
END $$;
CREATE TEMP TABLE synth(file text, form text, is_bytes bool, path text,
						expected jsonb);
"""

SQL_QUERY = r"""
CREATE TEMP TABLE parsed AS
SELECT s.*, (t).r, (t).err
  FROM synth s, LATERAL pg_temp.try_parse(s.path, s.is_bytes) AS t;
\pset format unaligned
\pset fieldsep '\t'
\pset tuples_only on
SELECT p.file, d.path, coalesce(d.actual::text, 'null'),
	   coalesce(d.expected::text, 'null')
  FROM parsed p,
	   LATERAL (SELECT x.path, x.actual, x.expected
				  FROM pg_temp.diff_report(gip_to_jsonb(p.r), p.expected) AS x
				UNION ALL
				SELECT 't3_variant', to_jsonb((p.r).t3_variant), p.expected->'t3_variant'
				 WHERE to_jsonb((p.r).t3_variant) IS DISTINCT FROM p.expected->'t3_variant'
				UNION ALL
				SELECT 'form', to_jsonb((p.r).form), to_jsonb(p.form)
				 WHERE (p.r).form IS DISTINCT FROM p.form
				UNION ALL
				SELECT 'period', jsonb_build_array((p.r).period_start, (p.r).period_end),
					   p.expected->'period'
				 WHERE jsonb_build_array((p.r).period_start, (p.r).period_end)
					   IS DISTINCT FROM p.expected->'period') AS d
 WHERE p.err IS NULL
UNION ALL
SELECT file, 'error', to_jsonb(err)::text, 'null' FROM parsed WHERE err IS NOT NULL
ORDER BY 1, 2;
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--root", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--counts-file", required=True)
    ap.add_argument("--max-lines", type=int, default=12)
    opt = ap.parse_args()
    d = os.path.abspath(opt.dir)
    rows = sample(d, opt.n)
    sql = [SQL_HEAD.format(diff=os.path.join(opt.root, "test/gen/diff_report.sql"))]
    for fn, form, jname in rows:
        sql.append("INSERT INTO synth VALUES (%s, %s, %s, %s, pg_read_file(%s)::jsonb);" % (
            lit(fn), lit(form), "true" if fn.endswith(BYTE_SUFFIXES) else "false",
            lit(os.path.join(d, fn)), lit(os.path.join(d, jname))))
    sql.append(SQL_QUERY)
    script = os.path.join(d, "sql_leg.sql")
    with open(script, "w", encoding="utf-8") as f:
        f.write("\n".join(sql))
    r = subprocess.run(["psql", "-X", "-q", "-d", opt.db, "-f", script],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.stderr.write(r.stderr.decode("utf-8", errors="replace"))
        print(f"sql leg: psql failed (exit {r.returncode})")
        with open(opt.counts_file, "w") as f:
            f.write(f"0 {len(rows)}\n")
        return 1
    bad = {}
    for line in r.stdout.decode("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 4:
            continue
        bad.setdefault(parts[0], []).append(parts[1:])
    for fn in sorted(bad):
        for p, got, exp in bad[fn][:opt.max_lines]:
            print(f"sql:{fn} {p} got={got} expected={exp}")
        if len(bad[fn]) > opt.max_lines:
            print(f"sql:{fn} … {len(bad[fn]) - opt.max_lines} more mismatches")
    failed = len(bad)
    passed = len(rows) - failed
    print(f"sql leg: {passed} passed, {failed} failed")
    with open(opt.counts_file, "w") as f:
        f.write(f"{passed} {failed}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
