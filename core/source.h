/* A source file: its bytes, its display path and a line index. Positions
 * everywhere else are byte offsets into `text`; line and column are computed
 * here, only when something is reported. */
#ifndef DTIDY_SOURCE_H
#define DTIDY_SOURCE_H

#include <stddef.h>
#include <stdint.h>

/* Larger files are refused with a message, before they are read. Offsets
 * are 32-bit, and lexing plus parsing costs about 12 bytes of memory per
 * source byte, so this bounds one file's memory to about 200 MiB; the
 * largest real devicetree sources are under 1 MiB. */
#define SOURCE_MAX_BYTES ((size_t)16 << 20)

struct source {
	char *path;		/* display path, as the user named it */
	char *text;		/* the bytes, plus a terminating NUL not counted in len */
	size_t len;
	uint32_t *line_starts;	/* offset of the first byte of each line */
	size_t nlines;
};

/* Reads a whole file. On failure returns NULL and sets *err to a malloc'd
 * message ("cannot read: No such file or directory"). */
struct source *source_load(const char *path, char **err);
struct source *source_from_mem(const char *path, const char *text, size_t len);
/* The same without a copy: takes over `text` (malloc'd, len bytes). */
struct source *source_take(const char *path, char *text, size_t len);
void source_free(struct source *src);

/* 1-based line; 1-based column counting bytes. */
void source_linecol(const struct source *src, size_t off, unsigned *line,
		    unsigned *col);
/* Offset of the start of 1-based `line` (clamped). */
size_t source_line_start(const struct source *src, unsigned line);
/* Length of a line without its line terminator. */
size_t source_line_len(const struct source *src, unsigned line);

#endif
