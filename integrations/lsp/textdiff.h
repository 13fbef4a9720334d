/* Line diff between two texts, for turning a formatted document into the
 * few TextEdits that change it, rather than one whole-file replacement
 * (which would move the cursor and lose marks in the editor). */
#ifndef DTIDY_LSP_TEXTDIFF_H
#define DTIDY_LSP_TEXTDIFF_H

#include <stddef.h>

/* Replace old[old_start, old_end) by new[new_start, new_end). Offsets are
 * bytes, and always at line starts (or the end of the text). */
struct text_hunk {
	size_t old_start, old_end;
	size_t new_start, new_end;
};

struct text_hunks {
	struct text_hunk *v;
	size_t n, cap;
};

/* Hunks turning a into b, in order, not overlapping, not touching. Unique
 * lines anchor the alignment (patience diff); the gaps between anchors get
 * a shortest edit script (Myers). */
void text_diff(const char *a, size_t alen, const char *b, size_t blen,
	       struct text_hunks *out);
void text_hunks_free(struct text_hunks *h);

#endif
