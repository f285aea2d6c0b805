/*
 * fold.c
 *		Folding text for matching, and reading a cell's number.
 *
 * Labels and cells are compared in a folded form: NFKC (full-width digits
 * and letters, U+3000 and compatibility forms become their plain forms,
 * through ICU's normaliser), with white space, control and format
 * characters removed (ICU character properties).  The fold of each BMP code
 * point is computed once per process and cached, so the hot path is a table
 * look-up; ASCII and CJK ideographs are passed through without a look-up.
 *
 * A document in Traditional characters is folded to Simplified as well
 * (ICU's Traditional-Simplified transform, one character at a time, the
 * table built once per process on the first such document), so that its
 * labels match the template's words; the raw text is kept as written.
 */
#include "gip_internal.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

/* Cached fold of one BMP code point: its UTF-8 bytes, at most 7. */
typedef struct FoldEntry
{
	uint8_t		state;			/* 0 = not computed, else 1 + length */
	uint8_t		bytes[7];
} FoldEntry;

static FoldEntry fold_cache[0x10000];

/*
 * The three-byte characters outside U+4E00..U+9FFF (、。《 “ …) whose fold,
 * once computed into fold_cache, was found to be the character itself: a
 * bit each, so that gip_fold_view() passes over them as it does over CJK.
 */
static uint64_t self_fold[0x10000 / 64];

/* Traditional to Simplified for U+4E00..U+9FFF; 0 = unchanged. */
#define TS_FIRST	0x4E00
#define TS_LAST		0x9FFF
static uint16_t ts_map[TS_LAST - TS_FIRST + 1];
static bool ts_ready;

/*
 * Characters that only Traditional text uses, common in these reports
 * (開 請 數 處 總 計 議 訟 報 結 轉 規 範 資 訊 與 機 關 無 審 維 糾 項 況 實 認 會 經).
 */
static const uint16_t traditional_marks[] = {
	0x958B, 0x8ACB, 0x6578, 0x8655, 0x7E3D, 0x8A08, 0x8B70, 0x8A1F, 0x5831,
	0x7D50, 0x8F49, 0x898F, 0x7BC4, 0x8CC7, 0x8A0A, 0x8207, 0x6A5F, 0x95DC,
	0x7121, 0x5BE9, 0x7DAD, 0x7CFE, 0x9805, 0x6CC1, 0x5BE6, 0x8A8D, 0x6703,
	0x7D93, 0
};

/*
 * Is the text written in Traditional characters?  True when at least three
 * different marks of traditional_marks occur.  The caller passes the part
 * of the text that tells (the title and first paragraphs).
 */
bool
gip_text_is_traditional(const char *text, size_t len)
{
	/*
	 * The marks by their UTF-8 bytes: for a lead byte E4..E9 and a second
	 * byte, a mask over the third byte's low six bits, so that a character
	 * that is no mark (nearly all) costs one look-up.
	 */
	static uint64_t marks[6 * 64];
	static bool marks_ready;
	const unsigned char *p = (const unsigned char *) text;
	const unsigned char *end = p + len;
	uint32_t	seen[3] = {0, 0, 0};
	int			distinct = 0;

	if (!marks_ready)
	{
		for (int i = 0; traditional_marks[i] != 0; i++)
		{
			uint32_t	cp = traditional_marks[i];
			uint32_t	lead = 0xE0 | (cp >> 12);

			marks[((lead - 0xE4) << 6) | ((cp >> 6) & 0x3F)] |=
				(uint64_t) 1 << (cp & 0x3F);
		}
		marks_ready = true;
	}
	while (p < end)
	{
		uint32_t	cp;
		uint64_t	m;

		if (*p < 0x80 && end - p >= 8)
		{
			uint64_t	word;

			/* eight ASCII bytes at once (the spaces of layout text) */
			memcpy(&word, p, 8);
			if ((word & 0x8080808080808080ULL) == 0)
			{
				p += 8;
				continue;
			}
		}
		if (*p < 0xE4 || *p > 0xE9 || end - p < 3)
		{
			/* ASCII, or a lead byte outside U+4000..U+9FFF: skip it */
			p += (*p < 0x80) ? 1 : (*p < 0xE0) ? 2 : (*p < 0xF0) ? 3 : 4;
			continue;
		}
		m = marks[((uint32_t) (*p - 0xE4) << 6) | (p[1] & 0x3F)];
		if (m == 0 || ((m >> (p[2] & 0x3F)) & 1) == 0)
		{
			p += 3;
			continue;
		}
		cp = ((uint32_t) (p[0] & 0x0F) << 12) | ((uint32_t) (p[1] & 0x3F) << 6) |
			(p[2] & 0x3F);
		p += 3;
		if (cp == seen[0] || cp == seen[1])
			continue;
		seen[distinct++] = cp;
		if (distinct == 3)
			return true;
	}
	return false;
}

/*
 * Build the Traditional-to-Simplified table with ICU.  Returns false and
 * fills err when ICU fails; the transliterator is closed on every path.
 */
bool
gip_ts_prepare(GipError *err)
{
	UErrorCode	status = U_ZERO_ERROR;
	UChar		id[32];
	UTransliterator *trans;

	if (ts_ready)
		return true;
	u_charsToUChars("Traditional-Simplified", id, 23);
	trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
	if (U_FAILURE(status))
	{
		gip_error_set(err, GIP_ERR_ICU, 0,
					  "could not open ICU's Traditional-Simplified transform",
					  u_errorName(status));
		err->icu_status = (int) status;
		return false;
	}
	for (uint32_t cp = TS_FIRST; cp <= TS_LAST && U_SUCCESS(status); cp++)
	{
		UChar		buf[8];
		int32_t		len = 1;
		int32_t		limit = 1;

		buf[0] = (UChar) cp;
		utrans_transUChars(trans, buf, &len, 8, 0, &limit, &status);
		if (U_SUCCESS(status) && len == 1 && buf[0] != cp &&
			buf[0] >= TS_FIRST && buf[0] <= TS_LAST)
			ts_map[cp - TS_FIRST] = buf[0];
	}
	utrans_close(trans);
	if (U_FAILURE(status))
	{
		memset(ts_map, 0, sizeof(ts_map));
		gip_error_set(err, GIP_ERR_ICU, 0,
					  "ICU's Traditional-Simplified transform failed",
					  u_errorName(status));
		err->icu_status = (int) status;
		return false;
	}
	ts_ready = true;
	return true;
}

/*
 * Decode the UTF-8 code point at s; returns the bytes it takes (at least 1).
 * An ill-formed sequence gives U+FFFD and one byte.
 */
int
gip_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	int32_t		i = 0;
	UChar32		c;
	int32_t		length = len > INT32_MAX ? INT32_MAX : (int32_t) len;

	if (s[0] < 0x80)
	{
		*cp = s[0];
		return 1;
	}
	U8_NEXT(s, i, length, c);
	if (c < 0)
	{
		*cp = 0xFFFD;
		return i > 0 ? i : 1;
	}
	*cp = (uint32_t) c;
	return i;
}

/*
 * White space between U+0080 and U+3000 by ICU's property: what
 * gip_is_space_cp() answers from its own list, checked against this in
 * test_fold.
 */
bool
gip_is_space_icu(uint32_t cp)
{
	return u_isUWhiteSpace((UChar32) cp) || cp == 0x200B;
}

/*
 * Compute the fold of one code point into out (at least 8 bytes); returns
 * its length.  Returns -1 and sets *status when ICU fails.
 */
static int
fold_compute(uint32_t cp, uint8_t *out, UErrorCode *status)
{
	const UNormalizer2 *nfkc;
	UChar		src[2];
	UChar		dst[16];
	int32_t		src_len = 0;
	int32_t		dst_len;
	int32_t		utf8_len = 0;
	char		utf8[32];
	int8_t		type = u_charType((UChar32) cp);

	if (gip_is_space_cp(cp) || type == U_CONTROL_CHAR || type == U_FORMAT_CHAR)
		return 0;

	nfkc = unorm2_getNFKCInstance(status);
	if (U_FAILURE(*status))
		return -1;
	U16_APPEND_UNSAFE(src, src_len, cp);
	dst_len = unorm2_normalize(nfkc, src, src_len, dst, 16, status);
	if (*status == U_BUFFER_OVERFLOW_ERROR)
	{
		/* an unusually long expansion: keep the character as it is */
		*status = U_ZERO_ERROR;
		memcpy(dst, src, sizeof(UChar) * src_len);
		dst_len = src_len;
	}
	else if (U_FAILURE(*status))
		return -1;
	u_strToUTF8(utf8, sizeof(utf8), &utf8_len, dst, dst_len, status);
	if (U_FAILURE(*status))
		return -1;
	if (utf8_len > 7)
	{
		/* keep the original character */
		utf8_len = 0;
		U8_APPEND_UNSAFE(utf8, utf8_len, cp);
	}
	/* the fold of a space-like expansion (U+3000 -> ' ') is nothing */
	if (utf8_len == 1 && gip_is_space_cp((unsigned char) utf8[0]))
		return 0;
	memcpy(out, utf8, utf8_len);
	return utf8_len;
}

/* Double the capacity of a fold buffer, keeping its used bytes. */
static char *
grow(Doc *doc, char *buf, size_t used, size_t *cap)
{
	char	   *bigger = gip_alloc_raw(doc->arena, *cap * 2 + 16);

	if (bigger != NULL)
		memcpy(bigger, buf, used);
	*cap = *cap * 2 + 16;
	return bigger;
}

/*
 * The bytes of the character at p (before end) when it folds to itself:
 * 1 for printable ASCII, 3 for a CJK ideograph in Simplified text or a
 * three-byte character that self_fold knows; else 0.
 */
static inline int
folds_to_itself(const Doc *doc, const unsigned char *p, const unsigned char *end)
{
	uint32_t	cp;

	if (*p < 0x80)
		return *p > ' ' && *p != 0x7F;
	if (gip_utf8_is_cjk(p, end))
		return doc->traditional ? 0 : 3;
	/* punctuation and the like, known from an earlier fold */
	if ((*p & 0xF0) == 0xE0 && gip_utf8_next(p, end - p, &cp) == 3 &&
		((self_fold[cp >> 6] >> (cp & 63)) & 1))
		return 3;
	return 0;
}

/*
 * Fold len bytes of s into a new string in the document's arena, the first
 * done of which are known to fold to themselves.  NULL as for gip_fold().
 */
static char *
fold_from(Doc *doc, const char *s, size_t len, size_t done, uint32_t *out_len)
{
	size_t		cap = len + len / 2 + 16;
	char	   *out = gip_alloc_raw(doc->arena, cap);
	const unsigned char *p = (const unsigned char *) s + done;
	const unsigned char *end = (const unsigned char *) s + len;
	size_t		used = done;

	if (out == NULL)
		goto nomem;
	memcpy(out, s, done);
	while (p < end)
	{
		uint32_t	cp;
		int			n;
		uint8_t		bytes[8];
		const uint8_t *fold = bytes;
		int			flen;
		int			same = folds_to_itself(doc, p, end);

		if (same == 1)
		{
			if (used + 1 >= cap && (out = grow(doc, out, used, &cap)) == NULL)
				goto nomem;
			out[used++] = (char) *p;
			p++;
			continue;
		}
		if (*p < 0x80)
		{
			/* ASCII white space or a control character: nothing */
			p++;
			continue;
		}
		if (same == 3 && used + 3 < cap)
		{
			/*
			 * U+4E00..U+9FFF in Simplified text, or a character known to
			 * fold to itself: the character as it is
			 */
			out[used] = (char) p[0];
			out[used + 1] = (char) p[1];
			out[used + 2] = (char) p[2];
			used += 3;
			p += 3;
			continue;
		}
		n = gip_utf8_next(p, end - p, &cp);
		if (cp >= TS_FIRST && cp <= TS_LAST)
		{
			/* CJK unified ideographs fold to themselves, or to Simplified */
			uint16_t	simple = doc->traditional ? ts_map[cp - TS_FIRST] : 0;

			if (simple != 0)
			{
				bytes[0] = (uint8_t) (0xE0 | (simple >> 12));
				bytes[1] = (uint8_t) (0x80 | ((simple >> 6) & 0x3F));
				bytes[2] = (uint8_t) (0x80 | (simple & 0x3F));
				flen = 3;
			}
			else
			{
				fold = p;
				flen = n;
			}
		}
		else if (cp < 0x10000 && fold_cache[cp].state != 0)
		{
			fold = fold_cache[cp].bytes;
			flen = fold_cache[cp].state - 1;
		}
		else
		{
			UErrorCode	status = U_ZERO_ERROR;

			flen = fold_compute(cp, bytes, &status);
			if (flen < 0)
			{
				gip_error_set(doc->err, GIP_ERR_ICU, 0,
							  "could not normalise text with ICU",
							  u_errorName(status));
				doc->err->icu_status = (int) status;
				return NULL;
			}
			if (cp < 0x10000)
			{
				memcpy(fold_cache[cp].bytes, bytes, flen);
				fold_cache[cp].state = (uint8_t) (flen + 1);
				if (n == 3 && flen == 3 && memcmp(bytes, p, 3) == 0)
					self_fold[cp >> 6] |= (uint64_t) 1 << (cp & 63);
			}
		}
		if (used + flen >= cap && (out = grow(doc, out, used, &cap)) == NULL)
			goto nomem;
		if (flen == 3)
		{
			/* the common case (CJK): no call to memcpy */
			out[used] = (char) fold[0];
			out[used + 1] = (char) fold[1];
			out[used + 2] = (char) fold[2];
		}
		else
			memcpy(out + used, fold, flen);
		used += flen;
		p += n;
	}
	out[used] = '\0';
	*out_len = (uint32_t) used;
	return out;

nomem:
	gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
	return NULL;
}

/*
 * Fold len bytes of s into a new string in the document's arena.  Returns
 * NULL (with doc->err set) when ICU fails or memory runs out.
 */
char *
gip_fold(Doc *doc, const char *s, size_t len, uint32_t *out_len)
{
	return fold_from(doc, s, len, 0, out_len);
}

/*
 * The fold of len bytes of s as a view: s itself when folding changes
 * nothing (printable ASCII, and CJK ideographs in Simplified text: most
 * labels), else a new string as gip_fold() makes it.  The view is not
 * NUL-terminated: read it by its length.  NULL as for gip_fold().
 */
const char *
gip_fold_view(Doc *doc, const char *s, size_t len, uint32_t *out_len)
{
	const unsigned char *p = (const unsigned char *) s;
	const unsigned char *end = p + len;
	int			same;

	if (len > UINT32_MAX)
		return gip_fold(doc, s, len, out_len);
	while (p < end && (same = folds_to_itself(doc, p, end)) > 0)
		p += same;
	if (p < end)
		return fold_from(doc, s, len, (const char *) p - s, out_len);
	*out_len = (uint32_t) len;
	return s;
}

/* Does s (len bytes) start with the NUL-terminated prefix? */
static bool
starts_with(const char *s, size_t len, const char *prefix)
{
	size_t		plen = strlen(prefix);

	return len >= plen && memcmp(s, prefix, plen) == 0;
}

/* Words that stand for "no value" in a cell, in folded form. */
#define PLACEHOLDER(w) {w, sizeof(w) - 1}
static const struct
{
	const char *word;
	size_t		len;
}			placeholder_words[] = {
	PLACEHOLDER("无"), PLACEHOLDER("暂无"), PLACEHOLDER("空"), PLACEHOLDER("/"),
	PLACEHOLDER("\\"), PLACEHOLDER("-"), PLACEHOLDER("—"), PLACEHOLDER("–"),
	PLACEHOLDER("―"), PLACEHOLDER("─"), PLACEHOLDER("*"), PLACEHOLDER("×"),
	PLACEHOLDER("…"), PLACEHOLDER("_"), PLACEHOLDER("N/A"), PLACEHOLDER("n/a"),
	PLACEHOLDER("NA"), {NULL, 0}
};

/* Is the whole key a placeholder: a known word or a run of dashes/slashes? */
static bool
is_placeholder(const char *key, size_t len)
{
	const unsigned char *p = (const unsigned char *) key;
	const unsigned char *end = p + len;

	if (len == 0)
		return true;			/* as the run test below says */
	if (len > 12)
		return false;			/* longer than any placeholder */
	/*
	 * every placeholder starts with one of these bytes: 无 暂 (E6), 空
	 * (E7), — – ― ─ … (E2), × (C3), / \ - * _ N n; a label starts
	 * with another (most CJK characters)
	 */
	switch (p[0])
	{
		case 0xE2:
		case 0xE6:
		case 0xE7:
		case 0xC3:
		case '/':
		case '\\':
		case '-':
		case '*':
		case '_':
		case 'N':
		case 'n':
			break;
		default:
			return false;
	}
	for (int i = 0; placeholder_words[i].word != NULL; i++)
		if (placeholder_words[i].len == len &&
			memcmp(placeholder_words[i].word, key, len) == 0)
			return true;
	/* runs like "——", "--", "//" */
	while (p < end)
	{
		uint32_t	cp;
		int			n = gip_utf8_next(p, end - p, &cp);

		if (!(cp == '-' || cp == '/' || cp == '\\' || cp == 0x2014 ||
			  cp == 0x2013 || cp == 0x2015 || cp == 0x2500 || cp == '_' ||
			  cp == 0x2026 || cp == '*' || cp == 0x2215 || cp == 0x2044 ||
			  cp == 0x2212))
			return false;
		p += n;
	}
	return true;
}

/* Units a number may end with, longest first, with their lengths. */
#define UNIT_WORD(w, unit) {w, sizeof(w) - 1, unit}
static const struct
{
	const char *word;
	size_t		len;
	CellUnit	unit;
}			unit_words[] = {
	UNIT_WORD("万元", UNIT_WAN_YUAN),
	UNIT_WORD("元", UNIT_YUAN),
	UNIT_WORD("件", UNIT_COUNT),
	UNIT_WORD("条", UNIT_COUNT),
	UNIT_WORD("个", UNIT_COUNT),
	UNIT_WORD("项", UNIT_COUNT),
	UNIT_WORD("次", UNIT_COUNT),
	UNIT_WORD("份", UNIT_COUNT),
	UNIT_WORD("篇", UNIT_COUNT),
	UNIT_WORD("人", UNIT_COUNT),
	UNIT_WORD("家", UNIT_COUNT),
	{NULL, 0, UNIT_NONE}
};
#undef UNIT_WORD

/*
 * Decide what a cell holds from its folded key, and read its number.
 * Digits may carry a sign, thousands separators, one decimal point and a
 * unit.
 */
void
gip_classify(Cell *cell)
{
	const char *s = cell->key;
	size_t		len = cell->key_len;
	size_t		i = 0;
	int64_t		mant = 0;
	int			scale = 0;
	int			digits = 0;
	bool		negative = false;
	bool		point = false;

	cell->unit = UNIT_NONE;
	if (len == 0)
	{
		cell->kind = CK_BLANK;
		return;
	}
	if (starts_with(s, len, "〇") && len == strlen("〇"))
	{
		cell->kind = CK_NUMBER;
		cell->value.mant = 0;
		cell->value.scale = 0;
		return;
	}
	if (s[0] == '+' || s[0] == '-')
	{
		negative = s[0] == '-';
		i++;
	}
	for (; i < len; i++)
	{
		char		c = s[i];

		if (c >= '0' && c <= '9')
		{
			if (digits >= 18)
				break;			/* too long to be a count: text */
			mant = mant * 10 + (c - '0');
			digits++;
			if (point)
				scale++;
		}
		else if (c == ',' && digits > 0 && !point && i + 1 < len &&
				 s[i + 1] >= '0' && s[i + 1] <= '9')
			continue;
		else if (c == '.' && digits > 0 && !point && i + 1 < len &&
				 s[i + 1] >= '0' && s[i + 1] <= '9')
			point = true;
		else
			break;
	}
	if (digits > 0 && i < len)
	{
		/* a unit may follow */
		for (int u = 0; unit_words[u].word != NULL; u++)
		{
			size_t		wlen = unit_words[u].len;

			if (len - i == wlen && memcmp(s + i, unit_words[u].word, wlen) == 0)
			{
				cell->unit = unit_words[u].unit;
				i = len;
				break;
			}
		}
	}
	if (digits > 0 && i == len)
	{
		cell->kind = CK_NUMBER;
		cell->value.mant = negative ? -mant : mant;
		cell->value.scale = scale;
		return;
	}
	cell->kind = is_placeholder(s, len) ? CK_PLACEHOLDER : CK_TEXT;
}

/* memmem: the first place needle stands in hay, or NULL. */
const char *
gip_memmem(const char *hay, size_t hay_len, const char *needle,
		   size_t needle_len)
{
	const char *end;
	size_t		k = 0;

	if (needle_len == 0)
		return hay;
	if (needle_len > hay_len)
		return NULL;
	/*
	 * Look for one byte of the needle first: the last byte of a leading
	 * three-byte character (CJK) is far rarer in Chinese text than its lead
	 * byte, which nearly every character shares.
	 */
	if (needle_len >= 3 && ((unsigned char) needle[0] & 0xF0) == 0xE0)
		k = 2;
	end = hay + hay_len - needle_len;
	for (const char *p = hay; p <= end; p++)
	{
		const char *hit = memchr(p + k, needle[k], end - p + 1);

		if (hit == NULL)
			return NULL;
		p = hit - k;
		if (memcmp(p, needle, needle_len) == 0)
			return p;
	}
	return NULL;
}

/* Does key contain any of the '|'-separated words in keys? */
bool
gip_key_has(const char *key, size_t key_len, const char *keys)
{
	const char *w = keys;

	while (*w)
	{
		const char *bar = strchr(w, '|');
		size_t		wlen = bar ? (size_t) (bar - w) : strlen(w);

		if (gip_memmem(key, key_len, w, wlen) != NULL)
			return true;
		if (bar == NULL)
			break;
		w = bar + 1;
	}
	return false;
}

/* Format a decimal as text into buf (at least 32 bytes); returns length. */
int
gip_decimal_format(GipDecimal value, char *buf)
{
	char		digits[32];
	int			n = 0;
	int			len = 0;
	uint64_t	mag = value.mant < 0 ? (uint64_t) (-(value.mant + 1)) + 1 :
		(uint64_t) value.mant;
	int			scale = value.scale;

	/* drop trailing zeros of the fraction */
	while (scale > 0 && mag % 10 == 0)
	{
		mag /= 10;
		scale--;
	}
	do
	{
		digits[n++] = (char) ('0' + mag % 10);
		mag /= 10;
	} while (mag > 0);
	while (n <= scale)
		digits[n++] = '0';
	if (value.mant < 0)
		buf[len++] = '-';
	for (int i = n - 1; i >= 0; i--)
	{
		buf[len++] = digits[i];
		if (i == scale && scale > 0)
			buf[len++] = '.';
	}
	buf[len] = '\0';
	return len;
}
