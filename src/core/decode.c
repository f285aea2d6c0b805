/*
 * decode.c
 *		Bytes in any Chinese encoding to UTF-8, with ICU.
 *
 * The encoding is taken, in this order, from a byte order mark, from the
 * charset the document declares (<meta charset>, <?xml encoding>), from
 * the bytes being valid UTF-8, and from ICU's charset detector.  GB2312
 * and GBK are read as their superset GB18030.  Conversion stops at the
 * first byte sequence that is not valid in the encoding, so bytes that do
 * not decode give an error naming the encoding tried, never a guess.  Every
 * ICU handle is closed on every path.
 */
#include "gip_internal.h"

#include <stdio.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

/* Is [s, s + len) valid UTF-8 (no overlong form or surrogate)? */
bool
gip_utf8_valid(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *) text;
	size_t		i = 0;

	while (i < len)
	{
		unsigned char c = s[i];
		int			n;
		uint32_t	cp;

		if (c < 0x80)
		{
			i++;
			continue;
		}
		n = gip_utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && !(n == 3 && s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] == 0xBD))
			return false;
		i += n;
	}
	return true;
}

/* Copy a charset name found at s into name (lower case, at most 63). */
static void
copy_name(const char *s, size_t len, char *name)
{
	size_t		n = 0;

	while (n < len && n < 63 &&
		   ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z') ||
			(s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '_' ||
			s[n] == '.' || s[n] == ':'))
	{
		name[n] = (char) ((s[n] >= 'A' && s[n] <= 'Z') ? s[n] + 32 : s[n]);
		n++;
	}
	name[n] = '\0';
}

/*
 * The charset a page declares in its first bytes (charset=..., or
 * encoding="..." of an XML declaration); empty when none.
 */
static void
declared_charset(const unsigned char *data, size_t len, char *name)
{
	size_t		head = len < 4096 ? len : 4096;
	static const char *const markers[] = {"charset=", "encoding=", NULL};

	name[0] = '\0';
	for (int m = 0; markers[m] != NULL; m++)
	{
		size_t		mlen = strlen(markers[m]);

		for (size_t i = 0; i + mlen < head; i++)
		{
			size_t		k = 0;

			while (k < mlen && (data[i + k] | 0x20) == (unsigned char) markers[m][k])
				k++;
			if (k == mlen)
			{
				size_t		j = i + mlen;

				while (j < head && (data[j] == '"' || data[j] == '\'' || data[j] == ' '))
					j++;
				copy_name((const char *) data + j, head - j, name);
				if (name[0] != '\0')
					return;
			}
		}
	}
}

/* The name ICU should convert from, for a declared or detected name. */
static const char *
converter_name(const char *name)
{
	static const char *const gb[] = {
		"gb2312", "gbk", "gb18030", "gb_2312-80", "x-gbk", "cp936",
		"windows-936", "euc-cn", "x-euc-cn", "hz-gb-2312", NULL
	};

	for (int i = 0; gb[i] != NULL; i++)
		if (strcmp(name, gb[i]) == 0)
			return "GB18030";
	if (strcmp(name, "big5") == 0 || strcmp(name, "x-x-big5") == 0 ||
		strcmp(name, "cp950") == 0)
		return "Big5";
	if (strcmp(name, "big5-hkscs") == 0)
		return "Big5-HKSCS";
	if (strcmp(name, "utf-8") == 0 || strcmp(name, "utf8") == 0)
		return "UTF-8";
	if (strcmp(name, "utf-16") == 0 || strcmp(name, "utf-16le") == 0)
		return "UTF-16LE";
	if (strcmp(name, "utf-16be") == 0)
		return "UTF-16BE";
	return NULL;
}

/* Raise a decoding error naming the encoding. */
static void
decode_error(GipError *err, const char *encoding, const char *how,
			 UErrorCode status)
{
	char		detail[256];

	snprintf(detail, sizeof(detail),
			 "The bytes were read as %s (%s) and are not valid in it (%s).",
			 encoding, how, u_errorName(status));
	gip_error_set(err, GIP_ERR_BAD_ENCODING, 0,
				  "could not decode the document", detail);
}

/*
 * Convert len bytes in encoding to UTF-8 in the arena.  Returns NULL with
 * err set when a byte sequence is invalid.
 */
static char *
convert(const unsigned char *data, size_t len, const char *encoding,
		const char *how, GipArena *arena, size_t *out_len, GipError *err)
{
	UErrorCode	status = U_ZERO_ERROR;
	UConverter *conv;
	UChar	   *wide;
	int32_t		wide_len;
	char	   *utf8;
	int32_t		utf8_len = 0;

	if (len >= INT32_MAX / 4)
	{
		gip_error_set(err, GIP_ERR_TOO_LARGE, 0, "document is too large", NULL);
		return NULL;
	}
	wide = gip_alloc_raw(arena, sizeof(UChar) * (len + 1));
	if (wide == NULL)
	{
		gip_error_set(err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return NULL;
	}
	conv = ucnv_open(encoding, &status);
	if (U_FAILURE(status))
	{
		gip_error_set(err, GIP_ERR_ICU, 0, "could not open an ICU converter",
					  encoding);
		err->icu_status = (int) status;
		return NULL;
	}
	ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
	if (U_SUCCESS(status))
		wide_len = ucnv_toUChars(conv, wide, (int32_t) len + 1,
								 (const char *) data, (int32_t) len, &status);
	else
		wide_len = 0;
	ucnv_close(conv);
	if (U_FAILURE(status))
	{
		decode_error(err, encoding, how, status);
		return NULL;
	}
	utf8 = gip_alloc_raw(arena, (size_t) wide_len * 3 + 1);
	if (utf8 == NULL)
	{
		gip_error_set(err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return NULL;
	}
	u_strToUTF8(utf8, wide_len * 3 + 1, &utf8_len, wide, wide_len, &status);
	if (U_FAILURE(status))
	{
		decode_error(err, encoding, how, status);
		return NULL;
	}
	*out_len = (size_t) utf8_len;
	return utf8;
}

/* Ask ICU's detector; returns a converter name, or NULL. */
static const char *
detect(const unsigned char *data, size_t len, GipError *err)
{
	UErrorCode	status = U_ZERO_ERROR;
	UCharsetDetector *det = ucsdet_open(&status);
	const UCharsetMatch **matches;
	int32_t		nmatches = 0;
	const char *result = NULL;

	if (U_FAILURE(status))
	{
		gip_error_set(err, GIP_ERR_ICU, 0, "could not open ICU's charset detector", NULL);
		err->icu_status = (int) status;
		return NULL;
	}
	ucsdet_setText(det, (const char *) data,
				   len > INT32_MAX ? INT32_MAX : (int32_t) len, &status);
	matches = ucsdet_detectAll(det, &nmatches, &status);
	for (int32_t i = 0; U_SUCCESS(status) && i < nmatches && result == NULL; i++)
	{
		const char *name = ucsdet_getName(matches[i], &status);
		char		lower[64];

		if (U_FAILURE(status) || name == NULL)
			break;
		copy_name(name, strlen(name), lower);
		result = converter_name(lower);
	}
	ucsdet_close(det);
	if (U_FAILURE(status))
	{
		gip_error_set(err, GIP_ERR_ICU, 0, "ICU's charset detector failed", u_errorName(status));
		err->icu_status = (int) status;
		return NULL;
	}
	return result;
}

/*
 * Decode bytes to UTF-8; *encoding_out names the encoding used.  Returns
 * NULL with err set when they do not decode.
 */
char *
gip_decode_bytes(const uint8_t *data, size_t len, GipArena *arena,
				 size_t *out_len, const char **encoding_out, GipError *err)
{
	char		declared[64];
	const char *encoding;
	char	   *text;

	memset(err, 0, sizeof(*err));
	if (len > GIP_MAX_INPUT)
	{
		gip_error_set(err, GIP_ERR_TOO_LARGE, 0, "document is too large", NULL);
		return NULL;
	}
	/* byte order marks */
	if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
	{
		data += 3;
		len -= 3;
		encoding = "UTF-8";
	}
	else if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
	{
		*encoding_out = "UTF-16LE";
		return convert(data + 2, len - 2, "UTF-16LE", "byte order mark", arena, out_len, err);
	}
	else if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
	{
		*encoding_out = "UTF-16BE";
		return convert(data + 2, len - 2, "UTF-16BE", "byte order mark", arena, out_len, err);
	}
	else
		encoding = NULL;

	if (encoding == NULL)
	{
		declared_charset(data, len, declared);
		if (declared[0] != '\0' && (encoding = converter_name(declared)) != NULL)
		{
			if (strcmp(encoding, "UTF-8") != 0)
			{
				*encoding_out = encoding;
				text = convert(data, len, encoding, "declared by the document", arena, out_len, err);
				/* a page that says gbk but is UTF-8 (re-saved) */
				if (text == NULL && err->code == GIP_ERR_BAD_ENCODING && gip_utf8_valid((const char *) data, len))
					encoding = "UTF-8";
				else
					return text;
			}
		}
	}
	if (encoding == NULL && gip_utf8_valid((const char *) data, len))
		encoding = "UTF-8";
	if (encoding != NULL && strcmp(encoding, "UTF-8") == 0)
	{
		if (!gip_utf8_valid((const char *) data, len))
		{
			gip_error_set(err, GIP_ERR_BAD_ENCODING, 0, "could not decode the document",
						  "The bytes were read as UTF-8 and are not valid UTF-8.");
			return NULL;
		}
		*encoding_out = "UTF-8";
		text = gip_alloc_raw(arena, len + 1);
		if (text == NULL)
		{
			gip_error_set(err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
			return NULL;
		}
		memcpy(text, data, len);
		text[len] = '\0';
		*out_len = len;
		return text;
	}
	encoding = detect(data, len, err);
	if (err->code != GIP_OK)
		return NULL;
	if (encoding == NULL)
		encoding = "GB18030";	/* the usual encoding of old Chinese pages */
	*encoding_out = encoding;
	return convert(data, len, encoding, "detected", arena, out_len, err);
}

/*
 * Decode bytes in any supported encoding and parse them; a ZIP archive is
 * read as a Word document (read_docx.c).
 */
GipReport *
gip_parse_bytes(const uint8_t *data, size_t len, GipArena *arena,
				const char **encoding_out, GipError *err)
{
	size_t		text_len = 0;
	char	   *text;

	if (gip_looks_like_zip(data, len))
	{
		*encoding_out = "UTF-8";	/* what Word writes document.xml in */
		return gip_parse_docx(data, len, arena, err);
	}
	text = gip_decode_bytes(data, len, arena, &text_len, encoding_out, err);
	if (text == NULL)
		return NULL;
	return gip_parse_text(text, text_len, arena, err);
}
