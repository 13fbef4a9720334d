/* The functions of include/dtidy/rule.h that rules call. */
#include "context.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/regex.h"
#include "../core/xalloc.h"

const struct dtidy_tree *dtidy_ctx_tree(const struct dtidy_ctx *ctx)
{
	return ctx->tree;
}

const struct dtidy_rule *dtidy_ctx_rule(const struct dtidy_ctx *ctx)
{
	return ctx->rule;
}

const struct rule_source *rule_ctx_source(const struct dtidy_ctx *ctx)
{
	return ctx->source;
}

int rule_ctx_wants_fixes(const struct dtidy_ctx *ctx)
{
	return !ctx->no_fixes;
}

const char *dtidy_ctx_path(const struct dtidy_ctx *ctx)
{
	return ctx->path;
}

const char *dtidy_ctx_option(const struct dtidy_ctx *ctx, const char *name)
{
	const char *val = NULL;
	if (ctx->no_bindings && !strcmp(name, "bindings"))
		return "";
	for (size_t i = 0; i < ctx->state->nopts; i++) {
		const struct config_setting *s = ctx->state->opts[i];
		for (size_t j = 0; j < s->nopts; j++)
			if (!strcmp(s->keys[j], name))
				val = s->vals[j];	/* later settings win */
	}
	if (!val && ctx->bindings && !strcmp(name, "bindings"))
		val = ctx->bindings;
	if (!val && ctx->schemas && !strcmp(name, "schemas"))
		val = ctx->schemas;
	return val;
}

long dtidy_ctx_option_int(const struct dtidy_ctx *ctx, const char *name, long def)
{
	const char *s = dtidy_ctx_option(ctx, name);
	if (!s || !*s)
		return def;
	char *end;
	long v = strtol(s, &end, 0);
	return *end ? def : v;
}

int dtidy_match(const char *pattern, const char *subject)
{
	return rx_match(pattern, subject, strlen(subject), NULL) == 1;
}

enum { REPORT_BLOCK = 32 };

struct report_block {
	struct report_block *next;
	size_t used;
	struct dtidy_report r[REPORT_BLOCK];
};

/* A zeroed report in l's blocks: its address stays (rules keep it to add
 * a fix) until report_list_free. */
static struct dtidy_report *report_new(struct report_list *l)
{
	struct report_block *b = l->blocks;
	if (!b || b->used == REPORT_BLOCK) {
		b = xmalloc(sizeof(*b));
		b->next = l->blocks;
		b->used = 0;
		l->blocks = b;
	}
	struct dtidy_report *r = &b->r[b->used++];
	memset(r, 0, sizeof(*r));
	return r;
}

static struct dtidy_report *vreport(struct dtidy_ctx *ctx, int sev, struct dtidy_loc loc,
				    const char *fmt, va_list ap)
{
	struct dtidy_report *r = report_new(ctx->out);
	r->rule = ctx->rule;
	r->severity = ctx->state->forced || sev <= DTIDY_SEV_OFF || sev > DTIDY_SEV_ERROR
			      ? ctx->state->severity
			      : sev;
	r->loc = loc;
	r->message = xvformat(fmt, ap);
	VEC_PUSH(ctx->out->v, ctx->out->n, ctx->out->cap, r);
	return r;
}

struct dtidy_report *dtidy_report(struct dtidy_ctx *ctx, struct dtidy_loc loc,
				  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct dtidy_report *r = vreport(ctx, ctx->state->severity, loc, fmt, ap);
	va_end(ap);
	return r;
}

struct dtidy_report *dtidy_report_sev(struct dtidy_ctx *ctx, enum dtidy_severity sev,
				      struct dtidy_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct dtidy_report *r = vreport(ctx, (int)sev, loc, fmt, ap);
	va_end(ap);
	return r;
}

void dtidy_report_subject(struct dtidy_report *r, const struct dtidy_node *node,
			  const struct dtidy_prop *prop)
{
	if (!r)
		return;
	r->node = node ? node : prop ? prop->node : NULL;
	r->prop = r->node ? prop : NULL;
	free(r->prop_name);
	r->prop_name = NULL;
}

void rule_report_subject_name(struct dtidy_report *r, const struct dtidy_node *node,
			      const char *name)
{
	dtidy_report_subject(r, node, NULL);
	if (r && r->node && name)
		r->prop_name = xstrdup(name);
}

struct dtidy_report *dtidy_report_node(struct dtidy_ctx *ctx, const struct dtidy_node *node,
				       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct dtidy_report *r = vreport(ctx, ctx->state->severity, dtidy_node_loc(node), fmt, ap);
	va_end(ap);
	dtidy_report_subject(r, node, NULL);
	return r;
}

struct dtidy_report *dtidy_report_prop(struct dtidy_ctx *ctx, const struct dtidy_node *node,
				       const struct dtidy_prop *prop, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct dtidy_report *r = vreport(ctx, ctx->state->severity, dtidy_prop_loc(prop), fmt, ap);
	va_end(ap);
	dtidy_report_subject(r, node, prop);
	return r;
}

void dtidy_report_related(struct dtidy_report *r, struct dtidy_loc loc, const char *msg)
{
	free(r->rel_message);
	r->rel = loc;
	r->rel_message = xstrdup(msg);
}

void dtidy_report_fix(struct dtidy_report *r, struct dtidy_loc loc, const char *text)
{
	r->edits = xrealloc(r->edits, (r->nedits + 1) * sizeof(*r->edits));
	r->edits[r->nedits].loc = loc;
	r->edits[r->nedits].text = xstrdup(text);
	r->nedits++;
}

void report_list_free(struct report_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct dtidy_report *r = l->v[i];
		free(r->message);
		free(r->rel_message);
		free(r->prop_name);
		for (size_t j = 0; j < r->nedits; j++)
			free(r->edits[j].text);
		free(r->edits);
	}
	while (l->blocks) {
		struct report_block *next = l->blocks->next;
		free(l->blocks);
		l->blocks = next;
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void rule_report_scope(struct dtidy_report *r, struct dtidy_loc scope)
{
	r->scope = scope;
}

void *rule_ctx_shared(struct dtidy_ctx *ctx, const char *key, void *(*make)(struct dtidy_ctx *),
		      void (*drop)(void *))
{
	if (!ctx->memo)
		return make(ctx);
	for (struct rule_memo *m = *ctx->memo; m; m = m->next)
		if (!strcmp(m->key, key))
			return m->value;
	struct rule_memo *m = xcalloc(1, sizeof(*m));
	m->key = key;
	m->value = make(ctx);
	m->drop = drop;
	m->next = *ctx->memo;
	*ctx->memo = m;
	return m->value;
}

void rule_memo_free(struct rule_memo *m)
{
	while (m) {
		struct rule_memo *next = m->next;
		if (m->drop)
			m->drop(m->value);
		free(m);
		m = next;
	}
}

void rule_add_diags(struct dtidy_ctx *ctx, const struct diag_list *l)
{
	if (ctx->extra && l)
		diag_list_copy(ctx->extra, l);
}
