/* arena.c - bump allocator (see arena.h). */
#include "base/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	arena_block *next;
	size_t size;
	size_t off;
	max_align_t data[];
};

#define ARENA_BLOCK 16384

void arena_init(tt_arena *a, size_t limit)
{
	a->head = NULL;
	a->used = 0;
	a->limit = limit;
}

void arena_free(tt_arena *a)
{
	arena_block *b = a->head;
	while (b) {
		arena_block *n = b->next;
		free(b);
		b = n;
	}
	a->head = NULL;
	a->used = 0;
}

void *arena_alloc(tt_arena *a, size_t n)
{
	size_t align = sizeof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	if (a->limit && a->used + n > a->limit)
		return NULL;
	arena_block *b = a->head;
	if (!b || b->size - b->off < n) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		b = malloc(sizeof(*b) + size);
		if (!b)
			return NULL;
		b->size = size;
		b->off = 0;
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->off;
	b->off += n;
	a->used += n;
	return p;
}

char *arena_strndup(tt_arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(tt_arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(tt_arena *a, const char *fmt, ...)
{
	va_list ap, cp;
	va_start(ap, fmt);
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	char *p = NULL;
	if (n >= 0 && (p = arena_alloc(a, (size_t)n + 1)))
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
