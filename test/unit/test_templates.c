/*
 * test_templates.c
 *		Unit test of the template registry: a made-up third template
 *		("2031", with a table 二 of its own: other rows, other columns, an
 *		amount column in 万元 under a code of its own, its own keys) is
 *		registered before the first parse, and a report written for it in
 *		the DOCX-text form of the seeds is read with it: the template is
 *		chosen and its figures land in its codes (a figure in 元 converted
 *		to 万元 by the column's unit, not its code, and its fraction let
 *		pass by value.nonnegative as an amount's).  A 2021 seed still
 *		reads as 2021 with the third template registered.  The planner is
 *		not touched: it finds the template through the registry alone.
 */
#include "unit.h"
#include "gip_validate.h"

#include <stdarg.h>
#include <stdlib.h>

#define LENGTHOF(a)	((int) (sizeof(a) / sizeof((a)[0])))

/* Table 二 of the made-up template: its own columns */
static const GipColumnDef t2_columns_2031[] = {
	{"items", "发布条数", 0, GIP_UNIT_NONE},
	{"sessions", "举办场次", 0, GIP_UNIT_NONE},
	{"fees", "收取费用（万元）", GIP_COL_AMOUNT, GIP_UNIT_WAN_YUAN},
};

/* ... and its own rows */
static const GipRowDef t2_rows_2031[] = {
	{"portal", "政府网站发布信息", NULL, "网站发布", 1, {0}, 3},
	{"new_media", "政务新媒体发布信息", NULL, "新媒体", 1, {0}, 3},
	{"press", "新闻发布会", NULL, "新闻发布会", 1, {1}, 3},
	{"fees", "行政事业性收费", NULL, "事业性收费", 1, {2}, 3},
};

static const GipTableDef t2_2031 = {
	2, "2031", "二、主动公开政府信息情况", LENGTHOF(t2_rows_2031), t2_rows_2031,
	LENGTHOF(t2_columns_2031), t2_columns_2031,
	"发布条数|举办场次|收取费用", "网站发布|新媒体|新闻发布会"
};

/* tables 三 and 四 are the 2021 template's, filled in at run time */
static GipTemplate template_2031 = {
	"2031", "测试用模板", 2031, 0, &t2_2031, NULL, NULL
};

/* The text being built, in the DOCX-text form (a cell: a tab-led line). */
static char text[64 * 1024];
static size_t text_len;

/* Append a line made from fmt. */
static void
line(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	text_len += vsnprintf(text + text_len, sizeof(text) - text_len, fmt, ap);
	va_end(ap);
	text_len += snprintf(text + text_len, sizeof(text) - text_len, "\n");
}

/* A table row of the DOCX text: an empty line, then each cell tab-led. */
static void
row(const char *label, int nvalues, const char *const *values)
{
	line("");
	line("\t%s", label);
	for (int i = 0; i < nvalues; i++)
		line("\t%s", values[i]);
}

/*
 * The report written for the 2031 template: table 二 of its own, tables
 * 三 and 四 of the 2021 template, every table 三 row 1 for natural persons
 * (so that the sums hold), table 四's review upheld 2.
 */
static void
build_2031_report(void)
{
	const GipTableDef *t3 = template_2031.t3;
	const char *const t3_values[] = {"1", "0", "0", "0", "0", "0", "1"};
	const char *const zeros[] = {"0", "0", "0", "0", "0", "0", "0"};
	char		t4[15][4];
	const char *t4_values[15];

	text_len = 0;
	line("2031年示例市测试局");
	line("政府信息公开工作年度报告");
	line("");
	line("本报告所列数据的统计期限自2031年1月1日起至2031年12月31日止。");
	line("一、总体情况");
	line("2031年，示例市测试局认真做好政府信息公开工作。");
	line("二、主动公开政府信息情况");
	line("\t信息内容");
	line("\t发布条数");
	line("\t举办场次");
	line("\t收取费用（万元）");
	row("政府网站发布信息", 1, (const char *const[]) {"120"});
	row("政务新媒体发布信息", 1, (const char *const[]) {"45"});
	row("新闻发布会", 1, (const char *const[]) {"6"});
	row("行政事业性收费", 1, (const char *const[]) {"15000元"});
	line("");
	line("三、收到和处理政府信息公开申请情况");
	line("\t申请人情况");
	line("");
	line("\t");
	line("\t自然人");
	line("\t法人或其他组织");
	line("\t总计");
	line("");
	line("\t");
	line("\t");
	line("\t商业企业");
	line("\t科研机构");
	line("\t社会公益组织");
	line("\t法律服务机构");
	line("\t其他");
	line("\t");
	for (int r = 0; r < t3->nrows; r++)
	{
		const char *code = t3->rows[r].code;
		bool		one = strcmp(code, "new_received") == 0 ||
			strcmp(code, "granted") == 0 ||
			strcmp(code, "total_processed") == 0;

		if (strcmp(code, "granted") == 0)
		{
			line("");
			line("三、本年度办理结果");
		}
		row(t3->rows[r].label, 7, one ? t3_values : zeros);
	}
	line("");
	line("四、政府信息公开行政复议、行政诉讼情况");
	line("\t行政复议");
	line("\t行政诉讼");
	line("");
	line("\t结果维持");
	line("\t结果纠正");
	line("\t其他结果");
	line("\t尚未审结");
	line("\t总计");
	line("\t未经复议直接起诉");
	line("\t复议后起诉");
	for (int i = 0; i < 15; i++)
	{
		snprintf(t4[i], sizeof(t4[i]), "%d", i == 0 || i == 4 ? 2 : 0);
		t4_values[i] = t4[i];
	}
	row("", 15, t4_values);
	line("");
	line("五、存在的主要问题及改进情况");
	line("主要问题是信息公开的及时性还需提高。");
	line("六、其他需要报告的事项");
	line("本年度无其他需要报告的事项。");
	line("");
	line("示例市测试局");
	line("2032年1月10日");
}

/* The value of cell (table_no, row code, column code) as text, or a state. */
static const char *
cell_text(const GipReport *report, int table_no, const char *row_code,
		  const char *col_code)
{
	static char buf[64];
	const GipTableDef *table = gip_report_table(report, table_no);
	const GipCell *cell;
	int			r;
	int			c;

	if (table == NULL)
		return "(no table)";
	r = gip_row_index(table, row_code);
	c = gip_col_index(table, col_code);
	if (r < 0 || c < 0)
		return "(no such cell)";
	cell = gip_report_cell(report, table_no, r, c);
	if (cell == NULL)
		return "(no cell)";
	if (cell->state != GIP_CELL_VALUE)
		return gip_cell_state_name(cell->state);
	gip_decimal_format(cell->value, buf);
	return buf;
}

/* How many findings of rule_id gip_validate makes of report, or -1. */
static int
findings_of(const GipReport *report, const char *rule_id, GipArena *arena)
{
	GipFinding *findings = NULL;
	GipError	err;
	int			n = gip_validate(report, NULL, arena, &findings, &err);
	int			count = 0;

	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(findings[i].rule_id, rule_id) == 0)
			count++;
	return count;
}

/* The contents of the file at path (NUL-terminated, malloc'd), or NULL. */
static char *
read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *data;

	if (f == NULL)
		return NULL;
	data = malloc(GIP_MAX_INPUT + 1);
	*len = fread(data, 1, GIP_MAX_INPUT, f);
	data[*len] = '\0';
	fclose(f);
	return data;
}

int
main(void)
{
	GipArena	arena;
	GipError	err;
	GipReport  *report;
	char	   *seed;
	size_t		seed_len = 0;
	int			n = 0;

	gip_arena_init(&arena);

	/* register the third template before the first parse */
	template_2031.t3 = gip_t3_by_variant("2021");
	template_2031.t4 = gip_template_by_name("2021")->t4;
	CHECK(template_2031.t3 != NULL);
	CHECK(gip_templates_register(&template_2031));
	CHECK(gip_template_by_name("2031") == &template_2031);
	while (gip_templates[n] != NULL)
		n++;
	CHECK_INT(n, 3);
	/* a name taken is refused */
	CHECK(!gip_templates_register(&template_2031));

	/* the report written for it is read with it */
	build_2031_report();
	report = gip_parse_text(text, text_len, &arena, &err);
	CHECK(report != NULL);
	if (report != NULL)
	{
		CHECK(report->tmpl == &template_2031);
		CHECK_STR(report->tmpl->name, "2031");
		CHECK_STR(report->t3->variant, "2021");
		CHECK_INT(report->year, 2031);
		CHECK(report->has_t2 && report->has_t3 && report->has_t4);
		CHECK_STR(cell_text(report, 2, "portal", "items"), "120");
		CHECK_STR(cell_text(report, 2, "new_media", "items"), "45");
		CHECK_STR(cell_text(report, 2, "press", "sessions"), "6");
		/* 15000元 in a column in 万元 (by its unit, not its code) */
		CHECK_STR(cell_text(report, 2, "fees", "fees"), "1.5");
		CHECK_STR(cell_text(report, 3, "new_received", "natural_person"), "1");
		CHECK_STR(cell_text(report, 3, "granted", "total"), "1");
		CHECK_STR(cell_text(report, 3, "total_processed", "total"), "1");
		CHECK_STR(cell_text(report, 3, "denied_state_secret", "total"), "0");
		CHECK_STR(cell_text(report, 4, "review", "upheld"), "2");
		CHECK_STR(cell_text(report, 4, "review", "total"), "2");
		CHECK_STR(cell_text(report, 4, "litigation_direct", "total"), "0");
		/* 1.5 is an amount (the column's flags): no fraction finding */
		CHECK_INT(findings_of(report, "value.nonnegative", &arena), 0);
		CHECK_INT(findings_of(report, "t3.row_total", &arena), 0);
	}
	gip_arena_reset(&arena);

	/* a 2021 seed still reads as 2021 */
	seed = read_file("../seeds/000.txt", &seed_len);
	CHECK(seed != NULL);
	if (seed != NULL)
	{
		report = gip_parse_text(seed, seed_len, &arena, &err);
		CHECK(report != NULL);
		if (report != NULL)
		{
			CHECK_STR(report->tmpl->name, "2021");
			CHECK_STR(report->t3->variant, "2021");
			CHECK_STR(cell_text(report, 2, "licensing", "decisions"), "337");
			CHECK_STR(cell_text(report, 2, "punishment", "decisions"), "90");
		}
		free(seed);
	}

	/* too late to register now */
	CHECK(!gip_templates_register(&(GipTemplate) {
		"2032", "", 2032, 0, &t2_2031, template_2031.t3, template_2031.t4
	}));

	gip_arena_free(&arena);
	UNIT_DONE();
}
