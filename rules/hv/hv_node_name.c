/* hv-node-name: where and under which name a hypervisor node must be. */
#include <string.h>

#include "hv.h"

static void check(struct dtidy_ctx *ctx)
{
	DTIDY_FOREACH_NODE(n, dtidy_ctx_tree(ctx))
	{
		if (!n->parent || !hv_kind(n))
			continue;
		if (n->parent->parent) {
			char path[256];
			dtidy_report_subject(
				dtidy_report_sev(ctx, DTIDY_SEV_ERROR, hv_node_loc(n),
						 "hypervisor node %s must be a direct child of /",
						 dtidy_node_path(n, path, sizeof(path))),
				n, NULL);
		} else if (strcmp(n->name, "hypervisor")) {
			dtidy_report_subject(
				dtidy_report_sev(ctx, DTIDY_SEV_WARNING, hv_node_loc(n),
						 "hypervisor node '%s' must be named 'hypervisor'%s: "
						 "Linux's early scan looks for the depth-1 node of that name",
						 n->name, n->unit ? " with no unit address" : ""),
				n, NULL);
		}
	}
}

const struct dtidy_rule dtidy_rule_hv_node_name = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-node-name",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "a hypervisor node is /hypervisor: a child of the root, no unit address",
	.help = "A hypervisor node (compatible \"xen,xen\", \"xen,xen-*\", \"epapr,hypervisor-*\"\n"
		"or \"linux,kvm\", or /hypervisor with a compatible) must be a direct child\n"
		"of the root (error), named exactly \"hypervisor\" (warning).\n"
		"\n"
		"Linux Documentation/devicetree/bindings/arm/xen.txt: \"Xen ARM virtual\n"
		"platforms shall have a top-level hypervisor node\". Linux finds it early,\n"
		"before the unflattened tree exists, by scanning for the node of depth 1\n"
		"whose name is \"hypervisor\" (arch/arm/xen/enlighten.c); the flattened\n"
		"name of hypervisor@38000000 includes the unit address, so that node is\n"
		"not found and the guest runs without Xen support. ePAPR 1.1 section 7.5\n"
		"places the node at /hypervisor too. A reserved-memory child named\n"
		"hypervisor@... is a memory region, not a hypervisor node.\n"
		"\n"
		"Bad:\n"
		"\t/ {\n"
		"\t\thypervisor@38000000 {\n"
		"\t\t\tcompatible = \"xen,xen-4.15\", \"xen,xen\";\n"
		"\t\t};\n"
		"\t\tsoc {\n"
		"\t\t\thypervisor { compatible = \"linux,kvm\"; };\n"
		"\t\t};\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\t/ {\n"
		"\t\thypervisor {\n"
		"\t\t\tcompatible = \"xen,xen-4.15\", \"xen,xen\";\n"
		"\t\t\treg = <0x0 0x38000000 0x0 0x1000000>;\n"
		"\t\t\tinterrupts = <GIC_PPI 15 IRQ_TYPE_LEVEL_LOW>;\n"
		"\t\t};\n"
		"\t};\n",
	.check = check,
};
