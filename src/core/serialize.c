/*
 * serialize.c
 *		The binary form of a report's tables, row sources and notes, carried
 *		in the `tables` field of the gip_report composite type.
 *
 * Layout (all integers little-endian):
 *	"GIP1", version u8, template name (u8 length + bytes), table-三 variant
 *	(u8 length + bytes), flags u8 (has tables 二/三/四), ncells u32,
 *	nrows u32, nnotes u32, pool length u32, then the cells, row sources and
 *	notes as fixed-size records, the source lines of the report's facts
 *	(agency, year, period, signature, parts 一 五 六: 8 × u32), the source
 *	line of each line of part 一 (u32 count + u32 each), then the string
 *	pool.
 * Decoding checks every length, index and span, so corrupt bytes give an
 * error, never a wrong read.
 */
#include "gip_core.h"

#include <string.h>

#define GIP_MAGIC		"GIP1"
#define GIP_VERSION		1
#define CELL_SIZE		36
#define ROW_SIZE		14
#define NOTE_SIZE		22
#define META_LINES		8

/* Writing cursor. */
typedef struct Writer
{
	uint8_t    *p;
} Writer;

/*
 * Write an unsigned little-endian integer of n bytes (1, 2, 4 or 8); on a
 * little-endian machine, one store.
 */
static inline void
put(Writer *w, uint64_t v, int n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	switch (n)
	{
		case 1:
			*w->p = (uint8_t) v;
			break;
		case 2:
			{
				uint16_t	v16 = (uint16_t) v;

				memcpy(w->p, &v16, 2);
				break;
			}
		case 4:
			{
				uint32_t	v32 = (uint32_t) v;

				memcpy(w->p, &v32, 4);
				break;
			}
		default:
			memcpy(w->p, &v, 8);
			break;
	}
	w->p += n;
#else
	for (int i = 0; i < n; i++)
		*w->p++ = (uint8_t) (v >> (8 * i));
#endif
}

/* Write a short string with a one-byte length. */
static void
put_str(Writer *w, const char *s)
{
	size_t		len = strlen(s);

	put(w, len, 1);
	memcpy(w->p, s, len);
	w->p += len;
}

/* The bytes gip_serialize_into() writes for a report. */
size_t
gip_serialized_size(const GipReport *report)
{
	return 4 + 1 + 1 + strlen(report->tmpl->name) + 1 +
		strlen(report->t3->variant) + 1 + 16 +
		(size_t) report->ncells * CELL_SIZE + (size_t) report->nrows * ROW_SIZE +
		(size_t) report->nnotes * NOTE_SIZE + 4 * META_LINES + 4 +
		(size_t) report->overview_nlines * 4 + report->pool_len;
}

/* Serialise the report into a new buffer of the arena; NULL when out of memory. */
uint8_t *
gip_serialize(const GipReport *report, GipArena *arena, size_t *len_out)
{
	/* every byte up to *len_out is written: no need to zero it */
	uint8_t    *buf = gip_alloc_raw(arena, gip_serialized_size(report));

	if (buf == NULL)
		return NULL;
	*len_out = gip_serialize_into(report, buf);
	return buf;
}

/*
 * Serialise the report's tables, row sources and notes into buf, which
 * holds gip_serialized_size(report) bytes (the caller's: PostgreSQL writes
 * them straight into the bytea it returns); returns the bytes written.
 */
size_t
gip_serialize_into(const GipReport *report, uint8_t *buf)
{
	Writer		w;

	w.p = buf;
	memcpy(w.p, GIP_MAGIC, 4);
	w.p += 4;
	put(&w, GIP_VERSION, 1);
	put_str(&w, report->tmpl->name);
	put_str(&w, report->t3->variant);
	put(&w, (report->has_t2 ? 1 : 0) | (report->has_t3 ? 2 : 0) |
		(report->has_t4 ? 4 : 0) | ((unsigned) report->form << 4), 1);
	put(&w, report->ncells, 4);
	put(&w, report->nrows, 4);
	put(&w, report->nnotes, 4);
	put(&w, report->pool_len, 4);
	for (int i = 0; i < report->ncells; i++)
	{
		const GipCell *c = &report->cells[i];

		put(&w, c->table_no, 1);
		put(&w, c->row, 1);
		put(&w, c->col, 1);
		put(&w, c->state, 1);
		put(&w, (uint32_t) c->line, 4);
		put(&w, (uint32_t) c->pos, 4);
		put(&w, c->src_table, 2);
		put(&w, c->src_row, 2);
		put(&w, (uint64_t) c->value.mant, 8);
		put(&w, (uint32_t) c->value.scale, 4);
		put(&w, c->raw.off, 4);
		put(&w, c->raw.len, 4);
	}
	for (int i = 0; i < report->nrows; i++)
	{
		const GipRowSource *r = &report->rows[i];

		put(&w, r->table_no, 1);
		put(&w, r->row, 1);
		put(&w, (uint32_t) r->line, 4);
		put(&w, r->label.off, 4);
		put(&w, r->label.len, 4);
	}
	for (int i = 0; i < report->nnotes; i++)
	{
		const GipNote *n = &report->notes[i];

		put(&w, n->kind, 1);
		put(&w, n->table_no, 1);
		put(&w, (uint32_t) n->line, 4);
		put(&w, n->code.off, 4);
		put(&w, n->code.len, 4);
		put(&w, n->text.off, 4);
		put(&w, n->text.len, 4);
	}
	put(&w, (uint32_t) report->agency_line, 4);
	put(&w, (uint32_t) report->year_line, 4);
	put(&w, (uint32_t) report->period_start.line, 4);
	put(&w, (uint32_t) report->period_end.line, 4);
	put(&w, (uint32_t) report->published.line, 4);
	put(&w, (uint32_t) report->overview_line, 4);
	put(&w, (uint32_t) report->problems_line, 4);
	put(&w, (uint32_t) report->other_matters_line, 4);
	put(&w, (uint32_t) report->overview_nlines, 4);
	for (int i = 0; i < report->overview_nlines; i++)
		put(&w, (uint32_t) report->overview_lines[i], 4);
	memcpy(w.p, report->pool, report->pool_len);
	w.p += report->pool_len;
	return (size_t) (w.p - buf);
}

/* Reading cursor with bounds. */
typedef struct Reader
{
	const uint8_t *p;
	const uint8_t *end;
	bool		bad;
} Reader;

/* Read an unsigned little-endian integer of n bytes. */
static uint64_t
get(Reader *r, int n)
{
	uint64_t	v = 0;

	if (r->end - r->p < n)
	{
		r->bad = true;
		return 0;
	}
	for (int i = 0; i < n; i++)
		v |= (uint64_t) r->p[i] << (8 * i);
	r->p += n;
	return v;
}

/* Read a short string into buf (at least 256 bytes). */
static void
get_str(Reader *r, char *buf)
{
	size_t		len = get(r, 1);

	if (r->bad || (size_t) (r->end - r->p) < len)
	{
		r->bad = true;
		buf[0] = '\0';
		return;
	}
	memcpy(buf, r->p, len);
	buf[len] = '\0';
	r->p += len;
}

/* Is span inside a pool of pool_len bytes? */
static bool
span_ok(GipSpan span, uint32_t pool_len)
{
	return span.off <= pool_len && span.len <= pool_len - span.off;
}

/* Decode a serialised report (tables, row sources, notes). */
GipReport *
gip_deserialize(const uint8_t *data, size_t len, GipArena *arena, GipError *err)
{
	Reader		r = {data, data + len, false};
	GipReport  *report = gip_alloc(arena, sizeof(GipReport));
	char		tmpl_name[256];
	char		variant[256];
	unsigned	flags;
	uint32_t	ncells,
				nrows,
				nnotes,
				pool_len;

	if (report == NULL)
	{
		gip_error_set(err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return NULL;
	}
	if (len < 5 || memcmp(data, GIP_MAGIC, 4) != 0 || data[4] != GIP_VERSION)
		goto corrupt;
	r.p += 5;
	get_str(&r, tmpl_name);
	get_str(&r, variant);
	flags = (unsigned) get(&r, 1);
	ncells = (uint32_t) get(&r, 4);
	nrows = (uint32_t) get(&r, 4);
	nnotes = (uint32_t) get(&r, 4);
	pool_len = (uint32_t) get(&r, 4);
	if (r.bad)
		goto corrupt;
	report->tmpl = gip_template_by_name(tmpl_name);
	report->t3 = gip_t3_by_variant(variant);
	if (report->tmpl == NULL || report->t3 == NULL)
		goto corrupt;
	report->has_t2 = (flags & 1) != 0;
	report->has_t3 = (flags & 2) != 0;
	report->has_t4 = (flags & 4) != 0;
	report->form = (GipForm) ((flags >> 4) & 7);
	if (report->form > GIP_FORM_LAST)
		goto corrupt;
	if (!gip_report_layout(report, arena))
	{
		gip_error_set(err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return NULL;
	}
	if ((int) ncells != report->ncells || (int) nrows != report->nrows ||
		nnotes > 100000 ||
		(size_t) (r.end - r.p) < (size_t) ncells * CELL_SIZE +
		(size_t) nrows * ROW_SIZE + (size_t) nnotes * NOTE_SIZE +
		4 * META_LINES + 4 + pool_len)
		goto corrupt;
	for (uint32_t i = 0; i < ncells; i++)
	{
		GipCell    *c = &report->cells[i];

		if (get(&r, 1) != c->table_no || get(&r, 1) != c->row ||
			get(&r, 1) != c->col)
			goto corrupt;
		c->state = (uint8_t) get(&r, 1);
		c->line = (int32_t) get(&r, 4);
		c->pos = (int32_t) get(&r, 4);
		c->src_table = (uint16_t) get(&r, 2);
		c->src_row = (uint16_t) get(&r, 2);
		c->value.mant = (int64_t) get(&r, 8);
		c->value.scale = (int32_t) get(&r, 4);
		c->raw.off = (uint32_t) get(&r, 4);
		c->raw.len = (uint32_t) get(&r, 4);
		if (c->state > GIP_CELL_AMBIGUOUS || c->value.scale < 0 ||
			c->value.scale > 18 || !span_ok(c->raw, pool_len))
			goto corrupt;
	}
	for (uint32_t i = 0; i < nrows; i++)
	{
		GipRowSource *row = &report->rows[i];

		if (get(&r, 1) != row->table_no || get(&r, 1) != row->row)
			goto corrupt;
		row->line = (int32_t) get(&r, 4);
		row->label.off = (uint32_t) get(&r, 4);
		row->label.len = (uint32_t) get(&r, 4);
		if (!span_ok(row->label, pool_len))
			goto corrupt;
	}
	report->notes = gip_alloc(arena, sizeof(GipNote) * (nnotes + 1));
	if (report->notes == NULL)
	{
		gip_error_set(err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return NULL;
	}
	for (uint32_t i = 0; i < nnotes; i++)
	{
		GipNote    *n = &report->notes[i];

		n->kind = (uint8_t) get(&r, 1);
		n->table_no = (uint8_t) get(&r, 1);
		n->line = (int32_t) get(&r, 4);
		n->code.off = (uint32_t) get(&r, 4);
		n->code.len = (uint32_t) get(&r, 4);
		n->text.off = (uint32_t) get(&r, 4);
		n->text.len = (uint32_t) get(&r, 4);
		if (!span_ok(n->code, pool_len) || !span_ok(n->text, pool_len))
			goto corrupt;
	}
	report->nnotes = (int) nnotes;
	report->agency_line = (int) get(&r, 4);
	report->year_line = (int) get(&r, 4);
	report->period_start.line = (int) get(&r, 4);
	report->period_end.line = (int) get(&r, 4);
	report->published.line = (int) get(&r, 4);
	report->overview_line = (int) get(&r, 4);
	report->problems_line = (int) get(&r, 4);
	report->other_matters_line = (int) get(&r, 4);
	report->overview_nlines = (int) get(&r, 4);
	if (r.bad || report->overview_nlines < 0 ||
		(size_t) (r.end - r.p) != (size_t) report->overview_nlines * 4 + pool_len)
		goto corrupt;
	report->overview_lines = gip_alloc_raw(arena, sizeof(int32_t) * (report->overview_nlines + 1));
	if (report->overview_lines == NULL)
	{
		gip_error_set(err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return NULL;
	}
	for (int i = 0; i < report->overview_nlines; i++)
		report->overview_lines[i] = (int32_t) get(&r, 4);
	if (r.bad)
		goto corrupt;
	report->pool = gip_alloc(arena, pool_len + 1);
	if (report->pool == NULL)
	{
		gip_error_set(err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return NULL;
	}
	memcpy(report->pool, r.p, pool_len);
	report->pool_len = pool_len;
	return report;

corrupt:
	gip_error_set(err, GIP_ERR_CORRUPT, 0,
				  "gip_report tables value is corrupt",
				  "The binary tables field does not decode; it was not made by gip_parse of this version.");
	return NULL;
}
