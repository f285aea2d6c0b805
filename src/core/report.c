/*
 * report.c
 *		The layout of a report's cells: one cell for every cell of the
 *		template's tables, in template order (table 二 row by row with each
 *		row's measures, then table 三, then table 四), so that a cell is found
 *		by arithmetic, not by search.
 */
#include "gip_internal.h"

/* The table definition of table_no (2, 3, 4) in report, or NULL. */
const GipTableDef *
gip_report_table(const GipReport *report, int table_no)
{
	if (report->tmpl == NULL)
		return NULL;
	switch (table_no)
	{
		case 2:
			return report->tmpl->t2;
		case 3:
			return report->t3 ? report->t3 : report->tmpl->t3;
		case 4:
			return report->tmpl->t4;
	}
	return NULL;
}

/* Number of cells table 二 of tmpl has. */
static int
t2_cell_count(const GipTableDef *t2)
{
	int			n = 0;

	for (int i = 0; i < t2->nrows; i++)
		n += t2->rows[i].ncols;
	return n;
}

/*
 * The cell of (table_no, row, col) in report, or NULL: found from the first
 * cell of its row source (the row sources are in template order too).
 */
const GipCell *
gip_report_cell(const GipReport *report, int table_no, int row, int col)
{
	const GipTableDef *table = gip_report_table(report, table_no);
	int			source = row;
	int			index;

	if (table == NULL || row < 0 || row >= table->nrows || col < 0 ||
		col >= table->ncols || report->cells == NULL || report->rows == NULL)
		return NULL;
	if (table_no >= 3)
		source += gip_report_table(report, 2)->nrows;
	if (table_no == 4)
		source += gip_report_table(report, 3)->nrows;
	if (source >= report->nrows)
		return NULL;
	index = report->rows[source].first_cell;
	if (table_no == 2)
	{
		const GipRowDef *def = &table->rows[row];

		for (int c = 0;; c++)
		{
			if (c == def->ncols)
				return NULL;	/* the row has no such measure */
			if (def->cols[c] == col)
			{
				index += c;
				break;
			}
		}
	}
	else
		index += col;
	if (index >= report->ncells)
		return NULL;
	return &report->cells[index];
}

/* Allocate every cell and row source of the report's tables, all missing. */
bool
gip_report_layout(GipReport *report, GipArena *arena)
{
	const GipTableDef *tables[3];
	int			ncells = 0;
	int			nrows = 0;
	int			ci = 0;
	int			ri = 0;

	tables[0] = gip_report_table(report, 2);
	tables[1] = gip_report_table(report, 3);
	tables[2] = gip_report_table(report, 4);
	if (tables[0] == NULL || tables[1] == NULL || tables[2] == NULL)
		return false;
	ncells = t2_cell_count(tables[0]) + tables[1]->nrows * tables[1]->ncols +
		tables[2]->nrows * tables[2]->ncols;
	nrows = tables[0]->nrows + tables[1]->nrows + tables[2]->nrows;
	report->cells = gip_alloc(arena, sizeof(GipCell) * ncells);
	report->rows = gip_alloc(arena, sizeof(GipRowSource) * nrows);
	if (report->cells == NULL || report->rows == NULL)
		return false;
	for (int t = 0; t < 3; t++)
	{
		const GipTableDef *table = tables[t];

		for (int r = 0; r < table->nrows; r++)
		{
			const GipRowDef *def = &table->rows[r];
			int			ncols = table->table_no == 2 ? def->ncols : table->ncols;

			report->rows[ri].table_no = (uint8_t) table->table_no;
			report->rows[ri].row = (uint8_t) r;
			report->rows[ri].first_cell = (uint16_t) ci;
			ri++;
			for (int c = 0; c < ncols; c++)
			{
				GipCell    *cell = &report->cells[ci++];

				cell->table_no = (uint8_t) table->table_no;
				cell->row = (uint8_t) r;
				cell->col = (uint8_t) (table->table_no == 2 ? def->cols[c] : c);
				cell->state = GIP_CELL_MISSING;
			}
		}
	}
	report->ncells = ncells;
	report->nrows = nrows;
	return true;
}
