/* textDocument/prepareRename and rename of a label: the label where it
 * is written and every reference that names it (&label, &{label/sub}, in
 * a macro's body too), in every file of every board that reads the file
 * defining it, as one WorkspaceEdit. Refused, with a message, for a name
 * dtc would not take as a label and for one the tree already has. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/xalloc.h"
#include "target.h"
#include "workspace.h"

/* dtc's labels: [a-zA-Z_][a-zA-Z0-9_]* */
static int valid_label(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* The label under the cursor, or an error saying what can be renamed. */
static int rename_target(struct lsp_server *s, json_t *params, struct lsp_doc **d,
			 struct lsp_target *t, struct lsp_error *e)
{
	if (lsp_target_at(s, params, d, t, e))
		return -1;
	if (!t->label) {
		lsp_fail(e, LSP_REQUEST_FAILED,
			 "only labels can be renamed: put the cursor on a label (name:) or a "
			 "reference to one (&name)");
		lsp_target_free(t);
		return -1;
	}
	if (t->xref->kind != MODEL_XREF_OTHER_LABEL && !t->node) {
		lsp_fail(e, LSP_REQUEST_FAILED,
			 "label '%s' is not defined in this tree or a board including it", t->label);
		lsp_target_free(t);
		return -1;
	}
	return 0;
}

json_t *lsp_prepare_rename(struct lsp_server *s, json_t *params, json_t *id,
			   struct lsp_error *e)
{
	(void)id;
	struct lsp_doc *d;
	struct lsp_target t;
	if (rename_target(s, params, &d, &t, e))
		return NULL;
	json_t *r = json_pack("{s:o, s:s}", "range",
			      lsp_range_json(d, t.label_start, t.label_end, s->enc), "placeholder",
			      t.label);
	lsp_target_free(&t);
	return r;
}

/* ---- the edits ---- */

struct edit {
	char *real;
	uint32_t start, end;
	char *uri;
	json_t *range;
};

struct renaming {
	struct lsp_server *s;
	const char *old, *new_name;
	const char *real;	/* the node's anchor */
	uint32_t off;
	int is_root, other;	/* other: a label on a property or in a value */
	struct edit *v;
	size_t n, cap;
	char clash[512];	/* the new name is taken: where */
};

static void add_edit(struct renaming *r, const struct lsp_view *v, int file, uint32_t start,
		     uint32_t end)
{
	if (file < 0)
		return;
	const char *real = v->files[file].real;
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].start == start && !strcmp(r->v[i].real, real))
			return;
	struct edit x = {xstrdup(real), start, end, lsp_view_uri(r->s, v, (uint32_t)file), NULL};
	json_t *loc = lsp_view_location(r->s, v, (uint32_t)file, start, end);
	x.range = json_incref(json_object_get(loc, "range"));
	json_decref(loc);
	VEC_PUSH(r->v, r->n, r->cap, x);
}

static int label_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* A reference a macro wrote: the &label in the body of its #define. */
static void edit_macro_body(struct renaming *r, const struct lsp_view *v, struct dtidy_loc use)
{
	const struct pp_record *rec = model_pp_record(v->m);
	int fi = lsp_view_loc_file(v, use);
	for (size_t i = 0; fi >= 0 && i < rec->nuses; i++) {
		const struct pp_macro_use *u = &rec->uses[i];
		if (u->file != (uint32_t)fi || u->start != use.start)
			continue;
		const struct pp_macro_def *def = &rec->defs[u->def];
		if (def->file == PP_NO_FILE)
			return;
		const struct dtidy_file *df = v->files[def->file].df;
		size_t n = strlen(r->old);
		/* the #define's line, with its continuations */
		for (size_t k = def->end; k < df->len; k++) {
			if (df->text[k] == '\n' && (k == 0 || df->text[k - 1] != '\\'))
				break;
			if (df->text[k] != '&' || k + 1 + n > df->len ||
			    memcmp(df->text + k + 1, r->old, n) != 0 ||
			    (k + 1 + n < df->len && label_char((unsigned char)df->text[k + 1 + n])))
				continue;
			add_edit(r, v, (int)def->file, (uint32_t)(k + 1), (uint32_t)(k + 1 + n));
		}
		return;
	}
}

/* Does this reference name the label: "old" or "old/sub"? */
static int names_label(const char *name, const char *old)
{
	size_t n = strlen(old);
	return !strncmp(name, old, n) && (name[n] == '\0' || name[n] == '/');
}

static int collect_edits(struct lsp_view *v, void *ud)
{
	struct renaming *r = ud;
	const struct dtidy_node *n =
		r->other ? NULL : lsp_node_at_anchor(v, r->real, r->off, r->is_root);
	if (!n && !r->other)
		return 0;
	size_t nx;
	const struct model_xref *x = model_xrefs(v->m, &nx);
	for (size_t i = 0; i < nx && !r->clash[0]; i++) {
		int is_label = x[i].kind == MODEL_XREF_LABEL || x[i].kind == MODEL_XREF_OTHER_LABEL;
		if (is_label && !strcmp(x[i].name, r->new_name)) {
			unsigned line, col;
			dtidy_loc_linecol(x[i].loc, &line, &col);
			snprintf(r->clash, sizeof(r->clash), "%s:%u",
				 x[i].loc.file ? x[i].loc.file->path : "?", line);
			break;
		}
		if (is_label) {
			if (strcmp(x[i].name, r->old) != 0 || x[i].node != n ||
			    (x[i].kind == MODEL_XREF_OTHER_LABEL) != r->other)
				continue;
			if (x[i].verbatim)
				add_edit(r, v, lsp_view_loc_file(v, x[i].loc), x[i].loc.start,
					 x[i].loc.end);
			continue;
		}
		if (r->other || x[i].node != n || !names_label(x[i].name, r->old))
			continue;
		if (!x[i].verbatim) {
			edit_macro_body(r, v, x[i].loc);
			continue;
		}
		const char *text = x[i].loc.file->text;
		uint32_t at = x[i].loc.start + 1;
		if (text[at] == '{')
			at++;
		add_edit(r, v, lsp_view_loc_file(v, x[i].loc), at, at + (uint32_t)strlen(r->old));
	}
	return r->clash[0] != 0;
}

static json_t *workspace_edit(struct renaming *r)
{
	json_t *changes = json_object();
	for (size_t i = 0; i < r->n; i++) {
		json_t *arr = json_object_get(changes, r->v[i].uri);
		if (!arr) {
			arr = json_array();
			json_object_set_new(changes, r->v[i].uri, arr);
		}
		json_array_append_new(arr, json_pack("{s:O, s:s}", "range", r->v[i].range,
						     "newText", r->new_name));
	}
	return json_pack("{s:o}", "changes", changes);
}

static void renaming_free(struct renaming *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].real);
		free(r->v[i].uri);
		json_decref(r->v[i].range);
	}
	free(r->v);
}

json_t *lsp_rename(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e)
{
	(void)id;
	const char *new_name = json_string_value(json_object_get(params, "newName"));
	if (!new_name) {
		lsp_fail(e, RPC_INVALID_PARAMS, "missing newName");
		return NULL;
	}
	struct lsp_doc *d;
	struct lsp_target t;
	if (rename_target(s, params, &d, &t, e))
		return NULL;
	if (!valid_label(new_name)) {
		lsp_fail(e, LSP_REQUEST_FAILED,
			 "'%.100s' is not a valid label: a letter or '_', then letters, digits or "
			 "'_'", new_name);
		lsp_target_free(&t);
		return NULL;
	}
	struct renaming r = {.s = s, .old = t.label, .new_name = new_name};
	r.other = t.xref->kind == MODEL_XREF_OTHER_LABEL;
	const char *real = d->real;
	r.off = t.xref->loc.start;
	if (!r.other) {
		r.is_root = !t.node->parent;
		if (!r.is_root)
			lsp_node_anchor(t.v, t.node, &real, &r.off);
	} else if (t.v->files[t.file].real) {
		real = t.v->files[t.file].real;
	}
	char *anchor = xstrdup(real);
	r.real = anchor;
	json_t *result = NULL;
	if (strcmp(new_name, t.label) == 0) {
		result = json_pack("{s:{}}", "changes");
	} else {
		const char *names[] = {t.label, new_name};
		lsp_each_view_all(s, anchor, names, 2, collect_edits, &r);
		if (r.clash[0])
			lsp_fail(e, LSP_REQUEST_FAILED, "label '%.100s' already exists (%s)", new_name,
				 r.clash);
		else
			result = workspace_edit(&r);
	}
	renaming_free(&r);
	free(anchor);
	lsp_target_free(&t);
	return result;
}
