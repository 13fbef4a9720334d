/* avoid-default-addr-size and avoid-unnecessary-addr-size (dtc warnings).
 *
 * A node with reg or ranges should not rely on its parent's default cell
 * counts (2 and 1 by the spec, which few parents mean); and a node that
 * declares #address-cells/#size-cells should need them: children with reg
 * or ranges, or ranges/dma-ranges of its own. */
#include "dtc_util.h"

static void check_default(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		if (!n->parent)
			continue;
		if (!dtidy_prop_get(n, "reg") && !dtidy_prop_get(n, "ranges"))
			continue;
		if (node_own_addr_cells(t, n->parent) < 0)
			fail_node(ctx, n, "relying on the default #address-cells of the parent");
		if (node_own_size_cells(t, n->parent) < 0)
			fail_node(ctx, n, "relying on the default #size-cells of the parent");
	}
}

static void check_unnecessary(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		if (!n->parent || node_own_addr_cells(t, n) < 0 || node_own_size_cells(t, n) < 0)
			continue;
		/* children since deleted count, as in dtc: the counts stayed
		 * when what used them went */
		if (dtidy_prop_get(n, "ranges") || dtidy_prop_get(n, "dma-ranges") ||
		    !node_has_children(n))
			continue;
		/* A child with reg is addressed with these counts; so is a
		 * child's ranges (its parent side), even when this node maps
		 * nothing upward (as dtc 1.8 judges). */
		int used = 0;
		DTIDY_FOREACH_CHILD(c, n)
			if (!node_is_omitted(t, c) &&
			    (dtidy_prop_get(c, "reg") || dtidy_prop_get(c, "ranges")))
				used = 1;
		if (!used)
			fail_node(ctx, n,
				  "#address-cells/#size-cells that nothing uses: no ranges or dma-ranges here, no reg or ranges in a child");
	}
}

const struct dtidy_rule dtidy_rule_avoid_default_addr_size = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "avoid-default-addr-size",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "reg/ranges whose parent has no #address-cells or #size-cells",
	.help =
		"A parent whose children have reg or ranges should say how many cells\n"
		"their addresses and sizes take; the defaults (2 and 1) are rarely meant.\n"
		"\n"
		"Bad:\n\tsoc { serial@1000 { reg = <0 0x1000 0x100>; }; };\n"
		"Good:\n\tsoc { #address-cells = <1>; #size-cells = <1>;\n"
		"\t\tserial@1000 { reg = <0x1000 0x100>; }; };\n",
	.dtc_check = "avoid_default_addr_size",
	.check = check_default,
};

const struct dtidy_rule dtidy_rule_avoid_unnecessary_addr_size = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "avoid-unnecessary-addr-size",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "#address-cells/#size-cells that nothing uses",
	.help =
		"Cell counts are for children's reg or ranges, or the node's own ranges\n"
		"or dma-ranges; without any of those they only mislead.\n"
		"\n"
		"Bad:\n\tleds { #address-cells = <1>; #size-cells = <0>; led-0 { }; };\n"
		"Good:\n\tleds { led-0 { }; };\n",
	.dtc_check = "avoid_unnecessary_addr_size",
	.level = 1,
	.check = check_unnecessary,
};
