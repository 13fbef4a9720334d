/* Completing the tree as dtc's checks do before output: explicit phandles
 * are taken, references resolved in tree order (a node referenced by
 * phandle gets the next free phandle and a "phandle" property), path
 * references become path strings, and nodes marked /omit-if-no-ref/ that
 * nothing references are removed. Then the public links are set. */
#include <stdlib.h>
#include <string.h>

#include "tree.h"

struct phmap {
	struct mnode **v;	/* open addressing on phandle */
	size_t cap, n;
};

static void ph_put(struct phmap *m, struct mnode *n)
{
	if ((m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		struct mnode **v = calloc(cap, sizeof(*v));
		if (!v)
			abort();
		for (size_t i = 0; i < m->cap; i++)
			if (m->v[i]) {
				size_t k = (m->v[i]->phandle * 2654435761u) & (cap - 1);
				while (v[k])
					k = (k + 1) & (cap - 1);
				v[k] = m->v[i];
			}
		free(m->v);
		m->v = v;
		m->cap = cap;
	}
	size_t k = (n->phandle * 2654435761u) & (m->cap - 1);
	while (m->v[k]) {
		if (m->v[k]->phandle == n->phandle)
			return;	/* first one wins, as in dtc's tree-order search */
		k = (k + 1) & (m->cap - 1);
	}
	m->v[k] = n;
	m->n++;
}

static struct mnode *ph_get(const struct phmap *m, uint32_t ph)
{
	if (!m->cap)
		return NULL;
	size_t k = (ph * 2654435761u) & (m->cap - 1);
	while (m->v[k]) {
		if (m->v[k]->phandle == ph)
			return m->v[k];
		k = (k + 1) & (m->cap - 1);
	}
	return NULL;
}

static struct mprop *live_prop(struct mnode *n, const char *name)
{
	for (struct mprop *p = n->props; p; p = p->next_all)
		if (!p->deleted && !strcmp(p->pub.name, name))
			return p;
	return NULL;
}

static void explicit_phandles(struct mnode *n, struct phmap *map)
{
	if (n->deleted)
		return;
	struct mprop *p = live_prop(n, "phandle");
	if (!p)
		p = live_prop(n, "linux,phandle");
	const struct dtidy_chunk *c0 = p ? p->pub.chunks : NULL;
	if (p && p->pub.nchunks == 1 && c0->kind == DTIDY_CHUNK_CELLS && c0->bits == 32 &&
	    c0->n == 1 && !c0->cells[0].ref) {
		uint32_t v = (uint32_t)c0->cells[0].val;
		if (v != 0 && v != 0xffffffffu) {
			n->phandle = v;
			ph_put(map, n);
		}
	}
	for (struct mnode *c = n->kids; c; c = c->next_all)
		explicit_phandles(c, map);
}

struct resolver {
	struct mtree *t;
	struct phmap map;
	uint32_t next;		/* dtc's static counter */
};

static uint32_t node_phandle(struct resolver *r, struct mnode *n)
{
	if (n->phandle != 0 && n->phandle != 0xffffffffu)
		return n->phandle;
	while (ph_get(&r->map, r->next))
		r->next++;
	n->phandle = r->next;
	ph_put(&r->map, n);
	if (!live_prop(n, "phandle")) {
		struct mtree *t = r->t;
		struct mprop *p = arena_alloc(t->a, sizeof(*p));
		p->pub.name = "phandle";
		p->generated = 1;
		struct dtidy_chunk *ch = arena_alloc(t->a, sizeof(*ch));
		struct dtidy_cell *cell = arena_alloc(t->a, sizeof(*cell));
		cell->val = n->phandle;
		ch->kind = DTIDY_CHUNK_CELLS;
		ch->bits = 32;
		ch->n = 1;
		ch->cells = cell;
		p->pub.chunks = ch;
		p->pub.nchunks = 1;
		if (n->props_tail)
			n->props_tail->next_all = p;
		else
			n->props = p;
		n->props_tail = p;
	}
	return n->phandle;
}

static char *path_of(struct mtree *t, const struct mnode *n)
{
	if (!n->parent)
		return "/";
	size_t len = 0;
	for (const struct mnode *x = n; x->parent; x = x->parent)
		len += strlen(x->pub.name) + 1;
	char *buf = arena_alloc(t->a, len + 1);
	size_t at = len;
	for (const struct mnode *x = n; x->parent; x = x->parent) {
		size_t l = strlen(x->pub.name);
		at -= l;
		memcpy(buf + at, x->pub.name, l);
		buf[--at] = '/';
	}
	buf[len] = '\0';
	return buf;
}

static void resolve_refs(struct resolver *r, struct mnode *n)
{
	struct mtree *t = r->t;
	for (struct mprop *p = n->props; p; p = p->next_all) {
		if (p->deleted)
			continue;
		for (size_t i = 0; i < p->pub.nchunks; i++) {
			/* the model's own values: writable until it is handed out */
			struct dtidy_chunk *ch = (struct dtidy_chunk *)&p->pub.chunks[i];
			if (ch->kind == DTIDY_CHUNK_CELLS) {
				for (size_t k = 0; k < ch->n; k++) {
					struct dtidy_cell *cell = (struct dtidy_cell *)&ch->cells[k];
					if (!cell->ref)
						continue;
					/* an unresolved reference is the
					 * phandle-references rule's to report */
					struct mnode *target = mt_resolve_ref(t, cell->ref);
					if (!target)
						continue;
					target->referenced = 1;
					cell->val = node_phandle(r, target);
				}
			} else if (ch->kind == DTIDY_CHUNK_PATH) {
				struct mnode *target = mt_resolve_ref(t, ch->ref);
				if (!target)
					continue;	/* path-references reports it */
				target->referenced = 1;
				ch->data = path_of(t, target);
				ch->n = strlen(ch->data);
			}
		}
	}
	for (struct mnode *c = n->kids; c; c = c->next_all)
		if (!c->deleted)
			resolve_refs(r, c);
}

static void omit_unused(struct mnode *n)
{
	for (struct mnode *c = n->kids; c; c = c->next_all) {
		if (c->deleted || c->omitted)
			continue;
		if (c->omit && !c->referenced) {
			c->omitted = 1;
			continue;
		}
		omit_unused(c);
	}
}

static const char *const *labels_array(struct mtree *t, struct mlabel *l, size_t *n)
{
	size_t k = 0;
	for (struct mlabel *x = l; x; x = x->next)
		if (!x->deleted)
			k++;
	*n = k;
	if (!k)
		return NULL;
	const char **v = arena_alloc(t->a, k * sizeof(*v));
	size_t i = 0;
	for (struct mlabel *x = l; x; x = x->next)
		if (!x->deleted)
			v[i++] = x->name;
	return v;
}

static void link_node(struct mtree *t, struct mnode *n)
{
	struct dtidy_node *pub = &n->pub;
	const char *at = strchr(pub->name, '@');
	pub->basename = at ? mt_intern(t, pub->name, (size_t)(at - pub->name)) : pub->name;
	pub->unit = at ? at + 1 : NULL;
	pub->parent = n->parent ? &n->parent->pub : NULL;
	pub->labels = labels_array(t, n->labels, &pub->nlabels);
	pub->locs = n->locs.v;
	pub->nlocs = n->locs.n;
	pub->phandle = n->phandle;
	pub->omit_if_no_ref = n->omit;
	pub->referenced = n->referenced;
	pub->had_children = n->kids != NULL;
	struct dtidy_prop **pp = (struct dtidy_prop **)&pub->props;
	*pp = NULL;
	for (struct mprop *p = n->props; p; p = p->next_all) {
		if (p->deleted)
			continue;
		p->pub.labels = labels_array(t, p->labels, &p->pub.nlabels);
		p->pub.locs = p->locs.v;
		p->pub.nlocs = p->locs.n;
		p->pub.node = pub;
		p->pub.next = NULL;
		*pp = &p->pub;
		pp = (struct dtidy_prop **)&p->pub.next;
	}
	const struct dtidy_node **cp = &pub->child;
	*cp = NULL;
	for (struct mnode *c = n->kids; c; c = c->next_all) {
		if (c->deleted || c->omitted)
			continue;
		link_node(t, c);
		c->pub.next = NULL;
		*cp = &c->pub;
		cp = &c->pub.next;
	}
}

/* Each property's value labels as an array, in source order. */
static void link_vlabels(struct mtree *t)
{
	for (struct vlabel *v = t->vlabels; v; v = v->next)
		((struct mprop *)v->prop)->nvl++;
	for (struct vlabel *v = t->vlabels; v; v = v->next) {
		struct mprop *p = (struct mprop *)v->prop;
		if (!p->pub.vlabels)
			p->pub.vlabels = arena_alloc(t->a, p->nvl * sizeof(*p->pub.vlabels));
		struct dtidy_vlabel *o = (struct dtidy_vlabel *)&p->pub.vlabels[p->pub.nvlabels++];
		o->name = v->name;
		o->chunk = v->chunk;
		o->cell = v->cell;
		o->loc = v->loc;
	}
}

void mt_link_public(struct mtree *t)
{
	link_vlabels(t);
	link_node(t, t->root);
}

void mt_finalize(struct mtree *t)
{
	struct resolver r = {.t = t, .next = 1};
	explicit_phandles(t->root, &r.map);
	resolve_refs(&r, t->root);
	omit_unused(t->root);
	free(r.map.v);
	mt_link_public(t);
}
