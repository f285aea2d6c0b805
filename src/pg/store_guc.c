/*
 * store_guc.c
 *		The setting gipreport.on_duplicate (supersede | refuse | keep): what
 *		the report store does with another text for a body and year that it
 *		already holds.
 *
 * gip_store_init() is called from _PG_init; the store's triggers also call
 * it on first use.
 */
#include "store_pg.h"

#include "utils/guc.h"

int			gip_on_duplicate = GIP_ON_DUPLICATE_SUPERSEDE;
int			gip_store_internal = 0;

static const struct config_enum_entry on_duplicate_options[] = {
	{"supersede", GIP_ON_DUPLICATE_SUPERSEDE, false},
	{"refuse", GIP_ON_DUPLICATE_REFUSE, false},
	{"keep", GIP_ON_DUPLICATE_KEEP, false},
	{NULL, 0, false}
};

/* Define gipreport.on_duplicate once per backend. */
void
gip_store_init(void)
{
	static bool done = false;

	if (done)
		return;
	done = true;
	gip_validate_init();
	DefineCustomEnumVariable("gipreport.on_duplicate",
							 "What the gip_reports store does with another text for a body (agency_key) and year it already holds.",
							 "supersede keeps the old report as history (is_current = false, superseded_by = the new id); refuse raises SQLSTATE 23505; keep stores both as current. The same document again (same content_hash) is always skipped with a NOTICE.",
							 &gip_on_duplicate,
							 GIP_ON_DUPLICATE_SUPERSEDE,
							 on_duplicate_options,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
}
