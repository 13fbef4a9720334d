/* duplicate-property-names (dtc: duplicate_property_names, error)
 *
 * A property written twice in the same body (not overridden by a later
 * body, which replaces it) makes dtc refuse the tree. */
#include <stdlib.h>

#include "core/xalloc.h"
#include "dtc_util.h"
#include "name_sort.h"

static void report(const struct named *repeat, const struct named *first, void *ctx)
{
	const struct dtidy_prop *a = first->item, *b = repeat->item;
	struct dtidy_report *r = dtidy_report(ctx, dtidy_prop_loc(b),
		"property '%s' is set twice in one node body", b->name);
	if (r)
		dtidy_report_related(r, dtidy_prop_loc(a), "first set here");
	dtidy_report_subject(r, b->node, b);
}

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	struct named *v = NULL;
	size_t cap = 0;
	FOREACH_CHECKED_NODE(n, t) {
		size_t k = 0;
		DTIDY_FOREACH_PROP(p, n) {
			struct named e = {p->name, k, p};
			VEC_PUSH(v, k, cap, e);
		}
		named_each_repeat(v, k, report, ctx);
	}
	free(v);
}

const struct dtidy_rule dtidy_rule_duplicate_property_names = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "duplicate-property-names",
	.family = "structural",
	.severity = DTIDY_SEV_ERROR,
	.description = "a property set twice in one node body",
	.help =
		"A property may appear once in a { } body; dtc refuses a second one. To\n"
		"change a value, override it in a later body or with &label { }.\n"
		"\n"
		"Bad:\n"
		"\tclock-frequency = <100000>;\n"
		"\tclock-frequency = <400000>;\n"
		"Good:\n"
		"\tclock-frequency = <400000>;\n",
	.dtc_check = "duplicate_property_names",
	.check = check,
};
