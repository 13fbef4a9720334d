/* schema-undocumented-property (family "schema"): a property with a value
 * that no schema gives a type. dt-validate cannot decode it, keeps its
 * bytes, and dt-core.yaml's type check rejects them ("b'...' is not of
 * type 'object', 'integer', 'array', 'boolean', 'null'"), whatever the
 * node's own schema allows. An empty property (a flag) it decodes as true,
 * which every type check accepts: it is not reported either. */
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

/* No bytes in the DTB: `flag;`, `p = <>;`, `p = [];` */
static int empty(const struct dtidy_prop *p)
{
	for (size_t i = 0; i < p->nchunks; i++)
		if (p->chunks[i].n || p->chunks[i].kind == DTIDY_CHUNK_STRING ||
		    p->chunks[i].kind == DTIDY_CHUNK_PATH)
			return 0;
	return 1;
}

static void check(struct dtidy_ctx *ctx)
{
	const struct schema_set *set = schema_ctx_set(ctx);
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	if (!set || !t || !schema_tree_validated(t))
		return;
	DTIDY_FOREACH_NODE(n, t) {
		if (free_form(n) || !strncmp(n->name, "__", 2))
			continue;
		DTIDY_FOREACH_PROP(p, n) {
			struct schema_ptype pt;
			if (!p->nlocs || sinst_prop_dropped(n, p) || empty(p) ||
			    schema_prop_types(set, p->name, &pt, 1))
				continue;	/* made by dtc (phandle), left out by it, a flag, or typed */
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
	.description = "a property that no schema documents (no binding gives it a type)",
	.help =
		"Every property should be documented by a binding or by dt-schema's core\n"
		"schemas, which give it a type (types.yaml). `make dtbs_check` cannot\n"
		"decode a value nothing types and rejects it (dt-validate: \"b'...' is not\n"
		"of type 'object', 'integer', 'array', 'boolean', 'null'\"), whatever the\n"
		"node's own schema allows. An empty property (a flag) is decoded as true\n"
		"and accepted, so it is not reported either.\n"
		"\n"
		"Bad:\n\tacme,turbo-mode = <1>;   /* no binding mentions it */\n"
		"Good:\n\t/* the property documented in the device's binding first */\n",
	.options = schema_rule_options,
	.check = check,
};
