/*
 * test_fold.c
 *		Unit test of folding (gip_fold and gip_fold_view in fold.c): NFKC,
 *		white space and format characters dropped, and Traditional
 *		characters folded to Simplified only when the document asks for it;
 *		the view is the text itself where folding changes nothing.
 */
#include "unit.h"

#include <unicode/uchar.h>

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

	/*
	 * gip_fold_view: the text itself when folding changes nothing, else
	 * the fold; the same bytes as gip_fold() either way
	 */
	{
		static const char *const texts[] = {
			"行政许可", "abc123", "本年新收政府信息公开申请数量",
			"（一）本年", " 行政许可", "行政 许可", "ＡＢ", "一\u3000二", "政府資訊公開",
			"x\x7f", NULL
		};
		UnitDoc    *docs[2] = {&plain, &trad};

		for (int d = 0; d < 2; d++)
			for (int i = 0; texts[i] != NULL; i++)
			{
				uint32_t	view_len = 0;
				uint32_t	fold_len = 0;
				const char *view = gip_fold_view(&docs[d]->doc, texts[i], strlen(texts[i]), &view_len);
				const char *fold = gip_fold(&docs[d]->doc, texts[i], strlen(texts[i]), &fold_len);

				CHECK(view != NULL && fold != NULL);
				CHECK(view_len == fold_len && memcmp(view, fold, fold_len) == 0);
			}
		/* no copy where nothing changes (Simplified text) */
		CHECK(gip_fold_view(&plain.doc, texts[2], strlen(texts[2]), &(uint32_t) {0}) == texts[2]);
		CHECK(gip_fold_view(&plain.doc, texts[1], strlen(texts[1]), &(uint32_t) {0}) == texts[1]);
		/* a copy where something does: a space, a full-width form, a Traditional document */
		CHECK(gip_fold_view(&plain.doc, texts[4], strlen(texts[4]), &(uint32_t) {0}) != texts[4]);
		CHECK(gip_fold_view(&plain.doc, texts[3], strlen(texts[3]), &(uint32_t) {0}) != texts[3]);
		CHECK(gip_fold_view(&trad.doc, texts[0], strlen(texts[0]), &(uint32_t) {0}) != texts[0]);
	}

	/*
	 * punctuation that folds to itself (、。《》) is a view once its fold is
	 * known, and stays the same bytes; what folds to something else (，
	 * to ',') never is
	 */
	{
		const char *punct = "规章、规范性文件。《条例》";
		const char *comma = "规章，规范性文件";
		uint32_t	len = 0;
		const char *first = gip_fold_view(&plain.doc, punct, strlen(punct), &len);
		const char *again;

		CHECK(first != NULL && len == strlen(punct) && memcmp(first, punct, len) == 0);
		again = gip_fold_view(&plain.doc, punct, strlen(punct), &len);
		CHECK(again == punct && len == strlen(punct));
		CHECK(gip_fold_view(&trad.doc, punct, strlen(punct), &len) != punct);
		gip_fold_view(&plain.doc, comma, strlen(comma), &len);
		again = gip_fold_view(&plain.doc, comma, strlen(comma), &len);
		CHECK(again != comma && len == strlen("规章,规范性文件") &&
			  memcmp(again, "规章,规范性文件", len) == 0);
	}

	/*
	 * gip_utf8_next's inline decoding agrees with ICU's decoder on every
	 * three-byte lead and the edges of the continuation range (E0 and ED
	 * have narrower second bytes; a sequence cut short is one byte)
	 */
	{
		long		differ = 0;

		for (int lead = 0xE0; lead <= 0xEF; lead++)
			for (int b1 = 0x70; b1 <= 0xC5; b1++)
				for (int b2 = 0x70; b2 <= 0xC5; b2++)
					for (size_t len = 2; len <= 4; len++)
					{
						unsigned char seq[4] = {(unsigned char) lead, (unsigned char) b1,
						(unsigned char) b2, 'A'};
						uint32_t	inline_cp = 0;
						uint32_t	icu_cp = 0;
						int			inline_len = gip_utf8_next(seq, len, &inline_cp);
						int			icu_len = gip_utf8_decode(seq, len, &icu_cp);

						if (inline_len != icu_len || inline_cp != icu_cp)
							differ++;
					}
		CHECK(differ == 0);
	}

	/* gip_text_is_traditional: three distinct marks */
	CHECK(gip_text_is_traditional("政府資訊公開工作年度報告", strlen("政府資訊公開工作年度報告")));
	CHECK(!gip_text_is_traditional("政府信息公开工作年度报告", strlen("政府信息公开工作年度报告")));
	CHECK(!gip_text_is_traditional("開開開", strlen("開開開")));

	/*
	 * gip_is_space_cp: its own list of white space between U+0080 and
	 * U+3000 is ICU's, and ICU knows none above U+3000 (the BOM is ours)
	 */
	{
		int			differ = 0;

		for (uint32_t cp = 0x80; cp <= 0x3000; cp++)
			if (gip_is_space_cp(cp) != gip_is_space_icu(cp))
				differ++;
		for (uint32_t cp = 0x3001; cp <= 0x10FFFF; cp++)
			if (u_isUWhiteSpace((UChar32) cp) || gip_is_space_cp(cp) != (cp == 0xFEFF))
				differ++;
		CHECK_INT(differ, 0);
		CHECK(gip_is_space_cp(0x3000) && gip_is_space_cp(0xA0) && gip_is_space_cp(0x200B));
		CHECK(!gip_is_space_cp(0x3001) && !gip_is_space_cp(0x2014));
	}

	/*
	 * gip_utf8_valid, which gipcli uses to check the promise the SQL glue
	 * relies on (a report's strings are valid UTF-8 when its input was)
	 */
	CHECK(gip_utf8_valid("报告 ABC，（一）", strlen("报告 ABC，（一）")));
	CHECK(gip_utf8_valid("\xF0\x9F\x98\x80", 4));	/* U+1F600 */
	CHECK(!gip_utf8_valid("\xE6\x8A", 2));	/* a cut character */
	CHECK(!gip_utf8_valid("\xC0\xAF", 2));	/* an overlong '/' */
	CHECK(!gip_utf8_valid("\xED\xA0\x80", 3));	/* a surrogate */
	CHECK(!gip_utf8_valid("a\x80" "b", 3));	/* a stray continuation byte */
	CHECK(!gip_utf8_valid("\xF4\x90\x80\x80", 4));	/* above U+10FFFF */

	unit_doc_free(&plain);
	unit_doc_free(&trad);
	UNIT_DONE();
}
