/*
 * gip_tables.c
 *		The three tables of a gip_report as rows:
 *		gip_active_disclosure (table 二), gip_requests (table 三) and
 *		gip_review_litigation (table 四).
 */
#include "gip_pg.h"

#include "funcapi.h"
#include "utils/tuplestore.h"

PG_FUNCTION_INFO_V1(gip_active_disclosure);
PG_FUNCTION_INFO_V1(gip_requests);
PG_FUNCTION_INFO_V1(gip_review_litigation);

/* State of the cell (table_no, row, col), "missing" when absent. */
static GipCellState
gip_pg_cell_state(const GipCell *cell)
{
	return cell ? (GipCellState) cell->state : GIP_CELL_MISSING;
}

/* Put the cell's value as int4 into values[att], or NULL. */
static void
gip_pg_set_int(const GipCell *cell, Datum *values, bool *nulls, int att)
{
	int32		v;

	if (gip_pg_cell_state(cell) == GIP_CELL_VALUE &&
		gip_pg_decimal_int32(cell->value, &v))
		values[att] = Int32GetDatum(v);
	else
		nulls[att] = true;
}

/*
 * Emit one row per (row, cell) of a table with columns that are the
 * table's columns in order, prefixed by the row number, code and label
 * (gip_requests) or by the code alone (gip_review_litigation).
 */
static void
gip_pg_emit_grid(FunctionCallInfo fcinfo, int table_no, bool with_row_no)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	GipPgArena	pa;
	GipReport  *report;
	const GipTableDef *table;

	report = gip_pg_srf_begin(fcinfo, &pa);
	table = report ? gip_report_table(report, table_no) : NULL;

	if (table != NULL)
	{
		int			prefix = with_row_no ? 3 : 1;
		int			natts = rsinfo->setDesc->natts;
		Datum	   *values = palloc(natts * sizeof(Datum));
		bool	   *nulls = palloc(natts * sizeof(bool));

		if (natts != prefix + table->ncols)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("result of table %d has %d columns, expected %d",
							table_no, natts, prefix + table->ncols)));
		for (int r = 0; r < table->nrows; r++)
		{
			const GipRowDef *row = &table->rows[r];
			int			att = 0;

			memset(nulls, 0, natts * sizeof(bool));
			if (with_row_no)
				values[att++] = Int32GetDatum(r + 1);
			values[att++] = gip_pg_cstring_text(row->code);
			if (with_row_no)
				values[att++] = gip_pg_cstring_text(row->label);
			for (int c = 0; c < table->ncols; c++)
				gip_pg_set_int(gip_report_cell(report, table_no, r, c),
							   values, nulls, prefix + c);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc,
								 values, nulls);
		}
	}
	gip_pg_arena_end(&pa);
}

/* Table 二: one row per (item, measure) in template order. */
Datum
gip_active_disclosure(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	GipPgArena	pa;
	GipReport  *report;
	const GipTableDef *table;

	report = gip_pg_srf_begin(fcinfo, &pa);
	table = report ? gip_report_table(report, 2) : NULL;

	for (int r = 0; table != NULL && r < table->nrows; r++)
	{
		const GipRowDef *row = &table->rows[r];

		for (int k = 0; k < row->ncols; k++)
		{
			int			c = row->cols[k];
			const GipCell *cell = gip_report_cell(report, 2, r, c);
			GipCellState state = gip_pg_cell_state(cell);
			Datum		values[7];
			bool		nulls[7];

			memset(nulls, 0, sizeof(nulls));
			values[0] = gip_pg_cstring_text(row->code);
			values[1] = gip_pg_cstring_text(table->columns[c].code);
			values[2] = gip_pg_cstring_text(row->label);
			if (state == GIP_CELL_VALUE)
				values[3] = gip_pg_numeric(cell->value);
			else
				nulls[3] = true;
			if (cell != NULL && cell->line > 0)
				values[4] = Int32GetDatum(cell->line);
			else
				nulls[4] = true;
			values[5] = gip_pg_cstring_text(table->columns[c].label);
			values[6] = gip_pg_cstring_text(gip_cell_state_name(state));
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc,
								 values, nulls);
		}
	}
	gip_pg_arena_end(&pa);
	return (Datum) 0;
}

/* Table 三: one row per template row, seven applicant columns. */
Datum
gip_requests(PG_FUNCTION_ARGS)
{
	gip_pg_emit_grid(fcinfo, 3, true);
	return (Datum) 0;
}

/* Table 四: one row per category, five result columns. */
Datum
gip_review_litigation(PG_FUNCTION_ARGS)
{
	gip_pg_emit_grid(fcinfo, 4, false);
	return (Datum) 0;
}
