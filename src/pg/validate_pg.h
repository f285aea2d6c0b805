/*
 * validate_pg.h
 *		The PostgreSQL side of validation: rebuilding a GipReport from a
 *		gip_report composite, and the gipreport.on_invalid setting.
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

/* Define the settings of validation; call from _PG_init (idempotent). */
extern void gip_validate_init(void);

#endif							/* VALIDATE_PG_H */
