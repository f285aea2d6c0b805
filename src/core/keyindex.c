/*
 * keyindex.c
 *		An index of every distinctive word the parser looks for, so that a
 *		text is scanned once for all of them.
 *
 * The words come from the template tables (row keys, header keys) and from
 * the few fixed word lists of the parser (anchors, headings).  Each '|'
 * list is a "key set" with a number; gip_keys_scan() returns the set of key
 * sets any of whose words occurs in a text.  Words are found through a hash
 * of their first two code points, so a scan costs one look-up per code
 * point of the text, whatever the number of words.  Built once per process.
 */
#include "gip_internal.h"

#include <string.h>

#define MAX_SETS	128
#define MAX_WORDS	512
#define HASH_SIZE	1024

typedef struct Word
{
	const char *text;
	uint32_t	len;
	uint32_t	head_len;		/* bytes of its first two code points */
	uint32_t	next4;			/* the four bytes after them, as loaded (when
								 * the word has four more) */
	int			set;
	int			next;			/* next word with the same first two code
								 * points, -1 */
} Word;

static const char *sets[MAX_SETS];
static int	nsets;
static Word words[MAX_WORDS];
static int	nwords;
static struct
{
	uint64_t	bigram;
	int			head;			/* first word, -1 when the slot is free */
}			hash[HASH_SIZE];
static bool ready;
/*
 * First code points of the words that take three bytes, to pass over the
 * other characters quickly: by lead byte (E0..EF) and second byte, a mask
 * over the third byte's low six bits.
 */
static uint64_t first_cjk[16 * 64];

/* Table definitions and the key-set number of each of their rows. */
#define MAX_TABLES	16
#define MAX_TABLE_ROWS	32

static const GipTableDef *known_tables[MAX_TABLES];
static int	table_ids[MAX_TABLES][MAX_TABLE_ROWS];
static int	table_header_ids[MAX_TABLES];
static int	ntables;

/* The word lists of the parser itself. */
static const char *const parser_sets[] = {
	KEYS_T2_ANCHOR, KEYS_T3_ANCHOR, KEYS_REVIEW, KEYS_TITLE,
	KEYS_PART1, KEYS_PART2, KEYS_PART3, KEYS_PART4, KEYS_PART5, KEYS_PART6,
	NULL
};

/* Bytes of the UTF-8 sequence led by byte b (1 for a stray byte). */
static inline int
seq_len(unsigned char b)
{
	return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/*
 * The bytes of the first two code points of s packed into 64 bits (a hash
 * key only: the bytes are not checked).
 */
static inline uint64_t
bigram_of(const unsigned char *s, size_t len)
{
	uint64_t	v = 0;
	size_t		n = 0;

	/* the common case: two three-byte characters (CJK) */
	if (len >= 6 && (s[0] & 0xF0) == 0xE0 && (s[3] & 0xF0) == 0xE0)
		return ((uint64_t) s[0] << 40) | ((uint64_t) s[1] << 32) |
			((uint64_t) s[2] << 24) | ((uint64_t) s[3] << 16) |
			((uint64_t) s[4] << 8) | s[5];
	for (int k = 0; k < 2 && n < len; k++)
	{
		size_t		step = seq_len(s[n]);

		for (size_t b = 0; b < step && n < len; b++, n++)
			v = (v << 8) | s[n];
	}
	return v;
}

/* Are the eight bytes at a and b the same? */
static inline bool
same8(const unsigned char *a, const char *b)
{
	uint64_t	x;
	uint64_t	y;

	memcpy(&x, a, 8);
	memcpy(&y, b, 8);
	return x == y;
}

/* Hash slot of a bigram. */
static int
slot_of(uint64_t bigram)
{
	uint64_t	h = bigram * 0x9E3779B97F4A7C15ULL;
	int			slot = (int) (h >> 54);

	while (hash[slot].head >= 0 && hash[slot].bigram != bigram)
		slot = (slot + 1) & (HASH_SIZE - 1);
	return slot;
}

/* Register a '|' key list; returns its number (the same for equal lists). */
static int
register_set(const char *keys)
{
	int			id;
	const char *w;

	for (id = 0; id < nsets; id++)
		if (sets[id] == keys || strcmp(sets[id], keys) == 0)
			return id;
	if (nsets == MAX_SETS)
		return -1;
	id = nsets++;
	sets[id] = keys;
	for (w = keys; *w;)
	{
		const char *bar = strchr(w, '|');
		uint32_t	wlen = (uint32_t) (bar ? (size_t) (bar - w) : strlen(w));
		uint64_t	bigram = bigram_of((const unsigned char *) w, wlen);

		/* words start with a non-ASCII character (see gip_keys_scan) */
		if (nwords < MAX_WORDS && wlen > 0 && (unsigned char) w[0] >= 0x80)
		{
			int			slot = slot_of(bigram);
			Word	   *word = &words[nwords];

			word->text = w;
			word->len = wlen;
			word->head_len = 0;
			for (int k = 0; k < 2 && word->head_len < wlen; k++)
				word->head_len += seq_len((unsigned char) w[word->head_len]);
			if (word->head_len > wlen)
				word->head_len = wlen;
			word->next4 = 0;
			if (wlen >= word->head_len + 4)
				memcpy(&word->next4, w + word->head_len, 4);
			word->set = id;
			word->next = hash[slot].head;
			hash[slot].bigram = bigram;
			hash[slot].head = nwords++;
			{
				uint32_t	first;

				gip_utf8_next((const unsigned char *) w, wlen, &first);
				if (first >= 0x800 && first < 0x10000)
					first_cjk[first >> 6] |= (uint64_t) 1 << (first & 0x3F);
			}
		}
		if (bar == NULL)
			break;
		w = bar + 1;
	}
	return id;
}

/* Register the rows and header of a table definition. */
static void
register_table(const GipTableDef *table)
{
	for (int t = 0; t < ntables; t++)
		if (known_tables[t] == table)
			return;
	if (ntables == MAX_TABLES || table->nrows > MAX_TABLE_ROWS)
		return;
	known_tables[ntables] = table;
	for (int r = 0; r < table->nrows; r++)
		table_ids[ntables][r] = register_set(table->rows[r].keys);
	table_header_ids[ntables] = register_set(table->header_keys);
	if (table->own_keys != NULL)
		register_set(table->own_keys);
	ntables++;
}

/* Build the index once. */
void
gip_keys_init(void)
{
	if (ready)
		return;
	for (int i = 0; i < HASH_SIZE; i++)
		hash[i].head = -1;
	for (int i = 0; gip_templates[i] != NULL; i++)
	{
		register_table(gip_templates[i]->t2);
		register_table(gip_templates[i]->t3);
		register_table(gip_templates[i]->t4);
	}
	for (int i = 0; gip_t3_variants[i] != NULL; i++)
		register_table(gip_t3_variants[i]);
	for (int i = 0; parser_sets[i] != NULL; i++)
		register_set(parser_sets[i]);
	ready = true;
}

/* Has the index been built (the registry can change no more)? */
bool
gip_keys_built(void)
{
	return ready;
}

/* The number of a registered key list, or -1. */
int
gip_keyset(const char *keys)
{
	gip_keys_init();
	for (int id = 0; id < nsets; id++)
		if (sets[id] == keys)
			return id;
	for (int id = 0; id < nsets; id++)
		if (strcmp(sets[id], keys) == 0)
			return id;
	return -1;
}

/* The key-set numbers of the rows of a table (NULL if not registered). */
const int *
gip_table_keysets(const GipTableDef *table, int *header_id)
{
	gip_keys_init();
	for (int t = 0; t < ntables; t++)
		if (known_tables[t] == table)
		{
			if (header_id)
				*header_id = table_header_ids[t];
			return table_ids[t];
		}
	return NULL;
}

/* Which key sets have a word in text? */
GipKeyMask
gip_keys_scan(const char *text, size_t len)
{
	GipKeyMask	mask = {{0, 0}};
	const unsigned char *p = (const unsigned char *) text;
	const unsigned char *end;

	if (len == 0)
		return mask;
	end = p + len;
	gip_keys_init();
	while (p < end)
	{
		uint64_t	bigram;
		int			slot;

		/* every word starts with a CJK character: skip ASCII */
		if (*p < 0x80)
		{
			p++;
			continue;
		}
		/* three-byte characters that start no word: skip */
		if (*p >= 0xE0 && *p < 0xF0 && end - p >= 3)
		{
			uint64_t	m = first_cjk[((uint32_t) (p[0] & 0x0F) << 6) | (p[1] & 0x3F)];

			if (((m >> (p[2] & 0x3F)) & 1) == 0)
			{
				p += 3;
				continue;
			}
		}
		bigram = bigram_of(p, end - p);
		slot = slot_of(bigram);
		for (int w = hash[slot].head; w >= 0; w = words[w].next)
		{
			Word	   *word = &words[w];

			uint32_t	k = word->head_len;

			/*
			 * Every word of the slot starts with the bigram found there
			 * (bigrams are packed without loss): compare the rest, inline
			 * (a few bytes).
			 */
			if (word->len > (size_t) (end - p))
				continue;
			if (word->len >= k + 4)
			{
				/* the next four bytes first, in one compare */
				uint32_t	next;

				memcpy(&next, p + k, 4);
				if (next != word->next4)
					continue;
				k += 4;
			}
			/* the rest eight bytes at a time */
			while (k + 8 <= word->len && same8(p + k, word->text + k))
				k += 8;
			if (k + 8 <= word->len)
				continue;		/* these eight differ */
			/* fewer than eight left: the last eight, overlapping, or bytes */
			if (k < word->len && word->len >= 8)
				k = same8(p + word->len - 8, word->text + word->len - 8) ?
					word->len : k;
			while (k < word->len && p[k] == (unsigned char) word->text[k])
				k++;
			if (k == word->len)
				mask.w[word->set >> 6] |= (uint64_t) 1 << (word->set & 63);
		}
		p += seq_len(*p);
	}
	return mask;
}
