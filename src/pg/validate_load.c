/*
 * validate_load.c
 *		Rebuild a GipReport from a gip_report composite for the checks: the
 *		tables come from `tables` (gip_deserialize), the year, dates and
 *		narrative parts from the composite's own attributes, so that a
 *		report edited in SQL is checked as it now stands.
 */
#include "validate_pg.h"

#include "executor/executor.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

/* A text attribute as a UTF-8 string in the arena, or NULL. */
static char *
attr_text(HeapTupleHeader composite, const char *name, GipPgArena *pa)
{
	bool		isnull;
	Datum		d = GetAttributeByName(composite, name, &isnull);
	text	   *t;
	char	   *utf8;
	int			len;
	char	   *out;

	if (isnull)
		return NULL;
	t = DatumGetTextPP(d);
	len = VARSIZE_ANY_EXHDR(t);
	utf8 = pg_server_to_any(VARDATA_ANY(t), len, PG_UTF8);
	if (utf8 != VARDATA_ANY(t))
		len = strlen(utf8);
	out = gip_strndup(&pa->arena, utf8, (size_t) len);
	if (out == NULL)
		gip_pg_raise_nomem();
	return out;
}

/* A date attribute as a GipDate (year 0 when NULL or infinite). */
static GipDate
attr_date(HeapTupleHeader composite, const char *name)
{
	GipDate		out;
	bool		isnull;
	Datum		d = GetAttributeByName(composite, name, &isnull);

	memset(&out, 0, sizeof(out));
	if (!isnull)
	{
		DateADT		date = DatumGetDateADT(d);

		if (!DATE_NOT_FINITE(date))
			j2date(date + POSTGRES_EPOCH_JDATE, &out.year, &out.month, &out.day);
	}
	return out;
}

/* The report of a gip_report composite, or NULL when it has no tables. */
GipReport *
gip_pg_composite_report(HeapTupleHeader composite, GipPgArena *pa)
{
	GipReport  *report = gip_pg_load_report(composite, pa);
	bool		isnull;
	Datum		year;
	char	   *tmpl;
	GipDate		published;
	GipDate		period_start;
	GipDate		period_end;

	if (report == NULL)
		return NULL;
	year = GetAttributeByName(composite, "year", &isnull);
	report->year = isnull ? 0 : DatumGetInt32(year);
	report->agency = attr_text(composite, "agency", pa);
	/* the dates as the composite holds them, their lines as parsed */
	published = attr_date(composite, "published");
	published.line = report->published.line;
	report->published = published;
	period_start = attr_date(composite, "period_start");
	period_start.line = report->period_start.line;
	report->period_start = period_start;
	period_end = attr_date(composite, "period_end");
	period_end.line = report->period_end.line;
	report->period_end = period_end;
	report->overview = attr_text(composite, "overview", pa);
	report->problems = attr_text(composite, "problems", pa);
	report->other_matters = attr_text(composite, "other_matters", pa);
	/* the tables decide the template; the attribute only fills a gap */
	tmpl = attr_text(composite, "template", pa);
	if (report->tmpl == NULL && tmpl != NULL)
		report->tmpl = gip_template_by_name(tmpl);
	return report;
}
