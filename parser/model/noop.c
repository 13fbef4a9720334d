/* Statements that changed nothing: a /delete-node/ or /delete-property/
 * of something that was not there when dtc applied it, and a property set
 * again to the value it already had. dtc accepts both without a word; the model keeps a list so
 * rules can point at the statement (deleted-missing, override-unchanged). */
#include <string.h>

#include "../../core/xalloc.h"
#include "tree.h"

/* The node's full path; it is in the tree (its parents are set). */
static const char *node_path(struct mtree *t, const struct mnode *n)
{
	const struct mnode *chain[256];
	size_t depth = 0, len = 0;
	for (const struct mnode *p = n; p && p->parent && depth < 256; p = p->parent) {
		chain[depth++] = p;
		len += strlen(p->pub.name) + 1;
	}
	if (!depth)
		return "/";
	char *s = arena_alloc(t->a, len + 1), *o = s;
	while (depth--) {
		size_t k = strlen(chain[depth]->pub.name);
		*o++ = '/';
		memcpy(o, chain[depth]->pub.name, k);
		o += k;
	}
	*o = '\0';
	return s;
}

struct dtidy_noop *mt_noop(struct mtree *t, enum dtidy_noop_kind kind, const char *name,
			   const struct mnode *at, struct dtidy_loc loc, struct dtidy_loc prev)
{
	struct dtidy_noop n = {
		.kind = kind, .name = name, .path = node_path(t, at), .loc = loc, .prev = prev,
	};
	VEC_PUSH(t->noops, t->nnoops, t->capnoops, n);
	return &t->noops[t->nnoops - 1];
}

void mt_noop_unapplied(struct mtree *t, struct mnode *n)
{
	static const struct dtidy_loc none;
	for (struct mprop *p = n->props; p; p = p->next_all)
		if (p->marker) {
			p->marker = 0;
			mt_noop(t, DTIDY_NOOP_DELETE_PROP, p->pub.name, n, p->locs.v[0], none)
				->in_new_node = 1;
		}
	for (struct mnode *c = n->kids; c; c = c->next_all) {
		if (c->marker) {
			c->marker = 0;
			mt_noop(t, DTIDY_NOOP_DELETE_NODE, c->pub.name, n, c->locs.v[0], none)
				->in_new_node = 1;
		} else {
			mt_noop_unapplied(t, c);
		}
	}
}

static int same_cells(const struct dtidy_chunk *a, const struct dtidy_chunk *b)
{
	for (size_t i = 0; i < a->n; i++) {
		const struct dtidy_cell *x = &a->cells[i], *y = &b->cells[i];
		if (!x->ref != !y->ref)
			return 0;
		/* references are not resolved yet: the same label or path is
		 * the same phandle */
		if (x->ref ? strcmp(x->ref, y->ref) != 0 : x->val != y->val)
			return 0;
	}
	return 1;
}

static int same_chunk(const struct dtidy_chunk *a, const struct dtidy_chunk *b)
{
	if (a->kind != b->kind || a->n != b->n)
		return 0;
	switch (a->kind) {
	case DTIDY_CHUNK_CELLS:
		return a->bits == b->bits && same_cells(a, b);
	case DTIDY_CHUNK_PATH:
		return !strcmp(a->ref, b->ref);
	case DTIDY_CHUNK_STRING:
	case DTIDY_CHUNK_BYTES:
		return !a->n || !memcmp(a->data, b->data, a->n);
	}
	return 0;
}

static int has_value_labels(const struct mtree *t, const struct mprop *p)
{
	for (const struct vlabel *v = t->vlabels; v; v = v->next)
		if (v->prop == p)
			return 1;
	return 0;
}

static int label_is_on(const struct mlabel *list, const char *name)
{
	for (const struct mlabel *l = list; l; l = l->next)
		if (!l->deleted && !strcmp(l->name, name))
			return 1;
	return 0;
}

int mt_same_definition(const struct mtree *t, const struct mprop *op, const struct mprop *np)
{
	if (op->pub.nchunks != np->pub.nchunks)
		return 0;
	for (size_t i = 0; i < op->pub.nchunks; i++)
		if (!same_chunk(&op->pub.chunks[i], &np->pub.chunks[i]))
			return 0;
	/* a new label on the property, or labels inside either value, make
	 * the second definition do something */
	for (const struct mlabel *l = np->labels; l; l = l->next)
		if (!label_is_on(op->labels, l->name))
			return 0;
	return !has_value_labels(t, op) && !has_value_labels(t, np);
}
