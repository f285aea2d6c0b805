/*
 * tables_datarows.c
 *		The data rows of a table: the rows of a region that carry values,
 *		each with its label context -- its own text cells and, where the
 *		label was wrapped around the values (pdftotext) or stands apart from
 *		them, the text rows around it -- and the key sets found in each.
 */
#include "tables_internal.h"

#include <string.h>

/* Most rows with values a table may have (the template has 25). */
#define GIP_MAX_DATA_ROWS	256

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
		char	   *data = gip_alloc_raw(doc->arena, cap);

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
	gip_copy_short(buf->data + buf->len, s, len);
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
bool
gip_is_data_row(Doc *doc, Row *r, const GipTableDef *table)
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
int
gip_collect_data_rows(Doc *doc, Region reg, const GipTableDef *table,
					  DataRow **out, GipKeyMask *loose_mask)
{
	TextBuf		loose_key = {0};
	TextBuf		loose_raw = {0};

	/* each row taken is zeroed when it is filled in: only [0, n) is read */
	DataRow    *rows = gip_alloc_raw(doc->arena, sizeof(DataRow) * (reg.end - reg.start + 1));
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
		if (!gip_is_data_row(doc, r, table) &&
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
