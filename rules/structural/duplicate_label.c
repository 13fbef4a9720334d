/* duplicate-label (dtc: duplicate_label, error): a label names one thing —
 * a node, a property or a place in a value — across the whole tree. */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "dtc_util.h"

struct seen {
	const char *label;
	const struct dtidy_node *node;
	const struct dtidy_prop *prop;	/* NULL for a node label */
	const void *where;		/* node, prop or value chunk: identity */
	struct dtidy_loc loc;
};

struct table {
	struct seen *v;
	size_t n, cap;
};

static void see(struct dtidy_ctx *ctx, struct table *tb, const char *label,
		const struct dtidy_node *node, const struct dtidy_prop *prop,
		const void *where, struct dtidy_loc loc)
{
	char a[512], b[512];
	for (size_t i = 0; i < tb->n; i++) {
		const struct seen *s = &tb->v[i];
		if (strcmp(s->label, label) != 0)
			continue;
		if (s->where == where)
			return;	/* the same label merged twice onto one thing */
		struct dtidy_report *r = dtidy_report(ctx, loc,
			"label '%s' is used twice: on %s%s%s and on %s%s%s", label,
			prop ? prop->name : "", prop ? " in " : "", node_path(node, a, sizeof(a)),
			s->prop ? s->prop->name : "", s->prop ? " in " : "",
			node_path(s->node, b, sizeof(b)));
		if (r)
			dtidy_report_related(r, s->loc, "first used here");
		return;
	}
	struct seen s = {label, node, prop, where, loc};
	VEC_PUSH(tb->v, tb->n, tb->cap, s);
}

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	struct table tb = {0};
	FOREACH_CHECKED_NODE(n, t) {
		for (size_t i = 0; i < n->nlabels; i++)
			see(ctx, &tb, n->labels[i], n, NULL, n, dtidy_node_loc(n));
		DTIDY_FOREACH_PROP(p, n) {
			for (size_t i = 0; i < p->nlabels; i++)
				see(ctx, &tb, p->labels[i], n, p, p, dtidy_prop_loc(p));
		}
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
