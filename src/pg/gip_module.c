/*
 * gip_module.c
 *		The module magic block of gipreport and its load-time set-up.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

#include "store_pg.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Define the settings (gipreport.*) when the library is loaded. */
void
_PG_init(void)
{
	gip_validate_init();
	gip_store_init();
	MarkGUCPrefixReserved("gipreport");
}
