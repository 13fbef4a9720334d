/* unique-unit-address (dtc warning; kernel W=2) and
 * unique-unit-address-if-enabled (kernel W=1): siblings under a node with
 * cell counts should not share a unit address — two devices at one
 * address — counting only enabled nodes for the second rule (boards often
 * describe alternatives and enable one). */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "dtc_util.h"
#include "name_sort.h"

static void check_common(struct dtidy_ctx *ctx, int enabled_only)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	char path[512];
	struct named *v = NULL;
	size_t cap = 0;
	FOREACH_CHECKED_NODE(n, t) {
		if (node_own_addr_cells(t, n) < 0 || node_own_size_cells(t, n) < 0)
			continue;
		size_t k = 0;
		DTIDY_FOREACH_CHILD(c, n) {
			if (!node_unit(c)[0] || (enabled_only && node_is_disabled(c)))
				continue;
			struct named e = {node_unit(c), k, c};
			VEC_PUSH(v, k, cap, e);
		}
		named_sort(v, k);
		/* dtc reports every earlier sibling against each later one */
		for (size_t i = 0; i < k;) {
			size_t j = i + 1;
			while (j < k && strcmp(v[j].name, v[i].name) == 0)
				j++;
			for (size_t a = i; a < j; a++)
				for (size_t b = i; b < a; b++) {
					const struct dtidy_node *na = v[a].item, *nb = v[b].item;
					struct dtidy_report *r = fail_node(ctx, nb,
						"unit address %s is also used by %s", v[a].name,
						node_path(na, path, sizeof(path)));
					if (r)
						dtidy_report_related(r, dtidy_node_loc(na), "also used here");
				}
			i = j;
		}
	}
	free(v);
}

static void check_all(struct dtidy_ctx *ctx)
{
	check_common(ctx, 0);
}

static void check_enabled(struct dtidy_ctx *ctx)
{
	check_common(ctx, 1);
}

const struct dtidy_rule dtidy_rule_unique_unit_address = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "unique-unit-address",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "two sibling nodes with the same unit address",
	.help =
		"Two devices at one address on one bus is usually a mistake.\n"
		"\n"
		"Bad:\n\tserial@1000 { };\n\tspi@1000 { };\n"
		"Good:\n\tserial@1000 { };\n\tspi@2000 { };\n",
	.dtc_check = "unique_unit_address",
	.level = 2,
	.check = check_all,
};

const struct dtidy_rule dtidy_rule_unique_unit_address_if_enabled = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "unique-unit-address-if-enabled",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "two enabled sibling nodes with the same unit address",
	.help =
		"As unique-unit-address, but nodes with status = \"disabled\" are ignored,\n"
		"so alternative descriptions of one device may coexist.\n"
		"\n"
		"Bad:\n\tserial@1000 { };\n\tspi@1000 { };\n"
		"Good:\n\tserial@1000 { };\n\tspi@1000 { status = \"disabled\"; };\n",
	.dtc_check = "unique_unit_address_if_enabled",
	.level = 1,
	.check = check_enabled,
};
