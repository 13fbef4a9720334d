/* schema-undocumented-property (family "schema", opt-in): a property that
 * no schema gives a type. dt-validate has no such finding: it decodes such
 * a property as bytes and says nothing unless the node's schema forbids
 * what it does not list (schema-unexpected). This rule finds the vendor
 * properties no binding documents at all, whatever the node's schema. */
#include <string.h>

#include "schema/schema.h"
#include "findings.h"
#include "instance.h"

/* Nodes whose property names are not properties of a binding. */
static int free_form(const struct dtidy_node *n)
{
	return n->parent && !n->parent->parent &&
	       (!strcmp(n->name, "aliases") || !strcmp(n->name, "__symbols__") ||
		!strcmp(n->name, "__overrides__"));
}

static void check(struct dtidy_ctx *ctx)
{
	const struct schema_set *set = schema_ctx_set(ctx);
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	if (!set || !t)
		return;
	DTIDY_FOREACH_NODE(n, t) {
		if (free_form(n) || !strncmp(n->name, "__", 2))
			continue;
		DTIDY_FOREACH_PROP(p, n) {
			struct schema_ptype pt;
			if (!p->nlocs || sinst_prop_dropped(n, p) ||
			    schema_prop_types(set, p->name, &pt, 1))
				continue;	/* made by dtc (phandle), left out by it, or typed */
			dtidy_report_prop(ctx, n, p,
					  "no schema documents property '%s' (no binding, nor "
					  "dt-schema's core schemas, gives it a type)", p->name);
		}
	}
}

const struct dtidy_rule dtidy_rule_schema_undocumented_property = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "schema-undocumented-property",
	.family = "schema",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN,
	.description = "a property that no schema documents (no binding gives it a type)",
	.help =
		"Every property should be documented by a binding or by dt-schema's core\n"
		"schemas, which give it a type (types.yaml). dt-validate says nothing of a\n"
		"property nothing types unless the node's own schema forbids it\n"
		"(schema-unexpected); this rule lists them all, for a new board or driver.\n"
		"Off by default (dtidy check --enable schema-undocumented-property).\n"
		"\n"
		"Bad:\n\tacme,turbo-mode;   /* no binding mentions it */\n"
		"Good:\n\t/* the property documented in the device's binding first */\n",
	.options = schema_rule_options,
	.check = check,
};
