/* hv-reg: the Xen hypervisor node's memory regions. */
#include <inttypes.h>
#include <stdlib.h>

#include "hv.h"

#define PAGE 4096u

static void check_node(struct dtidy_ctx *ctx, const struct dtidy_node *n, unsigned kind)
{
	(void)kind;
	const struct dtidy_prop *p = dtidy_prop_get(n, "reg");
	if (!p) {
		dtidy_report_node(ctx, n,
				  "Xen hypervisor node has no reg: region 0 (the grant table) is "
				  "required");
		return;
	}
	/* without the parent's cell sizes (an overlay or a fragment checked on
	 * its own) the regions cannot be told apart: the structural rules
	 * report a complete tree that lacks them */
	if (dtidy_node_u32(n->parent, "#address-cells") < 0 ||
	    dtidy_node_u32(n->parent, "#size-cells") < 0)
		return;
	int ac = dtidy_node_address_cells(n), sc = dtidy_node_size_cells(n);
	long nc = dtidy_prop_cells(p, NULL, 0);
	if (nc < 0) {
		dtidy_report_prop(ctx, NULL, p, "reg must be a list of 32-bit cells");
		return;
	}
	int entry = ac + sc;
	if (nc == 0 || entry <= 0 || nc % entry) {
		dtidy_report_prop(ctx, NULL, p,
				  "reg has %ld cell%s, not a whole number of (#address-cells = %d + "
				  "#size-cells = %d) regions; at least one region (the grant table) "
				  "is required",
				  nc, nc == 1 ? "" : "s", ac, sc);
		return;
	}
	if (ac > 2 || sc > 2)
		return;	/* not an address the CPU can map; nothing to align */
	const struct dtidy_cell **cells = malloc((size_t)nc * sizeof(*cells));
	if (!cells)
		return;
	dtidy_prop_cells(p, cells, (size_t)nc);
	for (long r = 0; r < nc / entry; r++) {
		size_t at = (size_t)(r * entry);
		uint64_t addr = hv_cells_value(cells, at, (size_t)ac);
		uint64_t size = hv_cells_value(cells, at + (size_t)ac, (size_t)sc);
		const char *what = r == 0 ? " (grant table)" : "";
		struct dtidy_report *rep = NULL;
		if (sc > 0 && size == 0)
			rep = dtidy_report(ctx, cells[at + (size_t)ac]->loc,
					   "reg region %ld%s has size 0", r, what);
		else if (sc > 0 && size % PAGE)
			rep = dtidy_report(ctx, cells[at + (size_t)ac]->loc,
					   "reg region %ld%s: size 0x%" PRIx64
					   " is not a multiple of 4 KiB (Xen maps whole pages)",
					   r, what, size);
		dtidy_report_subject(rep, n, p);
		if (ac > 0 && addr % PAGE)
			dtidy_report_subject(dtidy_report(ctx, cells[at]->loc,
							  "reg region %ld%s: address 0x%" PRIx64
							  " is not 4 KiB aligned (Xen maps whole pages)",
							  r, what, addr),
					     n, p);
	}
	free(cells);
}

static void check(struct dtidy_ctx *ctx)
{
	hv_each_node(ctx, HV_XEN, check_node);
}

const struct dtidy_rule dtidy_rule_hv_reg = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-reg",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "the Xen node's reg: whole regions, the grant table first, 4 KiB pages",
	.help = "Linux Documentation/devicetree/bindings/arm/xen.txt: reg gives \"the base\n"
		"physical address and size of the regions in memory where the special\n"
		"resources should be mapped\"; \"Region 0 is reserved for mapping grant\n"
		"table, it must be always present\", regions 1..N are extended regions.\n"
		"The rule checks that reg is present, that its length is a whole number\n"
		"of (#address-cells + #size-cells) entries of the parent (the root; a\n"
		"file that does not set them, such as an overlay, is not measured), that\n"
		"there is at least one region, that no region has size 0, and that\n"
		"addresses and sizes are multiples of 4 KiB: Xen maps guest memory in\n"
		"pages. Cells written with macros are checked after expansion.\n"
		"\n"
		"Bad (with #address-cells = <2> and #size-cells = <2> at the root):\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
		"\t\treg = <0 0xb0000000 0x20000>;\t\t/* 3 cells, not 4 */\n"
		"\t};\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
		"\t\treg = <0 0xb0000800 0 0x20000>;\t/* not page aligned */\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
		"\t\treg = <0 0xb0000000 0 0x20000>;\n"
		"\t};\n",
	.check = check,
};
