/*
 * tables.c
 *		Finding tables 二, 三 and 四 by their content and reading their cells.
 *
 * A table is found by its header cells (自然人, 结果维持, 本年制发件数 ...), not
 * by the heading above it, which is often wrong.  Inside a table, a "data
 * row" is a row that carries values; its label context is its own text
 * cells and, where the label was wrapped around the values (pdftotext), the
 * text rows just above it.  The data rows of table 三 are aligned to the
 * template's rows in order, by the distinctive words of each label (a small
 * dynamic programme over rows × template rows), so that typos, missing
 * numbering and merged group cells do not matter; data rows between two
 * matched rows fill the template rows between them by position.  Both
 * variants of table 三 (25 rows, 23 rows) are tried and the better one kept.
 */
#include "gip_internal.h"

#include <stdlib.h>
#include <string.h>

/* A row that carries values, with what is known of its label. */
typedef struct DataRow
{
	Row		   *row;
	int			row_index;		/* in doc->rows */
	const char *ctx;			/* folded label context */
	uint32_t	ctx_len;
	const char *below;			/* folded text after it (layout) */
	uint32_t	below_len;
	GipSpan		label;			/* label as printed */
	GipKeyMask	own_mask;		/* key sets in the row's own text */
	GipKeyMask	ctx_mask;		/* key sets found in ctx */
	GipKeyMask	below_mask;		/* key sets found in below */
	int			first_value;	/* index of its first value cell */
	int			nvalues;
	int			assigned;		/* template row, or -1 */
} DataRow;

/* Most rows with values a table may have (the template has 25). */
#define GIP_MAX_DATA_ROWS	256

/* A region of rows [start, end). */
typedef struct Region
{
	int			start;
	int			end;
} Region;

/* Does the folded text of row i contain a word of key set id? */
static bool
row_has(Doc *doc, int i, int id)
{
	return gip_mask_has(gip_row_mask(doc, &doc->rows[i]), id);
}

/* Is row i a heading of a part of the report (1–6), and which? */
static int
row_heading(Doc *doc, int i)
{
	uint32_t	len;
	const char *key;

	if (doc->rows[i].tabular && !doc->rows_unmarked)
		return 0;
	if (doc->rows[i].ncells == 0 ||
		doc->rows[i].cells[0].raw_len > 2 * GIP_HEADING_MAX)
		return 0;				/* too long for a heading: not folded */
	key = gip_row_key(doc, &doc->rows[i], &len);
	if (len > GIP_HEADING_MAX)
		return 0;
	return gip_heading_part(key, len, &doc->rows[i].mask,
							&doc->rows[i].has_mask);
}

/* Join folded or raw text pieces into the arena. */
typedef struct TextBuf
{
	char	   *data;
	uint32_t	len;
	uint32_t	cap;
} TextBuf;

/* Append len bytes to a text buffer. */
static bool
text_append(Doc *doc, TextBuf *buf, const char *s, size_t len)
{
	if (buf->len + len + 1 > buf->cap)
	{
		uint32_t	cap = (uint32_t) ((buf->cap + len) * 2 + 64);
		char	   *data = gip_alloc(doc->arena, cap);

		if (data == NULL)
		{
			gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
			return false;
		}
		if (buf->len > 0)
			memcpy(data, buf->data, buf->len);
		buf->data = data;
		buf->cap = cap;
	}
	memcpy(buf->data + buf->len, s, len);
	buf->len += (uint32_t) len;
	buf->data[buf->len] = '\0';
	return true;
}

/* Append the text cells (folded and raw) of row r up to cell limit. */
static bool
append_text_cells(Doc *doc, Row *r, int limit, TextBuf *key, TextBuf *raw)
{
	gip_row_ready(doc, r);
	for (int c = 0; c < limit && c < r->ncells; c++)
	{
		Cell	   *cell = &r->cells[c];

		if (cell->kind != CK_TEXT)
			continue;
		if (!text_append(doc, key, cell->key, cell->key_len) ||
			!text_append(doc, raw, cell->raw, cell->raw_len))
			return false;
	}
	return true;
}

/* Is row a data row of a table with ncols value columns? */
static bool
is_data_row(Doc *doc, Row *r, const GipTableDef *table)
{
	GipKeyMask	mask;
	int			header_id;
	const int  *ids = gip_table_keysets(table, &header_id);

	if (doc->values_in_rows && !r->tabular)
		return false;			/* a number on a plain line is text */
	gip_row_ready(doc, r);
	if (r->nvalues == 0)
		return false;
	if (r->nfilled > 0)
		return true;
	/*
	 * only blank cells: a data row left empty, or spacer cells of a header;
	 * where labels stand apart, a row of blank cells is a row too (its label
	 * elsewhere), for the rows around it to be counted right
	 */
	if (doc->labels_detached && r->last_text < 0 && r->tabular)
		return true;
	if (doc->rows_unmarked || r->last_text < 0)
		return r->nvalues >= 5;
	mask = gip_row_mask(doc, r);
	if (gip_mask_has(mask, header_id))
		return false;
	for (int i = 0; i < table->nrows; i++)
		if (gip_mask_has(mask, ids[i]))
			return true;
	return false;
}

/* Does the row's own text name an item of the table (layout table 二)? */
static bool
is_item_label(Doc *doc, Row *r, const GipTableDef *table)
{
	const int  *ids = gip_table_keysets(table, NULL);
	GipKeyMask	mask = gip_row_mask(doc, r);

	for (int i = 0; i < table->nrows; i++)
		if (gip_mask_has(mask, ids[i]))
			return true;
	return false;
}

/* Most bytes of label context kept above or below a data row. */
#define GIP_MAX_CONTEXT		2048

/*
 * Give data row d the text gathered below it (layout: a label wrapped
 * around its numbers) and start gathering anew.
 */
static void
set_below(DataRow *d, TextBuf *key, TextBuf *raw)
{
	if (key->len > 0)
	{
		d->below = key->data;
		d->below_len = key->len;
		d->below_mask = gip_keys_scan(key->data, key->len);
	}
	/* the next row's text goes to fresh buffers: d keeps these */
	memset(key, 0, sizeof(*key));
	memset(raw, 0, sizeof(*raw));
}

/*
 * Collect the data rows of a region, with their label contexts.  Returns
 * the count, or -1 on failure.  When loose_mask is not NULL, it receives the
 * key sets of the text of the region's other rows (labels that stand apart
 * from their values, where the reader says they may).
 */
static int
collect_data_rows(Doc *doc, Region reg, const GipTableDef *table,
				  DataRow **out, GipKeyMask *loose_mask)
{
	TextBuf		loose_key = {0};
	TextBuf		loose_raw = {0};

	DataRow    *rows = gip_alloc(doc->arena, sizeof(DataRow) * (reg.end - reg.start + 1));
	int			n = 0;
	TextBuf		above_key = {0};
	TextBuf		above_raw = {0};
	TextBuf		below_key = {0};
	TextBuf		below_raw = {0};

	if (rows == NULL)
	{
		gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return -1;
	}
	for (int i = reg.start; i < reg.end; i++)
	{
		Row		   *r = &doc->rows[i];
		DataRow    *d;
		TextBuf		key = {0};
		TextBuf		raw = {0};

		if (n >= GIP_MAX_DATA_ROWS)
		{
			gip_note(doc, GIP_NOTE_WARNING, table->table_no, r->first_line,
					 "too_many_rows",
					 "table %d has more than %d rows with values; the rest are not read",
					 table->table_no, GIP_MAX_DATA_ROWS);
			break;
		}
		/* a label with its numbers glued on: cut them off */
		gip_row_ready(doc, r);
		if (r->nvalues == 0 && table->table_no != 4 &&
			is_item_label(doc, r, table))
			gip_row_split_tail(doc, r);
		if (!is_data_row(doc, r, table) &&
			!(table->table_no == 2 && doc->cell_positions &&
			  r->nvalues == 0 && is_item_label(doc, r, table)))
		{
			/*
			 * text for the label of the next data row (and below this); a
			 * label is never far from its numbers, so only the nearest text
			 * is kept (which also keeps this loop linear)
			 */
			if (above_key.len > GIP_MAX_CONTEXT)
				above_key.len = above_raw.len = 0;
			if (!append_text_cells(doc, r, r->ncells, &above_key, &above_raw))
				return -1;
			if (n > 0 && doc->labels_wrap &&
				below_key.len <= GIP_MAX_CONTEXT &&
				!append_text_cells(doc, r, r->ncells, &below_key, &below_raw))
				return -1;
			if (loose_mask != NULL && doc->labels_detached &&
				!append_text_cells(doc, r, r->ncells, &loose_key, &loose_raw))
				return -1;
			if ((i & 1023) == 1023 && doc->arena->interrupt_fn &&
				doc->arena->interrupt_fn(doc->arena->ctx))
			{
				gip_error_set(doc->err, GIP_ERR_CANCELED, r->first_line, "canceled", NULL);
				return -1;
			}
			continue;
		}
		if (n > 0)
			set_below(&rows[n - 1], &below_key, &below_raw);
		d = &rows[n++];
		memset(d, 0, sizeof(*d));
		d->row = r;
		d->row_index = i;
		d->assigned = -1;
		d->first_value = r->last_text + 1;
		d->nvalues = r->nvalues;
		/*
		 * the label context: text above (when the row has none, unless
		 * labels may stand anywhere; or when labels wrap)
		 */
		if ((r->last_text < 0 && !doc->labels_detached) || doc->labels_wrap)
		{
			if (above_key.len > 0 &&
				(!text_append(doc, &key, above_key.data, above_key.len) ||
				 !text_append(doc, &raw, above_raw.data, above_raw.len)))
				return -1;
		}
		if (!append_text_cells(doc, r, r->last_text + 1, &key, &raw))
			return -1;
		d->ctx = key.data ? key.data : "";
		d->ctx_len = key.len;
		if (key.len == 0)
			memset(&d->ctx_mask, 0, sizeof(d->ctx_mask));
		else if (r->last_text >= 0 && !doc->labels_wrap)
			d->ctx_mask = gip_row_mask(doc, r);	/* its own words: scanned once */
		else
			d->ctx_mask = gip_keys_scan(d->ctx, d->ctx_len);
		/* its own words (where labels wrap, the context has the rows above too) */
		if (!doc->labels_wrap || r->last_text < 0)
			d->own_mask = !doc->labels_wrap ? d->ctx_mask :
				(GipKeyMask) {{0, 0}};
		else
		{
			TextBuf		own = {0};
			TextBuf		own_raw = {0};

			if (!append_text_cells(doc, r, r->last_text + 1, &own, &own_raw))
				return -1;
			d->own_mask = gip_keys_scan(own.data, own.len);
		}
		d->label = gip_pool_add(doc, raw.data ? raw.data : "", raw.len);
		above_key.len = 0;
		above_raw.len = 0;
	}
	if (n > 0)
		set_below(&rows[n - 1], &below_key, &below_raw);
	if (loose_mask != NULL)
		*loose_mask = gip_keys_scan(loose_key.data ? loose_key.data : "",
									loose_key.len);
	*out = rows;
	return n;
}

/*
 * How well does data row d match a template row (key set id, weight)?  Its
 * own words count most, then the label wrapped above it, then the text
 * below it.
 */
static int
match_score(const DataRow *d, int id, int weight)
{
	if (gip_mask_has(d->own_mask, id))
		return weight * 3;
	if (gip_mask_has(d->ctx_mask, id))
		return weight * 2;
	if (gip_mask_has(d->below_mask, id))
		return weight;
	return 0;
}

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
static int
align_rows(Doc *doc, DataRow *rows, int n, const GipTableDef *table,
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

	best = gip_alloc(doc->arena, sizeof(int) * (n + 1) * (m + 1));
	score = gip_alloc(doc->arena, sizeof(int) * (n + 1) * (m + 1));
	tmpl_of = gip_alloc(doc->arena, sizeof(int) * (m + 1));
	if (best == NULL || score == NULL || tmpl_of == NULL)
	{
		gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return -1000000;
	}
#define CELL(a, i, j) a[(i) * (m + 1) + (j)]
	for (i = 0; i < n; i++)
		for (j = 0; j < m; j++)
			CELL(score, i, j) = match_score(&rows[i], ids[j], table->rows[j].weight);
	/* best[i][j]: best sum using data rows i.. and template rows j.. */
	for (i = n; i >= 0; i--)
		for (j = m; j >= 0; j--)
		{
			int			v = 0;

			if (i < n && j < m)
			{
				int			take = CELL(score, i, j) > 0 ?
					CELL(score, i, j) + CELL(best, i + 1, j + 1) : -1;
				int			skip_d = CELL(best, i + 1, j);
				int			skip_t = CELL(best, i, j + 1);

				v = take > skip_d ? take : skip_d;
				if (skip_t > v)
					v = skip_t;
			}
			else if (i < n)
				v = CELL(best, i + 1, j);
			else if (j < m)
				v = CELL(best, i, j + 1);
			CELL(best, i, j) = v;
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

/* The template cell of (table_no, row, col) in the report. */
static GipCell *
cell_at(GipReport *report, int table_no, int row, int col)
{
	return (GipCell *) gip_report_cell(report, table_no, row, col);
}

/*
 * Convert a number to the unit its column expects (col->unit); a bare
 * number in a column headed 万元 is in 万元.
 */
static GipDecimal
convert_unit(Doc *doc, const GipColumnDef *col, const Cell *cell)
{
	GipDecimal	v = cell->value;
	bool		wan = cell->unit == UNIT_WAN_YUAN ||
		(cell->unit == UNIT_NONE && doc->procurement_wan);

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
	else if (col->unit == GIP_UNIT_WAN_YUAN && cell->unit == UNIT_YUAN)
		v.scale += 4;			/* 元 to 万元 */
	return v;
}

/* Fill a report cell from a source cell. */
static void
set_cell(Doc *doc, GipCell *out, const GipTableDef *table, const Cell *src,
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
			out->value = convert_unit(doc, &table->columns[out->col], src);
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
static void
set_blank(GipCell *out, int line)
{
	out->state = GIP_CELL_BLANK;
	out->line = line;
}

/* The columns a layout cell covers, [lo, hi), times two. */
typedef struct Span
{
	int			lo;
	int			hi;
} Span;

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
static void
choose_columns(Doc *doc, DataRow *rows, int n)
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
static bool
align_by_position(const Doc *doc, const Cell *values, int k,
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
			set_cell(doc, cell_at(report, table->table_no, t, def->cols[c]),
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
			set_blank(cell_at(report, table->table_no, t, def->cols[c]),
					  r->first_line);
		return;
	}
	if (doc->cell_positions && centres != NULL)
	{
		int			assign[GIP_MAX_ROW_COLS];

		if (align_by_position(doc, &r->cells[first], k, centres, ncols, assign))
		{
			for (int c = 0; c < ncols; c++)
				set_blank(cell_at(report, table->table_no, t, def->cols[c]),
						  r->first_line);
			for (int v = 0; v < k; v++)
				set_cell(doc, cell_at(report, table->table_no, t, def->cols[assign[v]]),
						 table, &r->cells[first + v], first + v + 1);
			gip_note(doc, GIP_NOTE_INFO, table->table_no, r->first_line,
					 "aligned_by_position",
					 "row %s has %d of %d values; the others are read as blank from their positions",
					 def->code, k, ncols);
			return;
		}
	}
	for (int c = 0; c < k; c++)
		set_cell(doc, cell_at(report, table->table_no, t, def->cols[c]),
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

/* Find the first row in [from, to) with any of keys that is part of a table. */
static int
find_anchor(Doc *doc, int from, int to, int id, bool tabular_only)
{
	for (int i = from; i < to; i++)
	{
		Row		   *r = &doc->rows[i];
		uint32_t	len;

		if (tabular_only && !r->tabular)
		{
			/* a short line of a header still counts where tables are loose */
			if (!doc->loose_tables)
				continue;
			gip_row_key(doc, r, &len);
			if (len > 30)
				continue;
		}
		if (row_has(doc, i, id))
			return i;
	}
	return -1;
}

/* Is r a data row of some variant of table 三? */
static bool
is_t3_data_row(Doc *doc, Row *r)
{
	for (int v = 0; gip_t3_variants[v] != NULL; v++)
		if (is_data_row(doc, r, gip_t3_variants[v]))
			return true;
	return false;
}

/* Does row i have the words of the first row (本年新收) of a variant? */
static bool
has_t3_first_row(Doc *doc, int i)
{
	for (int v = 0; gip_t3_variants[v] != NULL; v++)
		if (row_has(doc, i, gip_table_keysets(gip_t3_variants[v], NULL)[0]))
			return true;
	return false;
}

/* Locate table 三: its header, or the data row of 本年新收. */
static int
find_t3_start(Doc *doc)
{
	int			anchor = find_anchor(doc, 0, doc->nrows, gip_keyset(KEYS_T3_ANCHOR), true);

	if (anchor >= 0)
	{
		/* take in the header rows and heading just above it */
		int			start = anchor;

		while (start > 0 && anchor - start < 6 &&
			   !is_t3_data_row(doc, &doc->rows[start - 1]) &&
			   (doc->rows[start - 1].tabular || row_heading(doc, start - 1) == 3 ||
				doc->loose_tables) &&
			   row_heading(doc, start - 1) != 2)
			start--;
		return start;
	}
	for (int i = 0; i < doc->nrows; i++)
		if (doc->rows[i].nfilled >= 3 && has_t3_first_row(doc, i))
			return i;
	return -1;
}

/* Report the data rows of a table that no template row took. */
static void
note_unmatched(Doc *doc, int table_no, DataRow *rows, int n)
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
static void
fill_table(Doc *doc, const GipTableDef *table, DataRow *rows, int n,
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
	note_unmatched(doc, table->table_no, rows, n);
}

/*
 * One row's values spread over two rows (Markdown cut at a page break): a
 * data row with fewer values than the table's rows have, followed (within
 * a few lines of labels and page numbers) by a row without a label whose
 * values make up the rest, is joined with it, when the joined row adds up
 * (its applicant columns sum to its total) or has a blank to add up with.  Every row of the table has the same
 * columns (table 三).  Returns false when out of memory.
 */
static bool
join_split_rows(Doc *doc, DataRow *rows, int *n, const GipTableDef *table)
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
 * (untied[j] != 0, see align_rows) and that no data row filled: ambiguous,
 * with a note naming the row.
 */
static void
mark_untied(Doc *doc, const GipTableDef *table, const int *untied)
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

/*
 * Plan table 三: align its data rows to every variant of the registry and
 * keep the best.  The rows are collected with the first variant (all share
 * their header and columns; a row with numbers is a data row in any).  A
 * tie goes to the table 三 of tmpl_hint (the template of table 二) when it
 * is among the best, else to the earliest variant of the registry.
 */
static const GipTableDef *
plan_t3(Doc *doc, Region reg, const GipTemplate *tmpl_hint, DataRow **rows_out,
		int *n_out, int **untied_out)
{
	const GipTableDef *first = gip_t3_variants[0];
	int			nvariants = 0;
	int			chosen = -1;
	int			best_score = 0;
	DataRow    *rows;
	GipKeyMask	loose;
	int			n = collect_data_rows(doc, reg, first, &rows, &loose);
	int		  **assigned;
	int		  **untied;

	if (n < 0)
		return NULL;
	if (doc->rows_split && !join_split_rows(doc, rows, &n, first))
		return NULL;
	while (gip_t3_variants[nvariants] != NULL)
		nvariants++;
	assigned = gip_alloc(doc->arena, sizeof(int *) * nvariants);
	untied = gip_alloc(doc->arena, sizeof(int *) * nvariants);
	if (assigned == NULL || untied == NULL)
		goto nomem;
	for (int v = 0; v < nvariants; v++)
	{
		const GipTableDef *variant = gip_t3_variants[v];
		int			score;

		assigned[v] = gip_alloc_raw(doc->arena, sizeof(int) * (n + 1));
		untied[v] = gip_alloc(doc->arena, sizeof(int) * (variant->nrows + 1));
		if (assigned[v] == NULL || untied[v] == NULL)
			goto nomem;
		score = align_rows(doc, rows, n, variant, assigned[v], &loose, untied[v]);
		if (chosen < 0 || score > best_score ||
			(score == best_score && tmpl_hint != NULL &&
			 variant == tmpl_hint->t3 &&
			 gip_t3_variants[chosen] != tmpl_hint->t3))
		{
			chosen = v;
			best_score = score;
		}
	}
	for (int i = 0; i < n; i++)
		rows[i].assigned = assigned[chosen][i];
	*rows_out = rows;
	*n_out = n;
	*untied_out = untied[chosen];
	return gip_t3_variants[chosen];

nomem:
	gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
	return NULL;
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
 * and hi that no row took (see tie_t2_rows)?  Returns the first of those
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
 * run's first row (see mark_untied).
 */
static void
tie_t2_rows(const GipTableDef *table, DataRow *rows, int n,
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

/*
 * Plan table 二: which template its headers belong to, and which data row
 * is which item (each matched on its own: the items are distinct words).
 * The template is the one of the registry with the most rows bearing words
 * of its table 二 header or rows only it has; a tie goes to the earliest
 * (the newest template).
 */
static const GipTemplate *
plan_t2(Doc *doc, Region reg, DataRow **rows_out, int *n_out, int **untied_out)
{
	GipKeyMask	loose;
	const GipTemplate *tmpl = NULL;
	int			best_hits = -1;
	DataRow    *rows;
	int			n;
	const int  *ids;
	int			yuan_col;

	for (int t = 0; gip_templates[t] != NULL; t++)
	{
		const GipTableDef *t2 = gip_templates[t]->t2;
		int			header_id;
		int			own_id = t2->own_keys ? gip_keyset(t2->own_keys) : -1;
		int			hits = 0;

		gip_table_keysets(t2, &header_id);
		for (int i = reg.start; i < reg.end; i++)
			if (row_has(doc, i, header_id) || row_has(doc, i, own_id))
				hits++;
		if (hits > best_hits)
		{
			tmpl = gip_templates[t];
			best_hits = hits;
		}
	}
	ids = gip_table_keysets(tmpl->t2, NULL);
	/* 采购总金额 headed in 万元 */
	yuan_col = gip_col_in_unit(tmpl->t2, GIP_UNIT_YUAN);
	for (int i = reg.start; i < reg.end && yuan_col >= 0; i++)
	{
		const char *label = tmpl->t2->columns[yuan_col].label;
		uint32_t	len;
		const char *key = gip_row_key(doc, &doc->rows[i], &len);
		const char *at = gip_memmem(key, len, label, strlen(label));

		if (at != NULL && doc->rows[i].nfilled == 0 &&
			gip_memmem(at, len - (at - key), "万元", strlen("万元")) != NULL)
			doc->procurement_wan = true;
	}
	n = collect_data_rows(doc, reg, tmpl->t2, &rows, &loose);
	if (n < 0)
		return NULL;
	for (int i = 0; i < n; i++)
	{
		int			best = -1;
		int			best_score = 0;

		for (int t = 0; t < tmpl->t2->nrows; t++)
		{
			int			score = match_score(&rows[i], ids[t], tmpl->t2->rows[t].weight);
			bool		taken = false;

			for (int k = 0; k < i; k++)
				if (rows[k].assigned == t)
					taken = true;
			if (score > best_score && !taken)
			{
				best = t;
				best_score = score;
			}
		}
		rows[i].assigned = best;
	}
	if (doc->labels_detached)
	{
		*untied_out = gip_alloc(doc->arena, sizeof(int) * (tmpl->t2->nrows + 1));
		if (*untied_out == NULL)
		{
			gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
			return NULL;
		}
		tie_t2_rows(tmpl->t2, rows, n, &loose, *untied_out);
	}
	*rows_out = rows;
	*n_out = n;
	return tmpl;
}

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
		!align_by_position(doc, &r->cells[0], k, columns, total, assign))
		return false;
	for (int c = 0; c < total; c++)
		set_blank(cell_at(doc->report, 4, c / t4->ncols, c % t4->ncols),
				  r->first_line);
	for (int v = 0; v < k; v++)
		set_cell(doc, cell_at(doc->report, 4, assign[v] / t4->ncols, assign[v] % t4->ncols),
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
static void
read_t4(Doc *doc, Region reg, const GipTableDef *t4)
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

		if (!is_data_row(doc, r, t4))
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
				set_cell(doc, cell_at(report, 4, c / t4->ncols, c % t4->ncols), t4,
						 &r->cells[first + c], first + c + 1);
			filled = total;
			last_line = r->last_line;
			break;
		}
		if (category >= 0 && r->nvalues >= t4->ncols)
		{
			int			first = r->ncells - t4->ncols;

			for (int c = 0; c < t4->ncols; c++)
				set_cell(doc, cell_at(report, 4, category, c), t4,
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
			set_cell(doc, cell_at(report, 4, filled / t4->ncols, filled % t4->ncols),
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

/*
 * Find the tables, decide the template, lay out the report's cells and fill
 * them.  Returns false on failure (doc->err set).
 */
bool
gip_extract_tables(Doc *doc)
{
	GipReport  *report = doc->report;
	int			t3_start = find_t3_start(doc);
	int			t2_start = -1;
	int			t4_start = -1;
	int			t3_end = doc->nrows;
	int			t4_end = doc->nrows;
	Region		reg2 = {0, 0};
	Region		reg3 = {0, 0};
	DataRow    *rows2 = NULL;
	DataRow    *rows3 = NULL;
	int		   *untied2 = NULL;
	int		   *untied3 = NULL;
	int			n2 = 0;
	int			n3 = 0;
	const GipTemplate *tmpl = NULL;
	const GipTableDef *t3 = NULL;
	int			search_to = t3_start >= 0 ? t3_start : doc->nrows;

	/* table 二: before table 三 */
	t2_start = find_anchor(doc, 0, search_to, gip_keyset(KEYS_T2_ANCHOR), true);
	if (t2_start >= 0)
	{
		int			end = search_to;

		/* without table 三, table 二 ends at the next heading */
		for (int i = t2_start + 1; i < end; i++)
		{
			int			part = row_heading(doc, i);

			if (part >= 3)
			{
				end = i;
				break;
			}
		}
		reg2.start = t2_start;
		reg2.end = end;
		tmpl = plan_t2(doc, reg2, &rows2, &n2, &untied2);
		if (tmpl == NULL)
			return false;
		report->has_t2 = n2 > 0;
	}

	/* table 四: after table 三 (or after table 二) */
	{
		int			from = t3_start >= 0 ? t3_start + 1 : (t2_start >= 0 ? reg2.end : 0);

		/* the earliest header of any template's table 四 */
		for (int t = 0; gip_templates[t] != NULL; t++)
		{
			const GipTableDef *def = gip_templates[t]->t4;
			bool		seen = false;
			int			header_id;
			int			at;

			for (int k = 0; k < t; k++)
				if (gip_templates[k]->t4 == def)
					seen = true;
			if (seen)
				continue;
			gip_table_keysets(def, &header_id);
			at = find_anchor(doc, from, t4_start >= 0 ? t4_start : doc->nrows,
							 header_id, true);
			if (at >= 0)
				t4_start = at;
		}
		if (t4_start < 0)
			t4_start = find_anchor(doc, from, doc->nrows, gip_keyset(KEYS_REVIEW), true);
	}

	/* table 三 ends at table 四, or at part 五/六 */
	if (t3_start >= 0)
	{
		t3_end = t4_start >= 0 ? t4_start : doc->nrows;
		for (int i = t3_start + 1; i < t3_end; i++)
		{
			int			part = row_heading(doc, i);

			if (part == 5 || part == 6)
			{
				t3_end = i;
				break;
			}
		}
		reg3.start = t3_start;
		reg3.end = t3_end;
		t3 = plan_t3(doc, reg3, tmpl, &rows3, &n3, &untied3);
		if (t3 == NULL)
			return false;
		report->has_t3 = n3 > 0;
	}

	/* without table 二, the template is the one table 三 belongs to */
	if (tmpl == NULL && t3 != NULL)
		tmpl = gip_template_of_t3(t3);
	if (tmpl == NULL)
		tmpl = gip_templates[0];
	if (t3 == NULL)
		t3 = tmpl->t3;
	report->tmpl = tmpl;
	report->t3 = t3;
	if (!gip_report_layout(report, doc->arena))
	{
		gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return false;
	}

	if (doc->cell_positions)
		choose_columns(doc, rows3, n3);
	if (n2 > 0)
		fill_table(doc, tmpl->t2, rows2, n2, reg2.start);
	if (untied2 != NULL)
		mark_untied(doc, tmpl->t2, untied2);
	if (n3 > 0)
		fill_table(doc, t3, rows3, n3, reg3.start);
	if (untied3 != NULL && t3 == report->t3)
		mark_untied(doc, t3, untied3);
	if (t4_start >= 0)
	{
		for (int i = t4_start + 1; i < doc->nrows; i++)
		{
			int			part = row_heading(doc, i);

			if (part == 5 || part == 6)
			{
				t4_end = i;
				break;
			}
		}
		read_t4(doc, (Region) {t4_start, t4_end}, tmpl->t4);
		for (int i = 0; i < report->ncells; i++)
			if (report->cells[i].table_no == 4 &&
				report->cells[i].state != GIP_CELL_MISSING)
				report->has_t4 = true;
	}
	return true;
}
