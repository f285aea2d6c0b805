/*
 * gip_cells.c
 *		The provenance of a gip_report: gip_cells (every template cell with
 *		its state, text as written and source line) and gip_notes (what the
 *		parser noticed).
 */
#include "gip_pg.h"

#include "funcapi.h"
#include "utils/tuplestore.h"

PG_FUNCTION_INFO_V1(gip_cells);
PG_FUNCTION_INFO_V1(gip_notes);

/* Raise an error about a serialised report that does not fit its template. */
static void
gip_pg_corrupt(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("gip_report holds a %s outside its template", what)));
}

/* Every cell of the report, in the order the parser recorded them. */
Datum
gip_cells(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	GipPgArena	pa;
	GipReport  *report;

	report = gip_pg_srf_begin(fcinfo, &pa);

	for (int i = 0; report != NULL && i < report->ncells; i++)
	{
		const GipCell *cell = &report->cells[i];
		const GipTableDef *table = gip_report_table(report, cell->table_no);
		GipCellState state = (GipCellState) cell->state;
		Datum		values[10];
		bool		nulls[10];

		if (table == NULL || cell->row >= table->nrows ||
			cell->col >= table->ncols)
			gip_pg_corrupt("cell");
		memset(nulls, 0, sizeof(nulls));
		values[0] = Int32GetDatum(cell->table_no);
		values[1] = gip_pg_cstring_text(table->rows[cell->row].code);
		values[2] = gip_pg_cstring_text(table->columns[cell->col].code);
		if (state == GIP_CELL_VALUE)
			values[3] = gip_pg_numeric(cell->value);
		else
			nulls[3] = true;
		values[4] = gip_pg_cstring_text(gip_cell_state_name(state));
		if (state == GIP_CELL_MISSING)
			nulls[5] = true;
		else
			values[5] = gip_pg_span_text(report, cell->raw);
		if (cell->line > 0)
			values[6] = Int32GetDatum(cell->line);
		else
			nulls[6] = true;
		/* where in its source row: cell number, or HTML table/row/column */
		if (cell->pos > 0)
			values[7] = Int32GetDatum(cell->pos);
		else
			nulls[7] = true;
		if (cell->src_table > 0)
		{
			values[8] = Int32GetDatum(cell->src_table);
			values[9] = Int32GetDatum(cell->src_row);
		}
		else
			nulls[8] = nulls[9] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc,
							 values, nulls);
	}
	gip_pg_arena_end(&pa);
	return (Datum) 0;
}

/* The parser's notes, in order. */
Datum
gip_notes(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	GipPgArena	pa;
	GipReport  *report;

	report = gip_pg_srf_begin(fcinfo, &pa);

	for (int i = 0; report != NULL && i < report->nnotes; i++)
	{
		const GipNote *note = &report->notes[i];
		Datum		values[5];
		bool		nulls[5];

		memset(nulls, 0, sizeof(nulls));
		values[0] = gip_pg_cstring_text(note->kind == GIP_NOTE_WARNING ?
										"warning" : "info");
		if (note->table_no > 0)
			values[1] = Int32GetDatum(note->table_no);
		else
			nulls[1] = true;
		values[2] = gip_pg_span_text(report, note->code);
		if (note->line > 0)
			values[3] = Int32GetDatum(note->line);
		else
			nulls[3] = true;
		values[4] = gip_pg_span_text(report, note->text);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc,
							 values, nulls);
	}
	gip_pg_arena_end(&pa);
	return (Datum) 0;
}
