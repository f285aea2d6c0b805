/*
 * arena.c
 *		Block allocator of the parser core, and the error helpers.
 *
 * All memory of one parse comes from one arena and goes back in one call;
 * the caller chooses where the blocks come from (malloc, or palloc in the
 * PostgreSQL glue).
 */
#include "gip_core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct GipArenaBlock
{
	GipArenaBlock *next;
	size_t		size;
};

#define GIP_BLOCK_SIZE	(64 * 1024)
#define GIP_ALIGN(n)	(((n) + 15) & ~(size_t) 15)

/* The arena's standard block size. */
static size_t
block_size(const GipArena *arena)
{
	return arena->block_size ? arena->block_size : GIP_BLOCK_SIZE;
}

/* malloc-backed block source for standalone use */
static void *
malloc_alloc(size_t size, void *ctx)
{
	(void) ctx;
	return malloc(size);
}

/* free for malloc_alloc */
static void
malloc_free(void *ptr, void *ctx)
{
	(void) ctx;
	free(ptr);
}

/* Set up an arena that takes its blocks from malloc. */
void
gip_arena_init(GipArena *arena)
{
	memset(arena, 0, sizeof(*arena));
	arena->alloc_fn = malloc_alloc;
	arena->free_fn = malloc_free;
}

/* Allocate size zeroed bytes; NULL (and arena->failed) when out of memory. */
void *
gip_alloc(GipArena *arena, size_t size)
{
	void	   *result = gip_alloc_raw(arena, size);

	if (result != NULL)
		memset(result, 0, size);
	return result;
}

/* Allocate size bytes, not zeroed; NULL when out of memory. */
void *
gip_alloc_raw(GipArena *arena, size_t size)
{
	char	   *result;

	size = GIP_ALIGN(size ? size : 1);
	if (size > arena->left)
	{
		size_t		header = GIP_ALIGN(sizeof(GipArenaBlock));
		size_t		want = size + header;
		GipArenaBlock *block;

		if (want < block_size(arena))
			want = block_size(arena);
		block = arena->alloc_fn(want, arena->ctx);
		if (block == NULL)
		{
			arena->failed = true;
			return NULL;
		}
		block->next = arena->blocks;
		block->size = want;
		arena->blocks = block;
		arena->cur = (char *) block + header;
		arena->left = want - header;
	}
	result = arena->cur;
	arena->cur += size;
	arena->left -= size;
	return result;
}

/* Copy len bytes of s into the arena as a NUL-terminated string. */
char *
gip_strndup(GipArena *arena, const char *s, size_t len)
{
	char	   *copy = gip_alloc(arena, len + 1);

	if (copy != NULL)
	{
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}

/*
 * Forget everything allocated; keep one standard block for the next use
 * (like PostgreSQL's keeper block), give the others back.
 */
void
gip_arena_reset(GipArena *arena)
{
	GipArenaBlock *block = arena->blocks;
	GipArenaBlock *keep = NULL;
	size_t		header = GIP_ALIGN(sizeof(GipArenaBlock));

	while (block != NULL)
	{
		GipArenaBlock *next = block->next;

		if (keep == NULL && block->size == block_size(arena))
			keep = block;
		else
			arena->free_fn(block, arena->ctx);
		block = next;
	}
	arena->blocks = keep;
	arena->cur = keep ? (char *) keep + header : NULL;
	arena->left = keep ? keep->size - header : 0;
	if (keep)
		keep->next = NULL;
	arena->failed = false;
}

/* Give every block back. */
void
gip_arena_free(GipArena *arena)
{
	gip_arena_reset(arena);
	if (arena->blocks != NULL)
		arena->free_fn(arena->blocks, arena->ctx);
	arena->blocks = NULL;
	arena->cur = NULL;
	arena->left = 0;
}

/* Fill an error value. */
void
gip_error_set(GipError *err, GipErrorCode code, int line,
			  const char *message, const char *detail)
{
	if (err == NULL)
		return;
	err->code = code;
	err->line = line;
	snprintf(err->message, sizeof(err->message), "%s", message ? message : "");
	snprintf(err->detail, sizeof(err->detail), "%s", detail ? detail : "");
}
