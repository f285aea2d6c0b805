/*
 * unit.h
 *		A tiny harness for the unit tests of the parser core (test/unit):
 *		CHECK macros that count and report, and helpers that fold and
 *		classify a cell the way the parser does.  Each test program ends
 *		with UNIT_DONE(), which prints "N passed, M failed" and returns
 *		non-zero when a check failed.
 */
#ifndef GIP_UNIT_H
#define GIP_UNIT_H

#include "gip_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int	unit_passed;
static int	unit_failed;

/* Count one check; print where it failed. */
static inline bool
unit_check(bool ok, const char *file, int line, const char *what)
{
	if (ok)
		unit_passed++;
	else
	{
		unit_failed++;
		fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
	}
	return ok;
}

#define CHECK(cond) unit_check((cond), __FILE__, __LINE__, #cond)

/* Two integers equal; prints both when not. */
#define CHECK_INT(got, want) \
	do { \
		long long g_ = (long long) (got), w_ = (long long) (want); \
		if (!unit_check(g_ == w_, __FILE__, __LINE__, #got " == " #want)) \
			fprintf(stderr, "    got %lld, want %lld\n", g_, w_); \
	} while (0)

/* Two C strings equal; prints both when not. */
#define CHECK_STR(got, want) \
	do { \
		const char *g_ = (got), *w_ = (want); \
		bool ok_ = g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0; \
		if (!unit_check(ok_, __FILE__, __LINE__, #got " == " #want)) \
			fprintf(stderr, "    got \"%s\", want \"%s\"\n", \
					g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	} while (0)

/* End of main: the summary line and the exit status. */
#define UNIT_DONE() \
	do { \
		printf("%s: %d passed, %d failed\n", __FILE__, unit_passed, unit_failed); \
		return unit_failed > 0 ? 1 : 0; \
	} while (0)

/* A document to fold cells with: its arena and error. */
typedef struct UnitDoc
{
	GipArena	arena;
	GipError	err;
	Doc			doc;
} UnitDoc;

/* Set up u (traditional: fold Traditional characters to Simplified). */
static inline void
unit_doc_init(UnitDoc *u, bool traditional)
{
	memset(u, 0, sizeof(*u));
	gip_arena_init(&u->arena);
	u->doc.arena = &u->arena;
	u->doc.err = &u->err;
	if (traditional && gip_ts_prepare(&u->err))
		u->doc.traditional = true;
}

static inline void
unit_doc_free(UnitDoc *u)
{
	gip_arena_free(&u->arena);
}

/* The folded form of text (NUL-terminated, in the arena), or NULL. */
static inline const char *
unit_fold(UnitDoc *u, const char *text)
{
	uint32_t	len;

	return gip_fold(&u->doc, text, strlen(text), &len);
}

/* A cell of text, folded and classified as the parser does. */
static inline Cell
unit_cell(UnitDoc *u, const char *text)
{
	Cell		cell;

	memset(&cell, 0, sizeof(cell));
	cell.raw = text;
	cell.raw_len = (uint32_t) strlen(text);
	cell.key = gip_fold(&u->doc, text, strlen(text), &cell.key_len);
	if (cell.key == NULL)
	{
		cell.key = "";
		cell.key_len = 0;
	}
	gip_classify(&cell);
	return cell;
}

#endif							/* GIP_UNIT_H */
