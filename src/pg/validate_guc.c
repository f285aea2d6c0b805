/*
 * validate_guc.c
 *		The setting gipreport.on_invalid (error | quarantine): what the
 *		report store does with a report that breaks an error rule.
 *
 * gip_validate_init() should be called from _PG_init; the validation
 * functions also call it on first use, so that the setting exists even
 * when the module was loaded without it.
 */
#include "validate_pg.h"

#include "utils/guc.h"

int			gip_on_invalid = GIP_ON_INVALID_ERROR;

static const struct config_enum_entry on_invalid_options[] = {
	{"error", GIP_ON_INVALID_ERROR, false},
	{"quarantine", GIP_ON_INVALID_QUARANTINE, false},
	{NULL, 0, false}
};

/* Define gipreport.on_invalid once per backend. */
void
gip_validate_init(void)
{
	static bool done = false;

	if (done)
		return;
	done = true;
	DefineCustomEnumVariable("gipreport.on_invalid",
							 "What the gip_reports store does with a report that fails an error rule.",
							 "error refuses the row with SQLSTATE 23514; quarantine stores it in gip_rejected instead and skips the insert.",
							 &gip_on_invalid,
							 GIP_ON_INVALID_ERROR,
							 on_invalid_options,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
}
