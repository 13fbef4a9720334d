/* duplicate-label (dtc: duplicate_label, error): a label names one thing —
 * a node, a property or a place in a value — across the whole tree. */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "dtc_util.h"

/* Labels are collected with the thing they name, then sorted: equal
 * labels become adjacent, and the first of a run is the first written. */
struct seen {
	const char *label;
	const struct dtidy_node *node;
	const struct dtidy_prop *prop;	/* NULL for a node label */
	int in_value;			/* a label inside prop's value */
	const void *where;		/* node, prop or value label: identity */
	struct dtidy_loc loc;
	size_t pos;
};

struct table {
	struct seen *v;
	size_t n, cap;
};

static void see(struct table *tb, const char *label, const struct dtidy_node *node,
		const struct dtidy_prop *prop, int in_value, const void *where,
		struct dtidy_loc loc)
{
	struct seen s = {label, node, prop, in_value, where, loc, tb->n};
	VEC_PUSH(tb->v, tb->n, tb->cap, s);
}

static int by_label(const void *x, const void *y)
{
	const struct seen *a = x, *b = y;
	int c = strcmp(a->label, b->label);
	return c ? c : a->pos < b->pos ? -1 : a->pos > b->pos;
}

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	struct table tb = {0};
	FOREACH_CHECKED_NODE(n, t) {
		for (size_t i = 0; i < n->nlabels; i++)
			see(&tb, n->labels[i], n, NULL, 0, n, dtidy_node_loc(n));
		DTIDY_FOREACH_PROP(p, n) {
			for (size_t i = 0; i < p->nlabels; i++)
				see(&tb, p->labels[i], n, p, 0, p, dtidy_prop_loc(p));
			for (size_t i = 0; i < p->nvlabels; i++)
				see(&tb, p->vlabels[i].name, n, p, 1, &p->vlabels[i],
				    p->vlabels[i].loc);
		}
	}
	if (tb.n > 1)
		qsort(tb.v, tb.n, sizeof(*tb.v), by_label);
	char a[512], b[512];
	for (size_t i = 1, first = 0; i < tb.n; i++) {
		if (strcmp(tb.v[i].label, tb.v[first].label) != 0) {
			first = i;
			continue;
		}
		const struct seen *s = &tb.v[first], *o = &tb.v[i];
		if (s->where == o->where)
			continue;	/* the same label merged twice onto one thing */
		struct dtidy_report *r = dtidy_report(ctx, o->loc,
			"label '%s' is used twice: on %s%s%s%s and on %s%s%s%s", o->label,
			o->in_value ? "the value of " : "", o->prop ? o->prop->name : "",
			o->prop ? " in " : "", node_path(o->node, a, sizeof(a)),
			s->in_value ? "the value of " : "", s->prop ? s->prop->name : "",
			s->prop ? " in " : "", node_path(s->node, b, sizeof(b)));
		if (r)
			dtidy_report_related(r, s->loc, "first used here");
		dtidy_report_subject(r, o->node, o->prop);
	}
	free(tb.v);
}

const struct dtidy_rule dtidy_rule_duplicate_label = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "duplicate-label",
	.family = "structural",
	.severity = DTIDY_SEV_ERROR,
	.description = "one label on two different nodes or properties",
	.help =
		"A label must name exactly one node, property or value position in the\n"
		"merged tree; dtc refuses a label defined twice.\n"
		"\n"
		"Bad:\n\tuart0: serial@1000 { };\n\tuart0: serial@2000 { };\n"
		"Good:\n\tuart0: serial@1000 { };\n\tuart1: serial@2000 { };\n",
	.dtc_check = "duplicate_label",
	.check = check,
};
