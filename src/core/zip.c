/*
 * zip.c
 *		One member of a ZIP archive held in memory, read with libzip.
 *
 * The archive is opened from the caller's buffer (zip_source_buffer_create
 * and zip_open_from_source, nothing touches the file system) with
 * libzip's consistency checks.  The member is read into the arena through
 * a bounded buffer: its declared size must be under the caller's cap and
 * its compression ratio under GIP_ZIP_MAX_RATIO, and the bytes actually
 * inflated must be exactly the declared size, so that a zip bomb stops
 * at the cap whatever its headers say.  Every libzip error is turned into
 * a GipError here, in zip_fail(); the zip_t and zip_file_t are released on
 * every path.
 */
#include "gip_internal.h"

#include <stdio.h>
#include <string.h>

#include <zip.h>

#define GIP_ZIP_MAX_ENTRIES	10000	/* members an archive may list */
#define GIP_ZIP_MAX_RATIO	200		/* uncompressed / compressed size */
#define GIP_ZIP_RATIO_FROM	(1024 * 1024)	/* ratio checked above this size */
#define GIP_ZIP_CHUNK		(256 * 1024)	/* bytes inflated per read */

/*
 * Fill err from a libzip error: what was being done, and libzip's own
 * words.  Encryption and unknown compression methods are unsupported
 * features; memory is memory; everything else means the archive is broken.
 */
static void
zip_fail(GipError *err, zip_error_t *ze, const char *doing)
{
	char		detail[512];
	int			code = zip_error_code_zip(ze);

	switch (code)
	{
		case ZIP_ER_MEMORY:
			gip_error_set(err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
			return;
		case ZIP_ER_NOPASSWD:
		case ZIP_ER_WRONGPASSWD:
		case ZIP_ER_ENCRNOTSUPP:
			snprintf(detail, sizeof(detail),
					 "While %s: the member is encrypted (libzip: %s).",
					 doing, zip_error_strerror(ze));
			gip_error_set(err, GIP_ERR_UNSUPPORTED, 0,
						  "encrypted DOCX archives are not supported", detail);
			return;
		case ZIP_ER_COMPNOTSUPP:
			snprintf(detail, sizeof(detail),
					 "While %s: libzip does not support the member's compression method (%s).",
					 doing, zip_error_strerror(ze));
			gip_error_set(err, GIP_ERR_UNSUPPORTED, 0,
						  "the DOCX archive uses an unsupported compression method",
						  detail);
			return;
		case ZIP_ER_NOZIP:
			snprintf(detail, sizeof(detail),
					 "While %s: no ZIP central directory was found, so the archive "
					 "is truncated or is not a ZIP file (libzip: %s).",
					 doing, zip_error_strerror(ze));
			break;
		default:
			snprintf(detail, sizeof(detail),
					 "While %s: the archive is truncated or corrupt (libzip: %s).",
					 doing, zip_error_strerror(ze));
			break;
	}
	gip_error_set(err, GIP_ERR_BAD_DOCX, 0, "could not read the DOCX archive",
				  detail);
}

/* Fill err for a limit the member goes over (a zip bomb, or just huge). */
static void
zip_limit(GipError *err, const char *name, const char *what,
		  unsigned long long got, unsigned long long limit)
{
	char		detail[512];

	snprintf(detail, sizeof(detail),
			 "Member %s: %s is %llu, the limit is %llu.", name, what, got, limit);
	gip_error_set(err, GIP_ERR_TOO_LARGE, 0,
				  "the DOCX archive goes over a size limit (a zip bomb?)", detail);
}

/* Fill err for a broken archive whose trouble libzip did not name. */
static void
zip_broken(GipError *err, const char *detail)
{
	gip_error_set(err, GIP_ERR_BAD_DOCX, 0, "could not read the DOCX archive",
				  detail);
}

/*
 * Read member name (case-insensitively) of the ZIP archive in
 * [data, data + len) into the arena, NUL-terminated.  Returns NULL with err
 * set when the archive does not open, lacks the member (GIP_ERR_BAD_DOCX,
 * detail naming it), the member is encrypted, or it goes over max_size
 * bytes or the compression ratio limit (GIP_ERR_TOO_LARGE).
 */
uint8_t *
gip_zip_member(const uint8_t *data, size_t len, const char *name,
			   size_t max_size, GipArena *arena, size_t *out_len,
			   GipError *err)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t	   *za;
	zip_file_t *zf;
	zip_int64_t nentries;
	zip_int64_t idx;
	zip_stat_t	st;
	uint8_t    *buf;
	size_t		got = 0;
	char		extra;
	zip_int64_t more;
	char		detail[512];

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src == NULL)
	{
		zip_fail(err, &ze, "opening the archive");
		zip_error_fini(&ze);
		return NULL;
	}
	za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (za == NULL)
	{
		zip_source_free(src);	/* still ours when the open failed */
		zip_fail(err, &ze, "opening the archive");
		zip_error_fini(&ze);
		return NULL;
	}
	zip_error_fini(&ze);
	/* from here on za owns src: zip_discard() frees both */

	nentries = zip_get_num_entries(za, 0);
	if (nentries > GIP_ZIP_MAX_ENTRIES)
	{
		snprintf(detail, sizeof(detail),
				 "The archive lists %lld members, the limit is %d.",
				 (long long) nentries, GIP_ZIP_MAX_ENTRIES);
		zip_discard(za);
		gip_error_set(err, GIP_ERR_TOO_LARGE, 0,
					  "the DOCX archive has too many members", detail);
		return NULL;
	}
	idx = zip_name_locate(za, name, ZIP_FL_NOCASE);
	if (idx < 0)
	{
		snprintf(detail, sizeof(detail),
				 "The ZIP archive (%lld members) has no %s, so it is not a Word "
				 "document (.docx).", (long long) nentries, name);
		zip_discard(za);
		gip_error_set(err, GIP_ERR_BAD_DOCX, 0,
					  "the ZIP archive is not a DOCX document", detail);
		return NULL;
	}
	zip_stat_init(&st);
	if (zip_stat_index(za, (zip_uint64_t) idx, 0, &st) != 0)
	{
		zip_fail(err, zip_get_error(za), "reading the member's header");
		zip_discard(za);
		return NULL;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
	{
		snprintf(detail, sizeof(detail),
				 "Member %s is encrypted (method %u); save the document without "
				 "a password.", name, (unsigned) st.encryption_method);
		zip_discard(za);
		gip_error_set(err, GIP_ERR_UNSUPPORTED, 0,
					  "encrypted DOCX archives are not supported", detail);
		return NULL;
	}
	if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
	{
		zip_discard(za);
		zip_broken(err, "The member's header gives no size.");
		return NULL;
	}
	if (st.size > max_size)
	{
		zip_discard(za);
		zip_limit(err, name, "the uncompressed size in bytes",
				  (unsigned long long) st.size, (unsigned long long) max_size);
		return NULL;
	}
	if (st.size > GIP_ZIP_RATIO_FROM &&
		st.size / (st.comp_size > 0 ? st.comp_size : 1) > GIP_ZIP_MAX_RATIO)
	{
		zip_discard(za);
		zip_limit(err, name, "the compression ratio",
				  (unsigned long long) (st.size / (st.comp_size > 0 ? st.comp_size : 1)),
				  GIP_ZIP_MAX_RATIO);
		return NULL;
	}
	buf = gip_alloc_raw(arena, (size_t) st.size + 1);
	if (buf == NULL)
	{
		zip_discard(za);
		gip_error_set(err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return NULL;
	}
	zf = zip_fopen_index(za, (zip_uint64_t) idx, 0);
	if (zf == NULL)
	{
		zip_fail(err, zip_get_error(za), "opening the member");
		zip_discard(za);
		return NULL;
	}
	/* inflate at most the declared size, a chunk at a time */
	while (got < st.size)
	{
		size_t		want = st.size - got < GIP_ZIP_CHUNK ? st.size - got : GIP_ZIP_CHUNK;
		zip_int64_t n;

		if (arena->interrupt_fn && arena->interrupt_fn(arena->ctx))
		{
			zip_fclose(zf);
			zip_discard(za);
			gip_error_set(err, GIP_ERR_CANCELED, 0, "canceled", NULL);
			return NULL;
		}
		n = zip_fread(zf, buf + got, want);
		if (n < 0)
		{
			zip_fail(err, zip_file_get_error(zf), "inflating the member");
			zip_fclose(zf);
			zip_discard(za);
			return NULL;
		}
		if (n == 0)
			break;
		got += (size_t) n;
	}
	/* the data must end where the header says: no byte more, none less */
	more = got < st.size ? 0 : zip_fread(zf, &extra, 1);
	if (more < 0)
	{
		zip_fail(err, zip_file_get_error(zf), "inflating the member");
		zip_fclose(zf);
		zip_discard(za);
		return NULL;
	}
	if (got < st.size || more > 0)
	{
		snprintf(detail, sizeof(detail),
				 "Member %s inflates to %s its declared %llu bytes.", name,
				 got < st.size ? "fewer than" : "more than",
				 (unsigned long long) st.size);
		zip_fclose(zf);
		zip_discard(za);
		zip_broken(err, detail);
		return NULL;
	}
	zip_fclose(zf);
	zip_discard(za);
	buf[got] = '\0';
	*out_len = got;
	return buf;
}
