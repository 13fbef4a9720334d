/* One validation a check (see findings.h). dt-validate's driver is
 * followed: every node is validated on its own (its children are in its
 * instance, without their "$nodename"), by the schema its compatible
 * selects and by every schema whose `select` matches; in a disabled node
 * (its status, or an ancestor's) missing properties and
 * unevaluatedProperties findings are dropped, since such nodes are often
 * completed by the boards that enable them. */
#include "findings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/xalloc.h"
#include "schema/schema.h"
#include "decode.h"
#include "instance.h"
#include "rules/context.h"
#include "set_registry.h"

#define MAX_SELECTED 64

const char *const schema_rule_options[] = {"bindings", "schemas", NULL};

struct sfindings {
	const struct schema_found *found;
	struct arena a;
	struct sfinding *v;
	size_t n, cap;
};

static const struct schema_found *found_for(struct dtidy_ctx *ctx)
{
	return schema_found_for(dtidy_ctx_path(ctx), dtidy_ctx_option(ctx, "bindings"),
				dtidy_ctx_option(ctx, "schemas"));
}

const struct schema_set *schema_ctx_set(struct dtidy_ctx *ctx)
{
	return found_for(ctx)->set;
}

/* "http://devicetree.org/schemas/serial/8250.yaml#" -> "serial/8250.yaml" */
static const char *short_id(const char *id)
{
	static const char *const prefixes[] = {"http://devicetree.org/schemas/", "/schemas/"};
	if (!id)
		return "?";
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(id, prefixes[i], strlen(prefixes[i])))
			return id + strlen(prefixes[i]);
	return id;
}

static size_t types_of(void *ud, const char *prop, struct schema_ptype *out, size_t max)
{
	return schema_prop_types(ud, prop, out, max);
}

/* The path of indices from a property's value down to `at` ("1:0"), into
 * buf; 1 when found. */
static int index_path(const struct sinst *v, const struct sinst *at, char *buf, size_t size)
{
	if (v == at)
		return 1;
	if (v->kind != SINST_ARRAY)
		return 0;
	for (size_t i = 0; i < v->n; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, size - len, ":%zu", i);
		if (index_path(&v->items[i], at, buf, size))
			return 1;
		buf[len] = '\0';
	}
	return 0;
}

/* The end of everything written for node n in `file` at or after `from`:
 * its properties, its children, theirs. */
static uint32_t body_end(const struct dtidy_node *n, const struct dtidy_file *file, uint32_t from,
			 uint32_t end, unsigned depth)
{
	for (size_t i = 0; i < n->nlocs; i++)
		if (n->locs[i].file == file && n->locs[i].start >= from && n->locs[i].end > end)
			end = n->locs[i].end;
	DTIDY_FOREACH_PROP(p, n)
		for (size_t i = 0; i < p->nlocs; i++)
			if (p->locs[i].file == file && p->locs[i].start >= from && p->locs[i].end > end)
				end = p->locs[i].end;
	if (depth < 64)
		DTIDY_FOREACH_CHILD(c, n)
			end = body_end(c, file, from, end, depth + 1);
	return end;
}

struct validating {
	struct sfindings *F;
	const struct sinst_node *node;
	const struct schema *schema;
};

static const char *status_of(const struct dtidy_node *n)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, "status");
	return p ? dtidy_prop_string(p, 0) : NULL;
}

/* Where a finding goes: at the member the error names (a property at its
 * effective definition, a child node at its header), else at what the
 * keyword failed on (a cell, a row, a string, a node). */
static void locate(const struct schema_error *e, const struct sorigin *o,
		   struct sfinding *f, const struct sinst **member)
{
	*member = e->name && e->kind != SE_REQUIRED && e->at && e->at->kind == SINST_OBJECT
			  ? sinst_member(e->at, e->name)
			  : NULL;
	const struct sorigin *where = *member ? sinst_origin(*member) : o;
	if ((*member && (*member)->kind == SINST_OBJECT) ||
	    (e->kind == SE_VALUE && e->at && e->at->kind == SINST_OBJECT))
		f->name = NULL;	/* a child node: the finding is about it */
	if (where) {
		f->loc = *member && where->prop ? decode_prop_loc(where->prop) : where->loc;
		f->prop = where->prop;
		if (where->node)
			f->node = where->node;
	}
	if (!f->loc.file && f->node)
		f->loc = dtidy_node_loc(f->node);
}

/* The entry of the property a value keyword failed on, as dt-validate
 * names it (":1", ":0:2"), into path. */
static void entry_path(const struct validating *V, const struct sfinding *f,
		       const struct sinst *at, char *path, size_t size)
{
	const struct sinst *obj = V->node->self;
	if (f->node != V->node->node) {
		/* a child's property, reached through its parent's schema */
		for (size_t i = 0; obj && i < obj->n; i++)
			if (obj->members[i].value.kind == SINST_OBJECT &&
			    sinst_origin(&obj->members[i].value) &&
			    sinst_origin(&obj->members[i].value)->node == f->node)
				obj = &obj->members[i].value;
	}
	const struct sinst *pv = sinst_member(obj, f->prop->name);
	if (pv)
		index_path(pv, at, path, size);
}

/* The engine's message on one line: a oneOf/anyOf failure lists what each
 * branch wanted on lines of their own. */
static char *one_line(struct arena *a, const char *msg)
{
	char *text = arena_strdup(a, msg ? msg : "invalid");
	char *w = text;
	for (const char *r = text; *r; r++) {
		char c = *r == '\n' || *r == '\t' ? ' ' : *r;
		if (c == ' ' && (w == text || w[-1] == ' '))
			continue;
		*w++ = c;
	}
	*w = '\0';
	return text;
}

static void on_error(void *arg, const struct schema_error *e)
{
	struct validating *V = arg;
	struct sfindings *F = V->F;
	const struct sorigin *o = sinst_origin(e->at);
	const struct dtidy_node *node = o ? o->node : V->node->node;
	/* dt-validate drops these in disabled nodes (and in a child node's
	 * instance that is disabled) */
	int disabled = V->node->disabled || (node && status_of(node) &&
					     !strcmp(status_of(node), "disabled"));
	if (disabled && e->disabled_ok)
		return;
	struct sfinding f = {.kind = e->kind, .node = node, .name = e->name};
	const char *schema = short_id(e->schema_id ? e->schema_id : schema_id(V->schema));
	const struct sinst *member;
	locate(e, o, &f, &member);
	f.undocumented = e->kind == SE_VALUE && o && o->untyped;
	char path[128] = "";
	if (f.prop && !member)
		entry_path(V, &f, e->at, path, sizeof(path));
	const char *text = one_line(&F->a, e->message);
	if (f.undocumented && f.prop)
		f.message = arena_printf(&F->a, "no schema documents property '%s': no binding "
					 "gives it a type, so its value cannot be decoded (%s)",
					 f.prop->name, schema);
	else if (f.prop && e->kind == SE_VALUE)
		/* a value's finding names the property and the entry, as
		 * dt-validate does ("clocks:1: ..."); the others name it */
		f.message = arena_printf(&F->a, "%s%s: %s (%s)", f.prop->name, path, text, schema);
	else
		f.message = arena_printf(&F->a, "%s (%s)", text, schema);
	if (f.node && !f.prop && f.loc.file)
		f.scope = (struct dtidy_loc){f.loc.file, f.loc.start,
					     body_end(f.node, f.loc.file, f.loc.start, f.loc.end, 0)};
	VEC_PUSH(F->v, F->n, F->cap, f);
}

/* dt-validate validates boards (and overlays), never a .dtsi alone: its
 * root has no model, its nodes wait for a board's properties. A .dtsi is
 * judged through the boards that include it (their findings in it are
 * reported at its lines), or in a board's tree (engine_input.context). */
int schema_tree_validated(const struct dtidy_tree *t)
{
	const char *path = t->nfiles ? t->files[0]->path : NULL;
	size_t n = path ? strlen(path) : 0;
	return !(n >= 5 && !strcmp(path + n - 5, ".dtsi")) && !(n >= 2 && !strcmp(path + n - 2, ".h"));
}

/* "uint32", "string-array", "phandle-array", ...: a type's name in
 * types.yaml */
static void type_name(const struct schema_ptype *t, char *buf, size_t size)
{
	static const char *const kinds[] = {
		[SPT_UNKNOWN] = "?", [SPT_FLAG] = "flag", [SPT_STRING] = "string",
		[SPT_PHANDLE] = "phandle", [SPT_PHANDLE_ARRAY] = "phandle-array", [SPT_NODE] = "node"};
	if (t->kind == SPT_INT)
		snprintf(buf, size, "%sint%u%s", t->is_signed ? "" : "u", t->bits ? t->bits : 32u,
			 t->scalar ? "" : t->matrix ? "-matrix" : "-array");
	else if (t->kind == SPT_STRING && !t->scalar)
		snprintf(buf, size, "string-array");
	else
		snprintf(buf, size, "%s", (unsigned)t->kind < sizeof(kinds) / sizeof(kinds[0]) &&
						  kinds[t->kind] ? kinds[t->kind] : "?");
}

/* A property of an integer type its size does not fit: dt-validate says
 * so ("size (N) error for type T") and reads it by its size. */
static void misfit(struct sfindings *F, const struct schema_set *set, const struct dtidy_node *n,
		   const struct dtidy_prop *p)
{
	struct schema_ptype t[4];
	size_t nt = schema_prop_types(set, p->name, t, 4);
	char types[128] = "";
	for (size_t i = 0; i < nt && i < 4; i++) {
		char one[32];
		type_name(&t[i], one, sizeof(one));
		size_t len = strlen(types);
		snprintf(types + len, sizeof(types) - len, "%s%s", i ? " or " : "", one);
	}
	struct sfinding f = {.kind = SE_VALUE, .node = n, .prop = p, .loc = decode_prop_loc(p)};
	f.message = arena_printf(&F->a, "%s: the value does not fit its type (%s): dtbs_check "
					"cannot decode it",
				 p->name, types);
	VEC_PUSH(F->v, F->n, F->cap, f);
}

static void *validate_tree(struct dtidy_ctx *ctx)
{
	struct sfindings *F = xcalloc(1, sizeof(*F));
	arena_init(&F->a);
	F->found = found_for(ctx);
	const struct schema_set *set = F->found->set;
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	if (!set || !t || !t->root || !schema_tree_validated(t))
		return F;
	/* broken documents: one warning each, with the findings (a run
	 * over many boards reports each once) */
	rule_add_diags(ctx, F->found->warnings);
	struct sinst_tree it;
	sinst_build(t, types_of, (void *)set, &F->a, &it);
	struct arena scratch;
	for (size_t i = 0; i < it.n; i++) {
		const struct schema *sel[MAX_SELECTED];
		arena_init(&scratch);
		size_t n = schema_select(set, it.v[i].self, sel, MAX_SELECTED, &scratch);
		if (n > MAX_SELECTED)
			n = MAX_SELECTED;
		for (size_t k = 0; k < n; k++) {
			struct validating V = {F, &it.v[i], sel[k]};
			schema_validate(set, sel[k], it.v[i].self, on_error, &V, &scratch);
		}
		for (size_t k = 0; k < it.v[i].nmisfit; k++)
			misfit(F, set, it.v[i].node, it.v[i].misfit[k]);
		arena_free(&scratch);
	}
	schema_board_done(set);
	return F;
}

static void drop(void *p)
{
	struct sfindings *F = p;
	if (!F)
		return;
	free(F->v);
	arena_free(&F->a);
	free(F);
}

void schema_report_kind(struct dtidy_ctx *ctx, enum schema_error_kind kind, int undocumented)
{
	struct sfindings *F = rule_ctx_shared(ctx, "schema", validate_tree, drop);
	for (size_t i = 0; i < F->n; i++) {
		const struct sfinding *f = &F->v[i];
		if (f->kind != kind || (kind == SE_VALUE && f->undocumented != undocumented))
			continue;
		struct dtidy_report *r = dtidy_report(ctx, f->loc, "%s", f->message);
		if (f->prop)
			dtidy_report_subject(r, f->node, f->prop);
		else
			rule_report_subject_name(r, f->node, f->name && kind != SE_NODE_NAME
								     ? f->name
								     : NULL);
		if (f->scope.file)
			rule_report_scope(r, f->scope);
	}
	if (!ctx->memo)
		drop(F);
}
