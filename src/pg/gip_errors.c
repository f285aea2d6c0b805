/*
 * gip_errors.c
 *		The one place where a core GipError becomes a PostgreSQL error.
 */
#include "gip_pg.h"

#include "miscadmin.h"

#include <unicode/utypes.h>

/* The SQLSTATE for a core error code. */
static int
gip_pg_sqlstate(GipErrorCode code)
{
	switch (code)
	{
		case GIP_ERR_NOT_A_REPORT:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case GIP_ERR_TOO_LARGE:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case GIP_ERR_BAD_ENCODING:
			return ERRCODE_CHARACTER_NOT_IN_REPERTOIRE;
		case GIP_ERR_ICU:
			return ERRCODE_EXTERNAL_ROUTINE_EXCEPTION;
		case GIP_ERR_NOMEM:
			return ERRCODE_OUT_OF_MEMORY;
		case GIP_ERR_CORRUPT:
			return ERRCODE_DATA_CORRUPTED;
		case GIP_ERR_CANCELED:
			return ERRCODE_QUERY_CANCELED;
		case GIP_ERR_BAD_DOCX:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case GIP_ERR_UNSUPPORTED:
			return ERRCODE_FEATURE_NOT_SUPPORTED;
		case GIP_OK:
			break;
	}
	return ERRCODE_INTERNAL_ERROR;
}

/* The SQLSTATE of a core error, for those who record it (the store's quarantine). */
int
gip_pg_error_sqlstate(const GipError *err)
{
	return gip_pg_sqlstate(err->code);
}

/* Report err with ereport(ERROR). */
void
gip_pg_raise(const GipError *err)
{
	/* the core's texts are in the extension's message catalog (po/) */
	const char *message = dgettext(TEXTDOMAIN,
								   err->message[0] ? err->message : "gipreport failed");
	const char *detail = err->detail[0] ? dgettext(TEXTDOMAIN, err->detail) : NULL;

	/* the core stopped for a pending interrupt: service it (this throws) */
	if (err->code == GIP_ERR_CANCELED)
	{
		CHECK_FOR_INTERRUPTS();
		ereport(ERROR,
				(errcode(ERRCODE_QUERY_CANCELED),
				 errmsg("canceling statement due to user request")));
	}

	if (err->code == GIP_ERR_ICU)
		ereport(ERROR,
				(errcode(gip_pg_sqlstate(err->code)),
				 errmsg("%s: %s", message,
						u_errorName((UErrorCode) err->icu_status)),
				 detail ? errdetail("%s", detail) : 0));
	else
		ereport(ERROR,
				(errcode(gip_pg_sqlstate(err->code)),
				 errmsg("%s", message),
				 detail ? errdetail("%s", detail) : 0));
	pg_unreachable();
}

/* Report that an arena could not get memory. */
void
gip_pg_raise_nomem(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_OUT_OF_MEMORY),
			 errmsg("out of memory while parsing a report")));
	pg_unreachable();
}
