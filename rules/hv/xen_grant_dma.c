/* xen-grant-dma: devices (virtio) whose DMA goes through Xen grant mappings. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "hv.h"

#define DOMID_FIRST_RESERVED 0x7ff0u /* xen/include/public/xen.h */

static int is_grant_dma(const struct dtidy_node *n)
{
	return n && dtidy_node_is_compatible(n, "xen,grant-dma");
}

static void check_provider(struct dtidy_ctx *ctx, const struct dtidy_node *n)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, "#iommu-cells");
	uint32_t v;
	if (!p)
		dtidy_report_node(ctx, n,
				  "xen,grant-dma node %s lacks #iommu-cells = <1> (the backend domid)",
				  n->name);
	else if (!hv_prop_u32(p, &v) || v != 1)
		dtidy_report_prop(ctx, NULL, p,
				  "#iommu-cells of a xen,grant-dma node is <1>: the one cell is the "
				  "domid of the backend domain");
	static const char *const known[] = {"compatible",    "#iommu-cells", "phandle",
					    "linux,phandle", "status",	     "name"};
	DTIDY_FOREACH_PROP(q, n)
	{
		size_t i;
		for (i = 0; i < sizeof(known) / sizeof(known[0]) && strcmp(q->name, known[i]); i++)
			;
		if (i == sizeof(known) / sizeof(known[0]))
			hv_about(dtidy_report_sev(ctx, DTIDY_SEV_WARNING, dtidy_prop_loc(q),
						  "%s is not a property of xen,grant-dma (the binding allows "
						  "only compatible and #iommu-cells)",
						  q->name),
				 NULL, q);
	}
}

static void check_domid(struct dtidy_ctx *ctx, const struct dtidy_prop *p,
			const struct dtidy_cell *c, uint64_t last)
{
	if (last >= DOMID_FIRST_RESERVED)
		hv_about(dtidy_report(ctx, c->loc,
				      "backend domid 0x%" PRIx64 " is a reserved domain id (0x7ff0 "
				      "and above): no domain can serve the device",
				      last),
			 NULL, p);
}

/* iommus = <&grant_dma DOMID>: Linux reads the first entry only. */
static void check_iommus(struct dtidy_ctx *ctx, const struct dtidy_node *n)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	size_t nc;
	const struct dtidy_cell **cells = hv_cells(dtidy_prop_get(n, "iommus"), &nc);
	for (size_t i = 0, k = 0; i < nc; k++) {
		const struct dtidy_node *iommu = hv_cell_target(t, cells[i]);
		long args = iommu ? dtidy_node_u32(iommu, "#iommu-cells") : -1;
		if (args < 0)
			break; /* the structural rules report what cannot be parsed */
		if (is_grant_dma(iommu)) {
			if (k > 0)
				hv_about(dtidy_report(
						 ctx, cells[i]->loc,
						 "the xen,grant-dma entry must come first in iommus: Linux "
						 "looks only at the first IOMMU to use grant mappings"),
					 n, dtidy_prop_get(n, "iommus"));
			if (args == 1 && i + 1 < nc)
				check_domid(ctx, dtidy_prop_get(n, "iommus"), cells[i + 1],
					    cells[i + 1]->val);
		}
		i += 1 + (size_t)args;
	}
	free(cells);
}

/* iommu-map = <rid-base &grant_dma domid-base length>: a RID maps to
 * domid-base + (rid - rid-base). */
static void check_iommu_map(struct dtidy_ctx *ctx, const struct dtidy_node *n)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	size_t nc;
	const struct dtidy_cell **cells = hv_cells(dtidy_prop_get(n, "iommu-map"), &nc);
	for (size_t i = 0; i + 1 < nc;) {
		const struct dtidy_node *iommu = hv_cell_target(t, cells[i + 1]);
		long args = iommu ? dtidy_node_u32(iommu, "#iommu-cells") : -1;
		if (args < 0 || i + 3 + (size_t)args > nc)
			break;
		if (is_grant_dma(iommu) && args == 1) {
			uint64_t len = cells[i + 3]->val;
			if (!len)
				hv_about(dtidy_report(
						 ctx, cells[i + 3]->loc,
						 "iommu-map entry of length 0 maps no requester ID"),
					 n, dtidy_prop_get(n, "iommu-map"));
			else
				check_domid(ctx, dtidy_prop_get(n, "iommu-map"), cells[i + 2],
					    cells[i + 2]->val + len - 1);
		}
		i += 3 + (size_t)args;
	}
	free(cells);
}

static void check(struct dtidy_ctx *ctx)
{
	DTIDY_FOREACH_NODE(n, dtidy_ctx_tree(ctx))
	{
		if (is_grant_dma(n))
			check_provider(ctx, n);
		if (dtidy_prop_get(n, "iommus"))
			check_iommus(ctx, n);
		if (dtidy_prop_get(n, "iommu-map"))
			check_iommu_map(ctx, n);
	}
}

const struct dtidy_rule dtidy_rule_xen_grant_dma = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "xen-grant-dma",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "Xen grant DMA for virtio: #iommu-cells = <1>, the domid of a real domain",
	.help = "Linux Documentation/devicetree/bindings/iommu/xen,grant-dma.yaml: the\n"
		"Xen IOMMU (compatible \"xen,grant-dma\") has #iommu-cells = <1>, \"the\n"
		"domid (domain ID) of the domain where the backend is running\", and no\n"
		"other property (additionalProperties: false; warning). A device uses it\n"
		"with iommus = <&xen_iommu DOMID>; Linux (drivers/xen/grant-dma-ops.c)\n"
		"looks only at the first iommus entry, so the Xen one must come first. A\n"
		"PCI host bridge maps requester IDs with iommu-map = <rid-base &xen_iommu\n"
		"domid-base length> (Documentation/devicetree/bindings/pci/\n"
		"pci-iommu.txt): each RID gets domid-base + (rid - rid-base), so the\n"
		"length must be at least 1 and every resulting domid must be a real one,\n"
		"below DOMID_FIRST_RESERVED (0x7ff0; xen/include/public/xen.h).\n"
		"\n"
		"Bad:\n"
		"\txen_iommu: iommu {\n"
		"\t\tcompatible = \"xen,grant-dma\";\n"
		"\t\t#iommu-cells = <2>;\n"
		"\t};\n"
		"\tvirtio@2000000 {\n"
		"\t\tcompatible = \"virtio,mmio\";\n"
		"\t\tiommus = <&smmu 0x10>, <&xen_iommu 0x7ff1>;\t/* not first; DOMID_IO */\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\txen_iommu: iommu {\n"
		"\t\tcompatible = \"xen,grant-dma\";\n"
		"\t\t#iommu-cells = <1>;\n"
		"\t};\n"
		"\tvirtio@2000000 {\n"
		"\t\tcompatible = \"virtio,mmio\";\n"
		"\t\tiommus = <&xen_iommu 1>;\n"
		"\t};\n",
	.check = check,
};
