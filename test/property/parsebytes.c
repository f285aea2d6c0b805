/*
 * parsebytes.c
 *		Property-test driver: parse report files as raw bytes with
 *		gip_parse_bytes() (charset detection, GBK, Big5, Traditional script)
 *		and print each as one JSON object per line, in the shape of the
 *		expected JSON that test/gen/synth.py writes.
 *
 *	parsebytes FILE...
 *
 * Build: gcc -O2 -Isrc/core $(pkg-config --cflags libxml-2.0) with the
 *		core sources (src/core) and
 *		$(pkg-config --libs icu-uc icu-i18n libxml-2.0)
 * Exit status: 0, or 2 on an I/O error (parse errors are printed as JSON).
 */
#include "gip_core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Print a NUL-terminated string as a JSON string, or null. */
static void
json_str(const char *s)
{
	if (s == NULL)
	{
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++)
	{
		unsigned char c = (unsigned char) *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* Print a date as "YYYY-MM-DD", or null. */
static void
json_date(GipDate d)
{
	if (d.year == 0)
		fputs("null", stdout);
	else
		printf("\"%04d-%02d-%02d\"", d.year, d.month, d.day);
}

/* Print a cell's value, or null when it holds none. */
static void
json_value(const GipCell *cell)
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

/* Print table 三 or 四 as {row_code: [values]}. */
static void
json_grid(const GipReport *report, int table_no)
{
	const GipTableDef *t = gip_report_table(report, table_no);

	putchar('{');
	for (int r = 0; t != NULL && r < t->nrows; r++)
	{
		printf("%s", r ? ", " : "");
		json_str(t->rows[r].code);
		fputs(": [", stdout);
		for (int c = 0; c < t->ncols; c++)
		{
			fputs(c ? ", " : "", stdout);
			json_value(gip_report_cell(report, table_no, r, c));
		}
		putchar(']');
	}
	putchar('}');
}

/* Print table 二 as [[item, measure, value], ...]. */
static void
json_t2(const GipReport *report)
{
	const GipTableDef *t = gip_report_table(report, 2);
	bool		first = true;

	putchar('[');
	for (int r = 0; t != NULL && r < t->nrows; r++)
	{
		for (int c = 0; c < t->rows[r].ncols; c++)
		{
			int			col = t->rows[r].cols[c];

			fputs(first ? "[" : ", [", stdout);
			first = false;
			json_str(t->rows[r].code);
			fputs(", ", stdout);
			json_str(t->columns[col].code);
			fputs(", ", stdout);
			json_value(gip_report_cell(report, 2, r, col));
			putchar(']');
		}
	}
	putchar(']');
}

/* Read a whole file; NULL on error. */
static uint8_t *
slurp(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	uint8_t    *buf;
	long		n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0)
	{
		if (f)
			fclose(f);
		return NULL;
	}
	rewind(f);
	buf = malloc(n + 1);
	if (buf == NULL || fread(buf, 1, n, f) != (size_t) n)
	{
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

/* Parse one file and print its JSON line. */
static int
run_file(const char *path, GipArena *arena)
{
	size_t		len = 0;
	uint8_t    *data = slurp(path, &len);
	const char *enc = NULL;
	const char *base = strrchr(path, '/');
	GipError	err;
	GipReport  *rep;

	if (data == NULL)
	{
		fprintf(stderr, "parsebytes: cannot read %s\n", path);
		return 2;
	}
	base = base ? base + 1 : path;
	memset(&err, 0, sizeof(err));
	rep = gip_parse_bytes(data, len, arena, &enc, &err);
	fputs("{\"file\": ", stdout);
	json_str(base);
	if (rep == NULL)
	{
		fputs(", \"error\": ", stdout);
		json_str(err.message);
		fputs(", \"detail\": ", stdout);
		json_str(err.detail[0] ? err.detail : NULL);
	}
	else
	{
		const GipTableDef *t3 = gip_report_table(rep, 3);

		fputs(", \"encoding\": ", stdout);
		json_str(enc);
		fputs(", \"agency\": ", stdout);
		json_str(rep->agency);
		if (rep->year)
			printf(", \"year\": %d", rep->year);
		else
			fputs(", \"year\": null", stdout);
		fputs(", \"template\": ", stdout);
		json_str(rep->tmpl ? rep->tmpl->name : NULL);
		fputs(", \"t3_variant\": ", stdout);
		json_str(t3 ? t3->variant : NULL);
		fputs(", \"form\": ", stdout);
		json_str(gip_form_name(rep->form));
		fputs(", \"published\": ", stdout);
		json_date(rep->published);
		fputs(", \"period\": [", stdout);
		json_date(rep->period_start);
		fputs(", ", stdout);
		json_date(rep->period_end);
		fputs("], \"active_disclosure\": ", stdout);
		json_t2(rep);
		fputs(", \"requests\": ", stdout);
		json_grid(rep, 3);
		fputs(", \"review_litigation\": ", stdout);
		json_grid(rep, 4);
	}
	fputs("}\n", stdout);
	gip_arena_reset(arena);
	free(data);
	return 0;
}

int
main(int argc, char **argv)
{
	GipArena	arena;
	int			rc = 0;

	if (argc < 2)
	{
		fprintf(stderr, "usage: parsebytes FILE...\n");
		return 2;
	}
	gip_arena_init(&arena);
	for (int i = 1; i < argc; i++)
	{
		int			r = run_file(argv[i], &arena);

		if (r > rc)
			rc = r;
	}
	gip_arena_free(&arena);
	return rc;
}
