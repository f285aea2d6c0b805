/*
 * test_fold.c
 *		Unit test of folding (gip_fold in fold.c): NFKC, white space and
 *		format characters dropped, and Traditional characters folded to
 *		Simplified only when the document asks for it.
 */
#include "unit.h"

int
main(void)
{
	UnitDoc		plain;
	UnitDoc		trad;

	unit_doc_init(&plain, false);
	unit_doc_init(&trad, true);
	CHECK(trad.doc.traditional);	/* ICU's transform opened */

	/* ASCII and CJK pass through */
	CHECK_STR(unit_fold(&plain, "abc"), "abc");
	CHECK_STR(unit_fold(&plain, "行政许可"), "行政许可");
	CHECK_STR(unit_fold(&plain, ""), "");

	/* NFKC: full-width letters, digits and punctuation */
	CHECK_STR(unit_fold(&plain, "ＡＢＣ１２３"), "ABC123");
	CHECK_STR(unit_fold(&plain, "（一）"), "(一)");
	CHECK_STR(unit_fold(&plain, "１．其他"), "1.其他");
	CHECK_STR(unit_fold(&plain, "①"), "1");
	CHECK_STR(unit_fold(&plain, "㈠"), "(一)");

	/* white space of every kind, control and format characters go */
	CHECK_STR(unit_fold(&plain, " 行 政\t许\u3000可 "), "行政许可");
	CHECK_STR(unit_fold(&plain, "\u00a0总计\u00a0"), "总计");
	CHECK_STR(unit_fold(&plain, "总\u200b计"), "总计");
	CHECK_STR(unit_fold(&plain, "\ufeff总计"), "总计");
	CHECK_STR(unit_fold(&plain, "总\r\n计"), "总计");

	/* Traditional to Simplified: only when the document is Traditional */
	CHECK_STR(unit_fold(&plain, "政府資訊公開"), "政府資訊公開");
	CHECK_STR(unit_fold(&trad, "政府資訊公開"), "政府资讯公开");
	CHECK_STR(unit_fold(&trad, "行政複議"), "行政复议");
	CHECK_STR(unit_fold(&trad, "總計"), "总计");
	CHECK_STR(unit_fold(&trad, "申請人情況"), "申请人情况");
	/* Simplified text is left as it is */
	CHECK_STR(unit_fold(&trad, "行政复议"), "行政复议");
	/* both at once: full-width digits in Traditional text */
	CHECK_STR(unit_fold(&trad, "１２件處理"), "12件处理");

	/* gip_text_is_traditional: three distinct marks */
	CHECK(gip_text_is_traditional("政府資訊公開工作年度報告", strlen("政府資訊公開工作年度報告")));
	CHECK(!gip_text_is_traditional("政府信息公开工作年度报告", strlen("政府信息公开工作年度报告")));
	CHECK(!gip_text_is_traditional("開開開", strlen("開開開")));

	unit_doc_free(&plain);
	unit_doc_free(&trad);
	UNIT_DONE();
}
