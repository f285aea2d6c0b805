/*
 * tables_columns.c
 *		Which cell of a data row is which column of its template row, and in
 *		which unit: values in order when the row has them all, else by their
 *		positions under the header or the nearest full row (layout text), or
 *		split where numbers ran together; amounts converted to the unit of
 *		their column (GipColumnDef.unit).
 */
#include "tables_internal.h"

#include <stdlib.h>
#include <string.h>

/*
 * A number read with unit (UNIT_NONE when bare) in the unit its column
 * expects (col->unit); a bare number in a column headed 万元 (header_wan)
 * is in 万元.  Every reader converts its amounts here.
 */
GipDecimal
gip_to_column_unit(GipDecimal v, CellUnit unit, bool header_wan,
				   const GipColumnDef *col)
{
	bool		wan = unit == UNIT_WAN_YUAN || (unit == UNIT_NONE && header_wan);

	if (col->unit == GIP_UNIT_YUAN && wan)
	{
		/* 万元 to 元 */
		if (v.scale >= 4)
			v.scale -= 4;
		else
		{
			for (int k = v.scale; k < 4; k++)
				v.mant *= 10;
			v.scale = 0;
		}
	}
	else if (col->unit == GIP_UNIT_WAN_YUAN && unit == UNIT_YUAN)
		v.scale += 4;			/* 元 to 万元 */
	return v;
}

/* Fill a report cell from a source cell. */
void
gip_set_cell(Doc *doc, GipCell *out, const GipTableDef *table, const Cell *src,
			 int pos)
{
	out->line = src->line;
	out->pos = src->src_table > 0 ? src->col + 1 : pos;
	out->src_table = src->src_table;
	out->src_row = src->src_row;
	out->raw = gip_pool_add(doc, src->raw, src->raw_len);
	switch (src->kind)
	{
		case CK_NUMBER:
			out->state = GIP_CELL_VALUE;
			out->value = gip_to_column_unit(src->value, src->unit, doc->procurement_wan,
											&table->columns[out->col]);
			break;
		case CK_BLANK:
			out->state = GIP_CELL_BLANK;
			break;
		case CK_PLACEHOLDER:
			out->state = GIP_CELL_PLACEHOLDER;
			break;
		default:
			out->state = GIP_CELL_INVALID;
			break;
	}
}

/* Mark a cell that exists in the table but shows nothing (layout). */
void
gip_set_blank(GipCell *out, int line)
{
	out->state = GIP_CELL_BLANK;
	out->line = line;
}

/*
 * Where a layout cell stands, in code point columns (as pdftotext writes
 * them) or in display columns (text laid out for a terminal, where a CJK
 * character takes two), whichever lines the document up.
 */
static Span
cell_span(const Doc *doc, const Cell *c)
{
	Span		span;

	if (doc->display_cols)
	{
		span.lo = c->dcol * 2;
		span.hi = (c->dcol + c->dwidth) * 2;
	}
	else
	{
		span.lo = c->col * 2;
		span.hi = (c->col + c->width) * 2;
	}
	return span;
}

/*
 * How far a value stands from a column: the gap between them (0 when they
 * overlap) weighs most, then the distance of their centres.
 */
static int
span_distance(Span value, Span column)
{
	int			gap = 0;

	if (value.hi <= column.lo)
		gap = column.lo - value.hi + 1;
	else if (column.hi <= value.lo)
		gap = value.lo - column.hi + 1;
	return gap * 1024 + abs((value.lo + value.hi) - (column.lo + column.hi));
}

/*
 * Decide how a layout document's columns line up: take the rows of table 三
 * with the most values and compare the spread of their first value's start
 * in code points and in display columns; the smaller spread wins.
 */
void
gip_choose_columns(Doc *doc, DataRow *rows, int n)
{
	/* spread of the first value's left and right edges, in both metrics */
	int			lo[4] = {1 << 30, 1 << 30, 1 << 30, 1 << 30};
	int			hi[4] = {-1, -1, -1, -1};
	int			most = 0;
	int			spread_cp,
				spread_d;

	/* the rows with the most values (all seven, or six when 总计 is blank) */
	for (int i = 0; i < n; i++)
		if (rows[i].nvalues > most && rows[i].nvalues <= 7)
			most = rows[i].nvalues;
	if (most < 2)
		return;
	for (int i = 0; i < n; i++)
	{
		const Cell *c;
		int			edge[4];

		if (rows[i].nvalues != most)
			continue;
		c = &rows[i].row->cells[rows[i].first_value];
		edge[0] = c->col;
		edge[1] = c->col + c->width;
		edge[2] = c->dcol;
		edge[3] = c->dcol + c->dwidth;
		for (int e = 0; e < 4; e++)
		{
			if (edge[e] < lo[e])
				lo[e] = edge[e];
			if (edge[e] > hi[e])
				hi[e] = edge[e];
		}
	}
	if (hi[0] < 0)
		return;
	/* numbers may be aligned left or right: the better edge counts */
	spread_cp = (hi[0] - lo[0]) < (hi[1] - lo[1]) ? hi[0] - lo[0] : hi[1] - lo[1];
	spread_d = (hi[2] - lo[2]) < (hi[3] - lo[3]) ? hi[2] - lo[2] : hi[3] - lo[3];
	doc->display_cols = spread_d < spread_cp;
}

/*
 * Assign the k values of a layout row to ncols columns by their positions,
 * given the column centres; result[v] = column of value v.  Returns false
 * when no consistent assignment exists.
 */
bool
gip_align_by_position(const Doc *doc, const Cell *values, int k,
					  const Span *columns, int ncols, int *result)
{
	int			next = 0;

	for (int v = 0; v < k; v++)
	{
		int			best = -1;
		int			best_dist = 0;

		/* leave room for the values after this one */
		for (int c = next; c <= ncols - (k - v); c++)
		{
			int			dist = span_distance(cell_span(doc, &values[v]), columns[c]);

			if (best < 0 || dist < best_dist)
			{
				best = c;
				best_dist = dist;
			}
		}
		if (best < 0)
			return false;
		result[v] = best;
		next = best + 1;
	}
	return true;
}

/*
 * Column centres for short row i of a layout table, from the nearest data
 * row (the same page, most likely) that has all the measures of the same
 * template row shape; false when there is none.
 */
static bool
nearest_centres(const Doc *doc, const GipTableDef *table, DataRow *rows,
				int n, int i, Span *centres)
{
	const GipRowDef *def = &table->rows[rows[i].assigned];

	for (int dist = 1; dist < n; dist++)
		for (int side = -1; side <= 1; side += 2)
		{
			int			j = i + side * dist;
			const GipRowDef *other;
			bool		same = true;

			if (j < 0 || j >= n || rows[j].assigned < 0)
				continue;
			other = &table->rows[rows[j].assigned];
			if (rows[j].nvalues != other->ncols || other->ncols != def->ncols)
				continue;
			for (int k = 0; k < def->ncols; k++)
				same = same && other->cols[k] == def->cols[k];
			if (!same)
				continue;
			for (int k = 0; k < def->ncols; k++)
				centres[k] = cell_span(doc, &rows[j].row->cells[rows[j].first_value + k]);
			return true;
		}
	return false;
}

/*
 * A short row of table 三 whose numbers may have run together (in layout
 * text, tried before the positions only when most of the row is missing):
 * split them
 * when exactly one split makes the row add up (noted), mark the row
 * ambiguous when several do (noted); false when the cells are not glued
 * numbers at all, for the caller to go on.
 */
static bool
fill_glued(Doc *doc, const GipTableDef *table, int t, const DataRow *d,
		   int first, int k)
{
	const GipRowDef *def = &table->rows[t];
	Row		   *r = d->row;
	GipDecimal	values[GIP_MAX_ROW_COLS];
	int			owner[GIP_MAX_ROW_COLS];
	int			found = gip_split_glued(&r->cells[first], k, def->ncols, values,
										owner);

	if (found == 0)
		return false;
	for (int c = 0; c < def->ncols; c++)
	{
		GipCell    *cell = cell_at(doc->report, table->table_no, t, def->cols[c]);
		const Cell *src = &r->cells[first + (found > 0 ? owner[c] : 0)];

		cell->line = src->line;
		cell->pos = first + (found > 0 ? owner[c] : 0) + 1;
		cell->raw = gip_pool_add(doc, src->raw, src->raw_len);
		if (found > 0)
		{
			cell->state = GIP_CELL_VALUE;
			cell->value = values[c];
		}
		else
			cell->state = GIP_CELL_AMBIGUOUS;
	}
	if (found > 0)
		gip_note(doc, GIP_NOTE_INFO, table->table_no, r->first_line,
				 "split_glued",
				 "row %s: numbers that ran together were split the one way the row adds up",
				 def->code);
	else
		gip_note(doc, GIP_NOTE_WARNING, table->table_no, r->first_line,
				 "ambiguous_glued",
				 "row %s: numbers ran together and more than one split adds up; the row is not read",
				 def->code);
	return true;
}

/*
 * Write the values of data row d into row t of table (table_no), taking
 * measure columns cols[0..ncols-1].
 */
static void
fill_row(Doc *doc, const GipTableDef *table, int t, const DataRow *d,
		 const Span *centres)
{
	const GipRowDef *def = &table->rows[t];
	Row		   *r = d->row;
	int			ncols = def->ncols;
	int			first = d->first_value;
	int			k = d->nvalues;
	GipReport  *report = doc->report;
	GipRowSource *src;

	/* where the row was found */
	for (int i = 0; i < report->nrows; i++)
	{
		src = &report->rows[i];
		if (src->table_no == table->table_no && src->row == t)
		{
			src->line = r->first_line;
			src->label = d->label;
			break;
		}
	}

	/*
	 * surplus blank cells: the empty label cell of a row without a label,
	 * a stray empty column at the end; not values
	 */
	while (k > ncols && r->last_text < 0 && r->cells[first].kind == CK_BLANK)
	{
		first++;
		k--;
	}
	while (k > ncols && r->cells[first + k - 1].kind == CK_BLANK)
		k--;
	if (k > ncols)
	{
		/* surplus cells: the values are the last ones */
		gip_note(doc, GIP_NOTE_WARNING, table->table_no, r->first_line,
				 "extra_cells", "row %s has %d value cells, %d expected; the last %d taken",
				 def->code, k, ncols, ncols);
		first += k - ncols;
		k = ncols;
	}
	if (k == ncols)
	{
		for (int c = 0; c < ncols; c++)
			gip_set_cell(doc, cell_at(report, table->table_no, t, def->cols[c]),
						 table, &r->cells[first + c], first + c + 1);
		return;
	}
	/* fewer cells than columns: numbers that ran together? (table 三) */
	if (table->table_no == 3 && k > 0 &&
		(!doc->cell_positions || centres == NULL || k * 2 <= ncols) &&
		fill_glued(doc, table, t, d, first, k))
		return;
	if (doc->cell_positions && k == 0)
	{
		/* a label with nothing beside it: every cell is blank */
		for (int c = 0; c < ncols; c++)
			gip_set_blank(cell_at(report, table->table_no, t, def->cols[c]),
						  r->first_line);
		return;
	}
	if (doc->cell_positions && centres != NULL)
	{
		int			assign[GIP_MAX_ROW_COLS];

		if (gip_align_by_position(doc, &r->cells[first], k, centres, ncols, assign))
		{
			for (int c = 0; c < ncols; c++)
				gip_set_blank(cell_at(report, table->table_no, t, def->cols[c]),
							  r->first_line);
			for (int v = 0; v < k; v++)
				gip_set_cell(doc, cell_at(report, table->table_no, t, def->cols[assign[v]]),
							 table, &r->cells[first + v], first + v + 1);
			gip_note(doc, GIP_NOTE_INFO, table->table_no, r->first_line,
					 "aligned_by_position",
					 "row %s has %d of %d values; the others are read as blank from their positions",
					 def->code, k, ncols);
			return;
		}
	}
	for (int c = 0; c < k; c++)
		gip_set_cell(doc, cell_at(report, table->table_no, t, def->cols[c]),
					 table, &r->cells[first + c], first + c + 1);
	if (doc->cell_positions || doc->rows_split)
	{
		/*
		 * the gaps could be anywhere (or the rest of the row went to a row
		 * not found): no value of the row can be trusted
		 */
		for (int c = 0; c < ncols; c++)
		{
			GipCell    *cell = cell_at(report, table->table_no, t, def->cols[c]);

			cell->state = GIP_CELL_AMBIGUOUS;
			if (cell->line == 0)
				cell->line = r->first_line;
		}
		gip_note(doc, GIP_NOTE_WARNING, table->table_no, r->first_line,
				 "ambiguous_row",
				 "row %s has %d of %d values and their columns cannot be told from their positions",
				 def->code, k, ncols);
		return;
	}
	gip_note(doc, GIP_NOTE_WARNING, table->table_no, r->first_line,
			 "short_row", "row %s has %d of %d values; the rest are missing",
			 def->code, k, ncols);
}

/*
 * Column spans for the measures of template row def from the header cells
 * of rows [from, to) of a layout table, nearest row first: a header cell
 * stands for a column when its folded text (two characters or more) is a
 * part of the column's label (商业企 of 商业企业, 本年增/减).  False when a
 * measure finds no header cell.
 */
static bool
header_label_spans(Doc *doc, const GipTableDef *table, const GipRowDef *def,
				   int from, int to, Span *spans)
{
	uint32_t	best_len[GIP_MAX_ROW_COLS] = {0};

	for (int i = to - 1; i >= from; i--)
	{
		Row		   *h = &doc->rows[i];

		gip_row_ready(doc, h);
		for (int c = 0; c < h->ncells; c++)
		{
			Cell	   *cell = &h->cells[c];

			if (cell->kind != CK_TEXT || cell->key_len < 6)
				continue;		/* two CJK characters at least */
			/* the longest part of a label wins (科研机构 over 机构) */
			for (int k = 0; k < def->ncols; k++)
			{
				const char *label = table->columns[def->cols[k]].label;

				if (cell->key_len > best_len[k] &&
					gip_memmem(label, strlen(label), cell->key, cell->key_len) != NULL)
				{
					spans[k] = cell_span(doc, cell);
					best_len[k] = cell->key_len;
				}
			}
		}
	}
	for (int k = 0; k < def->ncols; k++)
		if (best_len[k] == 0)
			return false;
	/* columns stand left to right */
	for (int k = 1; k < def->ncols; k++)
		if (spans[k].lo <= spans[k - 1].lo)
			return false;
	return true;
}

/* Write the aligned data rows of a table into the report. */
void
gip_fill_table(Doc *doc, const GipTableDef *table, DataRow *rows, int n,
			   int region_start)
{
	for (int i = 0; i < n; i++)
	{
		Span		centres[GIP_MAX_ROW_COLS];
		bool		have = false;
		const GipRowDef *def;

		if (rows[i].assigned < 0)
			continue;
		def = &table->rows[rows[i].assigned];
		if (doc->cell_positions && rows[i].nvalues < def->ncols)
		{
			have = nearest_centres(doc, table, rows, n, i, centres);
			/* else the header: above table 三, or the nearest above an item of 二 */
			if (!have && n > 0)
				have = header_label_spans(doc, table, def, region_start,
										  table->table_no == 3 ? rows[0].row_index :
										  rows[i].row_index,
										  centres);
		}
		fill_row(doc, table, rows[i].assigned, &rows[i], have ? centres : NULL);
	}
	gip_note_unmatched(doc, table->table_no, rows, n);
}
