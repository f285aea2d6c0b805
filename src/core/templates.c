/*
 * templates.c
 *		The two national templates (2019 and 2021) as data.
 *
 * One table of row codes, labels, outcome groups, distinctive words and
 * columns drives the parser (which matches labels by their words), the
 * checks (which sum rows by group), the SQL results and the documentation
 * (gip_template_rows()).  A new template year is a new set of tables here,
 * entered in the registry below: the planner loops over the registry and
 * names no template.
 *
 * Distinctive words ("keys") are written in folded form: NFKC, no spaces
 * (see fold.c).  Several alternatives are separated by '|'.
 *
 * What a column holds is said by its flags and unit, never by its code: a
 * total (GIP_COL_TOTAL: the per-row sum checks), a change that may be
 * negative (GIP_COL_SIGNED), an amount that may have a fraction
 * (GIP_COL_AMOUNT) in 元 or 万元 (GIP_UNIT_*: figures are converted).
 */
#include "gip_internal.h"

#include <string.h>

#define LENGTHOF(a)	((int) (sizeof(a) / sizeof((a)[0])))
#define ALL7	7, {0, 1, 2, 3, 4, 5, 6}
#define ALL5	5, {0, 1, 2, 3, 4}

/* Table 三: applicant columns (both templates) */
static const GipColumnDef t3_columns[] = {
	{"natural_person", "自然人", 0, GIP_UNIT_NONE},
	{"commercial", "商业企业", 0, GIP_UNIT_NONE},
	{"research", "科研机构", 0, GIP_UNIT_NONE},
	{"public_interest", "社会公益组织", 0, GIP_UNIT_NONE},
	{"legal_service", "法律服务机构", 0, GIP_UNIT_NONE},
	{"other_org", "其他", 0, GIP_UNIT_NONE},
	{"total", "总计", GIP_COL_TOTAL, GIP_UNIT_NONE},
};

/* Rows of table 三 shared by both variants up to （五）不予处理 */
#define T3_COMMON_ROWS \
	{"new_received", "一、本年新收政府信息公开申请数量", NULL, "新收|本年新收|新收到", ALL7, 3}, \
	{"carried_over", "二、上年结转政府信息公开申请数量", NULL, "上年结转|上年度结转|上一年结转", ALL7, 3}, \
	{"granted", "（一）予以公开", "granted", "予以公开", ALL7, 3}, \
	{"partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partially_granted", "部分公开|区分处理", ALL7, 3}, \
	{"denied_state_secret", "1.属于国家秘密", "denied", "国家秘密", ALL7, 3}, \
	{"denied_prohibited_by_law", "2.其他法律行政法规禁止公开", "denied", "禁止公开|法律行政|行政法规|止公开", ALL7, 3}, \
	{"denied_security_stability", "3.危及“三安全一稳定”", "denied", "三安全|一稳定|危及", ALL7, 3}, \
	{"denied_third_party", "4.保护第三方合法权益", "denied", "第三方|合法权益", ALL7, 3}, \
	{"denied_internal_affairs", "5.属于三类内部事务信息", "denied", "内部事务", ALL7, 3}, \
	{"denied_process_info", "6.属于四类过程性信息", "denied", "过程性", ALL7, 3}, \
	{"denied_enforcement_file", "7.属于行政执法案卷", "denied", "执法案卷", ALL7, 3}, \
	{"denied_query_matter", "8.属于行政查询事项", "denied", "查询事项", ALL7, 3}, \
	{"unavailable_not_held", "1.本机关不掌握相关政府信息", "unavailable", "不掌握", ALL7, 3}, \
	{"unavailable_needs_creation", "2.没有现成信息需要另行制作", "unavailable", "另行制作|现成信息", ALL7, 3}, \
	{"unavailable_unclear", "3.补正后申请内容仍不明确", "unavailable", "不明确|补正后", ALL7, 3}, \
	{"rejected_petition", "1.信访举报投诉类申请", "rejected", "信访|举报投诉", ALL7, 3}, \
	{"rejected_duplicate", "2.重复申请", "rejected", "重复申请", ALL7, 3}, \
	{"rejected_publication", "3.要求提供公开出版物", "rejected", "出版物", ALL7, 3}, \
	{"rejected_excessive", "4.无正当理由大量反复申请", "rejected", "大量反复|反复申请", ALL7, 3}, \
	{"rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息", "rejected", "确认|重新出具|已获取", ALL7, 3}

#define T3_CLOSING_ROWS \
	{"total_processed", "（七）总计", NULL, "总计|合计", ALL7, 2}, \
	{"carried_forward", "四、结转下年度继续办理", NULL, "结转下年|结转下一年|下年度继续|继续办理", ALL7, 3}

static const GipRowDef t3_rows_2021[] = {
	T3_COMMON_ROWS,
	{"other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other", "不补正|逾期不补|无正当理由逾期", ALL7, 3},
	{"other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other", "收费通知|缴纳费用|逾期未按", ALL7, 3},
	{"other_misc", "3.其他", "other", "其他", ALL7, 1},
	T3_CLOSING_ROWS
};

static const GipRowDef t3_rows_2019[] = {
	T3_COMMON_ROWS,
	{"other", "（六）其他处理", "other", "其他处理|其他", ALL7, 2},
	T3_CLOSING_ROWS
};

#define T3_HEADER_KEYS "自然人|申请人情况|商业企业|科研机构|社会公益|法律服务|勾稽关系"
#define T3_TITLE "三、收到和处理政府信息公开申请情况"

static const GipTableDef t3_2021 = {
	3, "2021", T3_TITLE, LENGTHOF(t3_rows_2021), t3_rows_2021,
	LENGTHOF(t3_columns), t3_columns, T3_HEADER_KEYS, NULL
};

static const GipTableDef t3_2019 = {
	3, "2019", T3_TITLE, LENGTHOF(t3_rows_2019), t3_rows_2019,
	LENGTHOF(t3_columns), t3_columns, T3_HEADER_KEYS, NULL
};

/* Table 四: three categories, five results each (both templates) */
static const GipColumnDef t4_columns[] = {
	{"upheld", "结果维持", 0, GIP_UNIT_NONE},
	{"corrected", "结果纠正", 0, GIP_UNIT_NONE},
	{"other", "其他结果", 0, GIP_UNIT_NONE},
	{"pending", "尚未审结", 0, GIP_UNIT_NONE},
	{"total", "总计", GIP_COL_TOTAL, GIP_UNIT_NONE},
};

static const GipRowDef t4_rows[] = {
	{"review", "行政复议", NULL, "行政复议", ALL5, 2},
	{"litigation_direct", "行政诉讼·未经复议直接起诉", NULL, "未经复议|直接起诉", ALL5, 3},
	{"litigation_after_review", "行政诉讼·复议后起诉", NULL, "复议后起诉", ALL5, 3},
};

static const GipTableDef t4_both = {
	4, "both", "四、政府信息公开行政复议、行政诉讼情况", LENGTHOF(t4_rows), t4_rows,
	LENGTHOF(t4_columns), t4_columns,
	"未经复议|复议后起诉|结果维持|结果纠正|尚未审结|其他结果", NULL
};

/* Table 二, 2021 template */
static const GipColumnDef t2_columns_2021[] = {
	{"issued", "本年制发件数", 0, GIP_UNIT_NONE},
	{"repealed", "本年废止件数", 0, GIP_UNIT_NONE},
	{"in_force", "现行有效件数", 0, GIP_UNIT_NONE},
	{"decisions", "本年处理决定数量", 0, GIP_UNIT_NONE},
	{"amount_wan_yuan", "本年收费金额（单位：万元）", GIP_COL_AMOUNT, GIP_UNIT_WAN_YUAN},
};

static const GipRowDef t2_rows_2021[] = {
	{"rules", "规章", NULL, "规章", 3, {0, 1, 2}, 3},
	{"normative_documents", "行政规范性文件", NULL, "规范性文件", 3, {0, 1, 2}, 3},
	{"licensing", "行政许可", NULL, "行政许可", 1, {3}, 3},
	{"punishment", "行政处罚", NULL, "行政处罚", 1, {3}, 3},
	{"coercion", "行政强制", NULL, "行政强制", 1, {3}, 3},
	{"admin_fees", "行政事业性收费", NULL, "事业性收费", 1, {4}, 3},
};

static const GipTableDef t2_2021 = {
	2, "2021", "二、主动公开政府信息情况", LENGTHOF(t2_rows_2021), t2_rows_2021,
	LENGTHOF(t2_columns_2021), t2_columns_2021,
	"制发件数|废止件数|现行有效|本年处理决定|本年收费金额", NULL
};

/* Table 二, 2019 template */
static const GipColumnDef t2_columns_2019[] = {
	{"new_made", "本年新制作数量", 0, GIP_UNIT_NONE},
	{"new_published", "本年新公开数量", 0, GIP_UNIT_NONE},
	{"total_published", "对外公开总数量", 0, GIP_UNIT_NONE},
	{"previous_items", "上一年项目数量", 0, GIP_UNIT_NONE},
	{"change", "本年增/减", GIP_COL_SIGNED, GIP_UNIT_NONE},
	{"decisions", "处理决定数量", 0, GIP_UNIT_NONE},
	{"projects", "采购项目数量", 0, GIP_UNIT_NONE},
	{"amount_yuan", "采购总金额", GIP_COL_AMOUNT, GIP_UNIT_YUAN},
};

static const GipRowDef t2_rows_2019[] = {
	{"rules", "规章", NULL, "规章", 3, {0, 1, 2}, 3},
	{"normative_documents", "规范性文件", NULL, "规范性文件", 3, {0, 1, 2}, 3},
	{"licensing", "行政许可", NULL, "行政许可", 3, {3, 4, 5}, 3},
	{"other_services", "其他对外管理服务事项", NULL, "对外管理服务|管理服务事项", 3, {3, 4, 5}, 3},
	{"punishment", "行政处罚", NULL, "行政处罚", 3, {3, 4, 5}, 3},
	{"coercion", "行政强制", NULL, "行政强制", 3, {3, 4, 5}, 3},
	{"admin_fees", "行政事业性收费", NULL, "事业性收费", 2, {3, 4}, 3},
	{"procurement", "政府集中采购", NULL, "集中采购", 2, {6, 7}, 3},
};

static const GipTableDef t2_2019 = {
	2, "2019", "二、主动公开政府信息情况", LENGTHOF(t2_rows_2019), t2_rows_2019,
	LENGTHOF(t2_columns_2019), t2_columns_2019,
	"新制作|新公开|对外公开总数|上一年项目|本年增|采购项目|采购总金额",
	"对外管理服务|集中采购"
};

static const GipTemplate template_2021 = {
	"2021", "国办公开办函〔2021〕30号", 2021, 0, &t2_2021, &t3_2021, &t4_both
};

static const GipTemplate template_2019 = {
	"2019", "国办公开办函〔2019〕60号", 2019, 2020, &t2_2019, &t3_2019, &t4_both
};

/*
 * The registry: templates, newest first, and the variants of table 三 the
 * planner tries (each the table 三 of a template; a tie in the planner goes
 * to the earlier entry).  Production code never changes them; tests may add
 * a template through gip_templates_register(), up to the spare slots.
 */
static const GipTemplate *template_list[GIP_MAX_TEMPLATES + 1] = {
	&template_2021, &template_2019, NULL
};
static const GipTableDef *t3_variant_list[GIP_MAX_TEMPLATES + 1] = {
	&t3_2021, &t3_2019, NULL
};

const GipTemplate *const *const gip_templates = template_list;
const GipTableDef *const *const gip_t3_variants = t3_variant_list;

/* The template called name, or NULL. */
const GipTemplate *
gip_template_by_name(const char *name)
{
	for (int i = 0; gip_templates[i] != NULL; i++)
		if (strcmp(gip_templates[i]->name, name) == 0)
			return gip_templates[i];
	return NULL;
}

/* The variant of table 三 called variant, or NULL. */
const GipTableDef *
gip_t3_by_variant(const char *variant)
{
	for (int i = 0; gip_t3_variants[i] != NULL; i++)
		if (strcmp(gip_t3_variants[i]->variant, variant) == 0)
			return gip_t3_variants[i];
	return NULL;
}

/* The first template whose table 三 is t3, or NULL. */
const GipTemplate *
gip_template_of_t3(const GipTableDef *t3)
{
	for (int i = 0; gip_templates[i] != NULL; i++)
		if (gip_templates[i]->t3 == t3)
			return gip_templates[i];
	return NULL;
}

/*
 * For tests only: add template t to the registry, its table 三 among the
 * variants (unless already there).  It must come before the first parse
 * (the key index is built once); false when that is past, when the name or
 * the variant name is taken by another table, or when the registry is full
 * (GIP_MAX_TEMPLATES).
 */
bool
gip_templates_register(const GipTemplate *t)
{
	int			nt = 0;
	int			nv = 0;
	bool		t3_known = false;

	if (t == NULL || t->t2 == NULL || t->t3 == NULL || t->t4 == NULL ||
		gip_keys_built() || gip_template_by_name(t->name) != NULL)
		return false;
	while (template_list[nt] != NULL)
		nt++;
	while (t3_variant_list[nv] != NULL)
	{
		if (t3_variant_list[nv] == t->t3)
			t3_known = true;
		else if (strcmp(t3_variant_list[nv]->variant, t->t3->variant) == 0)
			return false;
		nv++;
	}
	if (nt == GIP_MAX_TEMPLATES || (!t3_known && nv == GIP_MAX_TEMPLATES))
		return false;
	template_list[nt] = t;
	template_list[nt + 1] = NULL;
	if (!t3_known)
	{
		t3_variant_list[nv] = t->t3;
		t3_variant_list[nv + 1] = NULL;
	}
	return true;
}

/* The index of the row called code in table, or -1. */
int
gip_row_index(const GipTableDef *table, const char *code)
{
	for (int i = 0; i < table->nrows; i++)
		if (strcmp(table->rows[i].code, code) == 0)
			return i;
	return -1;
}

/* The index of the column called code in table, or -1. */
int
gip_col_index(const GipTableDef *table, const char *code)
{
	for (int i = 0; i < table->ncols; i++)
		if (strcmp(table->columns[i].code, code) == 0)
			return i;
	return -1;
}

/* The index of the first column of table with all of flags, or -1. */
int
gip_col_with_flags(const GipTableDef *table, int flags)
{
	for (int i = 0; i < table->ncols; i++)
		if ((table->columns[i].flags & flags) == flags)
			return i;
	return -1;
}

/* The index of the first column of table in unit, or -1. */
int
gip_col_in_unit(const GipTableDef *table, GipUnit unit)
{
	for (int i = 0; i < table->ncols; i++)
		if (table->columns[i].unit == unit)
			return i;
	return -1;
}

/* Name of a cell state, as SQL shows it. */
const char *
gip_cell_state_name(GipCellState state)
{
	switch (state)
	{
		case GIP_CELL_MISSING:
			return "missing";
		case GIP_CELL_VALUE:
			return "value";
		case GIP_CELL_BLANK:
			return "blank";
		case GIP_CELL_PLACEHOLDER:
			return "placeholder";
		case GIP_CELL_INVALID:
			return "invalid";
		case GIP_CELL_AMBIGUOUS:
			return "ambiguous";
	}
	return "unknown";
}

/* Name of an input form, as SQL shows it. */
const char *
gip_form_name(GipForm form)
{
	switch (form)
	{
		case GIP_FORM_CELLS:
			return "cells";
		case GIP_FORM_TSV:
			return "tsv";
		case GIP_FORM_LAYOUT:
			return "layout";
		case GIP_FORM_HTML:
			return "html";
		case GIP_FORM_DOCX:
			return "docx";
		case GIP_FORM_MARKDOWN:
			return "markdown";
		case GIP_FORM_GLUED:
			return "glued";
	}
	return "unknown";
}
