/* schema-node-name (family "schema"): a node name that its binding does not allow ($nodename).
 * The tree is validated once for all the family's rules (findings.h). */
#include "findings.h"

static void check(struct dtidy_ctx *ctx)
{
	schema_report_kind(ctx, SE_NODE_NAME, 0);
}

const struct dtidy_rule dtidy_rule_schema_node_name = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "schema-node-name",
	.family = "schema",
	.severity = DTIDY_SEV_WARNING,
	.description = "a node name that its binding does not allow ($nodename)",
	.help =
		"Bindings constrain node names with `$nodename` (generic names such as\n"
		"serial@..., i2c@..., the core schemas' /cpus, /memory@..., OPP tables).\n"
		"Reported at the node's header.\n"
		"\n"
		SCHEMA_RULE_RUNS_WHEN
		"\n"
		"Bad:\n"
		"\tuart@1000 { compatible = \"acme,i2c\"; };    /* the binding wants i2c@... */\n"
		"Good:\n"
		"\ti2c@1000 { compatible = \"acme,i2c\"; };\n",
	.options = schema_rule_options,
	.check = check,
};
