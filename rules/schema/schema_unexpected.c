/* schema-unexpected (family "schema"): a property or child node that no schema for the node allows.
 * The tree is validated once for all the family's rules (findings.h). */
#include "findings.h"

static void check(struct dtidy_ctx *ctx)
{
	schema_report_kind(ctx, SE_UNEXPECTED, 0);
}

const struct dtidy_rule dtidy_rule_schema_unexpected = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "schema-unexpected",
	.family = "schema",
	.severity = DTIDY_SEV_WARNING,
	.description = "a property or child node that no schema for the node allows",
	.help =
		"A binding that ends with `additionalProperties: false` or\n"
		"`unevaluatedProperties: false` lists every property and child node the\n"
		"node may have (its own, and those of the schemas it $refs). Anything else\n"
		"is reported at the property, or at the child node's header.\n"
		"\n"
		SCHEMA_RULE_RUNS_WHEN
		"\n"
		"Bad:\n"
		"\tserial@1000 { compatible = \"snps,dw-apb-uart\"; acme,speed = <9600>; };\n"
		"Good:\n"
		"\tserial@1000 { compatible = \"snps,dw-apb-uart\"; current-speed = <9600>; };\n",
	.options = schema_rule_options,
	.check = check,
};
