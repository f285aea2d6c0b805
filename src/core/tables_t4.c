/*
 * tables_t4.c
 *		Table 四: its 15 values in order from rows without labels, or five
 *		from a row labelled with a category; in layout text with blanks
 *		(gaps only), the columns from the fragments of its header.
 */
#include "tables_internal.h"

#include <stdlib.h>
#include <string.h>

/* Order spans by their start, for qsort. */
static int
cmp_span(const void *a, const void *b)
{
	int			x = ((const Span *) a)->lo;
	int			y = ((const Span *) b)->lo;

	return (x > y) - (x < y);
}

/*
 * The words of a layout header cell, as spans: pdftotext may set several
 * column headers in one cell with single spaces ("结果 结果 其他"), and may
 * space out the characters of one word ("总 计"), which are joined again.
 * Words longer than four characters are group headers and left out.
 * Returns how many spans were written (at most the cell's code points).
 */
static int
header_fragments(const Doc *doc, const Cell *cell, Span *out)
{
	const unsigned char *p = (const unsigned char *) cell->raw;
	const unsigned char *end = p + cell->raw_len;
	int			col = cell->col;
	int			dcol = cell->dcol;
	int			n = 0;
	int			word_lo = -1,
				word_dlo = 0,
				word_chars = 0;
	int			prev_single_hi = -1;	/* end of a lone character word */

	while (p <= end)
	{
		uint32_t	cp = ' ';
		int			step = 1;

		if (p < end)
			step = gip_utf8_next(p, end - p, &cp);
		if (p == end || gip_is_space_cp(cp))
		{
			if (word_lo >= 0)
			{
				Span		span;

				span.lo = (doc->display_cols ? word_dlo : word_lo) * 2;
				span.hi = (doc->display_cols ? dcol : col) * 2;
				if (word_chars == 1 && prev_single_hi >= 0 && n > 0 &&
					span.lo - prev_single_hi <= 4)
					out[n - 1].hi = span.hi;	/* 总 计: one word */
				else if (word_chars <= 4)
					out[n++] = span;
				prev_single_hi = word_chars == 1 ? span.hi : -1;
				word_lo = -1;
			}
			if (p == end)
				break;
		}
		else
		{
			if (word_lo < 0)
			{
				word_lo = col;
				word_dlo = dcol;
				word_chars = 0;
			}
			word_chars++;
		}
		col++;
		dcol += (cp >= 0x1100) ? 2 : 1;
		p += step;
	}
	return n;
}

/*
 * Table 四 in layout text with fewer than 15 numbers on its line: the blank
 * cells show only as gaps.  The column centres come from the header cells
 * above the numbers (结果维持, 纠正, 其他结果, 尚未审结, 总计, in whatever
 * fragments pdftotext cut them): the centres of the short header cells,
 * merged when they stand within two columns of each other, must give
 * exactly 15 columns; then each number goes to the nearest one.  Returns
 * false (nothing written) when the header does not give 15 columns.
 */
static bool
t4_by_position(Doc *doc, int from, int data_row, Row *r, const GipTableDef *t4)
{
	int			total = t4->nrows * t4->ncols;
	int			ncolumns = 0;
	Span	   *columns;
	int			nsamples = 0;
	Span	   *samples;
	int			cap = 0;
	int			assign[64];
	int			k = r->nvalues;

	for (int i = from; i < data_row; i++)
		for (int c = 0; c < doc->rows[i].ncells; c++)
			cap += doc->rows[i].cells[c].raw_len;
	samples = gip_alloc_raw(doc->arena, sizeof(Span) * (cap + 1));
	columns = gip_alloc_raw(doc->arena, sizeof(Span) * (cap + 1));
	if (samples == NULL || columns == NULL || total > 64)
		return false;
	for (int i = from; i < data_row; i++)
	{
		Row		   *h = &doc->rows[i];

		gip_row_ready(doc, h);
		for (int c = 0; c < h->ncells; c++)
		{
			Cell	   *cell = &h->cells[c];

			if (cell->kind != CK_TEXT ||
				gip_memmem(cell->key, cell->key_len, "复议", strlen("复议")) ||
				gip_memmem(cell->key, cell->key_len, "诉讼", strlen("诉讼")) ||
				gip_memmem(cell->key, cell->key_len, "起诉", strlen("起诉")))
				continue;
			nsamples += header_fragments(doc, cell, samples + nsamples);
		}
	}
	if (nsamples < total)
		return false;
	qsort(samples, nsamples, sizeof(Span), cmp_span);
	/* fragments of one header stand over each other: merge overlapping spans */
	for (int i = 0; i < nsamples; i++)
	{
		if (ncolumns > 0 && samples[i].lo < columns[ncolumns - 1].hi)
		{
			if (samples[i].hi > columns[ncolumns - 1].hi)
				columns[ncolumns - 1].hi = samples[i].hi;
			continue;
		}
		columns[ncolumns++] = samples[i];
	}
	if (ncolumns != total ||
		!gip_align_by_position(doc, &r->cells[0], k, columns, total, assign))
		return false;
	for (int c = 0; c < total; c++)
		gip_set_blank(cell_at(doc->report, 4, c / t4->ncols, c % t4->ncols),
					  r->first_line);
	for (int v = 0; v < k; v++)
		gip_set_cell(doc, cell_at(doc->report, 4, assign[v] / t4->ncols, assign[v] % t4->ncols),
					 t4, &r->cells[v], v + 1);
	gip_note(doc, GIP_NOTE_INFO, 4, r->first_line, "aligned_by_position",
			 "table 四 has %d of %d values on its line; the others are read as blank from the header positions",
			 k, total);
	return true;
}

/*
 * Read table 四 from region reg: the 15 values in order from rows without
 * labels, or five values from a row labelled with a category.
 */
void
gip_read_t4(Doc *doc, Region reg, const GipTableDef *t4)
{
	GipReport  *report = doc->report;
	int			filled = 0;
	int			total = t4->nrows * t4->ncols;
	int			last_line = 0;
	const int  *ids = gip_table_keysets(t4, NULL);

	for (int i = reg.start; i < reg.end && filled < total; i++)
	{
		Row		   *r = &doc->rows[i];
		int			category = -1;

		if (!gip_is_data_row(doc, r, t4))
		{
			if (filled > 0 && !r->tabular && !doc->loose_tables)
				break;			/* narrative after the values */
			continue;
		}
		if (r->last_text >= 0)
		{
			GipKeyMask	mask = gip_row_mask(doc, r);

			for (int t = t4->nrows - 1; t >= 0 && category < 0; t--)
				if (gip_mask_has(mask, ids[t]))
					category = t;
			if (category < 0)
				continue;		/* a row with text we do not know */
		}
		if (r->nvalues >= total)
		{
			/* the header and all the values in one row */
			int			first = r->ncells - total;

			for (int c = 0; c < total; c++)
				gip_set_cell(doc, cell_at(report, 4, c / t4->ncols, c % t4->ncols), t4,
							 &r->cells[first + c], first + c + 1);
			filled = total;
			last_line = r->last_line;
			break;
		}
		if (category >= 0 && r->nvalues >= t4->ncols)
		{
			int			first = r->ncells - t4->ncols;

			for (int c = 0; c < t4->ncols; c++)
				gip_set_cell(doc, cell_at(report, 4, category, c), t4,
							 &r->cells[first + c], first + c + 1);
			filled = (category + 1) * t4->ncols;
			last_line = r->first_line;
			continue;
		}
		if (doc->cell_positions && filled == 0 && r->last_text < 0 &&
			r->nvalues < total && r->nvalues > 0 &&
			t4_by_position(doc, reg.start, i, r, t4))
		{
			filled = total;
			last_line = r->first_line;
			break;
		}
		for (int c = r->last_text + 1; c < r->ncells && filled < total; c++)
		{
			gip_set_cell(doc, cell_at(report, 4, filled / t4->ncols, filled % t4->ncols),
						 t4, &r->cells[c], c + 1);
			filled++;
		}
		last_line = r->last_line;
	}
	for (int t = 0; t < t4->nrows; t++)
		for (int i = 0; i < report->nrows; i++)
			if (report->rows[i].table_no == 4 && report->rows[i].row == t &&
				cell_at(report, 4, t, 0)->line > 0)
				report->rows[i].line = cell_at(report, 4, t, 0)->line;
	if (filled > 0 && filled < total && doc->cell_positions)
	{
		/* blanks that do not line up with the header: no value is sure */
		for (int c = 0; c < total; c++)
		{
			GipCell    *cell = cell_at(report, 4, c / t4->ncols, c % t4->ncols);

			cell->state = GIP_CELL_AMBIGUOUS;
			if (cell->line == 0)
				cell->line = last_line;
		}
		gip_note(doc, GIP_NOTE_WARNING, 4, last_line, "ambiguous_table",
				 "table 四 has %d of %d values and their columns cannot be told from the header",
				 filled, total);
	}
	else if (filled > 0 && filled < total)
		gip_note(doc, GIP_NOTE_WARNING, 4, last_line, "short_table",
				 "table 四 has %d of %d values; the rest are missing",
				 filled, total);
}
