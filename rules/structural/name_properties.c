/* name-is-string and name-properties (dtc errors): the obsolete "name"
 * property must be a string equal to the node's base name (dtc then drops
 * it as redundant). */
#include <string.h>

#include "dtc_util.h"

static void check_is_string(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		const struct dtidy_prop *p = dtidy_prop_get(n, "name");
		if (p && !prop_is_one_string(t, p))
			fail_prop(ctx, p, "\"name\" must be a string");
	}
}

static void check_matches(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		const struct dtidy_prop *p = dtidy_prop_get(n, "name");
		if (!p || !prop_is_one_string(t, p))
			continue;
		if (strcmp(prop_str(p), n->basename) != 0)
			fail_node(ctx, n, "\"name\" property is \"%s\", not the node's base name \"%s\"",
				  prop_str(p), n->basename);
	}
}

const struct dtidy_rule dtidy_rule_name_is_string = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "name-is-string",
	.family = "structural",
	.severity = DTIDY_SEV_ERROR,
	.description = "\"name\" property that is not a string",
	.help =
		"The legacy \"name\" property, when present, is a string.\n"
		"\n"
		"Bad:\n\tname = <1>;\nGood:\n\t(no name property: the node name says it)\n",
	.dtc_check = "name_is_string",
	.check = check_is_string,
};

const struct dtidy_rule dtidy_rule_name_properties = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "name-properties",
	.family = "structural",
	.severity = DTIDY_SEV_ERROR,
	.description = "\"name\" property that differs from the node name",
	.help =
		"The legacy \"name\" property must equal the node's base name; it is\n"
		"redundant anyway and best removed.\n"
		"\n"
		"Bad:\n\tnode@0 { name = \"other\"; };\nGood:\n\tnode@0 { };\n",
	.dtc_check = "name_properties",
	.check = check_matches,
};
