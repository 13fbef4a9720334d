/* hv-epapr-pic: the virtual interrupt controller of an ePAPR hypervisor. */
#include <inttypes.h>

#include "hv.h"

static void check_node(struct dtidy_ctx *ctx, const struct dtidy_node *n)
{
	const struct dtidy_prop *ic = dtidy_prop_get(n, "interrupt-controller");
	if (!ic)
		dtidy_report_node(ctx, n,
				  "virtual interrupt controller %s lacks interrupt-controller",
				  n->name);
	else
		hv_need_flag(ctx, n, "interrupt-controller", "it marks the node");
	const struct dtidy_prop *cells = dtidy_prop_get(n, "#interrupt-cells");
	uint32_t v;
	if (!cells)
		dtidy_report_node(ctx, n,
				  "virtual interrupt controller %s lacks #interrupt-cells = <2> "
				  "(interrupt number, level and sense)",
				  n->name);
	else if (!hv_prop_u32(cells, &v) || v != 2)
		dtidy_report_prop(ctx, NULL, cells,
				  "#interrupt-cells of the ePAPR virtual interrupt controller is <2>: "
				  "the interrupt number, then its level and sense");
	hv_need_flag(ctx, n, "has-external-proxy", "its presence enables external proxy");
}

static void check(struct dtidy_ctx *ctx)
{
	hv_each_compatible(ctx, "epapr,hv-pic", check_node);
}

const struct dtidy_rule dtidy_rule_hv_epapr_pic = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-epapr-pic",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "the ePAPR virtual interrupt controller: interrupt-controller, 2 cells",
	.help = "ePAPR 1.1 chapter 7 (Virtualization), \"ePAPR Virtual Interrupt\n"
		"Controller Services\": the hypervisor's interrupt controller node,\n"
		"compatible \"epapr,hv-pic\", is an interrupt-controller (an empty\n"
		"property) with #interrupt-cells = <2>: the interrupt number, then its\n"
		"level and sense. has-external-proxy, when the hypervisor delivers\n"
		"interrupts through external proxy, is a flag (Linux's\n"
		"arch/powerpc/sysdev/ehv_pic.c tests only its presence).\n"
		"\n"
		"Bad:\n"
		"\tmpic {\n"
		"\t\tcompatible = \"epapr,hv-pic\";\n"
		"\t\t#interrupt-cells = <4>;\t\t/* the MPIC's, not the hv-pic's */\n"
		"\t\thas-external-proxy = <1>;\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\tmpic: pic {\n"
		"\t\tcompatible = \"epapr,hv-pic\";\n"
		"\t\tinterrupt-controller;\n"
		"\t\t#interrupt-cells = <2>;\n"
		"\t\thas-external-proxy;\n"
		"\t};\n",
	.check = check,
};
