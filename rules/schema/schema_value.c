/* schema-value (family "schema"): a value that its binding does not allow (type, count, enum, pattern, range).
 * The tree is validated once for all the family's rules (findings.h). */
#include "findings.h"

static void check(struct dtidy_ctx *ctx)
{
	schema_report_kind(ctx, SE_VALUE, 0);
}

const struct dtidy_rule dtidy_rule_schema_value = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "schema-value",
	.family = "schema",
	.severity = DTIDY_SEV_WARNING,
	.description = "a value that its binding does not allow (type, count, enum, pattern, range)",
	.help =
		"The binding's keywords about a value: its type (types.yaml), its number of\n"
		"entries (minItems/maxItems, and the rows of a phandle-array cut by the\n"
		"provider's #*-cells, of reg by #address-cells and #size-cells), the values\n"
		"allowed (enum, const, pattern), the range (minimum, maximum). Reported at\n"
		"the property, or at the entry (a cell, a row, a string) that is wrong,\n"
		"which the message names as dt-validate does (\"clocks:1: ...\").\n"
		"\n"
		SCHEMA_RULE_RUNS_WHEN
		"\n"
		"Bad:\n"
		"\tserial@1000 { compatible = \"snps,dw-apb-uart\"; reg-shift = <7>; };\n"
		"Good:\n"
		"\tserial@1000 { compatible = \"snps,dw-apb-uart\"; reg-shift = <2>; };\n",
	.options = schema_rule_options,
	.check = check,
};
