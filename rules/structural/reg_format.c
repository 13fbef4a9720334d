/* reg-format (dtc: reg_format, warning): "reg" holds whole entries of
 * (#address-cells + #size-cells) cells of the parent, and is not on the
 * root. */
#include "dtc_util.h"

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		const struct dtidy_prop *p = dtidy_prop_get(n, "reg");
		if (!p)
			continue;
		if (!n->parent) {
			fail_node(ctx, n, "the root node has a \"reg\" property");
			continue;
		}
		size_t len = prop_len(t, p);
		if (len == 0)
			fail_prop(ctx, p, "\"reg\" is empty");
		int ac = node_addr_cells_or_default(t, n->parent);
		int sc = node_size_cells_or_default(t, n->parent);
		size_t entry = (size_t)(ac + sc) * 4;
		if (entry ? len % entry != 0 : len != 0)
			fail_prop(ctx, p,
				  "\"reg\" is %zu bytes, not a multiple of %zu (parent #address-cells = %d, #size-cells = %d)",
				  len, entry, ac, sc);
	}
}

const struct dtidy_rule dtidy_rule_reg_format = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "reg-format",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "\"reg\" length does not match the parent's cell counts",
	.help =
		"Each \"reg\" entry is the parent's #address-cells address cells followed by\n"
		"its #size-cells size cells (defaults 2 and 1).\n"
		"\n"
		"Bad (parent has #address-cells = <1>, #size-cells = <1>):\n"
		"\treg = <0x1000>;\n"
		"Good:\n"
		"\treg = <0x1000 0x100>;\n",
	.dtc_check = "reg_format",
	.check = check,
};
