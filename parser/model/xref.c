/* Labels and references as they were written, for an editor's
 * navigation (model_xrefs): where each label is defined and where each
 * &reference names a node, in whichever file of the tree. Recorded while
 * the tree is built; resolved once it is finished, by name, as dtc
 * resolves references: a label's node is the live node carrying it, so a
 * block merged into an earlier definition, or a node deleted later, is
 * accounted for. */
#include <stdlib.h>
#include <string.h>

#include "../../core/xalloc.h"
#include "tree.h"

/* Does loc spell exactly these bytes (rather than a macro use that
 * produced them)? */
static int spells(struct dtidy_loc loc, const char *s, size_t n)
{
	return loc.file && loc.end >= loc.start && loc.end - loc.start == n &&
	       loc.end <= loc.file->len && memcmp(loc.file->text + loc.start, s, n) == 0;
}

static void push(struct mtree *t, enum model_xref_kind kind, const char *name,
		 struct dtidy_loc loc, int verbatim)
{
	struct model_xref x = {.kind = kind, .name = name, .loc = loc, .verbatim = verbatim};
	VEC_PUSH(t->xrefs, t->nxrefs, t->capxrefs, x);
}

void mt_xref_labels(struct mtree *t, uint32_t tb, uint32_t upto, int on_node)
{
	if (!t->record)
		return;
	for (uint32_t i = tb; i < upto; i++) {
		if (t->toks[i].kind != TK_LABEL)
			continue;
		size_t len;
		const char *s = mt_tok_text(t, i, &len);
		if (len < 2)
			continue;
		struct dtidy_loc loc = mt_loc_toks(t, i, i + 1);
		int verbatim = spells(loc, s, len);
		if (verbatim)
			loc.end--;	/* the name, without its ':' */
		push(t, on_node ? MODEL_XREF_LABEL : MODEL_XREF_OTHER_LABEL,
		     mt_intern(t, s, len - 1), loc, verbatim);
	}
}

void mt_xref_ref(struct mtree *t, enum model_xref_kind kind, uint32_t tok)
{
	if (!t->record || tok == CST_NONE)
		return;
	size_t len;
	const char *s = mt_tok_text(t, tok, &len);
	struct dtidy_loc loc = mt_loc_toks(t, tok, tok + 1);
	push(t, kind, mt_ref_name(t, tok), loc, spells(loc, s, len));
}

static const struct dtidy_node *live(const struct mnode *n)
{
	for (const struct mnode *x = n; x; x = x->parent)
		if (x->deleted || x->omitted)
			return NULL;
	return n ? &n->pub : NULL;
}

const struct model_xref *mt_xref_finish(struct mtree *t, size_t *n)
{
	*n = 0;
	if (!t->record)
		return NULL;
	for (size_t i = 0; i < t->nxrefs; i++) {
		struct model_xref *x = &t->xrefs[i];
		if (x->kind != MODEL_XREF_OTHER_LABEL)
			x->node = live(mt_resolve_ref(t, x->name));
	}
	struct model_xref *v = NULL;
	if (t->nxrefs) {
		v = arena_alloc(t->a, t->nxrefs * sizeof(*v));
		memcpy(v, t->xrefs, t->nxrefs * sizeof(*v));
	}
	*n = t->nxrefs;
	free(t->xrefs);
	t->xrefs = NULL;
	t->nxrefs = t->capxrefs = 0;
	return v;
}
