/* Allocation that cannot fail: on exhaustion dtidy reports and exits with 2,
 * the internal-failure code, rather than limping on with NULLs. */
#ifndef DTIDY_XALLOC_H
#define DTIDY_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* The text fmt makes, malloc'd. Findings are made by the ten thousand and
 * most pass a finished message as "%s": that is copied, not formatted, and
 * short texts are formatted once into a stack buffer, not measured first. */
char *xvformat(const char *fmt, va_list ap);

/* Grow a dynamic array: ensures room for `need` elements. */
#define VEC_RESERVE(ptr, cap, need)                                          \
	do {                                                                 \
		if ((size_t)(need) > (cap)) {                                \
			size_t nc_ = (cap) ? (cap) * 2 : 8;                  \
			while (nc_ < (size_t)(need))                         \
				nc_ *= 2;                                    \
			(ptr) = xrealloc((ptr), nc_ * sizeof(*(ptr)));       \
			(cap) = nc_;                                         \
		}                                                            \
	} while (0)

#define VEC_PUSH(ptr, len, cap, val)                                         \
	do {                                                                 \
		VEC_RESERVE(ptr, cap, (len) + 1);                            \
		(ptr)[(len)++] = (val);                                      \
	} while (0)

#endif
