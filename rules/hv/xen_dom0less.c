/* xen-dom0less: domains and boot modules in a Xen host tree's /chosen. */
#include <string.h>

#include "hv.h"

#define MAX_STRINGS 16

/* The generic entry of a boot module's compatible list. */
static int generic_module(const char *s)
{
	return !strcmp(s, "multiboot,module") || !strcmp(s, "xen,multiboot-module");
}

static int is_module(const struct dtidy_node *n)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, "compatible");
	long ns = dtidy_prop_nstrings(p);
	for (long i = 0; i < ns; i++)
		if (!strncmp(dtidy_prop_string(p, (size_t)i), "multiboot,", 10) ||
		    generic_module(dtidy_prop_string(p, (size_t)i)))
			return 1;
	return 0;
}

static void check_module(struct dtidy_ctx *ctx, const struct dtidy_node *m)
{
	const struct dtidy_prop *p = dtidy_prop_get(m, "compatible");
	long ns = dtidy_prop_nstrings(p);
	if (ns > 0 && ns <= MAX_STRINGS) {
		size_t order[MAX_STRINGS], k = 0;
		for (long i = 0; i < ns; i++)
			if (!generic_module(dtidy_prop_string(p, (size_t)i)))
				order[k++] = (size_t)i;
		for (long i = 0; i < ns; i++)
			if (generic_module(dtidy_prop_string(p, (size_t)i)))
				order[k++] = (size_t)i;
		for (long i = 0; i < ns; i++) {
			if (order[i] == (size_t)i)
				continue;
			for (long j = i; j < ns; j++)
				if (generic_module(dtidy_prop_string(p, (size_t)j))) {
					struct dtidy_report *r = dtidy_report(
						ctx, dtidy_prop_string_loc(p, (size_t)j),
						"\"%s\" must come after the specific entry (\"%s\"): "
						"compatible lists go from specific to generic",
						dtidy_prop_string(p, (size_t)j),
						dtidy_prop_string(p, order[0]));
					dtidy_report_subject(r, m, p);
					hv_fix_string_order(r, p, order, (size_t)ns);
					break;
				}
			break;
		}
	}
	if (!dtidy_prop_get(m, "reg"))
		dtidy_report_node(ctx, m,
				  "boot module %s has no reg (where the bootloader loaded it)", m->name);
}

static void check_domain(struct dtidy_ctx *ctx, const struct dtidy_node *d)
{
	static const char *const need[] = {"memory", "cpus", "#address-cells", "#size-cells"};
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (!dtidy_prop_get(d, need[i]))
			dtidy_report_node(ctx, d, "xen,domain node %s lacks %s", d->name,
					  need[i]);
	DTIDY_FOREACH_CHILD(c, d)
	{
		if (is_module(c))
			check_module(ctx, c);
	}
}

static void check(struct dtidy_ctx *ctx)
{
	DTIDY_FOREACH_NODE(n, dtidy_ctx_tree(ctx))
	{
		if (dtidy_node_is_compatible(n, "xen,domain"))
			check_domain(ctx, n);
	}
}

const struct dtidy_rule dtidy_rule_xen_dom0less = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "xen-dom0less",
	.family = "hv",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_FIXABLE,
	.description = "Xen dom0less domains have memory, cpus, cell sizes and well-formed modules",
	.help = "Xen docs/misc/arm/device-tree/booting.txt (\"Creating Multiple Domains\n"
		"directly from Xen\", dom0less): each guest is a node compatible with\n"
		"\"xen,domain\" under /chosen, with memory (KB), cpus, and #address-cells /\n"
		"#size-cells for the reg of its boot modules. Each module child lists its\n"
		"compatible from specific to generic (\"multiboot,kernel\",\n"
		"\"multiboot,module\"; the same for ramdisk and device-tree) and has reg,\n"
		"the address and size where the bootloader put the image. Missing pieces\n"
		"make Xen skip the domain or fail the boot. --fix reorders a module's\n"
		"compatible in place.\n"
		"\n"
		"Bad:\n"
		"\tchosen {\n"
		"\t\tdomU1 {\n"
		"\t\t\tcompatible = \"xen,domain\";\n"
		"\t\t\tmemory = <0 0x20000>;\t\t/* no cpus, no cell sizes */\n"
		"\t\t\tkernel {\n"
		"\t\t\t\tcompatible = \"multiboot,module\", \"multiboot,kernel\";\n"
		"\t\t\t};\n"
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
		"\t\t\tmodule@4a000000 {\n"
		"\t\t\t\tcompatible = \"multiboot,kernel\", \"multiboot,module\";\n"
		"\t\t\t\treg = <0 0x4a000000 0 0xffffff>;\n"
		"\t\t\t};\n"
		"\t\t};\n"
		"\t};\n",
	.check = check,
};
