/*
 * gip_arena.c
 *		A GipArena backed by palloc in a short-lived memory context.
 *
 * Each SQL call creates the context, lets the core allocate from it, builds
 * its result datums in the caller's context and deletes the arena context.
 * If an error escapes in between, the context is a child of the caller's
 * and goes away with it.  The core polls interrupt_fn in long loops and
 * returns GIP_ERR_CANCELED when asked to stop (see gip_pg_raise()).
 */
#include "gip_pg.h"

#include "miscadmin.h"
#include "utils/memutils.h"

/* Block source: palloc in the arena context, NULL instead of an error. */
static void *
gip_pg_alloc(size_t size, void *ctx)
{
	return MemoryContextAllocExtended((MemoryContext) ctx, size,
									  MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
}

/* Block release. */
static void
gip_pg_free(void *ptr, void *ctx)
{
	(void) ctx;
	pfree(ptr);
}

/*
 * Tell long core loops whether to stop: true when a query cancel or
 * termination is pending and could be serviced now.  The core then returns
 * GIP_ERR_CANCELED and gip_pg_raise() services the interrupt; we must not
 * longjmp out of the core from here.
 */
static bool
gip_pg_interrupt(void *ctx)
{
	(void) ctx;
	return INTERRUPTS_PENDING_CONDITION() && INTERRUPTS_CAN_BE_PROCESSED() &&
		(QueryCancelPending || ProcDiePending);
}

/* Create the memory context and the arena on top of it. */
void
gip_pg_arena_begin(GipPgArena *pa)
{
	pa->context = AllocSetContextCreate(CurrentMemoryContext,
										"gipreport arena",
										ALLOCSET_DEFAULT_SIZES);
	memset(&pa->arena, 0, sizeof(pa->arena));
	pa->arena.alloc_fn = gip_pg_alloc;
	pa->arena.free_fn = gip_pg_free;
	pa->arena.interrupt_fn = gip_pg_interrupt;
	pa->arena.ctx = pa->context;
}

/* Drop everything the core allocated. */
void
gip_pg_arena_end(GipPgArena *pa)
{
	if (pa->context != NULL)
		MemoryContextDelete(pa->context);
	pa->context = NULL;
	memset(&pa->arena, 0, sizeof(pa->arena));
}
