/* hv-interrupts: the Xen event-channel interrupt. */
#include <string.h>

#include "hv.h"

/* Is the controller an Arm GIC (whose first cell says SPI 0 / PPI 1)? */
static int is_gic(const struct dtidy_node *ic)
{
	const struct dtidy_prop *p = dtidy_prop_get(ic, "compatible");
	long ns = dtidy_prop_nstrings(p);
	for (long i = 0; i < ns; i++)
		if (dtidy_match("^arm,(gic|cortex-a[0-9]+-gic|pl390)", dtidy_prop_string(p, (size_t)i)))
			return 1;
	return 0;
}

static void check_node(struct dtidy_ctx *ctx, const struct dtidy_node *n, unsigned kind)
{
	(void)kind;
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	const struct dtidy_prop *p = dtidy_prop_get(n, "interrupts");
	if (!p) {
		if (!dtidy_prop_get(n, "interrupts-extended"))
			dtidy_report_node(ctx, n,
					  "Xen hypervisor node has no interrupts: the event-channel "
					  "interrupt is required");
		return;
	}
	long nc = dtidy_prop_cells(p, NULL, 0);
	if (nc < 0) {
		dtidy_report_prop(ctx, NULL, p, "interrupts must be a list of 32-bit cells");
		return;
	}
	const struct dtidy_node *ic = dtidy_interrupt_parent(t, n);
	long icells = ic ? dtidy_node_u32(ic, "#interrupt-cells") : -1;
	if (icells <= 0)
		return;	/* no interrupt parent: the structural rules say so */
	char path[256];
	if (nc != icells) {
		if (nc > icells && nc % icells == 0)
			dtidy_report_prop(ctx, NULL, p,
					  "interrupts holds %ld specifiers: Xen uses exactly one "
					  "(the event-channel interrupt)",
					  nc / icells);
		else
			dtidy_report_prop(ctx, NULL, p,
					  "interrupts has %ld cell%s, but the interrupt parent %s has "
					  "#interrupt-cells = <%ld>",
					  nc, nc == 1 ? "" : "s", dtidy_node_path(ic, path, sizeof(path)),
					  icells);
		return;
	}
	const struct dtidy_cell *first;
	if (is_gic(ic) && icells >= 2 && dtidy_prop_cells(p, &first, 1) >= 1 && first->val != 1)
		dtidy_report_subject(
			dtidy_report_sev(ctx, DTIDY_SEV_WARNING, first->loc,
					 "the Xen event interrupt should be a PPI (first cell 1, GIC_PPI), "
					 "not %s (first cell %llu): Xen raises it on every vCPU",
					 first->val == 0 ? "an SPI" : "another type",
					 (unsigned long long)first->val),
			n, p);
}

static void check(struct dtidy_ctx *ctx)
{
	hv_each_node(ctx, HV_XEN, check_node);
}

const struct dtidy_rule dtidy_rule_hv_interrupts = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-interrupts",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "the Xen node has one event interrupt, a PPI on a GIC",
	.help = "Linux Documentation/devicetree/bindings/arm/xen.txt: \"interrupts: the\n"
		"interrupt used by Xen to inject event notifications. A GIC node is also\n"
		"required.\" The rule checks that interrupts is present, holds exactly\n"
		"one specifier, and that its cell count equals the interrupt parent's\n"
		"#interrupt-cells (macros such as GIC_PPI expanded) - errors. With an Arm\n"
		"GIC as parent the interrupt must be a PPI (first cell 1): Xen delivers\n"
		"the event upcall on every vCPU as a per-processor interrupt; a SPI\n"
		"there is a warning.\n"
		"\n"
		"Bad (gic has #interrupt-cells = <3>):\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
		"\t\treg = <0 0xb0000000 0 0x20000>;\n"
		"\t\tinterrupts = <1 15>;\t\t\t/* 2 cells, not 3 */\n"
		"\t};\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
		"\t\treg = <0 0xb0000000 0 0x20000>;\n"
		"\t\tinterrupts = <GIC_SPI 15 IRQ_TYPE_LEVEL_HIGH>;\t/* a SPI */\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
		"\t\treg = <0 0xb0000000 0 0x20000>;\n"
		"\t\tinterrupts = <GIC_PPI 15 IRQ_TYPE_LEVEL_HIGH>;\n"
		"\t};\n",
	.check = check,
};
