/*
 * gip_module.c
 *		The module magic block of gipreport and its load-time set-up.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"

#include "store_pg.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/*
 * When the library is loaded: bind its message catalog (po/, text domain
 * TEXTDOMAIN) and define the settings (gipreport.*).
 */
void
_PG_init(void)
{
	pg_bindtextdomain(TEXTDOMAIN);
	gip_validate_init();
	gip_store_init();
	MarkGUCPrefixReserved("gipreport");
}
