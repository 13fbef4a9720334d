/* child-address-order: sibling nodes with unit addresses in ascending
 * address order. */
#include "../context.h"
#include "style.h"

static struct dtidy_report *say(const struct style_file *sf, const struct cst *item,
				const struct cst *prev, void *ud)
{
	(void)prev;
	(void)ud;
	size_t n = 0;
	const char *u = style_unit_of(sf, item, &n);
	uint32_t off = sf->toks[item->tok].off;
	return style_report(sf, off, off + sf->toks[item->tok].len,
			    "child node @%.*s out of address order", (int)n, u);
}

static void check(struct dtidy_ctx *ctx)
{
	style_check_group_order(ctx, SG_ADDRESS, say);
}

const struct dtidy_rule dtidy_rule_child_address_order = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "child-address-order",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | DTIDY_RULE_FIXABLE | RULE_READS_SOURCE,
	.description = "sibling nodes with unit addresses not in ascending address order",
	.help = "Child nodes with a unit address come in ascending order of it, each\n"
		"comma-separated part compared as a hexadecimal number\n"
		"(dts-coding-style.rst, \"Order of Nodes\"; dt-check-style's\n"
		"child-address-order). Nodes without an address, and addresses that\n"
		"are not hexadecimal (macros), are not part of it; nor are the root\n"
		"node's children, which go by name (child-name-order, 7.4 cycle). Nodes in different\n"
		"branches of an #if / #else are alternatives and are not compared.\n"
		"--fix sorts the nodes (with the comments just above them), unless the\n"
		"body has preprocessor lines, deletions or a node written twice; the\n"
		"result is re-parsed and must mean the same.\n"
		"\n"
		"Bad:\n"
		"\tsoc {\n"
		"\t\tserial@2000 { };\n"
		"\n"
		"\t\tserial@1000 { };\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\tsoc {\n"
		"\t\tserial@1000 { };\n"
		"\n"
		"\t\tserial@2000 { };\n"
		"\t};\n",
	.check = check,
};
