/* simple-bus-reg (dtc: simple_bus_reg, warning; kernel W=1): children of a
 * simple-bus have reg (or ranges) and a unit address equal to its first
 * address, in lower-case hex without leading zeros. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "dtc_util.h"

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHILD_OF_BUS(n, t, STAGE_SIMPLE, BUS_SIMPLE) {
		const struct dtidy_prop *p = dtidy_prop_get(n, "reg");
		size_t skip = 0;
		if (p) {
			if (prop_len(t, p) == 0)
				p = NULL;	/* an empty reg gives no address (dtc) */
		} else {
			p = dtidy_prop_get(n, "ranges");
			if (p && prop_len(t, p) == 0)
				p = NULL;
			skip = (size_t)node_addr_cells_or_default(t, n);	/* child address */
		}
		if (!p) {
			if (n->parent->parent && node_bus(t, n, STAGE_SIMPLE) != BUS_SIMPLE)
				fail_node(ctx, n, "child of a simple-bus with no address: reg and ranges are missing or empty");
			continue;
		}
		struct pval v;
		pval_get(t, p, &v);
		uint64_t addr = 0;
		int ac = node_addr_cells_or_default(t, n->parent);
		for (int i = 0; i < ac; i++)
			addr = (addr << 32) | pval_cell(&v, skip + (size_t)i);
		pval_free(&v);
		char want[24];
		snprintf(want, sizeof(want), "%" PRIx64, addr);
		if (strcmp(node_unit(n), want) != 0)
			fail_node(ctx, n, "simple-bus unit address should be \"%s\"", want);
	}
}

const struct dtidy_rule dtidy_rule_simple_bus_reg = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "simple-bus-reg",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "simple-bus child without reg, or unit address not matching it",
	.help =
		"Every child of a \"simple-bus\" is memory-mapped: it has reg (or ranges)\n"
		"and its unit address is the first address, in hex.\n"
		"\n"
		"Bad:\n\tserial@1000 { reg = <0x2000 0x100>; };\n"
		"Good:\n\tserial@2000 { reg = <0x2000 0x100>; };\n",
	.dtc_check = "simple_bus_reg",
	.level = 1,
	.check = check,
};
