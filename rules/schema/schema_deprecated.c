/* schema-deprecated (family "schema"): a property or compatible that its binding marks deprecated.
 * The tree is validated once for all the family's rules (findings.h). */
#include "findings.h"

static void check(struct dtidy_ctx *ctx)
{
	schema_report_kind(ctx, SE_DEPRECATED, 0);
}

const struct dtidy_rule dtidy_rule_schema_deprecated = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "schema-deprecated",
	.family = "schema",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN,	/* dt-validate does not report it */
	.description = "a property or compatible that its binding marks deprecated",
	.help =
		"A schema marks a property (or a compatible string, or a whole binding)\n"
		"`deprecated: true` when a newer form replaces it. Reported at the\n"
		"property; the binding's description says what to use instead. dt-validate\n"
		"says nothing of it (JSON Schema's `deprecated` is an annotation), so the\n"
		"rule is off by default: dtidy check --enable schema-deprecated.\n"
		"\n"
		SCHEMA_RULE_RUNS_WHEN
		"\n"
		"Bad:\n"
		"\tgpio-key { gpios = <&gpio 1 0>; linux,code = <28>; debounce_interval = <5>; };\n"
		"Good:\n"
		"\tgpio-key { gpios = <&gpio 1 0>; linux,code = <28>; debounce-interval = <5>; };\n",
	.options = schema_rule_options,
	.check = check,
};
