/*
 * store_facts.c
 *		gip_store_facts(): the AFTER INSERT OR UPDATE OR DELETE trigger of
 *		gip_reports that keeps the fact tables in step with the store.
 *
 * After an insert or update it writes every template cell of the row's
 * report into gip_facts and every finding into gip_report_findings (an
 * update first deletes what the row had).  The cells come from the row's
 * report (its serialised tables, decoded without parsing again), the
 * findings from its findings column.  The rows go straight into the heap
 * and the indexes, as COPY does: the facts of a report are written only
 * here, for a report that is in the table, so the foreign keys hold by
 * construction (and keep cascading deletes).
 *
 * The history rules look at the year before: when a report becomes the
 * current one of its body and year, the current report of the year after
 * (loaded earlier, e.g. by a restore in physical order) is checked again.
 * After a delete, the report that the deleted one had superseded becomes
 * current again.
 */
#include "store_cols.h"

#include "access/htup_details.h"
#include "access/multixact.h"
#include "access/table.h"
#include "access/transam.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "nodes/makefuncs.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

PG_FUNCTION_INFO_V1(gip_store_facts);

/* A relation opened for inserts with its indexes. */
typedef struct FactWriter
{
	Relation	rel;
	ResultRelInfo *rri;
	EState	   *estate;
	TupleTableSlot *slot;
	CommandId	cid;
} FactWriter;

/* Open the table name of schema nspid for inserting. */
static void
writer_open(FactWriter *w, const char *name, Oid nspid)
{
	Oid			relid = get_relname_relid(name, nspid);

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table \"%s\" of the store not found", name)));
	w->rel = table_open(relid, RowExclusiveLock);
	w->estate = CreateExecutorState();
	w->rri = makeNode(ResultRelInfo);
	InitResultRelInfo(w->rri, w->rel, 1, NULL, 0);
	ExecOpenIndices(w->rri, false);
	w->slot = table_slot_create(w->rel, NULL);
	w->cid = GetCurrentCommandId(true);
}

/* Insert one row (values in the table's column order). */
static void
writer_put(FactWriter *w, const Datum *values, const bool *nulls)
{
	int			natts = RelationGetDescr(w->rel)->natts;

	ExecClearTuple(w->slot);
	memcpy(w->slot->tts_values, values, sizeof(Datum) * natts);
	memcpy(w->slot->tts_isnull, nulls, sizeof(bool) * natts);
	ExecStoreVirtualTuple(w->slot);
	table_tuple_insert(w->rel, w->slot, w->cid, 0, NULL);
	if (w->rri->ri_NumIndices > 0)
		ExecInsertIndexTuples(w->rri, w->slot, w->estate, false, false, NULL, NIL);
	ResetPerTupleExprContext(w->estate);
}

/* Close the relation (its lock is kept to the end of the transaction). */
static void
writer_close(FactWriter *w)
{
	ExecDropSingleTupleTableSlot(w->slot);
	ExecCloseIndices(w->rri);
	FreeExecutorState(w->estate);
	table_close(w->rel, NoLock);
}

/* Check that a table has the columns the writer fills. */
static void
writer_check(FactWriter *w, int natts)
{
	if (RelationGetDescr(w->rel)->natts != natts)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("table \"%s\" has %d columns, expected %d",
						RelationGetRelationName(w->rel),
						RelationGetDescr(w->rel)->natts, natts)));
}

#define NFACT_ATTS 10

/*
 * Write every template cell of the report into gip_facts: the rows go in
 * with one multi-insert (as COPY does: one WAL record per heap page), then
 * into the indexes.
 */
static void
write_facts(int64 report_id, HeapTupleHeader composite, Oid nspid)
{
	GipPgArena	pa;
	GipReport  *report;
	FactWriter	w;
	TupleTableSlot **slots;
	TupleDesc	desc;
	int			n = 0;

	gip_pg_arena_begin(&pa);
	report = gip_pg_load_report(composite, &pa);
	if (report == NULL || report->ncells == 0)
	{
		gip_pg_arena_end(&pa);
		return;
	}
	writer_open(&w, "gip_facts", nspid);
	writer_check(&w, NFACT_ATTS);
	desc = RelationGetDescr(w.rel);
	slots = palloc(sizeof(TupleTableSlot *) * report->ncells);
	for (int i = 0; i < report->ncells; i++)
	{
		const GipCell *cell = &report->cells[i];
		const GipTableDef *table = gip_report_table(report, cell->table_no);
		GipCellState state = (GipCellState) cell->state;
		TupleTableSlot *slot;
		Datum	   *values;
		bool	   *nulls;

		if (table == NULL || cell->row >= table->nrows || cell->col >= table->ncols)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("gip_report holds a cell outside its template")));
		slot = MakeSingleTupleTableSlot(desc, &TTSOpsVirtual);
		slots[n++] = slot;
		values = slot->tts_values;
		nulls = slot->tts_isnull;
		memset(nulls, 0, sizeof(bool) * NFACT_ATTS);
		values[0] = Int64GetDatum(report_id);
		values[1] = Int16GetDatum(cell->table_no);
		values[2] = Int16GetDatum(cell->row + 1);
		values[3] = CStringGetTextDatum(table->rows[cell->row].code);
		values[4] = Int16GetDatum(cell->col + 1);
		values[5] = CStringGetTextDatum(table->columns[cell->col].code);
		if (state != GIP_CELL_VALUE)
			nulls[6] = true;
		else if (cell->value.scale == 0)
			values[6] = NumericGetDatum(int64_to_numeric(cell->value.mant));
		else
			values[6] = gip_pg_numeric(cell->value);
		values[7] = CStringGetTextDatum(gip_cell_state_name(state));
		if (state == GIP_CELL_MISSING)
			nulls[8] = true;
		else
			values[8] = gip_pg_span_text(report, cell->raw);
		if (cell->line > 0)
			values[9] = Int32GetDatum(cell->line);
		else
			nulls[9] = true;
		ExecStoreVirtualTuple(slot);
	}
	table_multi_insert(w.rel, slots, n, w.cid, 0, NULL);
	for (int i = 0; i < n; i++)
	{
		if (w.rri->ri_NumIndices > 0)
			ExecInsertIndexTuples(w.rri, slots[i], w.estate, false, false, NULL, NIL);
		ResetPerTupleExprContext(w.estate);
		ExecDropSingleTupleTableSlot(slots[i]);
	}
	pfree(slots);
	writer_close(&w);
	gip_pg_arena_end(&pa);
}

#define NFINDING_COLS 15

/* The column of gip_report_findings that a jsonb key fills, or -1. */
static int
finding_column(const char *key, int len)
{
	static const char *const keys[NFINDING_COLS] = {
		NULL, NULL, "rule_id", "severity", "status", "table_no", "row_code",
		"column_code", "expected", "actual", "line", "message", "message_en",
		"holds", "required"
	};

	for (int i = 2; i < NFINDING_COLS; i++)
		if ((int) strlen(keys[i]) == len && memcmp(keys[i], key, len) == 0)
			return i;
	return -1;
}

/* A jsonb scalar as the datum of column col. */
static Datum
finding_value(int col, const JsonbValue *v, bool *isnull)
{
	*isnull = false;
	if (v->type == jbvNull)
	{
		*isnull = true;
		return (Datum) 0;
	}
	switch (col)
	{
		case 5:					/* table_no */
		case 10:				/* line */
			if (v->type == jbvNumeric)
				return DirectFunctionCall1(numeric_int4, NumericGetDatum(v->val.numeric));
			break;
		case 8:					/* expected, actual, required */
		case 9:
		case 14:
			if (v->type == jbvNumeric)
				return NumericGetDatum(v->val.numeric);
			break;
		default:
			if (v->type == jbvString)
				return PointerGetDatum(cstring_to_text_with_len(v->val.string.val,
																v->val.string.len));
			break;
	}
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("gip_reports.findings holds a value of the wrong type")));
	pg_unreachable();
}

/* Write the findings (a jsonb array of objects) into gip_report_findings. */
static void
write_findings(int64 report_id, Jsonb *findings, Oid nspid)
{
	FactWriter	w;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	Datum		values[NFINDING_COLS];
	bool		nulls[NFINDING_COLS];
	int			finding_no = 0;
	int			col = -1;
	int			depth = 0;

	if (JB_ROOT_COUNT(findings) == 0 || !JB_ROOT_IS_ARRAY(findings))
		return;
	writer_open(&w, "gip_report_findings", nspid);
	writer_check(&w, NFINDING_COLS);
	it = JsonbIteratorInit(&findings->root);
	while ((tok = JsonbIteratorNext(&it, &v, false)) != WJB_DONE)
	{
		switch (tok)
		{
			case WJB_BEGIN_OBJECT:
				if (++depth == 1)
				{
					for (int i = 0; i < NFINDING_COLS; i++)
						nulls[i] = true;
					values[0] = Int64GetDatum(report_id);
					values[1] = Int32GetDatum(++finding_no);
					nulls[0] = nulls[1] = false;
				}
				break;
			case WJB_KEY:
				col = depth == 1 ? finding_column(v.val.string.val, v.val.string.len) : -1;
				break;
			case WJB_VALUE:
				if (col >= 0)
					values[col] = finding_value(col, &v, &nulls[col]);
				col = -1;
				break;
			case WJB_END_OBJECT:
				if (--depth == 0)
				{
					if (nulls[2] || nulls[3] || nulls[4])
						ereport(ERROR,
								(errcode(ERRCODE_DATA_CORRUPTED),
								 errmsg("a finding in gip_reports.findings lacks rule_id, severity or status")));
					writer_put(&w, values, nulls);
				}
				break;
			default:
				break;
		}
	}
	writer_close(&w);
}

/* Run a saved plan with one int8 argument. */
static void
run_id_plan(GipStorePlan which, Oid nspid, int64 id, int expected)
{
	Datum		arg = Int64GetDatum(id);
	int			rc = SPI_execute_plan(gip_store_plan(which, nspid), &arg, NULL, false, 0);

	if (rc != expected)
		elog(ERROR, "gipreport: store statement %d failed: %s", (int) which,
			 SPI_result_code_string(rc));
}

/* Check again the current report of (key, year), if there is one but self. */
static void
recheck_year(Oid nspid, Datum key, int year, int64 self)
{
	Datum		args[2];
	bool		isnull;
	int64		other;
	int			rc;

	args[0] = key;
	args[1] = Int32GetDatum(year);
	rc = SPI_execute_plan(gip_store_plan(GIP_PLAN_NEXT, nspid), args, NULL, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "gipreport: look-up of the next year failed: %s", SPI_result_code_string(rc));
	if (SPI_processed == 0)
		return;
	other = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	if (other != self)
		run_id_plan(GIP_PLAN_RECHECK, nspid, other, SPI_OK_UPDATE);
}

/* Whether the report attribute differs between OLD and NEW. */
static bool
report_changed(TriggerData *td, const int *att)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	bool		n1,
				n2;
	Datum		a = heap_getattr(td->tg_trigtuple, att[COL_REPORT], desc, &n1);
	Datum		b = heap_getattr(td->tg_newtuple, att[COL_REPORT], desc, &n2);
	struct varlena *va,
			   *vb;

	if (n1 || n2)
		return n1 != n2;
	va = PG_DETOAST_DATUM(a);
	vb = PG_DETOAST_DATUM(b);
	return VARSIZE(va) != VARSIZE(vb) || memcmp(va, vb, VARSIZE(va)) != 0;
}

/*
 * Whether this version of the row was updated or deleted since (in the same
 * statement: a later row's trigger checked it again): the trigger of that
 * update writes the facts of the newer version, this one is skipped.
 */
static bool
version_replaced(HeapTuple tuple)
{
	HeapTupleHeader h = tuple->t_data;
	TransactionId xmax;

	if ((h->t_infomask & HEAP_XMAX_INVALID) || HEAP_XMAX_IS_LOCKED_ONLY(h->t_infomask))
		return false;
	xmax = HeapTupleHeaderGetUpdateXid(h);
	return TransactionIdIsValid(xmax) && !TransactionIdDidAbort(xmax);
}

/*
 * Whether the store has updated rows of gip_reports in this transaction: an
 * insert then deletes the facts its id may already have (an update of the
 * same row in the same statement wrote them) before writing its own.
 */
static bool updates_seen = false;
static bool callback_registered = false;

/* Forget updates_seen at the end of each transaction. */
static void
facts_xact_callback(XactEvent event, void *arg)
{
	(void) arg;
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT ||
		event == XACT_EVENT_PREPARE)
		updates_seen = false;
}

/* The trigger. */
Datum
gip_store_facts(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	TupleDesc	desc;
	const int  *att;
	Oid			nspid;
	HeapTuple	tuple;
	bool		isnull;
	int64		id;
	Datum		d;
	Datum		key;
	bool		has_key;
	int			year;
	bool		is_current;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(td->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("gip_store_facts() must run AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW")));
	gip_store_init();
	if (!callback_registered)
	{
		RegisterXactCallback(facts_xact_callback, NULL);
		callback_registered = true;
	}
	rel = td->tg_relation;
	desc = RelationGetDescr(rel);
	nspid = RelationGetNamespace(rel);
	att = gip_store_attnums(rel);
	tuple = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;

	id = DatumGetInt64(heap_getattr(tuple, att[COL_ID], desc, &isnull));
	key = heap_getattr(tuple, att[COL_AGENCY_KEY], desc, &isnull);
	has_key = !isnull;
	d = heap_getattr(tuple, att[COL_YEAR], desc, &isnull);
	year = isnull ? 0 : DatumGetInt32(d);
	d = heap_getattr(tuple, att[COL_IS_CURRENT], desc, &isnull);
	is_current = !isnull && DatumGetBool(d);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "gipreport: SPI_connect failed");
	if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
	{
		/* the report it superseded is current again; the next year follows */
		if (is_current)
		{
			Datum		arg = Int64GetDatum(id);
			int			rc;

			gip_store_internal++;
			PG_TRY();
			{
				rc = SPI_execute_plan(gip_store_plan(GIP_PLAN_PROMOTE, nspid),
									  &arg, NULL, false, 0);
			}
			PG_FINALLY();
			{
				gip_store_internal--;
			}
			PG_END_TRY();
			if (rc != SPI_OK_UPDATE_RETURNING)
				elog(ERROR, "gipreport: could not make the superseded report current: %s",
					 SPI_result_code_string(rc));
			if (has_key && year > 0)
				recheck_year(nspid, key, year + 1, id);
		}
		SPI_finish();
		return PointerGetDatum(NULL);
	}

	/* a version replaced since: the trigger of its update does the work */
	if (version_replaced(tuple))
	{
		SPI_finish();
		return PointerGetDatum(NULL);
	}
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		int64		old_id = DatumGetInt64(heap_getattr(td->tg_trigtuple, att[COL_ID], desc, &isnull));

		updates_seen = true;
		run_id_plan(GIP_PLAN_DELETE_FACTS, nspid, old_id, SPI_OK_DELETE);
		run_id_plan(GIP_PLAN_DELETE_FINDINGS, nspid, old_id, SPI_OK_DELETE);
		if (old_id != id)
		{
			run_id_plan(GIP_PLAN_DELETE_FACTS, nspid, id, SPI_OK_DELETE);
			run_id_plan(GIP_PLAN_DELETE_FINDINGS, nspid, id, SPI_OK_DELETE);
		}
	}
	else if (updates_seen)
	{
		run_id_plan(GIP_PLAN_DELETE_FACTS, nspid, id, SPI_OK_DELETE);
		run_id_plan(GIP_PLAN_DELETE_FINDINGS, nspid, id, SPI_OK_DELETE);
	}
	d = heap_getattr(tuple, att[COL_REPORT], desc, &isnull);
	if (!isnull)
		write_facts(id, DatumGetHeapTupleHeader(d), nspid);
	d = heap_getattr(tuple, att[COL_FINDINGS], desc, &isnull);
	if (!isnull)
		write_findings(id, DatumGetJsonbP(d), nspid);

	/* a new current report of its year: the next year's history rules */
	if (is_current && has_key && year > 0 && gip_store_internal == 0 &&
		(TRIGGER_FIRED_BY_INSERT(td->tg_event) || report_changed(td, att)))
		recheck_year(nspid, key, year + 1, id);
	SPI_finish();
	return PointerGetDatum(NULL);
}
