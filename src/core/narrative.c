/*
 * narrative.c
 *		Figures stated in the narrative parts of a report: "共受理政府信息公开
 *		申请21件", "行政许可337", "政府信息公开行政复议351件" ...
 *
 * A small scanner, no regular expressions.  The text is turned into an
 * array of code points without spaces or line breaks (pdftotext wraps
 * sentences anywhere) and with full-width digits made ASCII.  Each
 * pattern is a keyword, a few permitted filler words, a number and (for
 * most patterns) a unit.  Anything else between the keyword and the
 * number means the figure is about something else, and the phrase is
 * skipped: only figures that the phrase clearly names are returned.  A
 * sentence that names another year, the previous year, or a part of the
 * body ("区政府办代表区政府受理…") is skipped as well.
 */
#include "gip_internal.h"
#include "gip_validate.h"

#include <string.h>

/* The text as code points, with the number of newlines before each. */
typedef struct Scan
{
	uint32_t   *cp;
	int		   *nl;
	int			n;
} Scan;

/* Encode one code point as UTF-8 into buf; returns its length. */
static int
utf8_encode(uint32_t cp, char *buf)
{
	if (cp < 0x80)
	{
		buf[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		buf[0] = (char) (0xC0 | (cp >> 6));
		buf[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		buf[0] = (char) (0xE0 | (cp >> 12));
		buf[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	buf[0] = (char) (0xF0 | (cp >> 18));
	buf[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	buf[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	buf[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}

/* Build the scan array of text; false when memory runs out. */
static bool
scan_build(Scan *s, const char *text, GipArena *arena)
{
	size_t		len = strlen(text);
	size_t		i = 0;
	int			lines = 0;

	s->cp = gip_alloc(arena, sizeof(uint32_t) * (len + 1));
	s->nl = gip_alloc(arena, sizeof(int) * (len + 1));
	s->n = 0;
	if (s->cp == NULL || s->nl == NULL)
		return false;
	while (i < len)
	{
		uint32_t	c;

		i += gip_utf8_next((const unsigned char *) text + i, len - i, &c);
		if (c == '\n')
		{
			lines++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == 0x3000 || c == 0xA0)
			continue;
		if (c >= 0xFF10 && c <= 0xFF19)
			c = '0' + (c - 0xFF10); /* full-width digit */
		s->cp[s->n] = c;
		s->nl[s->n] = lines;
		s->n++;
	}
	return true;
}

/* Does word (UTF-8) occur at position i?  Sets *end past it. */
static bool
at(const Scan *s, int i, const char *word, int *end)
{
	const unsigned char *w = (const unsigned char *) word;
	size_t		wlen;
	size_t		k = 0;
	uint32_t	first;

	/* most places do not even start the word: decide on its first character */
	if (i >= s->n || w[0] == '\0')
		return w[0] == '\0' && (*end = i, true);
	k = gip_utf8_next(w, 4, &first);
	if (s->cp[i] != first)
		return false;
	i++;
	wlen = strlen(word);
	while (k < wlen)
	{
		uint32_t	c;

		k += gip_utf8_next(w + k, wlen - k, &c);
		if (i >= s->n || s->cp[i] != c)
			return false;
		i++;
	}
	*end = i;
	return true;
}

/* The first of words that occurs at i, or -1; *end past it. */
static int
at_any(const Scan *s, int i, const char *const *words, int *end)
{
	for (int k = 0; words[k] != NULL; k++)
		if (at(s, i, words[k], end))
			return k;
	return -1;
}

/* Skip filler words at i (at most a few); returns the new position. */
static int
skip_fillers(const Scan *s, int i, const char *const *fillers)
{
	int			end;

	for (int n = 0; n < 4 && fillers != NULL; n++)
	{
		if (at_any(s, i, fillers, &end) < 0)
			break;
		i = end;
	}
	return i;
}

static bool
is_digit(const Scan *s, int i)
{
	return i >= 0 && i < s->n && s->cp[i] >= '0' && s->cp[i] <= '9';
}

static const char *const units[] = {"件", "条", "个", "宗", "起", "例", "份", "项", "次", NULL};

/*
 * Read a number at i (digits, thousands commas, a fraction), then a unit
 * (required when need_unit).  Returns the position after it, or -1.
 */
static int
read_number(const Scan *s, int i, bool need_unit, GipDecimal *out)
{
	int64_t		mant = 0;
	int			scale = 0;
	int			digits = 0;
	bool		frac = false;
	int			end;

	if (!is_digit(s, i) || is_digit(s, i - 1))
		return -1;
	while (i < s->n)
	{
		uint32_t	c = s->cp[i];

		if (c >= '0' && c <= '9')
		{
			if (mant > (INT64_MAX - 9) / 10)
				return -1;
			mant = mant * 10 + (c - '0');
			digits++;
			if (frac)
				scale++;
			i++;
		}
		else if (c == ',' && !frac && is_digit(s, i + 1))
			i++;
		else if (c == '.' && !frac && is_digit(s, i + 1))
		{
			frac = true;
			i++;
		}
		else
			break;
	}
	if (digits == 0 || scale > 6)
		return -1;
	/* a percentage, a date or a year is not a count */
	if (i < s->n && (s->cp[i] == '%' || s->cp[i] == 0xFF05 ||
					 s->cp[i] == 0x5E74 /* 年 */ || s->cp[i] == 0x6708 /* 月 */ ||
					 s->cp[i] == 0x65E5 /* 日 */ || s->cp[i] == 0x4E07 /* 万 */ ||
					 s->cp[i] == 0x4EBF /* 亿 */ || s->cp[i] == 0x5143 /* 元 */ ||
					 s->cp[i] == 0x5BB6 /* 家 */ || s->cp[i] == 0x4EBA /* 人 */ ||
					 s->cp[i] == 0x5929 /* 天 */ || s->cp[i] == 0x500D /* 倍 */))
		return -1;
	if (at_any(s, i, units, &end) >= 0)
		i = end;
	else if (need_unit)
		return -1;
	out->mant = mant;
	out->scale = scale;
	return i;
}

/* Is c a sentence break? */
static bool
is_sentence_break(uint32_t c)
{
	return c == 0x3002 || c == 0xFF1B || c == ';' || c == 0xFF01 ||
		c == 0xFF1F || c == '!' || c == '?';
}

/* Is c a clause break (sentence break, comma, enumeration comma)? */
static bool
is_clause_break(uint32_t c)
{
	return is_sentence_break(c) || c == 0xFF0C || c == ',' || c == 0x3001;
}

/* Does word occur in [from, to)? */
static bool
contains(const Scan *s, int from, int to, const char *word)
{
	int			end;

	for (int i = from; i < to; i++)
		if (at(s, i, word, &end) && end <= to)
			return true;
	return false;
}

/*
 * Should a figure whose keyword starts at k be skipped because its
 * sentence is about another year or a part of the body?
 */
static bool
off_topic(const Scan *s, int k, int year, bool about_previous_ok)
{
	int			sent = k;
	int			clause = k;
	static const char *const part_words[] = {"代表", "其中", "政府办", "办公室", "本级", NULL};
	static const char *const prev_words[] = {"上年", "去年", "上一年", "前年", "同期", NULL};

	while (sent > 0 && !is_sentence_break(s->cp[sent - 1]))
		sent--;
	while (clause > 0 && !is_clause_break(s->cp[clause - 1]))
		clause--;
	for (int i = 0; part_words[i] != NULL; i++)
		if (contains(s, sent, k, part_words[i]))
			return true;
	if (!about_previous_ok)
		for (int i = 0; prev_words[i] != NULL; i++)
			if (contains(s, clause, k, prev_words[i]))
				return true;
	/* a four-digit year other than the report's, in the same sentence */
	for (int i = sent; i + 4 < k; i++)
	{
		if (is_digit(s, i) && !is_digit(s, i - 1) && is_digit(s, i + 1) &&
			is_digit(s, i + 2) && is_digit(s, i + 3) && !is_digit(s, i + 4) &&
			s->cp[i + 4] == 0x5E74)
		{
			int			y = (int) ((s->cp[i] - '0') * 1000 + (s->cp[i + 1] - '0') * 100 +
								   (s->cp[i + 2] - '0') * 10 + (s->cp[i + 3] - '0'));

			if (year == 0 || y != year)
				return true;
		}
	}
	return false;
}

/* Does the sentence around k mention disclosure (公开)? */
static bool
about_disclosure(const Scan *s, int k)
{
	int			from = k;
	int			to = k;

	while (from > 0 && !is_sentence_break(s->cp[from - 1]))
		from--;
	while (to < s->n && !is_sentence_break(s->cp[to]))
		to++;
	return contains(s, from, to, "公开");
}

/* A pattern: keywords, words that may follow, unit required? */
typedef struct Pattern
{
	GipClaimKind kind;
	const char *const *keys;
	const char *const *between;	/* must follow the keyword, or NULL */
	const char *const *fillers; /* may stand before the number */
	bool		need_unit;
	bool		need_disclosure;	/* the sentence must mention 公开 */
	bool		previous_ok;	/* the keyword itself speaks of 上年 */
} Pattern;

static const char *const k_received[] = {"收到", "受理", "新收", "接收", "接到", NULL};
static const char *const b_received[] = {"政府信息公开申请", "信息公开申请", "依申请公开申请", NULL};
static const char *const f_count[] = {"数量", "共计", "共", "总计", "合计", "总数", "为", "达", "：", ":", NULL};
static const char *const k_carried_over[] = {"上年度结转", "上一年度结转", "上年结转", "上一年结转", NULL};
static const char *const f_carried[] = {"的", "政府信息公开申请", "申请", "继续办理", "办理", "数量", "共", "为", "：", ":", NULL};
static const char *const k_carried_forward[] = {"结转下年度", "结转至下年度", "结转到下年度", "结转下一年度", "结转至下一年度", "结转下年", NULL};
static const char *const k_licensing[] = {"行政许可", NULL};
static const char *const k_punishment[] = {"行政处罚", NULL};
static const char *const k_coercion[] = {"行政强制", NULL};
static const char *const f_decision[] = {"处理决定", "决定", "数量", "件数", "共计", "共", "总数", "为", "：", ":", NULL};
static const char *const k_review[] = {"行政复议", NULL};
static const char *const k_litigation[] = {"行政诉讼", NULL};
static const char *const f_case[] = {"案件", "申请", "数量", "共计", "共", "总计", "合计", "为", "：", ":", NULL};

static const Pattern patterns[] = {
	{GIP_CLAIM_RECEIVED, k_received, b_received, f_count, true, false, false},
	{GIP_CLAIM_CARRIED_OVER, k_carried_over, NULL, f_carried, true, false, true},
	{GIP_CLAIM_CARRIED_FORWARD, k_carried_forward, NULL, f_carried, true, false, false},
	{GIP_CLAIM_LICENSING, k_licensing, NULL, f_decision, false, false, false},
	{GIP_CLAIM_PUNISHMENT, k_punishment, NULL, f_decision, false, false, false},
	{GIP_CLAIM_COERCION, k_coercion, NULL, f_decision, false, false, false},
	{GIP_CLAIM_REVIEW, k_review, NULL, f_case, true, true, false},
	{GIP_CLAIM_LITIGATION, k_litigation, NULL, f_case, true, true, false},
};

/* The code points [from, to) as a UTF-8 string in arena. */
static char *
span_text(const Scan *s, int from, int to, GipArena *arena)
{
	char	   *buf = gip_alloc(arena, (size_t) (to - from) * 4 + 1);
	int			n = 0;

	if (buf == NULL)
		return NULL;
	for (int i = from; i < to; i++)
		n += utf8_encode(s->cp[i], buf + n);
	buf[n] = '\0';
	return buf;
}

/* Add a claim to the growing array; false when memory runs out. */
static bool
add_claim(GipClaim **claims, int *n, int *cap, GipArena *arena,
		  const GipClaim *claim)
{
	if (*n == *cap)
	{
		int			ncap = *cap ? *cap * 2 : 8;
		GipClaim   *grown = gip_alloc(arena, sizeof(GipClaim) * ncap);

		if (grown == NULL)
			return false;
		if (*n > 0)
			memcpy(grown, *claims, sizeof(GipClaim) * *n);
		*claims = grown;
		*cap = ncap;
	}
	(*claims)[(*n)++] = *claim;
	return true;
}

/*
 * The reversed form of the carried-forward figure:
 * "103件顺延到下年度", "5件申请结转至下一年度".  Returns the end or -1.
 */
static int
carried_forward_reversed(const Scan *s, int i, GipDecimal *value)
{
	static const char *const mid[] = {"申请", "结转", "顺延", "转入", "到", "至", NULL};
	static const char *const next_year[] = {"下年", "下一年", NULL};
	int			end = read_number(s, i, true, value);
	int			j;
	int			e;
	bool		moved = false;

	if (end < 0)
		return -1;
	j = end;
	for (int n = 0; n < 4; n++)
	{
		int			w = at_any(s, j, mid, &e);

		if (w < 0)
			break;
		if (w == 1 || w == 2 || w == 3)
			moved = true;
		j = e;
	}
	if (!moved || at_any(s, j, next_year, &e) < 0)
		return -1;
	return e;
}

#define MAX_KEYWORD_STARTS 32

/* The distinct first characters of the patterns' keywords; their count. */
static int
keyword_starts(uint32_t *firsts)
{
	int			n = 0;

	for (int p = 0; p < (int) (sizeof(patterns) / sizeof(patterns[0])); p++)
		for (int k = 0; patterns[p].keys[k] != NULL; k++)
		{
			const unsigned char *w = (const unsigned char *) patterns[p].keys[k];
			uint32_t	c;
			bool		seen = false;

			gip_utf8_next(w, strlen((const char *) w), &c);
			for (int f = 0; f < n; f++)
				seen = seen || firsts[f] == c;
			if (!seen && n < MAX_KEYWORD_STARTS)
				firsts[n++] = c;
		}
	return n;
}

/* Find the figures stated in text. */
int
gip_narrative_claims(const char *text, int year, GipArena *arena,
					 GipClaim **claims_out)
{
	Scan		s;
	GipClaim   *claims = NULL;
	int			n = 0;
	int			cap = 0;
	uint32_t	firsts[MAX_KEYWORD_STARTS];
	int			nfirst;

	*claims_out = NULL;
	if (text == NULL)
		return 0;
	if (!scan_build(&s, text, arena))
		return -1;
	nfirst = keyword_starts(firsts);
	for (int i = 0; i < s.n; i++)
	{
		GipClaim	claim;
		int			end;
		bool		keyword_here = false;

		/* most places start no keyword and no number: one look decides */
		for (int f = 0; f < nfirst && !keyword_here; f++)
			keyword_here = s.cp[i] == firsts[f];
		if (!keyword_here && !is_digit(&s, i))
			continue;

		/* "N件顺延到下年度" */
		if (is_digit(&s, i) && !is_digit(&s, i - 1))
		{
			int			e = carried_forward_reversed(&s, i, &claim.value);

			if (e > 0 && !off_topic(&s, i, year, false))
			{
				claim.kind = GIP_CLAIM_CARRIED_FORWARD;
				claim.phrase = span_text(&s, i, e, arena);
				claim.line_offset = s.nl[i];
				if (claim.phrase == NULL ||
					!add_claim(&claims, &n, &cap, arena, &claim))
					return -1;
			}
		}
		for (int p = 0; p < (int) (sizeof(patterns) / sizeof(patterns[0])); p++)
		{
			const Pattern *pat = &patterns[p];
			int			j;

			if (at_any(&s, i, pat->keys, &end) < 0)
				continue;
			j = end;
			if (pat->between != NULL)
			{
				int			found = -1;

				/* a few words may stand between verb and object: 共, 各类 */
				for (int gap = 0; gap <= 3 && found < 0; gap++)
				{
					if (j + gap >= s.n || is_clause_break(s.cp[j + gap]) ||
						is_digit(&s, j + gap))
						break;
					if (at_any(&s, j + gap, pat->between, &end) >= 0)
						found = end;
				}
				if (found < 0)
					continue;
				j = found;
			}
			j = skip_fillers(&s, j, pat->fillers);
			end = read_number(&s, j, pat->need_unit, &claim.value);
			if (end < 0)
				continue;
			if (off_topic(&s, i, year, pat->previous_ok))
				continue;
			if (pat->need_disclosure && !about_disclosure(&s, i))
				continue;
			claim.kind = pat->kind;
			claim.phrase = span_text(&s, i, end, arena);
			claim.line_offset = s.nl[i];
			if (claim.phrase == NULL ||
				!add_claim(&claims, &n, &cap, arena, &claim))
				return -1;
			break;
		}
	}
	*claims_out = claims;
	return n;
}
