/*
 * gip_module.c
 *		The module magic block of gipreport.
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
