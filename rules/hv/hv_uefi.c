/* hv-uefi: the uefi child Xen gives a guest. */
#include <string.h>

#include "hv.h"

static const struct {
	const char *name;
	unsigned bits;
} uefi_props[] = {
	{"xen,uefi-system-table", 64},	 {"xen,uefi-mmap-start", 64},
	{"xen,uefi-mmap-size", 32},	 {"xen,uefi-mmap-desc-size", 32},
	{"xen,uefi-mmap-desc-ver", 32},
};

static void check_uefi(struct dtidy_ctx *ctx, const struct dtidy_node *u)
{
	for (size_t i = 0; i < sizeof(uefi_props) / sizeof(uefi_props[0]); i++) {
		const struct dtidy_prop *p = dtidy_prop_get(u, uefi_props[i].name);
		unsigned want = uefi_props[i].bits;
		if (!p) {
			dtidy_report_node(ctx, u, "uefi node lacks %s (a %u-bit value)",
					  uefi_props[i].name, want);
			continue;
		}
		unsigned got = hv_value_bits(p);
		const char *form = want == 64 ? "two cells: <hi lo>" : "one cell";
		if (!got)
			dtidy_report_prop(ctx, NULL, p, "%s is a %u-bit value (%s), not %s",
					  p->name, want, form, p->nchunks ? "a string or bytes" : "empty");
		else if (got != want)
			dtidy_report_prop(ctx, NULL, p, "%s is a %u-bit value (%s), not %u bits",
					  p->name, want, form, got);
	}
}

static void check_xen_node(struct dtidy_ctx *ctx, const struct dtidy_node *n, unsigned kind)
{
	(void)kind;
	DTIDY_FOREACH_CHILD(c, n)
	{
		if (!strcmp(c->name, "uefi"))
			check_uefi(ctx, c);
	}
}

static void check(struct dtidy_ctx *ctx)
{
	hv_each_node(ctx, HV_XEN, check_xen_node);
}

const struct dtidy_rule dtidy_rule_hv_uefi = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-uefi",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "the Xen uefi node has its five parameters at their sizes",
	.help = "Linux Documentation/devicetree/bindings/arm/xen.txt: to support UEFI,\n"
		"Xen populates a \"uefi\" node under /hypervisor with xen,uefi-system-table\n"
		"and xen,uefi-mmap-start (64-bit: two cells or /bits/ 64), and\n"
		"xen,uefi-mmap-size, xen,uefi-mmap-desc-size and xen,uefi-mmap-desc-ver\n"
		"(32-bit: one cell). Linux's Xen EFI setup reads each at that size and\n"
		"gives up on UEFI when one is missing. All five must be present.\n"
		"\n"
		"Bad:\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"xen,xen-4.3\", \"xen,xen\";\n"
		"\t\tuefi {\n"
		"\t\t\txen,uefi-system-table = <0xbf000000>;\t/* one cell */\n"
		"\t\t\txen,uefi-mmap-start = <0x0 0xbe000000>;\n"
		"\t\t\txen,uefi-mmap-size = <0x0 0x1000>;\t/* two cells */\n"
		"\t\t\txen,uefi-mmap-desc-size = <0x30>;\n"
		"\t\t\t/* xen,uefi-mmap-desc-ver missing */\n"
		"\t\t};\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\t\tuefi {\n"
		"\t\t\txen,uefi-system-table = <0x0 0xbf000000>;\n"
		"\t\t\txen,uefi-mmap-start = <0x0 0xbe000000>;\n"
		"\t\t\txen,uefi-mmap-size = <0x1000>;\n"
		"\t\t\txen,uefi-mmap-desc-size = <0x30>;\n"
		"\t\t\txen,uefi-mmap-desc-ver = <1>;\n"
		"\t\t};\n",
	.check = check,
};
