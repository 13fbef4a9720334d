/* A growable byte buffer, for building output. */
#ifndef DTIDY_STRBUF_H
#define DTIDY_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *s;
	size_t len, cap;
};

/* Makes room for `extra` more bytes, so that appending them copies no
 * bytes already written. */
void sb_reserve(struct strbuf *b, size_t extra);
void sb_put(struct strbuf *b, const char *s, size_t n);
void sb_puts(struct strbuf *b, const char *s);
void sb_putc(struct strbuf *b, char c);
/* Appends a number in decimal (without printf: outlines and token lists
 * write hundreds of thousands). */
void sb_put_uint(struct strbuf *b, unsigned long long v);
void sb_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included. Invalid UTF-8 bytes
 * become U+FFFD so the output is always valid JSON. */
void sb_json_str(struct strbuf *b, const char *s);
void sb_free(struct strbuf *b);
/* NUL-terminated view (always valid, even when empty). */
const char *sb_cstr(struct strbuf *b);

#endif
