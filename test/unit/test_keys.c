/*
 * test_keys.c
 *		Unit test of the key index (keyindex.c): gip_keys_scan() says that a
 *		text has a word of a key set exactly when a plain search for each
 *		word (gip_key_has) finds one, for texts made of every word of the
 *		templates' key sets, whole, cut by a character at either end, with
 *		a byte changed at either end, and with text around them; the words
 *		are compared eight bytes at a time, the last eight overlapping.
 */
#include "unit.h"

/* The key sets under test: every table row's, headers and the parser's. */
static const char *sets[256];
static int	nsets;

/* Add a key set whose words all start with a non-ASCII byte (the index's). */
static void
add_set(const char *keys)
{
	const char *w = keys;

	if (keys == NULL || nsets == (int) (sizeof(sets) / sizeof(sets[0])))
		return;
	for (;;)
	{
		if ((unsigned char) *w < 0x80)
			return;
		w = strchr(w, '|');
		if (w == NULL)
			break;
		w++;
	}
	for (int i = 0; i < nsets; i++)
		if (strcmp(sets[i], keys) == 0)
			return;
	sets[nsets++] = keys;
}

/* Add the key sets of a table definition. */
static void
add_table(const GipTableDef *table)
{
	for (int r = 0; r < table->nrows; r++)
		add_set(table->rows[r].keys);
	add_set(table->header_keys);
}

/* Does the index agree with a plain search on text, for every set?  */
static int
disagreements(const char *text, size_t len)
{
	GipKeyMask	mask = gip_keys_scan(text, len);
	int			differ = 0;

	for (int i = 0; i < nsets; i++)
	{
		int			id = gip_keyset(sets[i]);

		if (id >= 0 && gip_mask_has(mask, id) != gip_key_has(text, len, sets[i]))
			differ++;
	}
	return differ;
}

int
main(void)
{
	int			differ = 0;
	int			texts = 0;

	for (int t = 0; gip_templates[t] != NULL; t++)
	{
		add_table(gip_templates[t]->t2);
		add_table(gip_templates[t]->t3);
		add_table(gip_templates[t]->t4);
	}
	add_set(KEYS_T2_ANCHOR);
	add_set(KEYS_T3_ANCHOR);
	add_set(KEYS_TITLE);
	CHECK(nsets > 20);

	for (int i = 0; i < nsets; i++)
	{
		const char *w = sets[i];

		for (;;)
		{
			const char *bar = strchr(w, '|');
			size_t		wlen = bar ? (size_t) (bar - w) : strlen(w);
			char		buf[512];
			size_t		first = 0;
			size_t		last = wlen;

			if (wlen + 12 > sizeof(buf))
				break;
			/* the bytes of its first and last characters */
			while (first + 1 < wlen && (w[first + 1] & 0xC0) == 0x80)
				first++;
			first++;
			while (last > 0 && (w[last - 1] & 0xC0) == 0x80)
				last--;
			if (last > 0)
				last--;
			/* whole, at the very end of the text and inside text */
			differ += disagreements(w, wlen);
			memcpy(buf, "甲", 3);
			memcpy(buf + 3, w, wlen);
			memcpy(buf + 3 + wlen, "乙", 3);
			differ += disagreements(buf, wlen + 6);
			differ += disagreements(buf, wlen + 3);
			/* cut by its first or its last character */
			differ += disagreements(w + first, wlen - first);
			differ += disagreements(w, last);
			/* its last or first byte changed */
			memcpy(buf, w, wlen);
			buf[wlen - 1] = (char) (buf[wlen - 1] ^ 0x01);
			differ += disagreements(buf, wlen);
			memcpy(buf, w, wlen);
			if (wlen > 2)
				buf[2] = (char) (buf[2] ^ 0x01);
			differ += disagreements(buf, wlen);
			/* a byte in the middle changed (the eight-byte compares) */
			memcpy(buf, w, wlen);
			if (wlen > 12)
				buf[wlen - 9] = (char) (buf[wlen - 9] ^ 0x01);
			differ += disagreements(buf, wlen);
			texts += 8;
			if (bar == NULL)
				break;
			w = bar + 1;
		}
	}
	CHECK(texts > 500);
	CHECK_INT(differ, 0);
	UNIT_DONE();
}
