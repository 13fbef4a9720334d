/* node-name-vs-property-name (dtc: node_name_vs_property_name, warning):
 * a child node and a property of its parent share a name, which makes
 * paths like /soc/foo ambiguous for tools that mix the two. */
#include "dtc_util.h"

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		if (n->parent && dtidy_prop_get(n->parent, n->name))
			fail_node(ctx, n, "node '%s' has the name of a property of its parent",
				  n->name);
	}
}

const struct dtidy_rule dtidy_rule_node_name_vs_property_name = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "node-name-vs-property-name",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "child node named like a property of its parent",
	.help =
		"A node and a property of the same parent should not share a name.\n"
		"\n"
		"Bad:\n\tleds = <1>;\n\tleds { };\nGood:\n\tled-count = <1>;\n\tleds { };\n",
	.dtc_check = "node_name_vs_property_name",
	.check = check,
};
