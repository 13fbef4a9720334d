/* textDocument/definition, declaration and references, over the merged
 * tree: a label or reference stands for its node, found wherever the
 * include tree defines or changes it; references are gathered from every
 * board that reads the file defining the node (the open documents, then
 * the workspace's boards). */
#include <stdlib.h>
#include <string.h>

#include "../../core/xalloc.h"
#include "target.h"
#include "workspace.h"

/* A list of locations without repeats. */
struct locs {
	struct lsp_server *s;
	json_t *arr;
	struct seen {
		char *real;
		uint32_t start, end;
	} *seen;
	size_t n, cap;
};

static void locs_add(struct locs *L, const struct lsp_view *v, int file, uint32_t start,
		     uint32_t end)
{
	if (file < 0)
		return;
	const char *real = v->files[file].real;
	for (size_t i = 0; i < L->n; i++)
		if (L->seen[i].start == start && L->seen[i].end == end &&
		    !strcmp(L->seen[i].real, real))
			return;
	struct seen x = {xstrdup(real), start, end};
	VEC_PUSH(L->seen, L->n, L->cap, x);
	json_array_append_new(L->arr, lsp_view_location(L->s, v, (uint32_t)file, start, end));
}

static void locs_add_loc(struct locs *L, const struct lsp_view *v, struct dtidy_loc loc)
{
	locs_add(L, v, lsp_view_loc_file(v, loc), loc.start, loc.end);
}

static json_t *locs_done(struct locs *L)
{
	for (size_t i = 0; i < L->n; i++)
		free(L->seen[i].real);
	free(L->seen);
	if (!json_array_size(L->arr)) {
		json_decref(L->arr);
		return json_null();
	}
	return L->arr;
}

/* A property's name where it is set (the whole statement when a macro
 * wrote it). */
static void prop_place(struct locs *L, const struct lsp_view *v, const struct dtidy_prop *p,
		       struct dtidy_loc loc)
{
	size_t n = strlen(p->name);
	if (loc.file && (size_t)loc.start + n <= loc.file->len &&
	    !memcmp(loc.file->text + loc.start, p->name, n))
		loc.end = loc.start + (uint32_t)n;
	locs_add_loc(L, v, loc);
}

static void macro_place(struct locs *L, const struct lsp_view *v, const struct pp_macro_def *def)
{
	if (def->file != PP_NO_FILE)
		locs_add(L, v, (int)def->file, def->start, def->end);
}

static void include_place(struct locs *L, const struct lsp_view *v, const struct pp_include *inc)
{
	if (inc->target >= 0)
		locs_add(L, v, inc->target, 0, 0);
}

/* Every place that defines or changes the node: where it was created
 * first, then each block that adds to it, in include order. */
static void node_places(struct locs *L, const struct lsp_view *v, const struct dtidy_node *n)
{
	for (size_t i = 0; i < n->nlocs; i++)
		locs_add_loc(L, v, n->locs[i]);
}

/* A .dtsi is read by the boards that include it: what they change of a
 * node or property it defines is part of its definition too. */
struct board_places {
	struct locs *L;
	const char *real;	/* the node's anchor */
	uint32_t off;
	int is_root;
	const char *prop;	/* a property of the node, or NULL: the node */
};

static int collect_board_places(struct lsp_view *v, void *ud)
{
	struct board_places *b = ud;
	const struct dtidy_node *n = lsp_node_at_anchor(v, b->real, b->off, b->is_root);
	if (!n)
		return 0;
	if (!b->prop) {
		node_places(b->L, v, n);
		return 0;
	}
	const struct dtidy_prop *p = dtidy_prop_get(n, b->prop);
	for (size_t i = 0; p && i < p->nlocs; i++)
		prop_place(b->L, v, p, p->locs[i]);
	return 0;
}

static int is_fragment(const struct lsp_view *v)
{
	for (size_t i = 0; i < v->m->diags.n; i++)
		if (v->m->diags.v[i].kind == MODEL_DIAG_NO_DTS_V1)
			return 1;
	return 0;
}

static void add_board_places(struct lsp_server *s, const struct lsp_target *t, struct locs *L)
{
	struct board_places b = {.L = L, .is_root = !t->node->parent};
	const char *real = NULL;
	if (!b.is_root && lsp_node_anchor(t->v, t->node, &real, &b.off))
		return;
	char *anchor = xstrdup(real ? real : t->v->files[0].real);
	char *prop = t->kind == T_PROP ? xstrdup(t->prop->name) : NULL;
	size_t nn;
	char **names = lsp_node_names(t->node, &nn);
	b.real = anchor;
	b.prop = prop;
	lsp_each_view(s, anchor, (const char *const *)names, nn, collect_board_places, &b);
	lsp_names_free(names, nn);
	free(prop);
	free(anchor);
}

json_t *lsp_definition(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e)
{
	(void)id;
	struct lsp_doc *d;
	struct lsp_target t;
	if (lsp_target_at(s, params, &d, &t, e))
		return NULL;
	struct locs L = {.s = s, .arr = json_array()};
	switch (t.kind) {
	case T_NODE:
		if (t.node)
			node_places(&L, t.v, t.node);
		break;
	case T_PROP:
		for (size_t i = 0; i < t.prop->nlocs; i++)
			prop_place(&L, t.v, t.prop, t.prop->locs[i]);
		break;
	case T_MACRO:
		macro_place(&L, t.v, t.def);
		break;
	case T_INCLUDE:
		include_place(&L, t.v, t.inc);
		break;
	case T_NONE:
		break;
	}
	/* in a .dtsi's own tree, the boards' changes come after its own */
	if ((t.kind == T_NODE || t.kind == T_PROP) && t.node && is_fragment(t.v))
		add_board_places(s, &t, &L);
	lsp_target_free(&t);
	return locs_done(&L);
}

/* The labels written on a node. */
static size_t label_places(struct locs *L, const struct lsp_view *v, const struct dtidy_node *n)
{
	size_t nx, found = 0;
	const struct model_xref *x = model_xrefs(v->m, &nx);
	for (size_t i = 0; i < nx; i++)
		if (x[i].kind == MODEL_XREF_LABEL && x[i].node == n) {
			locs_add_loc(L, v, x[i].loc);
			found++;
		}
	return found;
}

json_t *lsp_declaration(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e)
{
	(void)id;
	struct lsp_doc *d;
	struct lsp_target t;
	if (lsp_target_at(s, params, &d, &t, e))
		return NULL;
	struct locs L = {.s = s, .arr = json_array()};
	switch (t.kind) {
	case T_NODE:
		/* a reference is declared by its label; a node by its first block */
		if (t.node && !label_places(&L, t.v, t.node) && t.node->nlocs)
			locs_add_loc(&L, t.v, t.node->locs[0]);
		break;
	case T_PROP:
		if (t.prop->nlocs)
			prop_place(&L, t.v, t.prop, t.prop->locs[0]);
		break;
	case T_MACRO:
		macro_place(&L, t.v, t.def);
		break;
	case T_INCLUDE:
		include_place(&L, t.v, t.inc);
		break;
	case T_NONE:
		break;
	}
	lsp_target_free(&t);
	return locs_done(&L);
}

/* ---- references ---- */

struct node_refs {
	struct locs *L;
	const char *real;	/* the node's anchor */
	uint32_t off;
	int is_root;
	int decl;
};

static int collect_node_refs(struct lsp_view *v, void *ud)
{
	struct node_refs *r = ud;
	const struct dtidy_node *n = lsp_node_at_anchor(v, r->real, r->off, r->is_root);
	if (!n)
		return 0;
	size_t nx;
	const struct model_xref *x = model_xrefs(v->m, &nx);
	for (size_t i = 0; i < nx; i++) {
		if (x[i].node != n)
			continue;
		if (x[i].kind != MODEL_XREF_LABEL || r->decl)
			locs_add_loc(r->L, v, x[i].loc);
	}
	return 0;
}

struct macro_refs {
	struct locs *L;
	const char *real;	/* the #define's file and offset */
	uint32_t off;
	const char *name;
	int decl;
};

static int collect_macro_refs(struct lsp_view *v, void *ud)
{
	struct macro_refs *r = ud;
	int fi = lsp_view_file(v, r->real);
	const struct pp_record *rec = model_pp_record(v->m);
	for (size_t i = 0; fi >= 0 && i < rec->nuses; i++) {
		const struct pp_macro_use *u = &rec->uses[i];
		const struct pp_macro_def *def = &rec->defs[u->def];
		if (def->file != (uint32_t)fi || def->start != r->off)
			continue;
		/* the name only, not the arguments */
		locs_add(r->L, v, (int)u->file, u->start, u->start + (uint32_t)strlen(r->name));
	}
	if (r->decl && fi >= 0)
		locs_add(r->L, v, fi, r->off, r->off + (uint32_t)strlen(r->name));
	return 0;
}

json_t *lsp_references(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e)
{
	(void)id;
	struct lsp_doc *d;
	struct lsp_target t;
	if (lsp_target_at(s, params, &d, &t, e))
		return NULL;
	int decl = json_is_true(json_object_get(json_object_get(params, "context"),
						"includeDeclaration"));
	struct locs L = {.s = s, .arr = json_array()};
	if (t.kind == T_NODE && t.node) {
		struct node_refs r = {.L = &L, .decl = decl, .is_root = !t.node->parent};
		const char *real = NULL;
		if (r.is_root || !lsp_node_anchor(t.v, t.node, &real, &r.off)) {
			/* the anchor's strings belong to t.v, which other views may
			 * replace: copies */
			char *anchor = real ? xstrdup(real) : xstrdup(d->real);
			size_t nn;
			char **names = lsp_node_names(t.node, &nn);
			r.real = anchor;
			lsp_each_view(s, anchor, (const char *const *)names, nn, collect_node_refs, &r);
			lsp_names_free(names, nn);
			free(anchor);
		}
	} else if (t.kind == T_PROP) {
		for (size_t i = 0; i < t.prop->nlocs; i++)
			prop_place(&L, t.v, t.prop, t.prop->locs[i]);
	} else if (t.kind == T_MACRO && t.def->file != PP_NO_FILE) {
		char *real = xstrdup(t.v->files[t.def->file].real);
		char *name = xstrdup(t.def->name);
		struct macro_refs r = {&L, real, t.def->start, name, decl};
		/* a header's macros are used by every board: the open ones */
		lsp_each_open_view(s, real, collect_macro_refs, &r);
		free(real);
		free(name);
	}
	lsp_target_free(&t);
	return locs_done(&L);
}
