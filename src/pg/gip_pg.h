/*
 * gip_pg.h
 *		Shared helpers of the PostgreSQL glue of gipreport.
 *
 * The glue is thin: it turns SQL arguments into calls of the parser core
 * (src/core, no PostgreSQL headers) and turns the core's results into
 * datums.  Everything that touches both worlds is declared here.
 */
#ifndef GIP_PG_H
#define GIP_PG_H

#include "postgres.h"

#include "access/htup.h"
#include "access/tupdesc.h"
#include "fmgr.h"

#include "gip_core.h"

/*
 * The extension's messages come from its own catalog, gipreport-15.mo
 * (po/, installed by po/nls.mk); elog.h defines TEXTDOMAIN as NULL.
 */
#undef TEXTDOMAIN
#define TEXTDOMAIN PG_TEXTDOMAIN("gipreport")

/*
 * A GipArena whose blocks come from a private memory context, created per
 * call and deleted when the result datums have been built.
 */
typedef struct GipPgArena
{
	GipArena	arena;
	MemoryContext context;
	bool		cached;			/* context is the backend's reused one */
} GipPgArena;

extern void gip_pg_arena_begin(GipPgArena *pa);
extern void gip_pg_arena_end(GipPgArena *pa);

/* Raise a core error with ereport(ERROR); does not return. */
extern void gip_pg_raise(const GipError *err) pg_attribute_noreturn();

/* The SQLSTATE (as made by MAKE_SQLSTATE) that gip_pg_raise gives err. */
extern int	gip_pg_error_sqlstate(const GipError *err);

/* Raise a "not enough memory" error for an arena that failed. */
extern void gip_pg_raise_nomem(void) pg_attribute_noreturn();

/*
 * Decode the `tables` attribute of a gip_report composite.  Returns NULL
 * when the attribute is NULL.  The report lives in pa's arena.
 */
extern GipReport *gip_pg_load_report(HeapTupleHeader composite,
									 GipPgArena *pa);

/*
 * The common start of the functions that list a report's contents: set up
 * a materialised result set and an arena, and decode the gip_report
 * argument (NULL when it has no tables).
 */
extern GipReport *gip_pg_srf_begin(FunctionCallInfo fcinfo, GipPgArena *pa);

/*
 * The gip_report composite (of row type tupdesc, blessed) of a parsed
 * report, built in the caller's memory context; input_valid when the core
 * read a text datum (valid UTF-8), whose slices need no check.
 */
extern Datum gip_pg_report_composite(TupleDesc tupdesc, const GipReport *report,
									 bool input_valid);

/* UTF-8 bytes from the core as a text datum in the server encoding. */
extern Datum gip_pg_text(const char *s, size_t len);
extern Datum gip_pg_cstring_text(const char *s);

/* A pool string of report as a text datum. */
extern Datum gip_pg_span_text(const GipReport *report, GipSpan span);

/* A core decimal as a numeric datum. */
extern Datum gip_pg_numeric(GipDecimal value);

/* A decimal as an int4 when it is integral and fits; false otherwise. */
extern bool gip_pg_decimal_int32(GipDecimal value, int32 *out);

#endif							/* GIP_PG_H */
