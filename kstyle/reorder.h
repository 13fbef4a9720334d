/* Moving the statements of a body into another order without changing what
 * the file means: which bodies may not be reordered, the lines a statement
 * moves with, and the proof that a reordered text holds the same statements.
 * Used by format --sort (sort.h) and by the style rules' fixes. */
#ifndef DTIDY_KSTYLE_REORDER_H
#define DTIDY_KSTYLE_REORDER_H

#include <stddef.h>
#include <stdint.h>

#include "lines.h"

/* Why the statements of body may not be reordered, written into why (and
 * returned), or NULL when order does not matter there: a property or node
 * written twice (the last value wins, or the nodes merge), a /delete-node/
 * or /delete-property/, an /include/, a macro where a statement would be,
 * preprocessor lines among the statements. */
const char *style_reorder_refusal(const struct style_file *sf, const struct cst *body,
				  char *why, size_t size);

/* The whole lines a statement moves with: its own, and the comment lines
 * right above it (a trailing comment is on its last line). -1 when it
 * shares a line with another statement. */
int style_chunk_of(const struct style_file *sf, const struct cst *c, uint32_t *start,
		   uint32_t *end);

/* Do two texts parse cleanly and hold the same statements in every body
 * (their order aside), the same comments and the same preprocessor lines? */
int style_same_statements(const char *old, size_t oldlen, const char *now, size_t nowlen);

#endif
