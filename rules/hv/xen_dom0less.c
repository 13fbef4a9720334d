/* xen-dom0less: the domain nodes Xen builds at boot from /chosen. */
#include <inttypes.h>
#include <string.h>

#include "hv.h"

static void check_domain(struct dtidy_ctx *ctx, const struct dtidy_node *d)
{
	if (!hv_maybe_chosen(dtidy_ctx_tree(ctx), d->parent)) {
		char path[256];
		dtidy_report_node(ctx, d,
				  "xen,domain node %s is not a child of /chosen: Xen builds only the "
				  "domains listed directly in /chosen and ignores this one",
				  dtidy_node_path(d, path, sizeof(path)));
		return;
	}
	const struct dtidy_prop *p = dtidy_prop_get(d, "memory");
	uint64_t kib;
	if (!p)
		dtidy_report_node(ctx, d,
				  "xen,domain node %s lacks memory (the guest's RAM in KiB, a "
				  "64-bit number such as <0 0x20000>)",
				  d->name);
	else if (!hv_prop_u64(p, &kib))
		dtidy_report_prop(ctx, NULL, p,
				  "memory is a 64-bit number of KiB: two cells <hi lo> (e.g. <0 0x20000>), "
				  "not %u bits; Xen cannot read it and refuses to build the domain",
				  hv_value_bits(p));
	else if (!kib)
		dtidy_report_prop(ctx, NULL, p, "memory is 0 KiB: the domain has no RAM");

	p = dtidy_prop_get(d, "cpus");
	uint32_t cpus;
	if (!p)
		dtidy_report_node(ctx, d,
				  "xen,domain node %s lacks cpus (the number of vCPUs): Xen panics",
				  d->name);
	else if (!hv_prop_u32(p, &cpus))
		dtidy_report_prop(ctx, NULL, p, "cpus is one 32-bit cell (the number of vCPUs)");
	else if (!cpus)
		dtidy_report_prop(ctx, NULL, p, "cpus = <0>: a domain needs at least one vCPU");

	static const char *const cells[] = {"#address-cells", "#size-cells"};
	for (size_t i = 0; i < 2; i++)
		if (!dtidy_prop_get(d, cells[i]))
			hv_about(dtidy_report_sev(ctx, DTIDY_SEV_WARNING, hv_node_loc(d),
						  "xen,domain node %s lacks %s: booting.txt requires it, "
						  "for the reg of the domain's boot modules",
						  d->name, cells[i]),
				 d, NULL);
}

static void check(struct dtidy_ctx *ctx)
{
	hv_each_compatible(ctx, "xen,domain", check_domain);
}

const struct dtidy_rule dtidy_rule_xen_dom0less = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "xen-dom0less",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "Xen dom0less domains sit in /chosen with memory, cpus and cell sizes",
	.help = "Xen docs/misc/arm/device-tree/booting.txt, \"Creating Multiple Domains\n"
		"directly from Xen\": each guest Xen creates at boot is a node compatible\n"
		"with \"xen,domain\" directly under /chosen (Xen walks only the children of\n"
		"/chosen; a domain elsewhere is ignored) with\n"
		"- memory: \"a 64-bit integer specifying the amount of kilobytes of RAM\":\n"
		"  two cells <hi lo> or /bits/ 64 <n>; one cell cannot be read and Xen\n"
		"  refuses to build the domain;\n"
		"- cpus: the number of vCPUs, one cell, at least 1 (Xen panics without it);\n"
		"- #address-cells and #size-cells, for the reg of the boot modules below\n"
		"  (warning when missing).\n"
		"The boot modules, the optional properties and the other children are\n"
		"checked by xen-boot-module, xen-domain-options, xen-domain-capabilities,\n"
		"xen-vcpu, xen-static-mem, xen-static-shm and xen-static-evtchn. Values\n"
		"written with macros and nodes completed through &label count as merged.\n"
		"\n"
		"Bad:\n"
		"\tchosen {\n"
		"\t\tdomU1 {\n"
		"\t\t\tcompatible = \"xen,domain\";\n"
		"\t\t\tmemory = <0x20000>;\t\t/* one cell: not 64 bits */\n"
		"\t\t\t/* no cpus, no #address-cells / #size-cells */\n"
		"\t\t};\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\tchosen {\n"
		"\t\tdomU1 {\n"
		"\t\t\tcompatible = \"xen,domain\";\n"
		"\t\t\t#address-cells = <2>;\n"
		"\t\t\t#size-cells = <2>;\n"
		"\t\t\tmemory = <0 0x20000>;\n"
		"\t\t\tcpus = <1>;\n"
		"\t\t};\n"
		"\t};\n",
	.check = check,
};
