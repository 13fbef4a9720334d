/* dtidy format --sort: a whole file put into the kernel's orders (the
 * property-order, child-address-order and child-name-order rules' orders),
 * node by node, with the comments above and beside each statement moving
 * with it, and a blank line before "status". A node whose order may matter is left as it is and named in a
 * note. The result is proven to hold the same statements in every node
 * (order aside), the same comments and preprocessor lines; the caller
 * formats it and compares the semantic models.
 *
 *	struct style_sort_result r;
 *	if (style_sort_text(text, len, toks, ntoks, &cst, off, noff, &r) < 0) bug();
 *	use(r.text ? r.text : text); report(r.notes);
 *	style_sort_result_free(&r);
 */
#ifndef DTIDY_KSTYLE_SORT_H
#define DTIDY_KSTYLE_SORT_H

#include <stddef.h>
#include <stdint.h>

#include "../lexer/token.h"
#include "../parser/cst.h"

struct style_sort_note {
	uint32_t off;		/* the node's name (or its first statement) */
	char *msg;
};

struct style_sort_result {
	char *text;		/* malloc'd, NUL-terminated; NULL: nothing moved */
	size_t len;
	size_t nsorted;		/* nodes reordered */
	struct style_sort_note *notes;	/* nodes left as they are, and why */
	size_t nnotes;
};

/* A byte range kept as written (a dtidy-format off region). */
struct style_sort_span {
	uint32_t start, end;
};

/* Sorts text (lexed into toks, parsed into cst without errors). Nothing in
 * a frozen span is moved apart. Returns 0, or -1 when the sorted text
 * failed its proof (a dtidy bug; r holds no text). */
int style_sort_text(const char *text, size_t len, const struct dt_token *toks, size_t ntoks,
		    const struct cst_file *cst, const struct style_sort_span *frozen,
		    size_t nfrozen, struct style_sort_result *r);
void style_sort_result_free(struct style_sort_result *r);

/* The kernel style's blank line before "status" (required-blank-lines),
 * which --sort adds where status follows another statement of its node
 * with no blank line between them (above status's own comments). Returns
 * the new text (malloc'd, *newlen set), or NULL when nothing changes. */
char *style_blank_before_status(const char *text, size_t len, const struct dt_token *toks,
				size_t ntoks, const struct cst_file *cst,
				const struct style_sort_span *frozen, size_t nfrozen,
				size_t *newlen);

#endif
