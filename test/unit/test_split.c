/*
 * test_split.c
 *		Unit test of the glued-digit splitter as it is today (gip_split_glued
 *		in glued.c): a run of digits is split into a row's values only when
 *		exactly one split adds up (the parts before the last sum to the
 *		last); several splits, or too long a search, make the row ambiguous;
 *		cells that cannot be glued digits are left alone.
 */
#include "unit.h"

static UnitDoc u;

/* Split the k texts into ncols values; returns gip_split_glued's answer. */
static int
split(const char *const *texts, int k, int ncols, GipDecimal *values, int *owner)
{
	Cell		cells[GIP_MAX_ROW_COLS];

	for (int i = 0; i < k; i++)
		cells[i] = unit_cell(&u, texts[i]);
	return gip_split_glued(cells, k, ncols, values, owner);
}

/* values (ncols of them) are the integers want, from the cells owners. */
static bool
values_are(const GipDecimal *values, const int *owner, int ncols,
		   const int64_t *want, const int *want_owner)
{
	for (int i = 0; i < ncols; i++)
		if (values[i].mant != want[i] || values[i].scale != 0 ||
			owner[i] != want_owner[i])
			return false;
	return true;
}

int
main(void)
{
	GipDecimal	v[GIP_MAX_ROW_COLS];
	int			o[GIP_MAX_ROW_COLS];

	unit_doc_init(&u, false);

	/* one cell, one split that adds up: 71 3 0 0 0 0 | 74 */
	{
		const char *t[] = {"713000074"};
		const int64_t want[] = {71, 3, 0, 0, 0, 0, 74};
		const int	own[] = {0, 0, 0, 0, 0, 0, 0};

		CHECK_INT(split(t, 1, 7, v, o), 1);
		CHECK(values_are(v, o, 7, want, own));
	}
	/* two cells: the parts never cross a cell; owner says where from */
	{
		const char *t[] = {"7130", "00074"};
		const int64_t want[] = {71, 3, 0, 0, 0, 0, 74};
		const int	own[] = {0, 0, 0, 1, 1, 1, 1};

		CHECK_INT(split(t, 2, 7, v, o), 1);
		CHECK(values_are(v, o, 7, want, own));
	}
	/* four values: 1 + 1 + 22 = 24 is the only split */
	{
		const char *t[] = {"112224"};
		const int64_t want[] = {1, 1, 22, 24};
		const int	own[] = {0, 0, 0, 0};

		CHECK_INT(split(t, 1, 4, v, o), 1);
		CHECK(values_are(v, o, 4, want, own));
	}
	/* full-width digits fold to digits first */
	{
		const char *t[] = {"７１３０００００７４"};

		CHECK_INT(split(t, 1, 7, v, o), 0);	/* 10 digits: 71 30 ... no */
	}

	/* several splits add up: 1 12 13 and 11 2 13 -> ambiguous */
	{
		const char *t[] = {"11213"};

		CHECK_INT(split(t, 1, 3, v, o), -1);
	}
	{
		const char *t[] = {"11112"};

		CHECK_INT(split(t, 1, 3, v, o), -1);
	}
	/* too long a search: ambiguous, never a guess */
	{
		const char *t[] = {"111111111111111111", "111111111111111111"};

		CHECK_INT(split(t, 2, 7, v, o), -1);
	}

	/* no split adds up: not glued */
	{
		const char *t[] = {"123112"};

		CHECK_INT(split(t, 1, 4, v, o), 0);
	}
	/* leading zeros never start a part: 1 01 02 is not a split */
	{
		const char *t[] = {"10102"};

		CHECK_INT(split(t, 1, 3, v, o), 0);
	}
	/* cells that cannot be glued digits */
	{
		const char *dec[] = {"12.5"};
		const char *neg[] = {"-71300074"};
		const char *sep[] = {"1,234"};
		const char *unit[] = {"713000074件"};
		const char *text[] = {"合计"};
		const char *few[] = {"11"};
		const char *digits19[] = {"1111111111111111111"};

		CHECK_INT(split(dec, 1, 3, v, o), 0);
		CHECK_INT(split(neg, 1, 7, v, o), 0);
		CHECK_INT(split(sep, 1, 3, v, o), 0);
		CHECK_INT(split(unit, 1, 7, v, o), 0);
		CHECK_INT(split(text, 1, 3, v, o), 0);
		CHECK_INT(split(few, 1, 3, v, o), 0);	/* fewer digits than values */
		CHECK_INT(split(digits19, 1, 7, v, o), 0);	/* 19 digits are text */
	}
	/* as many cells as values (nothing glued) or none: not for the splitter */
	{
		const char *t[] = {"1", "1", "2"};

		CHECK_INT(split(t, 3, 3, v, o), 0);
		CHECK_INT(split(t, 0, 3, v, o), 0);
	}

	unit_doc_free(&u);
	UNIT_DONE();
}
