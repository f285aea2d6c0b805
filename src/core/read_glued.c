/*
 * read_glued.c
 *		The reader of glued text: a web page whose tags a crawler stripped.
 *
 * Such a text comes with the crawler's header (标题: …, 发布时间: …,
 * 原文链接: …, up to a body marker such as "==== 正文 ===="), then the page's
 * text with each table on one line and its cells run together
 * ("规章000规范性文件898989").  The header is metadata: 标题 gives the title
 * row, 发布时间 the page's publication date; the rest of it is dropped.  The
 * body is cut at the headings of the six parts (一、总体情况 …), found in
 * order in the character stream; parts 二 to 四 are kept as table rows (not
 * narrative) for glued_tables.c to read, the others become narrative rows.
 */
#include "gip_internal.h"

#include <string.h>

#define HEADER_MAX_LINES	40	/* a crawler's header is short */
#define HEADING_WINDOW		22	/* code points after 一、 to look for words */
#define DETECT_MIN_LINE		300 /* bytes: a table on one line is long */
#define MAX_HEADING_TRIES	2000	/* numbered places looked at as headings */

/* Is c an ASCII or full-width digit at s?  Returns its byte length or 0. */
static int
digit_at(const unsigned char *s, size_t len)
{
	if (len >= 1 && s[0] >= '0' && s[0] <= '9')
		return 1;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99)
		return 3;
	return 0;
}

/* Is word in [s, s + len) followed (after spaces) by a digit or a dash? */
static bool
word_then_digit(const char *s, size_t len, const char *word)
{
	size_t		wl = strlen(word);
	const char *p = s;
	const char *end = s + len;

	while ((p = gip_memmem(p, end - p, word, wl)) != NULL)
	{
		const char *q = p + wl;

		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q < end && (digit_at((const unsigned char *) q, end - q) ||
						*q == '/' || *q == '-' ||
						(end - q >= 3 && (memcmp(q, "／", 3) == 0 ||
										  memcmp(q, "—", 3) == 0 ||
										  memcmp(q, "－", 3) == 0))))
			return true;
		p += wl;
	}
	return false;
}

/* Has a long line a table on it, labels and numbers run together? */
static bool
line_is_glued(const char *s, size_t len)
{
	bool		t3 = gip_memmem(s, len, "自然人", strlen("自然人")) != NULL &&
		(word_then_digit(s, len, "国家秘密") || word_then_digit(s, len, "國家秘密")) &&
		(gip_memmem(s, len, "予以公开", strlen("予以公开")) != NULL ||
		 gip_memmem(s, len, "予以公開", strlen("予以公開")) != NULL);
	bool		t2 = (word_then_digit(s, len, "规章") || word_then_digit(s, len, "規章")) &&
		(gip_memmem(s, len, "行政许可", strlen("行政许可")) != NULL ||
		 gip_memmem(s, len, "行政許可", strlen("行政許可")) != NULL);

	return t3 || t2;
}

/*
 * Is the text glued: a line long enough to hold a table that holds one,
 * with numbers glued to its labels?
 */
bool
gip_looks_glued(Doc *doc, const char *text, size_t len)
{
	const GipLines *lines = gip_text_lines(doc, text, len);
	uint32_t	start = 0;

	if (lines == NULL)
		return false;			/* out of memory: the row builder says so */
	for (int i = 0; i < lines->n; i++)
	{
		uint32_t	end = lines->end[i];

		if (end - start >= DETECT_MIN_LINE &&
			line_is_glued(text + start, end - start))
			return true;
		start = end + 1;
	}
	return false;
}

/* Read a date 2020-01-20, 2020/1/20, 2020.1.20 or 2020年1月20日 at s. */
bool
gip_read_page_date(const char *s, size_t len, GipDate *date)
{
	size_t		i = 0;
	int			f[3] = {0, 0, 0};

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	for (int k = 0; k < 3; k++)
	{
		int			n = 0;

		while (i < len && s[i] >= '0' && s[i] <= '9' && n < 4)
		{
			f[k] = f[k] * 10 + (s[i] - '0');
			i++;
			n++;
		}
		if (n == 0 || (k == 0 && n != 4))
			return false;
		if (k == 2)
			break;
		if (i < len && (s[i] == '-' || s[i] == '/' || s[i] == '.'))
			i++;
		else if (i + 3 <= len && (memcmp(s + i, "年", 3) == 0 || memcmp(s + i, "月", 3) == 0))
			i += 3;
		else
			return false;
	}
	if (f[0] < 1990 || f[0] > 2100 || f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31)
		return false;
	date->year = f[0];
	date->month = f[1];
	date->day = f[2];
	return true;
}

/*
 * Find a page's own date in s: 发布日期：2020-01-31, 发布时间: …
 */
bool
gip_find_page_date(const char *s, size_t len, GipDate *date)
{
	static const char *const words[] = {
		"发布日期", "发布时间", "發布日期", "發布時間", "發佈日期", "發佈時間",
		"发文日期", "發文日期"
	};

	enum
	{
		NWORDS = sizeof(words) / sizeof(words[0])
	};
	const char *first[NWORDS] = {NULL};
	bool		any = false;

	/*
	 * every word starts with 发 or 發 (most lines have neither): where each
	 * word first stands, from one pass over the places of each
	 */
	for (int lead = 0; lead < 2; lead++)
	{
		const char *mark = lead == 0 ? "发" : "發";
		const char *p = s;
		const char *end = s + len;

		while ((p = gip_memmem(p, end - p, mark, 3)) != NULL)
		{
			for (int w = 0; w < NWORDS; w++)
			{
				size_t		wlen = strlen(words[w]);

				if (first[w] == NULL && (size_t) (end - p) >= wlen &&
					memcmp(p, words[w], wlen) == 0)
				{
					first[w] = p;
					any = true;
				}
			}
			p += 3;
		}
	}
	if (!any)
		return false;
	for (int w = 0; w < NWORDS; w++)
	{
		const char *at = first[w];
		size_t		i;

		if (at == NULL)
			continue;
		i = at - s + strlen(words[w]);
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == ':'))
			i++;
		if (i + 3 <= len && memcmp(s + i, "：", 3) == 0)
			i += 3;
		if (gip_read_page_date(s + i, len - i, date))
			return true;
	}
	return false;
}

/*
 * Is the line a crawler's "key: value" header line?  Sets the value.
 */
static bool
header_line(const char *s, size_t len, const char **key_end, const char **value,
			size_t *value_len)
{
	size_t		limit = len < 40 ? len : 40;

	for (size_t i = 1; i < limit; i++)
	{
		size_t		w = 0;

		if (s[i] == ':')
			w = 1;
		else if (i + 3 <= len && memcmp(s + i, "：", 3) == 0)
			w = 3;
		if (w == 0)
			continue;
		*key_end = s + i;
		*value = s + i + w;
		*value_len = len - i - w;
		while (*value_len > 0 && (**value == ' ' || **value == '\t'))
		{
			(*value)++;
			(*value_len)--;
		}
		while (*value_len > 0 && ((*value)[*value_len - 1] == ' ' ||
								  (*value)[*value_len - 1] == '\r'))
			(*value_len)--;
		return true;
	}
	return false;
}

/* Is the line the crawler's body marker (==== 正文 ====)? */
static bool
body_marker(const char *s, size_t len)
{
	return len >= 8 && (s[0] == '=' || s[0] == '-' || s[0] == '#') &&
		(gip_memmem(s, len, "正文", strlen("正文")) != NULL ||
		 gip_memmem(s, len, "BODY", strlen("BODY")) != NULL);
}

/* Does the key of a header line [s, key_end) start with word? */
static bool
key_is(const char *s, const char *key_end, const char *word)
{
	size_t		wl = strlen(word);

	return (size_t) (key_end - s) >= wl && memcmp(s, word, wl) == 0;
}

/* Emit a row of one cell [s, s + len). */
static bool
emit_row(Doc *doc, const char *s, size_t len, int line, bool tabular)
{
	while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\r'))
	{
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	if (len == 0)
		return true;
	if (!gip_rows_cell(doc, s, len, line, 0, 0))
		return false;
	return gip_rows_end(doc, tabular);
}

/* The part (1-6) a Chinese numeral names, or 0. */
static int
part_numeral(uint32_t cp)
{
	static const uint32_t nums[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D};

	for (int i = 0; i < 6; i++)
		if (cp == nums[i])
			return i + 1;
	return 0;
}

/*
 * Find the headings of the parts, in order, in the body: a numeral 一..六
 * (or 1..6), 、, and within a few characters the part's words.  Sets part[p] (offsets)
 * and head_end[p] (where the heading's words end).
 */
static bool
find_parts(Doc *doc, GluedText *g, size_t *head_end)
{
	static const char *const part_keys[7] = {
		NULL, KEYS_PART1, KEYS_PART2, KEYS_PART3, KEYS_PART4, KEYS_PART5, KEYS_PART6
	};
	const unsigned char *s = (const unsigned char *) g->body;
	size_t		len = g->len;
	size_t		i = 0;
	int			last = 0;
	long		n = 0;
	int			folds = 0;

	for (int p = 0; p < 7; p++)
	{
		g->part[p] = len;
		head_end[p] = len;
	}
	/* every 、 that follows a numeral 一..六 (or 1..6) */
	while (last < 6 && i + 3 <= len)
	{
		const unsigned char *comma = (const unsigned char *)
			gip_memmem((const char *) s + i, len - i, "、", 3);
		size_t		at;
		size_t		num_at = 0;
		int			p = 0;
		uint32_t	cp = 0;

		if (comma == NULL)
			break;
		at = comma - s;
		i = at + 3;
		if ((++n & 255) == 0 && doc->arena->interrupt_fn &&
			doc->arena->interrupt_fn(doc->arena->ctx))
		{
			gip_error_set(doc->err, GIP_ERR_CANCELED, 0, "canceled", NULL);
			return false;
		}
		if (at >= 3)
		{
			gip_utf8_next(s + at - 3, 3, &cp);
			p = part_numeral(cp);
			num_at = at - 3;
		}
		if (p == 0 && at >= 1 && s[at - 1] >= '1' && s[at - 1] <= '6' &&
			(at < 2 || s[at - 2] < '0' || s[at - 2] > '9'))
		{
			p = s[at - 1] - '0';
			num_at = at - 1;
		}
		if (p <= last)
			continue;
		if (++folds > MAX_HEADING_TRIES)
			break;				/* a hostile text: the parts stay unfound */
		/* not （一）、 nor 第一、 */
		if (num_at >= 3)
		{
			uint32_t	prev;

			gip_utf8_next(s + num_at - 3, 3, &prev);
			if (prev == 0xFF08 || prev == 0x7B2C)
				continue;
		}
		{
			size_t		from = at + 3;
			size_t		to = from;
			uint32_t	fl;
			char	   *key;
			GipKeyMask	mask;

			for (int k = 0; k < HEADING_WINDOW && to < len; k++)
			{
				uint32_t	c2;

				to += gip_utf8_next(s + to, len - to, &c2);
			}
			key = gip_fold(doc, (const char *) s + from, to - from, &fl);
			if (key == NULL)
				return false;
			mask = gip_keys_scan(key, fl);
			if (gip_mask_has(mask, gip_keyset(part_keys[p])))
			{
				/* the heading ends after 情况 / 事项 when it says so */
				const char *words[] = {"情况", "情況", "事项", "事項"};
				size_t		e = len;

				for (int w = 0; w < 4; w++)
				{
					const char *hit = gip_memmem((const char *) s + from, to - from,
												 words[w], strlen(words[w]));

					if (hit != NULL && (size_t) (hit - (const char *) s) + 6 < e)
						e = (hit - (const char *) s) + 6;
				}
				if (e == len)
					e = to;
				g->part[p] = num_at;
				head_end[p] = e;
				last = p;
			}
		}
	}
	return true;
}

/* The line of body offset off, counting from line of offset *at. */
static int
line_at(const GluedText *g, size_t off, size_t *at, int *line)
{
	while (*at < off)
	{
		const char *nl = memchr(g->body + *at, '\n', off - *at);

		if (nl == NULL)
		{
			*at = off;
			break;
		}
		(*line)++;
		*at = nl - g->body + 1;
	}
	return *line;
}

/*
 * Emit the body [from, to) as rows: one per line, table rows when tabular.
 */
static bool
emit_span(Doc *doc, const GluedText *g, size_t from, size_t to, bool tabular,
		  size_t *at, int *line)
{
	while (from < to)
	{
		const char *nl = memchr(g->body + from, '\n', to - from);
		size_t		e = nl ? (size_t) (nl - g->body) : to;

		if (!emit_row(doc, g->body + from, e - from, line_at(g, from, at, line),
					  tabular))
			return false;
		from = e + 1;
	}
	return true;
}

/*
 * Build the rows of a glued text: the title from the crawler's header, then
 * the body cut at its part headings.
 */
bool
gip_build_rows_glued(Doc *doc, const char *text, size_t len)
{
	GluedText  *g = gip_alloc(doc->arena, sizeof(GluedText));
	const char *p = text;
	const char *end = text + len;
	const char *body = text;
	int			line = 1;
	int			body_line = 1;
	bool		marker = false;
	size_t		head_end[7];

	if (g == NULL)
	{
		gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return false;
	}
	doc->form = GIP_FORM_GLUED;
	doc->glued = g;

	/* is there a body marker near the top? */
	for (int n = 0; p < end && n < HEADER_MAX_LINES; n++)
	{
		const char *nl = memchr(p, '\n', end - p);
		const char *e = nl ? nl : end;

		if (body_marker(p, e - p))
		{
			marker = true;
			break;
		}
		p = e + 1;
	}

	/* the header: key: value lines (all lines above the marker) */
	p = text;
	while (p < end)
	{
		const char *nl = memchr(p, '\n', end - p);
		const char *e = nl ? nl : end;
		const char *key_end;
		const char *value;
		size_t		vlen;
		bool		is_header = header_line(p, e - p, &key_end, &value, &vlen);

		if (marker && body_marker(p, e - p))
		{
			body = e < end ? e + 1 : end;
			body_line = line + 1;
			break;
		}
		if (!marker && (!is_header || e - p > 400 || line > HEADER_MAX_LINES))
		{
			body = p;
			body_line = line;
			break;
		}
		if (is_header)
		{
			if (key_is(p, key_end, "标题") || key_is(p, key_end, "標題") ||
				key_is(p, key_end, "title"))
			{
				if (!emit_row(doc, value, vlen, line, false))
					return false;
			}
			else if ((key_is(p, key_end, "发布") || key_is(p, key_end, "發布") ||
					  key_is(p, key_end, "發佈") || key_is(p, key_end, "date")) &&
					 doc->page_date.year == 0 &&
					 gip_read_page_date(value, vlen, &doc->page_date))
				doc->page_date.line = line;
		}
		line++;
		p = e + 1;
		if (p >= end)
		{
			body = end;
			body_line = line;
		}
	}

	g->body = body;
	g->len = end - body;
	g->line = body_line;
	if (!find_parts(doc, g, head_end))
		return false;

	/* the body, cut at the part headings; parts 二 to 四 are tables */
	{
		size_t		at = 0;
		int			ln = body_line;
		size_t		pos = 0;
		int			cur = 0;		/* part being emitted */

		for (int part = 1; part <= 6; part++)
		{
			if (g->part[part] >= g->len)
				continue;
			if (!emit_span(doc, g, pos, g->part[part], cur >= 2 && cur <= 4, &at, &ln))
				return false;
			if (!emit_span(doc, g, g->part[part], head_end[part], false, &at, &ln))
				return false;
			pos = head_end[part];
			cur = part;
		}
		if (!emit_span(doc, g, pos, g->len, cur >= 2 && cur <= 4, &at, &ln))
			return false;
	}
	return true;
}
