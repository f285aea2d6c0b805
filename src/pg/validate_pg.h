/*
 * validate_pg.h
 *		The PostgreSQL side of validation: rebuilding a GipReport from a
 *		gip_report composite, and the settings gipreport.on_invalid and
 *		gipreport.on_uncertain.
 *
 * For the store: after gip_validate(), a report is refused when
 *		gip_findings_refuse(findings, n, (GipUncertainMode) gip_on_uncertain)
 * (declared in gip_validate.h) is true: a failing error rule, or an
 * uncertain one as gipreport.on_uncertain says.
 */
#ifndef VALIDATE_PG_H
#define VALIDATE_PG_H

#include "gip_pg.h"

#include "gip_validate.h"

/*
 * The report held by a gip_report composite: its tables decoded from
 * `tables` and its scalar fields (year, dates, narrative) filled from the
 * composite's attributes.  NULL when `tables` is NULL.
 */
extern GipReport *gip_pg_composite_report(HeapTupleHeader composite,
										  GipPgArena *pa);

/* What the store does with an invalid report (gipreport.on_invalid). */
typedef enum GipOnInvalid
{
	GIP_ON_INVALID_ERROR = 0,
	GIP_ON_INVALID_QUARANTINE
} GipOnInvalid;

extern int	gip_on_invalid;

/* gipreport.on_uncertain: a GipUncertainMode (gip_validate.h). */
extern int	gip_on_uncertain;

/* The mode an SQL argument names; raises 22023 for an unknown name. */
extern GipUncertainMode gip_uncertain_mode_arg(const char *name);

/* Define the settings of validation; call from _PG_init (idempotent). */
extern void gip_validate_init(void);

#endif							/* VALIDATE_PG_H */
