/*
 * validate_fn.c
 *		SQL functions of validation: gip_validate(report [, previous]) lists
 *		the findings, gip_is_valid(report [, strict | mode]) says whether a
 *		report passes the error rules, gip_rules() lists the rules.
 */
#include "validate_pg.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

PG_FUNCTION_INFO_V1(gip_validate_report);
PG_FUNCTION_INFO_V1(gip_is_valid);
PG_FUNCTION_INFO_V1(gip_is_valid_mode);
PG_FUNCTION_INFO_V1(gip_rules);

/*
 * The columns of gip_validate: 13 since 0.4.0 (holds, required,
 * message_en), 10 before; the SQL definition of an installation not yet
 * updated to this library's version gets the first 10.
 */
#define NFINDING_ATTS 13
#define NFINDING_ATTS_0_2 10

/* Text datum of a nullable C string. */
static void
set_text(Datum *values, bool *nulls, int att, const char *s)
{
	if (s == NULL)
		nulls[att] = true;
	else
		values[att] = gip_pg_cstring_text(s);
}

/* gip_validate(report, previous DEFAULT NULL): one row per finding. */
Datum
gip_validate_report(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	GipPgArena	pa;
	GipReport  *report;
	GipReport  *previous = NULL;
	GipFinding *findings;
	GipError	err;
	int			n;

	gip_validate_init();
	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	if (rsinfo->setDesc->natts != NFINDING_ATTS &&
		rsinfo->setDesc->natts != NFINDING_ATTS_0_2)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("gip_validate result has %d columns, expected %d",
						rsinfo->setDesc->natts, NFINDING_ATTS)));
	gip_pg_arena_begin(&pa);
	report = gip_pg_composite_report(PG_GETARG_HEAPTUPLEHEADER(0), &pa);
	if (!PG_ARGISNULL(1))
		previous = gip_pg_composite_report(PG_GETARG_HEAPTUPLEHEADER(1), &pa);
	memset(&err, 0, sizeof(err));
	n = report ? gip_validate(report, previous, &pa.arena, &findings, &err) : 0;
	if (n < 0)
		gip_pg_raise(&err);
	for (int i = 0; i < n; i++)
	{
		const GipFinding *f = &findings[i];
		Datum		values[NFINDING_ATTS];
		bool		nulls[NFINDING_ATTS];

		memset(nulls, 0, sizeof(nulls));
		values[0] = gip_pg_cstring_text(f->rule_id);
		values[1] = gip_pg_cstring_text(f->severity);
		values[2] = gip_pg_cstring_text(f->status);
		if (f->table_no > 0)
			values[3] = Int32GetDatum(f->table_no);
		else
			nulls[3] = true;
		set_text(values, nulls, 4, f->row_code);
		set_text(values, nulls, 5, f->column_code);
		if (f->has_expected)
			values[6] = gip_pg_numeric(f->expected);
		else
			nulls[6] = true;
		if (f->has_actual)
			values[7] = gip_pg_numeric(f->actual);
		else
			nulls[7] = true;
		if (f->line > 0)
			values[8] = Int32GetDatum(f->line);
		else
			nulls[8] = true;
		values[9] = gip_pg_cstring_text(f->message);
		if (rsinfo->setDesc->natts == NFINDING_ATTS)
		{
			set_text(values, nulls, 10, f->holds);
			if (f->has_required)
				values[11] = gip_pg_numeric(f->required);
			else
				nulls[11] = true;
			set_text(values, nulls, 12, f->message_en);
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	gip_pg_arena_end(&pa);
	return (Datum) 0;
}

/*
 * Is the report of a gip_report composite valid under mode?  A composite
 * without tables is not a parsed report: false.
 */
static bool
composite_is_valid(HeapTupleHeader composite, GipUncertainMode mode)
{
	GipPgArena	pa;
	GipReport  *report;
	GipFinding *findings;
	GipError	err;
	int			n;
	bool		valid = true;

	gip_validate_init();
	gip_pg_arena_begin(&pa);
	report = gip_pg_composite_report(composite, &pa);
	if (report == NULL)
	{
		gip_pg_arena_end(&pa);
		return false;
	}
	memset(&err, 0, sizeof(err));
	n = gip_validate(report, NULL, &pa.arena, &findings, &err);
	if (n < 0)
		gip_pg_raise(&err);
	valid = !gip_findings_refuse(findings, n, mode);
	gip_pg_arena_end(&pa);
	return valid;
}

/*
 * gip_is_valid(report, strict): false when an error rule fails; with
 * strict, also when an error rule cannot be decided (a blank operand).
 */
Datum
gip_is_valid(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(composite_is_valid(PG_GETARG_HEAPTUPLEHEADER(0),
									  PG_GETARG_BOOL(1) ? GIP_UNCERTAIN_STRICT :
									  GIP_UNCERTAIN_LENIENT));
}

/*
 * gip_is_valid(report, mode text): the same with the mode of uncertain
 * findings named (lenient, strict, zeros; see gip_uncertain_mode_arg).
 */
Datum
gip_is_valid_mode(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(1));

	PG_RETURN_BOOL(composite_is_valid(PG_GETARG_HEAPTUPLEHEADER(0),
									  gip_uncertain_mode_arg(name)));
}

/* gip_rules(): the rules as data. */
Datum
gip_rules(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	gip_validate_init();
	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < gip_rule_count; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = gip_pg_cstring_text(gip_rule_table[i].id);
		values[1] = gip_pg_cstring_text(gip_rule_table[i].severity);
		values[2] = gip_pg_cstring_text(gip_rule_table[i].description);
		values[3] = gip_pg_cstring_text(gip_rule_table[i].description_zh);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
