/* textDocument/hover: on a diagnostic, what the rule checks; on a label,
 * reference or node name, the node in the merged tree (its full path and
 * every file:line that defines or changes it); on a property, what its
 * binding says (type, description, allowed values) and where it is set;
 * on a macro, its definition and what this use expands to; on an
 * #include, the file it reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/strbuf.h"
#include "../../core/xalloc.h"
#include "schema_source.h"
#include "target.h"

/* A file name as the user would write it: relative to the document's
 * directory when it is below it. */
static const char *short_name(const struct lsp_doc *d, const char *path)
{
	const char *slash = strrchr(d->path, '/');
	size_t dir = slash ? (size_t)(slash - d->path) + 1 : 0;
	return dir && !strncmp(path, d->path, dir) ? path + dir : path;
}

static void place(struct strbuf *md, const struct lsp_doc *d, struct dtidy_loc loc)
{
	unsigned line, col;
	dtidy_loc_linecol(loc, &line, &col);
	sb_printf(md, "%s:%u", short_name(d, loc.file->path), line);
}

/* Where a node is defined, then each block that changes it. */
static void describe_node(struct strbuf *md, const struct lsp_doc *d, const struct lsp_target *t)
{
	char path[1024];
	dtidy_node_path(t->node, path, sizeof(path));
	if (t->xref && t->xref->kind != MODEL_XREF_LABEL) {
		size_t n = t->xref->loc.end - t->xref->loc.start;
		const char *text = t->xref->loc.file->text + t->xref->loc.start;
		sb_printf(md, "`%.*s` → `%s`", (int)n, text, path);
	} else {
		sb_printf(md, "`%s`", path);
	}
	const struct dtidy_prop *cp = dtidy_prop_get(t->node, "compatible");
	long nc = dtidy_prop_nstrings(cp);
	for (long i = 0; i < nc && i < 4; i++)
		sb_printf(md, "%s\"%s\"", i ? ", " : "\n\ncompatible = ", dtidy_prop_string(cp, (size_t)i));
	size_t shown = 0;
	for (size_t i = 0; i < t->node->nlocs && shown < 8; i++) {
		if (!t->node->locs[i].file)
			continue;
		sb_puts(md, shown ? "\n\nchanged at " : "\n\ndefined at ");
		place(md, d, t->node->locs[i]);
		shown++;
	}
	if (t->node->nlocs > shown)
		sb_printf(md, "\n\n(and %zu more)", t->node->nlocs - shown);
}

static void describe_prop(struct lsp_server *s, struct strbuf *md, const struct lsp_doc *d,
			  const struct lsp_target *t)
{
	const struct dtidy_prop *cp = dtidy_prop_get(t->node, "compatible");
	long nc = dtidy_prop_nstrings(cp);
	const char *compats[16];
	size_t n = 0;
	for (long i = 0; i < nc && n < 16; i++)
		compats[n++] = dtidy_prop_string(cp, (size_t)i);
	struct lsp_propdoc pd;
	int known = !lsp_schema_prop(s, d->path, compats, n, t->prop->name, &pd);
	sb_printf(md, "**%s**", t->prop->name);
	/* the schema rules' type first: what the value is validated as */
	char type[128];
	const char *stype = lsp_schema_type(s, d->path, t->prop->name, type, sizeof(type));
	if (stype)
		sb_printf(md, " (%s)", stype);
	else if (known && pd.type)
		sb_printf(md, " (%s)", pd.type);
	if (known && pd.description)
		sb_printf(md, "\n\n%s", pd.description);
	if (known && pd.nvalues) {
		sb_puts(md, "\n\nValues:");
		for (size_t i = 0; i < pd.nvalues && i < 32; i++)
			sb_printf(md, " `%s`", pd.values[i]);
		if (pd.nvalues > 32)
			sb_puts(md, " ...");
	}
	if (known && pd.source)
		sb_printf(md, "\n\n*%s*", pd.source);
	char path[1024];
	sb_printf(md, "\n\nin `%s`", dtidy_node_path(t->node, path, sizeof(path)));
	for (size_t i = 0; i < t->prop->nlocs && i < 8; i++) {
		if (!t->prop->locs[i].file)
			continue;
		sb_puts(md, i + 1 == t->prop->nlocs ? "\n\nset at " : "\n\nset before at ");
		place(md, d, t->prop->locs[i]);
	}
}

static void describe_macro(struct strbuf *md, const struct lsp_doc *d, const struct lsp_target *t)
{
	const struct pp_macro_def *def = t->def;
	sb_printf(md, "```c\n#define %s%s %s\n```", def->name, def->params ? def->params : "",
		  def->body);
	if (t->ent->kind == ENT_MACRO) {
		const struct pp_macro_use *u = t->ent->u.use;
		if (u->expansion)
			sb_printf(md, "\n\nexpands to `%s`", u->expansion);
	}
	if (def->file != PP_NO_FILE) {
		sb_puts(md, "\n\ndefined at ");
		struct dtidy_loc loc = {t->v->files[def->file].df, def->start, def->end};
		place(md, d, loc);
	} else {
		sb_puts(md, "\n\ndefined on the command line");
	}
}

static void describe_include(struct strbuf *md, const struct lsp_target *t)
{
	if (t->inc->target >= 0)
		sb_printf(md, "`%s`", t->v->files[t->inc->target].real);
	else
		sb_puts(md, "not found on the include path");
}

json_t *lsp_hover(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e)
{
	(void)id;
	struct lsp_doc *d;
	size_t off;
	if (lsp_doc_position(s, params, &d, &off, e))
		return NULL;
	lsp_refresh_diags(s, d);
	struct strbuf md = {0};
	for (size_t i = 0; i < d->diags.n; i++) {
		const struct diag *g = &d->diags.v[i];
		if (!d->mine[i] || off < g->off || off > g->end_off)
			continue;
		if (md.len)
			sb_puts(&md, "\n\n---\n\n");
		sb_printf(&md, "**%s**: %s", g->rule, g->message);
		const struct dtidy_rule *r = s->engine ? engine_rule(s->engine, g->rule) : NULL;
		if (r)
			sb_printf(&md, "\n\n*%s* (%s)%s%s", r->description, r->family,
				  r->help ? "\n\n" : "", r->help ? r->help : "");
	}
	struct lsp_target t;
	if (lsp_target_at(s, params, &d, &t, e)) {
		sb_free(&md);
		return NULL;
	}
	struct strbuf about = {0};
	switch (t.kind) {
	case T_NODE:
		if (t.node)
			describe_node(&about, d, &t);
		else if (t.xref && t.xref->kind != MODEL_XREF_OTHER_LABEL)
			sb_printf(&about, "`%s`: not defined in this tree (nor in a board "
					  "including this file that dtidy knows)",
				  t.xref->name);
		break;
	case T_PROP:
		describe_prop(s, &about, d, &t);
		break;
	case T_MACRO:
		describe_macro(&about, d, &t);
		break;
	case T_INCLUDE:
		describe_include(&about, &t);
		break;
	case T_NONE:
		break;
	}
	if (about.len) {
		if (md.len)
			sb_puts(&md, "\n\n---\n\n");
		sb_put(&md, about.s, about.len);
	}
	sb_free(&about);
	lsp_target_free(&t);
	/* macro bodies and compatibles come from files: any bytes */
	json_t *r = md.len ? json_pack("{s:{s:s, s:o}}", "contents", "kind", "markdown", "value",
				       lsp_text_json(sb_cstr(&md)))
			   : json_null();
	sb_free(&md);
	return r ? r : json_null();
}
