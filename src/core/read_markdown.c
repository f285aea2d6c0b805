/*
 * read_markdown.c
 *		The Markdown reader: text written by PDF→Markdown converters and OCR
 *		pipelines, turned into rows of cells.
 *
 * A pipe line ("| 规章 | 0 | 0 | 0 |", or without the outer pipes) is a
 * table row with one cell per field: an escaped pipe ("\|") stays in its
 * cell, an empty field is a blank cell, <br> and ** marks are dropped.
 * Separator lines ("|---|:--:|") are dropped; a stray empty column is kept
 * (see flush_block).  An HTML table among the lines is read by the web page
 * reader (html_table).  '#' headings lose their marks.  Page numbers
 * between the pieces of a table ("— 4 —", "- 4 -", "第4页") are skipped.
 * Every other line is a row of one narrative cell, except a short "label
 * number ..." line ("行政许可 97": converters write some table rows as plain
 * text), which is a table row.
 *
 * Converters cut tables at page breaks, put header fragments and row labels
 * on plain lines of their own and leave the label cell of the numbers'
 * pipe row empty or wrong.  The reader does not try to repair that: it says
 * so to the middle (tables*.c), which aligns rows to the template:
 * labels_detached (a label may stand apart from its values), loose_tables
 * (header fragments and labels stand on short plain lines), values_in_rows
 * (a number on a plain line is text, such as a page number or a stray
 * footnote mark) and rows_split (a row's values may go on in the next pipe
 * row).
 *
 * One pass over the lines, and one more over the rows of each pipe table.
 */
#include "gip_internal.h"

#include <string.h>

/* Most fields of one pipe line that are kept (the widest table has 15). */
#define MD_MAX_FIELDS	64
/* Longest label (in bytes) of a plain "label number ..." line. */
#define MD_MAX_LABEL	150

/* A field of a pipe line, cleaned. */
typedef struct MdField
{
	const char *s;
	uint32_t	len;
} MdField;

/* A pipe line of the pipe table being read. */
typedef struct MdLine
{
	int			line_no;
	int			nfields;
	MdField    *fields;
} MdLine;

/* The pipe table being read: its lines until a line that is not a pipe line. */
typedef struct MdBlock
{
	MdLine	   *lines;
	int			n;
	int			cap;
} MdBlock;

/* Is c an inline space byte (ASCII)? */
static bool
is_ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/*
 * Trim ASCII and Unicode white space from both ends of [*s, *s + *len).
 */
static void
md_trim(const char **s, size_t *len)
{
	const unsigned char *p = (const unsigned char *) *s;
	const unsigned char *end = p + *len;

	while (p < end)
	{
		uint32_t	cp;
		int			n = gip_utf8_next(p, end - p, &cp);

		if (cp == '\n' || !gip_is_space_cp(cp))
			break;
		p += n;
	}
	while (end > p)
	{
		const unsigned char *q = end - 1;
		uint32_t	cp;

		while (q > p && (*q & 0xC0) == 0x80)
			q--;
		gip_utf8_next(q, end - q, &cp);
		if (cp == '\n' || !gip_is_space_cp(cp))
			break;
		end = q;
	}
	*s = (const char *) p;
	*len = end - p;
}

/*
 * Is the trimmed line a separator line of a pipe table ("|---|:-:|")?  Each
 * field is dashes with optional colons, and one has three dashes or a
 * colon at least: a row of placeholder cells ("| - | - |") is data.
 */
static bool
is_separator(const char *s, size_t len)
{
	bool		marked = false;
	size_t		i = 0;

	if (len < 2 || memchr(s, '|', len) == NULL)
		return false;
	if (s[0] == '|')
		i = 1;
	while (i < len)
	{
		int			dashes = 0;
		bool		colon = false;

		while (i < len && is_ascii_space(s[i]))
			i++;
		if (i == len)
			break;				/* spaces after the last pipe */
		while (i < len && (s[i] == '-' || s[i] == ':'))
		{
			if (s[i] == '-')
				dashes++;
			else
				colon = true;
			i++;
		}
		while (i < len && is_ascii_space(s[i]))
			i++;
		if (dashes == 0 || (i < len && s[i] != '|'))
			return false;
		if (dashes >= 3 || colon)
			marked = true;
		i++;					/* the pipe */
	}
	return marked;
}

/* Is the trimmed line a thematic break ("---", "***", "___")? */
static bool
is_rule(const char *s, size_t len)
{
	int			marks = 0;

	if (len < 3 || (s[0] != '-' && s[0] != '*' && s[0] != '_'))
		return false;
	for (size_t i = 0; i < len; i++)
	{
		if (s[i] == s[0])
			marks++;
		else if (!is_ascii_space(s[i]))
			return false;
	}
	return marks >= 3;
}

/* Does [s, s + n) start with the ASCII word (any case)? */
static bool
starts_with_ci(const char *s, size_t n, const char *word)
{
	size_t		wlen = strlen(word);

	if (n < wlen)
		return false;
	for (size_t i = 0; i < wlen; i++)
	{
		char		c = s[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != word[i])
			return false;
	}
	return true;
}

/*
 * Is the trimmed line a pipe line: it starts with a pipe, or it has two
 * pipes at least that are not escaped ("规章 | 0 | 0 | 0", a table written
 * without its outer pipes), or it is a separator line?
 */
static bool
is_pipe_line(const char *s, size_t len)
{
	int			pipes = 0;

	if (len == 0)
		return false;
	if (s[0] == '|')
		return true;
	for (size_t i = 0; i < len; i++)
	{
		if (s[i] == '\\')
			i++;
		else if (s[i] == '|')
			pipes++;
	}
	return pipes >= 2 || (pipes == 1 && is_separator(s, len));
}

/*
 * Does the text look like Markdown: a pipe table with its separator line,
 * five lines with pipes at both ends (a table whose separator was lost), or
 * '#' headings with HTML tables among them (what some converters write)?
 * Not when it starts with markup (a web page).  One pass, stops as soon as
 * it knows.
 */
bool
gip_looks_like_markdown(const char *text, size_t len)
{
	const char *p = text;
	const char *end = text + len;
	int			pipes = 0;
	int			separators = 0;
	int			closed = 0;		/* lines with a pipe at both ends */
	int			headings = 0;
	int			tables = 0;

	while (p < end && (is_ascii_space(*p) || *p == '\n'))
		p++;
	if (p < end && *p == '<')
		return false;
	/* most texts have no pipe and no table markup at all: tell fast */
	if (memchr(p, '|', end - p) == NULL &&
		(memchr(p, '<', end - p) == NULL ||
		 (gip_memmem(p, end - p, "<table", 6) == NULL &&
		  gip_memmem(p, end - p, "<TABLE", 6) == NULL)))
		return false;

	while (p < end)
	{
		const char *nl = memchr(p, '\n', end - p);
		const char *line_end = nl ? nl : end;
		const char *s = p;
		size_t		n;

		while (s < line_end && is_ascii_space(*s))
			s++;
		n = line_end - s;
		while (n > 0 && is_ascii_space(s[n - 1]))
			n--;
		if (is_pipe_line(s, n))
		{
			pipes++;
			if (is_separator(s, n))
				separators++;
			else if (n >= 3 && s[0] == '|' && s[n - 1] == '|')
				closed++;
		}
		if (n > 1 && s[0] == '#' && (s[1] == ' ' || s[1] == '#'))
			headings++;
		if (starts_with_ci(s, n, "<table"))
			tables++;
		if ((separators >= 1 && pipes >= 3) || closed >= 5 ||
			(headings >= 2 && tables >= 1))
			return true;
		p = nl ? nl + 1 : end;
	}
	return false;
}

/*
 * Clean the text of a field or line: drop the backslash of an escaped
 * character ("\|"), <br> tags and ** or __ marks.  Returns the text, a copy
 * in the arena only when something was dropped; NULL when out of memory.
 */
static const char *
clean_text(Doc *doc, const char *s, size_t *len)
{
	char	   *out;
	size_t		n = 0;
	bool		dirty = false;

	for (size_t i = 0; i < *len && !dirty; i++)
		dirty = s[i] == '\\' || s[i] == '<' ||
			((s[i] == '*' || s[i] == '_') && i + 1 < *len && s[i + 1] == s[i]);
	if (!dirty)
		return s;
	out = gip_alloc(doc->arena, *len + 1);
	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < *len; i++)
	{
		char		c = s[i];

		if (c == '\\' && i + 1 < *len && (unsigned char) s[i + 1] < 0x80 &&
			s[i + 1] > ' ' && !((s[i + 1] >= '0' && s[i + 1] <= '9') ||
								 (s[i + 1] >= 'A' && s[i + 1] <= 'Z') ||
								 (s[i + 1] >= 'a' && s[i + 1] <= 'z')))
		{
			out[n++] = s[++i];	/* an escaped punctuation character */
			continue;
		}
		if (c == '<' && i + 3 < *len && (s[i + 1] == 'b' || s[i + 1] == 'B') &&
			(s[i + 2] == 'r' || s[i + 2] == 'R'))
		{
			const char *close = memchr(s + i, '>', *len - i);

			if (close != NULL && close - (s + i) <= 6)
			{
				i = close - s;
				continue;
			}
		}
		if ((c == '*' || c == '_') && i + 1 < *len && s[i + 1] == c)
		{
			i++;
			continue;
		}
		out[n++] = c;
	}
	out[n] = '\0';
	*len = n;
	return out;
}

/*
 * Split a pipe line into fields (the outer pipes are not fields).  Returns
 * the number of fields, or -1 when out of memory.
 */
static int
split_pipes(Doc *doc, const char *s, size_t len, MdField **out)
{
	MdField    *fields;
	int			n = 0;
	size_t		i = 0;
	size_t		start;

	fields = gip_alloc_raw(doc->arena, sizeof(MdField) * MD_MAX_FIELDS);
	if (fields == NULL)
		return -1;
	if (len > 0 && s[0] == '|')
		i = 1;
	start = i;
	for (; i <= len; i++)
	{
		if (i < len && s[i] == '\\' && i + 1 < len)
		{
			i++;				/* an escaped character, "\|" among them */
			continue;
		}
		if (i == len || s[i] == '|')
		{
			const char *f = s + start;
			size_t		flen = i - start;

			/* the text after the last pipe is no field when it is empty */
			if (i == len && start == len)
				break;
			md_trim(&f, &flen);
			if (i == len && flen == 0)
				break;
			f = clean_text(doc, f, &flen);
			if (f == NULL)
				return -1;
			md_trim(&f, &flen);
			if (n < MD_MAX_FIELDS)
			{
				fields[n].s = f;
				fields[n].len = (uint32_t) flen;
				n++;
			}
			start = i + 1;
		}
	}
	*out = fields;
	return n;
}

/*
 * Emit the pipe table read so far as table rows, every field a cell.  Stray
 * empty columns are kept: a column that is empty in every row may be a
 * column of blank values under a header the converter lost, so only the
 * middle, which knows how many values a row has, can tell (it drops surplus
 * blank cells at the ends of a row).
 */
static bool
flush_block(Doc *doc, MdBlock *b)
{
	for (int i = 0; i < b->n; i++)
	{
		MdLine	   *l = &b->lines[i];

		for (int c = 0; c < l->nfields; c++)
			if (!gip_rows_cell(doc, l->fields[c].s, l->fields[c].len,
							   l->line_no, c, 1))
				return false;
		if (!gip_rows_end(doc, true))
			return false;
	}
	b->n = 0;
	return true;
}

/* Add a pipe line to the pipe table being read. */
static bool
add_pipe_line(Doc *doc, MdBlock *b, const char *s, size_t len, int line_no)
{
	MdLine	   *l;
	int			n;

	if (b->n == b->cap)
	{
		int			cap = b->cap ? b->cap * 2 : 32;
		MdLine	   *lines = gip_alloc_raw(doc->arena, sizeof(MdLine) * cap);

		if (lines == NULL)
			return false;
		if (b->n > 0)
			memcpy(lines, b->lines, sizeof(MdLine) * b->n);
		b->lines = lines;
		b->cap = cap;
	}
	l = &b->lines[b->n];
	n = split_pipes(doc, s, len, &l->fields);
	if (n < 0)
		return false;
	l->nfields = n;
	l->line_no = line_no;
	b->n++;
	return true;
}

/* Is [s, s + len) a number token: digits (ASCII or full-width), maybe a unit? */
static bool
is_number_token(const char *s, size_t len)
{
	static const char *const units[] = {"件", "条", "个", "项", "元", "万元", NULL};
	size_t		i = 0;
	int			digits = 0;

	while (i < len)
	{
		if (s[i] >= '0' && s[i] <= '9')
			i++;
		else if ((s[i] == ',' || s[i] == '.') && digits > 0)
			i++;
		else if (i + 3 <= len && (unsigned char) s[i] == 0xEF &&
				 (unsigned char) s[i + 1] == 0xBC &&
				 (unsigned char) s[i + 2] >= 0x90 && (unsigned char) s[i + 2] <= 0x99)
			i += 3;
		else
			break;
		digits++;
	}
	if (digits == 0)
		return false;
	if (i == len)
		return true;
	for (int u = 0; units[u] != NULL; u++)
		if (strlen(units[u]) == len - i && memcmp(units[u], s + i, len - i) == 0)
			return true;
	return false;
}

/*
 * A plain line "label number ...": where its numbers start, or 0 when it is
 * not one (no label, a long label, sentence punctuation, or a number inside
 * the label such as a date).
 */
static size_t
label_numbers_split(const char *s, size_t len)
{
	size_t		end = len;
	size_t		numbers_at = 0;

	/* the number tokens at the end, each after a space */
	while (end > 0)
	{
		size_t		start = end;

		while (start > 0 && !is_ascii_space(s[start - 1]))
			start--;
		if (start == 0 || !is_number_token(s + start, end - start))
			break;
		numbers_at = start;
		end = start;
		while (end > 0 && is_ascii_space(s[end - 1]))
			end--;
	}
	if (numbers_at == 0 || end == 0 || end > MD_MAX_LABEL)
		return 0;
	/* the label: no sentence ends, no number tokens of its own */
	if (gip_memmem(s, end, "。", strlen("。")) || gip_memmem(s, end, "；", strlen("；")))
		return 0;
	for (size_t i = 0; i < end;)
	{
		size_t		j = i;

		while (j < end && !is_ascii_space(s[j]))
			j++;
		if (j > i && is_number_token(s + i, j - i))
			return 0;
		i = j + 1;
	}
	return numbers_at;
}

/* Emit a plain line: a narrative row, or a table row "label number ...". */
static bool
plain_line(Doc *doc, const char *s, size_t len, int line_no)
{
	size_t		at = label_numbers_split(s, len);

	if (at == 0)
		return gip_rows_cell(doc, s, len, line_no, 0, 0) &&
			gip_rows_end(doc, false);
	{
		const char *label = s;
		size_t		label_len = at;
		int			pos = 0;
		size_t		i = at;

		md_trim(&label, &label_len);
		if (!gip_rows_cell(doc, label, label_len, line_no, pos++, 1))
			return false;
		while (i < len)
		{
			size_t		j = i;

			while (j < len && !is_ascii_space(s[j]))
				j++;
			if (j > i && !gip_rows_cell(doc, s + i, j - i, line_no, pos++, 1))
				return false;
			i = j + 1;
		}
		return gip_rows_end(doc, true);
	}
}

/*
 * An HTML table among the lines ("<table>" to "</table>", as some
 * converters write tables): read by the web page reader, its rows' lines
 * moved to where the table stands.  *p is moved past the table.  Returns
 * false (doc->err set) on failure.
 */
static bool
html_table(Doc *doc, const char *start, const char **p, const char *end,
		   int *line_no)
{
	const char *q = start;
	const char *stop = end;
	int			first_row = doc->nrows;
	int			first_line = *line_no;

	/* the table ends with the line that closes it */
	while (q < end)
	{
		const char *nl = memchr(q, '\n', end - q);
		const char *line_end = nl ? nl : end;

		for (const char *c = q; c + 8 <= line_end; c++)
			if (*c == '<' && starts_with_ci(c, line_end - c, "</table>"))
			{
				stop = line_end;
				break;
			}
		if (stop != end || nl == NULL)
		{
			stop = line_end;
			q = nl ? nl + 1 : end;
			break;
		}
		q = nl + 1;
		(*line_no)++;
	}
	if (!gip_build_rows_html(doc, start, stop - start))
		return false;
	doc->form = GIP_FORM_MARKDOWN;
	for (int i = first_row; i < doc->nrows; i++)
	{
		Row		   *r = &doc->rows[i];

		r->first_line += first_line - 1;
		r->last_line += first_line - 1;
		for (int c = 0; c < r->ncells; c++)
			r->cells[c].line += first_line - 1;
	}
	*p = q;
	return true;
}

/* Is the trimmed plain line a page number ("— 4 —", "-4-", "第4页")? */
static bool
is_page_line(Doc *doc, const char *s, size_t len, bool *failed)
{
	uint32_t	key_len;
	const char *key;
	unsigned char c = (unsigned char) s[0];

	if (len == 0 || len >= 40 ||
		!((c >= '0' && c <= '9') || c == '-' || c == 0xE2 || c == 0xEF ||
		  c == 0xE7 || c == 0xE5))
		return false;
	key = gip_fold(doc, s, len, &key_len);
	if (key == NULL)
	{
		*failed = true;
		return false;
	}
	return gip_is_page_marker(key, key_len);
}

/*
 * Build doc->rows from Markdown text.  Returns false (doc->err set) on
 * failure.
 */
bool
gip_build_rows_markdown(Doc *doc, const char *text, size_t len)
{
	const char *p = text;
	const char *end = text + len;
	int			line_no = 0;
	unsigned	steps = 0;
	MdBlock		block;

	memset(&block, 0, sizeof(block));
	doc->form = GIP_FORM_MARKDOWN;
	doc->labels_detached = true;
	doc->loose_tables = true;
	doc->values_in_rows = true;
	doc->rows_split = true;
	while (p < end)
	{
		const char *nl = memchr(p, '\n', end - p);
		const char *s = p;
		size_t		n = (nl ? nl : end) - p;
		bool		failed = false;

		line_no++;
		p = nl ? nl + 1 : end;
		if ((++steps & 1023) == 0 && doc->arena->interrupt_fn &&
			doc->arena->interrupt_fn(doc->arena->ctx))
		{
			gip_error_set(doc->err, GIP_ERR_CANCELED, line_no, "canceled", NULL);
			return false;
		}
		md_trim(&s, &n);
		if (is_pipe_line(s, n))
		{
			if (is_separator(s, n))
				continue;		/* the line under a header row */
			if (!add_pipe_line(doc, &block, s, n, line_no))
				goto nomem;
			continue;
		}
		/* anything else ends the pipe table */
		if (block.n > 0 && !flush_block(doc, &block))
			return false;
		if (starts_with_ci(s, n, "<table"))
		{
			if (!html_table(doc, s, &p, end, &line_no))
				return false;
			continue;
		}
		if (n == 0 || is_rule(s, n))
			continue;
		if (is_page_line(doc, s, n, &failed))
			continue;
		if (failed)
			return false;
		/* headings, quotes and list marks */
		if (s[0] == '#' || s[0] == '>')
		{
			while (n > 0 && (s[0] == '#' || s[0] == '>'))
			{
				s++;
				n--;
			}
			while (n > 0 && s[n - 1] == '#')
				n--;
		}
		else if (n > 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
		{
			s += 2;
			n -= 2;
		}
		s = clean_text(doc, s, &n);
		if (s == NULL)
			goto nomem;
		md_trim(&s, &n);
		if (n == 0)
			continue;
		if (!plain_line(doc, s, n, line_no))
			return false;
	}
	if (block.n > 0 && !flush_block(doc, &block))
		return false;
	if (!gip_rows_end(doc, false))
		return false;
	doc->nlines = line_no;
	return true;

nomem:
	gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
	return false;
}
