/* schema-undocumented-property (family "schema"): a property that no
 * schema gives a type. dt-validate cannot decode such a property from the
 * DTB and leaves its bytes as they are, which dt-core.yaml's catch-all for
 * every property name rejects ("b'...' is not of type 'object', 'integer',
 * 'array', 'boolean', 'null'"): that finding, told for what it is. */
#include "findings.h"

static void check(struct dtidy_ctx *ctx)
{
	schema_report_kind(ctx, SE_VALUE, 1);
}

const struct dtidy_rule dtidy_rule_schema_undocumented_property = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "schema-undocumented-property",
	.family = "schema",
	.severity = DTIDY_SEV_WARNING,
	.description = "a property that no schema documents (no binding gives it a type)",
	.help =
		"Every property must be documented by a binding or by dt-schema's core\n"
		"schemas, which give it a type (types.yaml). One that none types cannot be\n"
		"decoded from the DTB: dt-validate leaves its bytes as they are and\n"
		"dt-core.yaml rejects them (\"b'...' is not of type 'object', 'integer',\n"
		"'array', 'boolean', 'null'\"). Reported at the property: document it in the\n"
		"device's binding, or use the documented name. An empty property (a flag)\n"
		"is decoded as true, which every type accepts: it is not reported.\n"
		"\n"
		"Bad:\n\tacme,turbo-mode = <1>;   /* no binding mentions it */\n"
		"Good:\n\t/* the property documented in the device's binding first */\n",
	.options = schema_rule_options,
	.check = check,
};
