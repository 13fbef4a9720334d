/* node-name-format (dtc: node_name_format, error): one '@' at most. */
#include <string.h>

#include "dtc_util.h"

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		if (strchr(node_unit(n), '@'))
			fail_node(ctx, n, "more than one '@' in node name '%s'", n->name);
	}
}

const struct dtidy_rule dtidy_rule_node_name_format = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "node-name-format",
	.family = "structural",
	.severity = DTIDY_SEV_ERROR,
	.description = "node name with more than one '@'",
	.help =
		"A node name is name@unit-address with a single '@'.\n"
		"\n"
		"Bad:\n\tserial@1000@0 { };\nGood:\n\tserial@1000 { };\n",
	.dtc_check = "node_name_format",
	.check = check,
};
