/*
 * store_cols.h
 *		The columns of gip_reports that the store's triggers read and
 *		write, found by name in the table's descriptor.
 */
#ifndef STORE_COLS_H
#define STORE_COLS_H

#include "store_pg.h"

#include "utils/rel.h"

typedef enum GipStoreCol
{
	COL_ID = 0,
	COL_SOURCE,
	COL_SOURCE_NAME,
	COL_REPORT,
	COL_AGENCY,
	COL_YEAR,
	COL_TEMPLATE,
	COL_FINDINGS,
	COL_SOURCE_BYTES,
	COL_SOURCE_ENCODING,
	COL_CONTENT_HASH,
	COL_AGENCY_KEY,
	COL_IS_CURRENT,
	COL_SUPERSEDED_BY,
	COL_FORM,
	COL_T3_VARIANT,
	COL_PUBLISHED,
	COL_PERIOD_START,
	COL_PERIOD_END,
	COL_N_ERRORS,
	COL_N_WARNINGS,
	COL_N_UNCERTAIN,
	COL_HEADLINE,				/* GIP_NHEADLINE columns from here */
	GIP_NSTORE_COLS = COL_HEADLINE + GIP_NHEADLINE
} GipStoreCol;

/* The attribute numbers of the store's columns in rel (cached per relation). */
extern const int *gip_store_attnums(Relation rel);

#endif							/* STORE_COLS_H */
