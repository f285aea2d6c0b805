/*
 * glued_tables.c
 *		The tables of a glued text: labels found in order in the character
 *		stream, the digits between them split by the table's arithmetic.
 *
 * A table's part (found by read_glued.c) is cut into items: some text (a
 * label, perhaps with header words before it) and the run of digits after
 * it ("（一）予以公开7000007").  A run keeps each digit as an atom, with the
 * places where spaces stood and where a placeholder (/ — 无) forces a cell;
 * a digit right before "." or "、" and a word is the numbering of the next
 * label ("00000002.其他法律…"), not a value.  The labels are matched to the
 * template's rows in order by their distinctive words (the folded keys of
 * templates.c: Traditional script, typos and missing numbering included),
 * trying every template and table-三 variant and keeping the one that
 * places the most rows.  glued_solve.c then splits every run: table 三 by its
 * row totals and column balances together, table 四 by its row totals, and
 * table 二 (no arithmetic) only where the digit count or the spaces decide.
 * A cell that cannot be told is ambiguous, with a warning naming it.
 */
#include "gip_internal.h"

#include <stdio.h>
#include <string.h>

/* A label and the run of digits after it. */
typedef struct Item
{
	size_t		text_from;		/* body offsets of the text */
	size_t		text_to;
	size_t		run_from;		/* of the run; run_from == run_to: none */
	size_t		run_to;
	int			line;
	int			decimal_at;		/* atom where a fraction starts, -1 */
	uint8_t		unit;			/* CellUnit after the run */
	bool		minus;			/* a dash right before a digit: -4 or — 4 */
	bool		masked;
	GipKeyMask	mask;			/* key sets of the folded text */
	const char *key;			/* the folded text */
	uint32_t	key_len;
	GluedRow	row;			/* atoms, forced starts, spaces */
	uint32_t	atom_off[GLUED_MAX_ATOMS];	/* body offset of each atom */
	uint8_t		atom_len[GLUED_MAX_ATOMS];
} Item;

#define ITEM_CHUNK	256		/* items per block: never moved once made */

typedef struct Items
{
	Item	  **chunks;
	int			nchunks;
	int			chunk_cap;
	int			n;
} Items;

#define ITEM(items, i)	(&(items)->chunks[(i) / ITEM_CHUNK][(i) % ITEM_CHUNK])

/* A table's rows matched to items: item index per template row, -1. */
typedef struct Match
{
	const GipTableDef *table;
	int			item[32];
	int			bare[32];		/* item of a label found without digits, -1 */
	int			matched;
	int			start;			/* first item of the table */
	int			end;			/* past its last item */
} Match;

/* Code point at s (0 at the end) and its length. */
static uint32_t
cp_at(const char *s, size_t len, int *step)
{
	uint32_t	cp;

	if (len == 0)
	{
		*step = 0;
		return 0;
	}
	*step = gip_utf8_next((const unsigned char *) s, len, &cp);
	return cp;
}

/* Digit value of cp (ASCII or full width), or -1. */
static int
digit_of(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (int) (cp - '0');
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (int) (cp - 0xFF10);
	return -1;
}

/* A placeholder of an empty cell: / — － - – */
static bool
is_dash(uint32_t cp)
{
	return cp == '/' || cp == 0xFF0F || cp == 0x2014 || cp == 0xFF0D ||
		cp == '-' || cp == 0x2013 || cp == 0x2015;
}

/* The first code point at or after off that is not a space. */
static uint32_t
after_spaces(const char *s, size_t len, size_t off)
{
	while (off < len)
	{
		int			step;
		uint32_t	cp = cp_at(s + off, len - off, &step);

		if (!gip_is_space_cp(cp))
			return cp;
		off += step;
	}
	return 0;
}

/* Add an atom to item's run. */
static void
add_atom(Item *it, char atom, size_t off, int len, bool spaced)
{
	GluedRow   *r = &it->row;

	if (r->natoms >= GLUED_MAX_ATOMS)
	{
		r->too_long = true;
		return;
	}
	if (spaced && r->natoms > 0)
		r->spaced |= (uint64_t) 1 << r->natoms;
	if (atom == 'P')
	{
		r->forced |= (uint64_t) 1 << r->natoms;
		if (r->natoms + 1 < 64)
			r->forced |= (uint64_t) 1 << (r->natoms + 1);
	}
	r->atoms[r->natoms] = atom;
	it->atom_off[r->natoms] = (uint32_t) off;
	it->atom_len[r->natoms] = (uint8_t) len;
	r->natoms++;
}

/* A new item starting at body offset off; NULL when out of memory. */
static Item *
new_item(Doc *doc, Items *items, size_t off, int line)
{
	Item	   *it;

	if (items->n == items->nchunks * ITEM_CHUNK)
	{
		if (items->nchunks == items->chunk_cap)
		{
			int			cap = items->chunk_cap ? items->chunk_cap * 2 : 16;
			Item	  **c = gip_alloc_raw(doc->arena, sizeof(Item *) * cap);

			if (c == NULL)
				return NULL;
			if (items->nchunks > 0)
				memcpy(c, items->chunks, sizeof(Item *) * items->nchunks);
			items->chunks = c;
			items->chunk_cap = cap;
		}
		items->chunks[items->nchunks] = gip_alloc_raw(doc->arena, sizeof(Item) * ITEM_CHUNK);
		if (items->chunks[items->nchunks] == NULL)
			return NULL;
		items->nchunks++;
	}
	it = ITEM(items, items->n);
	items->n++;
	memset(it, 0, offsetof(Item, atom_off));
	it->text_from = off;
	it->text_to = off;
	it->run_from = it->run_to = off;
	it->decimal_at = -1;
	it->line = line;
	return it;
}

/* Is cp a unit of a count (件, 条, 个, 项, 次)? */
static bool
is_count_unit(uint32_t cp)
{
	return cp == 0x4EF6 || cp == 0x6761 || cp == 0x689D || cp == 0x4E2A ||
		cp == 0x500B || cp == 0x9879 || cp == 0x9805 || cp == 0x6B21;
}

/* Are the n code points at off all digits? */
static bool
digits_follow(const char *s, size_t len, size_t off, int n)
{
	for (int k = 0; k < n; k++)
	{
		int			step;

		if (off >= len || digit_of(cp_at(s + off, len - off, &step)) < 0)
			return false;
		off += step;
	}
	return true;
}

/*
 * Cut body [from, to) into items.  Returns false when out of memory or
 * canceled.
 */
static bool
tokenize(Doc *doc, const GluedText *g, size_t from, size_t to, Items *items)
{
	const char *s = g->body;
	size_t		pos = from;
	int			line = g->line;
	Item	   *it;
	bool		in_run = false;
	bool		pending_space = false;
	int			group_left = 0;		/* digits left in a 1,105 group */
	bool		new_cell = false;	/* the next digit starts a cell */
	long		n = 0;

	for (size_t i = 0; i < from; i++)
		if (s[i] == '\n')
			line++;
	it = new_item(doc, items, pos, line);
	if (it == NULL)
		return false;
	while (pos < to)
	{
		int			step;
		uint32_t	cp = cp_at(s + pos, to - pos, &step);
		int			d = digit_of(cp);

		if ((++n & 4095) == 0 && doc->arena->interrupt_fn &&
			doc->arena->interrupt_fn(doc->arena->ctx))
		{
			gip_error_set(doc->err, GIP_ERR_CANCELED, 0, "canceled", NULL);
			return false;
		}
		if (cp == '\n')
			line++;
		if (!in_run && (cp == 0xFF08 || cp == '('))
		{
			/* （1） numbers a label */
			size_t		j = pos + step;
			int			nd = 0;
			int			st;

			while (nd < 2 && j < to && digit_of(cp_at(s + j, to - j, &st)) >= 0)
			{
				j += st;
				nd++;
			}
			if (nd > 0 && j < to)
			{
				uint32_t	close = cp_at(s + j, to - j, &st);

				if (close == 0xFF09 || close == ')')
				{
					pos = j + st;
					it->text_to = pos;
					continue;
				}
			}
		}
		if (d >= 0)
		{
			if (!in_run)
			{
				it->text_to = pos;
				it->run_from = pos;
				it->line = line;
				in_run = true;
			}
			add_atom(it, (char) ('0' + d), pos, step, pending_space);
			if (it->row.natoms > 0 && it->row.natoms <= 64 && !it->row.too_long)
			{
				uint64_t	bit = (uint64_t) 1 << (it->row.natoms - 1);

				if (group_left > 0)
				{
					it->row.nobreak |= bit;
					if (--group_left == 0)
						new_cell = true;
				}
				else if (new_cell)
				{
					it->row.forced |= bit;
					new_cell = false;
				}
			}
			pending_space = false;
			pos += step;
			it->run_to = pos;
			continue;
		}
		if (in_run && gip_is_space_cp(cp))
		{
			pending_space = true;
			pos += step;
			continue;
		}
		if (in_run && (cp == ',' || cp == 0xFF0C) && !pending_space &&
			group_left == 0 && it->row.natoms > 0 &&
			it->row.atoms[it->row.natoms - 1] != 'P' &&
			digits_follow(s, to, pos + step, 3))
		{
			/* a thousands separator: three digits of the same number follow */
			group_left = 3;
			new_cell = false;
			pos += step;
			continue;
		}
		group_left = 0;
		if (is_dash(cp) ||
			(cp == 0x65E0 /* 无 */ &&
			 (in_run || digit_of(after_spaces(s, to, pos + step)) >= 0)))
		{
			uint32_t	next = after_spaces(s, to, pos + step);

			if (in_run || digit_of(next) >= 0 || is_dash(next) || cp == 0x65E0)
			{
				size_t		at = pos;
				int			st;

				if (!in_run)
				{
					it->text_to = pos;
					it->run_from = pos;
					it->line = line;
					in_run = true;
				}
				/* —— is one placeholder */
				pos += step;
				while (pos < to && cp_at(s + pos, to - pos, &st) == cp)
					pos += st;
				if (cp != 0x65E0 && pos < to &&
					digit_of(cp_at(s + pos, to - pos, &st)) >= 0)
					it->minus = true;	/* or a minus sign */
				add_atom(it, 'P', at, (int) (pos - at), pending_space);
				pending_space = false;
				new_cell = false;
				it->run_to = pos;
				continue;
			}
		}
		if (in_run && (cp == '.' || cp == 0xFF0E) && it->decimal_at < 0 &&
			!pending_space && digit_of(after_spaces(s, to, pos + step)) >= 0 &&
			it->row.natoms > 0 && it->row.atoms[it->row.natoms - 1] != 'P')
		{
			/* a decimal point */
			it->decimal_at = it->row.natoms;
			pos += step;
			continue;
		}
		if (in_run && (cp == '.' || cp == 0xFF0E || cp == 0x3001 /* 、 */ ) &&
			it->row.natoms > 0 && it->row.atoms[it->row.natoms - 1] != 'P' &&
			!pending_space)
		{
			/* the last digit numbers the next label: 00000002.其他… */
			size_t		num_at = it->atom_off[it->row.natoms - 1];

			if (it->row.too_long)
			{
				in_run = false;
				pending_space = false;
				it = new_item(doc, items, pos, line);
				if (it == NULL)
					return false;
				pos += step;
				continue;
			}
			it->row.natoms--;
			it->row.forced &= ((uint64_t) 1 << it->row.natoms) - 1;
			it->row.spaced &= ((uint64_t) 1 << it->row.natoms) - 1;
			it->row.nobreak &= ((uint64_t) 1 << it->row.natoms) - 1;
			if (it->decimal_at >= it->row.natoms)
				it->decimal_at = -1;
			in_run = false;
			pending_space = false;
			new_cell = false;
			if (it->row.natoms == 0)
			{
				/* no run: the label goes on */
				it->run_from = it->run_to = it->text_from;
				pos += step;
				continue;
			}
			it->run_to = num_at;
			it = new_item(doc, items, num_at, line);
			if (it == NULL)
				return false;
			pos += step;
			continue;
		}
		if (in_run && is_count_unit(cp))
		{
			/* 4件: the unit ends a cell; the run may go on */
			uint32_t	next = after_spaces(s, to, pos + step);

			pos += step;
			it->run_to = pos;
			if (digit_of(next) >= 0 || is_dash(next))
			{
				new_cell = true;
				pending_space = true;
				continue;
			}
			in_run = false;
			pending_space = false;
			new_cell = false;
			it = new_item(doc, items, pos, line);
			if (it == NULL)
				return false;
			continue;
		}
		if (in_run)
		{
			/* the run ends; a unit may follow it */
			if (cp == 0x5143)	/* 元 */
			{
				it->unit = UNIT_YUAN;
				pos += step;
			}
			else if ((cp == 0x4E07 || cp == 0x842C) && to - pos >= 6 &&
					 memcmp(s + pos + step, "元", 3) == 0)	/* 万元 */
			{
				it->unit = UNIT_WAN_YUAN;
				pos += step + 3;
			}
			in_run = false;
			pending_space = false;
			new_cell = false;
			it = new_item(doc, items, pos, line);
			if (it == NULL)
				return false;
			continue;
		}
		pos += step;
		it->text_to = pos;
	}
	return true;
}

/* Key sets of item's text (folded once). */
static bool
item_mask(Doc *doc, const GluedText *g, Item *it, GipKeyMask *mask)
{
	if (!it->masked)
	{
		uint32_t	fl;
		char	   *key;

		if (it->text_to <= it->text_from)
		{
			memset(&it->mask, 0, sizeof(it->mask));
			it->key = "";
			it->key_len = 0;
			it->masked = true;
		}
		else
		{
			key = gip_fold(doc, g->body + it->text_from,
						   it->text_to - it->text_from, &fl);
			if (key == NULL)
				return false;
			it->mask = gip_keys_scan(key, fl);
			it->key = key;
			it->key_len = fl;
			it->masked = true;
		}
	}
	*mask = it->mask;
	return true;
}

/* The first item in [from, to) whose text has a word of key set id, or -1. */
static int
find_item(Doc *doc, const GluedText *g, Items *items, int from, int to, int id,
		  bool *failed)
{
	for (int i = from; i < to; i++)
	{
		GipKeyMask	mask;

		if (!item_mask(doc, g, &(*ITEM(items, i)), &mask))
		{
			*failed = true;
			return -1;
		}
		if (gip_mask_has(mask, id))
			return i;
	}
	return -1;
}

/*
 * Where the last of the words of keys ('|'-separated) that are three
 * characters or longer ends in item's folded text, plus one; 0 if none is
 * there.
 */
static size_t
strong_word_end(const Item *it, const char *keys)
{
	size_t		best = 0;
	const char *w = keys;

	while (*w)
	{
		const char *bar = strchr(w, '|');
		size_t		wl = bar ? (size_t) (bar - w) : strlen(w);

		if (wl >= 9)			/* three CJK characters */
		{
			const char *p = it->key;
			const char *end = it->key + it->key_len;
			const char *at;

			while ((at = gip_memmem(p, end - p, w, wl)) != NULL)
			{
				if ((size_t) (at - it->key) + wl + 1 > best)
					best = (at - it->key) + wl + 1;
				p = at + 1;
			}
		}
		if (bar == NULL)
			break;
		w = bar + 1;
	}
	return best;
}

/*
 * Match the rows of table to the items [from, to), in order: each item's
 * text takes the first row after the last one matched whose words it has.
 * The table starts at the first item with a word of its header.
 */
static bool
match_table(Doc *doc, const GluedText *g, Items *items, int from, int to,
			const GipTableDef *table, Match *m)
{
	int			header_id = -1;
	const int  *ids = gip_table_keysets(table, &header_id);
	int			last = -1;
	bool		failed = false;

	memset(m, 0, sizeof(*m));
	m->table = table;
	for (int r = 0; r < 32; r++)
		m->item[r] = m->bare[r] = -1;
	m->start = from;
	m->end = to;
	if (ids == NULL || table->nrows > 32)
		return true;
	{
		int			h = find_item(doc, g, items, from, to, header_id, &failed);

		if (failed)
			return false;
		if (h >= 0)
			m->start = h;
	}
	for (int i = m->start; i < to && last + 1 < table->nrows; i++)
	{
		GipKeyMask	mask;
		int			weak = -1;
		int			strong = -1;
		size_t		strong_end = 0;
		size_t		ends[32];

		if (!item_mask(doc, g, &(*ITEM(items, i)), &mask))
			return false;
		/*
		 * The digits belong to the label right before them: of the rows
		 * whose words the text has, the one whose word (of three characters
		 * or more) ends last; else the first with a short word.  Rows
		 * before it whose words are there have labels without digits.
		 */
		for (int r = last + 1; r < table->nrows; r++)
		{
			ends[r] = 0;
			if (!gip_mask_has(mask, ids[r]))
				continue;
			ends[r] = strong_word_end(&(*ITEM(items, i)), table->rows[r].keys);
			if (ends[r] > 0 && (strong < 0 || ends[r] > strong_end))
			{
				strong = r;
				strong_end = ends[r];
			}
			if (weak < 0)
				weak = r;
		}
		if (strong < 0)
			strong = weak;
		if (strong < 0)
			continue;
		for (int r = last + 1; r < strong; r++)
			if (gip_mask_has(mask, ids[r]) && ends[r] > 0)
			{
				m->bare[r] = i;
				m->matched++;
			}
		m->item[strong] = i;
		m->matched++;
		last = strong;
	}
	return true;
}

/*
 * Choose, among the templates' tables numbered table_no, the one that
 * places the most rows of items [from, to).
 */
static bool
best_match(Doc *doc, const GluedText *g, Items *items, int from, int to,
		   int table_no, Match *best)
{
	Match		m;

	memset(best, 0, sizeof(*best));
	for (int t = 0; gip_templates[t] != NULL; t++)
	{
		const GipTableDef *table = table_no == 2 ? gip_templates[t]->t2 :
			gip_templates[t]->t3;
		bool		seen = false;

		for (int u = 0; u < t; u++)
			if ((table_no == 2 ? gip_templates[u]->t2 : gip_templates[u]->t3) == table)
				seen = true;
		if (seen)
			continue;
		if (!match_table(doc, g, items, from, to, table, &m))
			return false;
		/* most rows placed; then fewest left unplaced */
		if (best->table == NULL || m.matched > best->matched ||
			(m.matched == best->matched &&
			 table->nrows - m.matched < best->table->nrows - best->matched))
			*best = m;
	}
	return true;
}

/* The template cell (table_no, row, col). */
static GipCell *
cell_at(Doc *doc, int table_no, int row, int col)
{
	return (GipCell *) gip_report_cell(doc->report, table_no, row, col);
}

/* Record where row of table_no was found. */
static void
set_source(Doc *doc, int table_no, int row, const GluedText *g, const Item *it)
{
	GipReport  *report = doc->report;

	for (int i = 0; i < report->nrows; i++)
		if (report->rows[i].table_no == table_no && report->rows[i].row == row)
		{
			size_t		from = it->text_from;
			size_t		to = it->text_to;

			/* the label is the end of the text before the digits */
			while (to - from > 150)
			{
				from++;
				while (from < to && ((unsigned char) g->body[from] & 0xC0) == 0x80)
					from++;
			}
			/*
			 * white space at either end: ASCII, or U+3000 (a byte of a
			 * multibyte character is no code point: U+0085 and U+00A0 are
			 * spaces, the bytes 0x85 and 0xA0 end many CJK characters)
			 */
			for (;;)
			{
				if (from < to && (unsigned char) g->body[from] < 0x80 &&
					gip_is_space_cp((unsigned char) g->body[from]))
					from++;
				else if (to - from >= 3 && memcmp(g->body + from, "\xE3\x80\x80", 3) == 0)
					from += 3;
				else
					break;
			}
			for (;;)
			{
				if (to > from && (unsigned char) g->body[to - 1] < 0x80 &&
					gip_is_space_cp((unsigned char) g->body[to - 1]))
					to--;
				else if (to - from >= 3 && memcmp(g->body + to - 3, "\xE3\x80\x80", 3) == 0)
					to -= 3;
				else
					break;
			}
			report->rows[i].line = it->line;
			report->rows[i].label = gip_pool_add(doc, g->body + from, to - from);
			return;
		}
}

/* Bytes of the run of it to quote in a note: at most 80, whole characters. */
static int
quote_len(const GluedText *g, const Item *it)
{
	size_t		n = it->run_to - it->run_from;

	if (n <= 80)
		return (int) n;
	n = 80;
	while (n > 0 && ((unsigned char) g->body[it->run_from + n] & 0xC0) == 0x80)
		n--;
	return (int) n;
}

/* Raw text of atoms [a, b) of item, as written. */
static GipSpan
atoms_raw(Doc *doc, const GluedText *g, const Item *it, int a, int b)
{
	size_t		from = it->atom_off[a];
	size_t		to = it->atom_off[b - 1] + it->atom_len[b - 1];

	if (it->decimal_at >= 0 && b == it->row.natoms)
		to = it->run_to;
	return gip_pool_add(doc, g->body + from, to - from);
}

/* Where one cell of a glued row goes. */
typedef struct Dest
{
	int			table_no;
	int			row;
	int			col;
	const char *code;			/* row code, for notes */
	const char *col_code;
} Dest;

/* Why the cells of row r could not be read, for the note. */
static const char *
unread_why(const GluedRow *r)
{
	return r->doubt == ~(uint32_t) 0 ?
		"half the rows of the table add up only with empty cells or not at all" :
		r->doubt != 0 ?
		"the table does not balance with the split they admit" :
		r->blank_only ?
		"they add up only if an empty cell left no trace" :
		r->status == GLUED_NONE ? "no split of them adds up" :
		r->status == GLUED_OPEN ? "they cannot be split with certainty" :
		"they can be split more than one way";
}

/* Say that the cells in names (named of them) of item's row are not read. */
static void
note_unread(Doc *doc, const GluedText *g, const Item *it, int table_no,
			const char *names, int named)
{
	gip_note(doc, GIP_NOTE_WARNING, table_no, it->line, "ambiguous_glued",
			 "digits \"%.*s\" ran together and %s: %s %s not read",
			 quote_len(g, it), g->body + it->run_from, unread_why(&it->row),
			 names, named > 1 ? "are" : "is");
}

/*
 * Write the cells of item's row to dest[0..ncells) and say what could not
 * be read: one note per table row (table 四's run holds three).  *split
 * counts rows split by search.
 */
static void
write_cells(Doc *doc, const GluedText *g, const Item *it, const Dest *dest,
			int *split)
{
	const GluedRow *r = &it->row;
	char		names[400];
	size_t		nl = 0;
	int			unknown = 0;
	int			named = 0;
	const char *named_code = NULL;
	GipSpan		run_raw = gip_pool_add(doc, g->body + it->run_from,
									   it->run_to - it->run_from);

	names[0] = '\0';
	for (int c = 0; c < r->ncells; c++)
	{
		GipCell    *cell = cell_at(doc, dest[c].table_no, dest[c].row, dest[c].col);
		int64_t		v;
		int			kind;
		int			a,
					b;

		if (cell == NULL)
			continue;
		cell->line = it->line;
		cell->pos = c + 1;
		if (!(r->doubt >> c & 1) && gip_glued_cell_known(r, c, &v, &kind))
		{
			if (kind == GLUED_CELL_EMPTY)
			{
				cell->state = GIP_CELL_BLANK;
				continue;
			}
			cell->raw = gip_glued_cell_span(r, c, &a, &b) ?
				atoms_raw(doc, g, it, a, b) : run_raw;
			if (kind == GLUED_CELL_PLACEHOLDER)
				cell->state = GIP_CELL_PLACEHOLDER;
			else
			{
				cell->state = GIP_CELL_VALUE;
				cell->value.mant = v;
				cell->value.scale = 0;
			}
			continue;
		}
		cell->state = GIP_CELL_AMBIGUOUS;
		cell->raw = run_raw;
		unknown++;
		if (named > 0 && strcmp(dest[c].code, named_code) != 0)
		{
			/* another table row: its own note */
			note_unread(doc, g, it, dest[0].table_no, names, named);
			nl = 0;
			names[0] = '\0';
			named = 0;
		}
		if (nl + strlen(dest[c].code) + strlen(dest[c].col_code) + 4 < sizeof(names))
		{
			nl += snprintf(names + nl, sizeof(names) - nl, "%s%s.%s",
						   nl > 0 ? ", " : "", dest[c].code, dest[c].col_code);
			named++;
			named_code = dest[c].code;
		}
	}
	if (named > 0)
		note_unread(doc, g, it, dest[0].table_no, names, named);
	else if (unknown == 0 && !r->by_count && !r->by_spaces)
		(*split)++;
}

/* A row found with nothing after its label: its cells are blank. */
static void
write_blank(Doc *doc, const Item *it, const Dest *dest, int ncells)
{
	for (int c = 0; c < ncells; c++)
	{
		GipCell    *cell = cell_at(doc, dest[c].table_no, dest[c].row, dest[c].col);

		if (cell != NULL)
		{
			cell->state = GIP_CELL_BLANK;
			cell->line = it->line;
		}
	}
}

/* Set up item's row to be split into ncells cells, groups of group. */
static bool
prepare(Doc *doc, Item *it, int ncells, int group)
{
	it->row.ncells = ncells;
	it->row.group = group;
	if (it->decimal_at >= 0 || it->unit != UNIT_NONE)
	{
		/* amounts have no arithmetic: never searched */
		if (ncells > 1)
			it->row.too_long = true;
	}
	return gip_glued_enumerate(&it->row, doc->arena);
}

/* Value of a one-cell amount row (decimals, units), into the cell. */
static void
write_amount(Doc *doc, const GluedText *g, const Item *it, const GipTableDef *t2,
			 int r, bool wan_header)
{
	const GipRowDef *def = &t2->rows[r];
	GipCell    *cell = cell_at(doc, 2, r, def->cols[0]);
	const GipColumnDef *col = &t2->columns[def->cols[0]];
	GipDecimal	v = {0, 0};
	int			n = it->row.natoms;

	if (cell == NULL)
		return;
	cell->line = it->line;
	cell->pos = 1;
	cell->raw = gip_pool_add(doc, g->body + it->run_from, it->run_to - it->run_from);
	if (n == 0 || n > 18 || it->row.too_long || it->row.forced != 0 ||
		(it->row.atoms[0] == '0' && n > 1 && it->decimal_at != 1))
	{
		cell->state = GIP_CELL_AMBIGUOUS;
		gip_note(doc, GIP_NOTE_WARNING, 2, it->line, "ambiguous_glued",
				 "\"%.*s\" is not one number: %s.%s is not read",
				 quote_len(g, it), g->body + it->run_from, def->code, col->code);
		return;
	}
	for (int i = 0; i < n; i++)
		v.mant = v.mant * 10 + (it->row.atoms[i] - '0');
	v.scale = it->decimal_at >= 0 ? n - it->decimal_at : 0;
	v = gip_to_column_unit(v, it->unit, wan_header, col);
	cell->state = GIP_CELL_VALUE;
	cell->value = v;
}

/* Table 二: each row on its own; no arithmetic. */
static bool
read_t2(Doc *doc, const GluedText *g, Items *items, const Match *m)
{
	const GipTableDef *t2 = m->table;
	bool		wan_header = false;

	for (int i = m->start; i < m->end; i++)
	{
		const Item *it = &(*ITEM(items, i));

		if (gip_memmem(g->body + it->text_from, it->text_to - it->text_from,
					   "万元", strlen("万元")) != NULL ||
			gip_memmem(g->body + it->text_from, it->text_to - it->text_from,
					   "萬元", strlen("萬元")) != NULL)
			wan_header = true;
	}
	for (int r = 0; r < t2->nrows; r++)
	{
		const GipRowDef *def = &t2->rows[r];
		Item	   *it;
		Dest		dest[GLUED_MAX_CELLS];
		int			split = 0;

		if (m->item[r] < 0 && m->bare[r] >= 0)
		{
			it = &(*ITEM(items, m->bare[r]));
			set_source(doc, 2, r, g, it);
			for (int c = 0; c < def->ncols; c++)
			{
				dest[c].table_no = 2;
				dest[c].row = r;
				dest[c].col = def->cols[c];
			}
			write_blank(doc, it, dest, def->ncols);
			continue;
		}
		if (m->item[r] < 0)
			continue;
		it = &(*ITEM(items, m->item[r]));
		set_source(doc, 2, r, g, it);
		for (int c = 0; c < def->ncols; c++)
		{
			dest[c].table_no = 2;
			dest[c].row = r;
			dest[c].col = def->cols[c];
			dest[c].code = def->code;
			dest[c].col_code = t2->columns[def->cols[c]].code;
		}
		if (it->row.natoms == 0 && !it->row.too_long)
		{
			write_blank(doc, it, dest, def->ncols);
			continue;
		}
		if (def->ncols == 1 && (it->decimal_at >= 0 || it->unit != UNIT_NONE ||
								(t2->columns[def->cols[0]].flags & GIP_COL_AMOUNT) != 0))
		{
			write_amount(doc, g, it, t2, r, wan_header);
			continue;
		}
		if (it->minus && def->ncols > 1)
			it->row.too_long = true;	/* -4 or a placeholder and 4? */
		if (!prepare(doc, it, def->ncols, 0))
			return false;
		write_cells(doc, g, it, dest, &split);
		if (it->row.by_count && def->ncols > 1)
			gip_note(doc, GIP_NOTE_INFO, 2, it->line, "split_glued",
					 "row %s: \"%.*s\" has one digit per cell, the one way to read it",
					 def->code, quote_len(g, it), g->body + it->run_from);
	}
	return true;
}

/* Table 三: every row's split, narrowed by the table's balances. */
static bool
read_t3(Doc *doc, const GluedText *g, Items *items, const Match *m)
{
	const GipTableDef *t3 = m->table;
	GluedRow   *rows = gip_alloc(doc->arena, sizeof(GluedRow) * t3->nrows);
	GluedEquation eqs[2];
	int			neqs = 0;
	int			nr = gip_row_index(t3, "new_received");
	int			co = gip_row_index(t3, "carried_over");
	int			tp = gip_row_index(t3, "total_processed");
	int			cf = gip_row_index(t3, "carried_forward");
	int			split = 0;

	if (rows == NULL)
		return false;
	for (int r = 0; r < t3->nrows; r++)
	{
		if (m->item[r] < 0)
			continue;
		if (!prepare(doc, &(*ITEM(items, m->item[r])), t3->ncols, t3->ncols))
			return false;
		rows[r] = (*ITEM(items, m->item[r])).row;
	}
	/* 一 + 二 = 三 + 四, column by column */
	if (nr >= 0 && co >= 0 && tp >= 0 && cf >= 0)
	{
		GluedEquation *e = &eqs[neqs++];

		e->nterms = 4;
		e->row[0] = nr;
		e->coef[0] = 1;
		e->row[1] = co;
		e->coef[1] = 1;
		e->row[2] = tp;
		e->coef[2] = -1;
		e->row[3] = cf;
		e->coef[3] = -1;
	}
	/* the outcomes add up to 总计 */
	if (tp >= 0)
	{
		GluedEquation *e = &eqs[neqs];

		e->nterms = 0;
		e->row[e->nterms] = tp;
		e->coef[e->nterms++] = 1;
		for (int r = 0; r < t3->nrows && e->nterms < GLUED_EQ_MAX_ROWS; r++)
			if (t3->rows[r].group != NULL)
			{
				e->row[e->nterms] = r;
				e->coef[e->nterms++] = -1;
			}
		neqs++;
	}
	for (int q = 0; q < neqs; q++)
		for (int t = 0; t < eqs[q].nterms; t++)
			if (m->item[eqs[q].row[t]] < 0)
				rows[eqs[q].row[t]].status = GLUED_OPEN;
	if (!gip_glued_solve(rows, t3->nrows, eqs, neqs, doc->arena))
	{
		gip_error_set(doc->err, GIP_ERR_CANCELED, 0, "canceled", NULL);
		return false;
	}

	/*
	 * Where the table does not balance with the values taken, a split may
	 * be wrong (an empty cell that left no trace, a total left out): those
	 * cells are not read, unless their row was written apart by spaces.
	 */
	{
		/*
		 * Half the rows add up only with an empty cell, or not at all: a
		 * column may be empty throughout (totals left out), and no split
		 * can be trusted.
		 */
		int			blank_rows = 0;

		for (int r = 0; r < t3->nrows; r++)
			if (rows[r].blank_only || rows[r].status == GLUED_NONE)
				blank_rows++;
		if (blank_rows * 2 >= t3->nrows)
			for (int r = 0; r < t3->nrows; r++)
				if (!rows[r].by_spaces)
					rows[r].doubt = ~(uint32_t) 0;
	}
	for (int q = 0; q < neqs; q++)
		for (int c = 0; c < t3->ncols; c++)
		{
			if (gip_glued_check(rows, &eqs[q], c))
				continue;
			for (int t = 0; t < eqs[q].nterms; t++)
				if (!rows[eqs[q].row[t]].by_spaces)
					rows[eqs[q].row[t]].doubt |= (uint32_t) 1 << c;
		}
	for (int r = 0; r < t3->nrows; r++)
	{
		Item	   *it;
		Dest		dest[GLUED_MAX_CELLS];

		if (m->item[r] < 0 && m->bare[r] >= 0)
		{
			it = &(*ITEM(items, m->bare[r]));
			set_source(doc, 3, r, g, it);
			for (int c = 0; c < t3->ncols; c++)
			{
				dest[c].table_no = 3;
				dest[c].row = r;
				dest[c].col = c;
			}
			write_blank(doc, it, dest, t3->ncols);
			continue;
		}
		if (m->item[r] < 0)
			continue;
		it = &(*ITEM(items, m->item[r]));
		it->row = rows[r];
		set_source(doc, 3, r, g, it);
		for (int c = 0; c < t3->ncols; c++)
		{
			dest[c].table_no = 3;
			dest[c].row = r;
			dest[c].col = c;
			dest[c].code = t3->rows[r].code;
			dest[c].col_code = t3->columns[c].code;
		}
		if (it->row.natoms == 0 && !it->row.too_long)
			write_blank(doc, it, dest, t3->ncols);
		else
			write_cells(doc, g, it, dest, &split);
	}
	if (split > 0)
		gip_note(doc, GIP_NOTE_INFO, 3, (*ITEM(items, m->start)).line, "split_glued",
				 "numbers that ran together in %d rows were split the one way the table adds up",
				 split);
	return true;
}

/*
 * Table 四: its labels are all in its header; the digits after it are its
 * 15 cells, five to a row, each row's last its total.
 */
static bool
read_t4(Doc *doc, const GluedText *g, Items *items, int start, int end,
		const GipTableDef *t4)
{
	Item	   *all;
	Dest		dest[GLUED_MAX_CELLS];
	int			ncells = t4->nrows * t4->ncols;
	int			split = 0;
	bool		any = false;

	if (start < 0 || ncells > GLUED_MAX_CELLS)
		return true;
	/* every run from there on, one after the other, up to a sentence */
	all = gip_alloc(doc->arena, sizeof(Item));
	if (all == NULL)
		return false;
	*all = (*ITEM(items, start));
	all->row.natoms = 0;
	all->row.forced = all->row.spaced = all->row.nobreak = 0;
	for (int i = start; i < end; i++)
	{
		const Item *it = &(*ITEM(items, i));

		if (any && it->text_to - it->text_from > 12)
			break;				/* words again: the table is over */
		if (it->row.natoms == 0)
			continue;
		if (!any)
		{
			all->run_from = it->run_from;
			all->line = it->line;
		}
		all->run_to = it->run_to;
		for (int a = 0; a < it->row.natoms; a++)
		{
			bool		brk = a == 0 && all->row.natoms > 0;

			add_atom(all, it->row.atoms[a], it->atom_off[a], it->atom_len[a],
					 (it->row.spaced >> a & 1) || brk);
			if (all->row.natoms > 0 && all->row.natoms <= 64 && !all->row.too_long)
			{
				uint64_t	bit = (uint64_t) 1 << (all->row.natoms - 1);

				if (brk || (it->row.forced >> a & 1))
					all->row.forced |= bit;
				if (it->row.nobreak >> a & 1)
					all->row.nobreak |= bit;
			}
		}
		all->row.too_long |= it->row.too_long;
		any = true;
	}
	if (!any)
		return true;
	for (int r = 0; r < t4->nrows; r++)
	{
		set_source(doc, 4, r, g, &(*ITEM(items, start)));
		for (int c = 0; c < t4->ncols; c++)
		{
			Dest	   *d = &dest[r * t4->ncols + c];

			d->table_no = 4;
			d->row = r;
			d->col = c;
			d->code = t4->rows[r].code;
			d->col_code = t4->columns[c].code;
		}
	}
	if (!prepare(doc, all, ncells, t4->ncols))
		return false;
	write_cells(doc, g, all, dest, &split);
	if (split > 0)
		gip_note(doc, GIP_NOTE_INFO, 4, all->line, "split_glued",
				 "numbers that ran together were split the one way each row adds up");
	return true;
}

/*
 * Read the three tables of a glued text into the report: the text from
 * part 二's heading to part 五's is cut into items once; table 三 starts at
 * the first item with words of its header, table 四 at the first after it
 * with words of its own.
 */
bool
gip_glued_tables(Doc *doc)
{
	GluedText  *g = doc->glued;
	GipReport  *report = doc->report;
	Items		items = {NULL, 0, 0, 0};
	Match		m2;
	Match		m3;
	size_t		from = 0;
	size_t		to;
	const GipTemplate *tmpl = NULL;
	int			h3_id = -1;
	int			h4_id = -1;
	int			h3;
	int			h4;
	bool		failed = false;

	if (g == NULL)
		return true;
	to = g->len;
	if (g->part[2] < g->len)
		from = g->part[2];
	else if (g->part[1] < g->len)
		from = g->part[1];
	for (int p = 5; p <= 6; p++)
		if (g->part[p] < g->len && g->part[p] > from)
		{
			to = g->part[p];
			break;
		}
	if (!tokenize(doc, g, from, to, &items))
		return false;
	gip_table_keysets(gip_templates[0]->t3, &h3_id);
	gip_table_keysets(gip_templates[0]->t4, &h4_id);
	h3 = find_item(doc, g, &items, 0, items.n, h3_id, &failed);
	h4 = find_item(doc, g, &items, h3 >= 0 ? h3 + 1 : 0, items.n, h4_id, &failed);
	if (failed)
		return false;
	if (!best_match(doc, g, &items, 0, h3 >= 0 ? h3 : (h4 >= 0 ? h4 : items.n), 2, &m2))
		return false;
	if (h3 >= 0)
	{
		if (!best_match(doc, g, &items, h3, h4 >= 0 ? h4 : items.n, 3, &m3))
			return false;
	}
	else
		memset(&m3, 0, sizeof(m3));

	/* the template of table 二, else the one whose table 三 was found */
	for (int t = 0; gip_templates[t] != NULL && tmpl == NULL; t++)
		if (m2.matched > 0 && gip_templates[t]->t2 == m2.table)
			tmpl = gip_templates[t];
	for (int t = 0; gip_templates[t] != NULL && tmpl == NULL; t++)
		if (m3.matched > 0 && gip_templates[t]->t3 == m3.table)
			tmpl = gip_templates[t];
	if (tmpl == NULL)
		tmpl = gip_templates[0];
	report->tmpl = tmpl;
	report->t3 = m3.matched > 0 ? m3.table : tmpl->t3;
	if (!gip_report_layout(report, doc->arena))
	{
		gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return false;
	}
	if (m2.matched > 0 && m2.table == tmpl->t2)
	{
		if (!read_t2(doc, g, &items, &m2))
			return false;
		report->has_t2 = true;
	}
	if (m3.matched > 0)
	{
		if (!read_t3(doc, g, &items, &m3))
			return false;
		report->has_t3 = true;
	}
	if (!read_t4(doc, g, &items, h4, items.n, tmpl->t4))
		return false;
	for (int i = 0; i < report->ncells; i++)
		if (report->cells[i].table_no == 4 &&
			report->cells[i].state != GIP_CELL_MISSING)
			report->has_t4 = true;
	if (doc->arena->failed)
	{
		gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return false;
	}
	return true;
}
