/*
 * store_derive.c
 *		What the store derives from a parsed and validated report besides
 *		the composite: the headline figures of tables 二, 三 and 四, the
 *		findings as jsonb and as text, and the content hash.
 *
 * Blank is not zero: a headline figure is NULL when its cell (or one of the
 * cells it adds up) holds no number.
 */
#include "store_pg.h"
#include "validate_pg.h"

#include "common/cryptohash.h"
#include "common/sha2.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

const char *const gip_headline_columns[GIP_NHEADLINE] = {
	"t2_rules_issued", "t2_rules_in_force", "t2_normative_issued",
	"t2_normative_in_force", "t2_licensing", "t2_punishment", "t2_coercion",
	"t2_admin_fees_wan_yuan",
	"received", "carried_over", "processed", "granted", "partially_granted",
	"denied", "unavailable", "rejected", "other_processed", "carried_forward",
	"review_total", "review_corrected", "litigation_total",
	"litigation_corrected"
};

/* A decimal as int64 when it is integral. */
static bool
decimal_int64(GipDecimal d, int64 *out)
{
	int64		v = d.mant;

	if (d.scale < 0 || d.scale > 18)
		return false;
	for (int i = 0; i < d.scale; i++)
	{
		if (v % 10 != 0)
			return false;
		v /= 10;
	}
	*out = v;
	return true;
}

/* The integer in (table_no, row, column code), false when it holds none. */
static bool
cell_int(const GipReport *report, int table_no, int row, const char *col_code,
		 int64 *out)
{
	const GipTableDef *table = gip_report_table(report, table_no);
	const GipCell *cell;
	int			col;

	if (table == NULL || row < 0 || col_code == NULL)
		return false;
	col = gip_col_index(table, col_code);
	if (col < 0)
		return false;
	cell = gip_report_cell(report, table_no, row, col);
	if (cell == NULL || cell->state != GIP_CELL_VALUE)
		return false;
	return decimal_int64(cell->value, out);
}

/* The integer of a row named by code; col2019 is the 2019 template's column. */
static bool
row_int(const GipReport *report, int table_no, const char *row_code,
		const char *col_code, int64 *out)
{
	const GipTableDef *table = gip_report_table(report, table_no);

	if (table == NULL)
		return false;
	return cell_int(report, table_no, gip_row_index(table, row_code), col_code, out);
}

/* The total column of table 三 summed over the rows of an outcome group. */
static bool
t3_group(const GipReport *report, const char *group, int64 *out)
{
	const GipTableDef *t3 = gip_report_table(report, 3);
	int64		sum = 0;
	int			n = 0;

	if (t3 == NULL)
		return false;
	for (int r = 0; r < t3->nrows; r++)
	{
		int64		v;

		if (t3->rows[r].group == NULL || strcmp(t3->rows[r].group, group) != 0)
			continue;
		if (!cell_int(report, 3, r, "total", &v))
			return false;
		sum += v;
		n++;
	}
	*out = sum;
	return n > 0;
}

/* Table 二: the 2021 measure, or the 2019 one where it means the same. */
static bool
t2_measure(const GipReport *report, const char *row_code, const char *col2021,
		   const char *col2019, int64 *out)
{
	const GipTableDef *t2 = gip_report_table(report, 2);

	if (t2 == NULL)
		return false;
	if (gip_col_index(t2, col2021) >= 0)
		return row_int(report, 2, row_code, col2021, out);
	return col2019 != NULL && row_int(report, 2, row_code, col2019, out);
}

/* Fill out with the headline figures of report. */
void
gip_store_headline(const GipReport *report, GipHeadline *out)
{
	int64		a,
				b;
	const GipTableDef *t2 = gip_report_table(report, 2);

	memset(out, 0, sizeof(*out));
	out->has[0] = t2_measure(report, "rules", "issued", "new_made", &out->v[0]);
	out->has[1] = t2_measure(report, "rules", "in_force", NULL, &out->v[1]);
	out->has[2] = t2_measure(report, "normative_documents", "issued", "new_made", &out->v[2]);
	out->has[3] = t2_measure(report, "normative_documents", "in_force", NULL, &out->v[3]);
	out->has[4] = t2_measure(report, "licensing", "decisions", "decisions", &out->v[4]);
	out->has[5] = t2_measure(report, "punishment", "decisions", "decisions", &out->v[5]);
	out->has[6] = t2_measure(report, "coercion", "decisions", "decisions", &out->v[6]);
	if (t2 != NULL)
	{
		int			row = gip_row_index(t2, "admin_fees");
		int			col = gip_col_index(t2, "amount_wan_yuan");
		const GipCell *cell = (row >= 0 && col >= 0) ?
			gip_report_cell(report, 2, row, col) : NULL;

		if (cell != NULL && cell->state == GIP_CELL_VALUE)
		{
			out->fees = cell->value;
			out->has[GIP_HEADLINE_FEES] = true;
		}
	}
	out->has[8] = row_int(report, 3, "new_received", "total", &out->v[8]);
	out->has[9] = row_int(report, 3, "carried_over", "total", &out->v[9]);
	out->has[10] = row_int(report, 3, "total_processed", "total", &out->v[10]);
	out->has[11] = t3_group(report, "granted", &out->v[11]);
	out->has[12] = t3_group(report, "partially_granted", &out->v[12]);
	out->has[13] = t3_group(report, "denied", &out->v[13]);
	out->has[14] = t3_group(report, "unavailable", &out->v[14]);
	out->has[15] = t3_group(report, "rejected", &out->v[15]);
	out->has[16] = t3_group(report, "other", &out->v[16]);
	out->has[17] = row_int(report, 3, "carried_forward", "total", &out->v[17]);
	out->has[18] = row_int(report, 4, "review", "total", &out->v[18]);
	out->has[19] = row_int(report, 4, "review", "corrected", &out->v[19]);
	if (row_int(report, 4, "litigation_direct", "total", &a) &&
		row_int(report, 4, "litigation_after_review", "total", &b))
	{
		out->v[20] = a + b;
		out->has[20] = true;
	}
	if (row_int(report, 4, "litigation_direct", "corrected", &a) &&
		row_int(report, 4, "litigation_after_review", "corrected", &b))
	{
		out->v[21] = a + b;
		out->has[21] = true;
	}
}

/* Push a key and a string (or null) value. */
static void
push_string(JsonbParseState **state, const char *key, const char *value)
{
	JsonbValue	k;
	JsonbValue	v;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	pushJsonbValue(state, WJB_KEY, &k);
	if (value == NULL)
		v.type = jbvNull;
	else
	{
		char	   *conv = pg_any_to_server(value, strlen(value), PG_UTF8);

		v.type = jbvString;
		v.val.string.val = conv;
		v.val.string.len = strlen(conv);
	}
	pushJsonbValue(state, WJB_VALUE, &v);
}

/* Push a key and a numeric (or null) value. */
static void
push_numeric(JsonbParseState **state, const char *key, bool has, Datum num)
{
	JsonbValue	k;
	JsonbValue	v;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	pushJsonbValue(state, WJB_KEY, &k);
	if (!has)
		v.type = jbvNull;
	else
	{
		v.type = jbvNumeric;
		v.val.numeric = DatumGetNumeric(num);
	}
	pushJsonbValue(state, WJB_VALUE, &v);
}

/*
 * The findings as a jsonb array of objects with the keys of gip_validate's
 * columns (as gip_findings_jsonb makes it), in order.
 */
Jsonb *
gip_store_findings_jsonb(const GipFinding *findings, int n)
{
	JsonbParseState *state = NULL;
	JsonbValue *res;

	pushJsonbValue(&state, WJB_BEGIN_ARRAY, NULL);
	for (int i = 0; i < n; i++)
	{
		const GipFinding *f = &findings[i];

		pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
		push_string(&state, "rule_id", f->rule_id);
		push_string(&state, "severity", f->severity);
		push_string(&state, "status", f->status);
		push_numeric(&state, "table_no", f->table_no > 0,
					 f->table_no > 0 ? DirectFunctionCall1(int4_numeric, Int32GetDatum(f->table_no)) : 0);
		push_string(&state, "row_code", f->row_code);
		push_string(&state, "column_code", f->column_code);
		push_numeric(&state, "expected", f->has_expected,
					 f->has_expected ? gip_pg_numeric(f->expected) : 0);
		push_numeric(&state, "actual", f->has_actual,
					 f->has_actual ? gip_pg_numeric(f->actual) : 0);
		push_numeric(&state, "line", f->line > 0,
					 f->line > 0 ? DirectFunctionCall1(int4_numeric, Int32GetDatum(f->line)) : 0);
		push_string(&state, "message", f->message);
		push_string(&state, "holds", f->holds);
		push_numeric(&state, "required", f->has_required,
					 f->has_required ? gip_pg_numeric(f->required) : 0);
		push_string(&state, "message_en", f->message_en);
		pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	}
	res = pushJsonbValue(&state, WJB_END_ARRAY, NULL);
	return JsonbValueToJsonb(res);
}

/*
 * The findings one per line as gip_findings_text makes them: failing errors
 * first, then uncertain errors, failing and uncertain warnings.
 */
char *
gip_store_findings_text(const GipFinding *findings, int n)
{
	static const char *const order[4][2] = {
		{"error", "fail"}, {"error", "uncertain"},
		{"warning", "fail"}, {"warning", "uncertain"}
	};
	StringInfoData buf;

	initStringInfo(&buf);
	for (int k = 0; k < 4; k++)
		for (int i = 0; i < n; i++)
		{
			const GipFinding *f = &findings[i];

			if (strcmp(f->severity, order[k][0]) != 0 ||
				strcmp(f->status, order[k][1]) != 0)
				continue;
			if (buf.len > 0)
				appendStringInfoChar(&buf, '\n');
			appendStringInfo(&buf, "[%s %s %s]", f->rule_id, f->severity, f->status);
			if (f->line > 0)
				appendStringInfo(&buf, " line %d:", f->line);
			appendStringInfo(&buf, " %s",
							 pg_any_to_server(f->message, strlen(f->message), PG_UTF8));
		}
	return buf.data;
}

/* qsort comparator of C strings. */
static int
cmp_cstring(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/*
 * "t3.balance, t4.total": the distinct rule ids of the findings that refuse
 * the report: failing errors, and uncertain errors as gipreport.on_uncertain
 * says (strict: all of them; zeros: those that fail with the blanks read as
 * 0; lenient: none).
 */
char *
gip_store_failing_rules(const GipFinding *findings, int n)
{
	const char **ids = palloc(sizeof(char *) * Max(n, 1));
	int			m = 0;
	StringInfoData buf;

	for (int i = 0; i < n; i++)
		if (gip_finding_refuses(&findings[i], (GipUncertainMode) gip_on_uncertain))
			ids[m++] = findings[i].rule_id;
	if (m == 0)
		return NULL;
	qsort(ids, m, sizeof(char *), cmp_cstring);
	initStringInfo(&buf);
	for (int i = 0; i < m; i++)
	{
		if (i > 0 && strcmp(ids[i], ids[i - 1]) == 0)
			continue;
		if (buf.len > 0)
			appendStringInfoString(&buf, ", ");
		appendStringInfoString(&buf, ids[i]);
	}
	return buf.data;
}

/* sha256 of data. */
void
gip_store_sha256(const void *data, size_t len, uint8 *out)
{
	pg_cryptohash_ctx *ctx = pg_cryptohash_create(PG_SHA256);

	if (pg_cryptohash_init(ctx) < 0 ||
		pg_cryptohash_update(ctx, (const uint8 *) data, len) < 0 ||
		pg_cryptohash_final(ctx, out, PG_SHA256_DIGEST_LENGTH) < 0)
	{
		const char *why = pg_cryptohash_error(ctx);

		pg_cryptohash_free(ctx);
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not compute the sha256 of a report: %s", why)));
	}
	pg_cryptohash_free(ctx);
}
