#!/usr/bin/env python3
"""odbc_check.py: the gipreport views through psqlODBC, as a BI tool sees them.

Connects with the driver "PostgreSQL Unicode" (Debian's odbc-postgresql, through
unixODBC and python3-pyodbc) as the read-only role over TCP, with the DSN settings
the README documents (TextAsLongVarchar=0, MaxVarcharSize=4000,
UnknownsAsLongVarchar=0, BoolsAsChar=0), lists the views with SQLColumns, reads every view and
checks the SQL types (counts BIGINT, amounts NUMERIC, dates DATE, codes VARCHAR),
Chinese text, NULL for a blank cell, and that the source texts stay out of reach.
Connection from GIP_HOST, GIP_PORT, GIP_DB, GIP_USER, GIP_PASSWORD.  Prints
"N passed, M failed"; exits 1 when one failed.
"""

import datetime
import decimal
import os
import sys

import pyodbc

passed = 0
failed = 0


def check(ok, what, detail=""):
    """Count and print one check."""
    global passed, failed
    if ok:
        passed += 1
        print("ok - " + what)
    else:
        failed += 1
        print("not ok - " + what + (": " + str(detail) if detail else ""))


def connect(extra=""):
    """A DSN-less connection with the README's settings (or extra ones)."""
    conn_str = ("DRIVER={PostgreSQL Unicode};SERVER=%s;PORT=%s;DATABASE=%s;UID=%s;PWD=%s;"
                "SSLmode=disable;" % (os.environ["GIP_HOST"], os.environ["GIP_PORT"],
                                      os.environ["GIP_DB"], os.environ["GIP_USER"],
                                      os.environ["GIP_PASSWORD"]))
    conn_str += extra or "TextAsLongVarchar=0;MaxVarcharSize=4000;UnknownsAsLongVarchar=0;BoolsAsChar=0;"
    return pyodbc.connect(conn_str, autocommit=True)


def sql_type_of(pg_type):
    """The ODBC SQL types a PostgreSQL type may arrive as (narrow or wide char)."""
    if pg_type == "bigint":
        return {pyodbc.SQL_BIGINT}
    if pg_type == "integer":
        return {pyodbc.SQL_INTEGER}
    if pg_type == "numeric":
        return {pyodbc.SQL_NUMERIC}
    if pg_type == "date":
        return {pyodbc.SQL_TYPE_DATE}
    if pg_type.startswith("timestamp"):
        return {pyodbc.SQL_TYPE_TIMESTAMP}
    if pg_type == "boolean":
        return {pyodbc.SQL_BIT}
    if pg_type.startswith("character varying") or pg_type == "text":
        return {pyodbc.SQL_VARCHAR, pyodbc.SQL_WVARCHAR}
    if pg_type == "jsonb":
        return {pyodbc.SQL_VARCHAR, pyodbc.SQL_WVARCHAR,
                pyodbc.SQL_LONGVARCHAR, pyodbc.SQL_WLONGVARCHAR}
    return set()


def main():
    conn = connect()
    cur = conn.cursor()

    # the dictionary: what the views are, as the server says
    cur.execute("SELECT view_name, column_name, data_type, column_comment "
                "FROM gip_data_dictionary ORDER BY view_name, column_no")
    dictionary = {}
    for view, column, pg_type, comment in cur.fetchall():
        dictionary.setdefault(view, []).append((column, pg_type, comment))
    check(len(dictionary) == 10, "gip_data_dictionary lists 10 views", sorted(dictionary))
    check(all(" · " in c for cols in dictionary.values() for _, _, c in cols),
          "every column comment is '中文 · English'")

    # SQLColumns for every view
    long_columns = []
    for view, cols in sorted(dictionary.items()):
        listed = cur.columns(table=view).fetchall()
        names = [r.column_name for r in listed]
        check(names == [c for c, _, _ in cols], "SQLColumns(%s): %d columns in order" % (view, len(cols)),
              names)
        for r, (column, pg_type, _) in zip(listed, cols):
            if r.data_type in (pyodbc.SQL_LONGVARCHAR, pyodbc.SQL_WLONGVARCHAR) and pg_type != "jsonb":
                long_columns.append("%s.%s" % (view, column))
            if r.data_type not in sql_type_of(pg_type):
                check(False, "SQLColumns %s.%s: %s as SQL type %s" % (view, column, pg_type, r.data_type))
    check(not long_columns, "no text column arrives as LONGVARCHAR with TextAsLongVarchar=0",
          long_columns)
    types = {(r.table_name, r.column_name): r for v in ("gip_request_facts", "gip_report_summary",
                                                         "gip_active_facts")
             for r in cur.columns(table=v).fetchall()}
    check(types[("gip_request_facts", "value")].data_type == pyodbc.SQL_BIGINT,
          "gip_request_facts.value is SQL_BIGINT")
    check(types[("gip_report_summary", "received")].data_type == pyodbc.SQL_BIGINT,
          "gip_report_summary.received is SQL_BIGINT")
    check(types[("gip_report_summary", "errors")].data_type == pyodbc.SQL_BIGINT,
          "gip_report_summary.errors is SQL_BIGINT")
    check(types[("gip_active_facts", "amount")].data_type == pyodbc.SQL_NUMERIC,
          "gip_active_facts.amount is SQL_NUMERIC")
    check(types[("gip_report_summary", "published")].data_type == pyodbc.SQL_TYPE_DATE,
          "gip_report_summary.published is SQL_TYPE_DATE")
    check(types[("gip_request_facts", "row_code")].data_type in (pyodbc.SQL_VARCHAR, pyodbc.SQL_WVARCHAR)
          and types[("gip_request_facts", "row_code")].column_size == 40,
          "gip_request_facts.row_code is VARCHAR(40)",
          (types[("gip_request_facts", "row_code")].data_type,
           types[("gip_request_facts", "row_code")].column_size))

    # read every view through
    for view in sorted(dictionary):
        cur.execute("SELECT count(*) FROM %s" % view)
        n = cur.fetchone()[0]
        cur.execute("SELECT * FROM %s" % view)
        rows = cur.fetchall()
        check(len(rows) == n and n > 0, "read %s: %d rows" % (view, len(rows)), n)
        check(isinstance(n, int), "count(*) of %s arrives as an integer" % view, type(n))

    # values: Chinese, counts, amounts, dates
    cur.execute("SELECT agency, received, t2_admin_fees_wan_yuan, published, period_start "
                "FROM gip_report_summary WHERE source_name = 'huaian2024.txt'")
    agency, received, fees, published, period_start = cur.fetchone()
    check(agency == "淮安市人民政府", "Chinese text: agency", agency)
    check(received == 3119 and type(received) is int, "a count arrives as int", repr(received))
    check(fees == decimal.Decimal("96171.6"), "an amount arrives as Decimal", repr(fees))
    check(published is None, "a missing signature date is NULL", repr(published))
    check(period_start == datetime.date(2024, 1, 1), "a date arrives as a date", repr(period_start))
    cur.execute("SELECT published FROM gip_report_summary WHERE source_name = 'prev.txt'")
    published = cur.fetchone()[0]
    check(published == datetime.date(2023, 1, 20), "published 2023-01-20 as a date", repr(published))

    cur.execute("SELECT value, cell_state, cell_state_label, raw FROM gip_request_facts "
                "WHERE year = 2023 AND row_code = 'carried_over' AND applicant_code = 'research'")
    rows = cur.fetchall()
    check(len(rows) == 1, "the current 2023 report only (the superseded one left out)", rows)
    value, state, label, raw = rows[0]
    check(value is None and state == "blank" and label == "空白",
          "a blank cell is NULL with its state and label", (value, state, label))
    cur.execute("SELECT outcome_group_label, value FROM gip_request_facts "
                "WHERE year = 2022 AND row_code = 'granted' AND applicant_code = 'total'")
    label, value = cur.fetchone()
    check(label == "予以公开" and value == 3, "outcome group label 予以公开, value 3", (label, value))
    cur.execute("SELECT sum(value) FROM gip_request_facts WHERE year = 2022 "
                "AND row_code = 'new_received' AND NOT is_total")
    check(cur.fetchone()[0] == 6, "the applicants without is_total add up to 6")
    cur.execute("SELECT report FROM gip_report_json WHERE year = 2022")
    check('"natural_person": 3' in cur.fetchone()[0], "gip_report_json as text with named keys")
    cur.execute("SELECT sqlstate, sqlstate_label FROM gip_quarantine ORDER BY rejected_id")
    check([tuple(r) for r in cur.fetchall()] == [("23514", "不符合校验规则"), ("22P02", "不是年度报告或无法解析")],
          "gip_quarantine: why, in Chinese")

    # the role reads no source text and writes nothing
    for stmt in ("SELECT source FROM gip_reports", "SELECT source_bytes FROM gip_reports",
                 "SELECT source FROM gip_rejected", "DELETE FROM gip_reports"):
        try:
            cur.execute(stmt)
            cur.fetchall()
            check(False, "refused: " + stmt)
        except pyodbc.Error as e:
            check("permission denied" in str(e) or "read-only" in str(e), "refused: " + stmt, e)
    conn.close()

    # without the settings, psqlODBC maps text to LONGVARCHAR (the default
    # TextAsLongVarchar=1): the reason the codes are varchar(40)
    conn = connect("TextAsLongVarchar=1;")
    cur = conn.cursor()
    cols = {r.column_name: r for r in cur.columns(table="gip_request_facts").fetchall()}
    check(cols["agency"].data_type in (pyodbc.SQL_LONGVARCHAR, pyodbc.SQL_WLONGVARCHAR),
          "default settings: text column agency is LONGVARCHAR", cols["agency"].data_type)
    check(cols["row_code"].data_type in (pyodbc.SQL_VARCHAR, pyodbc.SQL_WVARCHAR),
          "default settings: varchar(40) code row_code stays VARCHAR", cols["row_code"].data_type)
    check(cols["is_total"].data_type in (pyodbc.SQL_VARCHAR, pyodbc.SQL_WVARCHAR),
          "default settings: boolean is_total arrives as VARCHAR (BoolsAsChar=1)", cols["is_total"].data_type)
    conn.close()

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
