/*
 * test_lines.c
 *		Unit test of the line index of a plain text (gip_text_lines in
 *		lines.c), which the glued-text test, the judging of the form and the
 *		row builder share: lines are cut as a memchr() loop cuts them (a
 *		final newline makes no empty last line), and each line's tab flags
 *		say whether it has a tab, whether that tab starts it, and whether it
 *		has another; the index is built once per text.  Also the cells of
 *		ASCII digits that gip_row_ready() reads without folding: the same
 *		kind, value and key as gip_classify() gives.
 */
#include "unit.h"

static UnitDoc u;

/* The index of text (NUL-terminated), built afresh. */
static const GipLines *
lines_of(const char *text)
{
	u.doc.lines.built = false;
	return gip_text_lines(&u.doc, text, strlen(text));
}

/* Line i of lines as a string (in a static buffer). */
static const char *
line_text(const GipLines *lines, const char *text, int i)
{
	static char buf[256];
	uint32_t	start = i == 0 ? 0 : lines->end[i - 1] + 1;
	uint32_t	len = lines->end[i] - start;

	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, text + start, len);
	buf[len] = '\0';
	return buf;
}

/* Fold and classify a row of the given cell texts as the row builder does. */
static Row
ready_row(const char *const *texts, int n)
{
	static Cell cells[8];
	Row			row;

	memset(&row, 0, sizeof(row));
	for (int i = 0; i < n; i++)
	{
		memset(&cells[i], 0, sizeof(cells[i]));
		cells[i].raw = texts[i];
		cells[i].raw_len = (uint32_t) strlen(texts[i]);
	}
	row.cells = cells;
	row.ncells = n;
	row.tabular = true;
	gip_row_ready(&u.doc, &row);
	return row;
}

int
main(void)
{
	const GipLines *lines;

	unit_doc_init(&u, false);

	/* three lines; the final newline makes no fourth, empty one */
	{
		const char *text = "规章\t3\n\n行政许可 12\n";

		lines = lines_of(text);
		CHECK_INT(lines->n, 3);
		CHECK_STR(line_text(lines, text, 0), "规章\t3");
		CHECK_STR(line_text(lines, text, 1), "");
		CHECK_STR(line_text(lines, text, 2), "行政许可 12");
		CHECK_INT(lines->tabs[0], GIP_LINE_TAB);
		CHECK_INT(lines->tabs[1], 0);
		CHECK_INT(lines->tabs[2], 0);
	}
	/* without a final newline the last line counts; an empty text has none */
	{
		lines = lines_of("一\n二");
		CHECK_INT(lines->n, 2);
		CHECK_INT(lines->end[1], (int) strlen("一\n二"));
		lines = lines_of("");
		CHECK_INT(lines->n, 0);
		lines = lines_of("\n");
		CHECK_INT(lines->n, 1);
		CHECK_INT(lines->end[0], 0);
	}
	/* a DOCX cell line (one tab, first), a TSV line (two tabs), a mix */
	{
		const char *text = "\t规章\n规章\t0\t0\n\t1\t2\nx\n\t\n";

		lines = lines_of(text);
		CHECK_INT(lines->n, 5);
		CHECK_INT(lines->tabs[0], GIP_LINE_TAB | GIP_LINE_TAB_FIRST);
		CHECK_INT(lines->tabs[1], GIP_LINE_TAB | GIP_LINE_TABS);
		CHECK_INT(lines->tabs[2], GIP_LINE_TAB | GIP_LINE_TAB_FIRST | GIP_LINE_TABS);
		CHECK_INT(lines->tabs[3], 0);
		CHECK_INT(lines->tabs[4], GIP_LINE_TAB | GIP_LINE_TAB_FIRST);
		/* the tabs of a line with many tell no more, and the next line's are found */
		lines = lines_of("a\tb\tc\td\n\te\n");
		CHECK_INT(lines->tabs[0], GIP_LINE_TAB | GIP_LINE_TABS);
		CHECK_INT(lines->tabs[1], GIP_LINE_TAB | GIP_LINE_TAB_FIRST);
	}
	/* the index is kept for the same text and built again for another */
	{
		const char *text = "甲\n乙\n";
		const GipLines *again;

		lines = lines_of(text);
		again = gip_text_lines(&u.doc, text, strlen(text));
		CHECK(again == lines && again->n == 2);
		again = gip_text_lines(&u.doc, text, 2);	/* a shorter text */
		CHECK_INT(again->n, 1);
	}
	/* many lines: the index grows */
	{
		static char text[3000];
		size_t		len = 0;

		for (int i = 0; i < 1000; i++)
		{
			text[len++] = (char) ('0' + i % 10);
			text[len++] = '\n';
		}
		text[len] = '\0';
		lines = lines_of(text);
		CHECK_INT(lines->n, 1000);
		CHECK_INT(lines->end[999], 1999);
		CHECK_STR(line_text(lines, text, 517), "7");
	}

	/*
	 * random texts of newlines, tabs and other bytes, 0 to 99 bytes (both
	 * the sixteen-byte loop and the byte loop after it): the same lines and
	 * flags as a plain loop over the bytes gives
	 */
	{
		static const char alphabet[] = {'\n', '\t', 'a', ' ', (char) 0xE8, (char) 0x0A ^ 0x80};
		static char text[100];
		uint32_t	seed = 12345;
		int			differ = 0;

		for (int round = 0; round < 20000; round++)
		{
			size_t		len;
			uint32_t	ref_end[100];
			uint8_t		ref_tabs[100];
			int			ref_n = 0;
			uint32_t	start = 0;
			int			ntabs = 0;
			bool		first = false;

			seed = seed * 1103515245 + 12345;
			len = (seed >> 16) % 100;
			for (size_t k = 0; k < len; k++)
			{
				seed = seed * 1103515245 + 12345;
				text[k] = alphabet[(seed >> 16) % sizeof(alphabet)];
			}
			for (size_t k = 0; k <= len; k++)
			{
				if (k == len && start >= len)
					break;
				if (k == len || text[k] == '\n')
				{
					ref_end[ref_n] = (uint32_t) k;
					ref_tabs[ref_n++] = (uint8_t) (ntabs == 0 ? 0 :
												   GIP_LINE_TAB | (first ? GIP_LINE_TAB_FIRST : 0) |
												   (ntabs >= 2 ? GIP_LINE_TABS : 0));
					start = (uint32_t) k + 1;
					ntabs = 0;
					first = false;
				}
				else if (text[k] == '\t')
				{
					if (ntabs == 0 && k == start)
						first = true;
					ntabs++;
				}
			}
			u.doc.lines.built = false;
			lines = gip_text_lines(&u.doc, text, len);
			if (lines == NULL || lines->n != ref_n)
				differ++;
			else
				for (int k = 0; k < ref_n; k++)
					if (lines->end[k] != ref_end[k] || lines->tabs[k] != ref_tabs[k])
						differ++;
		}
		CHECK_INT(differ, 0);
	}

	/* cells of ASCII digits: numbers with their key, as gip_classify says */
	{
		const char *texts[] = {"（一）予以公开", "0", "12", "007", "123456789012345678", "1234567890123456789", "3件"};
		Row			row = ready_row(texts, 7);

		CHECK_INT(row.last_text, 0);
		CHECK_INT(row.nvalues, 6);
		CHECK_INT(row.cells[1].kind, CK_NUMBER);
		CHECK_INT(row.cells[1].value.mant, 0);
		CHECK_INT(row.cells[2].value.mant, 12);
		CHECK_INT(row.cells[2].key_len, 2);
		CHECK(memcmp(row.cells[2].key, "12", 2) == 0);
		CHECK_INT(row.cells[3].value.mant, 7);
		CHECK_INT(row.cells[3].value.scale, 0);
		CHECK_INT(row.cells[4].kind, CK_NUMBER);
		CHECK_INT(row.cells[4].value.mant, 123456789012345678LL);
		/* nineteen digits are too many for a count: text, as gip_classify has it */
		CHECK_INT(row.cells[5].kind, unit_cell(&u, "1234567890123456789").kind);
		CHECK_INT(row.cells[5].kind, CK_TEXT);
		CHECK_INT(row.cells[6].kind, CK_NUMBER);
		CHECK_INT(row.cells[6].unit, UNIT_COUNT);
		CHECK_INT(row.nfilled, 5);
	}

	unit_doc_free(&u);
	UNIT_DONE();
}
