/*
 * test_classify.c
 *		Unit test of number classification (gip_classify in fold.c): what a
 *		cell holds once folded -- a number with its unit, a blank, a
 *		placeholder or text -- for the ways the reports write their cells.
 */
#include "unit.h"

/* text classifies as a number mant / 10^scale with unit. */
#define CHECK_NUMBER(u, text, m, s, un) \
	do { \
		Cell c_ = unit_cell((u), (text)); \
		if (!unit_check(c_.kind == CK_NUMBER && c_.value.mant == (m) && \
						c_.value.scale == (s) && c_.unit == (un), \
						__FILE__, __LINE__, "number: " text)) \
			fprintf(stderr, "    kind %d, mant %" PRId64 ", scale %d, unit %d\n", \
					c_.kind, c_.value.mant, c_.value.scale, c_.unit); \
	} while (0)

/* text classifies as kind (not a number). */
#define CHECK_KIND(u, text, k) \
	do { \
		Cell c_ = unit_cell((u), (text)); \
		if (!unit_check(c_.kind == (k), __FILE__, __LINE__, #k ": " text)) \
			fprintf(stderr, "    kind %d\n", c_.kind); \
	} while (0)

int
main(void)
{
	UnitDoc		u;

	unit_doc_init(&u, false);

	/* plain numbers, decimals, the unit-less zero 〇 */
	CHECK_NUMBER(&u, "0", 0, 0, UNIT_NONE);
	CHECK_NUMBER(&u, "337", 337, 0, UNIT_NONE);
	CHECK_NUMBER(&u, "12.5", 125, 1, UNIT_NONE);
	CHECK_NUMBER(&u, "0.05", 5, 2, UNIT_NONE);
	CHECK_NUMBER(&u, "〇", 0, 0, UNIT_NONE);

	/* units */
	CHECK_NUMBER(&u, "4件", 4, 0, UNIT_COUNT);
	CHECK_NUMBER(&u, "12条", 12, 0, UNIT_COUNT);
	CHECK_NUMBER(&u, "300元", 300, 0, UNIT_YUAN);
	CHECK_NUMBER(&u, "1.5万元", 15, 1, UNIT_WAN_YUAN);
	CHECK_NUMBER(&u, "2万元", 2, 0, UNIT_WAN_YUAN);

	/* full-width digits, signs and units (NFKC) */
	CHECK_NUMBER(&u, "１２３", 123, 0, UNIT_NONE);
	CHECK_NUMBER(&u, "４５件", 45, 0, UNIT_COUNT);
	CHECK_NUMBER(&u, "１，２３４", 1234, 0, UNIT_NONE);
	CHECK_NUMBER(&u, "－３", -3, 0, UNIT_NONE);

	/* thousands separators */
	CHECK_NUMBER(&u, "1,234", 1234, 0, UNIT_NONE);
	CHECK_NUMBER(&u, "12,345,678", 12345678, 0, UNIT_NONE);
	CHECK_NUMBER(&u, "1,234.50元", 123450, 2, UNIT_YUAN);

	/* spaces of every kind are folded away */
	CHECK_NUMBER(&u, " 42 ", 42, 0, UNIT_NONE);
	CHECK_NUMBER(&u, "\u300042\u3000", 42, 0, UNIT_NONE);
	CHECK_NUMBER(&u, "\u00a042", 42, 0, UNIT_NONE);
	CHECK_NUMBER(&u, "1 234", 1234, 0, UNIT_NONE);
	CHECK_NUMBER(&u, "7 件", 7, 0, UNIT_COUNT);

	/* signs */
	CHECK_NUMBER(&u, "-5", -5, 0, UNIT_NONE);
	CHECK_NUMBER(&u, "+7", 7, 0, UNIT_NONE);
	CHECK_NUMBER(&u, "-0.5", -5, 1, UNIT_NONE);

	/* placeholders: "no value" */
	CHECK_KIND(&u, "/", CK_PLACEHOLDER);
	CHECK_KIND(&u, "—", CK_PLACEHOLDER);
	CHECK_KIND(&u, "——", CK_PLACEHOLDER);
	CHECK_KIND(&u, "-", CK_PLACEHOLDER);
	CHECK_KIND(&u, "--", CK_PLACEHOLDER);
	CHECK_KIND(&u, "－", CK_PLACEHOLDER);
	CHECK_KIND(&u, "无", CK_PLACEHOLDER);
	CHECK_KIND(&u, "暂无", CK_PLACEHOLDER);
	CHECK_KIND(&u, "／", CK_PLACEHOLDER);
	CHECK_KIND(&u, "N/A", CK_PLACEHOLDER);
	/* every word of the list, past the test of its first byte */
	CHECK_KIND(&u, "空", CK_PLACEHOLDER);
	CHECK_KIND(&u, "\\", CK_PLACEHOLDER);
	CHECK_KIND(&u, "–", CK_PLACEHOLDER);
	CHECK_KIND(&u, "―", CK_PLACEHOLDER);
	CHECK_KIND(&u, "─", CK_PLACEHOLDER);
	CHECK_KIND(&u, "*", CK_PLACEHOLDER);
	CHECK_KIND(&u, "×", CK_PLACEHOLDER);
	CHECK_KIND(&u, "…", CK_TEXT);	/* folds to "..." */
	CHECK_KIND(&u, "_", CK_PLACEHOLDER);
	CHECK_KIND(&u, "n/a", CK_PLACEHOLDER);
	CHECK_KIND(&u, "NA", CK_PLACEHOLDER);
	CHECK_KIND(&u, "∕∕", CK_PLACEHOLDER);	/* U+2215 */
	CHECK_KIND(&u, "−", CK_PLACEHOLDER);	/* U+2212 */
	/* words of those first bytes that are no placeholder */
	CHECK_KIND(&u, "无法提供", CK_TEXT);
	CHECK_KIND(&u, "空白", CK_TEXT);
	CHECK_KIND(&u, "Nx", CK_TEXT);
	CHECK_KIND(&u, "—1", CK_TEXT);

	/* blanks */
	CHECK_KIND(&u, "", CK_BLANK);
	CHECK_KIND(&u, "   ", CK_BLANK);
	CHECK_KIND(&u, "\u3000\u3000", CK_BLANK);
	CHECK_KIND(&u, "\u00a0", CK_BLANK);
	CHECK_KIND(&u, "\t", CK_BLANK);

	/* labels and other text are not numbers */
	CHECK_KIND(&u, "3.其他", CK_TEXT);
	CHECK_KIND(&u, "（三）其他", CK_TEXT);
	CHECK_KIND(&u, "二十", CK_TEXT);
	CHECK_KIND(&u, "12人次", CK_TEXT);
	CHECK_KIND(&u, "1.", CK_TEXT);
	CHECK_KIND(&u, "1,", CK_TEXT);
	CHECK_KIND(&u, "12a", CK_TEXT);
	CHECK_KIND(&u, "1234567890123456789", CK_TEXT);	/* 19 digits */
	CHECK_KIND(&u, "行政许可", CK_TEXT);
	CHECK_KIND(&u, "无此项", CK_TEXT);

	/* the 18-digit limit still reads as a number */
	CHECK_NUMBER(&u, "123456789012345678", INT64_C(123456789012345678), 0, UNIT_NONE);

	unit_doc_free(&u);
	UNIT_DONE();
}
