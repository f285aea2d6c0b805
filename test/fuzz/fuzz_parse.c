/*
 * fuzz_parse.c
 *		libFuzzer harness over the fmgr-free parser core.
 *
 * The first byte of the input chooses the entry point: text (gip_parse_text),
 * bytes in any encoding or a .docx (gip_parse_bytes), the binary form of a
 * report (gip_deserialize), or a DOCX's word/document.xml past its archive
 * (gip_parse_docx_xml: mutated archives mostly stop at their checksums).  Every parsed report is serialised, decoded again and
 * validated, so the whole core is exercised.  Run by test/fuzz/run.sh.
 */
#include "gip_core.h"
#include "gip_internal.h"
#include "gip_validate.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Are two cells the same, field by field (structs have padding)? */
static bool
same_cell(const GipCell *a, const GipCell *b)
{
	return a->table_no == b->table_no && a->row == b->row && a->col == b->col &&
		a->state == b->state && a->line == b->line && a->pos == b->pos &&
		a->src_table == b->src_table && a->src_row == b->src_row &&
		a->value.mant == b->value.mant && a->value.scale == b->value.scale &&
		a->raw.off == b->raw.off && a->raw.len == b->raw.len;
}

/* Serialise, decode and validate a report; abort when the round trip lies. */
static void
exercise(GipReport *report, GipArena *arena)
{
	size_t		len;
	uint8_t    *bytes = gip_serialize(report, arena, &len);
	GipError	err;
	GipReport  *copy;
	GipFinding *findings;

	if (bytes == NULL)
		return;
	copy = gip_deserialize(bytes, len, arena, &err);
	if (copy == NULL || copy->ncells != report->ncells)
		abort();
	for (int i = 0; i < report->ncells; i++)
		if (!same_cell(&copy->cells[i], &report->cells[i]))
			abort();
	gip_validate(report, copy, arena, &findings, &err);
}

/* One input. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GipArena	arena;
	GipError	err;
	GipReport  *report = NULL;
	const char *encoding;

	if (size < 1)
		return 0;
	gip_arena_init(&arena);
	switch (data[0] % 4)
	{
		case 0:
			report = gip_parse_text((const char *) data + 1, size - 1, &arena, &err);
			break;
		case 1:
			report = gip_parse_bytes(data + 1, size - 1, &arena, &encoding, &err);
			break;
		case 2:
			report = gip_deserialize(data + 1, size - 1, &arena, &err);
			if (report != NULL)
			{
				GipFinding *findings;

				gip_validate(report, NULL, &arena, &findings, &err);
				report = NULL;
			}
			break;
		case 3:
			report = gip_parse_docx_xml((const char *) data + 1, size - 1,
										&arena, &err);
			break;
	}
	if (report != NULL)
		exercise(report, &arena);
	gip_arena_free(&arena);
	return 0;
}
