/* Unified diffs of two texts, line by line, in the form `git apply` and
 * `patch -p1` accept ("--- a/PATH", "+++ b/PATH", 3 lines of context). */
#ifndef DTIDY_UDIFF_H
#define DTIDY_UDIFF_H

#include <stddef.h>

#include "strbuf.h"

/* Appends the diff from a to b (nothing when they are equal). `path` is
 * named as a/PATH and b/PATH, the way git names it: without a leading '/',
 * "./" or doubled '/', so that `git apply` (-p1) takes it, from the working
 * directory for a relative path, from / for an absolute one. */
void udiff(struct strbuf *out, const char *path, const char *a, size_t alen,
	   const char *b, size_t blen);

#endif
