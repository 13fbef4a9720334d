/* Finding a node by label while the tree is built. dtc searches the whole
 * tree for every &label; a board with thousands of references would make
 * that quadratic, so every label of a node in the tree is entered once in a
 * hash table (in the model's arena) when the node joins the tree or gains
 * the label. Deletion only flags labels and nodes, so entries are never
 * removed: a lookup skips the dead ones, and where several live nodes carry
 * the label (an error the duplicate-label rule reports) the first in tree
 * order wins, as in dtc. */
#include <string.h>

#include "../../core/hash.h"
#include "tree.h"

struct label_ent {
	const char *name;
	struct mlabel *l;
	struct mnode *n;
	uint32_t hash;
};

static void put(struct label_ent *v, size_t cap, const struct label_ent *e)
{
	size_t k = e->hash & (cap - 1);
	while (v[k].name)
		k = (k + 1) & (cap - 1);
	v[k] = *e;
}

static void insert(struct mtree *t, struct mnode *n, struct mlabel *l)
{
	struct label_index *ix = &t->labels;
	if ((ix->n + 1) * 2 > ix->cap) {
		/* the old table stays in the arena: at most as big as the new */
		size_t cap = ix->cap ? ix->cap * 2 : 64;
		struct label_ent *v = arena_alloc(t->a, cap * sizeof(*v));
		for (size_t i = 0; i < ix->cap; i++)
			if (ix->v[i].name)
				put(v, cap, &ix->v[i]);
		ix->v = v;
		ix->cap = cap;
	}
	struct label_ent e = {.name = l->name, .l = l, .n = n, .hash = fnv1a32_str(l->name)};
	put(ix->v, ix->cap, &e);
	ix->n++;
	l->indexed = 1;
}

void mt_labels_enter(struct mtree *t, struct mnode *n)
{
	for (struct mlabel *l = n->labels; l; l = l->next)
		if (!l->indexed)
			insert(t, n, l);
}

void mt_labels_enter_tree(struct mtree *t, struct mnode *n)
{
	mt_labels_enter(t, n);
	for (struct mnode *c = n->kids; c; c = c->next_all)
		mt_labels_enter_tree(t, c);
}

static unsigned depth(const struct mnode *n)
{
	unsigned d = 0;
	for (; n->parent; n = n->parent)
		d++;
	return d;
}

/* Does a come before b in a depth-first walk of the tree? (a != b) */
static int tree_order_before(const struct mnode *a, const struct mnode *b)
{
	unsigned da = depth(a), db = depth(b);
	for (; da > db; da--) {
		if (a->parent == b)
			return 0;	/* b is an ancestor of a */
		a = a->parent;
	}
	for (; db > da; db--) {
		if (b->parent == a)
			return 1;
		b = b->parent;
	}
	while (a->parent != b->parent) {
		a = a->parent;
		b = b->parent;
	}
	if (!a->parent)
		return 0;
	for (const struct mnode *c = a->parent->kids; c; c = c->next_all) {
		if (c == a)
			return 1;
		if (c == b)
			return 0;
	}
	return 0;
}

struct mnode *mt_label_node(struct mtree *t, const char *name)
{
	const struct label_index *ix = &t->labels;
	if (!ix->cap)
		return NULL;
	uint32_t h = fnv1a32_str(name);
	struct mnode *best = NULL;
	for (size_t k = h & (ix->cap - 1); ix->v[k].name; k = (k + 1) & (ix->cap - 1)) {
		const struct label_ent *e = &ix->v[k];
		if (e->hash != h || e->l->deleted || e->n->deleted || strcmp(e->name, name))
			continue;
		if (!best || (e->n != best && tree_order_before(e->n, best)))
			best = e->n;
	}
	return best;
}
