/*
 * gip_arena.c
 *		A GipArena backed by palloc in a memory context that the backend
 *		reuses from call to call.
 *
 * Each SQL call resets the context, lets the core allocate from it and
 * builds its result datums in the caller's context.  The core polls
 * interrupt_fn in long loops and returns GIP_ERR_CANCELED when asked to
 * stop (see gip_pg_raise()).
 */
#include "gip_pg.h"

#include "access/xact.h"
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

/*
 * The backend keeps one arena context between calls, so that a parse does
 * not malloc and free its memory every time: it is reset at the start of
 * each call and keeps a 1 MB keeper block.  The core takes blocks small
 * enough (GIP_PG_BLOCK) to come out of that block.  A call that is already
 * using it (none does today) gets a context of its own; an error that
 * leaves it marked busy is cleared when the (sub)transaction aborts.
 */
#define GIP_PG_BLOCK		(7 * 1024)
#define GIP_PG_KEEPER		(1024 * 1024)
#define GIP_PG_KEEP_MAX		(4 * 1024 * 1024)

static MemoryContext gip_cached_context = NULL;
static bool gip_cached_busy = false;
static bool gip_callbacks_registered = false;

/* Forget that the cached context is in use when a (sub)transaction aborts. */
static void
gip_pg_xact_abort(XactEvent event, void *arg)
{
	(void) arg;
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT)
		gip_cached_busy = false;
}

/* The same for subtransactions (PL/pgSQL exception blocks). */
static void
gip_pg_subxact_abort(SubXactEvent event, SubTransactionId mySubid,
					 SubTransactionId parentSubid, void *arg)
{
	(void) mySubid;
	(void) parentSubid;
	(void) arg;
	if (event == SUBXACT_EVENT_ABORT_SUB)
		gip_cached_busy = false;
}

/* Set up the memory context and the arena on top of it. */
void
gip_pg_arena_begin(GipPgArena *pa)
{
	memset(pa, 0, sizeof(*pa));
	if (!gip_cached_busy)
	{
		if (!gip_callbacks_registered)
		{
			RegisterXactCallback(gip_pg_xact_abort, NULL);
			RegisterSubXactCallback(gip_pg_subxact_abort, NULL);
			gip_callbacks_registered = true;
		}
		if (gip_cached_context == NULL)
			gip_cached_context = AllocSetContextCreate(TopMemoryContext,
													   "gipreport arena",
													   0, GIP_PG_KEEPER,
													   ALLOCSET_DEFAULT_MAXSIZE);
		else
			MemoryContextReset(gip_cached_context);
		gip_cached_busy = true;
		pa->context = gip_cached_context;
		pa->cached = true;
	}
	else
		pa->context = AllocSetContextCreate(CurrentMemoryContext,
											"gipreport arena",
											ALLOCSET_DEFAULT_SIZES);
	pa->arena.alloc_fn = gip_pg_alloc;
	pa->arena.free_fn = gip_pg_free;
	pa->arena.interrupt_fn = gip_pg_interrupt;
	pa->arena.ctx = pa->context;
	pa->arena.block_size = GIP_PG_BLOCK;
}

/* Drop everything the core allocated (the cached context keeps its keeper). */
void
gip_pg_arena_end(GipPgArena *pa)
{
	if (pa->context != NULL)
	{
		if (pa->cached)
		{
			/* give back what an unusually large report took */
			if (MemoryContextMemAllocated(pa->context, false) > GIP_PG_KEEP_MAX)
				MemoryContextReset(pa->context);
			gip_cached_busy = false;
		}
		else
			MemoryContextDelete(pa->context);
	}
	pa->context = NULL;
	memset(&pa->arena, 0, sizeof(pa->arena));
}
