/*
 * tables_region.c
 *		Where each table of a text of rows starts and ends: the headings of
 *		the report's parts, the first row with a table's words, and the start
 *		of table 三 (its header, or the data row of 本年新收).  The driver
 *		(tables.c) cuts the regions from these.
 */
#include "tables_internal.h"

/* Is row i a heading of a part of the report (1–6), and which? */
int
gip_row_heading(Doc *doc, int i)
{
	uint32_t	len;
	const char *key;

	if (doc->rows[i].tabular && !doc->rows_unmarked)
		return 0;
	if (doc->rows[i].ncells == 0 ||
		doc->rows[i].cells[0].raw_len > 2 * GIP_HEADING_MAX)
		return 0;				/* too long for a heading: not folded */
	key = gip_row_key(doc, &doc->rows[i], &len);
	if (len > GIP_HEADING_MAX)
		return 0;
	return gip_heading_part(key, len, &doc->rows[i].mask,
							&doc->rows[i].has_mask);
}

/* Find the first row in [from, to) with any of keys that is part of a table. */
int
gip_find_anchor(Doc *doc, int from, int to, int id, bool tabular_only)
{
	for (int i = from; i < to; i++)
	{
		Row		   *r = &doc->rows[i];
		uint32_t	len;

		if (tabular_only && !r->tabular)
		{
			/* a short line of a header still counts where tables are loose */
			if (!doc->loose_tables)
				continue;
			gip_row_key(doc, r, &len);
			if (len > 30)
				continue;
		}
		if (row_has(doc, i, id))
			return i;
	}
	return -1;
}

/* Is r a data row of some variant of table 三? */
static bool
is_t3_data_row(Doc *doc, Row *r)
{
	for (int v = 0; gip_t3_variants[v] != NULL; v++)
		if (gip_is_data_row(doc, r, gip_t3_variants[v]))
			return true;
	return false;
}

/* Does row i have the words of the first row (本年新收) of a variant? */
static bool
has_t3_first_row(Doc *doc, int i)
{
	for (int v = 0; gip_t3_variants[v] != NULL; v++)
		if (row_has(doc, i, gip_table_keysets(gip_t3_variants[v], NULL)[0]))
			return true;
	return false;
}

/* Locate table 三: its header, or the data row of 本年新收. */
int
gip_find_t3_start(Doc *doc)
{
	int			anchor = gip_find_anchor(doc, 0, doc->nrows, gip_keyset(KEYS_T3_ANCHOR), true);

	if (anchor >= 0)
	{
		/* take in the header rows and heading just above it */
		int			start = anchor;

		while (start > 0 && anchor - start < 6 &&
			   !is_t3_data_row(doc, &doc->rows[start - 1]) &&
			   (doc->rows[start - 1].tabular || gip_row_heading(doc, start - 1) == 3 ||
				doc->loose_tables) &&
			   gip_row_heading(doc, start - 1) != 2)
			start--;
		return start;
	}
	for (int i = 0; i < doc->nrows; i++)
		if (doc->rows[i].nfilled >= 3 && has_t3_first_row(doc, i))
			return i;
	return -1;
}
