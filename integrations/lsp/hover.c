/* textDocument/hover: on a diagnostic, what the rule checks; on a &label or
 * &{/path} reference, the node it names: its full path and where it is
 * defined. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/strbuf.h"
#include "../../core/xalloc.h"
#include "../../parser/model/model.h"
#include "parsed.h"
#include "server.h"

/* The node carrying label `name` (without ':'), searched depth first. */
static const struct cst *find_label(const struct dt_parsed *p, const struct cst *parent,
				    const char *name, size_t n)
{
	CST_FOREACH(c, parent)
	{
		if (c->kind != CST_NODE && c->kind != CST_REF_NODE)
			continue;
		uint32_t labels[16];
		size_t nl = lsp_labels(p, c, labels, 16);
		for (size_t i = 0; i < nl; i++)
			if (p->toks.v[labels[i]].len == n + 1 &&
			    memcmp(p->cst.text + p->toks.v[labels[i]].off, name, n) == 0)
				return c;
		const struct cst *r = find_label(p, c, name, n);
		if (r)
			return r;
	}
	return NULL;
}

/* Appends the full path of node c; 0 when some override in between names a
 * label this file does not define. */
static int node_path(const struct dt_parsed *p, const struct cst *c, struct strbuf *out,
		     int depth)
{
	if (depth > 64)
		return 0;
	const struct dt_token *t = &p->toks.v[c->tok];
	const char *text = p->cst.text + t->off;
	if (c->kind == CST_REF_NODE) {
		if (t->kind == TK_PATH_REF) {
			/* &{/a/b} */
			sb_put(out, text + 2, t->len > 3 ? t->len - 3 : 0);
			return 1;
		}
		const struct cst *target = find_label(p, p->cst.root, text + 1, t->len - 1);
		return target && node_path(p, target, out, depth + 1);
	}
	if (t->kind == TK_SLASH)
		return 1;	/* the root: its children add "/name" */
	if (c->parent && c->parent->kind != CST_FILE && !node_path(p, c->parent, out, depth + 1))
		return 0;
	sb_putc(out, '/');
	sb_put(out, text, t->len);
	return 1;
}

/* The model reads open buffers instead of their files. */
static int read_open(void *ctx, const char *path, char **text, size_t *len)
{
	struct lsp_server *s = ctx;
	struct lsp_doc *d = lsp_doc_by_path(&s->docs, path);
	if (!d)
		return 0;
	*text = xmalloc(d->len + 1);
	memcpy(*text, d->text, d->len + 1);
	*len = d->len;
	return 1;
}

/* A file name as the user would write it: relative to the document's
 * directory when it is below it. */
static const char *short_name(const struct lsp_doc *d, const char *path)
{
	const char *slash = strrchr(d->path, '/');
	size_t dir = slash ? (size_t)(slash - d->path) + 1 : 0;
	return dir && !strncmp(path, d->path, dir) ? path + dir : path;
}

/* Resolves the reference in the merged tree (includes, overrides and
 * deletions applied). Returns 0 when the model does not know it. */
static int describe_with_model(struct lsp_server *s, const struct lsp_doc *d, const char *ref,
			       size_t n, struct strbuf *md)
{
	struct model_opts mo = {
		.incdirs = (const char *const *)s->eo->incdirs,
		.nincdirs = s->eo->nincdirs,
		.auto_include = !s->eo->no_auto_include,
		.read = read_open,
		.read_ctx = s,
	};
	struct model *m = model_build(d->path, &mo);
	char *name = xstrndup(ref, n);
	const struct dtidy_node *node = m ? dtidy_resolve(&m->tree, name) : NULL;
	if (node) {
		char path[1024];
		dtidy_node_path(node, path, sizeof(path));
		sb_printf(md, "`%s` → `%s`", name, path);
		for (size_t i = 0; i < node->nlocs && i < 8; i++) {
			if (!node->locs[i].file)
				continue;
			unsigned line, col;
			dtidy_loc_linecol(node->locs[i], &line, &col);
			sb_printf(md, "\n\n%s at %s:%u", i ? "changed" : "defined",
				  short_name(d, node->locs[i].file->path), line);
		}
	}
	free(name);
	if (m)
		model_free(m);
	return node != NULL;
}

static void describe_ref(struct lsp_server *s, const struct lsp_doc *d,
			 const struct dt_parsed *p, uint32_t ref, struct strbuf *md)
{
	const struct dt_token *t = &p->toks.v[ref];
	const char *text = d->text + t->off;
	if (describe_with_model(s, d, text, t->len, md))
		return;
	if (t->kind == TK_PATH_REF) {
		sb_printf(md, "`%.*s`: the node at path `%.*s`", (int)t->len, text,
			  (int)(t->len > 3 ? t->len - 3 : 0), text + 2);
		return;
	}
	const struct cst *target = find_label(p, p->cst.root, text + 1, t->len - 1);
	if (!target) {
		sb_printf(md, "`%.*s`: label not defined in this file (it may come from an "
			      "#include)",
			  (int)t->len, text);
		return;
	}
	struct strbuf path = {0};
	if (!node_path(p, target, &path, 0) || path.len == 0)
		sb_puts(&path, "/");
	struct lsp_pos pos = lsp_doc_pos(d, p->toks.v[target->tok].off, LSP_ENC_UTF8);
	sb_printf(md, "`%.*s` → `%s`\n\ndefined at %s:%u", (int)t->len, text, sb_cstr(&path),
		  d->path, pos.line + 1);
	sb_free(&path);
}

json_t *lsp_hover(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e)
{
	(void)id;
	struct lsp_doc *d = lsp_param_doc(s, params, e);
	if (!d)
		return NULL;
	struct lsp_pos pos;
	if (lsp_param_pos(params, "position", &pos)) {
		lsp_fail(e, RPC_INVALID_PARAMS, "missing or bad position");
		return NULL;
	}
	size_t off = lsp_doc_offset(d, pos, s->enc);
	lsp_refresh_diags(s, d);
	struct strbuf md = {0};
	for (size_t i = 0; i < d->diags.n; i++) {
		const struct diag *g = &d->diags.v[i];
		if (!g->file || !lsp_doc_is(d, g->file) || off < g->off || off > g->end_off)
			continue;
		if (md.len)
			sb_puts(&md, "\n\n---\n\n");
		sb_printf(&md, "**%s**: %s", g->rule, g->message);
		const struct dtidy_rule *r = s->engine ? engine_rule(s->engine, g->rule) : NULL;
		if (r)
			sb_printf(&md, "\n\n*%s* (%s)%s%s", r->description, r->family,
				  r->help ? "\n\n" : "", r->help ? r->help : "");
	}
	struct dt_parsed p;
	lsp_parse(&p, d);
	uint32_t t = lsp_token_at(&p, off);
	if (t != CST_NONE && (p.toks.v[t].kind == TK_REF || p.toks.v[t].kind == TK_PATH_REF)) {
		if (md.len)
			sb_puts(&md, "\n\n---\n\n");
		describe_ref(s, d, &p, t, &md);
	}
	dt_parsed_free(&p);
	json_t *r = md.len ? json_pack("{s:{s:s, s:s}}", "contents", "kind", "markdown", "value",
				       sb_cstr(&md))
			   : json_null();
	sb_free(&md);
	return r ? r : json_null();
}
