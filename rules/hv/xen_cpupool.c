/* xen-cpupool: the cpupools Xen creates at boot, and the domains in them. */
#include <stdlib.h>
#include <string.h>

#include "hv.h"

#define MAX_CPUS 1024

static int is_pool(const struct dtidy_node *n)
{
	return dtidy_node_is_compatible(n, "xen,cpupool");
}

static int is_cpu(const struct dtidy_node *n)
{
	const char *t = hv_prop_str(dtidy_prop_get(n, "device_type"));
	return t && !strcmp(t, "cpu");
}

/* Xen's schedulers: the values of its sched= boot argument. */
static int known_scheduler(const char *s)
{
	static const char *const names[] = {"credit", "credit2", "arinc653", "rtds", "null"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i]))
			return 1;
	return 0;
}

struct seen {
	const struct dtidy_node *cpu, *pool;
};

static void check_pool(struct dtidy_ctx *ctx, const struct dtidy_node *pool, struct seen *seen,
		       size_t *nseen)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	if (!hv_maybe_chosen(dtidy_ctx_tree(ctx), pool->parent)) {
		dtidy_report_node(ctx, pool,
				  "cpupool node %s must be a direct child of /chosen: Xen ignores it "
				  "elsewhere",
				  pool->name);
		return;
	}
	const struct dtidy_prop *sched = dtidy_prop_get(pool, "cpupool-sched");
	if (sched) {
		const char *s = hv_prop_str(sched);
		if (!s)
			dtidy_report_prop(ctx, NULL, sched,
					  "cpupool-sched is one string, the name of a Xen scheduler");
		else if (!known_scheduler(s))
			hv_about(dtidy_report(ctx, dtidy_prop_string_loc(sched, 0),
					      "\"%s\" is not a Xen scheduler (credit, credit2, arinc653, rtds, "
					      "null): Xen panics",
					      s),
				 NULL, sched);
	}
	const struct dtidy_prop *cpus = dtidy_prop_get(pool, "cpupool-cpus");
	size_t nc;
	const struct dtidy_cell **cells = hv_cells(cpus, &nc);
	if (!cpus || !nc) {
		hv_about(dtidy_report(ctx, cpus ? dtidy_prop_loc(cpus) : hv_node_loc(pool),
				      "cpupool %s needs cpupool-cpus: phandles to its cpu nodes, at least "
				      "one (Xen panics)",
				      pool->name),
			 pool, cpus);
		free(cells);
		return;
	}
	for (size_t i = 0; i < nc; i++) {
		const struct dtidy_node *cpu = hv_cell_target(t, cells[i]);
		if (!cells[i]->ref && !cpu) {
			hv_about(dtidy_report(ctx, cells[i]->loc,
					      "cpupool-cpus entry %zu is not a phandle to a cpu node",
					      i),
				 NULL, cpus);
			continue;
		}
		if (!cpu)
			continue; /* an unresolved reference: the structural rules say so */
		if (!is_cpu(cpu)) {
			hv_about(dtidy_report(ctx, cells[i]->loc,
					      "%s is not a cpu node (device_type = \"cpu\"): Xen cannot tell "
					      "which CPU it is",
					      cpu->name),
				 NULL, cpus);
			continue;
		}
		if (!dtidy_prop_get(cpu, "reg"))
			hv_about(dtidy_report(ctx, cells[i]->loc,
					      "cpu node %s has no reg: Xen finds the logical CPU from it",
					      cpu->name),
				 NULL, cpus);
		size_t j;
		for (j = 0; j < *nseen && seen[j].cpu != cpu; j++)
			;
		if (j < *nseen)
			hv_about(dtidy_report(ctx, cells[i]->loc,
					      "%s is already in cpupool %s: a CPU belongs to one pool",
					      cpu->name, seen[j].pool->name),
				 NULL, cpus);
		else if (*nseen < MAX_CPUS)
			seen[(*nseen)++] = (struct seen){cpu, pool};
	}
	free(cells);
}

static void check_domain_pool(struct dtidy_ctx *ctx, const struct dtidy_node *d)
{
	const struct dtidy_prop *p = dtidy_prop_get(d, "domain-cpupool");
	const struct dtidy_cell *c;
	if (!p)
		return;
	if (dtidy_prop_cells(p, &c, 1) != 1) {
		dtidy_report_prop(ctx, NULL, p,
				  "domain-cpupool is one phandle, to a xen,cpupool node");
		return;
	}
	const struct dtidy_node *pool = hv_cell_target(dtidy_ctx_tree(ctx), c);
	if (pool && !is_pool(pool))
		hv_about(dtidy_report(ctx, c->loc,
				      "domain-cpupool points at %s, which is not a cpupool (compatible "
				      "\"xen,cpupool\"): Xen panics",
				      pool->name),
			 NULL, p);
	else if (!pool && !c->ref)
		hv_about(dtidy_report(ctx, c->loc, "domain-cpupool <%llu> is no node's phandle",
				      (unsigned long long)c->val),
			 NULL, p);
}

static void check(struct dtidy_ctx *ctx)
{
	struct seen *seen = malloc(MAX_CPUS * sizeof(*seen));
	size_t nseen = 0;
	if (!seen)
		return;
	DTIDY_FOREACH_NODE(n, dtidy_ctx_tree(ctx))
	{
		if (is_pool(n))
			check_pool(ctx, n, seen, &nseen);
		else if (hv_is_xen_domain(n))
			check_domain_pool(ctx, n);
	}
	free(seen);
}

const struct dtidy_rule dtidy_rule_xen_cpupool = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "xen-cpupool",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "Xen boot-time cpupools: cpu phandles, one pool per CPU, a known scheduler",
	.help = "Xen docs/misc/arm/device-tree/cpupools.txt: \"Cpupools specification nodes\n"
		"shall be direct childs of /chosen\", compatible \"xen,cpupool\", with\n"
		"cpupool-cpus (mandatory) \"a list of device tree phandle to nodes\n"
		"describing cpus (e.g. having device_type = \"cpu\"), it can't be empty\"\n"
		"(Xen reads each CPU's reg) and cpupool-sched (optional) \"the name of a Xen\n"
		"scheduler\": credit, credit2, arinc653, rtds or null (the values of the\n"
		"sched= boot argument); Xen panics on another name. A CPU belongs to at\n"
		"most one pool. booting.txt: a domain's domain-cpupool is \"handle to a\n"
		"xen,cpupool device tree node\".\n"
		"\n"
		"Bad:\n"
		"\tchosen {\n"
		"\t\tcpupool_a {\n"
		"\t\t\tcompatible = \"xen,cpupool\";\n"
		"\t\t\tcpupool-cpus = <&a53_1 &gic>;\t/* gic is no cpu */\n"
		"\t\t\tcpupool-sched = \"credit3\";\n"
		"\t\t};\n"
		"\t\tcpupool_b {\n"
		"\t\t\tcompatible = \"xen,cpupool\";\n"
		"\t\t\tcpupool-cpus = <&a53_1>;\t\t/* already in cpupool_a */\n"
		"\t\t};\n"
		"\t};\n"
		"\n"
		"Good (cpupools.txt):\n"
		"\tchosen {\n"
		"\t\tcpupool_a {\n"
		"\t\t\tcompatible = \"xen,cpupool\";\n"
		"\t\t\tcpupool-cpus = <&a53_1 &a53_2 &a53_3 &a53_4>;\n"
		"\t\t};\n"
		"\t\tpool_b: cpupool_b {\n"
		"\t\t\tcompatible = \"xen,cpupool\";\n"
		"\t\t\tcpupool-cpus = <&a72_1 &a72_2>;\n"
		"\t\t\tcpupool-sched = \"credit2\";\n"
		"\t\t};\n"
		"\t\tdomU1 { compatible = \"xen,domain\"; domain-cpupool = <&pool_b>; ... };\n"
		"\t};\n",
	.check = check,
};
