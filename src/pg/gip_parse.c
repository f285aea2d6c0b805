/*
 * gip_parse.c
 *		gip_parse(text) RETURNS gip_report: run the parser core on a text
 *		and build the composite.
 */
#include "gip_pg.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

PG_FUNCTION_INFO_V1(gip_parse);
PG_FUNCTION_INFO_V1(gip_parse_bytea);

enum
{
	ATT_AGENCY,
	ATT_YEAR,
	ATT_TEMPLATE,
	ATT_PUBLISHED,
	ATT_PERIOD_START,
	ATT_PERIOD_END,
	ATT_T3_VARIANT,
	ATT_FORM,
	ATT_OVERVIEW,
	ATT_PROBLEMS,
	ATT_OTHER_MATTERS,
	ATT_TABLES,
	NATTS
};

/* A GipDate as a date datum; false when it is absent or not a real date. */
static bool
gip_pg_date(GipDate d, Datum *out)
{
	if (d.year <= 0 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1 ||
		d.day > day_tab[isleap(d.year) ? 1 : 0][d.month - 1])
		return false;
	*out = DateADTGetDatum(date2j(d.year, d.month, d.day) - POSTGRES_EPOCH_JDATE);
	return true;
}

/*
 * A nullable core string as a nullable text field.  A string known to be
 * valid UTF-8 (trusted) goes in as it is in a UTF8 database; any other is
 * checked and converted to the server encoding.
 */
static void
gip_pg_set_text(Datum *values, bool *nulls, int att, const char *s,
				bool trusted)
{
	if (s == NULL)
		nulls[att] = true;
	else if (trusted)
		values[att] = PointerGetDatum(cstring_to_text(s));
	else
		values[att] = gip_pg_cstring_text(s);
}

/*
 * The gip_report composite of a parsed report, of row type tupdesc (blessed),
 * in the caller's memory context.  input_valid says that the text the core
 * read was valid UTF-8 (a text datum, verified by PostgreSQL when it was
 * made); then the strings the core cut from it are valid too and, in a UTF8
 * database, are not verified again.
 */
Datum
gip_pg_report_composite(TupleDesc tupdesc, const GipReport *report,
						bool input_valid)
{
	bool		trusted = input_valid && report->strings_of_input &&
		GetDatabaseEncoding() == PG_UTF8;
	Datum		values[NATTS];
	bool		nulls[NATTS];
	size_t		nbytes;
	bytea	   *tables;

	if (tupdesc->natts != NATTS)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("type gip_report has %d attributes, expected %d",
						tupdesc->natts, NATTS)));

	nbytes = gip_serialized_size(report);
	if (nbytes > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("parsed report is too large")));

	memset(nulls, 0, sizeof(nulls));
	gip_pg_set_text(values, nulls, ATT_AGENCY, report->agency, trusted);
	if (report->year > 0)
		values[ATT_YEAR] = Int32GetDatum(report->year);
	else
		nulls[ATT_YEAR] = true;
	gip_pg_set_text(values, nulls, ATT_TEMPLATE,
					report->tmpl ? report->tmpl->name : NULL, false);
	nulls[ATT_PUBLISHED] = !gip_pg_date(report->published, &values[ATT_PUBLISHED]);
	nulls[ATT_PERIOD_START] = !gip_pg_date(report->period_start, &values[ATT_PERIOD_START]);
	nulls[ATT_PERIOD_END] = !gip_pg_date(report->period_end, &values[ATT_PERIOD_END]);
	gip_pg_set_text(values, nulls, ATT_T3_VARIANT,
					report->t3 ? report->t3->variant : NULL, false);
	gip_pg_set_text(values, nulls, ATT_FORM, gip_form_name(report->form), false);
	gip_pg_set_text(values, nulls, ATT_OVERVIEW, report->overview, trusted);
	gip_pg_set_text(values, nulls, ATT_PROBLEMS, report->problems, trusted);
	gip_pg_set_text(values, nulls, ATT_OTHER_MATTERS, report->other_matters, trusted);

	/* serialised straight into the bytea: no copy */
	tables = (bytea *) palloc(VARHDRSZ + nbytes);
	nbytes = gip_serialize_into(report, (uint8_t *) VARDATA(tables));
	SET_VARSIZE(tables, VARHDRSZ + nbytes);
	values[ATT_TABLES] = PointerGetDatum(tables);

	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/*
 * Build the gip_report composite of a parsed report, in the caller's memory
 * context, and drop the arena.
 */
static Datum
gip_pg_report_datum(FunctionCallInfo fcinfo, GipReport *report, GipPgArena *pa,
					bool input_valid)
{
	TupleDesc	tupdesc;
	Datum		result;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	tupdesc = BlessTupleDesc(tupdesc);
	result = gip_pg_report_composite(tupdesc, report, input_valid);
	gip_pg_arena_end(pa);
	return result;
}

/* Raise the error of a failed parse. */
static void
gip_pg_parse_failed(GipError *err, GipPgArena *pa)
{
	if (err->code == GIP_OK)
		gip_error_set(err, pa->arena.failed ? GIP_ERR_NOMEM : GIP_ERR_NOT_A_REPORT,
					  0, "could not parse the report", NULL);
	gip_pg_raise(err);
}

/* Parse a report text into a gip_report. */
Datum
gip_parse(PG_FUNCTION_ARGS)
{
	text	   *input = PG_GETARG_TEXT_PP(0);
	char	   *utf8;
	int			len = VARSIZE_ANY_EXHDR(input);
	GipPgArena	pa;
	GipReport  *report;
	GipError	err;

	/* the core reads UTF-8; a no-op in a UTF8 database */
	utf8 = pg_server_to_any(VARDATA_ANY(input), len, PG_UTF8);
	if (utf8 != VARDATA_ANY(input))
		len = strlen(utf8);

	memset(&err, 0, sizeof(err));
	gip_pg_arena_begin(&pa);
	report = gip_parse_text(utf8, (size_t) len, &pa.arena, &err);
	if (report == NULL)
		gip_pg_parse_failed(&err, &pa);
	/* a text datum is valid in its encoding, and so in UTF-8 once converted */
	PG_RETURN_DATUM(gip_pg_report_datum(fcinfo, report, &pa, true));
}

/*
 * Parse a document given as bytes in any supported encoding (GB18030, GBK,
 * GB2312, Big5, UTF-16, UTF-8; declared, marked or detected).
 */
Datum
gip_parse_bytea(PG_FUNCTION_ARGS)
{
	bytea	   *input = PG_GETARG_BYTEA_PP(0);
	GipPgArena	pa;
	GipReport  *report;
	GipError	err;
	const char *encoding = NULL;

	memset(&err, 0, sizeof(err));
	gip_pg_arena_begin(&pa);
	report = gip_parse_bytes((const uint8_t *) VARDATA_ANY(input),
							 VARSIZE_ANY_EXHDR(input), &pa.arena, &encoding, &err);
	if (report == NULL)
		gip_pg_parse_failed(&err, &pa);
	PG_RETURN_DATUM(gip_pg_report_datum(fcinfo, report, &pa, false));
}
