#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	_Alignas(8) unsigned char data[];
};

enum { ARENA_MIN_BLOCK = 64 * 1024 };

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->total = 0;
}

static struct arena_block *new_block(struct arena *a, size_t cap)
{
	/* not zeroed here: the heap keeps freed memory (heap_keep), so a
	 * block is mostly reused memory that calloc would clear in full,
	 * while a small file uses a fraction of it; arena_alloc clears what
	 * it hands out */
	struct arena_block *b = xmalloc(sizeof(*b) + cap);
	b->next = NULL;
	b->used = 0;
	b->cap = cap;
	a->total += sizeof(*b) + cap;
	return b;
}

/* 8-byte alignment is all the model's structs need (pointers, uint64_t):
 * rounding every node, token and string up to 16 cost a tenth of the
 * memory of a big tree. */
void *arena_alloc(struct arena *a, size_t size)
{
	size = (size + 7) & ~(size_t)7;
	struct arena_block *b = a->head;
	if (!b || b->cap - b->used < size) {
		/* Blocks grow with the arena (a quarter of what it holds), so
		 * huge inputs make few blocks. */
		size_t cap = a->total / 4 > ARENA_MIN_BLOCK ? a->total / 4 : ARENA_MIN_BLOCK;
		if (b && size > cap / 2) {
			/* a big request gets a block of its own, behind the
			 * current one, whose free tail keeps serving */
			struct arena_block *big = new_block(a, size);
			big->next = b->next;
			b->next = big;
			big->used = size;
			memset(big->data, 0, size);
			return big->data;
		}
		b = new_block(a, cap > size ? cap : size);
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += size;
	memset(p, 0, size);
	return p;
}

size_t arena_used(const struct arena *a)
{
	size_t n = 0;
	for (const struct arena_block *b = a->head; b; b = b->next)
		n += b->used;
	return n;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
