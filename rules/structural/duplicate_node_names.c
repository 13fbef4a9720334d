/* duplicate-node-names (dtc: duplicate_node_names, error)
 *
 * Two children of one node with the same name in a single body are two
 * nodes to dtc, which refuses the tree. Repeating a node in a *later* body
 * merges instead, so only same-body duplicates survive into the model. */
#include <stdlib.h>

#include "core/xalloc.h"
#include "dtc_util.h"
#include "name_sort.h"

static void report(const struct named *repeat, const struct named *first, void *ctx)
{
	const struct dtidy_node *a = first->item, *b = repeat->item;
	struct dtidy_report *r =
		fail_node(ctx, b, "duplicate node name '%s' in one node body", b->name);
	if (r)
		dtidy_report_related(r, dtidy_node_loc(a), "first defined here");
}

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	struct named *v = NULL;
	size_t cap = 0;
	FOREACH_CHECKED_NODE(n, t) {
		size_t k = 0;
		DTIDY_FOREACH_CHILD(c, n) {
			struct named e = {c->name, k, c};
			VEC_PUSH(v, k, cap, e);
		}
		named_each_repeat(v, k, report, ctx);
	}
	free(v);
}

const struct dtidy_rule dtidy_rule_duplicate_node_names = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "duplicate-node-names",
	.family = "structural",
	.severity = DTIDY_SEV_ERROR,
	.description = "two child nodes of the same name in one node body",
	.help =
		"Within one { } body every child node needs its own name: dtc refuses a\n"
		"tree where two siblings share one. (A node written again in a later body,\n"
		"or through &label { }, is merged instead and is fine.)\n"
		"\n"
		"Bad:\n"
		"\tuart@1000 { };\n"
		"\tuart@1000 { };\n"
		"Good:\n"
		"\tuart@1000 { };\n"
		"\tuart@2000 { };\n",
	.dtc_check = "duplicate_node_names",
	.check = check,
};
