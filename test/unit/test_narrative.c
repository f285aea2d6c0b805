/*
 * test_narrative.c
 *		Unit test of the narrative scanner (gip_narrative_claims in
 *		narrative.c): the figures a report's text states (收到申请4件,
 *		行政许可337 ...), and the sentences it must skip (another year, a
 *		part of the body, no unit where one is needed).
 */
#include "unit.h"

#include "gip_validate.h"

static GipArena arena;

/* The claims of text for year; *n their number. */
static GipClaim *
claims_of(const char *text, int year, int *n)
{
	GipClaim   *claims;

	*n = gip_narrative_claims(text, year, &arena, &claims);
	return claims;
}

/* text states exactly one figure: kind and value (an integer). */
#define CHECK_ONE(text, year, k, v) \
	do { \
		int n_; \
		GipClaim *c_ = claims_of((text), (year), &n_); \
		bool ok_ = n_ == 1 && c_[0].kind == (k) && c_[0].value.mant == (v) && \
			c_[0].value.scale == 0; \
		if (!unit_check(ok_, __FILE__, __LINE__, "one claim: " text)) \
		{ \
			fprintf(stderr, "    %d claims", n_); \
			for (int i_ = 0; i_ < n_; i_++) \
				fprintf(stderr, "; kind %d value %" PRId64 " \"%s\"", \
						c_[i_].kind, c_[i_].value.mant, c_[i_].phrase); \
			fputc('\n', stderr); \
		} \
	} while (0)

/* text states no figure. */
#define CHECK_NONE(text, year) \
	do { \
		int n_; \
		GipClaim *c_ = claims_of((text), (year), &n_); \
		if (!unit_check(n_ == 0, __FILE__, __LINE__, "no claim: " text)) \
			fprintf(stderr, "    %d claims, first kind %d value %" PRId64 "\n", \
					n_, c_[0].kind, c_[0].value.mant); \
	} while (0)

int
main(void)
{
	int			n;
	GipClaim   *c;

	gip_arena_init(&arena);

	/* applications received */
	CHECK_ONE("本年度共收到政府信息公开申请4件。", 2021, GIP_CLAIM_RECEIVED, 4);
	CHECK_ONE("收到政府信息公开申请4件", 2021, GIP_CLAIM_RECEIVED, 4);
	CHECK_ONE("受理信息公开申请共计12件", 0, GIP_CLAIM_RECEIVED, 12);
	CHECK_ONE("新收政府信息公开申请数量为 58 件。", 2021, GIP_CLAIM_RECEIVED, 58);
	/* full-width digits */
	CHECK_ONE("收到政府信息公开申请１５件。", 2021, GIP_CLAIM_RECEIVED, 15);
	/* a count needs its unit */
	CHECK_NONE("收到政府信息公开申请4", 2021);

	/* carried over and forward */
	CHECK_ONE("上年结转政府信息公开申请3件。", 2021, GIP_CLAIM_CARRIED_OVER, 3);
	CHECK_ONE("结转下年度继续办理2件。", 2021, GIP_CLAIM_CARRIED_FORWARD, 2);
	CHECK_ONE("另有5件顺延到下年度办理。", 2021, GIP_CLAIM_CARRIED_FORWARD, 5);

	/* decisions: no unit needed */
	CHECK_ONE("行政许可337", 2021, GIP_CLAIM_LICENSING, 337);
	CHECK_ONE("全年作出行政许可决定1024件。", 2021, GIP_CLAIM_LICENSING, 1024);
	CHECK_ONE("行政处罚：56", 2021, GIP_CLAIM_PUNISHMENT, 56);
	CHECK_ONE("行政强制共计7件", 2021, GIP_CLAIM_COERCION, 7);

	/* review and litigation: only in a sentence about disclosure */
	CHECK_ONE("因政府信息公开被申请行政复议2件。", 2021, GIP_CLAIM_REVIEW, 2);
	CHECK_ONE("因政府信息公开提起行政诉讼1件。", 2021, GIP_CLAIM_LITIGATION, 1);
	CHECK_NONE("办理行政复议案件30件。", 2021);

	/* another year, a part of the body, the year before: skipped */
	CHECK_NONE("2020年收到政府信息公开申请9件。", 2021);
	CHECK_ONE("2021年收到政府信息公开申请9件。", 2021, GIP_CLAIM_RECEIVED, 9);
	CHECK_NONE("其中办公室收到政府信息公开申请2件。", 2021);
	CHECK_NONE("去年收到政府信息公开申请6件。", 2021);

	/* no figure at all */
	CHECK_NONE("我局认真贯彻落实《条例》。", 2021);
	CHECK_NONE("", 2021);
	n = gip_narrative_claims(NULL, 2021, &arena, &c);
	CHECK_INT(n, 0);

	/* several figures, in order, with the line they stand on */
	c = claims_of("收到政府信息公开申请4件，\n行政许可337，行政处罚12。", 2021, &n);
	CHECK_INT(n, 3);
	if (n == 3)
	{
		CHECK_INT(c[0].kind, GIP_CLAIM_RECEIVED);
		CHECK_INT(c[0].value.mant, 4);
		CHECK_INT(c[0].line_offset, 0);
		CHECK_INT(c[1].kind, GIP_CLAIM_LICENSING);
		CHECK_INT(c[1].value.mant, 337);
		CHECK_INT(c[1].line_offset, 1);
		CHECK_STR(c[1].phrase, "行政许可337");
		CHECK_INT(c[2].kind, GIP_CLAIM_PUNISHMENT);
		CHECK_INT(c[2].value.mant, 12);
	}

	gip_arena_free(&arena);
	UNIT_DONE();
}
