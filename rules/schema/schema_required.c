/* schema-required (family "schema"): a property or child node that a binding requires is missing.
 * The tree is validated once for all the family's rules (findings.h). */
#include "findings.h"

static void check(struct dtidy_ctx *ctx)
{
	schema_report_kind(ctx, SE_REQUIRED, 0);
}

const struct dtidy_rule dtidy_rule_schema_required = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "schema-required",
	.family = "schema",
	.severity = DTIDY_SEV_WARNING,
	.description = "a property or child node that a binding requires is missing",
	.help =
		"A binding's `required:` list names the properties (and child nodes) every\n"
		"node it selects must have. The finding is at the node's header: where the\n"
		"node is defined, or the board's override that turned it on (status =\n"
		"\"okay\"), naming the property and the schema that requires it. Disabled\n"
		"nodes are not held to it, as dt-validate does not hold them: the boards\n"
		"that enable them complete them.\n"
		"\n"
		SCHEMA_RULE_RUNS_WHEN
		"\n"
		"Bad:\n"
		"\tserial@1000 { compatible = \"snps,dw-apb-uart\"; };    /* no reg */\n"
		"Good:\n"
		"\tserial@1000 { compatible = \"snps,dw-apb-uart\"; reg = <0x1000 0x100>; ... };\n",
	.options = schema_rule_options,
	.check = check,
};
