/* property-order: the kernel's canonical order of properties in a node. */
#include "../context.h"
#include "style.h"

static const char *name_of(const struct style_file *sf, const struct cst *c, size_t *n)
{
	*n = sf->toks[c->tok].len;
	return sf->text + sf->toks[c->tok].off;
}

static struct dtidy_report *say(const struct style_file *sf, const struct cst *item,
				const struct cst *prev, void *ud)
{
	(void)ud;
	size_t n, pn;
	const char *name = name_of(sf, item, &n), *pname = name_of(sf, prev, &pn);
	uint32_t off = sf->toks[item->tok].off;
	return style_report(sf, off, off + (uint32_t)n,
			    "property '%.*s' out of canonical order (should sort before '%.*s')",
			    (int)n, name, (int)pn, pname);
}

static void check(struct dtidy_ctx *ctx)
{
	style_check_group_order(ctx, SG_PROPS, say);
}

const struct dtidy_rule dtidy_rule_property_order = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "property-order",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | DTIDY_RULE_FIXABLE | RULE_READS_SOURCE,
	.description = "properties not in the kernel's canonical order",
	.help = "Properties of a node come in this order (dts-coding-style.rst, \"Order\n"
		"of Properties in Device Node\"; dt-check-style's property-order):\n"
		"device_type (in the root node: model; 7.4 cycle), compatible, reg,\n"
		"reg-names, ranges, then standard\n"
		"properties, then vendor-specific ones (a ',' in the name), then status.\n"
		"Inside the standard and vendor groups names sort naturally, ignoring a\n"
		"leading '#'; <x>-names comes right after <x>s or <x> (clock-names after\n"
		"clocks), and pinctrl-names after the last pinctrl-N. Each property is\n"
		"compared with the one before it, not across #if / #else branches.\n"
		"--fix sorts the properties of the node (with the comments just above\n"
		"them), unless one is set twice, one is deleted, or the node holds\n"
		"preprocessor lines or macros; the result is re-parsed and must mean the\n"
		"same.\n"
		"\n"
		"Bad:\n"
		"\tserial@1000 {\n"
		"\t\tclock-names = \"baud\";\n"
		"\t\tcompatible = \"acme,uart\";\n"
		"\t\tclocks = <&cru 1>;\n"
		"\t\treg = <0x1000 0x100>;\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\tserial@1000 {\n"
		"\t\tcompatible = \"acme,uart\";\n"
		"\t\treg = <0x1000 0x100>;\n"
		"\t\tclocks = <&cru 1>;\n"
		"\t\tclock-names = \"baud\";\n"
		"\t};\n",
	.check = check,
};
