/*
 * rows.c
 *		Turning the input text into rows of cells.
 *
 * Three text forms are read (doc/FORMAT.md, "Input forms"):
 *	- cells: text extracted from DOCX, one table cell per tab-led line, table
 *	  rows separated by blank lines, a cell continuing on the next line
 *	  without a tab;
 *	- tsv: text copied from a browser, one table row per line, tab-separated;
 *	- layout: pdftotext -layout, one row per line, cells separated by runs
 *	  of spaces.
 * The form is judged once from the whole text.  Every other line is a row of
 * one narrative cell.  [bookmark: …] markers are dropped and page footers
 * (3 / 4, -3-, 第3页) skipped.  One pass over the text.
 */
#include "gip_internal.h"

#include <string.h>

#include <unicode/uchar.h>

/* State of the row builder that lives only in the text reader. */
typedef struct Builder
{
	Doc		   *doc;
	bool		open;			/* a table row is being built (cells form) */
} Builder;

/* Is cp an inline space (ASCII space or tab, U+3000, U+00A0...)? */
static inline bool
is_blank_cp(uint32_t cp)
{
	return cp != '\n' && gip_is_space_cp(cp);
}

/* Is byte c ASCII inline white space (a space, tab, CR, FF or VT)? */
static inline bool
is_ascii_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Are the eight bytes at p ASCII spaces (the caller knows there are eight)? */
static inline bool
eight_spaces(const unsigned char *p)
{
	uint64_t	word;

	memcpy(&word, p, 8);
	return word == 0x2020202020202020ULL;
}

/*
 * The number of ASCII spaces that [p, end) starts with: eight bytes at a
 * time, the first other byte of a word found by counting its trailing zero
 * bits (layout text is mostly runs of spaces).
 */
static inline size_t
space_run(const unsigned char *p, const unsigned char *end)
{
	size_t		n = 0;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (end - p - n >= 8)
	{
		uint64_t	word;

		memcpy(&word, p + n, 8);
		word ^= 0x2020202020202020ULL;
		if (word != 0)
			return n + (__builtin_ctzll(word) >> 3);
		n += 8;
	}
#endif
	while (p + n < end && p[n] == ' ')
		n++;
	return n;
}

/* Trim white space of any kind from both ends of [*s, *s + *len). */
static void
trim_slow(const char **s, size_t *len)
{
	const unsigned char *p = (const unsigned char *) *s;
	const unsigned char *end = p + *len;

	/* runs of ASCII spaces (the margins of layout text) */
	p += space_run(p, end);
	if (end - p >= 8 && end[-1] == ' ' && end[-2] == ' ')
		while (end - p >= 8 && eight_spaces(end - 8))
			end -= 8;
	while (p < end)
	{
		uint32_t	cp;
		int			n;

		if (*p < 0x80)
		{
			/* ASCII: no decoding needed */
			if (!is_ascii_blank(*p))
				break;
			p++;
			continue;
		}
		if (*p >= 0xE4 && *p <= 0xE9)
			break;				/* U+4000..U+9FFF (CJK): never white space */
		n = gip_utf8_next(p, end - p, &cp);
		if (!is_blank_cp(cp))
			break;
		p += n;
	}
	while (end > p)
	{
		const unsigned char *q = end - 1;
		uint32_t	cp;

		if (*q < 0x80)
		{
			if (!is_ascii_blank(*q))
				break;
			end = q;
			continue;
		}
		while (q > p && (*q & 0xC0) == 0x80)
			q--;
		if (*q >= 0xE4 && *q <= 0xE9)
			break;				/* CJK: never white space */
		gip_utf8_next(q, end - q, &cp);
		if (!is_blank_cp(cp))
			break;
		end = q;
	}
	*s = (const char *) p;
	*len = end - p;
}

/*
 * Trim white space of any kind from both ends of [*s, *s + *len); most
 * cells have none (printable ASCII or CJK at both ends) and cost two tests.
 */
static inline void
trim(const char **s, size_t *len)
{
	const unsigned char *p = (const unsigned char *) *s;
	const unsigned char *end = p + *len;

	if (p < end)
	{
		unsigned char first = p[0];
		unsigned char last = end[-1];

		if ((first < 0x80 ? first > ' ' : (first >= 0xE4 && first <= 0xE9)) &&
			(last < 0x80 ? last > ' ' :
			 (end - p >= 3 && (last & 0xC0) == 0x80 && (end[-2] & 0xC0) == 0x80 &&
			  end[-3] >= 0xE4 && end[-3] <= 0xE9)))
			return;
		trim_slow(s, len);
	}
}

/* Append a cell with raw text [s, s + len) to the row being built. */
bool
gip_rows_cell(Doc *doc, const char *s, size_t len, int line, int col,
			  int width)
{
	Cell	   *cell;

	if (doc->cur_n == doc->cur_cap)
	{
		int			cap = doc->cur_cap ? doc->cur_cap * 2 : 16;
		Cell	   *cells = gip_alloc_raw(doc->arena, sizeof(Cell) * cap);

		if (cells == NULL)
		{
			gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
			return false;
		}
		if (doc->cur_n > 0)
			memcpy(cells, doc->cur_cells, sizeof(Cell) * doc->cur_n);
		doc->cur_cells = cells;
		doc->cur_cap = cap;
	}
	trim(&s, &len);
	cell = &doc->cur_cells[doc->cur_n++];
	memset(cell, 0, sizeof(*cell));
	cell->raw = s;
	cell->raw_len = (uint32_t) len;
	cell->line = line;
	cell->col = col;
	cell->width = width;
	if (doc->cur_first_line == 0)
		doc->cur_first_line = line;
	doc->cur_last_line = line;
	return true;
}

/* Fold and classify every cell of the row being built, and emit the row. */
bool
gip_rows_end(Doc *doc, bool tabular)
{
	Row		   *row;

	if (doc->cur_n == 0)
	{
		doc->cur_first_line = 0;
		return true;
	}
	if (doc->nrows == doc->rows_cap)
	{
		int			cap = doc->rows_cap ? doc->rows_cap * 2 : 256;
		Row		   *rows = gip_alloc_raw(doc->arena, sizeof(Row) * cap);

		if (rows == NULL)
		{
			gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
			return false;
		}
		if (doc->nrows > 0)
			memcpy(rows, doc->rows, sizeof(Row) * doc->nrows);
		doc->rows = rows;
		doc->rows_cap = cap;
	}
	row = &doc->rows[doc->nrows++];
	memset(row, 0, sizeof(*row));
	row->cells = gip_alloc_raw(doc->arena, sizeof(Cell) * doc->cur_n);
	if (row->cells == NULL)
	{
		gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return false;
	}
	memcpy(row->cells, doc->cur_cells, sizeof(Cell) * doc->cur_n);
	row->ncells = doc->cur_n;
	row->first_line = doc->cur_first_line;
	row->last_line = doc->cur_last_line;
	row->tabular = tabular;
	row->last_text = -1;
	/*
	 * A narrative line of text forms is folded only when something looks at
	 * it (most are never read as more than raw text); table rows, and every
	 * line where table rows are not told from other lines (layout text: any
	 * line may carry values), are folded now.
	 */
	row->ready = false;
	if ((tabular || doc->rows_unmarked) && !gip_row_ready(doc, row))
		return false;
	doc->cur_n = 0;
	doc->cur_first_line = 0;
	return true;
}

/*
 * Fold and classify the cells of a row, once.  Returns false (doc->err set)
 * when ICU fails or memory runs out; the row then reads as empty text.
 */
bool
gip_row_ready(Doc *doc, Row *row)
{
	bool		seen_value = false;

	if (row->ready)
		return true;
	row->ready = true;
	row->last_text = -1;
	for (int i = 0; i < row->ncells; i++)
	{
		Cell	   *cell = &row->cells[i];
		uint32_t	ndigits = 0;
		int64_t		mant = 0;

		/*
		 * A cell of ASCII digits only (most table cells) folds to itself
		 * and is a count: its key is its raw text (keys are read by their
		 * length) and gip_classify() is not needed.
		 */
		while (ndigits < cell->raw_len && ndigits < 18 &&
			   cell->raw[ndigits] >= '0' && cell->raw[ndigits] <= '9')
			mant = mant * 10 + (cell->raw[ndigits++] - '0');
		if (ndigits > 0 && ndigits == cell->raw_len)
		{
			cell->key = cell->raw;
			cell->key_len = ndigits;
			cell->unit = UNIT_NONE;
			cell->kind = CK_NUMBER;
			cell->value.mant = mant;
			cell->value.scale = 0;
			seen_value = true;
			continue;
		}
		cell->key = gip_fold_view(doc, cell->raw, cell->raw_len, &cell->key_len);
		if (cell->key == NULL)
		{
			for (int k = i; k < row->ncells; k++)
			{
				row->cells[k].key = "";
				row->cells[k].key_len = 0;
				row->cells[k].kind = CK_BLANK;
			}
			return false;
		}
		gip_classify(cell);

		/*
		 * The label is the text before the first value: in a table row, a
		 * word after a number is a cell that holds no number ("1-2"), not
		 * more label.
		 */
		if (cell->kind == CK_TEXT && (!row->tabular || !seen_value))
			row->last_text = i;
		if (cell->kind == CK_NUMBER || cell->kind == CK_PLACEHOLDER)
			seen_value = true;
	}
	row->nvalues = row->ncells - row->last_text - 1;
	for (int i = row->last_text + 1; i < row->ncells; i++)
		if (row->cells[i].kind == CK_NUMBER ||
			row->cells[i].kind == CK_PLACEHOLDER)
			row->nfilled++;
	return true;
}

/*
 * Numbers glued to the label ("申请数量713000074", from text that lost its
 * cell separators): when the row's last cell is text that ends in ASCII
 * digits right after a non-ASCII character, cut the digits (with any '.'
 * or ',' among them) into a cell of their own.  Returns whether it did.
 */
bool
gip_row_split_tail(Doc *doc, Row *row)
{
	Cell	   *last;
	Cell	   *cells;
	size_t		tail = 0;
	const char *raw;

	if (!gip_row_ready(doc, row) || row->ncells == 0 ||
		row->last_text != row->ncells - 1)
		return false;
	last = &row->cells[row->ncells - 1];
	raw = last->raw;
	while (tail < last->raw_len &&
		   ((raw[last->raw_len - 1 - tail] >= '0' && raw[last->raw_len - 1 - tail] <= '9') ||
			raw[last->raw_len - 1 - tail] == '.' || raw[last->raw_len - 1 - tail] == ','))
		tail++;
	/* the tail starts with a digit and follows a non-ASCII character */
	while (tail > 0 && (raw[last->raw_len - tail] < '0' || raw[last->raw_len - tail] > '9'))
		tail--;
	if (tail == 0 || tail == last->raw_len ||
		(unsigned char) raw[last->raw_len - tail - 1] < 0x80)
		return false;
	cells = gip_alloc_raw(doc->arena, sizeof(Cell) * (row->ncells + 1));
	if (cells == NULL)
		return false;
	memcpy(cells, row->cells, sizeof(Cell) * row->ncells);
	cells[row->ncells] = cells[row->ncells - 1];
	cells[row->ncells - 1].raw_len -= (uint32_t) tail;
	cells[row->ncells].raw = raw + last->raw_len - tail;
	cells[row->ncells].raw_len = (uint32_t) tail;
	row->cells = cells;
	row->ncells++;
	/* classify again, and forget the old text of the row */
	row->ready = false;
	row->nfilled = 0;
	row->key = NULL;
	row->has_mask = false;
	return gip_row_ready(doc, row);
}

/* Close the text reader's row. */
static bool
close_row(Builder *b, bool tabular)
{
	b->open = false;
	return gip_rows_end(b->doc, tabular);
}

/* Add a cell to the text reader's row. */
static bool
add_cell(Builder *b, const char *s, size_t len, int line, int col, int width)
{
	return gip_rows_cell(b->doc, s, len, line, col, width);
}

/* The folded text of a whole row (its cells' keys joined). */
const char *
gip_row_key(Doc *doc, Row *row, uint32_t *len)
{
	if (row->key == NULL)
	{
		uint32_t	total = 0;
		char	   *key;

		gip_row_ready(doc, row);
		if (row->ncells == 1)
		{
			/* one cell (most lines): its key is the row's */
			row->key = row->cells[0].key;
			row->key_len = row->cells[0].key_len;
			*len = row->key_len;
			return row->key;
		}
		for (int i = 0; i < row->ncells; i++)
			total += row->cells[i].key_len;
		key = gip_alloc_raw(doc->arena, total + 1);
		if (key == NULL)
		{
			*len = 0;
			return "";
		}
		total = 0;
		for (int i = 0; i < row->ncells; i++)
		{
			gip_copy_short(key + total, row->cells[i].key, row->cells[i].key_len);
			total += row->cells[i].key_len;
		}
		key[total] = '\0';
		row->key = key;
		row->key_len = total;
	}
	*len = row->key_len;
	return row->key;
}

/* The key sets whose words occur in a row. */
GipKeyMask
gip_row_mask(Doc *doc, Row *row)
{
	if (!row->has_mask)
	{
		uint32_t	len;
		const char *key = gip_row_key(doc, row, &len);

		row->mask = gip_keys_scan(key, len);
		row->has_mask = true;
	}
	return row->mask;
}

/*
 * Remove [bookmark: …] markers from a line; returns the cleaned line (a copy
 * only when there was a marker).
 */
static const char *
drop_bookmarks(Doc *doc, const char *s, size_t *len)
{
	static const char marker[] = "[bookmark:";
	const char *hit = gip_memmem(s, *len, marker, sizeof(marker) - 1);
	char	   *copy;
	size_t		out = 0;
	size_t		i = 0;

	if (hit == NULL)
		return s;
	copy = gip_alloc(doc->arena, *len + 1);
	if (copy == NULL)
		return s;
	while (i < *len)
	{
		const char *m = gip_memmem(s + i, *len - i, marker, sizeof(marker) - 1);
		const char *close;

		if (m == NULL)
		{
			memcpy(copy + out, s + i, *len - i);
			out += *len - i;
			break;
		}
		memcpy(copy + out, s + i, m - (s + i));
		out += m - (s + i);
		close = memchr(m, ']', *len - (m - s));
		if (close == NULL)
		{
			/* no end: keep the rest as it is */
			memcpy(copy + out, m, *len - (m - s));
			out += *len - (m - s);
			break;
		}
		i = close + 1 - s;
	}
	*len = out;
	return copy;
}

/* Skip ASCII digits in s from *i; returns how many. */
static int
skip_digits(const char *s, size_t len, size_t *i)
{
	int			n = 0;

	while (*i < len && s[*i] >= '0' && s[*i] <= '9')
	{
		(*i)++;
		n++;
	}
	return n;
}

/* Does the folded key match word at *i?  Advances *i if so. */
static bool
skip_word(const char *s, size_t len, size_t *i, const char *word)
{
	size_t		wlen = strlen(word);

	if (*i + wlen <= len && memcmp(s + *i, word, wlen) == 0)
	{
		*i += wlen;
		return true;
	}
	return false;
}

/* Skip one dash of any kind. */
static bool
skip_dash(const char *s, size_t len, size_t *i)
{
	return skip_word(s, len, i, "-") || skip_word(s, len, i, "—") ||
		skip_word(s, len, i, "–") || skip_word(s, len, i, "―");
}

/*
 * Is this folded line a page footer or header: "3/4", "-3-", "— 3 —",
 * "第3页", "第3页共5页", "共5页第3页"?
 */
bool
gip_is_page_marker(const char *s, size_t len)
{
	size_t		i = 0;

	if (len == 0)
		return false;
	/* N/M, page numbers of a few digits */
	if (skip_digits(s, len, &i) > 0)
	{
		size_t		first = i;

		if (first <= 4 && i < len && s[i] == '/')
		{
			size_t		second;

			i++;
			second = i;
			if (skip_digits(s, len, &i) > 0 && i - second <= 4 && i == len)
				return true;
		}
		return false;
	}
	/* -N- */
	i = 0;
	if (skip_dash(s, len, &i))
	{
		while (skip_dash(s, len, &i))
			;
		if (skip_digits(s, len, &i) > 0 && skip_dash(s, len, &i))
		{
			while (skip_dash(s, len, &i))
				;
			return i == len;
		}
		return false;
	}
	/* 第N页(共M页) and 共M页第N页 */
	i = 0;
	if (skip_word(s, len, &i, "共"))
	{
		if (!(skip_digits(s, len, &i) > 0 && skip_word(s, len, &i, "页")))
			return false;
	}
	if (skip_word(s, len, &i, "第") && skip_digits(s, len, &i) > 0 &&
		skip_word(s, len, &i, "页"))
	{
		if (i < len && skip_word(s, len, &i, "共"))
			return skip_digits(s, len, &i) > 0 &&
				skip_word(s, len, &i, "页") && i == len;
		return i == len;
	}
	return false;
}

/*
 * Could the short line s be a page footer: no tab, and a slash, a dash
 * (ASCII, or any of U+2000..U+2FFF and U+F000..U+FFFF: —, －, ／) or 页
 * somewhere?  One pass over its bytes.
 */
static bool
may_be_page_marker(const char *s, size_t len)
{
	/* by byte: 1 a tab, 2 a mark, 3 the lead byte of 页 (E9 A1 B5) */
	static const uint8_t byte_class[256] = {
		['\t'] = 1, ['/'] = 2, ['-'] = 2, [0xE2] = 2, [0xEF] = 2, [0xE9] = 3
	};
	bool		mark = false;

	for (size_t i = 0; i < len; i++)
	{
		uint8_t		class = byte_class[(unsigned char) s[i]];

		if (class == 0)
			continue;
		if (class == 1)
			return false;
		if (class == 2 ||
			(i + 2 < len && (unsigned char) s[i + 1] == 0xA1 &&
			 (unsigned char) s[i + 2] == 0xB5))
			mark = true;
	}
	return mark;
}

/*
 * Is this line a heading of a part, so not the continuation of the cell
 * above it?
 */
static bool
looks_like_heading(Doc *doc, const char *s, size_t len)
{
	uint32_t	key_len;
	const char *key;
	GipKeyMask	mask;
	bool		has_mask = false;

	if (len > GIP_HEADING_MAX)
		return false;
	key = gip_fold(doc, s, len, &key_len);
	return key != NULL &&
		gip_heading_part(key, key_len, &mask, &has_mask) > 0;
}

/* Judge the form of the text from the tabs of its lines. */
static GipForm
detect_form(const GipLines *lines)
{
	int			cell_lines = 0;
	int			tsv_lines = 0;

	for (int i = 0; i < lines->n; i++)
	{
		uint8_t		tabs = lines->tabs[i];

		if (tabs & GIP_LINE_TAB)
		{
			if ((tabs & (GIP_LINE_TAB_FIRST | GIP_LINE_TABS)) == GIP_LINE_TAB_FIRST)
				cell_lines++;
			else
				tsv_lines++;
		}
	}
	if (cell_lines >= 10 && cell_lines >= tsv_lines)
		return GIP_FORM_CELLS;
	if (tsv_lines >= 5)
		return GIP_FORM_TSV;
	return GIP_FORM_LAYOUT;
}

/* Is the folded text a unit that belongs to the number before it? */
static bool
is_unit_token(const char *s, size_t len)
{
#define UNIT(w) {w, sizeof(w) - 1}
	static const struct
	{
		const char *word;
		size_t		len;
	}			units[] = {
		UNIT("元"), UNIT("万元"), UNIT("件"), UNIT("条"), UNIT("个"), UNIT("项"),
		UNIT("萬元"), UNIT("條"), UNIT("個"), UNIT("項"),	/* as Traditional text
															 * writes them */
	};
#undef UNIT

	if (len != 3 && len != 6)
		return false;			/* every unit is one or two CJK characters */
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (units[i].len == len && memcmp(units[i].word, s, len) == 0)
			return true;
	return false;
}

/* Is the raw token a placeholder cell (dashes, slashes, 无 or 無)? */
static bool
is_placeholder_token(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *) s;
	const unsigned char *end = p + len;

	if (len == 0)
		return false;
	while (p < end)
	{
		uint32_t	cp;
		int			n = gip_utf8_next(p, end - p, &cp);

		if (!(cp == '-' || cp == '/' || cp == 0xFF0F || cp == 0xFF0D ||
			  cp == 0x2014 || cp == 0x2013 || cp == 0x2015 || cp == 0x65E0 ||
			  cp == 0x7121 || cp == 0x2215 || cp == 0x2044 || cp == 0x2212))
			return false;
		p += n;
	}
	return true;
}

/* Does raw token text look like a number (first byte a digit or sign)? */
static bool
token_is_numeric(const char *s, size_t len)
{
	size_t		i = 0;

	if (len > 0 && (s[0] == '-' || s[0] == '+'))
		i++;
	if (i < len && s[i] >= '0' && s[i] <= '9')
	{
		for (; i < len; i++)
			if (!((s[i] >= '0' && s[i] <= '9') || s[i] == ',' || s[i] == '.'))
				return is_unit_token(s + i, len - i);	/* 12件, not 3.其他 */
		return true;
	}
	/* full-width digits (EF BC 90..99), after a sign too */
	if (len >= i + 3 && (unsigned char) s[i] == 0xEF &&
		(unsigned char) s[i + 1] == 0xBC &&
		(unsigned char) s[i + 2] >= 0x90 && (unsigned char) s[i + 2] <= 0x99)
		return true;
	/* a placeholder stands for a value too: /, —, -, 无 */
	return is_placeholder_token(s, len);
}

/*
 * Columns a code point takes on a terminal-like grid: two for East Asian
 * wide and full-width characters (ICU's East_Asian_Width), else one.
 */
static inline int
display_width(uint32_t cp)
{
	int			ea;

	if (cp < 0x1100)
		return 1;
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x303F) ||
		(cp >= 0xFF01 && cp <= 0xFF60))
		return 2;
	ea = u_getIntPropertyValue((UChar32) cp, UCHAR_EAST_ASIAN_WIDTH);
	return (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
}

/* Add a layout cell with both its code point and display columns. */
static bool
add_layout_cell(Builder *b, const char *s, size_t len, int line, int col,
				int width, int dcol, int dwidth)
{
	Cell	   *cell;

	if (!add_cell(b, s, len, line, col, width))
		return false;
	cell = &b->doc->cur_cells[b->doc->cur_n - 1];
	cell->dcol = dcol;
	cell->dwidth = dwidth;
	return true;
}

/*
 * Pass over the white space at p (before end): returns where it ends, and
 * adds the code points and the display columns it takes to *cps and *dcols.
 * ASCII spaces, most of a layout line, take one of each.
 */
static inline const unsigned char *
skip_blanks(const unsigned char *p, const unsigned char *end, int *cps,
			int *dcols)
{
	while (p < end)
	{
		uint32_t	cp;
		int			n;

		if (*p == ' ')
		{
			size_t		spaces = space_run(p, end);

			p += spaces;
			*cps += (int) spaces;
			*dcols += (int) spaces;
			continue;
		}
		if (is_ascii_blank(*p))
		{
			p++;
			(*cps)++;
			(*dcols)++;
			continue;
		}
		n = gip_utf8_next(p, end - p, &cp);
		if (!is_blank_cp(cp))
			break;
		p += n;
		(*cps)++;
		*dcols += display_width(cp);
	}
	return p;
}

/*
 * Split a pdftotext -layout line into cells: runs of two or more spaces
 * separate cells; a single space separates numbers from each other and from
 * words, but joins words; a unit after a number joins the number.
 * Returns whether the line has a wide gap (so belongs to a table).
 */
static bool
split_layout(Builder *b, const char *s, size_t len, int line, bool *wide)
{
	const unsigned char *p = (const unsigned char *) s;
	const unsigned char *end = p + len;
	int			col = 0;
	int			dcol = 0;		/* display column: CJK counts two */
	/* the pending token */
	const char *tok = NULL;
	size_t		tok_len = 0;
	int			tok_col = 0;
	int			tok_width = 0;
	int			tok_dcol = 0;
	int			tok_dwidth = 0;
	bool		tok_numeric = false;

	*wide = false;
	/* the margin; then each word leaves p past the gap after it */
	p = skip_blanks(p, end, &col, &dcol);
	while (p < end)
	{
		uint32_t	cp;
		int			n;
		int			gap = 0;
		int			gap_dcols = 0;
		const unsigned char *gap_end;
		const unsigned char *w;
		int			wcol;
		int			wdcol;

		/* a word: up to the next space */
		w = p;
		wcol = col;
		wdcol = dcol;
		while (p < end)
		{
			if (*p < 0x80)
			{
				if (is_ascii_blank(*p))
					break;
				p++;
				col++;
				dcol++;
				continue;
			}
			if (gip_utf8_is_cjk(p, end))
			{
				/* U+4E00..U+9FFF: no space, two columns wide */
				p += 3;
				col++;
				dcol += 2;
				continue;
			}
			n = gip_utf8_next(p, end - p, &cp);
			if (is_blank_cp(cp))
				break;
			p += n;
			col++;
			dcol += display_width(cp);
		}
		/* measure the gap after it, in code points and display columns */
		gap_end = skip_blanks(p, end, &gap, &gap_dcols);
		{
			size_t		wlen = p - w;
			bool		numeric = token_is_numeric((const char *) w, wlen);
			bool		unit = tok != NULL && tok_numeric &&
				is_unit_token((const char *) w, wlen);

			if (tok != NULL && (unit || (!numeric && !tok_numeric)))
			{
				/* join with the pending token across a single space */
				tok_len = (const char *) p - tok;
				tok_width = col - tok_col;
				tok_dwidth = dcol - tok_dcol;
			}
			else
			{
				if (tok != NULL &&
					!add_layout_cell(b, tok, tok_len, line, tok_col, tok_width,
									 tok_dcol, tok_dwidth))
					return false;
				tok = (const char *) w;
				tok_len = wlen;
				tok_col = wcol;
				tok_width = col - wcol;
				tok_dcol = wdcol;
				tok_dwidth = dcol - wdcol;
				tok_numeric = numeric;
			}
		}
		if (gap >= 2 && p + gap < end)
		{
			*wide = true;
			if (!add_layout_cell(b, tok, tok_len, line, tok_col, tok_width,
								 tok_dcol, tok_dwidth))
				return false;
			tok = NULL;
		}
		/* past the gap, measured once */
		p = gap_end;
		col += gap;
		dcol += gap_dcols;
	}
	if (tok != NULL &&
		!add_layout_cell(b, tok, tok_len, line, tok_col, tok_width, tok_dcol,
						 tok_dwidth))
		return false;
	return true;
}

/* What a raw cell looks like before folding: empty, a value, or words. */
static int
raw_kind(const char *s, size_t len)
{
	char		packed[64];
	size_t		n = 0;

	uint32_t	first;

	trim(&s, &len);
	if (len == 0)
		return CK_BLANK;
	/* the common case, ASCII digits only (that fit the packed buffer) */
	if (len <= sizeof(packed))
	{
		size_t		i = 0;

		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == len)
			return CK_NUMBER;
	}
	/* only a digit, a sign or a placeholder character starts a number */
	gip_utf8_next((const unsigned char *) s, len, &first);
	if (!((first >= '0' && first <= '9') || first == '+' || first == '-' ||
		  first == '/' || (first >= 0xFF10 && first <= 0xFF19) ||
		  first == 0xFF0F || first == 0xFF0D || first == 0x2014 ||
		  first == 0x2013 || first == 0x2015 || first == 0x65E0 ||
		  first == 0x7121 || first == 0x2215 || first == 0x2044 ||
		  first == 0x2212))
		return CK_TEXT;
	/* numbers may carry spaces inside ("375 件", "1 234", U+00A0, U+3000) */
	for (size_t i = 0; i < len;)
	{
		uint32_t	cp;
		int			step = gip_utf8_next((const unsigned char *) s + i, len - i, &cp);

		if (!gip_is_space_cp(cp))
		{
			if (n + step > sizeof(packed))
				return CK_TEXT;	/* too long for a number */
			gip_copy_short(packed + n, s + i, step);
			n += step;
		}
		i += step;
	}
	return token_is_numeric(packed, n) ? CK_NUMBER : CK_TEXT;
}

/*
 * DOCX text whose table rows are not separated by blank lines: a label
 * after the values of the row being built starts a new row.  The empty
 * cells at the end of the old row beyond seven values (the widest row of
 * the format) are the spacers of the new row's merged cells and move with
 * it.  Returns false when out of memory.
 */
static bool
split_run_on_row(Builder *b, const char *s, size_t len)
{
	Doc		   *doc = b->doc;
	int			last_text = -1;
	int			last_value = -1;
	int			trailing = 0;
	int			move;
	Cell		moved[8];

	if (doc->cur_n == 0 || raw_kind(s, len) != CK_TEXT)
		return true;
	for (int i = 0; i < doc->cur_n; i++)
	{
		Cell	   *cell = &doc->cur_cells[i];
		int			kind;

		if (cell->raw_kind == 0)
			cell->raw_kind = (uint8_t) (raw_kind(cell->raw, cell->raw_len) + 1);
		kind = cell->raw_kind - 1;

		if (kind == CK_TEXT)
			last_text = i;
		else if (kind == CK_NUMBER)
			last_value = i;
	}
	if (last_value < last_text || last_value < 0)
		return true;			/* no values since the label: same row */
	for (int i = doc->cur_n - 1; i > last_value; i--)
		trailing++;
	move = (doc->cur_n - last_text - 1) - 7;
	if (move < 0)
		move = 0;
	if (move > trailing)
		move = trailing;
	if (move > 8)
		move = 8;
	memcpy(moved, &doc->cur_cells[doc->cur_n - move], sizeof(Cell) * move);
	doc->cur_n -= move;
	doc->cur_last_line = doc->cur_cells[doc->cur_n - 1].line;
	if (!close_row(b, true))
		return false;
	for (int i = 0; i < move; i++)
		if (!add_cell(b, moved[i].raw, moved[i].raw_len, moved[i].line, 0, 0))
			return false;
	return true;
}

/*
 * Build doc->rows from the text.  Returns false (doc->err set) on failure.
 */
bool
gip_build_rows(Doc *doc, const char *text, size_t len)
{
	Builder		b;
	const GipLines *lines = gip_text_lines(doc, text, len);
	uint32_t	line_start = 0;
	int			line_no = 0;
	size_t		nlines;
	bool		prev_was_cell = false;
	/* [bookmark: …] markers: looked for in each line only when there are any */
	bool		bookmarks = gip_memmem(text, len, "[bookmark:", strlen("[bookmark:")) != NULL;

	if (lines == NULL)
		return false;
	memset(&b, 0, sizeof(b));
	b.doc = doc;
	nlines = (size_t) lines->n + 1;
	doc->form = detect_form(lines);
	/* every cell is a slice of the text, or of a copy without bookmarks */
	doc->report->strings_of_input = true;
	if (doc->form == GIP_FORM_LAYOUT)
	{
		/* what pdftotext -layout text tells of its rows */
		doc->cell_positions = true;
		doc->labels_wrap = true;
		doc->rows_unmarked = true;
		doc->loose_tables = true;
	}
	doc->rows = gip_alloc_raw(doc->arena, sizeof(Row) * (nlines + 1));
	if (doc->rows == NULL)
	{
		gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return false;
	}
	doc->rows_cap = (int) (nlines + 1);

	while (line_no < lines->n)
	{
		const char *line = text + line_start;
		size_t		line_len = lines->end[line_no] - line_start;
		const char *trimmed;
		size_t		trimmed_len;

		line_start = lines->end[line_no] + 1;
		line_no++;
		if ((line_no & 1023) == 0 && doc->arena->interrupt_fn &&
			doc->arena->interrupt_fn(doc->arena->ctx))
		{
			gip_error_set(doc->err, GIP_ERR_CANCELED, line_no, "canceled", NULL);
			return false;
		}
		if (line_len > 0 && line[line_len - 1] == '\r')
			line_len--;
		if (bookmarks)
			line = drop_bookmarks(doc, line, &line_len);
		trimmed = line;
		trimmed_len = line_len;
		trim(&trimmed, &trimmed_len);

		/*
		 * page footers and headers: a digit, a dash, 第 or 共 first, and a
		 * slash, a dash or 页 somewhere
		 */
		if (trimmed_len > 0 && trimmed_len < 40 &&
			((trimmed[0] >= '0' && trimmed[0] <= '9') || trimmed[0] == '-' ||
			 (unsigned char) trimmed[0] == 0xE2 || (unsigned char) trimmed[0] == 0xEF ||
			 (trimmed_len >= 3 && (memcmp(trimmed, "第", 3) == 0 ||
								   memcmp(trimmed, "共", 3) == 0))) &&
			may_be_page_marker(trimmed, trimmed_len))
		{
			uint32_t	key_len;
			const char *key = gip_fold(doc, trimmed, trimmed_len, &key_len);

			if (key == NULL)
				return false;
			if (gip_is_page_marker(key, key_len))
				continue;
		}

		if (doc->form == GIP_FORM_CELLS)
		{
			if (line_len > 0 && line[0] == '\t')
			{
				if (b.open && !split_run_on_row(&b, line + 1, line_len - 1))
					return false;
				b.open = true;
				if (!add_cell(&b, line + 1, line_len - 1, line_no, 0, 0))
					return false;
				prev_was_cell = true;
				continue;
			}
			if (trimmed_len == 0)
			{
				if (!close_row(&b, true))
					return false;
				prev_was_cell = false;
				continue;
			}
			if (prev_was_cell && b.open && doc->cur_n > 0 &&
				doc->cur_cells[doc->cur_n - 1].raw_len == 0 &&
				!looks_like_heading(doc, trimmed, trimmed_len))
			{
				/*
				 * text right after an empty cell is no continuation: a merged
				 * cell written without its tab (rows not kept apart by blank
				 * lines); it is a cell of its own
				 */
				if (!split_run_on_row(&b, trimmed, trimmed_len) ||
					!add_cell(&b, trimmed, trimmed_len, line_no, 0, 0))
					return false;
				b.open = true;
				continue;
			}
			if (prev_was_cell && b.open && doc->cur_n > 0 &&
				!looks_like_heading(doc, trimmed, trimmed_len))
			{
				/* the cell goes on: join its text */
				Cell	   *last = &doc->cur_cells[doc->cur_n - 1];
				char	   *joined = gip_alloc(doc->arena,
											   last->raw_len + trimmed_len + 1);

				if (joined == NULL)
				{
					gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
					return false;
				}
				memcpy(joined, last->raw, last->raw_len);
				memcpy(joined + last->raw_len, trimmed, trimmed_len);
				last->raw = joined;
				last->raw_len += (uint32_t) trimmed_len;
				last->raw_kind = 0;	/* its kind may change */
				doc->cur_last_line = line_no;
				continue;
			}
			if (!close_row(&b, true))
				return false;
			prev_was_cell = false;
			if (!add_cell(&b, trimmed, trimmed_len, line_no, 0, 0) ||
				!close_row(&b, false))
				return false;
			continue;
		}

		if (trimmed_len == 0)
			continue;
		if (doc->form == GIP_FORM_TSV)
		{
			const char *tab = memchr(line, '\t', line_len);

			if (tab == NULL)
			{
				if (!add_cell(&b, trimmed, trimmed_len, line_no, 0, 0) ||
					!close_row(&b, false))
					return false;
				continue;
			}
			{
				const char *c = line;
				const char *line_end = line + line_len;
				int			pos = 0;

				while (c <= line_end)
				{
					const char *t = memchr(c, '\t', line_end - c);
					const char *cell_end = t ? t : line_end;

					if (!add_cell(&b, c, cell_end - c, line_no, pos++, 1))
						return false;
					if (t == NULL)
						break;
					c = t + 1;
				}
			}
			if (!close_row(&b, true))
				return false;
			continue;
		}

		/* layout */
		{
			bool		wide;

			if (!split_layout(&b, line, line_len, line_no, &wide))
				return false;
			if (!close_row(&b, wide))
				return false;
		}
	}
	if (!close_row(&b, doc->form == GIP_FORM_CELLS))
		return false;
	doc->nlines = line_no;
	return true;
}
