/* xen-passthrough: partial device trees that give a guest its devices, and
 * the host's xen,passthrough marks. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "hv.h"

#define PAGE 4096u
#define GUEST_PHANDLE_GIC 65000u /* xen/include/public/arch-arm.h */

/* The cell sizes Xen reads for the xen,reg of n: the parent's own values,
 * else the root defaults (2 and 1) - scan_pfdt_node() does not inherit. */
static int cells_of(const struct dtidy_node *n, const char *name, int dflt)
{
	long v = dtidy_node_u32(n->parent, name);
	return v < 0 ? dflt : (int)v;
}

/* Inside the parts of a partial device tree the toolstack or Xen copies
 * into the guest: /passthrough, /aliases, and Xen's /gic placeholder. */
static int copied(const struct dtidy_node *n)
{
	while (n && n->parent && n->parent->parent)
		n = n->parent;
	return n && n->parent &&
	       (!strcmp(n->name, "passthrough") || !strcmp(n->name, "aliases") ||
		!strcmp(n->name, "gic"));
}

static void check_xen_reg(struct dtidy_ctx *ctx, const struct dtidy_node *n)
{
	const struct dtidy_prop *reg = dtidy_prop_get(n, "xen,reg");
	const struct dtidy_prop *path = dtidy_prop_get(n, "xen,path");
	const struct dtidy_prop *force = dtidy_prop_get(n, "xen,force-assign-without-iommu");
	if (force)
		hv_need_flag(ctx, n, "xen,force-assign-without-iommu",
			     "Xen only tests that it is present");
	if (path) {
		const char *s = hv_prop_str(path);
		if (!s || s[0] != '/')
			dtidy_report_prop(ctx, NULL, path,
					  "xen,path is one string, the full path of the device in the host "
					  "device tree (\"/soc/ethernet@ff0e0000\")");
		if (!reg)
			dtidy_report_prop(ctx, NULL, path,
					  "xen,path without xen,reg: Xen refuses to assign the device");
	}
	if (!reg)
		return;
	if (!path && !force)
		dtidy_report_prop(ctx, NULL, reg,
				  "xen,reg without xen,path (or xen,force-assign-without-iommu): Xen "
				  "refuses to assign the device");
	int ac = cells_of(n, "#address-cells", 2), sc = cells_of(n, "#size-cells", 1);
	size_t nc;
	const struct dtidy_cell **cells = hv_cells(reg, &nc);
	size_t entry = (size_t)(2 * ac + sc);
	if (!cells || !entry || nc % entry) {
		dtidy_report_prop(ctx, NULL, reg,
				  "xen,reg has %zu cells, not a whole number of <phys_addr size "
				  "guest_addr> entries (%d + %d + %d cells: #address-cells and "
				  "#size-cells of %s)",
				  nc, ac, sc, ac, n->parent->name);
		free(cells);
		return;
	}
	for (size_t i = 0; ac <= 2 && sc <= 2 && i < nc; i += entry) {
		uint64_t phys = hv_cells_value(cells, i, (size_t)ac);
		uint64_t size = hv_cells_value(cells, i + (size_t)ac, (size_t)sc);
		uint64_t guest = hv_cells_value(cells, i + (size_t)(ac + sc), (size_t)ac);
		if (phys % PAGE || size % PAGE || guest % PAGE)
			hv_about(dtidy_report(ctx, cells[i]->loc,
					      "xen,reg entry 0x%" PRIx64 "+0x%" PRIx64
					      " -> 0x%" PRIx64
					      " is not page aligned: Xen rejects the passthrough config",
					      phys, size, guest),
				 n, reg);
	}
	free(cells);
}

/* Every phandle a copied node holds must stay inside what is copied. */
static void check_refs(struct dtidy_ctx *ctx, const struct dtidy_node *n,
		       const struct dtidy_node *gic, int whole)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	DTIDY_FOREACH_PROP(p, n)
	{
		size_t nc;
		const struct dtidy_cell **cells = hv_cells(p, &nc);
		for (size_t i = 0; i < nc; i++) {
			const struct dtidy_node *to =
				cells[i]->ref ? hv_cell_target(t, cells[i]) : NULL;
			if (to && !whole && !copied(to)) {
				hv_about(dtidy_report(ctx, cells[i]->loc,
						      "%s refers to %s, which the guest does not get: only "
						      "/passthrough, /aliases and the /gic placeholder of a partial "
						      "device tree are copied",
						      p->name, to->name),
					 n, p);
				break;
			}
		}
		if (!strcmp(p->name, "interrupt-parent") && nc == 1 && !cells[0]->ref) {
			uint32_t ph = (uint32_t)cells[0]->val;
			if (gic && gic->phandle && ph == GUEST_PHANDLE_GIC && gic->phandle != ph)
				hv_about(dtidy_report(
						 ctx, cells[0]->loc,
						 "interrupt-parent = <%u>, but the /gic placeholder has phandle "
						 "%u: Xen gives the guest's GIC the placeholder's phandle",
						 GUEST_PHANDLE_GIC, gic->phandle),
					 n, p);
			else if (ph != GUEST_PHANDLE_GIC && !dtidy_node_by_phandle(t, ph))
				hv_about(dtidy_report(ctx, cells[0]->loc,
						      "interrupt-parent = <%" PRIu32
						      "> is no node's phandle: "
						      "the guest's GIC is phandle %u (GUEST_PHANDLE_GIC)",
						      ph, GUEST_PHANDLE_GIC),
					 n, p);
		}
		free(cells);
	}
}

/* Pre-order walk of the subtree of top. */
static const struct dtidy_node *next_below(const struct dtidy_node *n, const struct dtidy_node *top)
{
	if (n->child)
		return n->child;
	while (n != top && !n->next)
		n = n->parent;
	return n == top ? NULL : n->next;
}

/* Does the tree also describe the platform (cpus, memory, soc)? Then it is
 * a whole guest tree for a toolstack that copies it all, not a partial one
 * of which only /passthrough and /aliases reach the guest. */
static int whole_tree(const struct dtidy_node *root)
{
	static const char *const platform[] = {"cpus", "memory", "soc", "reserved-memory"};
	DTIDY_FOREACH_CHILD(c, root)
	{
		for (size_t i = 0; i < sizeof(platform) / sizeof(platform[0]); i++)
			if (!strcmp(c->basename, platform[i]))
				return 1;
	}
	return 0;
}

static void check_partial(struct dtidy_ctx *ctx, const struct dtidy_node *pt)
{
	const struct dtidy_node *gic = NULL;
	if (!pt->child && !pt->props)
		return; /* an empty placeholder: nothing to translate */
	DTIDY_FOREACH_CHILD(c, pt->parent)
	{
		if (!strcmp(c->name, "gic"))
			gic = c;
	}
	int whole = whole_tree(pt->parent);
	if (!dtidy_node_is_compatible(pt, "simple-bus"))
		dtidy_report_node(
			ctx, pt,
			"/passthrough must be compatible with \"simple-bus\" (passthrough.txt)");
	static const char *const need[] = {"ranges", "#address-cells", "#size-cells"};
	for (size_t i = 0; i < 3; i++)
		if (!dtidy_prop_get(pt, need[i]))
			dtidy_report_node(ctx, pt,
					  "/passthrough lacks %s, which passthrough.txt makes mandatory",
					  need[i]);
	for (const struct dtidy_node *n = pt; n; n = next_below(n, pt)) {
		check_xen_reg(ctx, n);
		check_refs(ctx, n, gic, whole);
	}
}

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_node *root = dtidy_ctx_tree(ctx)->root;
	DTIDY_FOREACH_CHILD(c, root)
	{
		if (!strcmp(c->name, "passthrough"))
			check_partial(ctx, c);
	}
	DTIDY_FOREACH_NODE(n, dtidy_ctx_tree(ctx))
	{
		const struct dtidy_prop *p = dtidy_prop_get(n, "xen,passthrough");
		if (p && p->nchunks)
			hv_about(dtidy_report_sev(
					 ctx, DTIDY_SEV_WARNING, dtidy_prop_loc(p),
					 "xen,passthrough is a flag: write \"xen,passthrough;\" (Xen "
					 "tests only that it is present, so any value hands the device "
					 "over)"),
				 NULL, p);
	}
}

const struct dtidy_rule dtidy_rule_xen_passthrough = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "xen-passthrough",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "Xen partial device trees: /passthrough, xen,reg, xen,path, the guest GIC",
	.help = "Xen docs/misc/arm/passthrough.txt and xl.cfg(5) device_tree. A partial\n"
		"device tree (a tree with a /passthrough node) gives a guest devices;\n"
		"only /passthrough, /aliases and, for dom0less, a /gic placeholder are\n"
		"copied into the guest. \"The following properties are mandatory with the\n"
		"/passthrough node: compatible (simple-bus), ranges, #address-cells,\n"
		"#size-cells\". Dom0-less device nodes carry xen,reg, an array of\n"
		"<phys_addr size guest_addr> whose sizes are the #address-cells and\n"
		"#size-cells of the partial tree (the parent's, or 2 and 1 when absent),\n"
		"page aligned; xen,path, the host path of the device, a string; and\n"
		"optionally the flag xen,force-assign-without-iommu. xen,reg needs\n"
		"xen,path (or the force flag) and xen,path needs xen,reg, or Xen refuses\n"
		"the domain. Phandles in copied nodes must point at copied nodes (not\n"
		"checked in a whole guest tree, one that also has cpus, memory, soc or\n"
		"reserved-memory: some toolstacks copy those whole); an empty /passthrough\n"
		"placeholder is left alone. The\n"
		"guest GIC is phandle 65000 (GUEST_PHANDLE_GIC, xen/include/public/\n"
		"arch-arm.h) unless a /gic placeholder gives its own. In the host tree,\n"
		"xen,passthrough is a flag (any value still marks the device).\n"
		"\n"
		"Bad:\n"
		"\t/ {\n"
		"\t\t#address-cells = <2>;\n"
		"\t\t#size-cells = <1>;\n"
		"\t\tpassthrough {\n"
		"\t\t\tcompatible = \"simple-bus\";\t/* no ranges, no cells */\n"
		"\t\t\tethernet@ff0e0000 {\n"
		"\t\t\t\txen,reg = <0x0 0xff0e0000 0x1000>;\t/* no guest address */\n"
		"\t\t\t\tinterrupt-parent = <64000>;\n"
		"\t\t\t};\n"
		"\t\t};\n"
		"\t};\n"
		"\n"
		"Good (passthrough.txt):\n"
		"\t/ {\n"
		"\t\t#address-cells = <2>;\n"
		"\t\t#size-cells = <1>;\n"
		"\t\tgic: gic { #interrupt-cells = <3>; interrupt-controller; };\n"
		"\t\tpassthrough {\n"
		"\t\t\tcompatible = \"simple-bus\";\n"
		"\t\t\tranges;\n"
		"\t\t\t#address-cells = <2>;\n"
		"\t\t\t#size-cells = <1>;\n"
		"\t\t\tethernet@ff0e0000 {\n"
		"\t\t\t\tinterrupt-parent = <&gic>;\n"
		"\t\t\t\txen,path = \"/amba/ethernet@ff0e0000\";\n"
		"\t\t\t\txen,reg = <0x0 0xff0e0000 0x1000 0x0 0xff0e0000>;\n"
		"\t\t\t};\n"
		"\t\t};\n"
		"\t};\n",
	.check = check,
};
