/* From the CST of the preprocessed text to the merged tree, statement by
 * statement, exactly as dtc's parser actions and livetree do it: each
 * `{ ... }` block becomes a fresh node (its deletions kept as
 * deleted markers); a block for a node that already exists is merged into
 * it: properties replace in place (reviving deleted ones), deleted markers
 * delete by name, children merge by name, labels are added. */
#include <string.h>

#include "../../core/xalloc.h"
#include "tree.h"

/* ---- labels ---- */

static void add_label(struct mtree *t, struct mlabel **list, const char *name)
{
	for (struct mlabel *l = *list; l; l = l->next)
		if (!strcmp(l->name, name)) {
			l->deleted = 0;
			return;
		}
	struct mlabel *l = arena_alloc(t->a, sizeof(*l));
	l->name = name;
	l->next = *list;
	*list = l;
}

static void delete_labels(struct mlabel *l)
{
	for (; l; l = l->next)
		l->deleted = 1;
}

/* Labels written before token `upto` of a statement starting at tb, added
 * right to left as dtc's right-recursive grammar does. */
static void statement_labels(struct mtree *t, struct mlabel **list, uint32_t tb, uint32_t upto)
{
	uint32_t idx[64];
	size_t n = 0;
	for (uint32_t i = tb; i < upto && n < 64; i++)
		if (t->toks[i].kind == TK_LABEL)
			idx[n++] = i;
	while (n--) {
		size_t len;
		const char *s = mt_tok_text(t, idx[n], &len);
		add_label(t, list, mt_intern(t, s, len - 1));
	}
}

/* ---- lookups (live entries only) ---- */

struct mnode *mt_node_by_path(struct mnode *n, const char *path)
{
	while (n) {
		while (*path == '/')
			path++;
		if (!*path)
			return n->deleted ? NULL : n;
		const char *slash = strchr(path, '/');
		size_t len = slash ? (size_t)(slash - path) : strlen(path);
		struct mnode *c;
		for (c = n->kids; c; c = c->next_all)
			if (!c->deleted && strlen(c->pub.name) == len && !memcmp(c->pub.name, path, len))
				break;
		if (!c)
			return NULL;
		n = c;
		path += len;
	}
	return NULL;
}

struct mnode *mt_resolve_ref(struct mtree *t, const char *ref)
{
	if (!t->root)
		return NULL;
	if (ref[0] == '/')
		return mt_node_by_path(t->root, ref);
	const char *slash = strchr(ref, '/');
	if (!slash)
		return mt_label_node(t, ref);
	/* label/sub/path (dtc 1.7) */
	char buf[256];
	size_t n = (size_t)(slash - ref);
	if (n >= sizeof(buf))
		return NULL;
	memcpy(buf, ref, n);
	buf[n] = '\0';
	struct mnode *base = mt_label_node(t, buf);
	return base ? mt_node_by_path(base, slash) : NULL;
}

/* "&foo" -> "foo", "&{/a/b}" -> "/a/b" */
const char *mt_ref_name(struct mtree *t, uint32_t tok)
{
	size_t len;
	const char *s = mt_tok_text(t, tok, &len);
	if (len >= 3 && s[1] == '{')
		return mt_intern(t, s + 2, len - 3);
	return mt_intern(t, s + 1, len ? len - 1 : 0);
}

/* ---- building blocks ---- */

/* A node or property name as dtc reads it: "\\#foo" (escaped so cpp does
 * not take it for a directive) is "#foo". */
static const char *name_of(struct mtree *t, uint32_t tok)
{
	size_t len;
	const char *s = mt_tok_text(t, tok, &len);
	if (len > 1 && s[0] == '\\')
		return mt_intern(t, s + 1, len - 1);
	return mt_intern(t, s, len);
}

static struct mnode *node_new(struct mtree *t, const char *name)
{
	struct mnode *n = arena_alloc(t->a, sizeof(*n));
	n->pub.name = name;
	return n;
}

static void add_child(struct mnode *parent, struct mnode *c)
{
	c->parent = parent;
	c->next_all = NULL;
	if (parent->kids_tail)
		parent->kids_tail->next_all = c;
	else
		parent->kids = c;
	parent->kids_tail = c;
}

static void add_prop(struct mnode *n, struct mprop *p)
{
	p->next_all = NULL;
	if (n->props_tail)
		n->props_tail->next_all = p;
	else
		n->props = p;
	n->props_tail = p;
}

static void delete_node(struct mnode *n)
{
	n->deleted = 1;
	for (struct mnode *c = n->kids; c; c = c->next_all)
		if (!c->deleted)
			delete_node(c);
	for (struct mprop *p = n->props; p; p = p->next_all)
		if (!p->deleted) {
			p->deleted = 1;
			delete_labels(p->labels);
		}
	delete_labels(n->labels);
}

static struct mnode *build_block(struct mtree *t, const struct cst *c, const char *name);

static struct mprop *build_prop(struct mtree *t, const struct cst *c)
{
	mt_macro_labels(t, c->tb, c->tok);
	struct mprop *p = arena_alloc(t->a, sizeof(*p));
	p->pub.name = name_of(t, c->tok);
	statement_labels(t, &p->labels, c->tb, c->tok);
	mt_xref_labels(t, c->tb, c->tok, 0);
	struct dtidy_loc loc = mt_loc_toks(t, c->tok, c->te);
	locvec_push(t, &p->locs, loc);
	mt_eval_value(t, p, c);
	return p;
}

static void build_body(struct mtree *t, struct mnode *n, const struct cst *c)
{
	CST_FOREACH(s, c) {
		switch (s->kind) {
		case CST_PROP:
			if (s->flags & CF_MACRO_NAME) {
				mt_undefined_macro_tok(t, s->tok);	/* no name dtc can read */
				break;
			}
			add_prop(n, build_prop(t, s));
			break;
		case CST_NODE:
			if (s->flags & CF_MACRO_NAME) {
				mt_undefined_macro_tok(t, s->tok);
				break;
			}
			add_child(n, build_block(t, s, name_of(t, s->tok)));
			break;
		case CST_DELETE_PROP: {
			if (s->tok == CST_NONE)
				break;
			if (s->flags & CF_MACRO_NAME) {
				mt_undefined_macro_tok(t, s->tok);
				break;
			}
			struct mprop *p = arena_alloc(t->a, sizeof(*p));
			p->pub.name = name_of(t, s->tok);
			p->deleted = 1;
			p->marker = 1;
			locvec_push(t, &p->locs, mt_loc_cst(t, s));
			add_prop(n, p);
			break;
		}
		case CST_DELETE_NODE: {
			if (s->tok == CST_NONE)
				break;
			if (s->flags & CF_MACRO_NAME) {
				mt_undefined_macro_tok(t, s->tok);
				break;
			}
			if (t->toks[s->tok].kind != TK_NAME) {
				mt_error(t, mt_loc_cst(t, s), "syntax",
					 "/delete-node/ &reference is only allowed at the top level");
				break;
			}
			struct mnode *d = node_new(t, name_of(t, s->tok));
			d->deleted = 1;
			d->marker = 1;
			locvec_push(t, &d->locs, mt_loc_cst(t, s));
			add_child(n, d);
			break;
		}
		case CST_MACRO_STMT:
			mt_undefined_macro(t, s);
			break;
		default:
			break;
		}
	}
}

static struct mnode *build_block(struct mtree *t, const struct cst *c, const char *name)
{
	struct mnode *n = node_new(t, name);
	mt_macro_labels(t, c->tb, c->tok);
	statement_labels(t, &n->labels, c->tb, c->tok);
	mt_xref_labels(t, c->tb, c->tok, 1);
	n->omit = (c->flags & CF_OMIT) != 0;
	locvec_push(t, &n->locs, mt_loc_toks(t, c->tok, c->tok + 1));
	build_body(t, n, c);
	return n;
}

/* dtc's merge_nodes(old, new) */
static void merge(struct mtree *t, struct mnode *old, struct mnode *nw)
{
	old->deleted = 0;
	/* add_label walks new's list in order, each prepended to old's */
	for (struct mlabel *l = nw->labels; l; l = l->next)
		add_label(t, &old->labels, l->name);
	mt_labels_enter(t, old);
	for (size_t i = 0; i < nw->locs.n; i++)
		locvec_push(t, &old->locs, nw->locs.v[i]);
	struct mprop *np = nw->props;
	while (np) {
		struct mprop *next = np->next_all;
		np->next_all = NULL;
		struct mprop *op;
		for (op = old->props; op; op = op->next_all)
			if (!strcmp(op->pub.name, np->pub.name))
				break;
		if (np->deleted) {
			if (op && !op->deleted) {
				op->deleted = 1;
				delete_labels(op->labels);
			} else {
				mt_noop(t, DTIDY_NOOP_DELETE_PROP, np->pub.name, old, np->locs.v[0],
					(struct dtidy_loc){0});
			}
			np = next;
			continue;
		}
		if (op) {
			if (!op->deleted && mt_same_definition(t, op, np))
				mt_noop(t, DTIDY_NOOP_SAME_VALUE, np->pub.name, old, np->locs.v[0],
					op->locs.v[op->locs.n - 1]);
			for (struct mlabel *l = np->labels; l; l = l->next)
				add_label(t, &op->labels, l->name);
			op->pub.chunks = np->pub.chunks;
			op->pub.nchunks = np->pub.nchunks;
			for (struct vlabel **v = &t->vlabels; *v;) {
				if ((*v)->prop == op) {
					*v = (*v)->next;
					continue;
				}
				if ((*v)->prop == np)
					(*v)->prop = op;
				v = &(*v)->next;
			}
			for (size_t i = 0; i < np->locs.n; i++)
				locvec_push(t, &op->locs, np->locs.v[i]);
			op->deleted = 0;
		} else {
			add_prop(old, np);
		}
		np = next;
	}
	struct mnode *nc = nw->kids;
	while (nc) {
		struct mnode *next = nc->next_all;
		nc->next_all = NULL;
		struct mnode *oc;
		for (oc = old->kids; oc; oc = oc->next_all)
			if (!strcmp(oc->pub.name, nc->pub.name))
				break;
		if (nc->deleted) {
			if (oc && !oc->deleted)
				delete_node(oc);
			else
				mt_noop(t, DTIDY_NOOP_DELETE_NODE, nc->pub.name, old, nc->locs.v[0],
					(struct dtidy_loc){0});
			nc = next;
			continue;
		}
		if (oc) {
			merge(t, oc, nc);
		} else {
			add_child(old, nc);
			mt_labels_enter_tree(t, nc);
			mt_noop_unapplied(t, nc);
		}
		nc = next;
	}
}

/* dtc's add_orphan_node: an overlay's &ref { } becomes a fragment. */
static void add_fragment(struct mtree *t, struct mnode *body, const char *ref,
			 struct dtidy_loc loc)
{
	struct mprop *p = arena_alloc(t->a, sizeof(*p));
	struct dtidy_chunk *ch = arena_alloc(t->a, sizeof(*ch));
	ch->loc = loc;
	if (ref[0] == '/') {
		p->pub.name = "target-path";
		ch->kind = DTIDY_CHUNK_STRING;
		ch->data = ref;
		ch->n = strlen(ref);
	} else {
		p->pub.name = "target";
		struct dtidy_cell *cell = arena_alloc(t->a, sizeof(*cell));
		cell->val = 0xffffffffu;
		cell->ref = ref;
		cell->loc = loc;
		ch->kind = DTIDY_CHUNK_CELLS;
		ch->bits = 32;
		ch->n = 1;
		ch->cells = cell;
	}
	p->pub.chunks = ch;
	p->pub.nchunks = 1;
	locvec_push(t, &p->locs, loc);
	struct mnode *frag = node_new(t, arena_printf(t->a, "fragment@%u", t->next_fragment++));
	locvec_push(t, &frag->locs, loc);
	add_prop(frag, p);
	body->pub.name = "__overlay__";
	add_child(frag, body);
	add_child(t->root, frag);
	mt_labels_enter_tree(t, frag);
	mt_noop_unapplied(t, body);
}

/* fragment: the file has no /dts-v1/ (a .dtsi checked on its own), so a
 * label it overrides may be defined by the board that includes it. */
static void top_ref_node(struct mtree *t, const struct cst *c, int fragment)
{
	const char *ref = mt_ref_name(t, c->tok);
	struct dtidy_loc loc = mt_loc_toks(t, c->tok, c->tok + 1);
	mt_xref_ref(t, MODEL_XREF_OVERRIDE, c->tok);
	int has_label = 0;
	for (uint32_t i = c->tb; i < c->tok; i++)
		if (t->toks[i].kind == TK_LABEL)
			has_label = 1;
	struct mnode *body = build_block(t, c, "");
	body->labels = NULL;
	if (!t->root) {
		if (fragment)
			return;
		if (!t->plugin) {
			mt_error_kind(t, MODEL_DIAG_UNRESOLVED_REF, loc, "reference",
				      "label or path '%s' not found (no root node yet)", ref);
			return;
		}
		t->root = node_new(t, "");
		add_fragment(t, body, ref, loc);
		return;
	}
	/* in an overlay, dtc makes a fragment of every &{/path} { }, and of
	 * every &label { } whose label is not in this file */
	struct mnode *target = t->plugin && ref[0] == '/' && !has_label
				       ? NULL : mt_resolve_ref(t, ref);
	if (target) {
		statement_labels(t, &target->labels, c->tb, c->tok);
		mt_labels_enter(t, target);
		merge(t, target, body);
		return;
	}
	if (t->plugin && !has_label) {
		add_fragment(t, body, ref, loc);
		return;
	}
	if (!fragment)
		mt_error_kind(t, MODEL_DIAG_UNRESOLVED_REF, loc, "reference",
			      "label or path '%s' not found", ref);
}

/* A fragment checked alone: what its deletions act on may come from the
 * file that includes it. */
static void drop_deletions(struct mtree *t)
{
	size_t k = 0;
	for (size_t i = 0; i < t->nnoops; i++)
		if (t->noops[i].kind == DTIDY_NOOP_SAME_VALUE)
			t->noops[k++] = t->noops[i];
	t->nnoops = k;
}

void mt_build(struct mtree *t)
{
	int version = 0;
	CST_FOREACH(c, t->cst->root) {
		switch (c->kind) {
		case CST_VERSION:
			version = 1;
			break;
		case CST_PLUGIN:
			t->plugin = 1;
			break;
		case CST_MEMRESERVE: {
			const struct cst *a = c->child, *b = a ? a->next : NULL;
			if (!a || !b)
				break;
			int ok = 1;
			struct dtidy_memreserve r;
			r.address = mt_eval_expr(t, a, &ok);
			r.size = mt_eval_expr(t, b, &ok);
			r.loc = mt_loc_cst(t, c);
			VEC_PUSH(t->mr, t->nmr, t->capmr, r);
			break;
		}
		case CST_NODE:
			if (t->toks[c->tok].kind != TK_SLASH)
				break;	/* "name { }" at the top: already a syntax error */
			if (!t->root) {
				t->root = build_block(t, c, "");
				mt_labels_enter_tree(t, t->root);
				mt_noop_unapplied(t, t->root);
			} else {
				struct mnode *n = build_block(t, c, "");
				merge(t, t->root, n);
			}
			break;
		case CST_REF_NODE:
			if (c->flags & CF_MACRO_NAME) {
				mt_undefined_macro_tok(t, c->tok);
				break;
			}
			top_ref_node(t, c, !version);
			break;
		case CST_DELETE_NODE:
		case CST_OMIT_REF: {
			if (c->tok == CST_NONE)
				break;
			if (c->flags & CF_MACRO_NAME) {
				mt_undefined_macro_tok(t, c->tok);
				break;
			}
			const char *ref = mt_ref_name(t, c->tok);
			struct mnode *target = mt_resolve_ref(t, ref);
			mt_xref_ref(t, c->kind == CST_DELETE_NODE ? MODEL_XREF_DELETE : MODEL_XREF_OMIT,
				    c->tok);
			if (!target) {
				mt_error_kind(t, MODEL_DIAG_UNRESOLVED_REF,
					      mt_loc_toks(t, c->tok, c->tok + 1), "reference",
					      "label or path '%s' not found", ref);
				break;
			}
			if (c->kind == CST_DELETE_NODE)
				delete_node(target);
			else
				target->omit = 1;
			break;
		}
		case CST_MACRO_STMT:
			mt_undefined_macro(t, c);
			break;
		default:
			break;
		}
	}
	if (!version && t->cst->ntoks > 1)
		mt_error_kind(t, MODEL_DIAG_NO_DTS_V1, mt_loc_toks(t, 0, 1), "syntax",
			      "missing '/dts-v1/;' at the start of the tree (dtc requires it)");
	if (!version)
		drop_deletions(t);
	if (!t->root)
		t->root = node_new(t, "");
}
