/*
 * tables_align.c
 *		Which data row is which template row: the rows of table 三 are
 *		aligned to the template's rows in order, by the distinctive words of
 *		each label (a small dynamic programme over rows x template rows), gaps
 *		between matched rows filled by position; rows of table 三 cut in two
 *		at a page break are joined; the rows of table 二 without labels are
 *		tied to the items no row took; rows that cannot be tied are marked.
 */
#include "tables_internal.h"

#include <string.h>

/*
 * Align data rows to template rows in order, maximising the summed match
 * scores; then fill gaps by position.  Sets d->assigned.  Returns a score
 * of the alignment for choosing between variants.
 *
 * Where labels may stand apart from their values (labels_detached), a gap
 * is filled only when its template rows' labels stand somewhere in the
 * table (loose, the key sets of its other text, or the rows' own cells);
 * template rows of a gap with values that cannot be tied to them get
 * untied[j] = 1 + the doc row of the gap's first data row.
 */
int
gip_align_rows(Doc *doc, DataRow *rows, int n, const GipTableDef *table,
			   int *assigned, const GipKeyMask *loose, int *untied)
{
	int			m = table->nrows;
	int		   *best;
	int		   *score;
	int			i,
				j;
	int			total = 0;
	int		   *tmpl_of;
	int			last_d,
				last_t;
	const int  *ids = gip_table_keysets(table, NULL);

	/* every cell read below is written first: no need to zero them */
	best = gip_alloc_raw(doc->arena, sizeof(int) * (n + 1) * (m + 1));
	score = gip_alloc_raw(doc->arena, sizeof(int) * (n + 1) * (m + 1));
	tmpl_of = gip_alloc(doc->arena, sizeof(int) * (m + 1));
	if (best == NULL || score == NULL || tmpl_of == NULL)
	{
		gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return -1000000;
	}
#define CELL(a, i, j) a[(i) * (m + 1) + (j)]
	for (i = 0; i < n; i++)
	{
		/* the row's key sets of any kind: most template rows are in none */
		GipKeyMask	any;

		for (int w = 0; w < (int) (sizeof(any.w) / sizeof(any.w[0])); w++)
			any.w[w] = rows[i].own_mask.w[w] | rows[i].ctx_mask.w[w] |
				rows[i].below_mask.w[w];
		for (j = 0; j < m; j++)
			CELL(score, i, j) = gip_mask_has(any, ids[j]) ?
				gip_match_score(&rows[i], ids[j], table->rows[j].weight) : 0;
	}
	/*
	 * best[i][j]: best sum using data rows i.. and template rows j..; 0 on
	 * the edges (no data rows or no template rows left)
	 */
	for (j = 0; j <= m; j++)
		CELL(best, n, j) = 0;
	for (i = n - 1; i >= 0; i--)
	{
		int		   *here = &CELL(best, i, 0);
		const int  *below = &CELL(best, i + 1, 0);
		const int  *sc = &CELL(score, i, 0);

		here[m] = 0;
		for (j = m - 1; j >= 0; j--)
		{
			int			v = below[j];	/* skip the data row */

			if (here[j + 1] > v)
				v = here[j + 1];	/* skip the template row */
			if (sc[j] > 0 && sc[j] + below[j + 1] > v)
				v = sc[j] + below[j + 1];	/* take the pair */
			here[j] = v;
		}
	}
	/* trace back */
	for (j = 0; j < m; j++)
		tmpl_of[j] = -1;
	for (i = 0; i < n; i++)
		assigned[i] = -1;
	i = 0;
	j = 0;
	while (i < n && j < m)
	{
		if (CELL(score, i, j) > 0 &&
			CELL(best, i, j) == CELL(score, i, j) + CELL(best, i + 1, j + 1))
		{
			assigned[i] = j;
			tmpl_of[j] = i;
			total += CELL(score, i, j);
			i++;
			j++;
		}
		else if (CELL(best, i, j) == CELL(best, i + 1, j))
			i++;
		else
			j++;
	}
#undef CELL
	/* fill gaps between matched rows by position when the counts agree */
	last_d = -1;
	last_t = -1;
	for (j = 0; j <= m; j++)
	{
		int			d_here = j < m ? tmpl_of[j] : n;

		if (j < m && d_here < 0)
			continue;
		{
			int			gap_t = j - last_t - 1;
			int			gap_d = d_here - last_d - 1;
			bool		agree = gap_t == gap_d;

			for (int k = 0; k < gap_t && agree && doc->labels_detached; k++)
			{
				int			id = ids[last_t + 1 + k];

				agree = (loose != NULL && gip_mask_has(*loose, id)) ||
					gip_mask_has(rows[last_d + 1 + k].own_mask, id);
			}
			if (gap_t > 0 && gap_d > 0 && !agree && doc->labels_detached &&
				untied != NULL)
			{
				/* numbers that no label ties to these rows */
				for (int k = 0; k < gap_t; k++)
					untied[last_t + 1 + k] = 1 + rows[last_d + 1].row_index;
			}
			if (gap_t > 0 && agree)
			{
				for (int k = 0; k < gap_t; k++)
				{
					assigned[last_d + 1 + k] = last_t + 1 + k;
					tmpl_of[last_t + 1 + k] = last_d + 1 + k;
					total += 1;
				}
			}
		}
		last_d = d_here;
		last_t = j;
	}
	/* penalties: template rows left empty, data rows left over */
	for (j = 0; j < m; j++)
		if (tmpl_of[j] < 0)
			total -= 4;
	for (i = 0; i < n; i++)
		if (assigned[i] < 0)
			total -= 4;
	return total;
}

/* Report the data rows of a table that no template row took. */
void
gip_note_unmatched(Doc *doc, int table_no, DataRow *rows, int n)
{
	for (int i = 0; i < n; i++)
		if (rows[i].assigned < 0)
			gip_note(doc, GIP_NOTE_WARNING, table_no, rows[i].row->first_line,
					 "unmatched_row",
					 "a row of table %s with %d values matches no row of the template",
					 table_no == 2 ? "二" : table_no == 3 ? "三" : "四",
					 rows[i].nvalues);
}

/*
 * One row's values spread over two rows (Markdown cut at a page break): a
 * data row with fewer values than the table's rows have, followed (within
 * a few lines of labels and page numbers) by a row without a label whose
 * values make up the rest, is joined with it, when the joined row adds up
 * (its applicant columns sum to its total) or has a blank to add up with.  Every row of the table has the same
 * columns (table 三).  Returns false when out of memory.
 */
bool
gip_join_split_rows(Doc *doc, DataRow *rows, int *n, const GipTableDef *table)
{
	int			ncols = table->rows[0].ncols;
	int			out = 0;

	for (int t = 1; t < table->nrows; t++)
		if (table->rows[t].ncols != ncols)
			return true;		/* rows of different shapes: nothing to tell */
	for (int i = 0; i < *n; i++)
	{
		DataRow    *a = &rows[i];
		DataRow    *b = i + 1 < *n ? &rows[i + 1] : NULL;

		/* the empty label cell of a row without a label is no value */
		if (b != NULL && a->row->last_text < 0 && a->nvalues > 0 &&
			a->row->cells[a->first_value].kind == CK_BLANK &&
			a->nvalues + b->nvalues == ncols + 1)
		{
			a->first_value++;
			a->nvalues--;
		}
		/* nor are blank cells at its end beyond the columns (a stray column) */
		while (b != NULL && a->nvalues < ncols && b->row->last_text < 0 &&
			   a->nvalues + b->nvalues > ncols && b->nvalues > 0 &&
			   b->row->cells[b->first_value + b->nvalues - 1].kind == CK_BLANK)
			b->nvalues--;
		if (b != NULL && a->nvalues < ncols && b->row->last_text < 0 &&
			a->nvalues + b->nvalues == ncols &&
			b->row_index - a->row_index <= 32)
		{
			Row		   *joined = gip_alloc(doc->arena, sizeof(Row));
			int			nc = a->first_value + ncols;
			int64_t		sum = 0;
			bool		blank = false;
			bool		adds_up;

			if (joined == NULL)
			{
				gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
				return false;
			}
			*joined = *a->row;
			joined->cells = gip_alloc_raw(doc->arena, sizeof(Cell) * nc);
			if (joined->cells == NULL)
			{
				gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
				return false;
			}
			memcpy(joined->cells, a->row->cells, sizeof(Cell) * (a->first_value + a->nvalues));
			memcpy(joined->cells + a->first_value + a->nvalues, b->row->cells + b->first_value,
				   sizeof(Cell) * b->nvalues);
			joined->ncells = nc;
			joined->nvalues = ncols;
			joined->nfilled = a->row->nfilled + b->row->nfilled;
			joined->last_line = b->row->last_line;
			joined->key = NULL;
			/* the applicant columns add up to the total */
			for (int c = 0; c < ncols; c++)
			{
				const Cell *cell = &joined->cells[a->first_value + c];

				if (cell->kind != CK_NUMBER || cell->value.scale != 0)
					blank = true;	/* nothing to add up with */
				else if (c < ncols - 1 &&
						 __builtin_add_overflow(sum, cell->value.mant, &sum))
					blank = true;
			}
			adds_up = blank ||
				sum == joined->cells[a->first_value + ncols - 1].value.mant;
			if (adds_up)
			{
				rows[out] = *a;
				rows[out].row = joined;
				rows[out].nvalues = ncols;
				gip_note(doc, GIP_NOTE_INFO, table->table_no, a->row->first_line,
						 "joined_rows",
						 "the values of the row on line %d go on in the row on line %d; joined",
						 a->row->first_line, b->row->first_line);
				out++;
				i++;
				continue;
			}
		}
		rows[out++] = *a;
	}
	*n = out;
	return true;
}

/*
 * Mark the rows of table 三 whose numbers could not be tied to them
 * (untied[j] != 0, see gip_align_rows) and that no data row filled: ambiguous,
 * with a note naming the row.
 */
void
gip_mark_untied(Doc *doc, const GipTableDef *table, const int *untied)
{
	for (int t = 0; t < table->nrows; t++)
	{
		Row		   *near;
		bool		filled = false;

		if (untied[t] == 0)
			continue;
		near = &doc->rows[untied[t] - 1];
		for (int c = 0; c < table->rows[t].ncols; c++)
			if (cell_at(doc->report, table->table_no, t,
						table->rows[t].cols[c])->state != GIP_CELL_MISSING)
				filled = true;
		if (filled)
			continue;
		for (int c = 0; c < table->rows[t].ncols; c++)
		{
			GipCell    *cell = cell_at(doc->report, table->table_no, t,
									   table->rows[t].cols[c]);

			cell->state = GIP_CELL_AMBIGUOUS;
			cell->line = near->first_line;
		}
		gip_note(doc, GIP_NOTE_WARNING, table->table_no, near->first_line,
				 "untied_row",
				 "row %s: rows of numbers near line %d stand apart from their labels and cannot be tied to this row with certainty; the row is not read",
				 table->rows[t].code, near->first_line);
	}
}

/* Is item t of table 二 taken by a data row? */
static bool
item_taken(const DataRow *rows, int n, int t)
{
	for (int k = 0; k < n; k++)
		if (rows[k].assigned == t)
			return true;
	return false;
}

/*
 * Do the data rows [i, run_end) agree with the items of table 二 between lo
 * and hi that no row took (see gip_tie_t2_rows)?  Returns the first of those
 * items, or -1 when they do not agree; with apply set, ties them.
 */
static int
tie_t2_run(const GipTableDef *table, DataRow *rows, int n, int i, int run_end,
		   int lo, int hi, const GipKeyMask *loose, bool apply)
{
	const int  *ids = gip_table_keysets(table, NULL);
	int			free = 0;
	int			first = -1;
	bool		agree = true;

	for (int t = lo + 1; t < hi; t++)
	{
		if (item_taken(rows, n, t))
			continue;
		if (free < run_end - i)
		{
			const DataRow *d = &rows[i + free];
			int			k = d->nvalues;

			if (k > table->rows[t].ncols &&
				d->row->cells[d->first_value].kind == CK_BLANK)
				k--;			/* an empty label cell */
			agree = agree && gip_mask_has(*loose, ids[t]) &&
				k == table->rows[t].ncols;
		}
		if (first < 0)
			first = t;
		free++;
	}
	if (free != run_end - i || !agree)
		return -1;
	if (apply)
	{
		int			k = i;

		for (int t = lo + 1; t < hi && k < run_end; t++)
			if (!item_taken(rows, n, t))
				rows[k++].assigned = t;
	}
	return first;
}

/*
 * Table 二 where labels may stand apart from their values: a run of data
 * rows without labels takes the items that no row took between the items of
 * the rows around it, in order, when they are as many, have as many
 * measures as the rows have values, and their labels stand somewhere in the
 * table (loose).  The blocks of table 二 may come in another order (the
 * one-number items first), so the items before the next row's, and those
 * after the previous row's, are tried too; exactly one set of items must
 * agree.  Else the items between get untied[t] = 1 + the doc row of the
 * run's first row (see gip_mark_untied).
 */
void
gip_tie_t2_rows(const GipTableDef *table, DataRow *rows, int n,
				const GipKeyMask *loose, int *untied)
{
	int			m = table->nrows;

	for (int i = 0; i < n;)
	{
		int			run_end = i;
		int			lo,
					hi;
		int			range[3][2];
		int			found = -1;
		int			which = -1;
		bool		conflict = false;

		if (rows[i].assigned >= 0 || rows[i].row->last_text >= 0)
		{
			i++;
			continue;
		}
		while (run_end < n && rows[run_end].assigned < 0 &&
			   rows[run_end].row->last_text < 0)
			run_end++;
		lo = i > 0 ? rows[i - 1].assigned : -1;
		hi = run_end < n ? rows[run_end].assigned : m;
		if ((i > 0 && lo < 0) || (run_end < n && hi < 0))
		{
			i = run_end;		/* a neighbour we do not know: no order */
			continue;
		}
		range[0][0] = lo;
		range[0][1] = hi > lo ? hi : m;
		range[1][0] = -1;
		range[1][1] = hi;
		range[2][0] = lo;
		range[2][1] = m;
		for (int r = 0; r < 3; r++)
		{
			int			first = tie_t2_run(table, rows, n, i, run_end,
										   range[r][0], range[r][1], loose,
										   false);

			if (first < 0)
				continue;
			if (found >= 0 && first != found)
				conflict = true;
			if (found < 0)
			{
				found = first;
				which = r;
			}
		}
		if (which >= 0 && !conflict)
			tie_t2_run(table, rows, n, i, run_end, range[which][0],
					   range[which][1], loose, true);
		else
		{
			for (int t = range[0][0] + 1; t < range[0][1]; t++)
				if (!item_taken(rows, n, t))
					untied[t] = 1 + rows[i].row_index;
		}
		i = run_end;
	}
}
