/*
 * store_spi.c
 *		The statements the store's triggers run on other rows, as SPI plans
 *		prepared once per backend and kept.
 *
 * The statements name the tables with their schema and are prepared with
 * search_path pinned to pg_catalog, pg_temp (the plan cache keeps that path
 * when it re-plans), so that a caller's search_path cannot redirect them.
 * The look-ups order by "id + 0" and compare "year + 0": the planner then
 * takes the few rows of a body from the index on (agency_key, year) and
 * sorts them, instead of walking the primary key backwards through the
 * whole store or scanning every report of the year through the index on
 * year (it does either when the statistics say the store is small, and the
 * plan is kept for the rest of the load: quadratic).
 *
 * The updates of other rows (marking one superseded, checking the next
 * year again, making one current again) lock their row with SKIP LOCKED:
 * a row that a concurrent transaction is changing is left to it, so that
 * two loads that meet the same bodies never wait for each other (two
 * transactions of two inserts each could otherwise deadlock).  Two
 * concurrent texts for one body and year may then both stay current;
 * gip_reparse() settles that.
 */
#include "store_pg.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"

typedef struct PlanDef
{
	const char *sql;			/* %1$s is the quoted schema */
	int			nargs;
	Oid			argtypes[8];
} PlanDef;

static const PlanDef plan_defs[GIP_NPLANS] = {
	[GIP_PLAN_HASH] = {
		"SELECT r.id, r.source_name FROM %1$s.gip_reports AS r"
		" WHERE r.content_hash OPERATOR(pg_catalog.=) $1"
		" ORDER BY r.id OPERATOR(pg_catalog.+) 0 LIMIT 1",
		1, {BYTEAOID}
	},
	[GIP_PLAN_ALIAS] = {
		"SELECT a.agency FROM %1$s.gip_agency_aliases AS a"
		" WHERE a.alias OPERATOR(pg_catalog.=) $1",
		1, {TEXTOID}
	},
	[GIP_PLAN_PREVIOUS] = {
		"SELECT r.report FROM %1$s.gip_reports AS r"
		" WHERE r.agency_key OPERATOR(pg_catalog.=) $1"
		" AND r.year OPERATOR(pg_catalog.+) 0 OPERATOR(pg_catalog.=) $2 AND r.is_current"
		" AND r.id OPERATOR(pg_catalog.<>) $3"
		" ORDER BY r.id OPERATOR(pg_catalog.+) 0 DESC LIMIT 1",
		3, {TEXTOID, INT4OID, INT8OID}
	},
	[GIP_PLAN_SAME] = {
		"SELECT r.id, r.source_name FROM %1$s.gip_reports AS r"
		" WHERE r.agency_key OPERATOR(pg_catalog.=) $1"
		" AND r.year OPERATOR(pg_catalog.+) 0 OPERATOR(pg_catalog.=) $2 AND r.is_current"
		" AND r.id OPERATOR(pg_catalog.<>) $3"
		" ORDER BY r.id OPERATOR(pg_catalog.+) 0 DESC",
		3, {TEXTOID, INT4OID, INT8OID}
	},
	[GIP_PLAN_SUPERSEDE] = {
		"UPDATE %1$s.gip_reports SET is_current = false, superseded_by = $2"
		" WHERE id OPERATOR(pg_catalog.=) (SELECT l.id FROM %1$s.gip_reports AS l"
		" WHERE l.id OPERATOR(pg_catalog.=) $1 FOR UPDATE SKIP LOCKED)",
		2, {INT8OID, INT8OID}
	},
	[GIP_PLAN_REJECT] = {
		"INSERT INTO %1$s.gip_rejected (id, source, source_name, reason, sqlstate,"
		" findings, source_bytes, source_encoding, content_hash)"
		" SELECT GREATEST(pg_catalog.nextval('%1$s.gip_rejected_id_seq'::pg_catalog.regclass),"
		" (SELECT pg_catalog.max(j.id) OPERATOR(pg_catalog.+) 1 FROM %1$s.gip_rejected AS j)),"
		" $1, $2, $3, $4, $5, $6, $7, $8 RETURNING id",
		8, {TEXTOID, TEXTOID, TEXTOID, TEXTOID, JSONBOID, BYTEAOID, TEXTOID, BYTEAOID}
	},
	[GIP_PLAN_DELETE_FACTS] = {
		"DELETE FROM %1$s.gip_facts WHERE report_id OPERATOR(pg_catalog.=) $1",
		1, {INT8OID}
	},
	[GIP_PLAN_DELETE_FINDINGS] = {
		"DELETE FROM %1$s.gip_report_findings WHERE report_id OPERATOR(pg_catalog.=) $1",
		1, {INT8OID}
	},
	[GIP_PLAN_NEXT] = {
		"SELECT r.id FROM %1$s.gip_reports AS r"
		" WHERE r.agency_key OPERATOR(pg_catalog.=) $1"
		" AND r.year OPERATOR(pg_catalog.+) 0 OPERATOR(pg_catalog.=) $2 AND r.is_current"
		" ORDER BY r.id OPERATOR(pg_catalog.+) 0 DESC LIMIT 1",
		2, {TEXTOID, INT4OID}
	},
	[GIP_PLAN_RECHECK] = {
		"UPDATE %1$s.gip_reports SET source = source"
		" WHERE id OPERATOR(pg_catalog.=) (SELECT l.id FROM %1$s.gip_reports AS l"
		" WHERE l.id OPERATOR(pg_catalog.=) $1 FOR UPDATE SKIP LOCKED)",
		1, {INT8OID}
	},
	[GIP_PLAN_PROMOTE] = {
		"UPDATE %1$s.gip_reports SET is_current = true, superseded_by = NULL"
		" WHERE id OPERATOR(pg_catalog.=) (SELECT r.id FROM %1$s.gip_reports AS r"
		" WHERE r.superseded_by OPERATOR(pg_catalog.=) $1"
		" ORDER BY r.id OPERATOR(pg_catalog.+) 0 DESC LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id",
		1, {INT8OID}
	},
};

static SPIPlanPtr plans[GIP_NPLANS];
static Oid	plans_nspid = InvalidOid;

/* Prepare one statement with search_path pinned, and keep it. */
static SPIPlanPtr
prepare_plan(GipStorePlan which, Oid nspid)
{
	const PlanDef *def = &plan_defs[which];
	char	   *nspname = get_namespace_name(nspid);
	char	   *sql;
	SPIPlanPtr	plan;
	int			save_nestlevel;

	if (nspname == NULL)
		elog(ERROR, "gipreport: schema %u of the store not found", nspid);
	sql = psprintf(def->sql, quote_identifier(nspname));
	save_nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	plan = SPI_prepare(sql, def->nargs, (Oid *) def->argtypes);
	AtEOXact_GUC(true, save_nestlevel);
	if (plan == NULL)
		elog(ERROR, "gipreport: SPI_prepare failed for \"%s\": %s",
			 sql, SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "gipreport: SPI_keepplan failed");
	pfree(sql);
	return plan;
}

/* The saved plan of a statement over the store in schema nspid. */
SPIPlanPtr
gip_store_plan(GipStorePlan which, Oid nspid)
{
	if (plans_nspid != nspid)
	{
		/* another schema (the extension was re-created): start again */
		for (int i = 0; i < GIP_NPLANS; i++)
		{
			if (plans[i] != NULL)
				SPI_freeplan(plans[i]);
			plans[i] = NULL;
		}
		plans_nspid = nspid;
	}
	if (plans[which] == NULL)
		plans[which] = prepare_plan(which, nspid);
	return plans[which];
}
