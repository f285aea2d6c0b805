/*
 * gipcli.c
 *		A command-line driver over the fmgr-free parser core: parse report
 *		texts and print each as one JSON object shaped like the seeds'
 *		expected JSON, time the core alone (--bench), and check that every
 *		report survives gip_serialize()/gip_deserialize() unchanged.
 *
 *	gipcli [-v] [-b] FILE...     one JSON object per file (-b: as bytes)
 *	gipcli --rows FILE...        the rows of cells the file's reader makes
 *	gipcli --bench N FILE...     parse each file N times, print µs per parse
 *
 * A file that starts with the ZIP signature (a .docx) is read as bytes, as
 * gip_parse(bytea) reads it; -b reads every file so (GBK, Big5, UTF-16).
 *
 * The exit status is 0 when every file parsed and round-tripped, 1 when a
 * file failed to parse or to round-trip, 2 on a usage or I/O error.
 */
#include "gip_core.h"
#include "gip_internal.h"
#include "gip_validate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool verbose = false;
static bool bytes_mode = false;	/* -b: every file through gip_parse_bytes */
static bool rows_mode = false;	/* --rows: print the reader's rows only */

/*
 * Parse a file's contents as gip_parse() would: text through
 * gip_parse_text(), bytes (-b, or a .docx: a ZIP archive) through
 * gip_parse_bytes() as gip_parse(bytea) does.
 */
static GipReport *
parse_input(const char *data, size_t len, GipArena *arena, GipError *err)
{
	const char *encoding = NULL;

	if (bytes_mode || (len >= 4 && memcmp(data, "PK\003\004", 4) == 0))
		return gip_parse_bytes((const uint8_t *) data, len, arena, &encoding, err);
	return gip_parse_text(data, len, arena, err);
}

/* ----------------------------------------------------------------
 * Input
 * ---------------------------------------------------------------- */

/* Read a whole file into a malloc'd buffer; NULL (message printed) on error. */
static char *
read_file(const char *path, size_t *len_out)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf = NULL;
	size_t		len = 0;
	size_t		cap = 0;

	if (f == NULL)
	{
		fprintf(stderr, "gipcli: cannot open \"%s\": %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;)
	{
		size_t		n;

		if (cap - len < 65536)
		{
			char	   *nbuf;

			cap = cap ? cap * 2 : 131072;
			nbuf = realloc(buf, cap + 1);
			if (nbuf == NULL)
			{
				fprintf(stderr, "gipcli: out of memory reading \"%s\"\n", path);
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nbuf;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f))
	{
		fprintf(stderr, "gipcli: cannot read \"%s\": %s\n", path, strerror(errno));
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	*len_out = len;
	return buf;
}

/* The base name of a path (what the expected JSON calls "file"). */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* ----------------------------------------------------------------
 * JSON output
 * ---------------------------------------------------------------- */

/* Print len bytes of s as a JSON string (UTF-8 passes through). */
static void
json_strn(const char *s, size_t len)
{
	putchar('"');
	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		switch (c)
		{
			case '"':
				fputs("\\\"", stdout);
				break;
			case '\\':
				fputs("\\\\", stdout);
				break;
			case '\n':
				fputs("\\n", stdout);
				break;
			case '\r':
				fputs("\\r", stdout);
				break;
			case '\t':
				fputs("\\t", stdout);
				break;
			default:
				if (c < 0x20 || c == 0x7f)
					printf("\\u%04x", c);
				else
					putchar(c);
		}
	}
	putchar('"');
}

/* Print a NUL-terminated string as JSON, or null. */
static void
json_str(const char *s)
{
	if (s == NULL)
		fputs("null", stdout);
	else
		json_strn(s, strlen(s));
}

/* Print a pool string as JSON. */
static void
json_span(const GipReport *report, GipSpan span)
{
	if (report->pool == NULL || (uint64_t) span.off + span.len > report->pool_len)
		fputs("null", stdout);
	else
		json_strn(report->pool + span.off, span.len);
}

/* Print a date as "YYYY-MM-DD", or null when it has no year. */
static void
json_date(GipDate d)
{
	if (d.year == 0)
		fputs("null", stdout);
	else
		printf("\"%04d-%02d-%02d\"", d.year, d.month, d.day);
}

/* Print a cell's value as a JSON number, or null when it holds none. */
static void
json_cell_value(const GipCell *cell)
{
	char		buf[48];

	if (cell == NULL || cell->state != GIP_CELL_VALUE)
	{
		fputs("null", stdout);
		return;
	}
	gip_decimal_format(cell->value, buf);
	fputs(buf, stdout);
}

/* Print the values of table 三 or 四: {row_code: [values...]}. */
static void
json_grid(const GipReport *report, int table_no)
{
	const GipTableDef *table = gip_report_table(report, table_no);

	putchar('{');
	for (int r = 0; table != NULL && r < table->nrows; r++)
	{
		printf("%s\n  ", r > 0 ? "," : "");
		json_str(table->rows[r].code);
		fputs(": [", stdout);
		for (int c = 0; c < table->ncols; c++)
		{
			if (c > 0)
				fputs(", ", stdout);
			json_cell_value(gip_report_cell(report, table_no, r, c));
		}
		putchar(']');
	}
	fputs(table && table->nrows > 0 ? "\n }" : "}", stdout);
}

/* Print table 二 as [[item, measure, value], ...] in template order. */
static void
json_t2(const GipReport *report)
{
	const GipTableDef *t2 = gip_report_table(report, 2);
	bool		first = true;

	putchar('[');
	for (int r = 0; t2 != NULL && r < t2->nrows; r++)
	{
		const GipRowDef *def = &t2->rows[r];

		for (int c = 0; c < def->ncols; c++)
		{
			printf("%s\n  [", first ? "" : ",");
			first = false;
			json_str(def->code);
			fputs(", ", stdout);
			json_str(t2->columns[def->cols[c]].code);
			fputs(", ", stdout);
			json_cell_value(gip_report_cell(report, 2, r, def->cols[c]));
			putchar(']');
		}
	}
	fputs(first ? "]" : "\n ]", stdout);
}

/* The row code and column code of a cell. */
static void
cell_codes(const GipReport *report, const GipCell *cell,
		   const char **row_code, const char **col_code)
{
	const GipTableDef *table = gip_report_table(report, cell->table_no);

	*row_code = NULL;
	*col_code = NULL;
	if (table == NULL)
		return;
	if (cell->row < table->nrows)
		*row_code = table->rows[cell->row].code;
	if (cell->col < table->ncols)
		*col_code = table->columns[cell->col].code;
}

/* Print every cell (the -v "cells" array). */
static void
json_cells(const GipReport *report)
{
	putchar('[');
	for (int i = 0; i < report->ncells; i++)
	{
		const GipCell *cell = &report->cells[i];
		const char *row_code;
		const char *col_code;

		cell_codes(report, cell, &row_code, &col_code);
		printf("%s\n  {\"table\": %d, \"row_code\": ", i > 0 ? "," : "",
			   cell->table_no);
		json_str(row_code);
		fputs(", \"col_code\": ", stdout);
		json_str(col_code);
		fputs(", \"state\": ", stdout);
		json_str(gip_cell_state_name((GipCellState) cell->state));
		fputs(", \"value\": ", stdout);
		json_cell_value(cell);
		fputs(", \"raw\": ", stdout);
		if (cell->state == GIP_CELL_MISSING)
			fputs("null", stdout);
		else
			json_span(report, cell->raw);
		printf(", \"line\": %d}", cell->line);
	}
	fputs(report->ncells > 0 ? "\n ]" : "]", stdout);
}

/* Print the parser's notes (the -v "notes" array). */
static void
json_notes(const GipReport *report)
{
	putchar('[');
	for (int i = 0; i < report->nnotes; i++)
	{
		const GipNote *note = &report->notes[i];

		printf("%s\n  {\"kind\": \"%s\", \"table\": %d, \"line\": %d, \"code\": ",
			   i > 0 ? "," : "",
			   note->kind == GIP_NOTE_WARNING ? "warning" : "info",
			   note->table_no, note->line);
		json_span(report, note->code);
		fputs(", \"text\": ", stdout);
		json_span(report, note->text);
		putchar('}');
	}
	fputs(report->nnotes > 0 ? "\n ]" : "]", stdout);
}

/*
 * Print the ids of the error-severity rules that fail (not "uncertain"),
 * each once, in rule order: the "errors" of the expected JSON.
 */
static void
json_errors(const GipReport *report, GipArena *arena)
{
	GipFinding *findings = NULL;
	GipError	err;
	int			n = gip_validate(report, NULL, arena, &findings, &err);
	bool		first = true;

	if (n < 0)
	{
		fputs("null", stdout);
		return;
	}
	putchar('[');
	for (int r = 0; r < gip_rule_count; r++)
	{
		const char *id = gip_rule_table[r].id;

		for (int i = 0; i < n; i++)
		{
			if (strcmp(findings[i].rule_id, id) == 0 &&
				strcmp(findings[i].severity, "error") == 0 &&
				strcmp(findings[i].status, "fail") == 0)
			{
				printf("%s\"%s\"", first ? "" : ", ", id);
				first = false;
				break;
			}
		}
	}
	putchar(']');
}

/* The stable name of an error code. */
static const char *
error_code_name(GipErrorCode code)
{
	switch (code)
	{
		case GIP_OK:
			return "ok";
		case GIP_ERR_NOT_A_REPORT:
			return "not_a_report";
		case GIP_ERR_TOO_LARGE:
			return "too_large";
		case GIP_ERR_BAD_ENCODING:
			return "bad_encoding";
		case GIP_ERR_ICU:
			return "icu";
		case GIP_ERR_NOMEM:
			return "nomem";
		case GIP_ERR_CORRUPT:
			return "corrupt";
		case GIP_ERR_CANCELED:
			return "canceled";
		case GIP_ERR_BAD_DOCX:
			return "bad_docx";
		case GIP_ERR_UNSUPPORTED:
			return "unsupported";
	}
	return "unknown";
}

/* Print a parse error as a JSON object. */
static void
print_error(const char *path, const GipError *err)
{
	fputs("{\"file\": ", stdout);
	json_str(base_name(path));
	fputs(", \"path\": ", stdout);
	json_str(path);
	fputs(", \"error\": ", stdout);
	json_str(error_code_name(err->code));
	fputs(", \"message\": ", stdout);
	json_str(err->message);
	fputs(", \"detail\": ", stdout);
	json_str(err->detail[0] ? err->detail : NULL);
	printf(", \"line\": %d}\n", err->line);
}

/* Print a report as one JSON object. */
static void
print_report(const char *path, const GipReport *report, GipArena *arena)
{
	const GipTableDef *t3 = gip_report_table(report, 3);

	fputs("{\n \"file\": ", stdout);
	json_str(base_name(path));
	fputs(",\n \"path\": ", stdout);
	json_str(path);
	fputs(",\n \"agency\": ", stdout);
	json_str(report->agency);
	fputs(",\n \"year\": ", stdout);
	if (report->year == 0)
		fputs("null", stdout);
	else
		printf("%d", report->year);
	fputs(",\n \"template\": ", stdout);
	json_str(report->tmpl ? report->tmpl->name : NULL);
	fputs(",\n \"published\": ", stdout);
	json_date(report->published);
	fputs(",\n \"form\": ", stdout);
	json_str(gip_form_name(report->form));
	fputs(",\n \"t3_variant\": ", stdout);
	json_str(t3 ? t3->variant : NULL);
	fputs(",\n \"period\": [", stdout);
	json_date(report->period_start);
	fputs(", ", stdout);
	json_date(report->period_end);
	fputs("],\n \"active_disclosure\": ", stdout);
	json_t2(report);
	fputs(",\n \"requests\": ", stdout);
	json_grid(report, 3);
	fputs(",\n \"review_litigation\": ", stdout);
	json_grid(report, 4);
	fputs(",\n \"errors\": ", stdout);
	json_errors(report, arena);
	if (verbose)
	{
		fputs(",\n \"cells\": ", stdout);
		json_cells(report);
		fputs(",\n \"notes\": ", stdout);
		json_notes(report);
	}
	fputs("\n}\n", stdout);
}

/* ----------------------------------------------------------------
 * Serialisation round trip
 * ---------------------------------------------------------------- */

/* Do two pool strings hold the same bytes? */
static bool
same_span(const GipReport *a, GipSpan sa, const GipReport *b, GipSpan sb)
{
	if (sa.len != sb.len)
		return false;
	if (sa.len == 0)
		return true;
	if ((uint64_t) sa.off + sa.len > a->pool_len ||
		(uint64_t) sb.off + sb.len > b->pool_len)
		return false;
	return memcmp(a->pool + sa.off, b->pool + sb.off, sa.len) == 0;
}

/*
 * Serialise report, decode it again and compare cells, row sources and
 * notes.  Returns NULL when they agree, else what differs.
 */
static const char *
round_trip(const GipReport *report, GipArena *arena, char *why, size_t whylen)
{
	size_t		len = 0;
	uint8_t    *bytes = gip_serialize(report, arena, &len);
	GipReport  *back;
	GipError	err;

	if (bytes == NULL)
		return "gip_serialize failed";
	back = gip_deserialize(bytes, len, arena, &err);
	if (back == NULL)
	{
		snprintf(why, whylen, "gip_deserialize failed: %s", err.message);
		return why;
	}
	if (back->tmpl != report->tmpl)
		return "template differs";
	if (gip_report_table(back, 3) != gip_report_table(report, 3))
		return "table 三 variant differs";
	if (back->ncells != report->ncells)
	{
		snprintf(why, whylen, "%d cells came back, %d went in",
				 back->ncells, report->ncells);
		return why;
	}
	for (int i = 0; i < report->ncells; i++)
	{
		const GipCell *a = &report->cells[i];
		const GipCell *b = &back->cells[i];

		if (a->table_no != b->table_no || a->row != b->row ||
			a->col != b->col || a->state != b->state ||
			a->line != b->line || a->pos != b->pos ||
			a->src_table != b->src_table || a->src_row != b->src_row ||
			(a->state == GIP_CELL_VALUE &&
			 (a->value.mant != b->value.mant ||
			  a->value.scale != b->value.scale)) ||
			!same_span(report, a->raw, back, b->raw))
		{
			snprintf(why, whylen, "cell %d (table %d row %d col %d) differs",
					 i, a->table_no, a->row, a->col);
			return why;
		}
	}
	if (back->nrows != report->nrows)
		return "number of row sources differs";
	for (int i = 0; i < report->nrows; i++)
	{
		const GipRowSource *a = &report->rows[i];
		const GipRowSource *b = &back->rows[i];

		if (a->table_no != b->table_no || a->row != b->row ||
			a->line != b->line || !same_span(report, a->label, back, b->label))
		{
			snprintf(why, whylen, "row source %d differs", i);
			return why;
		}
	}
	if (back->nnotes != report->nnotes)
		return "number of notes differs";
	for (int i = 0; i < report->nnotes; i++)
	{
		const GipNote *a = &report->notes[i];
		const GipNote *b = &back->notes[i];

		if (a->kind != b->kind || a->table_no != b->table_no ||
			a->line != b->line || !same_span(report, a->code, back, b->code) ||
			!same_span(report, a->text, back, b->text))
		{
			snprintf(why, whylen, "note %d differs", i);
			return why;
		}
	}
	return NULL;
}

/*
 * The promise the SQL glue relies on when it skips PostgreSQL's check of the
 * composite's text fields: a report whose strings_of_input is set, parsed
 * from valid UTF-8, has valid UTF-8 strings.  NULL when it holds, else the
 * field that breaks it.
 */
static const char *
broken_string(const GipReport *report, const char *text, size_t len)
{
	const char *fields[4] = {report->agency, report->overview,
	report->problems, report->other_matters};
	static const char *const names[4] = {"agency", "overview", "problems",
	"other_matters"};

	if (!report->strings_of_input || !gip_utf8_valid(text, len))
		return NULL;
	for (int i = 0; i < 4; i++)
		if (fields[i] != NULL && !gip_utf8_valid(fields[i], strlen(fields[i])))
			return names[i];
	return NULL;
}

/* ----------------------------------------------------------------
 * Commands
 * ---------------------------------------------------------------- */

/* Parse one file and print it; returns 0, 1 (failed) or 2 (I/O). */
static int
run_file(const char *path, GipArena *arena)
{
	size_t		len = 0;
	char	   *text = read_file(path, &len);
	GipError	err;
	GipReport  *report;
	int			rc = 0;

	if (text == NULL)
		return 2;
	report = parse_input(text, len, arena, &err);
	if (report == NULL)
	{
		print_error(path, &err);
		rc = 1;
	}
	else
	{
		char		why[512];
		const char *problem;

		print_report(path, report, arena);
		problem = round_trip(report, arena, why, sizeof(why));
		/* reported as a round_trip error: what every caller of gipcli fails on */
		if (problem == NULL && (problem = broken_string(report, text, len)) != NULL)
		{
			snprintf(why, sizeof(why), "%s is not valid UTF-8 although the input is", problem);
			problem = why;
		}
		if (problem != NULL)
		{
			fputs("{\"file\": ", stdout);
			json_str(base_name(path));
			fputs(", \"path\": ", stdout);
			json_str(path);
			fputs(", \"error\": \"round_trip\", \"message\": ", stdout);
			json_str(problem);
			fputs(", \"detail\": null, \"line\": 0}\n", stdout);
			rc = 1;
		}
	}
	gip_arena_reset(arena);
	free(text);
	return rc;
}

/*
 * Print the rows of cells a file's reader makes (before any table is
 * looked for) as one JSON object: {"file", "path", "form", "rows": [{"tabular",
 * "cells": [[col, line, src_table, src_row, raw], ...]}, ...]}.  Returns 0,
 * 1 (the reader failed) or 2 (I/O).
 */
static int
run_rows(const char *path, GipArena *arena)
{
	size_t		len = 0;
	char	   *data = read_file(path, &len);
	GipError	err;
	Doc			doc;
	bool		ok;
	int			rc = 0;

	if (data == NULL)
		return 2;
	memset(&err, 0, sizeof(err));
	if (!gip_doc_init(&doc, arena, &err))
		ok = false;
	else if (len >= 4 && memcmp(data, "PK\003\004", 4) == 0)
	{
		size_t		xml_len = 0;
		uint8_t    *xml = gip_zip_member((const uint8_t *) data, len,
										 "word/document.xml", GIP_DOCX_MAX_XML,
										 arena, &xml_len, &err);

		ok = xml != NULL && gip_build_rows_docx(&doc, (const char *) xml, xml_len);
	}
	else if (gip_looks_like_html(data, len))
		ok = gip_build_rows_html(&doc, data, len);
	else
		ok = gip_build_rows(&doc, data, len);
	if (!ok)
	{
		print_error(path, &err);
		rc = 1;
	}
	else
	{
		fputs("{\"file\": ", stdout);
		json_str(base_name(path));
		fputs(", \"path\": ", stdout);
		json_str(path);
		fputs(", \"form\": ", stdout);
		json_str(gip_form_name(doc.form));
		fputs(", \"rows\": [", stdout);
		for (int r = 0; r < doc.nrows; r++)
		{
			const Row  *row = &doc.rows[r];

			printf("%s\n {\"tabular\": %s, \"cells\": [", r ? "," : "",
				   row->tabular ? "true" : "false");
			for (int c = 0; c < row->ncells; c++)
			{
				const Cell *cell = &row->cells[c];

				printf("%s[%d, %d, %d, %d, ", c ? ", " : "", (int) cell->col,
					   (int) cell->line, (int) cell->src_table, (int) cell->src_row);
				json_strn(cell->raw, cell->raw_len);
				putchar(']');
			}
			fputs("]}", stdout);
		}
		fputs("]}\n", stdout);
	}
	gip_arena_reset(arena);
	free(data);
	return rc;
}

/* Seconds on the monotonic clock. */
static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Time n parses of text, resetting arena in between; µs per parse. */
static double
time_parses(const char *text, size_t len, int n, GipArena *arena, bool *ok)
{
	double		start = now_seconds();
	GipError	err;

	for (int i = 0; i < n; i++)
	{
		if (parse_input(text, len, arena, &err) == NULL)
			*ok = false;
		gip_arena_reset(arena);
	}
	return (now_seconds() - start) * 1e6 / n;
}

/* Time n validations of one parsed report (arena reset each time); µs. */
static double
time_validations(const char *text, size_t len, int n, bool *ok)
{
	GipArena	parsed;
	GipArena	scratch;
	GipError	err;
	GipReport  *report;
	GipFinding *findings;
	double		start;
	double		us;

	gip_arena_init(&parsed);
	gip_arena_init(&scratch);
	report = parse_input(text, len, &parsed, &err);
	if (report == NULL)
	{
		*ok = false;
		gip_arena_free(&parsed);
		gip_arena_free(&scratch);
		return 0;
	}
	start = now_seconds();
	for (int i = 0; i < n; i++)
	{
		if (gip_validate(report, NULL, &scratch, &findings, &err) < 0)
			*ok = false;
		gip_arena_reset(&scratch);
	}
	us = (now_seconds() - start) * 1e6 / n;
	gip_arena_free(&parsed);
	gip_arena_free(&scratch);
	return us;
}

/*
 * Time n rounds of what the SQL function does with the core: a fresh
 * arena, parse, serialise, free everything; µs per round.
 */
static double
time_parse_serialize(const char *text, size_t len, int n, bool *ok)
{
	double		start = now_seconds();
	GipError	err;

	for (int i = 0; i < n; i++)
	{
		GipArena	arena;
		GipReport  *report;
		size_t		nbytes;

		gip_arena_init(&arena);
		report = parse_input(text, len, &arena, &err);
		if (report == NULL || gip_serialize(report, &arena, &nbytes) == NULL)
			*ok = false;
		gip_arena_free(&arena);
	}
	return (now_seconds() - start) * 1e6 / n;
}

/*
 * Parse each file n times and print µs per parse (arena reused), then µs
 * per parse + serialise with a fresh arena each time (as gip_parse() does),
 * and finally the means over all files:
 * "FILE  BYTES bytes  US us/parse  US2 us/parse+serialize".
 */
static int
run_bench(int n, int nfiles, char **files, GipArena *arena)
{
	double		total_us = 0;
	double		total_us2 = 0;
	double		total_us3 = 0;
	size_t		total_bytes = 0;
	int			counted = 0;
	int			rc = 0;

	for (int f = 0; f < nfiles; f++)
	{
		size_t		len = 0;
		char	   *text = read_file(files[f], &len);
		GipError	err;
		double		us;
		double		us2;
		double		us3;
		bool		ok = true;

		if (text == NULL)
			return 2;
		/* one warm-up parse: ICU's tables load on first use */
		if (parse_input(text, len, arena, &err) == NULL)
		{
			printf("%-48s error: %s\n", files[f], err.message);
			gip_arena_reset(arena);
			free(text);
			rc = 1;
			continue;
		}
		gip_arena_reset(arena);
		us = time_parses(text, len, n, arena, &ok);
		us2 = time_parse_serialize(text, len, n, &ok);
		us3 = time_validations(text, len, n, &ok);
		printf("%-48s %7zu bytes %8.1f us/parse %8.1f us/parse+serialize %8.1f us/validate%s\n",
			   files[f], len, us, us2, us3, ok ? "" : " (some parses failed)");
		total_us += us;
		total_us2 += us2;
		total_us3 += us3;
		total_bytes += len;
		counted++;
		free(text);
	}
	if (counted > 0)
		printf("%-48s %7zu bytes %8.1f us/parse %8.1f us/parse+serialize %8.1f us/validate (mean of %d files, %d rounds each)\n",
			   "all", total_bytes / counted, total_us / counted,
			   total_us2 / counted, total_us3 / counted, counted, n);
	return rc;
}

/* Print how to use the program. */
static void
usage(void)
{
	fputs("usage: gipcli [-v] [-b] FILE...\n"
		  "       gipcli --rows FILE...\n"
		  "       gipcli [-b] --bench N FILE...\n"
		  "  -v         also print every cell and the parser's notes\n"
		  "  --rows     print the rows of cells the file's reader makes, no parse\n"
		  "  -b         read every file as bytes (gip_parse(bytea): any encoding;\n"
		  "             a .docx, which starts with the ZIP signature, always is)\n"
		  "  --bench N  parse each file N times and print microseconds per parse\n"
		  "             (arena reused), per parse + serialize (fresh arena)\n"
		  "             and per validation of the parsed report\n",
		  stderr);
}

int
main(int argc, char **argv)
{
	GipArena	arena;
	int			bench = 0;
	int			argi = 1;
	int			rc = 0;

	while (argi < argc && argv[argi][0] == '-')
	{
		if (strcmp(argv[argi], "-v") == 0)
			verbose = true;
		else if (strcmp(argv[argi], "-b") == 0)
			bytes_mode = true;
		else if (strcmp(argv[argi], "--rows") == 0)
			rows_mode = true;
		else if (strcmp(argv[argi], "--bench") == 0 && argi + 1 < argc)
		{
			bench = atoi(argv[++argi]);
			if (bench <= 0)
			{
				usage();
				return 2;
			}
		}
		else if (strcmp(argv[argi], "--") == 0)
		{
			argi++;
			break;
		}
		else
		{
			usage();
			return 2;
		}
		argi++;
	}
	if (argi >= argc)
	{
		usage();
		return 2;
	}
	gip_arena_init(&arena);
	if (bench > 0)
		rc = run_bench(bench, argc - argi, argv + argi, &arena);
	else
	{
		for (; argi < argc; argi++)
		{
			int			r = rows_mode ? run_rows(argv[argi], &arena) :
				run_file(argv[argi], &arena);

			if (r > rc)
				rc = r;
		}
	}
	gip_arena_free(&arena);
	return rc;
}
