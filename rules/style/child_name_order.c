/* child-name-order: sibling nodes without unit addresses in natural name
 * order. */
#include "../context.h"
#include "style.h"

static struct dtidy_report *say(const struct style_file *sf, const struct cst *item,
				const struct cst *prev, void *ud)
{
	(void)ud;
	size_t n, pn;
	const char *name = style_node_name(sf, item, &n);
	const char *pname = style_node_name(sf, prev, &pn);
	uint32_t off = sf->toks[item->tok].off;
	return style_report(sf, off, off + (uint32_t)n,
			    "child node '%.*s' out of name order (should sort before '%.*s')", (int)n,
			    name, (int)pn, pname);
}

static void check(struct dtidy_ctx *ctx)
{
	style_check_group_order(ctx, SG_NAME, say);
}

const struct dtidy_rule dtidy_rule_child_name_order = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "child-name-order",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | DTIDY_RULE_FIXABLE | RULE_READS_SOURCE,
	.description = "sibling nodes without unit addresses not in natural name order",
	.help = "Child nodes without a unit address come in natural order of their\n"
		"names, digit runs compared as numbers, so led-2 comes before led-10\n"
		"(dts-coding-style.rst, \"Order of Nodes\"; dt-check-style's\n"
		"child-name-order). This holds inside &label { } overrides too.\n"
		"Nodes with addresses are child-address-order's, except the root\n"
		"node's children: they all go by name, the unit address left out\n"
		"(memory@80000000 sorts as memory; 7.4 cycle). Nodes in different\n"
		"branches of an #if / #else are not compared. --fix sorts them, as\n"
		"child-address-order does.\n"
		"\n"
		"Bad:\n"
		"\tleds {\n"
		"\t\tled-10 { };\n"
		"\n"
		"\t\tled-2 { };\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\tleds {\n"
		"\t\tled-2 { };\n"
		"\n"
		"\t\tled-10 { };\n"
		"\t};\n",
	.check = check,
};
