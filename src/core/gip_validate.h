/*
 * gip_validate.h
 *		The consistency rules of the annual report format (doc/FORMAT.md,
 *		"Consistency rules") as data, and the checker that applies them to a
 *		parsed report.
 *
 * Like the rest of the core this is free of PostgreSQL headers: findings
 * are allocated from the caller's GipArena.  Blank is not zero: a check
 * whose operands include a blank, placeholder, missing or invalid cell
 * yields a finding with status "uncertain", never a pass and never a sum
 * computed with 0.  An uncertain finding of an identity still says what
 * its blanks imply: whether the identity would hold with them read as 0
 * (holds), and, when a single operand holds no number, the value it must
 * have for the identity to hold (required).
 */
#ifndef GIP_VALIDATE_H
#define GIP_VALIDATE_H

#include "gip_core.h"

/* One failed or undecidable check. */
typedef struct GipFinding
{
	const char *rule_id;		/* e.g. "t3.balance" */
	const char *severity;		/* "error" or "warning" */
	const char *status;			/* "fail" or "uncertain" */
	int			table_no;		/* 2, 3, 4, or 0 when not about a table */
	const char *row_code;		/* NULL when not about a row */
	const char *column_code;	/* NULL when not about a column */
	bool		has_expected;
	GipDecimal	expected;		/* what the other side says it should be */
	bool		has_actual;
	GipDecimal	actual;			/* what the report prints */
	int			line;			/* source line, 0 when unknown */
	char	   *message;		/* Chinese, names rows and columns as printed */
	char	   *message_en;		/* English, names rows and columns by code */
	/*
	 * Uncertain identities: "holds" or "fails" with the blank, placeholder
	 * and missing operands read as 0 (NULL when the rule is no identity or
	 * an operand is text or ambiguous, which 0 does not stand for), and
	 * the value the one operand without a number must have for the
	 * identity to hold (has_required false when more than one operand
	 * holds no number or the value would have to be negative).
	 */
	const char *holds;
	bool		has_required;
	GipDecimal	required;
} GipFinding;

/* What an uncertain error finding does to a report's validity. */
typedef enum GipUncertainMode
{
	GIP_UNCERTAIN_LENIENT = 0,	/* it passes */
	GIP_UNCERTAIN_STRICT,		/* it fails */
	GIP_UNCERTAIN_ZEROS			/* it passes when its identity holds with
								 * the blanks read as 0 */
} GipUncertainMode;

typedef struct GipValidateCtx GipValidateCtx;

/* A rule: its stable id, severity, what it checks, and the check itself. */
typedef struct GipRule
{
	const char *id;
	const char *severity;
	const char *description;	/* English */
	const char *description_zh; /* Chinese */
	void		(*check) (GipValidateCtx *ctx);
} GipRule;

/* The rules, in the order of doc/FORMAT.md; gip_rule_count entries. */
extern const GipRule gip_rule_table[];
extern const int gip_rule_count;

/*
 * Check report (and, when previous is not NULL, the same body's report of
 * the previous year for the history.* rules).  Returns the number of
 * findings, stored in *findings_out, or -1 with err filled when memory
 * runs out.
 */
extern int	gip_validate(const GipReport *report, const GipReport *previous,
						 GipArena *arena, GipFinding **findings_out,
						 GipError *err);

/*
 * Does finding f make its report invalid under mode?  A failing error
 * does; an uncertain error as mode says; a warning never does.
 */
extern bool gip_finding_refuses(const GipFinding *f, GipUncertainMode mode);

/* Does any of the n findings make the report invalid under mode? */
extern bool gip_findings_refuse(const GipFinding *findings, int n,
								GipUncertainMode mode);

/* The mode named name (lenient, strict, zeros); false when none is. */
extern bool gip_uncertain_mode_by_name(const char *name, GipUncertainMode *mode);

/* ----------------------------------------------------------------
 * Figures stated in the narrative (narrative.c)
 * ---------------------------------------------------------------- */

/* What a narrative figure refers to. */
typedef enum GipClaimKind
{
	GIP_CLAIM_RECEIVED = 0,		/* 收到/受理/新收 … 政府信息公开申请 N 件 */
	GIP_CLAIM_CARRIED_OVER,		/* 上年结转 N 件 */
	GIP_CLAIM_CARRIED_FORWARD,	/* 结转下年度 N 件 */
	GIP_CLAIM_LICENSING,		/* 行政许可 N */
	GIP_CLAIM_PUNISHMENT,		/* 行政处罚 N */
	GIP_CLAIM_COERCION,			/* 行政强制 N */
	GIP_CLAIM_REVIEW,			/* 行政复议 N 件 */
	GIP_CLAIM_LITIGATION		/* 行政诉讼 N 件 */
} GipClaimKind;

typedef struct GipClaim
{
	GipClaimKind kind;
	GipDecimal	value;
	const char *phrase;			/* the words around the figure (UTF-8) */
	int			line_offset;	/* newlines before it in the text */
} GipClaim;

/*
 * Find figures in a narrative text.  year is the report year (0 when
 * unknown): a clause that names another year is about that year and is
 * skipped.  Returns the number of claims or -1 when memory runs out.
 */
extern int	gip_narrative_claims(const char *text, int year, GipArena *arena,
								 GipClaim **claims_out);

#endif							/* GIP_VALIDATE_H */
