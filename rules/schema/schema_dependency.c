/* schema-dependency (family "schema"): a property present without the properties its binding says go with it.
 * The tree is validated once for all the family's rules (findings.h). */
#include "findings.h"

static void check(struct dtidy_ctx *ctx)
{
	schema_report_kind(ctx, SE_DEPENDENCY, 0);
}

const struct dtidy_rule dtidy_rule_schema_dependency = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "schema-dependency",
	.family = "schema",
	.severity = DTIDY_SEV_WARNING,
	.description = "a property present without the properties its binding says go with it",
	.help =
		"dependentRequired, dependentSchemas and dependencies: \"if this property\n"
		"is there, that one must be too\" (clock-names with clocks, #size-cells with\n"
		"#address-cells). Reported at the property that needs the other.\n"
		"\n"
		SCHEMA_RULE_RUNS_WHEN
		"\n"
		"Bad:\n"
		"\tdev { clock-names = \"core\"; };\n"
		"Good:\n"
		"\tdev { clocks = <&clk 1>; clock-names = \"core\"; };\n",
	.options = schema_rule_options,
	.check = check,
};
