/* unit-address-vs-reg (dtc: unit_address_vs_reg, warning; kernel W=1):
 * a node with reg (or non-empty ranges) has a unit address, and a node with
 * a unit address has one of them.
 *
 * Exception: a hypervisor node (see the hv-* family). Xen's binding and
 * Linux's early scan require the name "hypervisor" with no unit address even
 * though the node has "reg" (the grant table), so hv-node-name owns it. */
#include <string.h>

#include "dtc_util.h"

static int is_hypervisor_node(const struct dtidy_node *n)
{
	if (!n->parent || n->parent->parent || strcmp(n->name, "hypervisor") != 0)
		return 0;
	return dtidy_prop_get(n, "compatible") != NULL;
}

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		int overlay_fragment = 0;
		DTIDY_FOREACH_CHILD(c, n)
			if (strcmp(c->name, "__overlay__") == 0)
				overlay_fragment = 1;
		if (overlay_fragment)
			continue;
		const struct dtidy_prop *p = dtidy_prop_get(n, "reg");
		if (!p) {
			p = dtidy_prop_get(n, "ranges");
			if (p && prop_len(t, p) == 0)
				p = NULL;
		}
		const char *unit = node_unit(n);
		if (p && !unit[0]) {
			if (!is_hypervisor_node(n))
				fail_node(ctx, n, "node '%s' has %s but no unit address", n->name,
					  strcmp(p->name, "reg") == 0 ? "reg" : "ranges");
		} else if (!p && unit[0]) {
			fail_node(ctx, n, "node '%s' has a unit address but no reg or ranges",
				  n->name);
		}
	}
}

const struct dtidy_rule dtidy_rule_unit_address_vs_reg = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "unit-address-vs-reg",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "unit address without reg/ranges, or reg without unit address",
	.help =
		"The unit address after '@' is the first address of the node's \"reg\" (or\n"
		"\"ranges\"): a node has both or neither. Hypervisor nodes are the\n"
		"exception: Xen requires /hypervisor without a unit address (hv-node-name).\n"
		"\n"
		"Bad:\n\tserial { reg = <0x1000 0x100>; };\n"
		"Good:\n\tserial@1000 { reg = <0x1000 0x100>; };\n",
	.dtc_check = "unit_address_vs_reg",
	.level = 1,
	.check = check,
};
