/* xen-boot-module: the multiboot modules (kernels, ramdisks, XSM policies,
 * partial device trees) that /chosen hands to Xen, for dom0 and for the
 * dom0less domains. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "hv.h"

#define MAX_STRINGS 16

/* The generic entry every boot module carries. */
static int generic(const char *s)
{
	return !strcmp(s, "multiboot,module") || !strcmp(s, "xen,multiboot-module");
}

static int legacy(const char *s)
{
	return !strcmp(s, "xen,multiboot-module") || !strcmp(s, "xen,linux-zimage") ||
	       !strcmp(s, "xen,linux-initrd");
}

static int specific(const char *s)
{
	static const char *const kinds[] = {
		"multiboot,kernel", "multiboot,ramdisk", "multiboot,device-tree",
		"xen,linux-zimage", "xen,linux-initrd",	 "xen,xsm-policy",
	};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(s, kinds[i]))
			return 1;
	return 0;
}

static int has(const struct dtidy_prop *p, int (*pred)(const char *))
{
	long ns = dtidy_prop_nstrings(p);
	for (long i = 0; i < ns; i++)
		if (pred(dtidy_prop_string(p, (size_t)i)))
			return 1;
	return 0;
}

static int is_kind(const struct dtidy_node *m, const char *a, const char *b)
{
	return dtidy_node_is_compatible(m, a) || (b && dtidy_node_is_compatible(m, b));
}

/* Specific entries first, the generic one last (with a fix). */
static void check_order(struct dtidy_ctx *ctx, const struct dtidy_prop *p)
{
	long ns = dtidy_prop_nstrings(p);
	if (ns <= 1 || ns > MAX_STRINGS)
		return;
	size_t order[MAX_STRINGS], k = 0;
	for (long i = 0; i < ns; i++)
		if (!generic(dtidy_prop_string(p, (size_t)i)))
			order[k++] = (size_t)i;
	for (long i = 0; i < ns; i++)
		if (generic(dtidy_prop_string(p, (size_t)i)))
			order[k++] = (size_t)i;
	for (long i = 0; i < ns; i++) {
		if (order[i] == (size_t)i)
			continue;
		for (long j = i; j < ns; j++)
			if (generic(dtidy_prop_string(p, (size_t)j))) {
				struct dtidy_report *r = hv_about(
					dtidy_report(ctx, dtidy_prop_string_loc(p, (size_t)j),
						     "\"%s\" must come after the specific entry (\"%s\"): "
						     "compatible lists go from specific to generic",
						     dtidy_prop_string(p, (size_t)j),
						     dtidy_prop_string(p, order[0])),
					NULL, p);
				hv_fix_string_order(r, p, order, (size_t)ns);
				break;
			}
		return;
	}
}

static void check_reg(struct dtidy_ctx *ctx, const struct dtidy_node *m,
		      const struct dtidy_prop *reg)
{
	int ac = hv_xen_cells(m, "#address-cells"), sc = hv_xen_cells(m, "#size-cells");
	if (ac < 0 || sc < 0)
		return; /* the cell sizes come from the tree this one is merged into */
	size_t nc;
	const struct dtidy_cell **cells = hv_cells(reg, &nc);
	if (!cells) {
		dtidy_report_prop(ctx, NULL, reg, "reg must be cells: <address size>");
		return;
	}
	if (nc != (size_t)(ac + sc))
		dtidy_report_prop(
			ctx, NULL, reg,
			"reg has %zu cell%s, but a boot module is one region of %d address and "
			"%d size cell%s (#address-cells / #size-cells that Xen reads from %s)",
			nc, nc == 1 ? "" : "s", ac, sc, sc == 1 ? "" : "s",
			m->parent ? (m->parent->name[0] ? m->parent->name : "/") : "/");
	else if (sc > 0 && sc <= 2 && hv_cells_value(cells, (size_t)ac, (size_t)sc) == 0)
		hv_about(dtidy_report(ctx, cells[ac]->loc, "boot module %s has size 0", m->name),
			 NULL, reg);
	free(cells);
}

static void check_module(struct dtidy_ctx *ctx, const struct dtidy_node *m, int depth)
{
	const struct dtidy_prop *compat = dtidy_prop_get(m, "compatible");
	const struct dtidy_node *dom = hv_xen_domain_of(m);
	if (!has(compat, generic)) {
		dtidy_report_prop(ctx, NULL, compat,
				  "boot module %s lacks the generic \"multiboot,module\": Xen finds "
				  "boot modules by it (or by the legacy \"xen,multiboot-module\") and "
				  "ignores this node",
				  m->name);
		return;
	}
	check_order(ctx, compat);
	if (depth > 2) {
		dtidy_report_node(ctx, m,
				  "boot module %s is nested too deep: Xen looks for modules only in "
				  "/chosen and in its direct children (such as a xen,domain node)",
				  m->name);
		return;
	}

	const struct dtidy_prop *reg = dtidy_prop_get(m, "reg");
	const struct dtidy_prop *efi = dtidy_prop_get(m, "xen,uefi-binary");
	int efi_kind = is_kind(m, "multiboot,kernel", "multiboot,ramdisk") ||
		       is_kind(m, "xen,linux-zimage", "xen,linux-initrd") ||
		       (dom && is_kind(m, "multiboot,device-tree", NULL));
	if (efi) {
		if (!hv_prop_str(efi))
			dtidy_report_prop(
				ctx, NULL, efi,
				"xen,uefi-binary is a string: the file name the UEFI stub loads");
		else if (!efi_kind)
			dtidy_report_prop(ctx, NULL, efi,
					  "xen,uefi-binary is read only for multiboot,kernel and "
					  "multiboot,ramdisk modules%s",
					  dom ? " and a domain's multiboot,device-tree" : "");
		else if (has(compat, legacy))
			dtidy_report_prop(ctx, NULL, compat,
					  "a module loaded by UEFI (xen,uefi-binary) must use the "
					  "multiboot,* compatibles: Xen's UEFI stub does not accept the "
					  "legacy xen,* names");
	}
	if (reg)
		check_reg(ctx, m, reg);
	else if (!efi)
		hv_about(dtidy_report_sev(
				 ctx, DTIDY_SEV_WARNING, hv_node_loc(m),
				 "boot module %s has neither reg (where the bootloader loaded it) "
				 "nor xen,uefi-binary (the file UEFI loads): Xen panics unless the "
				 "bootloader adds reg",
				 m->name),
			 m, NULL);

	if (!dom && is_kind(m, "multiboot,device-tree", NULL))
		dtidy_report_prop(ctx, NULL, compat,
				  "a multiboot,device-tree module (a partial device tree for "
				  "passthrough) is read only inside a xen,domain node");
	const struct dtidy_prop *args = dtidy_prop_get(m, "bootargs");
	if (args && !hv_prop_str(args))
		dtidy_report_prop(ctx, NULL, args, "bootargs is one string (a command line)");
}

/* /chosen's own Xen properties: the command lines and the UEFI flag. */
static void check_chosen(struct dtidy_ctx *ctx, const struct dtidy_node *chosen)
{
	static const char *const lines[] = {"xen,xen-bootargs", "xen,dom0-bootargs"};
	for (size_t i = 0; i < 2; i++) {
		const struct dtidy_prop *p = dtidy_prop_get(chosen, lines[i]);
		if (p && !hv_prop_str(p))
			dtidy_report_prop(ctx, NULL, p, "%s is one string (a command line)",
					  lines[i]);
	}
	hv_need_flag(ctx, chosen, "xen,uefi-cfg-load", "a boolean: Xen tests its presence");
}

static void check(struct dtidy_ctx *ctx)
{
	DTIDY_FOREACH_NODE(n, dtidy_ctx_tree(ctx))
	{
		if (hv_is_chosen(n))
			check_chosen(ctx, n);
		int depth = hv_chosen_depth(n);
		const struct dtidy_prop *compat = dtidy_prop_get(n, "compatible");
		if (depth > 0 && (has(compat, generic) || has(compat, specific)))
			check_module(ctx, n, depth);
	}
}

const struct dtidy_rule dtidy_rule_xen_boot_module = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "xen-boot-module",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.flags = DTIDY_RULE_FIXABLE,
	.description =
		"Xen boot modules in /chosen: generic compatible last, reg or xen,uefi-binary",
	.help = "Xen docs/misc/arm/device-tree/booting.txt, \"Dom0 kernel and ramdisk\n"
		"modules\", \"Creating Multiple Domains directly from Xen\" and \"Device\n"
		"Assignment\". A boot module is a node of /chosen (dom0's) or of a\n"
		"xen,domain node (that domain's) whose compatible lists a specific kind\n"
		"(\"multiboot,kernel\", \"multiboot,ramdisk\", \"multiboot,device-tree\",\n"
		"\"xen,xsm-policy\", legacy \"xen,linux-zimage\"/\"xen,linux-initrd\") and\n"
		"must always include the generic \"multiboot,module\" (legacy\n"
		"\"xen,multiboot-module\"), last: Xen finds modules by it. Xen scans modules\n"
		"only down to /chosen/<node>/<module>. A module has reg, its address and\n"
		"size in the cells Xen reads for it (the parent's #address-cells /\n"
		"#size-cells, inherited from further up when absent) - or, under UEFI,\n"
		"xen,uefi-binary, the file the UEFI stub loads and then describes in reg:\n"
		"\"there is no need to specify the reg property\". xen,uefi-binary is a\n"
		"string, read for kernel and ramdisk modules (and a domain's device-tree\n"
		"module), with the multiboot,* names only (UEFI does not accept the legacy\n"
		"ones). A multiboot,device-tree module belongs in a xen,domain. A module\n"
		"with neither reg nor xen,uefi-binary is a warning: a bootloader script\n"
		"may add reg at boot. In /chosen itself (\"Command lines\", \"UEFI boot\n"
		"and DT\"), xen,xen-bootargs and xen,dom0-bootargs are strings and\n"
		"xen,uefi-cfg-load is a boolean flag. --fix puts the generic entry last.\n"
		"\n"
		"Bad:\n"
		"\tchosen {\n"
		"\t\t#address-cells = <2>;\n"
		"\t\t#size-cells = <2>;\n"
		"\t\tmodule@40000000 {\n"
		"\t\t\tcompatible = \"multiboot,module\", \"multiboot,kernel\";\n"
		"\t\t\treg = <0x40000000 0x1000000>;\t/* 2 cells, not 2 + 2 */\n"
		"\t\t};\n"
		"\t\txsm {\n"
		"\t\t\tcompatible = \"xen,xsm-policy\";\t/* no generic entry */\n"
		"\t\t\txen,uefi-binary = \"xsm.cfg\";\t/* not for policies */\n"
		"\t\t};\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\tchosen {\n"
		"\t\t#address-cells = <2>;\n"
		"\t\t#size-cells = <2>;\n"
		"\t\tmodule@40000000 {\n"
		"\t\t\tcompatible = \"multiboot,kernel\", \"multiboot,module\";\n"
		"\t\t\treg = <0 0x40000000 0 0x1000000>;\n"
		"\t\t};\n"
		"\t\tdomU1 {\n"
		"\t\t\t/* compatible, memory, cpus, cells ... */\n"
		"\t\t\tkernel {\n"
		"\t\t\t\tcompatible = \"multiboot,kernel\", \"multiboot,module\";\n"
		"\t\t\t\txen,uefi-binary = \"domu-kernel.efi\";\t/* UEFI boot */\n"
		"\t\t\t};\n"
		"\t\t};\n"
		"\t};\n",
	.check = check,
};
