/*
 * test_glued.c
 *		Unit tests of the splitter and solver of glued digits
 *		(src/core/glued_solve.c) and of the glued-text reader end to end
 *		(src/core/read_glued.c, glued_tables.c) through gip_parse_text().
 *
 * A standalone program linked with src/core: prints each failure, then
 * "N passed, M failed", and exits 1 when anything failed.  Build (from the
 * top of the repository) as test/unit/Makefile does for every test_NAME.c:
 * gcc -std=gnu11 -Wall -Wextra -Isrc/core with the cflags of libxml-2.0,
 * this file and every .c file of src/core, linked with icu-uc, icu-i18n and
 * libxml-2.0 (pkg-config --libs).
 */
#include "gip_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	passed;
static int	failed;

#define CHECK(cond, ...) \
	do { \
		if (cond) \
			passed++; \
		else \
		{ \
			failed++; \
			printf("FAIL %s:%d: ", __FILE__, __LINE__); \
			printf(__VA_ARGS__); \
			printf("\n"); \
		} \
	} while (0)

/*
 * A row from a picture: digits are atoms, 'P' a placeholder, ' ' a space
 * before the next atom, '|' a cell that must start at the next atom.
 */
static GluedRow
row_of(const char *pic, int ncells, int group)
{
	GluedRow	r;
	bool		space = false;
	bool		brk = false;

	memset(&r, 0, sizeof(r));
	r.ncells = ncells;
	r.group = group;
	for (const char *p = pic; *p; p++)
	{
		if (*p == ' ')
		{
			space = true;
			continue;
		}
		if (*p == '|')
		{
			brk = true;
			continue;
		}
		if (r.natoms >= GLUED_MAX_ATOMS)
		{
			r.too_long = true;
			continue;
		}
		if (space && r.natoms > 0)
			r.spaced |= (uint64_t) 1 << r.natoms;
		if (brk || *p == 'P')
			r.forced |= (uint64_t) 1 << r.natoms;
		if (*p == 'P' && r.natoms + 1 < 64)
			r.forced |= (uint64_t) 1 << (r.natoms + 1);
		r.atoms[r.natoms++] = *p;
		space = brk = false;
	}
	return r;
}

/* Are the known cells of r as in want[] (-1: not known, -2: placeholder)? */
static bool
cells_are(const GluedRow *r, const long *want, char *why, size_t whylen)
{
	for (int c = 0; c < r->ncells; c++)
	{
		int64_t		v = 0;
		int			kind = 0;
		bool		known = gip_glued_cell_known(r, c, &v, &kind);
		long		got = !known ? -1 : kind == GLUED_CELL_PLACEHOLDER ? -2 :
			kind == GLUED_CELL_EMPTY ? -3 : (long) v;

		if (got != want[c])
		{
			snprintf(why, whylen, "cell %d: got %ld, want %ld", c, got, want[c]);
			return false;
		}
	}
	return true;
}

/* Table 三's balance over rows 0..3: 新收 + 上年结转 = 总计 + 结转下年. */
static void
t3_balance(GluedEquation *eq)
{
	static const int coef[4] = {1, 1, -1, -1};

	eq->nterms = 4;
	for (int i = 0; i < 4; i++)
	{
		eq->row[i] = i;
		eq->coef[i] = coef[i];
	}
}

/* Split pic into ncells (groups of group) and compare with want. */
static void
expect_split(GipArena *arena, const char *pic, int ncells, int group,
			 GluedStatus status, const long *want)
{
	GluedRow	r = row_of(pic, ncells, group);
	char		why[128] = "";

	CHECK(gip_glued_enumerate(&r, arena), "\"%s\": canceled", pic);
	CHECK(r.status == status, "\"%s\": status %d, want %d (%d candidates)",
		  pic, r.status, status, r.ncand);
	if (want != NULL && r.status == GLUED_SOME)
		CHECK(cells_are(&r, want, why, sizeof(why)), "\"%s\": %s", pic, why);
}

/* Rows of table 三: one split each, the way the row adds up. */
static void
test_rows(GipArena *arena)
{
	static const long r1[] = {7, 0, 0, 0, 0, 0, 7};
	static const long r2[] = {23, 0, 0, 0, 0, 0, 23};
	static const long r3[] = {71, 3, 0, 0, 0, 0, 74};
	static const long r4[] = {0, 0, 0, 0, 0, 0, 0};
	static const long r5[] = {37, 0, 0, 0, 0, 0, 37};
	/* two splits add up: 1 0 10 0 0 0 11 and 10 1 0 0 0 0 11 */
	static const long amb[] = {-1, -1, -1, 0, 0, 0, 11};
	static const long ph[] = {5, -2, 0, 0, 0, 0, 5};
	static const long sp[] = {0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0};
	static const long t4[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

	expect_split(arena, "7000007", 7, 7, GLUED_SOME, r1);
	expect_split(arena, "230 000023", 7, 7, GLUED_SOME, r2);	/* a space that is no separator */
	expect_split(arena, "713000074", 7, 7, GLUED_SOME, r3);
	expect_split(arena, "0000000", 7, 7, GLUED_SOME, r4);
	expect_split(arena, "370000037", 7, 7, GLUED_SOME, r5);
	expect_split(arena, "101000011", 7, 7, GLUED_SOME, amb);
	expect_split(arena, "5P00005", 7, 7, GLUED_SOME, ph);
	/* nothing adds up */
	expect_split(arena, "1120003", 7, 7, GLUED_NONE, NULL);
	/* too few digits for the cells, even with one left empty */
	expect_split(arena, "00000", 7, 7, GLUED_NONE, NULL);
	/* table 四: the spaces cut it into its 15 cells and each row adds up */
	expect_split(arena, "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0", 15, 5, GLUED_SOME, sp);
	expect_split(arena, "000000000000000", 15, 5, GLUED_SOME, t4);
}

/* A row that adds up only if an empty cell left no trace: not read. */
static void
test_empty_cells(GipArena *arena)
{
	GluedRow	r = row_of("000000", 7, 7);

	gip_glued_enumerate(&r, arena);
	CHECK(r.status == GLUED_NONE && r.blank_only,
		  "\"000000\" for 7 cells: status %d blank_only %d", r.status, r.blank_only);
	/* a 1,105 group: no cell may start inside it */
	r = row_of("11050|1105", 7, 7);
	r.ncells = 3;
	r.group = 3;
	r.nobreak = (uint64_t) 0x7 << 1;	/* 105 of the first 1,105 */
	gip_glued_enumerate(&r, arena);
	{
		static const long want[] = {1105, 0, 1105};
		char		why[128] = "";

		CHECK(r.status == GLUED_SOME && cells_are(&r, want, why, sizeof(why)),
			  "1,1050 1105: status %d %s", r.status, why);
	}
}

/*
 * An empty cell may hide a value its total counts: a split that adds up
 * only because a vanished cell is taken for 0 is not the only one.
 */
static void
test_hidden_value(GipArena *arena)
{
	/*
	 * "0040048": 0 0 4 0 0 4 8 adds up, and so does _ 0 0 4 0 0 48 with
	 * the blank holding 44 (as a blank of the source may): nothing known.
	 */
	static const long nr[] = {-1, -1, -1, -1, -1, -1, -1};
	/* table 四's last row: 0 2 _ 0 13 or 0 2 0 1 3 */
	static const long t4[] = {0, 0, 0, 0, 0, -1, -1, -1, -1, -1};
	/* no other split: 71 3 0 0 0 0 74 stays known */
	static const long r3[] = {71, 3, 0, 0, 0, 0, 74};

	expect_split(arena, "0040048", 7, 7, GLUED_SOME, nr);
	expect_split(arena, "0|0|0|0|0|02013", 10, 5, GLUED_SOME, t4);
	expect_split(arena, "713000074", 7, 7, GLUED_SOME, r3);

	/*
	 * The table decides: 总计 says natural persons are 44, so the blank of
	 * 新收 holds them, and the column balances with the value it holds.
	 */
	{
		GluedRow	rows[4];
		GluedEquation eq;
		static const long want[] = {-3, 0, 0, 4, 0, 0, 48};
		char		why[128] = "";

		rows[0] = row_of("0040048", 7, 7);	/* 新收 */
		rows[1] = row_of("0000000", 7, 7);	/* 上年结转 */
		rows[2] = row_of("44|0|0|4|0|0|48", 7, 7);	/* 总计 */
		rows[3] = row_of("0000000", 7, 7);	/* 结转下年 */
		for (int i = 0; i < 4; i++)
			gip_glued_enumerate(&rows[i], arena);
		t3_balance(&eq);
		CHECK(gip_glued_solve(rows, 4, &eq, 1, arena), "solve canceled");
		CHECK(rows[0].ncand == 1 && cells_are(&rows[0], want, why, sizeof(why)),
			  "新收 with a blank that holds 44: %d candidates %s", rows[0].ncand, why);
		for (int c = 0; c < 7; c++)
			CHECK(gip_glued_check(rows, &eq, c), "column %d does not balance", c);
	}
}

/* Table 二 has no arithmetic: only the digit count decides. */
static void
test_no_identity(GipArena *arena)
{
	static const long zeros[] = {0, 0, 0};
	static const long one[] = {10690};

	expect_split(arena, "000", 3, 0, GLUED_SOME, zeros);
	expect_split(arena, "059", 3, 0, GLUED_OPEN, NULL);	/* 0 5 9, or 0 59 and an empty cell */
	expect_split(arena, "898989", 3, 0, GLUED_OPEN, NULL);
	expect_split(arena, "10 690", 1, 0, GLUED_SOME, one);	/* a stray space */
}

/* Long runs: bounded, and never a value. */
static void
test_bounds(GipArena *arena)
{
	char		pic[200];

	memset(pic, '1', 60);
	pic[60] = '\0';
	{
		GluedRow	r = row_of(pic, 7, 7);

		CHECK(gip_glued_enumerate(&r, arena), "60 digits: canceled");
		CHECK(r.status != GLUED_SOME, "60 digits for 7 cells: status %d", r.status);
	}
	memset(pic, '1', 150);
	pic[150] = '\0';
	{
		GluedRow	r = row_of(pic, 7, 7);

		CHECK(r.too_long, "150 digits: not too long");
		CHECK(gip_glued_enumerate(&r, arena) && r.status == GLUED_OPEN,
			  "150 digits: status %d", r.status);
	}
	/* many zeros and ones: many splits, capped */
	strcpy(pic, "1010101010101010101010101010101");
	{
		GluedRow	r = row_of(pic, 15, 0);

		CHECK(gip_glued_enumerate(&r, arena) && r.status != GLUED_SOME,
			  "31 digits for 15 cells without arithmetic: status %d", r.status);
	}
}

/* The table's equations narrow rows that alone are ambiguous. */
static void
test_table(GipArena *arena)
{
	GluedRow	rows[4];
	GluedEquation eq;
	static const long nr[] = {10, 1, 0, 0, 0, 0, 11};

	rows[0] = row_of("101000011", 7, 7);	/* 新收: two splits */
	rows[1] = row_of("0000000", 7, 7);	/* 上年结转 */
	rows[2] = row_of("10 1 0 0 0 0 11", 7, 7);	/* 总计, written apart */
	rows[3] = row_of("0000000", 7, 7);	/* 结转下年 */
	for (int i = 0; i < 4; i++)
		gip_glued_enumerate(&rows[i], arena);
	CHECK(rows[0].ncand >= 2, "新收 alone: %d candidates", rows[0].ncand);
	t3_balance(&eq);
	CHECK(gip_glued_solve(rows, 4, &eq, 1, arena), "solve canceled");
	{
		char		why[128] = "";

		CHECK(rows[0].ncand == 1 && rows[0].by_table &&
			  cells_are(&rows[0], nr, why, sizeof(why)),
			  "新收 after 一+二=三+四: %d candidates %s", rows[0].ncand, why);
	}
	for (int c = 0; c < 7; c++)
		CHECK(gip_glued_check(rows, &eq, c), "column %d does not balance", c);
	/* a 总计 that cannot be right: the check says so */
	rows[2] = row_of("20 1 0 0 0 0 21", 7, 7);
	gip_glued_enumerate(&rows[2], arena);
	CHECK(!gip_glued_check(rows, &eq, 0), "column 0 balances with 10 + 0 = 20 + 0");
}

/* The reader end to end on a small crawler text. */
static void
test_reader(GipArena *arena)
{
	const char *text =
		"标题: 某县人民政府2022年政府信息公开工作年度报告\n"
		"发布时间: 2023-01-31 10:00\n"
		"原文链接: https://example.gov.cn/a.htm\n"
		"==================== 正文 ====================\n"
		"某县人民政府2022年政府信息公开工作年度报告 本报告所列数据统计期限为2022年1月1日至2022年12月31日。"
		"一、总体情况 2022年，本县扎实推进政务公开。"
		"二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件8855698"
		"第二十条第（五）项信息内容本年处理决定数量行政许可10 690第二十条第（六）项信息内容本年处理决定数量行政处罚2113行政强制0"
		"第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费9116.36"
		"三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
		"一、本年新收政府信息公开申请数量713000074二、上年结转政府信息公开申请数量1000001三、本年度办理结果（一）予以公开210000021"
		"（二）部分公开（区分处理的，只计这一情形，不计其他情形）8100009（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000"
		"3.危及“三安全一稳定”00000004.保护第三方合法权益00000005.属于三类内部事务信息10000016.属于四类过程性信息2000002"
		"7.属于行政执法案卷10000018.属于行政查询事项0000000（四）无法提供1.本机关不掌握相关政府信息3700000372.没有现成信息需要另行制作0000000"
		"3.补正后申请内容仍不明确0000000（五）不予处理1.信访举报投诉类申请00000002.重复申请00000003.要求提供公开出版物0000000"
		"4.无正当理由大量反复申请00000005.要求行政机关确认或重新出具已获取信息0000000（六）其他处理"
		"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请20000022.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请0000000"
		"3.其他0200002（七）总计723000075四、结转下年度继续办理0000000"
		"四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
		"结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计0 1 1 0 2 1 0 0 0 1 0 0 0 0 0"
		"五、存在的主要问题及改进情况 公开的深度还不够。六、其他需要报告的事项 无。\n";
	GipError	err;
	GipReport  *rep = gip_parse_text(text, strlen(text), arena, &err);
	const GipTableDef *t3;
	const GipCell *c;
	bool		noted = false;

	CHECK(rep != NULL, "parse failed: %s %s", err.message, err.detail);
	if (rep == NULL)
		return;
	t3 = gip_report_table(rep, 3);
	CHECK(rep->form == GIP_FORM_GLUED, "form %s", gip_form_name(rep->form));
	CHECK(strcmp(gip_form_name(rep->form), "glued") == 0, "form name");
	CHECK(rep->agency != NULL && strcmp(rep->agency, "某县人民政府") == 0, "agency %s",
		  rep->agency ? rep->agency : "(null)");
	CHECK(rep->published.year == 2023 && rep->published.month == 1 &&
		  rep->published.day == 31, "published %d-%d-%d", rep->published.year,
		  rep->published.month, rep->published.day);
	CHECK(strcmp(rep->tmpl->name, "2021") == 0 && strcmp(t3->variant, "2021") == 0,
		  "template %s, t3 %s", rep->tmpl->name, t3->variant);
	c = gip_report_cell(rep, 3, gip_row_index(t3, "new_received"), 0);
	CHECK(c && c->state == GIP_CELL_VALUE && c->value.mant == 71, "new_received/natural_person");
	c = gip_report_cell(rep, 3, gip_row_index(t3, "unavailable_not_held"), 6);
	CHECK(c && c->state == GIP_CELL_VALUE && c->value.mant == 37, "unavailable_not_held/total");
	c = gip_report_cell(rep, 3, gip_row_index(t3, "total_processed"), 6);
	CHECK(c && c->state == GIP_CELL_VALUE && c->value.mant == 75, "total_processed/total");
	c = gip_report_cell(rep, 4, 0, 4);
	CHECK(c && c->state == GIP_CELL_VALUE && c->value.mant == 2, "review/total");
	c = gip_report_cell(rep, 2, gip_row_index(rep->tmpl->t2, "normative_documents"), 0);
	CHECK(c && c->state == GIP_CELL_AMBIGUOUS, "normative_documents/issued not ambiguous");
	c = gip_report_cell(rep, 2, gip_row_index(rep->tmpl->t2, "licensing"), 3);
	CHECK(c && c->state == GIP_CELL_VALUE && c->value.mant == 10690, "licensing 10 690");
	c = gip_report_cell(rep, 2, gip_row_index(rep->tmpl->t2, "admin_fees"), 4);
	CHECK(c && c->state == GIP_CELL_VALUE && c->value.mant == 911636 && c->value.scale == 2,
		  "admin_fees 9116.36");
	for (int i = 0; i < rep->nnotes; i++)
	{
		const char *text2 = rep->pool + rep->notes[i].text.off;

		if (strstr(text2, "normative_documents.issued") != NULL)
			noted = true;
	}
	CHECK(noted, "no note names normative_documents.issued");
}

/* A text that predates the templates is refused, saying so. */
static void
test_old_report(GipArena *arena)
{
	const char *text =
		"某县人民政府2017年政府信息公开工作年度报告\n\n"
		"一、概述\n2017年，本县政府信息公开工作稳步推进。\n\n"
		"二、主动公开政府信息情况\n全年主动公开政府信息1200条。\n";
	GipError	err;
	GipReport  *rep = gip_parse_text(text, strlen(text), arena, &err);

	CHECK(rep == NULL && err.code == GIP_ERR_NOT_A_REPORT &&
		  strstr(err.detail, "predates the national templates") != NULL,
		  "2017 report: %s", rep ? "parsed" : err.detail);
}

/*
 * A page's own date: the words in their order (发布日期 before 发布时间),
 * each where it first stands, after any number of other 发 and 發.
 */
static void
test_page_date(void)
{
	static const struct
	{
		const char *text;
		int			year,
					month,
					day;
	}			cases[] = {
		{"发布日期：2021-01-20", 2021, 1, 20},
		{"来源：本站 发布时间: 2021/1/22 浏览次数", 2021, 1, 22},
		/* 发布时间 comes first in the text, 发布日期 first in the list */
		{"发布时间：2021-01-22 发布日期：2021-01-25", 2021, 1, 25},
		/* a 发布日期 without a date gives way to the next word */
		{"发布日期：未知 發佈時間：2020年12月30日", 2020, 12, 30},
		{"发文机关 发展改革 发布日期 2022.1.5", 2022, 1, 5},
		/* each word is read where it first stands only */
		{"发布日期：未知 发布日期：2021-02-03", 0, 0, 0},
		{"发布日期：2021-01-20"+3, 0, 0, 0},
		{"主动公开政府信息", 0, 0, 0},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		GipDate		date = {0};
		bool		found = gip_find_page_date(cases[i].text, strlen(cases[i].text), &date);

		CHECK(found == (cases[i].year != 0) &&
			  (!found || (date.year == cases[i].year && date.month == cases[i].month &&
						  date.day == cases[i].day)),
			  "page date of \"%s\": %d-%d-%d", cases[i].text, date.year, date.month, date.day);
	}
}

int
main(void)
{
	GipArena	arena;

	gip_arena_init(&arena);
	test_rows(&arena);
	test_empty_cells(&arena);
	test_hidden_value(&arena);
	test_no_identity(&arena);
	test_bounds(&arena);
	test_table(&arena);
	test_reader(&arena);
	test_old_report(&arena);
	test_page_date();
	gip_arena_free(&arena);
	printf("%d passed, %d failed\n", passed, failed);
	return failed > 0 ? 1 : 0;
}
