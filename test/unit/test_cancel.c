/*
 * test_cancel.c
 *		Unit test of cancellation: when the arena's interrupt callback says
 *		stop, gip_parse_text and gip_validate return GIP_ERR_CANCELED (the
 *		PostgreSQL glue then services the interrupt) instead of going on.
 */
#include "unit.h"

#include "gip_validate.h"

#include <stdlib.h>

static int	calls;
static int	stop_after;			/* answer true from this call on; 0 never */

/* The interrupt callback: counts its calls, says stop after stop_after. */
static bool
interrupt(void *ctx)
{
	(void) ctx;
	calls++;
	return stop_after > 0 && calls >= stop_after;
}

/* The whole file path, NUL-terminated, in *len bytes; exits when missing. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;

	if (f == NULL)
	{
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	*len = (size_t) ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(*len + 1);
	if (buf == NULL || fread(buf, 1, *len, f) != *len)
		exit(2);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

int
main(void)
{
	GipArena	arena;
	GipError	err;
	GipReport  *report;
	GipFinding *findings;
	size_t		len;
	char	   *text = slurp("../seeds/003.txt", &len);
	char	   *big;
	int			n;
	int			uncanceled_calls;

	gip_arena_init(&arena);
	arena.interrupt_fn = interrupt;

	/* never asked to stop: the report parses and validates */
	memset(&err, 0, sizeof(err));
	report = gip_parse_text(text, len, &arena, &err);
	CHECK(report != NULL);
	if (report == NULL)
		UNIT_DONE();
	CHECK_INT(report->year, 2021);
	calls = 0;
	n = gip_validate(report, NULL, &arena, &findings, &err);
	CHECK(n >= 0);
	uncanceled_calls = calls;
	CHECK(uncanceled_calls > 1);	/* called between the rules */

	/* asked to stop at the first call: validation stops there */
	calls = 0;
	stop_after = 1;
	memset(&err, 0, sizeof(err));
	n = gip_validate(report, NULL, &arena, &findings, &err);
	CHECK_INT(n, -1);
	CHECK_INT(err.code, GIP_ERR_CANCELED);
	CHECK_INT(calls, 1);
	CHECK(findings == NULL);

	/* asked to stop half-way */
	calls = 0;
	stop_after = uncanceled_calls / 2;
	memset(&err, 0, sizeof(err));
	n = gip_validate(report, NULL, &arena, &findings, &err);
	CHECK_INT(n, -1);
	CHECK_INT(err.code, GIP_ERR_CANCELED);
	CHECK_INT(calls, stop_after);

	/* the parse honours it too (it asks every 1,024 lines: make 5,000) */
	big = malloc(len + 5000);
	if (big == NULL)
		exit(2);
	memcpy(big, text, len);
	memset(big + len, '\n', 5000);
	calls = 0;
	stop_after = 0;
	memset(&err, 0, sizeof(err));
	report = gip_parse_text(big, len + 5000, &arena, &err);
	CHECK(report != NULL);
	CHECK(calls > 0);
	calls = 0;
	stop_after = 1;
	memset(&err, 0, sizeof(err));
	report = gip_parse_text(big, len + 5000, &arena, &err);
	CHECK(report == NULL);
	CHECK_INT(err.code, GIP_ERR_CANCELED);

	gip_arena_free(&arena);
	free(text);
	free(big);
	UNIT_DONE();
}
