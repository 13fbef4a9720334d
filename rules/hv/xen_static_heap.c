/* xen-static-heap: the memory /chosen reserves for Xen's own heap. */
#include <inttypes.h>
#include <stdlib.h>

#include "hv.h"

#define ALIGN (64u * 1024u)

static void check_chosen(struct dtidy_ctx *ctx, const struct dtidy_node *chosen)
{
	const struct dtidy_prop *p = dtidy_prop_get(chosen, "xen,static-heap");
	if (!p)
		return;
	int ac = hv_xen_cells(chosen, "#address-cells"), sc = hv_xen_cells(chosen, "#size-cells");
	if (ac < 0 || sc < 0)
		return; /* the root's cells are in the tree this one is merged into */
	size_t nc;
	const struct dtidy_cell **cells = hv_cells(p, &nc);
	if (!cells || ac < 1 || sc < 1 || nc % (size_t)(ac + sc)) {
		dtidy_report_prop(ctx, NULL, p,
				  "xen,static-heap has %zu cells, not a whole number of (%d address + %d "
				  "size) regions (the root's #address-cells / #size-cells)",
				  nc, ac, sc);
		free(cells);
		return;
	}
	for (size_t i = 0; ac <= 2 && sc <= 2 && i < nc; i += (size_t)(ac + sc)) {
		uint64_t start = hv_cells_value(cells, i, (size_t)ac);
		uint64_t size = hv_cells_value(cells, i + (size_t)ac, (size_t)sc);
		if (!size)
			hv_about(dtidy_report_sev(ctx, DTIDY_SEV_WARNING,
						  cells[i + (size_t)ac]->loc,
						  "static heap region at 0x%" PRIx64
						  " has size 0: Xen "
						  "ignores it",
						  start),
				 chosen, p);
		else if (start % ALIGN || size % ALIGN)
			hv_about(dtidy_report(ctx, cells[i]->loc,
					      "static heap region 0x%" PRIx64 "+0x%" PRIx64
					      " is not 64 KiB aligned: booting.txt requires at least a 64 KB "
					      "alignment",
					      start, size),
				 chosen, p);
	}
	free(cells);
}

static void check(struct dtidy_ctx *ctx)
{
	DTIDY_FOREACH_NODE(n, dtidy_ctx_tree(ctx))
	{
		if (hv_is_chosen(n))
			check_chosen(ctx, n);
	}
}

const struct dtidy_rule dtidy_rule_xen_static_heap = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "xen-static-heap",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "/chosen xen,static-heap: whole regions in the root's cells, 64 KiB aligned",
	.help = "Xen docs/misc/arm/device-tree/booting.txt, \"Static Heap Memory\":\n"
		"xen,static-heap in /chosen \"specifies the address and size of Xen static\n"
		"heap memory. Number of address and size cells ... is determined by the\n"
		"root node #address-cells and #size-cells. Note that at least a 64KB\n"
		"alignment is required.\" The rule checks that the value is a whole\n"
		"number of (address, size) regions in the root's cells and that each\n"
		"region starts and ends on a 64 KiB boundary; a region of size 0 is\n"
		"ignored by Xen (warning). A file without the root's cell sizes (an\n"
		"overlay) is not measured.\n"
		"\n"
		"Bad (root #address-cells = <2>, #size-cells = <2>):\n"
		"\tchosen {\n"
		"\t\txen,static-heap = <0x30000000 0x40000000>;\t/* 2 cells, not 4 */\n"
		"\t};\n"
		"\tchosen {\n"
		"\t\txen,static-heap = <0x0 0x30001000 0x0 0x40000000>;\t/* not 64K aligned */\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\tchosen {\n"
		"\t\txen,static-heap = <0x0 0x30000000 0x0 0x40000000>;\n"
		"\t};\n",
	.check = check,
};
