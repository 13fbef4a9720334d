/* What the cursor is on (see target.h). */
#include "target.h"

#include <stdlib.h>
#include <string.h>

#include "../../core/xalloc.h"
#include "workspace.h"

int lsp_doc_position(struct lsp_server *s, json_t *params, struct lsp_doc **d, size_t *off,
		     struct lsp_error *e)
{
	*d = lsp_param_doc(s, params, e);
	if (!*d)
		return -1;
	struct lsp_pos pos;
	if (lsp_param_pos(params, "position", &pos)) {
		lsp_fail(e, RPC_INVALID_PARAMS, "missing or bad position");
		return -1;
	}
	if (pos.line >= (*d)->nlines) {
		lsp_fail(e, RPC_INVALID_PARAMS, "position past the end: line %u of a %zu-line document",
			 pos.line, (*d)->nlines);
		return -1;
	}
	*off = lsp_doc_offset(*d, pos, s->enc);
	return 0;
}

/* The label a reference or label definition names, and where in the
 * document its bytes are. */
static void take_label(struct lsp_target *t, const struct lsp_doc *d)
{
	const struct model_xref *x = t->xref;
	if (!x || !x->verbatim || x->loc.end > d->len)
		return;
	if (x->kind == MODEL_XREF_LABEL || x->kind == MODEL_XREF_OTHER_LABEL) {
		t->label = xstrdup(x->name);
		t->label_start = x->loc.start;
		t->label_end = x->loc.end;
		return;
	}
	if (x->name[0] == '/')
		return;	/* &{/path}: no label */
	const char *slash = strchr(x->name, '/');
	size_t n = slash ? (size_t)(slash - x->name) : strlen(x->name);
	uint32_t at = x->loc.start + 1;
	if (at < d->len && d->text[at] == '{')
		at++;
	t->label = xstrndup(x->name, n);
	t->label_start = at;
	t->label_end = at + (uint32_t)n;
}

static void take_ent(struct lsp_target *t, struct lsp_view *v, const struct lsp_ent *ent)
{
	t->v = v;
	t->ent = ent;
	switch (ent->kind) {
	case ENT_NODE:
		t->kind = T_NODE;
		t->node = ent->u.node;
		break;
	case ENT_PROP:
		t->kind = T_PROP;
		t->prop = ent->u.prop;
		t->node = t->prop->node;
		break;
	case ENT_XREF:
		t->kind = T_NODE;
		t->xref = ent->u.xref;
		t->node = t->xref->node;
		break;
	case ENT_MACRO: {
		const struct pp_record *r = model_pp_record(v->m);
		t->kind = T_MACRO;
		t->def = &r->defs[ent->u.use->def];
		break;
	}
	case ENT_DEFINE:
		t->kind = T_MACRO;
		t->def = ent->u.def;
		break;
	case ENT_INCLUDE:
		t->kind = T_INCLUDE;
		t->inc = ent->u.inc;
		break;
	}
}

/* A reference the document's own tree cannot resolve (a .dtsi using a
 * label its boards define): the first board that includes the document
 * and resolves it. */
struct in_context {
	const char *real;
	uint32_t off;
	struct lsp_target *t;
};

static int resolve_in(struct lsp_view *v, void *ud)
{
	struct in_context *c = ud;
	int fi = lsp_view_file(v, c->real);
	const struct lsp_ent *ent = fi >= 0 ? lsp_view_at(v, (uint32_t)fi, c->off) : NULL;
	if (!ent || ent->kind != ENT_XREF || !ent->u.xref->node)
		return 0;
	take_ent(c->t, v, ent);
	c->t->file = (uint32_t)fi;
	return 1;
}

int lsp_target_at(struct lsp_server *s, json_t *params, struct lsp_doc **dp,
		  struct lsp_target *t, struct lsp_error *e)
{
	memset(t, 0, sizeof(*t));
	size_t off;
	if (lsp_doc_position(s, params, dp, &off, e))
		return -1;
	struct lsp_doc *d = *dp;
	struct lsp_view *v = lsp_doc_view(s, d);
	if (!v)
		return 0;
	const struct lsp_ent *ent = lsp_view_at(v, 0, (uint32_t)off);
	if (!ent)
		return 0;
	take_ent(t, v, ent);
	t->file = 0;
	take_label(t, d);
	if (t->xref && !t->node && t->xref->kind != MODEL_XREF_OTHER_LABEL) {
		const char *name = t->label ? t->label : t->xref->name;
		struct in_context c = {d->real, t->xref->loc.start, t};
		lsp_each_view(s, d->real, &name, 1, resolve_in, &c);
	}
	return 0;
}

void lsp_target_free(struct lsp_target *t)
{
	free(t->label);
	t->label = NULL;
}

int lsp_node_anchor(const struct lsp_view *v, const struct dtidy_node *n, const char **real,
		    uint32_t *off)
{
	for (size_t i = 0; n && i < n->nlocs; i++) {
		int fi = lsp_view_loc_file(v, n->locs[i]);
		if (fi < 0)
			continue;
		*real = v->files[fi].real;
		*off = n->locs[i].start;
		return 0;
	}
	return -1;
}

const struct dtidy_node *lsp_node_at_anchor(struct lsp_view *v, const char *real, uint32_t off,
					    int is_root)
{
	if (is_root)
		return v->m->tree.root;
	int fi = lsp_view_file(v, real);
	if (fi < 0)
		return NULL;
	size_t n;
	const struct lsp_ent *e = lsp_view_ents(v, &n);
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (e[mid].file < (uint32_t)fi || (e[mid].file == (uint32_t)fi && e[mid].start < off))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && e[lo].file == (uint32_t)fi && e[lo].start == off; lo++)
		if (e[lo].kind == ENT_NODE)
			return e[lo].u.node;
	return NULL;
}

char **lsp_node_names(const struct dtidy_node *n, size_t *count)
{
	char **v = xcalloc(n->nlabels + 1, sizeof(*v));
	size_t k = 0;
	for (size_t i = 0; i < n->nlabels; i++)
		v[k++] = xstrdup(n->labels[i]);
	char path[1024];
	v[k++] = xstrdup(dtidy_node_path(n, path, sizeof(path)));
	*count = k;
	return v;
}

void lsp_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
