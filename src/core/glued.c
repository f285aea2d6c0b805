/*
 * glued.c
 *		Numbers that ran together.
 *
 * Text taken from web pages by crawlers loses the separators between
 * cells: a row of table 三 can come as "713000074" for 71 3 0 0 0 0 74, or
 * with its numbers glued to the label ("申请数量713000074").  Such a string
 * is split only when the row's own arithmetic (the six applicant columns add
 * up to 总计) admits exactly one way; otherwise the row is ambiguous and the
 * caller says so.  Never a guess.
 */
#include "gip_internal.h"

#include <string.h>

#define MAX_DIGITS		40		/* longer strings are not split */
#define MAX_STEPS		200000	/* bound on the search */

/* State of the search for splits. */
typedef struct SplitSearch
{
	const char *digits[GIP_MAX_ROW_COLS];	/* each cell's digits */
	int			len[GIP_MAX_ROW_COLS];
	int			ncells;
	int			nparts;			/* parts wanted */
	int64_t		part[GIP_MAX_ROW_COLS];
	int			owner[GIP_MAX_ROW_COLS];
	int			found;			/* solutions seen (stops at 2) */
	int64_t		best[GIP_MAX_ROW_COLS];
	int			best_owner[GIP_MAX_ROW_COLS];
	long		steps;
} SplitSearch;

/* Does the split satisfy the row: parts 0..n-2 add up to the last? */
static bool
row_adds_up(const SplitSearch *s)
{
	int64_t		sum = 0;

	for (int i = 0; i < s->nparts - 1; i++)
		sum += s->part[i];
	return sum == s->part[s->nparts - 1];
}

/*
 * Split cell c from digit offset pos on, having made nparts_done parts so
 * far; every way that fills exactly nparts parts is checked.
 */
static void
search(SplitSearch *s, int c, int pos, int done)
{
	int			left_cells;

	if (s->found >= 2 || ++s->steps > MAX_STEPS)
		return;
	if (c == s->ncells)
	{
		if (done == s->nparts && row_adds_up(s))
		{
			if (s->found == 0)
			{
				memcpy(s->best, s->part, sizeof(s->part));
				memcpy(s->best_owner, s->owner, sizeof(s->owner));
			}
			s->found++;
		}
		return;
	}
	if (pos == s->len[c])
	{
		search(s, c + 1, 0, done);
		return;
	}
	/* each later cell needs at least one part */
	left_cells = s->ncells - c - 1;
	if (done + 1 + left_cells > s->nparts)
		return;
	/* the next part: "0" alone, or digits without a leading zero */
	for (int end = pos + 1; end <= s->len[c]; end++)
	{
		int64_t		v = 0;

		if (s->digits[c][pos] == '0' && end > pos + 1)
			break;
		if (end - pos > 15)
			break;
		for (int i = pos; i < end; i++)
			v = v * 10 + (s->digits[c][i] - '0');
		s->part[done] = v;
		s->owner[done] = c;
		search(s, c, end, done + 1);
		if (s->found >= 2)
			return;
	}
}

/*
 * Try to split the k number cells of a row of table 三 into ncols values.
 * Returns 1 and fills values[] (and owner[], the cell each came from) when
 * exactly one split adds up, 0 when the cells cannot be glued numbers (a
 * blank, a decimal, too long), and -1 when several splits add up (or the
 * search was too long): the row is ambiguous.
 */
int
gip_split_glued(const Cell *cells, int k, int ncols, GipDecimal *values,
				int *owner)
{
	SplitSearch s;
	int			total_digits = 0;

	if (k <= 0 || k >= ncols || ncols > GIP_MAX_ROW_COLS)
		return 0;
	memset(&s, 0, sizeof(s));
	for (int c = 0; c < k; c++)
	{
		const Cell *cell = &cells[c];

		if (cell->kind != CK_NUMBER || cell->value.scale != 0 ||
			cell->value.mant < 0 || cell->key_len > MAX_DIGITS)
			return 0;
		for (uint32_t i = 0; i < cell->key_len; i++)
			if (cell->key[i] < '0' || cell->key[i] > '9')
				return 0;		/* separators or a unit: not glued */
		s.digits[c] = cell->key;
		s.len[c] = (int) cell->key_len;
		total_digits += (int) cell->key_len;
	}
	if (total_digits < ncols)
		return 0;				/* too few digits to make every value */
	s.ncells = k;
	s.nparts = ncols;
	search(&s, 0, 0, 0);
	if (s.found == 1 && s.steps <= MAX_STEPS)
	{
		for (int i = 0; i < ncols; i++)
		{
			values[i].mant = s.best[i];
			values[i].scale = 0;
			owner[i] = s.best_owner[i];
		}
		return 1;
	}
	return s.found == 0 && s.steps <= MAX_STEPS ? 0 : -1;
}
