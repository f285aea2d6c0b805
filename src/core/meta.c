/*
 * meta.c
 *		The report's facts outside the tables: the agency and year from the
 *		title, the statistics period, the signature date (in Arabic or Chinese
 *		numerals), and the text of the narrative parts 一, 五 and 六.
 *
 * Everything is read from folded row text (NFKC, no spaces); headings are
 * recognised by their words, with or without numbering.
 */
#include "gip_internal.h"

#include <string.h>

/* The code point at key[*i], advancing *i; 0 at the end. */
static uint32_t
next_cp(const char *key, size_t len, size_t *i)
{
	uint32_t	cp;

	if (*i >= len)
		return 0;
	*i += gip_utf8_next((const unsigned char *) key + *i, len - *i, &cp);
	return cp;
}

/* The code point at key[i] without advancing. */
static uint32_t
peek_cp(const char *key, size_t len, size_t i)
{
	return next_cp(key, len, &i);
}

/* Value of a Chinese digit (〇 零 一 … 九), or -1. */
static int
chinese_digit(uint32_t cp)
{
	switch (cp)
	{
			/* 零, and what stands for 〇 where it cannot be written: O, ○ (Big5), ◯ */
		case 0x96F6:
		case 'O':
		case 'o':
		case 0x25CB:
		case 0x25EF:
		case 0x3007:			/* 〇 */
			return 0;
		case 0x4E00:			/* 一 */
			return 1;
		case 0x4E8C:			/* 二 */
			return 2;
		case 0x4E09:			/* 三 */
			return 3;
		case 0x56DB:			/* 四 */
			return 4;
		case 0x4E94:			/* 五 */
			return 5;
		case 0x516D:			/* 六 */
			return 6;
		case 0x4E03:			/* 七 */
			return 7;
		case 0x516B:			/* 八 */
			return 8;
		case 0x4E5D:			/* 九 */
			return 9;
		default:
			return -1;
	}
}

/*
 * Read a number at key[*i] written in ASCII digits or Chinese numerals
 * (二〇二二, 十二, 二十一).  Returns -1 when there is none.
 */
static int
read_number(const char *key, size_t len, size_t *i, int max_digits)
{
	size_t		j = *i;
	int			value = 0;
	int			digits = 0;
	uint32_t	cp = peek_cp(key, len, j);

	if (cp >= '0' && cp <= '9')
	{
		while (j < len && key[j] >= '0' && key[j] <= '9' && digits < max_digits)
		{
			value = value * 10 + (key[j] - '0');
			j++;
			digits++;
		}
		*i = j;
		return value;
	}
	/* Chinese: digits, possibly with 十 (ten) */
	{
		int			tens = -1;
		int			unit = 0;
		bool		any = false;

		for (;;)
		{
			size_t		k = j;
			uint32_t	c = next_cp(key, len, &k);
			int			d = chinese_digit(c);

			if (c == 0x5341)	/* 十 */
			{
				tens = any ? unit : 1;
				unit = 0;
				any = true;
				j = k;
				continue;
			}
			if (d < 0 || digits >= max_digits)
				break;
			if (tens >= 0)
				unit = d;
			else
				unit = unit * 10 + d;
			digits++;
			any = true;
			j = k;
		}
		if (!any)
			return -1;
		value = tens >= 0 ? tens * 10 + unit : unit;
	}
	*i = j;
	return value;
}

/* Skip the word at key[*i] if it is there. */
static bool
skip(const char *key, size_t len, size_t *i, const char *word)
{
	size_t		wlen = strlen(word);

	if (*i + wlen <= len && memcmp(key + *i, word, wlen) == 0)
	{
		*i += wlen;
		return true;
	}
	return false;
}

/* Read a date 2022年1月20日 / 二〇二二年一月七日 at key[*i]. */
static bool
read_date(const char *key, size_t len, size_t *i, GipDate *date)
{
	size_t		j = *i;
	int			year = read_number(key, len, &j, 4);
	int			month,
				day;

	if (year < 1990 || year > 2100 || !skip(key, len, &j, "年"))
		return false;
	month = read_number(key, len, &j, 2);
	if (month < 1 || month > 12 || !skip(key, len, &j, "月"))
		return false;
	day = read_number(key, len, &j, 2);
	if (day < 1 || day > 31 ||
		!(skip(key, len, &j, "日") || skip(key, len, &j, "号")))
		return false;
	date->year = year;
	date->month = month;
	date->day = day;
	*i = j;
	return true;
}

/* Does s hold an ASCII digit? */
static bool
has_digit(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return true;
	return false;
}

/*
 * A row that is only a date in digits: 2022-01-20, 2022.1.20, 2022/1/20.
 */
static bool
read_numeric_date(const char *key, size_t len, GipDate *date)
{
	size_t		i = 0;
	int			year = read_number(key, len, &i, 4);
	int			month,
				day;
	char		sep;

	if (year < 1990 || year > 2100 || i >= len)
		return false;
	sep = key[i];
	if (sep != '-' && sep != '.' && sep != '/')
		return false;
	i++;
	month = read_number(key, len, &i, 2);
	if (month < 1 || month > 12 || i >= len || key[i] != sep)
		return false;
	i++;
	day = read_number(key, len, &i, 2);
	if (day < 1 || day > 31 || i != len)
		return false;
	date->year = year;
	date->month = month;
	date->day = day;
	return true;
}

/* Find the first date in key at or after *from. */
static bool
find_date(const char *key, size_t len, size_t *from, GipDate *date)
{
	for (size_t i = *from; i < len;)
	{
		size_t		j = i;
		unsigned char c = (unsigned char) key[i];
		unsigned char c2 = i + 1 < len ? (unsigned char) key[i + 1] : 0;

		/*
		 * a year starts with 1, 2, 〇 (E3 80 87) or a CJK digit: 一 二 三 五
		 * 七 九 (E4 B8..BA), 四 六 八 (E5 85, E5 9B) or 零 (E9 9B); the lead
		 * and second bytes pass over every other character untested
		 */
		if ((c == '1' || c == '2' ||
			 (c == 0xE3 && c2 == 0x80) ||
			 (c == 0xE4 && c2 >= 0xB8 && c2 <= 0xBA) ||
			 (c == 0xE5 && (c2 == 0x85 || c2 == 0x9B)) ||
			 (c == 0xE9 && c2 == 0x9B)) &&
			(c < 0x80 || chinese_digit(peek_cp(key, len, i)) >= 0) &&
			read_date(key, len, &j, date))
		{
			*from = j;
			return true;
		}
		if (c < 0x80)
			i++;
		else
			next_cp(key, len, &i);
	}
	return false;
}

/*
 * Which part of the report (1–6) does this folded heading start, or 0.
 * A heading is short, may carry numbering (一、 1、 1.) and extra words.
 * The key sets of the text are taken from *mask, computed there only when
 * the shape of the text allows a heading (has_mask tells whether it is).
 */
int
gip_heading_part(const char *key, size_t len, GipKeyMask *mask, bool *has_mask)
{
	static const struct
	{
		int			part;
		const char *keys;
	}			parts[] = {
		{6, KEYS_PART6},
		{5, KEYS_PART5},
		{4, KEYS_PART4},
		{3, KEYS_PART3},
		{2, KEYS_PART2},
		{1, KEYS_PART1},
	};
	static int	ids[6] = {-2};
	size_t		i = 0;
	bool		numbered = false;
	uint32_t	cp;

	if (len == 0 || len > GIP_HEADING_MAX)
		return 0;
	if (ids[0] == -2)
		for (size_t p = 0; p < 6; p++)
			ids[p] = gip_keyset(parts[p].keys);
	cp = peek_cp(key, len, 0);
	if (chinese_digit(cp) > 0 || cp == 0x5341 || (cp >= '1' && cp <= '9'))
	{
		size_t		j = 0;

		if (read_number(key, len, &j, 2) > 0 &&
			(skip(key, len, &j, "、") || skip(key, len, &j, ".") ||
			 skip(key, len, &j, ",")))
		{
			numbered = true;
			i = j;
		}
	}
	if (!numbered && skip(key, len, &i, "第"))
		return 0;
	if (peek_cp(key, len, i) == '(')
		return 0;				/* a subsection: (一) */
	if (!numbered && len - i > 45)
		return 0;
	if (!*has_mask)
	{
		*mask = gip_keys_scan(key, len);
		*has_mask = true;
	}
	for (size_t p = 0; p < sizeof(parts) / sizeof(parts[0]); p++)
		if (gip_mask_has(*mask, ids[p]))
			return parts[p].part;
	return 0;
}

/*
 * Copy the text of rows [from, to) that are not table rows, one per line;
 * when lines is not NULL, also the source line of each line.
 */
static char *
narrative_text(Doc *doc, int from, int to, const bool *in_table,
			   int32_t **lines, int *nlines)
{
	size_t		total = 0;
	char	   *text;
	size_t		n = 0;

	for (int i = from; i < to; i++)
	{
		Row		   *r = &doc->rows[i];

		if (in_table[i] || r->ncells == 0)
			continue;
		total += (r->cells[r->ncells - 1].raw + r->cells[r->ncells - 1].raw_len -
				  r->cells[0].raw) + 1;
	}
	if (total == 0)
		return NULL;
	/* every byte up to the NUL is written: no need to zero it */
	text = gip_alloc_raw(doc->arena, total + 1);
	if (text == NULL)
		return NULL;
	if (lines != NULL)
	{
		*lines = gip_alloc_raw(doc->arena, sizeof(int32_t) * (to - from + 1));
		*nlines = 0;
		if (*lines == NULL)
			return NULL;
	}
	for (int i = from; i < to; i++)
	{
		Row		   *r = &doc->rows[i];
		size_t		len;

		if (in_table[i] || r->ncells == 0)
			continue;
		if (r->ncells == 1)
			len = r->cells[0].raw_len;
		else
			len = r->cells[r->ncells - 1].raw + r->cells[r->ncells - 1].raw_len -
				r->cells[0].raw;
		if (n > 0)
			text[n++] = '\n';
		memcpy(text + n, r->cells[0].raw, len);
		n += len;
		if (lines != NULL)
			(*lines)[(*nlines)++] = r->first_line;
	}
	text[n] = '\0';
	return text;
}

/* Does the raw text of row (all its cells, as written) contain word? */
static bool
row_raw_has(const Row *row, const char *word)
{
	for (int c = 0; c < row->ncells; c++)
		if (gip_memmem(row->cells[c].raw, row->cells[c].raw_len, word,
					   strlen(word)) != NULL)
			return true;
	return false;
}

/* Find a year (19xx/20xx followed by 年) in key; returns it and its offset. */
static int
find_year(const char *key, size_t len, size_t *at)
{
	for (size_t i = 0; i + 4 < len; i++)
	{
		size_t		j = i;

		if ((key[i] == '1' || key[i] == '2') && (i == 0 || key[i - 1] < '0' || key[i - 1] > '9'))
		{
			int			y = read_number(key, len, &j, 4);

			if (j == i + 4 && y >= 1990 && y <= 2100 && skip(key, len, &j, "年"))
			{
				*at = i;
				return y;
			}
		}
	}
	return 0;
}

/*
 * How much row i looks like the report's title: it must say 年度报告 (or
 * 年报) and be short; a year, 政府信息公开 and the word 报告 at its end add
 * to it; breadcrumbs and links (>, 首页, 当前位置) take away.  0: not a title.
 */
static int
title_score(Doc *doc, int i, int title_id)
{
	uint32_t	len;
	const char *key;
	size_t		at;
	int			score = 1;
	Row		   *r = &doc->rows[i];

	/* a title is short: do not fold a paragraph to find out */
	if (r->ncells == 0 || r->cells[0].raw_len > 300)
		return 0;
	/*
	 * every title word has 报; in Simplified text a row whose raw text has
	 * none has none folded either (folding changes no ideograph): not
	 * folded to find out
	 */
	if (!doc->traditional && r->ncells == 1 &&
		gip_memmem(r->cells[0].raw, r->cells[0].raw_len, "报", strlen("报")) == NULL)
		return 0;
	key = gip_row_key(doc, r, &len);
	if (len == 0 || len >= 200 ||
		gip_memmem(key, len, "报", strlen("报")) == NULL ||
		!gip_mask_has(gip_row_mask(doc, &doc->rows[i]), title_id))
		return 0;				/* every title word has 报 */
	if (find_year(key, len, &at) != 0)
		score += 2;
	if (gip_memmem(key, len, "政府信息公开", strlen("政府信息公开")) != NULL)
		score += 2;
	if (len >= strlen("报告") && memcmp(key + len - strlen("报告"), "报告", strlen("报告")) == 0)
		score += 2;
	if (memchr(key, '>', len) != NULL ||
		gip_memmem(key, len, "首页", strlen("首页")) != NULL ||
		gip_memmem(key, len, "当前位置", strlen("当前位置")) != NULL ||
		gip_memmem(key, len, "》", strlen("》")) != NULL)
		score -= 4;
	return score > 0 ? score : 0;
}

/* Cut the agency name out of a folded title. */
static char *
agency_from_title(Doc *doc, const char *title, size_t len, int *year)
{
	size_t		at = 0;
	size_t		start,
				end;
	const char *gov;

	*year = find_year(title, len, &at);
	if (*year == 0)
		return NULL;
	start = 0;
	end = at;
	/* XX政府信息公开工作2021年度报告: the agency ends where the subject starts */
	gov = gip_memmem(title, at, "政府信息公开", strlen("政府信息公开"));
	if (gov != NULL && gov > title)
		end = gov - title;
	if (end == 0)
	{
		/* the year comes first: the agency follows it */
		start = at + 4;
		skip(title, len, &start, "年");
		skip(title, len, &start, "度");
		gov = gip_memmem(title + start, len - start, "政府信息公开", strlen("政府信息公开"));
		if (gov == NULL)
			gov = gip_memmem(title + start, len - start, "年度报告", strlen("年度报告"));
		end = gov ? (size_t) (gov - title) : start;
	}
	/* drop 关于 and punctuation at either end */
	skip(title, end, &start, "关于");
	if (end - start >= strlen("关于") &&
		memcmp(title + end - strlen("关于"), "关于", strlen("关于")) == 0)
		end -= strlen("关于");
	while (start < end && (title[start] == ':' || title[start] == '-'))
		start++;
	if (end <= start)
		return NULL;
	return gip_strndup(doc->arena, title + start, end - start);
}

/*
 * Read the agency, year, period, signature date and narrative parts.
 */
bool
gip_extract_meta(Doc *doc)
{
	GipReport  *report = doc->report;
	bool	   *in_table = gip_alloc(doc->arena, sizeof(bool) * (doc->nrows + 1));
	int			heading[7];
	int			first_table = doc->nrows;
	int			scan_to = doc->nrows < 80 ? doc->nrows : 80;
	int			title_id = gip_keyset(KEYS_TITLE);

	if (in_table == NULL)
	{
		gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return false;
	}

	/* which rows belong to tables: those holding the report's cells */
	for (int i = 0; i < doc->nrows; i++)
	{
		Row		   *r = &doc->rows[i];

		in_table[i] = r->tabular;
		if (r->tabular && i < first_table)
		{
			uint32_t	len;

			gip_row_key(doc, r, &len);
			if (r->nvalues > 0 || doc->form != GIP_FORM_LAYOUT)
				first_table = i;
		}
	}

	/*
	 * title: the best short row before the tables that says 年度报告 (web
	 * pages put site names, menus and breadcrumbs first)
	 */
	{
		int			best = -1;
		int			best_score = 0;

		for (int i = 0; i < scan_to && i < first_table; i++)
		{
			int			score = title_score(doc, i, title_id);

			if (score > best_score)
			{
				best = i;
				best_score = score;
			}
		}
		if (best >= 0)
		{
			uint32_t	len;
			const char *key = gip_row_key(doc, &doc->rows[best], &len);
			char		title[600];
			size_t		tlen = 0;
			size_t		at;

			/* the title may start on the line above */
			if (best > 0 && (find_year(key, len, &at) == 0 || at == 0))
			{
				uint32_t	plen;
				const char *prev = gip_row_key(doc, &doc->rows[best - 1], &plen);

				if (plen < 200)
				{
					memcpy(title, prev, plen);
					tlen = plen;
				}
			}
			if (tlen + len < sizeof(title))
			{
				memcpy(title + tlen, key, len);
				tlen += len;
			}
			report->agency = agency_from_title(doc, title, tlen, &report->year);
			report->agency_line = doc->rows[best].first_line;
			report->year_line = doc->rows[best].first_line;
		}
	}

	/* statistics period: date 至 date */
	for (int i = 0; i < first_table && report->period_start.year == 0; i++)
	{
		uint32_t	len;
		const char *key;
		size_t		from = 0;

		if (in_table[i])
			continue;
		if (!row_raw_has(&doc->rows[i], "日"))
			continue;			/* no date ends on this row */
		key = gip_row_key(doc, &doc->rows[i], &len);
		/* a period may wrap onto the next line */
		if (i + 1 < doc->nrows && !in_table[i + 1])
		{
			uint32_t	nlen;
			const char *next = gip_row_key(doc, &doc->rows[i + 1], &nlen);
			char	   *both = gip_alloc(doc->arena, len + nlen + 1);

			if (both != NULL)
			{
				memcpy(both, key, len);
				memcpy(both + len, next, nlen);
				key = both;
				len += nlen;
			}
		}
		while (from < len)
		{
			GipDate		start;
			GipDate		end;

			if (!find_date(key, len, &from, &start))
				break;
			{
				size_t		j = from;

				skip(key, len, &j, "起");
				if ((skip(key, len, &j, "至") || skip(key, len, &j, "到") ||
					 skip(key, len, &j, "-") || skip(key, len, &j, "—") ||
					 skip(key, len, &j, "~")) && read_date(key, len, &j, &end))
				{
					start.line = doc->rows[i].first_line;
					end.line = doc->rows[i].first_line;
					report->period_start = start;
					report->period_end = end;
					break;
				}
			}
		}
	}
	if (report->year == 0 && report->period_end.year != 0)
		report->year = report->period_end.year;

	/* signature date: a row near the end that ends in a date */
	for (int i = doc->nrows - 1, seen = 0; i >= 0 && seen < 6; i--)
	{
		uint32_t	len;
		const char *key;
		size_t		from = 0;
		GipDate		date;

		if (in_table[i])
			break;
		key = gip_row_key(doc, &doc->rows[i], &len);
		if (len == 0)
			continue;
		seen++;
		if (len > 120)
			continue;
		while (find_date(key, len, &from, &date))
		{
			if (from == len)
			{
				date.line = doc->rows[i].first_line;
				report->published = date;
				break;
			}
		}
		if (report->published.year == 0 && read_numeric_date(key, len, &date))
		{
			date.line = doc->rows[i].first_line;
			report->published = date;
		}
		if (report->published.year != 0)
		{
			/* no title: the body signs on the line above its date */
			if (report->agency == NULL && i > 0 && !in_table[i - 1])
			{
				uint32_t	alen;
				const char *above = gip_row_key(doc, &doc->rows[i - 1], &alen);

				if (alen > 0 && alen <= 60 && !has_digit(above, alen))
				{
					report->agency = gip_strndup(doc->arena, above, alen);
					report->agency_line = doc->rows[i - 1].first_line;
				}
			}
			break;
		}
	}

	/* no signature date: the page's own publication date */
	if (report->published.year == 0)
	{
		for (int i = 0; i < scan_to && i < first_table && doc->page_date.year == 0; i++)
		{
			Row		   *r = &doc->rows[i];

			for (int c = 0; c < r->ncells; c++)
				if (r->cells[c].raw_len < 200 &&
					gip_find_page_date(r->cells[c].raw, r->cells[c].raw_len,
									   &doc->page_date))
				{
					doc->page_date.line = r->first_line;
					break;
				}
		}
		if (doc->page_date.year != 0)
		{
			report->published = doc->page_date;
			gip_note(doc, GIP_NOTE_INFO, 0, doc->page_date.line, "published_from_page",
					 "no signature date: the page's own publication date %04d-%02d-%02d is taken as published",
					 doc->page_date.year, doc->page_date.month, doc->page_date.day);
		}
	}

	/* without a year in the title: the period, else the year before signing */
	if (report->year == 0 && report->published.year != 0 &&
		report->published.month <= 6)
		report->year = report->published.year - 1;

	/* narrative parts, by their headings */
	for (int p = 0; p < 7; p++)
		heading[p] = -1;
	for (int i = 0; i < doc->nrows; i++)
	{
		int			part;
		uint32_t	len;
		const char *key;

		if (in_table[i] || doc->rows[i].ncells == 0 ||
			doc->rows[i].cells[0].raw_len > 2 * GIP_HEADING_MAX)
			continue;			/* too long for a heading: not folded */
		key = gip_row_key(doc, &doc->rows[i], &len);
		if (len > GIP_HEADING_MAX)
			continue;
		part = gip_heading_part(key, len, &doc->rows[i].mask,
								&doc->rows[i].has_mask);
		if (part > 0 && heading[part] < 0)
			heading[part] = i;
	}
	{
		int			start1 = heading[1] >= 0 ? heading[1] + 1 : 0;
		int			end1 = first_table;
		int			sig = report->published.year != 0 ? -1 : doc->nrows;

		if (heading[1] < 0)
		{
			/* no heading: the text after the title */
			for (int i = 0; i < doc->nrows && i < first_table; i++)
				if (doc->rows[i].first_line > report->agency_line &&
					report->agency_line > 0)
				{
					start1 = i;
					break;
				}
		}
		for (int p = 2; p <= 6; p++)
			if (heading[p] > start1 && heading[p] < end1)
				end1 = heading[p];
		if (start1 < end1)
		{
			report->overview = narrative_text(doc, start1, end1, in_table,
											  &report->overview_lines,
											  &report->overview_nlines);
			report->overview_line = doc->rows[start1].first_line;
		}
		if (sig < 0)
		{
			/* stop before the signature */
			sig = doc->nrows;
			for (int i = doc->nrows - 1; i >= 0; i--)
				if (doc->rows[i].first_line == report->published.line)
				{
					sig = i;
					/* and the agency line just above it */
					if (i > 0 && !in_table[i - 1] && doc->rows[i - 1].key_len < 60 &&
						report->agency != NULL &&
						gip_memmem(doc->rows[i - 1].key, doc->rows[i - 1].key_len,
								   report->agency, strlen(report->agency)) != NULL)
						sig = i - 1;
					break;
				}
		}
		if (heading[5] >= 0)
		{
			int			end5 = heading[6] > heading[5] ? heading[6] : sig;

			report->problems = narrative_text(doc, heading[5] + 1, end5, in_table,
											  NULL, NULL);
			report->problems_line = doc->rows[heading[5]].first_line;
		}
		if (heading[6] >= 0)
		{
			report->other_matters = narrative_text(doc, heading[6] + 1, sig,
												   in_table, NULL, NULL);
			report->other_matters_line = doc->rows[heading[6]].first_line;
		}
	}
	return true;
}
