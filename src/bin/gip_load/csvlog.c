/*-------------------------------------------------------------------------
 *
 * csvlog.c
 *		--log FILE.csv: one row per file, in the order the files were
 *		found, under a header row: path, outcome (the stable English code),
 *		agency, year, report_id, reason.  RFC 4180: fields with a comma, a
 *		double quote or a line break are quoted, quotes doubled, rows end
 *		with CRLF; an unknown value is an empty field.
 *
 *-------------------------------------------------------------------------
 */
#include "gip_load.h"

/* Write one field, quoted when it must be. */
static void
write_field(FILE *out, const char *value, bool last)
{
	const char *p;

	if (value && value[strcspn(value, ",\"\r\n")] != '\0')
	{
		fputc('"', out);
		for (p = value; *p; p++)
		{
			if (*p == '"')
				fputc('"', out);
			fputc(*p, out);
		}
		fputc('"', out);
	}
	else if (value)
		fputs(value, out);
	fputs(last ? "\r\n" : ",", out);
}

/* Write the log; false (with a message) when the file cannot be written. */
bool
csvlog_write(const char *path, const FileList *list)
{
	FILE	   *out;
	int			i;

	out = fopen(path, "w");
	if (out == NULL)
	{
		pg_log_error("could not open log file \"%s\": %m", path);
		return false;
	}
	fputs("path,outcome,agency,year,report_id,reason\r\n", out);
	for (i = 0; i < list->n; i++)
	{
		const LoadFile *f = &list->files[i];
		char		year[16] = "";
		char		report_id[32] = "";

		if (f->year)
			snprintf(year, sizeof(year), "%d", f->year);
		if (f->report_id)
			snprintf(report_id, sizeof(report_id), "%lld", f->report_id);
		write_field(out, f->path, false);
		write_field(out, outcome_code(f->outcome), false);
		write_field(out, f->agency, false);
		write_field(out, year, false);
		write_field(out, report_id, false);
		write_field(out, f->reason, true);
	}
	if (fclose(out) != 0)
	{
		pg_log_error("could not write log file \"%s\": %m", path);
		return false;
	}
	return true;
}
