/* ranges-format and dma-ranges-format (dtc warnings): entries of (parent
 * #address-cells + own #address-cells + own #size-cells) cells; an empty
 * value means identity mapping and needs equal cell counts. */
#include "dtc_util.h"

static void check_prop(struct dtidy_ctx *ctx, const char *name)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	char path[512];
	FOREACH_CHECKED_NODE(n, t) {
		const struct dtidy_prop *p = dtidy_prop_get(n, name);
		if (!p)
			continue;
		if (!n->parent) {
			fail_prop(ctx, p, "the root node has a \"%s\" property", name);
			continue;
		}
		int pac = node_addr_cells_or_default(t, n->parent);
		int psc = node_size_cells_or_default(t, n->parent);
		int cac = node_addr_cells_or_default(t, n);
		int csc = node_size_cells_or_default(t, n);
		size_t len = prop_len(t, p);
		size_t entry = (size_t)(pac + cac + csc) * 4;
		if (len == 0) {
			if (pac != cac)
				fail_prop(ctx, p, "empty \"%s\" but #address-cells (%d) differs from %s (%d)",
					  name, cac, node_path(n->parent, path, sizeof(path)), pac);
			if (psc != csc)
				fail_prop(ctx, p, "empty \"%s\" but #size-cells (%d) differs from %s (%d)",
					  name, csc, node_path(n->parent, path, sizeof(path)), psc);
		} else if (entry == 0 || len % entry != 0) {
			fail_prop(ctx, p,
				  "\"%s\" is %zu bytes, not a multiple of %zu (parent #address-cells = %d, #address-cells = %d, #size-cells = %d)",
				  name, len, entry, pac, cac, csc);
		}
	}
}

static void check_ranges(struct dtidy_ctx *ctx)
{
	check_prop(ctx, "ranges");
}

static void check_dma_ranges(struct dtidy_ctx *ctx)
{
	check_prop(ctx, "dma-ranges");
}

const struct dtidy_rule dtidy_rule_ranges_format = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "ranges-format",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "\"ranges\" length does not match the cell counts",
	.help =
		"Each \"ranges\" entry is: child address (own #address-cells), parent\n"
		"address (parent's #address-cells), size (own #size-cells). An empty\n"
		"ranges maps 1:1 and needs the same cell counts as the parent.\n"
		"\n"
		"Bad (all counts 1):\n\tranges = <0x0 0x10000000>;\n"
		"Good:\n\tranges = <0x0 0x10000000 0x100000>;\n",
	.dtc_check = "ranges_format",
	.check = check_ranges,
};

const struct dtidy_rule dtidy_rule_dma_ranges_format = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "dma-ranges-format",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "\"dma-ranges\" length does not match the cell counts",
	.help =
		"\"dma-ranges\" entries have the layout of \"ranges\": child address, parent\n"
		"address, size.\n"
		"\n"
		"Bad (all counts 1):\n\tdma-ranges = <0x0 0x80000000>;\n"
		"Good:\n\tdma-ranges = <0x0 0x80000000 0x40000000>;\n",
	.dtc_check = "dma_ranges_format",
	.check = check_dma_ranges,
};
