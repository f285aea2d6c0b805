/*
 * lines.c
 *		The lines of a plain text, found once: where each ends and what its
 *		tabs tell, for the readers that look at a text line by line (the
 *		test for glued text, the judging of the text form, the row builder).
 *
 * Line i is [start, end) with start 0 for the first line and one past the
 * newline before it for the others, as a memchr() loop over the text cuts
 * it: a text that ends in a newline has no empty last line.
 */
#include "gip_internal.h"

#include <string.h>

/* Add the line that ends at end (offset) with its tab flags. */
static bool
add_line(Doc *doc, GipLines *lines, uint32_t end, uint8_t flags)
{
	if (lines->n == lines->cap)
	{
		int			cap = lines->cap * 2 + 64;
		uint32_t   *ends = gip_alloc_raw(doc->arena, sizeof(uint32_t) * cap);
		uint8_t    *tabs = gip_alloc_raw(doc->arena, cap);

		if (ends == NULL || tabs == NULL)
		{
			gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
			return false;
		}
		if (lines->n > 0)
		{
			memcpy(ends, lines->end, sizeof(uint32_t) * lines->n);
			memcpy(tabs, lines->tabs, lines->n);
		}
		lines->end = ends;
		lines->tabs = tabs;
		lines->cap = cap;
	}
	lines->end[lines->n] = end;
	lines->tabs[lines->n] = flags;
	lines->n++;
	return true;
}

/*
 * The lines of [text, text + len), indexed once per text (the index is kept
 * in doc and given again for the same text).  NULL (doc->err set) when
 * memory runs out.  memchr() finds the newlines, and the tabs from one to
 * the next (most lines have none).
 */
const GipLines *
gip_text_lines(Doc *doc, const char *text, size_t len)
{
	GipLines   *lines = &doc->lines;
	const char *p = text;
	const char *end = text + len;
	const char *tab;

	if (lines->built && lines->text == text && lines->len == len)
		return lines;
	lines->text = text;
	lines->len = len;
	lines->n = 0;
	lines->built = false;
	tab = memchr(text, '\t', len);
	while (p < end)
	{
		const char *nl = memchr(p, '\n', end - p);
		const char *line_end = nl ? nl : end;
		uint8_t		flags = 0;

		if (tab != NULL && tab < line_end)
		{
			flags = GIP_LINE_TAB | (tab == p ? GIP_LINE_TAB_FIRST : 0);
			tab = memchr(tab + 1, '\t', end - tab - 1);
			if (tab != NULL && tab < line_end)
			{
				flags |= GIP_LINE_TABS;
				/* the line's other tabs tell no more: to the next line's */
				tab = line_end < end ? memchr(line_end, '\t', end - line_end) : NULL;
			}
		}
		if (!add_line(doc, lines, (uint32_t) (line_end - text), flags))
			return NULL;
		p = nl ? nl + 1 : end;
	}
	lines->built = true;
	return lines;
}
