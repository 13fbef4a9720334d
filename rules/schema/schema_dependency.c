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
		"Runs when the binding documents (a kernel tree's Documentation/devicetree/\n"
		"bindings, Bindings/ beside src/, or --bindings DIR) and dt-schema's core\n"
		"schemas (--schemas DIR, $DTIDY_SCHEMAS, or an installed dt-schema) are both\n"
		"found; `dtidy rules schema-required` says whether they are, and where from.\n"
		"The checks are those of `make dtbs_check` (dt-schema's dt-validate, see\n"
		"https://github.com/devicetree-org/dt-schema and the kernel's\n"
		"Documentation/devicetree/bindings/writing-schema.rst), made on the source:\n"
		"each message names the schema ($id, relative to the bindings or dt-schema's\n"
		"schemas/ folder) so you can open it.\n"
		"\n"
		"Bad:\n"
		"\tdev { clock-names = \"core\"; };\n"
		"Good:\n"
		"\tdev { clocks = <&clk 1>; clock-names = \"core\"; };\n",
	.options = schema_rule_options,
	.check = check,
};
