/*
 * store_pg.h
 *		The report store gip_reports in C: its settings, the SPI plans its
 *		triggers run, the columns it derives from a parsed report, and the
 *		writing of the fact tables.
 *
 * The BEFORE trigger gip_store_check() (store_trigger.c) parses and
 * validates each row once and fills its derived columns (store_derive.c);
 * the AFTER trigger gip_store_facts() (store_facts.c) writes the cells and
 * findings of the stored row into gip_facts and gip_report_findings.  The
 * look-ups and updates of other rows go through SPI plans saved once per
 * backend (store_spi.c).
 */
#ifndef STORE_PG_H
#define STORE_PG_H

#include "validate_pg.h"

#include "executor/spi.h"
#include "utils/jsonb.h"

/* What the store does with another text for a body and year (gipreport.on_duplicate). */
typedef enum GipOnDuplicate
{
	GIP_ON_DUPLICATE_SUPERSEDE = 0,
	GIP_ON_DUPLICATE_REFUSE,
	GIP_ON_DUPLICATE_KEEP
} GipOnDuplicate;

extern int	gip_on_duplicate;

/* Define the settings of the store; call from _PG_init (idempotent). */
extern void gip_store_init(void);

/*
 * Nonzero while the store updates other rows of gip_reports itself (marking
 * a superseded report): the BEFORE trigger then lets the row through as it
 * is, and the AFTER trigger leaves its facts alone.
 */
extern int	gip_store_internal;

/* ----------------------------------------------------------------
 * SPI plans (store_spi.c)
 * ---------------------------------------------------------------- */

typedef enum GipStorePlan
{
	GIP_PLAN_HASH = 0,			/* id, source_name of a report by content_hash */
	GIP_PLAN_ALIAS,				/* agency of an alias */
	GIP_PLAN_PREVIOUS,			/* report of (agency_key, year), current */
	GIP_PLAN_SAME,				/* id, source_name of current (agency_key, year) rows but one */
	GIP_PLAN_SUPERSEDE,			/* mark $1 superseded by $2 */
	GIP_PLAN_REJECT,			/* insert into gip_rejected, RETURNING id */
	GIP_PLAN_DELETE_FACTS,		/* delete the facts of a report */
	GIP_PLAN_DELETE_FINDINGS,	/* delete the findings of a report */
	GIP_PLAN_NEXT,				/* id of the current report of (agency_key, year) */
	GIP_PLAN_RECHECK,			/* UPDATE ... SET source = source WHERE id = $1 */
	GIP_PLAN_PROMOTE,			/* the newest report superseded by $1 becomes current */
	GIP_NPLANS
} GipStorePlan;

/*
 * The saved plan of a statement over the tables in the schema nspid
 * (prepared with search_path pinned to pg_catalog, pg_temp).  The caller is
 * connected to SPI.
 */
extern SPIPlanPtr gip_store_plan(GipStorePlan which, Oid nspid);

/* ----------------------------------------------------------------
 * Derived columns (store_derive.c)
 * ---------------------------------------------------------------- */

/* The headline figures of a report, in the order of gip_headline_columns. */
#define GIP_NHEADLINE	22
#define GIP_HEADLINE_FEES 7		/* the one amount (numeric): value in fees */

typedef struct GipHeadline
{
	int64		v[GIP_NHEADLINE];
	bool		has[GIP_NHEADLINE];	/* false: NULL (a cell holds no number) */
	GipDecimal	fees;			/* t2_admin_fees_wan_yuan */
} GipHeadline;

extern const char *const gip_headline_columns[GIP_NHEADLINE];

extern void gip_store_headline(const GipReport *report, GipHeadline *out);

/* The findings as the jsonb array that gip_reports.findings holds. */
extern Jsonb *gip_store_findings_jsonb(const GipFinding *findings, int n);

/* The findings as text, one per line, failing errors first (error details). */
extern char *gip_store_findings_text(const GipFinding *findings, int n);

/* The rule ids of the failing error findings, sorted, distinct; NULL if none. */
extern char *gip_store_failing_rules(const GipFinding *findings, int n);

/* sha256 of data into out (32 bytes). */
extern void gip_store_sha256(const void *data, size_t len, uint8 *out);

#endif							/* STORE_PG_H */
