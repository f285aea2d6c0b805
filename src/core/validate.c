/*
 * validate.c
 *		The consistency rules of the format (doc/FORMAT.md, "Consistency rules")
 *		as a table of (id, severity, description, check), and gip_validate()
 *		that runs them over a report.
 *
 * The checks read the same template tables as the parser (templates.c):
 * outcome rows are the rows with a group, columns and labels come from
 * GipTableDef.  Blank is not zero: when an operand of a check is blank, a
 * placeholder, missing or not a number, the finding is "uncertain" and no
 * sum is made with 0; the finding says instead what the blanks imply
 * (read_blanks).  Messages are in Chinese and name rows as printed in the
 * report, so that the clerk who typed the table can find the cell; the
 * English message beside each names rows and columns by their codes.
 */
#include "gip_validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct GipValidateCtx
{
	const GipReport *report;
	const GipReport *previous;
	GipArena   *arena;
	const GipRule *rule;		/* the rule being checked */
	GipFinding *findings;
	int			n;
	int			cap;
	bool		failed;			/* out of memory */
};

/*
 * An operand of a sum: a cell and the label to show for it.  A NULL label
 * stands for the label of row (table_no, row) as printed in the report,
 * looked up only when a message needs it.
 */
typedef struct Term
{
	const GipCell *cell;
	const char *label;
	const char *code;			/* the English name: a row or column code */
	const GipReport *from;		/* the report of cell, NULL for ctx->report */
	int			table_no;
	int			row;
} Term;

/*
 * What the operands without a number imply for an identity (see
 * GipFinding): how many there are, whether they are all blank-like
 * (blank, placeholder, missing), holds with them read as 0, and the
 * required value of a single one (impossible: it would be negative).
 */
typedef struct Reading
{
	int			nunknown;
	const char *holds;
	bool		has_required;
	GipDecimal	required;
	bool		impossible;
} Reading;

#define MAX_TERMS 32

/* ----------------------------------------------------------------
 * Decimals
 * ---------------------------------------------------------------- */

/* a * 10^by, false on overflow. */
static bool
dec_rescale(GipDecimal a, int scale, GipDecimal *out)
{
	int64_t		m = a.mant;

	for (int i = a.scale; i < scale; i++)
		if (__builtin_mul_overflow(m, 10, &m))
			return false;
	out->mant = m;
	out->scale = scale < a.scale ? a.scale : scale;
	return true;
}

/* a + sign * b, false on overflow. */
static bool
dec_add(GipDecimal a, GipDecimal b, int sign, GipDecimal *out)
{
	int			scale = a.scale > b.scale ? a.scale : b.scale;
	GipDecimal	x,
				y;

	if (!dec_rescale(a, scale, &x) || !dec_rescale(b, scale, &y))
		return false;
	if (sign < 0 && __builtin_mul_overflow(y.mant, -1, &y.mant))
		return false;
	if (__builtin_add_overflow(x.mant, y.mant, &out->mant))
		return false;
	out->scale = scale;
	return true;
}

static GipDecimal
dec_int(int64_t v)
{
	GipDecimal	d = {v, 0};

	return d;
}

/* |a - b|, or false when it does not fit. */
static bool
dec_absdiff(GipDecimal a, GipDecimal b, GipDecimal *out)
{
	if (!dec_add(a, b, -1, out))
		return false;
	if (out->mant < 0)
		out->mant = -out->mant;
	return true;
}

static bool
dec_eq(GipDecimal a, GipDecimal b)
{
	GipDecimal	d;

	return dec_add(a, b, -1, &d) && d.mant == 0;
}

/* The decimal as text in a fresh arena buffer. */
static const char *
dec_text(GipValidateCtx *ctx, GipDecimal v)
{
	char	   *buf = gip_alloc(ctx->arena, 40);

	if (buf == NULL)
	{
		ctx->failed = true;
		return "?";
	}
	gip_decimal_format(v, buf);
	return buf;
}

/* ----------------------------------------------------------------
 * Cells, labels and findings
 * ---------------------------------------------------------------- */

static bool
has_value(const GipCell *cell)
{
	return cell != NULL && cell->state == GIP_CELL_VALUE;
}

static bool
is_missing(const GipCell *cell)
{
	return cell == NULL || cell->state == GIP_CELL_MISSING;
}

/* Does 0 stand for what the cell holds when read as 0?  (Not for text.) */
static bool
is_blank_like(const GipCell *cell)
{
	return cell == NULL || cell->state == GIP_CELL_MISSING ||
		cell->state == GIP_CELL_BLANK || cell->state == GIP_CELL_PLACEHOLDER;
}

static char *afmt(GipValidateCtx *ctx, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));

/*
 * printf into the arena: formatted once into a buffer on the stack, which
 * holds nearly every message, and again only when it is longer.
 */
static char *
afmt(GipValidateCtx *ctx, const char *fmt,...)
{
	va_list		ap;
	int			len;
	char	   *buf;
	char		local[1024];

	va_start(ap, fmt);
	len = vsnprintf(local, sizeof(local), fmt, ap);
	va_end(ap);
	if (len < 0 || (buf = gip_alloc(ctx->arena, (size_t) len + 1)) == NULL)
	{
		ctx->failed = true;
		return NULL;
	}
	if ((size_t) len < sizeof(local))
		memcpy(buf, local, (size_t) len + 1);
	else
	{
		va_start(ap, fmt);
		vsnprintf(buf, (size_t) len + 1, fmt, ap);
		va_end(ap);
	}
	return buf;
}

/* The row's label as printed in the report, else the template's. */
static const char *
row_label(GipValidateCtx *ctx, const GipReport *report, int table_no, int row)
{
	const GipTableDef *table = gip_report_table(report, table_no);

	if (table_no != 4)
		for (int i = 0; i < report->nrows; i++)
		{
			const GipRowSource *src = &report->rows[i];

			if (src->table_no == table_no && src->row == row &&
				src->label.len > 0 && src->label.len < 200 &&
				(uint64_t) src->label.off + src->label.len <= report->pool_len)
			{
				char	   *s = gip_strndup(ctx->arena, report->pool + src->label.off,
											src->label.len);

				if (s == NULL)
					ctx->failed = true;
				else
					return s;
			}
		}
	return table ? table->rows[row].label : "?";
}

/* The label to show for a term (see Term). */
static const char *
term_label(GipValidateCtx *ctx, const Term *term)
{
	if (term->label != NULL)
		return term->label;
	return row_label(ctx, ctx->report, term->table_no, term->row);
}

/* The English name of a term. */
static const char *
term_code(const Term *term)
{
	return term->code != NULL ? term->code : "?";
}

/* The source line of a template row, or 0. */
static int
row_line(const GipReport *report, int table_no, int row)
{
	for (int i = 0; i < report->nrows; i++)
		if (report->rows[i].table_no == table_no && report->rows[i].row == row)
			return report->rows[i].line;
	return 0;
}

static const char *
table_name(int table_no)
{
	switch (table_no)
	{
		case 2:
			return "表二";
		case 3:
			return "表三";
		case 4:
			return "表四";
	}
	return "表";
}

/* What is wrong with a cell that holds no number, in Chinese. */
static const char *
cell_problem(GipValidateCtx *ctx, const GipReport *report, const GipCell *cell)
{
	if (cell == NULL || cell->state == GIP_CELL_MISSING)
		return "缺失";
	if (cell->state == GIP_CELL_BLANK)
		return "为空白";
	if (cell->state == GIP_CELL_AMBIGUOUS)
		return "无法确定属于哪一列（数字连写或位置对不齐）";
	if (cell->raw.len > 0 && cell->raw.len < 64 &&
		(uint64_t) cell->raw.off + cell->raw.len <= report->pool_len)
	{
		char	   *raw = gip_strndup(ctx->arena, report->pool + cell->raw.off,
									  cell->raw.len);

		if (raw != NULL)
			return afmt(ctx, cell->state == GIP_CELL_PLACEHOLDER ?
						"填写为“%s”而不是数字" : "写作“%s”，不是数字", raw);
	}
	return cell->state == GIP_CELL_PLACEHOLDER ? "填写为占位符而不是数字" : "不是数字";
}

/* The same in English. */
static const char *
cell_problem_en(GipValidateCtx *ctx, const GipReport *report, const GipCell *cell)
{
	if (cell == NULL || cell->state == GIP_CELL_MISSING)
		return "is missing";
	if (cell->state == GIP_CELL_BLANK)
		return "is blank";
	if (cell->state == GIP_CELL_AMBIGUOUS)
		return "cannot be placed in one column (glued digits or misaligned)";
	if (cell->raw.len > 0 && cell->raw.len < 64 &&
		(uint64_t) cell->raw.off + cell->raw.len <= report->pool_len)
	{
		char	   *raw = gip_strndup(ctx->arena, report->pool + cell->raw.off,
									  cell->raw.len);

		if (raw != NULL)
			return afmt(ctx, cell->state == GIP_CELL_PLACEHOLDER ?
						"is \"%s\", a placeholder, not a number" :
						"is \"%s\", not a number", raw);
	}
	return cell->state == GIP_CELL_PLACEHOLDER ?
		"is a placeholder, not a number" : "is not a number";
}

/*
 * Append a finding; message, message_en (without the rule id, which is
 * put in front) and codes must live in the arena.  Returns the finding,
 * NULL when memory ran out.
 */
static GipFinding *
add_finding(GipValidateCtx *ctx, const char *status, int table_no,
			const char *row_code, const char *column_code,
			const GipDecimal *expected, const GipDecimal *actual,
			int line, char *message, const char *message_en)
{
	GipFinding *f;
	char	   *en = message_en ? afmt(ctx, "%s: %s", ctx->rule->id, message_en) : NULL;

	if (ctx->failed || message == NULL || en == NULL)
	{
		ctx->failed = true;
		return NULL;
	}
	if (ctx->n == ctx->cap)
	{
		int			ncap = ctx->cap ? ctx->cap * 2 : 16;
		GipFinding *grown = gip_alloc(ctx->arena, sizeof(GipFinding) * ncap);

		if (grown == NULL)
		{
			ctx->failed = true;
			return NULL;
		}
		if (ctx->n > 0)
			memcpy(grown, ctx->findings, sizeof(GipFinding) * ctx->n);
		ctx->findings = grown;
		ctx->cap = ncap;
	}
	f = &ctx->findings[ctx->n++];
	memset(f, 0, sizeof(*f));
	f->rule_id = ctx->rule->id;
	f->severity = ctx->rule->severity;
	f->status = status;
	f->table_no = table_no;
	f->row_code = row_code;
	f->column_code = column_code;
	if (expected != NULL)
	{
		f->has_expected = true;
		f->expected = *expected;
	}
	if (actual != NULL)
	{
		f->has_actual = true;
		f->actual = *actual;
	}
	f->line = line;
	f->message = message;
	f->message_en = en;
	return f;
}

/* Copy what the blanks imply into finding f (NULL: nothing to do). */
static void
set_reading(GipFinding *f, const Reading *rd)
{
	if (f == NULL)
		return;
	f->holds = rd->holds;
	f->has_required = rd->has_required;
	if (rd->has_required)
		f->required = rd->required;
}

/* " (line N)" or "". */
static const char *
line_note_en(GipValidateCtx *ctx, int line)
{
	return line > 0 ? afmt(ctx, " (line %d)", line) : "";
}

/* "（第N行）" or "". */
static const char *
line_note(GipValidateCtx *ctx, int line)
{
	return line > 0 ? afmt(ctx, "（第%d行）", line) : "";
}

/*
 * Sum terms into *sum; false when an operand holds no number (then *sum
 * is not set) or the sum overflows.
 */
static bool
sum_terms(const Term *terms, int n, GipDecimal *sum)
{
	GipDecimal	s = dec_int(0);

	for (int i = 0; i < n; i++)
	{
		if (!has_value(terms[i].cell) || !dec_add(s, terms[i].cell->value, 1, &s))
			return false;
	}
	*sum = s;
	return true;
}

/* "a(1)+b(2)=3", or "a为1" for a single term, or "caption为3". */
static const char *
side_text(GipValidateCtx *ctx, const Term *terms, int n, const char *caption,
		  GipDecimal sum)
{
	const char *s = "";

	if (caption != NULL)
		return afmt(ctx, "%s为%s", caption, dec_text(ctx, sum));
	if (n == 1)
		return afmt(ctx, "%s为%s", term_label(ctx, &terms[0]), dec_text(ctx, sum));
	for (int i = 0; i < n && s != NULL; i++)
		s = afmt(ctx, "%s%s%s(%s)", s, i > 0 ? "+" : "", term_label(ctx, &terms[i]),
				 dec_text(ctx, terms[i].cell->value));
	return s ? afmt(ctx, "%s=%s", s, dec_text(ctx, sum)) : NULL;
}

/* "a(1) + b(2) = 3", "a is 1" or "caption = 3", in English. */
static const char *
side_text_en(GipValidateCtx *ctx, const Term *terms, int n, const char *caption,
			 GipDecimal sum)
{
	const char *s = "";

	if (caption != NULL)
		return afmt(ctx, "%s = %s", caption, dec_text(ctx, sum));
	if (n == 1)
		return afmt(ctx, "%s is %s", term_code(&terms[0]), dec_text(ctx, sum));
	for (int i = 0; i < n && s != NULL; i++)
		s = afmt(ctx, "%s%s%s(%s)", s, i > 0 ? " + " : "", term_code(&terms[i]),
				 dec_text(ctx, terms[i].cell->value));
	return s ? afmt(ctx, "%s = %s", s, dec_text(ctx, sum)) : NULL;
}

/* "a为空白、b缺失" for the terms that hold no number (at most 4). */
static const char *
problems_text(GipValidateCtx *ctx, const GipReport *report,
			  const Term *terms, int n)
{
	const char *s = "";
	int			shown = 0;
	int			total = 0;

	for (int i = 0; i < n; i++)
	{
		if (has_value(terms[i].cell))
			continue;
		total++;
		if (shown < 4 && s != NULL)
		{
			s = afmt(ctx, "%s%s%s%s", s, shown > 0 ? "、" : "", term_label(ctx, &terms[i]),
					 cell_problem(ctx, terms[i].from ? terms[i].from : report,
								  terms[i].cell));
			shown++;
		}
	}
	if (s != NULL && total > shown)
		s = afmt(ctx, "%s等%d格", s, total);
	return s;
}

/* "a is blank, b is missing" for the terms that hold no number, in English. */
static const char *
problems_text_en(GipValidateCtx *ctx, const GipReport *report,
				 const Term *terms, int n)
{
	const char *s = "";
	int			shown = 0;
	int			total = 0;

	for (int i = 0; i < n; i++)
	{
		if (has_value(terms[i].cell))
			continue;
		total++;
		if (shown < 4 && s != NULL)
		{
			s = afmt(ctx, "%s%s%s %s", s, shown > 0 ? ", " : "", term_code(&terms[i]),
					 cell_problem_en(ctx, terms[i].from ? terms[i].from : report,
									 terms[i].cell));
			shown++;
		}
	}
	if (s != NULL && total > shown)
		s = afmt(ctx, "%s (%d cells in all)", s, total);
	return s;
}

/*
 * What the operands without a number imply for sum(left) = sum(right):
 * see Reading.  Sums of the known operands that overflow leave it empty.
 */
static void
read_blanks(const Term *left, int nleft, const Term *right, int nright,
			Reading *rd)
{
	GipDecimal	l = dec_int(0),
				r = dec_int(0),
				need;
	bool		blank_only = true;
	int			unknown_side = 0;

	memset(rd, 0, sizeof(*rd));
	for (int side = 0; side < 2; side++)
	{
		const Term *terms = side == 0 ? left : right;
		int			n = side == 0 ? nleft : nright;
		GipDecimal *sum = side == 0 ? &l : &r;

		for (int i = 0; i < n; i++)
		{
			if (has_value(terms[i].cell))
			{
				if (!dec_add(*sum, terms[i].cell->value, 1, sum))
				{
					memset(rd, 0, sizeof(*rd));
					return;
				}
				continue;
			}
			rd->nunknown++;
			unknown_side = side;
			if (!is_blank_like(terms[i].cell))
				blank_only = false;
		}
	}
	if (rd->nunknown == 0)
		return;
	if (blank_only)
		rd->holds = dec_eq(l, r) ? "holds" : "fails";
	if (rd->nunknown == 1 &&
		(unknown_side == 0 ? dec_add(r, l, -1, &need) : dec_add(l, r, -1, &need)))
	{
		if (need.mant < 0)
			rd->impossible = true;
		else
		{
			rd->has_required = true;
			rd->required = need;
		}
	}
}

/*
 * What the blanks imply, in Chinese: "若空白为0则平衡" and the like, with
 * agree naming the relation (平衡 for sums, 一致 for two figures); NULL
 * when there is nothing to say.
 */
static const char *
reading_text(GipValidateCtx *ctx, const Reading *rd, const char *agree)
{
	if (rd->holds != NULL && strcmp(rd->holds, "holds") == 0)
		return afmt(ctx, "若空白为0则%s", agree);
	if (rd->holds != NULL)
	{
		if (rd->has_required)
			return afmt(ctx, "若空白为0则不%s，空白处应为%s", agree,
						dec_text(ctx, rd->required));
		if (rd->impossible)
			return afmt(ctx, "若空白为0则不%s，空白处填任何非负数也不能%s", agree, agree);
		return afmt(ctx, "若空白为0则不%s", agree);
	}
	if (rd->has_required)
		return afmt(ctx, "该格应为%s才能%s", dec_text(ctx, rd->required), agree);
	if (rd->impossible)
		return afmt(ctx, "该格填任何非负数都不能%s", agree);
	return NULL;
}

/* The same in English, NULL when there is nothing to say. */
static const char *
reading_text_en(GipValidateCtx *ctx, const Reading *rd)
{
	if (rd->holds != NULL && strcmp(rd->holds, "holds") == 0)
		return "with blanks as 0 it holds";
	if (rd->holds != NULL)
	{
		if (rd->has_required)
			return afmt(ctx, "with blanks as 0 it fails; the blank must be %s",
						dec_text(ctx, rd->required));
		if (rd->impossible)
			return "with blanks as 0 it fails, and no non-negative value of the blank makes it hold";
		return "with blanks as 0 it fails";
	}
	if (rd->has_required)
		return afmt(ctx, "the cell must be %s for it to hold", dec_text(ctx, rd->required));
	if (rd->impossible)
		return "no non-negative value of the cell makes it hold";
	return NULL;
}

/* "；" + text, or "" when text is NULL (and the same with sep). */
static const char *
then_text(GipValidateCtx *ctx, const char *sep, const char *text)
{
	return text != NULL ? afmt(ctx, "%s%s", sep, text) : "";
}

/*
 * Does sum(left) = sum(right) hold with every operand a number?  The
 * callers skip building the texts of a finding when it does.
 */
static bool
identity_holds(const Term *left, int nleft, const Term *right, int nright)
{
	GipDecimal	l,
				r;

	return sum_terms(left, nleft, &l) && sum_terms(right, nright, &r) &&
		dec_eq(l, r);
}

/*
 * The generic identity check: sum(left) = sum(right).  where names the
 * place ("表三 总计列"), relation the identity in words (for uncertain
 * findings), captions replace the enumeration of a long side.
 */
typedef struct IdentityText
{
	const char *where;			/* "表三 总计列" */
	const char *relation;		/* the identity in words */
	const char *left_caption;	/* NULL: enumerate the left side */
	const char *right_caption;
	const char *where_en;		/* the same in English */
	const char *relation_en;
	const char *left_caption_en;
	const char *right_caption_en;
} IdentityText;

static void
check_identity(GipValidateCtx *ctx, int table_no, const char *row_code,
			   const char *column_code, const IdentityText *tx,
			   const Term *left, int nleft, const Term *right, int nright,
			   int line)
{
	const GipReport *report = ctx->report;
	GipDecimal	l,
				r,
				diff;
	Reading		rd;
	const char *known;
	bool		lok = sum_terms(left, nleft, &l);
	bool		rok = sum_terms(right, nright, &r);

	if (!lok || !rok)
	{
		Term		all[MAX_TERMS * 2];
		int			n = 0;

		for (int i = 0; i < nleft; i++)
			all[n++] = left[i];
		for (int i = 0; i < nright; i++)
			all[n++] = right[i];
		read_blanks(left, nleft, right, nright, &rd);
		/* the side that is all numbers, in English, when one is */
		known = lok ? side_text_en(ctx, left, nleft, tx->left_caption_en, l) :
			rok ? side_text_en(ctx, right, nright, tx->right_caption_en, r) : NULL;
		set_reading(add_finding(ctx, "uncertain", table_no, row_code, column_code,
								lok ? &l : NULL, rok ? &r : NULL, line,
								afmt(ctx, "%s：%s，无法核对%s%s；空白不等于0，数量为0的也请填写0%s",
									 tx->where, problems_text(ctx, report, all, n),
									 tx->relation,
									 then_text(ctx, "；", reading_text(ctx, &rd, "平衡")),
									 line_note(ctx, line)),
								afmt(ctx, "%s: %s%s%s, so %s cannot be checked%s%s",
									 tx->where_en, known ? known : "",
									 known ? ", but " : "",
									 problems_text_en(ctx, report, all, n),
									 tx->relation_en,
									 then_text(ctx, "; ", reading_text_en(ctx, &rd)),
									 line_note_en(ctx, line))),
					&rd);
		return;
	}
	if (dec_eq(l, r))
		return;
	if (!dec_absdiff(l, r, &diff))
		diff = dec_int(0);
	add_finding(ctx, "fail", table_no, row_code, column_code, &l, &r, line,
				afmt(ctx, "%s：%s，但%s，相差%s%s", tx->where,
					 side_text(ctx, left, nleft, tx->left_caption, l),
					 side_text(ctx, right, nright, tx->right_caption, r),
					 dec_text(ctx, diff), line_note(ctx, line)),
				afmt(ctx, "%s: %s, but %s, a difference of %s%s", tx->where_en,
					 side_text_en(ctx, left, nleft, tx->left_caption_en, l),
					 side_text_en(ctx, right, nright, tx->right_caption_en, r),
					 dec_text(ctx, diff), line_note_en(ctx, line)));
}

/* The line of the first cell of terms that has one, else fallback. */
static int
terms_line(const Term *terms, int n, int fallback)
{
	for (int i = 0; i < n; i++)
		if (terms[i].cell != NULL && terms[i].cell->line > 0)
			return terms[i].cell->line;
	return fallback;
}

/* Is the whole row absent from the document? */
static bool
row_missing(const GipReport *report, int table_no, int row)
{
	const GipTableDef *table = gip_report_table(report, table_no);
	const GipRowDef *def = &table->rows[row];
	int			ncols = table_no == 2 ? def->ncols : table->ncols;

	for (int k = 0; k < ncols; k++)
	{
		int			c = table_no == 2 ? def->cols[k] : k;

		if (!is_missing(gip_report_cell(report, table_no, row, c)))
			return false;
	}
	return true;
}

/* Table 三 with its structural rows, or false when it cannot be checked. */
typedef struct T3Rows
{
	const GipTableDef *t3;
	int			new_received;
	int			carried_over;
	int			total_processed;
	int			carried_forward;
	int			total_col;
} T3Rows;

static bool
t3_rows(const GipReport *report, T3Rows *rows)
{
	rows->t3 = gip_report_table(report, 3);
	if (rows->t3 == NULL || !report->has_t3)
		return false;
	rows->new_received = gip_row_index(rows->t3, "new_received");
	rows->carried_over = gip_row_index(rows->t3, "carried_over");
	rows->total_processed = gip_row_index(rows->t3, "total_processed");
	rows->carried_forward = gip_row_index(rows->t3, "carried_forward");
	rows->total_col = gip_col_with_flags(rows->t3, GIP_COL_TOTAL);
	return rows->new_received >= 0 && rows->carried_over >= 0 &&
		rows->total_processed >= 0 && rows->carried_forward >= 0 &&
		rows->total_col >= 0;
}

/* A term for cell (table_no, row, col) labelled by its row. */
static Term
row_term(const GipReport *report, int table_no, int row, int col)
{
	Term		t;

	const GipTableDef *table = gip_report_table(report, table_no);

	t.cell = gip_report_cell(report, table_no, row, col);
	t.label = NULL;
	t.code = table ? table->rows[row].code : NULL;
	t.from = NULL;
	t.table_no = table_no;
	t.row = row;
	return t;
}

/* ----------------------------------------------------------------
 * The rules
 * ---------------------------------------------------------------- */

/* t3.balance: new_received + carried_over = total_processed + carried_forward */
static void
check_t3_balance(GipValidateCtx *ctx)
{
	const GipReport *report = ctx->report;
	T3Rows		t;

	if (!t3_rows(report, &t))
		return;
	for (int c = 0; c < t.t3->ncols && !ctx->failed; c++)
	{
		Term		left[2],
					right[2];
		IdentityText tx;

		left[0] = row_term(report, 3, t.new_received, c);
		left[1] = row_term(report, 3, t.carried_over, c);
		right[0] = row_term(report, 3, t.total_processed, c);
		right[1] = row_term(report, 3, t.carried_forward, c);
		if (identity_holds(left, 2, right, 2))
			continue;
		memset(&tx, 0, sizeof(tx));
		tx.where = afmt(ctx, "表三 %s列", t.t3->columns[c].label);
		tx.relation = "“本年新收+上年结转=办理结果总计+结转下年度”";
		tx.where_en = afmt(ctx, "table 3 column %s", t.t3->columns[c].code);
		tx.relation_en = "new_received + carried_over = total_processed + carried_forward";
		check_identity(ctx, 3, NULL, t.t3->columns[c].code, &tx,
					   left, 2, right, 2,
					   terms_line(right, 2, terms_line(left, 2, 0)));
	}
}

/* t3.outcome_sum: the rows of an outcome group sum to total_processed */
static void
check_t3_outcome_sum(GipValidateCtx *ctx)
{
	const GipReport *report = ctx->report;
	T3Rows		t;

	if (!t3_rows(report, &t))
		return;
	for (int c = 0; c < t.t3->ncols && !ctx->failed; c++)
	{
		Term		parts[MAX_TERMS];
		Term		total;
		IdentityText tx;
		int			n = 0;
		const char *first = NULL;
		const char *last = NULL;
		const char *first_code = NULL;
		const char *last_code = NULL;

		for (int r = 0; r < t.t3->nrows && n < MAX_TERMS; r++)
		{
			if (t.t3->rows[r].group == NULL)
				continue;
			parts[n++] = row_term(report, 3, r, c);
			if (first == NULL)
			{
				first = t.t3->rows[r].label;
				first_code = t.t3->rows[r].code;
			}
			last = t.t3->rows[r].label;
			last_code = t.t3->rows[r].code;
		}
		total = row_term(report, 3, t.total_processed, c);
		if (identity_holds(parts, n, &total, 1))
			continue;
		tx.where = afmt(ctx, "表三 %s列", t.t3->columns[c].label);
		tx.relation = afmt(ctx, "各项办理结果之和是否等于%s", term_label(ctx, &total));
		tx.left_caption = afmt(ctx, "各项办理结果（%s至%s）之和", first, last);
		tx.right_caption = NULL;
		tx.where_en = afmt(ctx, "table 3 column %s", t.t3->columns[c].code);
		tx.relation_en = "the outcome rows summing to total_processed";
		tx.left_caption_en = afmt(ctx, "the outcome rows (%s to %s) sum", first_code,
								  last_code);
		tx.right_caption_en = NULL;
		check_identity(ctx, 3, t.t3->rows[t.total_processed].code, t.t3->columns[c].code,
					   &tx, parts, n, &total, 1,
					   terms_line(&total, 1, terms_line(parts, n, 0)));
	}
}

/* The per-row identity of a table: the other columns sum to the total one. */
static void
check_row_totals(GipValidateCtx *ctx, int table_no, bool skip_missing_rows)
{
	const GipReport *report = ctx->report;
	const GipTableDef *table = gip_report_table(report, table_no);
	int			total_col;

	if (table == NULL || (table_no == 3 ? !report->has_t3 : !report->has_t4))
		return;
	total_col = gip_col_with_flags(table, GIP_COL_TOTAL);
	if (total_col < 0)
		return;
	for (int r = 0; r < table->nrows && !ctx->failed; r++)
	{
		Term		parts[GIP_MAX_ROW_COLS];
		Term		total;
		IdentityText tx;
		int			n = 0;
		const char *label;

		if (skip_missing_rows && row_missing(report, table_no, r))
			continue;
		for (int c = 0; c < table->ncols; c++)
		{
			if (c == total_col)
				continue;
			memset(&parts[n], 0, sizeof(Term));
			parts[n].cell = gip_report_cell(report, table_no, r, c);
			parts[n].label = table->columns[c].label;
			parts[n].code = table->columns[c].code;
			n++;
		}
		memset(&total, 0, sizeof(total));
		total.cell = gip_report_cell(report, table_no, r, total_col);
		total.label = table->columns[total_col].label;
		total.code = table->columns[total_col].code;
		if (identity_holds(parts, n, &total, 1))
			continue;
		label = row_label(ctx, report, table_no, r);
		memset(&tx, 0, sizeof(tx));
		tx.where = afmt(ctx, table_no == 3 ? "%s 「%s」行" : "%s %s",
						table_name(table_no), label);
		tx.relation = table_no == 3 ? "“各类申请人之和=总计”" :
			"“结果维持+结果纠正+其他结果+尚未审结=总计”";
		tx.where_en = afmt(ctx, "table %d row %s", table_no, table->rows[r].code);
		tx.relation_en = table_no == 3 ? "the applicant columns summing to total" :
			"upheld + corrected + other + pending = total";
		check_identity(ctx, table_no, table->rows[r].code, table->columns[total_col].code,
					   &tx, parts, n, &total, 1,
					   terms_line(&total, 1, terms_line(parts, n,
														row_line(report, table_no, r))));
	}
}

/* t3.row_total: the six applicant columns sum to total */
static void
check_t3_row_total(GipValidateCtx *ctx)
{
	check_row_totals(ctx, 3, true);
}

/* t4.total: upheld + corrected + other + pending = total */
static void
check_t4_total(GipValidateCtx *ctx)
{
	check_row_totals(ctx, 4, true);
}

/* "表三 「row」行「column」列" for a cell of a finding. */
static const char *
cell_where(GipValidateCtx *ctx, const GipCell *cell)
{
	const GipTableDef *table = gip_report_table(ctx->report, cell->table_no);

	return afmt(ctx, "%s 「%s」行「%s」列", table_name(cell->table_no),
				row_label(ctx, ctx->report, cell->table_no, cell->row),
				table->columns[cell->col].label);
}

/* "table 3 row granted column total" for a cell of a finding. */
static const char *
cell_where_en(GipValidateCtx *ctx, const GipCell *cell)
{
	const GipTableDef *table = gip_report_table(ctx->report, cell->table_no);

	return afmt(ctx, "table %d row %s column %s", cell->table_no,
				table->rows[cell->row].code, table->columns[cell->col].code);
}

/* value.nonnegative: counts are non-negative integers, amounts >= 0 */
static void
check_nonnegative(GipValidateCtx *ctx)
{
	const GipReport *report = ctx->report;

	for (int i = 0; i < report->ncells && !ctx->failed; i++)
	{
		const GipCell *cell = &report->cells[i];
		const GipTableDef *table = gip_report_table(report, cell->table_no);
		const char *col_code;
		bool		amount;
		bool		signed_ok;
		int			line;

		if (table == NULL || cell->row >= table->nrows || cell->col >= table->ncols)
			continue;
		if (cell->state != GIP_CELL_VALUE && cell->state != GIP_CELL_INVALID &&
			cell->state != GIP_CELL_AMBIGUOUS)
			continue;
		col_code = table->columns[cell->col].code;
		/* amounts may have a fraction */
		amount = (table->columns[cell->col].flags & GIP_COL_AMOUNT) != 0;
		/* a change (本年增/减 of the 2019 table 二) may be negative */
		signed_ok = (table->columns[cell->col].flags & GIP_COL_SIGNED) != 0;
		line = cell->line;
		if (cell->state == GIP_CELL_INVALID || cell->state == GIP_CELL_AMBIGUOUS)
		{
			add_finding(ctx, "uncertain", cell->table_no,
						table->rows[cell->row].code, col_code, NULL, NULL, line,
						afmt(ctx, "%s%s，无法判断是否为非负数，请改为数字%s", cell_where(ctx, cell),
							 cell_problem(ctx, report, cell), line_note(ctx, line)),
						afmt(ctx, "%s %s, so it cannot be checked to be non-negative: write a number%s",
							 cell_where_en(ctx, cell), cell_problem_en(ctx, report, cell),
							 line_note_en(ctx, line)));
			continue;
		}
		if (cell->value.mant < 0 && !signed_ok)
		{
			GipDecimal	zero = dec_int(0);

			add_finding(ctx, "fail", cell->table_no, table->rows[cell->row].code,
						col_code, &zero, &cell->value, line,
						afmt(ctx, "%s为负数%s，%s不能为负%s", cell_where(ctx, cell),
							 dec_text(ctx, cell->value), amount ? "金额" : "件数",
							 line_note(ctx, line)),
						afmt(ctx, "%s is negative (%s): %s cannot be negative%s",
							 cell_where_en(ctx, cell), dec_text(ctx, cell->value),
							 amount ? "an amount" : "a count", line_note_en(ctx, line)));
			continue;
		}
		if (!amount)
		{
			GipDecimal	whole = cell->value;
			bool		integral = true;

			for (int s = 0; s < whole.scale; s++)
			{
				if (whole.mant % 10 != 0)
					integral = false;
				whole.mant /= 10;
			}
			if (!integral)
				add_finding(ctx, "fail", cell->table_no, table->rows[cell->row].code,
							col_code, NULL, &cell->value, line,
							afmt(ctx, "%s为%s，件数应为整数%s", cell_where(ctx, cell),
								 dec_text(ctx, cell->value), line_note(ctx, line)),
							afmt(ctx, "%s is %s: a count is a whole number%s",
								 cell_where_en(ctx, cell), dec_text(ctx, cell->value),
								 line_note_en(ctx, line)));
		}
	}
}

/* structure.missing: a table, row or cell of the template is absent */
static void
check_missing(GipValidateCtx *ctx)
{
	const GipReport *report = ctx->report;
	const bool	found[5] = {false, false, report->has_t2, report->has_t3, report->has_t4};

	for (int t = 2; t <= 4 && !ctx->failed; t++)
	{
		const GipTableDef *table = gip_report_table(report, t);

		if (table == NULL)
			continue;
		if (!found[t])
		{
			add_finding(ctx, "fail", t, NULL, NULL, NULL, NULL, 0,
						afmt(ctx, "报告中没有找到%s“%s”，请按%s年版格式补上该表",
							 table_name(t), table->title,
							 report->tmpl ? report->tmpl->name : "规定"),
						afmt(ctx, "table %d (%s) is not in the report: add it as the %s template has it",
							 t, table->title, report->tmpl ? report->tmpl->name : "prescribed"));
			continue;
		}
		for (int r = 0; r < table->nrows && !ctx->failed; r++)
		{
			const GipRowDef *def = &table->rows[r];
			int			ncols = t == 2 ? def->ncols : table->ncols;

			if (row_missing(report, t, r))
			{
				add_finding(ctx, "fail", t, def->code, NULL, NULL, NULL, 0,
							afmt(ctx, "%s缺少“%s”行，请按格式补上该行（没有数据的填0）",
								 table_name(t), def->label),
							afmt(ctx, "table %d has no row %s (%s): add it as the template has it (0 where there is nothing to count)",
								 t, def->code, def->label));
				continue;
			}
			for (int k = 0; k < ncols; k++)
			{
				int			c = t == 2 ? def->cols[k] : k;

				if (is_missing(gip_report_cell(report, t, r, c)))
				{
					int			line = row_line(report, t, r);

					add_finding(ctx, "fail", t, def->code, table->columns[c].code,
								NULL, NULL, line,
								afmt(ctx, "%s 「%s」行缺少“%s”列的数字%s",
									 table_name(t), row_label(ctx, report, t, r),
									 table->columns[c].label, line_note(ctx, line)),
								afmt(ctx, "table %d row %s has no number in column %s%s",
									 t, def->code, table->columns[c].code,
									 line_note_en(ctx, line)));
				}
			}
		}
	}
}

/* The template meant for report year, or NULL. */
static const GipTemplate *
template_for_year(int year)
{
	for (int i = 0; gip_templates[i] != NULL; i++)
	{
		const GipTemplate *t = gip_templates[i];

		if (year >= t->first_year && (t->last_year == 0 || year <= t->last_year))
			return t;
	}
	return NULL;
}

/* meta.template_year: the template does not match the report year */
static void
check_template_year(GipValidateCtx *ctx)
{
	const GipReport *report = ctx->report;
	const GipTemplate *tmpl = report->tmpl;
	const GipTemplate *right;
	GipDecimal	year;

	if (tmpl == NULL)
		return;
	if (report->year <= 0)
	{
		add_finding(ctx, "uncertain", 0, NULL, "year", NULL, NULL, 0,
					afmt(ctx, "没有找到报告年度，无法判断%s年版格式是否适用", tmpl->name),
					afmt(ctx, "no report year found: cannot tell whether the %s template applies",
						 tmpl->name));
		return;
	}
	if (report->year >= tmpl->first_year &&
		(tmpl->last_year == 0 || report->year <= tmpl->last_year))
		return;
	year = dec_int(report->year);
	right = template_for_year(report->year);
	add_finding(ctx, "fail", 2, NULL, NULL, NULL, &year, report->year_line,
				afmt(ctx, "%d年度报告使用了%s年版格式（%s）%s%s%s%s",
					 report->year, tmpl->name, tmpl->issued_by,
					 right ? "，应使用" : "",
					 right ? right->name : "",
					 right ? "年版格式" : "，该年度没有适用的格式",
					 line_note(ctx, report->year_line)),
				afmt(ctx, "the %d report uses the %s template%s%s%s%s",
					 report->year, tmpl->name,
					 right ? "; it should use the " : ": no template is meant for that year",
					 right ? right->name : "", right ? " template" : "",
					 line_note_en(ctx, report->year_line)));
}

/* meta.year_mismatch: title year, statistics period and signature disagree */
static void
check_year_mismatch(GipValidateCtx *ctx)
{
	const GipReport *report = ctx->report;
	int			year = report->year;
	GipDecimal	expected,
				actual;

	if (year <= 0)
	{
		if (report->period_end.year > 0 || report->published.year > 0)
			add_finding(ctx, "uncertain", 0, NULL, "year", NULL, NULL, 0,
						afmt(ctx, "标题中没有找到报告年度，无法与统计期限和落款日期核对"),
						afmt(ctx, "no report year in the title: cannot compare it with the statistics period and the signature date"));
		return;
	}
	expected = dec_int(year);
	if (report->period_start.year > 0 && report->period_start.year != year)
	{
		actual = dec_int(report->period_start.year);
		add_finding(ctx, "fail", 0, NULL, "period_start", &expected, &actual,
					report->period_start.line,
					afmt(ctx, "标题为%d年度报告，但统计期限自%d年%d月%d日起%s", year,
						 report->period_start.year, report->period_start.month,
						 report->period_start.day,
						 line_note(ctx, report->period_start.line)),
					afmt(ctx, "the title says a %d report, but the statistics period starts on %04d-%02d-%02d%s",
						 year, report->period_start.year, report->period_start.month,
						 report->period_start.day, line_note_en(ctx, report->period_start.line)));
	}
	if (report->period_end.year > 0 && report->period_end.year != year)
	{
		actual = dec_int(report->period_end.year);
		add_finding(ctx, "fail", 0, NULL, "period_end", &expected, &actual,
					report->period_end.line,
					afmt(ctx, "标题为%d年度报告，但统计期限至%d年%d月%d日止%s", year,
						 report->period_end.year, report->period_end.month,
						 report->period_end.day,
						 line_note(ctx, report->period_end.line)),
					afmt(ctx, "the title says a %d report, but the statistics period ends on %04d-%02d-%02d%s",
						 year, report->period_end.year, report->period_end.month,
						 report->period_end.day, line_note_en(ctx, report->period_end.line)));
	}
	if (report->published.year > 0 && report->published.year != year &&
		report->published.year != year + 1)
	{
		actual = dec_int(report->published.year);
		add_finding(ctx, "fail", 0, NULL, "published", &expected, &actual,
					report->published.line,
					afmt(ctx, "标题为%d年度报告，但落款日期为%d年%d月%d日（应在%d年或%d年）%s",
						 year, report->published.year, report->published.month,
						 report->published.day, year, year + 1,
						 line_note(ctx, report->published.line)),
					afmt(ctx, "the title says a %d report, but it is signed on %04d-%02d-%02d (it should be in %d or %d)%s",
						 year, report->published.year, report->published.month,
						 report->published.day, year, year + 1,
						 line_note_en(ctx, report->published.line)));
	}
}

/* meta.published_late: signed after 31 January of the following year */
static void
check_published_late(GipValidateCtx *ctx)
{
	const GipReport *report = ctx->report;
	const GipDate *p = &report->published;
	int			year = report->year > 0 ? report->year : report->period_end.year;

	if (p->year <= 0)
	{
		add_finding(ctx, "uncertain", 0, NULL, "published", NULL, NULL, 0,
					afmt(ctx, "报告没有落款日期，无法判断是否在次年1月31日前公布"),
					afmt(ctx, "the report has no signature date: cannot tell whether it was published by 31 January of the following year"));
		return;
	}
	if (year <= 0)
	{
		add_finding(ctx, "uncertain", 0, NULL, "published", NULL, NULL, p->line,
					afmt(ctx, "没有找到报告年度，无法判断落款日期%d年%d月%d日是否逾期%s",
						 p->year, p->month, p->day, line_note(ctx, p->line)),
					afmt(ctx, "no report year found: cannot tell whether the signature date %04d-%02d-%02d is late%s",
						 p->year, p->month, p->day, line_note_en(ctx, p->line)));
		return;
	}
	if (p->year > year + 1 || (p->year == year + 1 && p->month > 1))
		add_finding(ctx, "fail", 0, NULL, "published", NULL, NULL, p->line,
					afmt(ctx, "%d年度报告落款日期为%d年%d月%d日，晚于%d年1月31日的公布期限%s",
						 year, p->year, p->month, p->day, year + 1,
						 line_note(ctx, p->line)),
					afmt(ctx, "the %d report is signed on %04d-%02d-%02d, after the deadline of 31 January %d%s",
						 year, p->year, p->month, p->day, year + 1,
						 line_note_en(ctx, p->line)));
}

/* The cell of (table_no, row code, column code), or NULL. */
static const GipCell *
cell_by_code(const GipReport *report, int table_no, const char *row_code,
			 const char *col_code, int *row_out)
{
	const GipTableDef *table = gip_report_table(report, table_no);
	int			r,
				c;

	if (table == NULL)
		return NULL;
	r = gip_row_index(table, row_code);
	c = gip_col_index(table, col_code);
	if (row_out)
		*row_out = r;
	if (r < 0 || c < 0)
		return NULL;
	return gip_report_cell(report, table_no, r, c);
}

/* What a narrative claim is compared with. */
typedef struct ClaimTarget
{
	GipClaimKind kind;
	int			table_no;
	const char *row_code;
	const char *col_code;
	const char *also_row;		/* a second row added to it, or NULL */
	const char *alt_row;		/* an alternative sum also accepted, or NULL */
} ClaimTarget;

static const ClaimTarget claim_targets[] = {
	{GIP_CLAIM_RECEIVED, 3, "new_received", "total", NULL, "carried_over"},
	{GIP_CLAIM_CARRIED_OVER, 3, "carried_over", "total", NULL, NULL},
	{GIP_CLAIM_CARRIED_FORWARD, 3, "carried_forward", "total", NULL, NULL},
	{GIP_CLAIM_LICENSING, 2, "licensing", "decisions", NULL, NULL},
	{GIP_CLAIM_PUNISHMENT, 2, "punishment", "decisions", NULL, NULL},
	{GIP_CLAIM_COERCION, 2, "coercion", "decisions", NULL, NULL},
	{GIP_CLAIM_REVIEW, 4, "review", "total", NULL, NULL},
	{GIP_CLAIM_LITIGATION, 4, "litigation_direct", "total", "litigation_after_review", NULL},
};

/* narrative.mismatch: a figure in the narrative disagrees with the table */
static void
check_narrative(GipValidateCtx *ctx)
{
	const GipReport *report = ctx->report;
	const bool	found[5] = {false, false, report->has_t2, report->has_t3, report->has_t4};
	GipClaim   *claims;
	int			n = gip_narrative_claims(report->overview, report->year, ctx->arena, &claims);

	if (n < 0)
	{
		ctx->failed = true;
		return;
	}
	for (int i = 0; i < n && !ctx->failed; i++)
	{
		const GipClaim *claim = &claims[i];
		const ClaimTarget *t = NULL;
		const GipTableDef *table;
		Term		terms[2];
		int			nterms = 1;
		int			row;
		GipDecimal	value;
		bool		dup = false;
		const char *where_en;
		/* the source line of the narrative line the figure stands on */
		int			line = (claim->line_offset >= 0 &&
							claim->line_offset < report->overview_nlines) ?
			report->overview_lines[claim->line_offset] : report->overview_line;
		const char *where;

		for (int k = 0; k < i; k++)
			if (claims[k].kind == claim->kind && dec_eq(claims[k].value, claim->value))
				dup = true;
		for (int k = 0; k < (int) (sizeof(claim_targets) / sizeof(claim_targets[0])); k++)
			if (claim_targets[k].kind == claim->kind)
				t = &claim_targets[k];
		if (dup || t == NULL || !found[t->table_no])
			continue;
		table = gip_report_table(report, t->table_no);
		memset(terms, 0, sizeof(terms));
		terms[0].cell = cell_by_code(report, t->table_no, t->row_code, t->col_code, &row);
		if (row < 0)
			continue;
		terms[0].code = afmt(ctx, "%s/%s", t->row_code, t->col_code);
		terms[1].code = t->also_row ? afmt(ctx, "%s/%s", t->also_row, t->col_code) : NULL;
		terms[0].label = afmt(ctx, "「%s」行“%s”列", row_label(ctx, report, t->table_no, row),
							  table->columns[gip_col_index(table, t->col_code)].label);
		if (t->also_row != NULL)
		{
			terms[1].cell = cell_by_code(report, t->table_no, t->also_row, t->col_code, &row);
			if (row < 0)
				continue;
			terms[1].label = afmt(ctx, "「%s」行“%s”列", row_label(ctx, report, t->table_no, row),
								  table->columns[gip_col_index(table, t->col_code)].label);
			nterms = 2;
		}
		where = line > 0 ?
			afmt(ctx, "第一部分“总体情况”（自第%d行起）写“%s”", line, claim->phrase) :
			afmt(ctx, "第一部分“总体情况”写“%s”", claim->phrase);
		where_en = line > 0 ?
			afmt(ctx, "the overview (from line %d) says \"%s\"", line, claim->phrase) :
			afmt(ctx, "the overview says \"%s\"", claim->phrase);
		if (!sum_terms(terms, nterms, &value))
		{
			GipCell		said;
			Term		stated;
			Reading		rd;

			/* the figure of the text as the other side of the identity */
			memset(&said, 0, sizeof(said));
			said.state = GIP_CELL_VALUE;
			said.value = claim->value;
			memset(&stated, 0, sizeof(stated));
			stated.cell = &said;
			read_blanks(terms, nterms, &stated, 1, &rd);
			if (t->alt_row != NULL)
			{
				/* the figure may count another row too: no single value */
				const GipCell *alt = cell_by_code(report, t->table_no, t->alt_row,
												  t->col_code, NULL);
				GipDecimal	known = dec_int(0);
				bool		ok = true;

				rd.has_required = false;
				rd.impossible = false;
				for (int k = 0; k < nterms; k++)
					if (has_value(terms[k].cell))
						ok = ok && dec_add(known, terms[k].cell->value, 1, &known);
				if (rd.holds != NULL && strcmp(rd.holds, "fails") == 0 && ok &&
					has_value(alt) && dec_add(known, alt->value, 1, &known) &&
					dec_eq(known, claim->value))
					rd.holds = "holds";
			}
			set_reading(add_finding(ctx, "uncertain", t->table_no, t->row_code, t->col_code,
									NULL, &claim->value, line,
									afmt(ctx, "%s，但%s%s，无法核对%s", where,
										 table_name(t->table_no),
										 problems_text(ctx, report, terms, nterms),
										 then_text(ctx, "；", reading_text(ctx, &rd, "一致"))),
									afmt(ctx, "%s (%s), but in table %d %s, so they cannot be compared%s",
										 where_en, dec_text(ctx, claim->value), t->table_no,
										 problems_text_en(ctx, report, terms, nterms),
										 then_text(ctx, "; ", reading_text_en(ctx, &rd)))),
						&rd);
			continue;
		}
		if (dec_eq(value, claim->value))
			continue;
		if (t->alt_row != NULL)
		{
			const GipCell *alt = cell_by_code(report, t->table_no, t->alt_row, t->col_code, NULL);
			GipDecimal	both;

			/* "受理…N件" may count last year's carried-over applications too */
			if (has_value(alt) && dec_add(value, alt->value, 1, &both) &&
				dec_eq(both, claim->value))
				continue;
		}
		{
			GipDecimal	diff;
			const char *cells;
			const char *cells_en;

			if (!dec_absdiff(value, claim->value, &diff))
				diff = dec_int(0);
			cells = nterms == 1 ?
				afmt(ctx, "%s为%s", terms[0].label, dec_text(ctx, value)) :
				afmt(ctx, "%s与%s合计为%s", terms[0].label, terms[1].label,
					 dec_text(ctx, value));
			cells_en = nterms == 1 ?
				afmt(ctx, "%s is %s", terms[0].code, dec_text(ctx, value)) :
				afmt(ctx, "%s and %s together are %s", terms[0].code, terms[1].code,
					 dec_text(ctx, value));
			add_finding(ctx, "fail", t->table_no, t->row_code, t->col_code,
						&value, &claim->value, line,
						afmt(ctx, "%s（%s），但%s%s，相差%s，请核对正文或表格", where,
							 dec_text(ctx, claim->value), table_name(t->table_no),
							 cells, dec_text(ctx, diff)),
						afmt(ctx, "%s (%s), but in table %d %s, a difference of %s: check the text or the table",
							 where_en, dec_text(ctx, claim->value), t->table_no,
							 cells_en, dec_text(ctx, diff)));
		}
	}
}

/* history.carryover: carried_over = previous year's carried_forward */
static void
check_history_carryover(GipValidateCtx *ctx)
{
	const GipReport *report = ctx->report;
	const GipReport *prev = ctx->previous;
	T3Rows		t,
				p;

	if (prev == NULL || !t3_rows(report, &t) || !t3_rows(prev, &p))
		return;
	for (int c = 0; c < t.t3->ncols && !ctx->failed; c++)
	{
		const char *col_code = t.t3->columns[c].code;
		int			pc = gip_col_index(p.t3, col_code);
		Term		now,
					before;
		GipDecimal	diff;
		int			line;

		if (pc < 0)
			continue;
		now = row_term(report, 3, t.carried_over, c);
		memset(&before, 0, sizeof(before));
		before.cell = gip_report_cell(prev, 3, p.carried_forward, pc);
		before.label = afmt(ctx, "上一年度报告（%d年）的“%s”",
							prev->year, row_label(ctx, prev, 3, p.carried_forward));
		before.code = afmt(ctx, "the previous report's (%d) carried_forward", prev->year);
		before.from = prev;
		line = terms_line(&now, 1, row_line(report, 3, t.carried_over));
		if (!has_value(now.cell) || !has_value(before.cell))
		{
			Reading		rd;

			read_blanks(&now, 1, &before, 1, &rd);
			set_reading(add_finding(ctx, "uncertain", 3, t.t3->rows[t.carried_over].code, col_code,
									has_value(before.cell) ? &before.cell->value : NULL,
									has_value(now.cell) ? &now.cell->value : NULL, line,
									afmt(ctx, "表三 %s列：%s%s%s%s，无法核对上年结转数%s%s",
										 t.t3->columns[c].label,
										 has_value(now.cell) ? "" : term_label(ctx, &now),
										 has_value(now.cell) ? "" : cell_problem(ctx, report, now.cell),
										 has_value(now.cell) || has_value(before.cell) ? "" : "、",
										 has_value(before.cell) ? "" :
										 afmt(ctx, "%s%s", before.label, cell_problem(ctx, prev, before.cell)),
										 then_text(ctx, "；", reading_text(ctx, &rd, "一致")),
										 line_note(ctx, line)),
									afmt(ctx, "table 3 column %s: %s, so carried_over cannot be compared with the previous report%s%s",
										 col_code, problems_text_en(ctx, report, (Term[]) {now, before}, 2),
										 then_text(ctx, "; ", reading_text_en(ctx, &rd)),
										 line_note_en(ctx, line))),
						&rd);
			continue;
		}
		if (dec_eq(now.cell->value, before.cell->value))
			continue;
		if (!dec_absdiff(now.cell->value, before.cell->value, &diff))
			diff = dec_int(0);
		add_finding(ctx, "fail", 3, t.t3->rows[t.carried_over].code, col_code,
					&before.cell->value, &now.cell->value, line,
					afmt(ctx, "表三 %s列：本年“%s”为%s，但%s为%s，相差%s%s",
						 t.t3->columns[c].label, term_label(ctx, &now),
						 dec_text(ctx, now.cell->value), before.label,
						 dec_text(ctx, before.cell->value), dec_text(ctx, diff),
						 line_note(ctx, line)),
					afmt(ctx, "table 3 column %s: carried_over is %s, but %s is %s, a difference of %s%s",
						 col_code, dec_text(ctx, now.cell->value), before.code,
						 dec_text(ctx, before.cell->value), dec_text(ctx, diff),
						 line_note_en(ctx, line)));
	}
}

/* Does row def carry column col? */
static bool
row_has_col(const GipRowDef *def, int col)
{
	for (int k = 0; k < def->ncols; k++)
		if (def->cols[k] == col)
			return true;
	return false;
}

/* history.t2_stock: previous in_force + issued - repealed = in_force */
static void
check_history_t2_stock(GipValidateCtx *ctx)
{
	const GipReport *report = ctx->report;
	const GipReport *prev = ctx->previous;
	const GipTableDef *t2,
			   *p2;
	int			issued,
				repealed,
				in_force,
				p_in_force;

	if (prev == NULL || !report->has_t2 || !prev->has_t2)
		return;
	t2 = gip_report_table(report, 2);
	p2 = gip_report_table(prev, 2);
	if (t2 == NULL || p2 == NULL)
		return;
	issued = gip_col_index(t2, "issued");
	repealed = gip_col_index(t2, "repealed");
	in_force = gip_col_index(t2, "in_force");
	p_in_force = gip_col_index(p2, "in_force");
	if (issued < 0 || repealed < 0 || in_force < 0 || p_in_force < 0)
		return;					/* 2021 template only */
	for (int r = 0; r < t2->nrows && !ctx->failed; r++)
	{
		const GipRowDef *def = &t2->rows[r];
		int			pr = gip_row_index(p2, def->code);
		Term		left[3],
					right;
		const char *label;

		if (pr < 0 || !row_has_col(def, in_force) || !row_has_col(def, issued) ||
			!row_has_col(def, repealed) || !row_has_col(&p2->rows[pr], p_in_force))
			continue;
		label = row_label(ctx, report, 2, r);
		memset(left, 0, sizeof(left));
		memset(&right, 0, sizeof(right));
		left[0].cell = gip_report_cell(prev, 2, pr, p_in_force);
		left[0].label = afmt(ctx, "上年%s", p2->columns[p_in_force].label);
		left[0].code = "the previous report's in_force";
		left[0].from = prev;
		left[1].cell = gip_report_cell(report, 2, r, issued);
		left[1].label = t2->columns[issued].label;
		left[1].code = "issued";
		left[2].cell = gip_report_cell(report, 2, r, repealed);
		left[2].label = t2->columns[repealed].label;
		left[2].code = "repealed";
		right.cell = gip_report_cell(report, 2, r, in_force);
		right.label = afmt(ctx, "本年%s", t2->columns[in_force].label);
		right.code = "in_force";
		/* check_identity reads cell problems from ctx->report; fine for labels */
		{
			GipDecimal	l,
						diff;
			int			line = terms_line(&right, 1, row_line(report, 2, r));
			bool		lok = has_value(left[0].cell) && has_value(left[1].cell) &&
				has_value(left[2].cell) &&
				dec_add(left[0].cell->value, left[1].cell->value, 1, &l) &&
				dec_add(l, left[2].cell->value, -1, &l);

			if (!lok || !has_value(right.cell))
			{
				/* as sums: previous in_force + issued = in_force + repealed */
				Term		plus[2] = {left[0], left[1]};
				Term		minus[2] = {right, left[2]};
				Term		all[4] = {left[0], left[1], left[2], right};
				Reading		rd;

				read_blanks(plus, 2, minus, 2, &rd);
				set_reading(add_finding(ctx, "uncertain", 2, def->code, t2->columns[in_force].code,
										lok ? &l : NULL,
										has_value(right.cell) ? &right.cell->value : NULL, line,
										afmt(ctx, "表二 「%s」行：%s，无法核对“上年现行有效+本年制发-本年废止=本年现行有效”%s%s",
											 label, problems_text(ctx, report, all, 4),
											 then_text(ctx, "；", reading_text(ctx, &rd, "一致")),
											 line_note(ctx, line)),
										afmt(ctx, "table 2 row %s: %s, so the previous in_force + issued - repealed = in_force cannot be checked%s%s",
											 def->code, problems_text_en(ctx, report, all, 4),
											 then_text(ctx, "; ", reading_text_en(ctx, &rd)),
											 line_note_en(ctx, line))),
							&rd);
				continue;
			}
			if (dec_eq(l, right.cell->value))
				continue;
			if (!dec_absdiff(l, right.cell->value, &diff))
				diff = dec_int(0);
			add_finding(ctx, "fail", 2, def->code, t2->columns[in_force].code,
						&l, &right.cell->value, line,
						afmt(ctx, "表二 「%s」行：%s(%s)+%s(%s)-%s(%s)=%s，但%s为%s，相差%s%s",
							 label, left[0].label, dec_text(ctx, left[0].cell->value),
							 left[1].label, dec_text(ctx, left[1].cell->value),
							 left[2].label, dec_text(ctx, left[2].cell->value),
							 dec_text(ctx, l), right.label,
							 dec_text(ctx, right.cell->value), dec_text(ctx, diff),
							 line_note(ctx, line)),
						afmt(ctx, "table 2 row %s: the previous in_force(%s) + issued(%s) - repealed(%s) = %s, but in_force is %s, a difference of %s%s",
							 def->code, dec_text(ctx, left[0].cell->value),
							 dec_text(ctx, left[1].cell->value),
							 dec_text(ctx, left[2].cell->value), dec_text(ctx, l),
							 dec_text(ctx, right.cell->value), dec_text(ctx, diff),
							 line_note_en(ctx, line)));
		}
	}
}

/* ----------------------------------------------------------------
 * The rule table and the entry point
 * ---------------------------------------------------------------- */

const GipRule gip_rule_table[] = {
	{"t3.balance", "error",
		"per column of table 3: new_received + carried_over = total_processed + carried_forward",
	"表三每列：本年新收+上年结转=办理结果总计+结转下年度继续办理", check_t3_balance},
	{"t3.outcome_sum", "error",
		"per column of table 3: the outcome rows (granted ... other) sum to total_processed",
	"表三每列：各项办理结果之和=（七）总计", check_t3_outcome_sum},
	{"t3.row_total", "error",
		"per row of table 3: the six applicant columns sum to total",
	"表三每行：各类申请人之和=总计", check_t3_row_total},
	{"t4.total", "error",
		"per category of table 4: upheld + corrected + other + pending = total",
	"表四每类：结果维持+结果纠正+其他结果+尚未审结=总计", check_t4_total},
	{"value.nonnegative", "error",
		"every count is a non-negative integer; amounts are non-negative",
	"件数为非负整数，金额不为负", check_nonnegative},
	{"structure.missing", "error",
		"a table, row or cell of the template is absent from the document",
	"格式规定的表、行或单元格缺失", check_missing},
	{"meta.template_year", "warning",
		"the template does not match the report year",
	"所用格式与报告年度不符", check_template_year},
	{"meta.year_mismatch", "warning",
		"the year in the title, the statistics period and the signature date disagree",
	"标题年度、统计期限与落款日期不一致", check_year_mismatch},
	{"meta.published_late", "warning",
		"the signature date is after 31 January of the following year",
	"落款日期晚于次年1月31日", check_published_late},
	{"narrative.mismatch", "warning",
		"a figure stated in the narrative disagrees with the table",
	"正文所述数字与表格不一致", check_narrative},
	{"history.carryover", "warning",
		"per column of table 3: carried_over differs from the previous year's carried_forward",
	"表三每列：上年结转与上一年度报告的结转下年度不一致", check_history_carryover},
	{"history.t2_stock", "warning",
		"2021 template: previous in_force + issued - repealed differs from in_force",
	"表二（2021年版）：上年现行有效+本年制发-本年废止≠本年现行有效", check_history_t2_stock},
};

const int	gip_rule_count = (int) (sizeof(gip_rule_table) / sizeof(gip_rule_table[0]));

/* Run every rule over report. */
int
gip_validate(const GipReport *report, const GipReport *previous,
			 GipArena *arena, GipFinding **findings_out, GipError *err)
{
	GipValidateCtx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.report = report;
	ctx.previous = previous;
	ctx.arena = arena;
	*findings_out = NULL;
	if (report == NULL || report->tmpl == NULL)
		return 0;
	for (int i = 0; i < gip_rule_count && !ctx.failed; i++)
	{
		ctx.rule = &gip_rule_table[i];
		gip_rule_table[i].check(&ctx);
		if (arena->interrupt_fn && arena->interrupt_fn(arena->ctx))
		{
			gip_error_set(err, GIP_ERR_CANCELED, 0, "validation canceled", NULL);
			return -1;
		}
	}
	if (ctx.failed)
	{
		gip_error_set(err, GIP_ERR_NOMEM, 0, "out of memory while validating a report", NULL);
		return -1;
	}
	*findings_out = ctx.findings;
	return ctx.n;
}
