/*
 * glued_solve.c
 *		Splitting digits that ran together, by a table's arithmetic.
 *
 * A page whose tags a crawler stripped gives a row of table 三 as
 * "713000074" for 71 3 0 0 0 0 74.  Each row is a GluedRow: its atoms (one
 * digit or one placeholder each), the places where a cell must start (a
 * placeholder, a break between two runs) and the places where a space
 * stood.  gip_glued_enumerate() lists every way of cutting the atoms into
 * the row's cells (no leading zeros but "0" itself, each group's last cell
 * the sum of the others; a cell left empty stands for a value unknown, so a
 * group with one adds up when its total is at least the sum of the rest),
 * bounded: above GLUED_MAX_CANDS ways or
 * GLUED_MAX_STEPS steps the row is left open.  gip_glued_solve() then
 * keeps, row by row, only the candidates that take part in some solution of
 * the table's equations (sums of rows that must balance, column by column),
 * by propagation and bounded combination, until nothing changes.  A cell is
 * known when every candidate left gives it the same value; otherwise it is
 * ambiguous.  Never a guess.
 *
 * Work per row and per equation is bounded by constants, so a table costs
 * the same whatever the text around it; the arena's interrupt callback is
 * polled during the searches.
 */
#include "gip_internal.h"

#include <string.h>

#define MAX_NUM_DIGITS	15		/* longer parts are not numbers */
#define MAX_COMBOS		16384	/* joint candidates tried per equation */
#define MAX_ROUNDS		8		/* propagation rounds */

/* State of the enumeration of one row. */
typedef struct Enum
{
	GluedRow   *row;
	GipArena   *arena;
	uint8_t		start[GLUED_MAX_CELLS];
	long		steps;
	bool		over;			/* too many candidates or steps */
	bool		canceled;
} Enum;

/* The value of the digits atoms[from, to). */
static int64_t
digits_value(const char *atoms, int from, int to)
{
	int64_t		v = 0;

	for (int i = from; i < to; i++)
		v = v * 10 + (atoms[i] - '0');
	return v;
}

/* Index of the first forced cell start after pos, or natoms. */
static int
next_forced(const GluedRow *row, int pos)
{
	uint64_t	m = pos + 1 < 64 ? row->forced >> (pos + 1) : 0;

	if (m == 0)
		return row->natoms;
	return pos + 1 + __builtin_ctzll(m);
}

/* May no cell start at atom pos (inside 1,105)? */
static inline bool
starts_nobreak(const GluedRow *row, int pos)
{
	return pos < row->natoms && pos < 64 && (row->nobreak >> pos & 1);
}

/*
 * Could two neighbouring atoms be one number?  Then a cell may have been
 * left empty (an empty cell leaves no trace) and the atom count does not
 * decide.
 */
static bool
may_merge(const GluedRow *row)
{
	for (int i = 0; i + 1 < row->natoms; i++)
		if (row->atoms[i] != '0' && row->atoms[i] != 'P' &&
			row->atoms[i + 1] != 'P' && !(row->forced >> (i + 1) & 1))
			return true;
	return false;
}

/* Candidate j of row. */
static inline const uint8_t *
cand_of(const GluedRow *row, int j)
{
	return row->cands + (size_t) j * GLUED_MAX_CELLS;
}

/* Keep the current split as a candidate. */
static void
add_candidate(Enum *e)
{
	GluedRow   *row = e->row;

	if (row->ncand >= GLUED_MAX_CANDS)
	{
		e->over = true;
		return;
	}
	if (row->ncand == row->cand_cap)
	{
		int			cap = row->cand_cap ? row->cand_cap * 4 : 8;
		uint8_t    *c = gip_alloc_raw(e->arena, (size_t) cap * GLUED_MAX_CELLS);

		if (c == NULL)
		{
			e->over = true;
			return;
		}
		if (row->ncand > 0)
			memcpy(c, row->cands, (size_t) row->ncand * GLUED_MAX_CELLS);
		row->cands = c;
		row->cand_cap = cap;
	}
	memcpy(row->cands + (size_t) row->ncand * GLUED_MAX_CELLS, e->start,
		   GLUED_MAX_CELLS);
	row->ncand++;
}

/*
 * Cut atoms from pos on into cells part.. of the row; gsum is the sum of
 * the current group so far; blanks is how many cells may still be empty
 * (an empty cell leaves no trace in glued text; never a total); gfree
 * counts the group's empty cells so far.  Placeholders add 0 to the sums;
 * a group whose total is a placeholder is not checked.  An empty cell is
 * not taken for 0: a blank in the source may stand for a value the total
 * counts, and once it left no trace its digits may well admit another
 * split that adds up.  So a group with an empty cell needs only a total
 * no less than the sum of the others (the empty cell holding the rest),
 * and the split of such a group is one candidate among the others.
 */
static void
enum_rec(Enum *e, int part, int pos, int64_t gsum, int blanks, int gfree)
{
	GluedRow   *row = e->row;
	int			k = row->ncells;
	int			left = k - part;
	bool		is_total;
	int			limit;

	if (e->over || e->canceled)
		return;
	if ((++e->steps & 4095) == 0 && e->arena->interrupt_fn &&
		e->arena->interrupt_fn(e->arena->ctx))
	{
		e->canceled = true;
		return;
	}
	if (e->steps > GLUED_MAX_STEPS)
	{
		e->over = true;
		return;
	}
	if (part == k)
	{
		if (pos == row->natoms)
			add_candidate(e);
		return;
	}
	is_total = row->group > 0 && part % row->group == row->group - 1;
	{
		/* empty cells allowed from here on: this group's and later groups' */
		int			later = row->group > 0 ? (left - 1) / row->group : 0;

		if (row->natoms - pos < left - blanks - later * GLUED_MAX_BLANKS ||
			row->natoms - pos > left * MAX_NUM_DIGITS)
			return;
	}
	e->start[part] = (uint8_t) pos;
	/* an empty cell (not where a cell is forced to start: that one is there) */
	if (blanks > 0 && !is_total)
	{
		enum_rec(e, part + 1, pos, gsum, blanks - 1, gfree + 1);
		e->start[part] = (uint8_t) pos;
	}
	if (pos >= row->natoms)
		return;
	if (row->atoms[pos] == 'P')
	{
		/* a placeholder is a cell of its own, 0 in the sums */
		if (is_total)
			enum_rec(e, part + 1, pos + 1, 0, GLUED_MAX_BLANKS, 0);	/* unchecked */
		else
			enum_rec(e, part + 1, pos + 1, gsum, blanks, gfree);
		return;
	}
	limit = next_forced(row, pos);
	if (is_total && gfree > 0)
	{
		/* an empty cell holds the rest: any total no less than the sum */
		for (int end = pos + 1; end <= limit && end - pos <= MAX_NUM_DIGITS; end++)
		{
			if (row->atoms[pos] == '0' && end > pos + 1)
				break;
			if (starts_nobreak(row, end) ||
				digits_value(row->atoms, pos, end) < gsum)
				continue;
			enum_rec(e, part + 1, end, 0, GLUED_MAX_BLANKS, 0);
			if (e->over || e->canceled)
				return;
		}
		return;
	}
	if (is_total)
	{
		/* the group's total is the sum: its digits are known */
		char		buf[24];
		int			n = 0;
		int64_t		v = gsum;

		do
		{
			buf[n++] = (char) ('0' + v % 10);
			v /= 10;
		} while (v > 0 && n < 20);
		if (pos + n > limit || starts_nobreak(row, pos + n))
			return;
		for (int i = 0; i < n; i++)
			if (row->atoms[pos + i] != buf[n - 1 - i])
				return;
		enum_rec(e, part + 1, pos + n, 0, GLUED_MAX_BLANKS, 0);
		return;
	}
	for (int end = pos + 1; end <= limit && end - pos <= MAX_NUM_DIGITS; end++)
	{
		if (row->atoms[pos] == '0' && end > pos + 1)
			break;
		if (starts_nobreak(row, end))
			continue;
		enum_rec(e, part + 1, end, gsum + digits_value(row->atoms, pos, end),
				 blanks, gfree);
		if (e->over || e->canceled)
			return;
	}
}

/*
 * Does the split at starts[] respect the row's arithmetic?  (For the
 * splits taken without search: a cell per atom, cells between spaces.)
 */
static bool
split_adds_up(const GluedRow *row, const uint8_t *starts)
{
	for (int c = 0; c < row->ncells; c++)
	{
		int			from = starts[c];
		int			to = c + 1 < row->ncells ? starts[c + 1] : row->natoms;

		if (to <= from || to - from > MAX_NUM_DIGITS || starts_nobreak(row, from))
			return false;
		if (row->atoms[from] == 'P')
		{
			if (to - from != 1)
				return false;
		}
		else
			for (int i = from; i < to; i++)
				if (row->atoms[i] == 'P' || (i == from && row->atoms[i] == '0' && to - from > 1))
					return false;
	}
	if (row->group <= 0)
		return true;
	for (int g = 0; g + row->group <= row->ncells; g += row->group)
	{
		int64_t		sum = 0;
		int64_t		total = 0;

		bool		has_total = true;

		for (int c = g; c < g + row->group; c++)
		{
			int64_t		v = 0;
			bool		known = gip_glued_value(row, starts, c, &v);

			/* a placeholder adds 0; without a total nothing is checked */
			if (c < g + row->group - 1)
				sum += v;
			else
			{
				total = v;
				has_total = known;
			}
		}
		if (has_total && sum != total)
			return false;
	}
	return true;
}

/* Set the row's only candidate to starts[]. */
static void
set_only(GluedRow *row, GipArena *arena, const uint8_t *starts)
{
	Enum		e;

	memset(&e, 0, sizeof(e));
	e.row = row;
	e.arena = arena;
	memcpy(e.start, starts, GLUED_MAX_CELLS);
	row->ncand = 0;
	add_candidate(&e);
}

/*
 * List the row's candidates.  A row with one atom per cell is cut that way
 * (the digit count decides, whatever its sums); a row whose spaces cut it
 * into exactly its cells is cut there when its sums agree; otherwise every
 * split that adds up is listed.  Sets row->status; false when canceled.
 */
bool
gip_glued_enumerate(GluedRow *row, GipArena *arena)
{
	Enum		e;
	uint8_t		starts[GLUED_MAX_CELLS];
	int			n = 0;

	row->ncand = 0;
	row->status = GLUED_OPEN;
	row->zero_sums = false;
	if (row->ncells <= 0 || row->ncells > GLUED_MAX_CELLS || row->too_long ||
		row->natoms > GLUED_MAX_ATOMS)
		return true;
	if (row->group > 0 && row->natoms >= row->ncells - 1 &&
		row->natoms <= row->ncells)
	{
		/*
		 * Only zeros, a cell each, and one cell left empty at most: that one
		 * is a total of zeros or, the total being 0, holds 0.  Whichever cell
		 * it is, the row adds 0 to every column.
		 */
		row->zero_sums = true;
		for (int i = 0; i < row->natoms; i++)
			if (row->atoms[i] != '0')
				row->zero_sums = false;
	}
	if (row->natoms + GLUED_MAX_BLANKS * (row->group > 0 ? row->ncells / row->group : 0) <
		row->ncells)
	{
		row->status = GLUED_NONE;
		return true;
	}
	memset(starts, 0, sizeof(starts));
	if (row->natoms == row->ncells && row->group <= 0)
	{
		/*
		 * One atom per cell in a row without arithmetic: so it is when no
		 * two atoms could be one number (an empty cell leaves no trace).
		 */
		for (int c = 0; c < row->ncells; c++)
			starts[c] = (uint8_t) c;
		if (!may_merge(row))
		{
			set_only(row, arena, starts);
			row->status = GLUED_SOME;
			row->by_count = true;
			return true;
		}
		row->status = GLUED_OPEN;
		return true;
	}
	else if (row->group <= 0 && row->ncells > 1)
	{
		/* no arithmetic and more digits than cells: never told */
		row->status = GLUED_OPEN;
		return true;
	}
	/* cells between spaces (and forced breaks), when the sums agree */
	for (int i = 0; i < row->natoms && n <= row->ncells; i++)
		if (i == 0 || ((row->spaced | row->forced) >> i & 1))
		{
			if (n < GLUED_MAX_CELLS)
				starts[n] = (uint8_t) i;
			n++;
		}
	if (n == row->ncells && (row->group > 0 || row->ncells == 1) &&
		split_adds_up(row, starts))
	{
		set_only(row, arena, starts);
		row->status = GLUED_SOME;
		row->by_spaces = true;
		return true;
	}
	memset(&e, 0, sizeof(e));
	e.row = row;
	e.arena = arena;
	enum_rec(&e, 0, 0, 0, row->group > 0 ? GLUED_MAX_BLANKS : 0, 0);
	if (e.canceled)
		return false;
	if (e.over)
	{
		row->ncand = 0;
		row->status = GLUED_OPEN;
	}
	else
		row->status = row->ncand > 0 ? GLUED_SOME : GLUED_NONE;
	if (row->status == GLUED_SOME)
	{
		/* a split is taken only if one needs no empty cell that left no trace */
		bool		plain = false;

		for (int j = 0; j < row->ncand && !plain; j++)
		{
			const uint8_t *st = cand_of(row, j);
			bool		empty = false;

			for (int c = 0; c + 1 < row->ncells && !empty; c++)
				empty = st[c + 1] <= st[c];
			if (row->ncells > 0 && st[row->ncells - 1] >= row->natoms)
				empty = true;
			plain = !empty;
		}
		if (!plain)
		{
			row->status = GLUED_NONE;
			row->blank_only = true;
		}
	}
	return true;
}

/*
 * The value of cell c of the split starts[]; false for a placeholder.
 */
bool
gip_glued_value(const GluedRow *row, const uint8_t *starts, int c, int64_t *v)
{
	int			from = starts[c];
	int			to = c + 1 < row->ncells ? starts[c + 1] : row->natoms;

	if (to <= from || row->atoms[from] == 'P')
	{
		*v = 0;
		return false;			/* empty, or a placeholder */
	}
	*v = digits_value(row->atoms, from, to);
	return true;
}

/*
 * What cell c of the split starts[] adds to a column's sum: its digits; a
 * cell left empty, what its group's total leaves for it, when it is the
 * group's one empty cell, the total a number and no placeholder there (a
 * placeholder may stand for a value too).  False when not known: a
 * placeholder, another empty cell.
 */
static bool
sum_value(const GluedRow *row, const uint8_t *starts, int c, int64_t *v)
{
	int			from = starts[c];
	int			to = c + 1 < row->ncells ? starts[c + 1] : row->natoms;
	int			g0;
	int			t;
	int64_t		rest;

	if (to > from)
		return gip_glued_value(row, starts, c, v);
	*v = 0;
	if (row->group <= 0)
		return false;
	g0 = c - c % row->group;
	t = g0 + row->group - 1;
	if (t == c || t >= row->ncells || !gip_glued_value(row, starts, t, &rest))
		return false;
	for (int i = g0; i < t; i++)
	{
		int64_t		x;

		if (i == c)
			continue;
		if (!gip_glued_value(row, starts, i, &x))
			return false;		/* another empty cell, or a placeholder */
		rest -= x;
	}
	if (rest < 0)
		return false;
	*v = rest;
	return true;
}

/*
 * Filter the open rows of one equation: keep the candidates that take part
 * in some assignment satisfying it.  Returns 1 when candidates were
 * dropped, 0 when nothing changed (or the equation cannot be used), -1 when
 * canceled.
 */
static int
solve_equation(GluedRow *rows, const GluedEquation *eq, GipArena *arena)
{
	int			open[GLUED_EQ_MAX_ROWS];
	int			nopen = 0;
	int			ncells = -1;
	int64_t		fixed[GLUED_MAX_CELLS];
	bool		fixed_ph[GLUED_MAX_CELLS];
	long		combos = 1;
	int			idx[GLUED_EQ_MAX_ROWS];
	bool	   *used[GLUED_EQ_MAX_ROWS];
	bool		any = false;
	int			changed = 0;

	memset(fixed, 0, sizeof(fixed));
	memset(fixed_ph, 0, sizeof(fixed_ph));
	for (int t = 0; t < eq->nterms; t++)
	{
		GluedRow   *row = &rows[eq->row[t]];

		if (ncells < 0)
			ncells = row->ncells;
		if (row->ncells != ncells)
			return 0;
		if (row->status != GLUED_SOME && row->zero_sums)
			continue;			/* not read, but 0 in every column */
		if (row->status != GLUED_SOME)
			return 0;			/* a row not known at all: no use */
		if (row->ncand == 1)
		{
			for (int c = 0; c < ncells; c++)
			{
				int64_t		v;

				if (sum_value(row, cand_of(row, 0), c, &v))
					fixed[c] += eq->coef[t] * v;
				else
					fixed_ph[c] = true;
			}
		}
		else
		{
			open[nopen++] = t;
			combos *= row->ncand;
			if (combos > MAX_COMBOS)
				return 0;
		}
	}
	if (nopen == 0)
		return 0;
	for (int o = 0; o < nopen; o++)
	{
		used[o] = gip_alloc(arena, rows[eq->row[open[o]]].ncand);
		if (used[o] == NULL)
			return 0;
		idx[o] = 0;
	}
	for (long n = 0; n < combos; n++)
	{
		bool		ok = true;

		if ((n & 1023) == 1023 && arena->interrupt_fn &&
			arena->interrupt_fn(arena->ctx))
			return -1;
		for (int c = 0; c < ncells && ok; c++)
		{
			int64_t		sum = fixed[c];
			bool		ph = fixed_ph[c];

			for (int o = 0; o < nopen && !ph; o++)
			{
				const GluedRow *row = &rows[eq->row[open[o]]];
				int64_t		v;

				if (sum_value(row, cand_of(row, idx[o]), c, &v))
					sum += eq->coef[open[o]] * v;
				else
					ph = true;
			}
			if (!ph && sum != 0)
				ok = false;
		}
		if (ok)
		{
			any = true;
			for (int o = 0; o < nopen; o++)
				used[o][idx[o]] = true;
		}
		/* next combination, mixed radix */
		for (int o = 0; o < nopen; o++)
		{
			if (++idx[o] < rows[eq->row[open[o]]].ncand)
				break;
			idx[o] = 0;
		}
	}
	if (!any)
		return 0;				/* the table does not balance: no help */
	for (int o = 0; o < nopen; o++)
	{
		GluedRow   *row = &rows[eq->row[open[o]]];
		int			kept = 0;

		for (int j = 0; j < row->ncand; j++)
			if (used[o][j])
			{
				if (kept != j)
					memcpy(row->cands + (size_t) kept * GLUED_MAX_CELLS,
						   cand_of(row, j), GLUED_MAX_CELLS);
				kept++;
			}
		if (kept < row->ncand)
		{
			row->ncand = kept;
			row->by_table = true;
			changed = 1;
		}
	}
	return changed;
}

/*
 * Narrow the candidates of rows by the equations, until nothing changes.
 * False when canceled.
 */
bool
gip_glued_solve(GluedRow *rows, int nrows, const GluedEquation *eqs, int neqs,
				GipArena *arena)
{
	(void) nrows;
	for (int round = 0; round < MAX_ROUNDS; round++)
	{
		int			changed = 0;

		for (int q = 0; q < neqs; q++)
		{
			int			r = solve_equation(rows, &eqs[q], arena);

			if (r < 0)
				return false;
			changed |= r;
		}
		if (!changed)
			break;
	}
	return true;
}

/*
 * Is cell c of row known: the same in every candidate left?  Sets *v and
 * *kind (GLUED_CELL_VALUE, _PLACEHOLDER or _EMPTY) when it is.
 */
bool
gip_glued_cell_known(const GluedRow *row, int c, int64_t *v, int *kind)
{
	int64_t		first = 0;
	int			first_kind = 0;

	if (row->status != GLUED_SOME || row->ncand == 0)
		return false;
	for (int j = 0; j < row->ncand; j++)
	{
		const uint8_t *st = cand_of(row, j);
		int			from = st[c];
		int			to = c + 1 < row->ncells ? st[c + 1] : row->natoms;
		int64_t		x = 0;
		int			k;

		if (to <= from)
			k = GLUED_CELL_EMPTY;
		else if (row->atoms[from] == 'P')
			k = GLUED_CELL_PLACEHOLDER;
		else
		{
			k = GLUED_CELL_VALUE;
			x = digits_value(row->atoms, from, to);
		}
		if (j == 0)
		{
			first = x;
			first_kind = k;
		}
		else if (k != first_kind || x != first)
			return false;
	}
	*v = first;
	*kind = first_kind;
	return true;
}

/*
 * Do all candidates left put cell c on the same atoms?  Sets [*from, *to).
 */
bool
gip_glued_cell_span(const GluedRow *row, int c, int *from, int *to)
{
	if (row->status != GLUED_SOME || row->ncand == 0)
		return false;
	for (int j = 0; j < row->ncand; j++)
	{
		const uint8_t *s = cand_of(row, j);
		int			f = s[c];
		int			t = c + 1 < row->ncells ? s[c + 1] : row->natoms;

		if (j == 0)
		{
			*from = f;
			*to = t;
		}
		else if (f != *from || t != *to)
			return false;
	}
	return true;
}

/*
 * After the split: can equation eq hold in cell column c?  Every cell
 * counts with the range of the values its candidates leave it (a row not
 * split at all, or an empty cell whose group does not tell its value: any
 * value from 0; a placeholder: 0); false only when no choice within those
 * ranges balances it, i.e. the values taken cannot all be right.
 */
bool
gip_glued_check(const GluedRow *rows, const GluedEquation *eq, int c)
{
	int64_t		lo = 0;
	int64_t		hi = 0;
	bool		lo_open = false;
	bool		hi_open = false;

	for (int t = 0; t < eq->nterms; t++)
	{
		const GluedRow *row = &rows[eq->row[t]];
		int64_t		rlo = 0;
		int64_t		rhi = 0;
		bool		open = row->status != GLUED_SOME || row->ncand == 0;

		if (open && row->zero_sums)
			continue;			/* 0, however it is read */

		for (int j = 0; !open && j < row->ncand; j++)
		{
			const uint8_t *st = cand_of(row, j);
			int64_t		v = 0;

			/* placeholder: 0; an empty cell: what its group leaves, if told */
			if (!sum_value(row, st, c, &v) &&
				(c + 1 < row->ncells ? st[c + 1] : row->natoms) <= st[c])
			{
				open = true;	/* from 0 up */
				rlo = 0;
				break;
			}
			if (j == 0 || v < rlo)
				rlo = v;
			if (j == 0 || v > rhi)
				rhi = v;
		}
		if (eq->coef[t] > 0)
		{
			lo += eq->coef[t] * rlo;
			if (open)
				hi_open = true;
			else
				hi += eq->coef[t] * rhi;
		}
		else
		{
			hi += eq->coef[t] * rlo;
			if (open)
				lo_open = true;
			else
				lo += eq->coef[t] * rhi;
		}
	}
	return (lo_open || lo <= 0) && (hi_open || hi >= 0);
}
