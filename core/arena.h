/* Bump allocator: one arena per file (or per run). Everything allocated from it
 * is released together by arena_free(); nothing is freed one by one. */
#ifndef DTIDY_ARENA_H
#define DTIDY_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t total;		/* bytes obtained from malloc, for memory reports */
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);	/* zeroed, 8-byte aligned */
/* Bytes handed out so far (total, above, also counts unused block tails). */
size_t arena_used(const struct arena *a);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
