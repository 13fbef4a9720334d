/* An out-of-tree dtidy rule: node names longer than the Devicetree
 * specification allows (31 characters before the unit address, §2.2.1).
 * Built against include/dtidy/ only; see Makefile and README. */
#include <string.h>

#include <dtidy/rule.h>

static void check(struct dtidy_ctx *ctx)
{
	long max = dtidy_ctx_option_int(ctx, "max", 31);
	DTIDY_FOREACH_NODE(n, dtidy_ctx_tree(ctx))
	{
		size_t len = strlen(n->basename);
		/* at the node's name, with the node as the finding's subject */
		if (n->parent && (long)len > max && n->nlocs)
			dtidy_report_node(ctx, n, "node name '%s' is %zu characters long (at most %ld)",
					  n->basename, len, max);
	}
}

static const char *const options[] = {"max", NULL};

static const struct dtidy_rule long_names = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "example-long-node-name",
	.family = "example",
	.severity = DTIDY_SEV_WARNING,
	.description = "a node name longer than 31 characters",
	.help = "The Devicetree specification (2.2.1) limits a node name to 31 characters\n"
		"before the unit address. Option: max (default 31).\n"
		"\n"
		"Bad:\n"
		"\tthis-node-name-is-far-too-long-to-be-valid@0 { };\n"
		"\n"
		"Good:\n"
		"\tserial@0 { };\n",
	.options = options,
	.check = check,
};

const struct dtidy_rule *const dtidy_plugin_rules[] = {&long_names, NULL};
