/*
 * parse.c
 *		The parser's entry point: text in, GipReport out, in one pass over
 *		the rows; and the string pool and notes every step writes to.
 */
#include "gip_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Add len bytes to the report's string pool; returns where they are. */
GipSpan
gip_pool_add(Doc *doc, const char *s, size_t len)
{
	GipSpan		span = {0, 0};

	if (doc->pool_len + len + 1 > doc->pool_cap)
	{
		uint32_t	cap = (uint32_t) ((doc->pool_cap + len) * 2 + 1024);
		/* every byte up to pool_len is written (and a NUL after it) */
		char	   *pool = gip_alloc_raw(doc->arena, cap);

		if (pool == NULL)
			return span;
		if (doc->pool_len > 0)
			memcpy(pool, doc->pool, doc->pool_len);
		doc->pool = pool;
		doc->pool_cap = cap;
	}
	gip_copy_short(doc->pool + doc->pool_len, s, len);
	span.off = doc->pool_len;
	span.len = (uint32_t) len;
	doc->pool_len += (uint32_t) len;
	doc->pool[doc->pool_len] = '\0';
	return span;
}

/* Record something the parser noticed. */
void
gip_note(Doc *doc, GipNoteKind kind, int table_no, int line,
		 const char *code, const char *fmt,...)
{
	char		text[512];
	va_list		args;
	GipNote    *note;

	if (doc->nnotes >= GIP_MAX_NOTES)
	{
		doc->notes_dropped++;
		return;
	}
	if (doc->nnotes == doc->notes_cap)
	{
		int			cap = doc->notes_cap ? doc->notes_cap * 2 : 8;
		GipNote    *notes = gip_alloc(doc->arena, sizeof(GipNote) * cap);

		if (notes == NULL)
			return;
		if (doc->nnotes > 0)
			memcpy(notes, doc->notes, sizeof(GipNote) * doc->nnotes);
		doc->notes = notes;
		doc->notes_cap = cap;
	}
	va_start(args, fmt);
	vsnprintf(text, sizeof(text), fmt, args);
	va_end(args);
	note = &doc->notes[doc->nnotes++];
	note->kind = (uint8_t) kind;
	note->table_no = (uint8_t) table_no;
	note->line = line;
	note->code = gip_pool_add(doc, code, strlen(code));
	note->text = gip_pool_add(doc, text, strlen(text));
}

/*
 * Start a document: zero it and allocate its report.  Returns false (err
 * set) when out of memory.  Every reader's entry point begins here.
 */
bool
gip_doc_init(Doc *doc, GipArena *arena, GipError *err)
{
	memset(doc, 0, sizeof(*doc));
	doc->arena = arena;
	doc->err = err;
	doc->report = gip_alloc(arena, sizeof(GipReport));
	if (doc->report == NULL)
	{
		gip_error_set(err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return false;
	}
	return true;
}

/*
 * Is the text a report of a year before the national templates (the free
 * format of 2008-2018, e.g. 主动公开政府信息情况 as prose)?  Then err says so
 * (not_a_report) and true is returned.  Reads the title's year when the
 * caller has not yet.
 */
static bool
predates_templates(Doc *doc)
{
	GipReport  *report = doc->report;
	int			first = 0;
	char		detail[400];

	for (int t = 0; gip_templates[t] != NULL; t++)
		if (first == 0 || gip_templates[t]->first_year < first)
			first = gip_templates[t]->first_year;
	if (report->year == 0 && doc->nrows > 0)
	{
		GipError	saved = *doc->err;

		if (!gip_extract_meta(doc))
		{
			*doc->err = saved;
			return false;
		}
	}
	if (report->year < 2000 || report->year >= first)
		return false;
	snprintf(detail, sizeof(detail),
			 "It is a report for %d, in the free format that predates the national templates "
			 "(issued %d, for reports of %d on): none of its tables matches a template.",
			 report->year, first, first);
	gip_error_set(doc->err, GIP_ERR_NOT_A_REPORT, 0,
				  "report predates the national templates", detail);
	return true;
}

/* Parse UTF-8 report text; NULL with err filled on failure. */
GipReport *
gip_parse_text(const char *text, size_t len, GipArena *arena, GipError *err)
{
	Doc			doc;
	bool		html;
	bool		markdown;

	memset(err, 0, sizeof(*err));
	if (len > GIP_MAX_INPUT)
	{
		char		detail[128];

		snprintf(detail, sizeof(detail),
				 "The text is %zu bytes; the limit is %d bytes.",
				 len, GIP_MAX_INPUT);
		gip_error_set(err, GIP_ERR_TOO_LARGE, 0,
					  "report text is too large", detail);
		return NULL;
	}
	/* a UTF-8 byte order mark */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
	{
		text += 3;
		len -= 3;
	}
	if (!gip_doc_init(&doc, arena, err))
		return NULL;

	markdown = gip_looks_like_markdown(text, len);
	html = !markdown && gip_looks_like_html(text, len);
	/* the title and first paragraphs tell (a page's text comes later) */
	if (gip_text_is_traditional(text, html || len < 4096 ? len : 4096))
	{
		if (!gip_ts_prepare(err))
			return NULL;
		doc.traditional = true;
	}
	if (html)
	{
		if (!gip_build_rows_html(&doc, text, len))
			return NULL;
	}
	else if (markdown)
	{
		if (!gip_build_rows_markdown(&doc, text, len))
			return NULL;
	}
	else if (gip_looks_glued(&doc, text, len))
	{
		if (!gip_build_rows_glued(&doc, text, len))
			return NULL;
	}
	else if (!gip_build_rows(&doc, text, len))
		return NULL;
	return gip_doc_finish(&doc);
}

/*
 * Everything after the reader: tables, metadata, the notes on what is
 * missing, and the report's pool.  Returns NULL with doc->err set when no
 * table of the format was found or a step failed.
 */
GipReport *
gip_doc_finish(Doc *doc)
{
	GipReport  *report = doc->report;
	GipArena   *arena = doc->arena;
	GipError   *err = doc->err;

	report->form = doc->form;
	if (!(doc->form == GIP_FORM_GLUED ? gip_glued_tables(doc) :
		  gip_extract_tables(doc)))
		return NULL;
	if (!report->has_t2 && !report->has_t3 && !report->has_t4)
	{
		if (!predates_templates(doc))
			gip_error_set(err, GIP_ERR_NOT_A_REPORT, 0,
						  "text is not a government information disclosure annual report",
						  "None of its tables was found: no table 二 (header cells such as 信息内容, 本年制发件数), "
						  "no table 三 (自然人, 本年新收政府信息公开申请数量) and no table 四 (结果维持, 尚未审结).");
		return NULL;
	}
	if (!gip_extract_meta(doc))
		return NULL;
	if (!report->has_t2 && !report->has_t3 && predates_templates(doc))
		return NULL;

	if (!report->has_t2)
		gip_note(doc, GIP_NOTE_WARNING, 2, 0, "table_missing",
				 "table 二 (主动公开政府信息情况) was not found");
	if (!report->has_t3)
		gip_note(doc, GIP_NOTE_WARNING, 3, 0, "table_missing",
				 "table 三 (收到和处理政府信息公开申请情况) was not found");
	if (!report->has_t4)
		gip_note(doc, GIP_NOTE_WARNING, 4, 0, "table_missing",
				 "table 四 (政府信息公开行政复议、行政诉讼情况) was not found");
	if (report->agency == NULL)
		gip_note(doc, GIP_NOTE_WARNING, 0, 0, "agency_missing",
				 "the title naming the agency was not found");
	if (report->year == 0)
		gip_note(doc, GIP_NOTE_WARNING, 0, 0, "year_missing",
				 "the report year was not found");

	if (err->code != GIP_OK)
		return NULL;			/* a lazy fold failed */
	if (arena->failed)
	{
		gip_error_set(err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return NULL;
	}
	if (doc->notes_dropped > 0)
	{
		int			dropped = doc->notes_dropped;

		doc->nnotes--;			/* make room for the summary */
		gip_note(doc, GIP_NOTE_WARNING, 0, 0, "notes_truncated",
				 "%d more notes were not kept", dropped + 1);
	}
	report->notes = doc->notes;
	report->nnotes = doc->nnotes;
	report->pool = doc->pool ? doc->pool : gip_strndup(arena, "", 0);
	report->pool_len = doc->pool_len;
	return report;
}
