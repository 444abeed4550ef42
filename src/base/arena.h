/* arena.h - a bump allocator freed all at once.
 *
 * Each HTTP request owns one arena; everything a handler allocates from it is
 * released when the request completes, so handlers never free piecemeal.
 * Allocation failure returns NULL. arena_free() releases every block. */
#ifndef TT_ARENA_H
#define TT_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct {
	arena_block *head;
	size_t used;  /* total bytes handed out, for limits and stats */
	size_t limit; /* 0 = unlimited */
} tt_arena;

void arena_init(tt_arena *a, size_t limit);
void arena_free(tt_arena *a);
void *arena_alloc(tt_arena *a, size_t n);
char *arena_strdup(tt_arena *a, const char *s);
char *arena_strndup(tt_arena *a, const char *s, size_t n);
char *arena_printf(tt_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
