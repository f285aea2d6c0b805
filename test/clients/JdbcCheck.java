/*
 * test/clients/JdbcCheck.java
 *		The gipreport views through JDBC (pgjdbc, Debian's
 *		libpostgresql-jdbc-java), as a BI tool sees them: connects as the
 *		read-only role over TCP, lists the views with
 *		DatabaseMetaData.getColumns, reads every view, and checks the JDBC
 *		types (counts BIGINT / Long, amounts NUMERIC / BigDecimal, dates
 *		DATE / java.sql.Date, codes VARCHAR), Chinese text, NULL for a blank
 *		cell, and that the source texts stay out of reach.  Connection from
 *		GIP_HOST, GIP_PORT, GIP_DB, GIP_USER, GIP_PASSWORD.  Prints
 *		"N passed, M failed"; exits 1 when one failed.
 */

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class JdbcCheck
{
	static int passed = 0;
	static int failed = 0;

	/* count and print one check */
	static void check(boolean ok, String what, Object detail)
	{
		if (ok)
		{
			passed++;
			System.out.println("ok - " + what);
		}
		else
		{
			failed++;
			System.out.println("not ok - " + what + (detail != null ? ": " + detail : ""));
		}
	}

	/* the JDBC types a PostgreSQL type may arrive as */
	static boolean typeFits(String pgType, int jdbcType)
	{
		if (pgType.equals("bigint"))
			return jdbcType == Types.BIGINT;
		if (pgType.equals("integer"))
			return jdbcType == Types.INTEGER;
		if (pgType.equals("numeric"))
			return jdbcType == Types.NUMERIC;
		if (pgType.equals("date"))
			return jdbcType == Types.DATE;
		if (pgType.startsWith("timestamp"))
			return jdbcType == Types.TIMESTAMP || jdbcType == Types.TIMESTAMP_WITH_TIMEZONE;
		if (pgType.equals("boolean"))
			return jdbcType == Types.BIT || jdbcType == Types.BOOLEAN;
		if (pgType.startsWith("character varying") || pgType.equals("text"))
			return jdbcType == Types.VARCHAR;
		if (pgType.equals("jsonb"))
			return jdbcType == Types.OTHER || jdbcType == Types.VARCHAR;
		return false;
	}

	static Object one(Statement st, String sql) throws SQLException
	{
		try (ResultSet rs = st.executeQuery(sql))
		{
			rs.next();
			return rs.getObject(1);
		}
	}

	public static void main(String[] args) throws Exception
	{
		String url = "jdbc:postgresql://" + System.getenv("GIP_HOST") + ":" + System.getenv("GIP_PORT")
			+ "/" + System.getenv("GIP_DB") + "?sslmode=disable";
		try (Connection conn = DriverManager.getConnection(url, System.getenv("GIP_USER"),
														   System.getenv("GIP_PASSWORD"));
			 Statement st = conn.createStatement())
		{
			/* the dictionary: what the views are, as the server says */
			Map<String, List<String[]>> dict = new LinkedHashMap<>();
			try (ResultSet rs = st.executeQuery(
					 "SELECT view_name, column_name, data_type FROM gip_data_dictionary "
					 + "ORDER BY view_name, column_no"))
			{
				while (rs.next())
					dict.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
						.add(new String[] {rs.getString(2), rs.getString(3)});
			}
			check(dict.size() == 10, "gip_data_dictionary lists 10 views", dict.keySet());

			/* DatabaseMetaData.getColumns for every view */
			DatabaseMetaData md = conn.getMetaData();
			for (Map.Entry<String, List<String[]>> e : dict.entrySet())
			{
				List<String> names = new ArrayList<>();
				List<String> wrong = new ArrayList<>();
				try (ResultSet rs = md.getColumns(null, null, e.getKey(), null))
				{
					int i = 0;
					while (rs.next())
					{
						names.add(rs.getString("COLUMN_NAME"));
						if (i < e.getValue().size()
							&& !typeFits(e.getValue().get(i)[1], rs.getInt("DATA_TYPE")))
							wrong.add(rs.getString("COLUMN_NAME") + " " + e.getValue().get(i)[1]
									  + " as " + rs.getInt("DATA_TYPE"));
						i++;
					}
				}
				check(names.size() == e.getValue().size(),
					  "getColumns(" + e.getKey() + "): " + names.size() + " columns", names);
				check(wrong.isEmpty(), "getColumns(" + e.getKey() + "): JDBC types fit", wrong);
			}
			try (ResultSet rs = md.getColumns(null, null, "gip_request_facts", "value"))
			{
				rs.next();
				check(rs.getInt("DATA_TYPE") == Types.BIGINT, "gip_request_facts.value is BIGINT",
					  rs.getString("TYPE_NAME"));
			}
			try (ResultSet rs = md.getColumns(null, null, "gip_request_facts", "row_code"))
			{
				rs.next();
				check(rs.getInt("DATA_TYPE") == Types.VARCHAR && rs.getInt("COLUMN_SIZE") == 40,
					  "gip_request_facts.row_code is VARCHAR(40)", rs.getInt("COLUMN_SIZE"));
			}

			try (ResultSet rs = md.getColumns(null, null, "gip_request_facts", "is_total"))
			{
				rs.next();
				check(rs.getInt("DATA_TYPE") == Types.BIT, "gip_request_facts.is_total is BIT",
					  rs.getInt("DATA_TYPE"));
			}
			try (ResultSet rs = md.getColumns(null, null, "gip_report_json", "report"))
			{
				rs.next();
				check(rs.getInt("DATA_TYPE") == Types.OTHER, "gip_report_json.report (jsonb) is OTHER",
					  rs.getInt("DATA_TYPE"));
			}

			/* read every view through */
			for (String view : dict.keySet())
			{
				long n = (Long) one(st, "SELECT count(*) FROM " + view);
				long rows = 0;
				try (ResultSet rs = st.executeQuery("SELECT * FROM " + view))
				{
					ResultSetMetaData rmd = rs.getMetaData();
					while (rs.next())
					{
						for (int c = 1; c <= rmd.getColumnCount(); c++)
							rs.getObject(c);
						rows++;
					}
				}
				check(rows == n && n > 0, "read " + view + ": " + rows + " rows", n);
			}

			/* values: Chinese, counts, amounts, dates */
			try (ResultSet rs = st.executeQuery(
					 "SELECT agency, received, t2_admin_fees_wan_yuan, published, period_start "
					 + "FROM gip_report_summary WHERE source_name = 'huaian2024.txt'"))
			{
				rs.next();
				check("淮安市人民政府".equals(rs.getString(1)), "Chinese text: agency", rs.getString(1));
				Object received = rs.getObject(2);
				check(received instanceof Long && (Long) received == 3119L, "a count arrives as Long",
					  received);
				Object fees = rs.getObject(3);
				check(fees instanceof BigDecimal && ((BigDecimal) fees).compareTo(new BigDecimal("96171.6")) == 0,
					  "an amount arrives as BigDecimal", fees);
				check(rs.getObject(4) == null, "a missing signature date is NULL", rs.getObject(4));
				Object start = rs.getObject(5);
				check(start instanceof java.sql.Date && start.toString().equals("2024-01-01"),
					  "a date arrives as java.sql.Date", start);
			}
			try (ResultSet rs = st.executeQuery(
					 "SELECT value, cell_state, cell_state_label FROM gip_request_facts "
					 + "WHERE year = 2023 AND row_code = 'carried_over' AND applicant_code = 'research'"))
			{
				int n = 0;
				boolean blank = false;
				while (rs.next())
				{
					n++;
					rs.getLong(1);
					blank = rs.wasNull() && "blank".equals(rs.getString(2)) && "空白".equals(rs.getString(3));
				}
				check(n == 1, "the current 2023 report only (the superseded one left out)", n);
				check(blank, "a blank cell is NULL (wasNull) with its state and label", null);
			}
			check("予以公开".equals(one(st, "SELECT outcome_group_label FROM gip_request_facts "
									 + "WHERE year = 2022 AND row_code = 'granted' AND applicant_code = 'total'")),
				  "outcome group label 予以公开", null);
			check(Long.valueOf(6).equals(one(st, "SELECT sum(value)::bigint FROM gip_request_facts "
											 + "WHERE year = 2022 AND row_code = 'new_received' AND NOT is_total")),
				  "the applicants without is_total add up to 6", null);
			Object json = one(st, "SELECT report->'requests'->'granted'->>'natural_person' FROM gip_report_json WHERE year = 2022");
			check("3".equals(json), "gip_report_json: named keys", json);

			/* the role reads no source text and writes nothing */
			String[] refused = {"SELECT source FROM gip_reports", "SELECT source_bytes FROM gip_reports",
								"SELECT source FROM gip_rejected", "DELETE FROM gip_reports"};
			for (String sql : refused)
			{
				try
				{
					st.execute(sql);
					check(false, "refused: " + sql, null);
				}
				catch (SQLException ex)
				{
					check("42501".equals(ex.getSQLState()) || "25006".equals(ex.getSQLState()),
						  "refused: " + sql + " (" + ex.getSQLState() + ")", ex.getMessage());
				}
			}
		}
		System.out.println(passed + " passed, " + failed + " failed");
		System.exit(failed == 0 ? 0 : 1);
	}
}
