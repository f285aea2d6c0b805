/*
 * gip_datum.c
 *		Conversions between core values and datums: text in the server
 *		encoding, numeric from GipDecimal, and the decoding of the `tables`
 *		attribute of a gip_report.
 */
#include "gip_pg.h"

#include "funcapi.h"

#include "executor/executor.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

/* UTF-8 bytes as a text datum, converted to the server encoding. */
Datum
gip_pg_text(const char *s, size_t len)
{
	char	   *conv;

	if (len > (size_t) MaxAllocSize - VARHDRSZ)
		gip_pg_raise_nomem();
	conv = pg_any_to_server(s, (int) len, PG_UTF8);
	if (conv != s)
		return PointerGetDatum(cstring_to_text(conv));
	return PointerGetDatum(cstring_to_text_with_len(s, (int) len));
}

/* A NUL-terminated UTF-8 string as a text datum. */
Datum
gip_pg_cstring_text(const char *s)
{
	return gip_pg_text(s, strlen(s));
}

/* A string of the report's pool as a text datum. */
Datum
gip_pg_span_text(const GipReport *report, GipSpan span)
{
	if ((uint64) span.off + span.len > report->pool_len)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("gip_report string lies outside its pool")));
	return gip_pg_text(report->pool + span.off, span.len);
}

/* mant / 10^scale as numeric, exactly as written (45.941 stays 45.941). */
Datum
gip_pg_numeric(GipDecimal value)
{
	char		buf[64];

	if (value.scale < 0 || value.scale > 18)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("gip_report holds a number with scale %d", value.scale)));
	gip_decimal_format(value, buf);
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/* value as int4 when it has no fractional part and fits. */
bool
gip_pg_decimal_int32(GipDecimal value, int32 *out)
{
	int64		v = value.mant;

	if (value.scale < 0 || value.scale > 18)
		return false;
	for (int i = 0; i < value.scale; i++)
	{
		if (v % 10 != 0)
			return false;
		v /= 10;
	}
	if (v < PG_INT32_MIN || v > PG_INT32_MAX)
		return false;
	*out = (int32) v;
	return true;
}

/* Decode the tables of a gip_report; NULL when `tables` is NULL. */
GipReport *
gip_pg_load_report(HeapTupleHeader composite, GipPgArena *pa)
{
	Datum		tables;
	bool		isnull;
	bytea	   *bytes;
	GipReport  *report;
	GipError	err;

	tables = GetAttributeByName(composite, "tables", &isnull);
	if (isnull)
		return NULL;
	bytes = DatumGetByteaPP(tables);
	memset(&err, 0, sizeof(err));
	report = gip_deserialize((const uint8_t *) VARDATA_ANY(bytes),
							 VARSIZE_ANY_EXHDR(bytes), &pa->arena, &err);
	if (report == NULL)
	{
		if (err.code == GIP_OK)
			gip_error_set(&err, pa->arena.failed ? GIP_ERR_NOMEM : GIP_ERR_CORRUPT,
						  0, "could not decode gip_report tables", NULL);
		gip_pg_raise(&err);
	}
	return report;
}

/* Start a set-returning function over the gip_report in argument 0. */
GipReport *
gip_pg_srf_begin(FunctionCallInfo fcinfo, GipPgArena *pa)
{
	InitMaterializedSRF(fcinfo, 0);
	gip_pg_arena_begin(pa);
	return gip_pg_load_report(PG_GETARG_HEAPTUPLEHEADER(0), pa);
}
