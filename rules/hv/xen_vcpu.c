/* xen-vcpu: the per-vCPU nodes (hard affinity) of a dom0less domain. */
#include <inttypes.h>
#include <string.h>

#include "hv.h"

static void check_domain(struct dtidy_ctx *ctx, const struct dtidy_node *d)
{
	uint32_t cpus = 0;
	int known = hv_prop_u32(dtidy_prop_get(d, "cpus"), &cpus);
	DTIDY_FOREACH_CHILD(v, d)
	{
		if (!dtidy_node_is_compatible(v, "xen,vcpu"))
			continue;
		const struct dtidy_prop *id = dtidy_prop_get(v, "id");
		uint32_t n;
		if (!id) {
			dtidy_report_node(ctx, v, "xen,vcpu node %s lacks id: Xen panics", v->name);
		} else if (!hv_prop_u32(id, &n)) {
			dtidy_report_prop(ctx, NULL, id, "id is one 32-bit cell (the vCPU number)");
		} else {
			if (known && n >= cpus)
				dtidy_report_prop(ctx, NULL, id,
						  "vCPU id %" PRIu32
						  " does not exist: the domain has cpus = "
						  "<%" PRIu32 ">, ids 0 to %" PRIu32,
						  n, cpus, cpus ? cpus - 1 : 0);
			for (const struct dtidy_node *w = d->child; w != v; w = w->next) {
				uint32_t m;
				if (dtidy_node_is_compatible(w, "xen,vcpu") &&
				    hv_prop_u32(dtidy_prop_get(w, "id"), &m) && m == n) {
					dtidy_report_prop(ctx, NULL, id,
							  "vCPU id %" PRIu32
							  " is configured twice (also by %s)",
							  n, w->name);
					break;
				}
			}
		}
		const struct dtidy_prop *aff = dtidy_prop_get(v, "hard-affinity");
		if (aff) {
			const char *s = hv_prop_str(aff),
				   *why = s ? hv_range_list_error(s, 0, 0) : NULL;
			if (!s)
				dtidy_report_prop(ctx, NULL, aff,
						  "hard-affinity is one string such as \"0-3,5\"");
			else if (why)
				hv_about(dtidy_report(ctx, dtidy_prop_string_loc(aff, 0),
						      "hard-affinity \"%s\": %s", s, why),
					 NULL, aff);
		}
	}
}

static void check(struct dtidy_ctx *ctx)
{
	hv_each_compatible(ctx, "xen,domain", check_domain);
}

const struct dtidy_rule dtidy_rule_xen_vcpu = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "xen-vcpu",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "xen,vcpu nodes: an id below the domain's cpus, once each; a valid affinity",
	.help = "Xen docs/misc/arm/device-tree/booting.txt, the optional vCPU sub-nodes of\n"
		"a xen,domain node (compatible \"xen,vcpu\"): id is \"a 32-bit integer that\n"
		"specifies the vCPU id. 0 is the first vCPU. The last vCPU is cpus-1\"\n"
		"(Xen panics on a missing id or one beyond cpus), each vCPU configured by\n"
		"one node; hard-affinity is \"a comma-separated list of pCPUs or ranges of\n"
		"pCPUs\", ranges \"hyphen-separated intervals (such as 0-4) ... inclusive on\n"
		"both sides\". Xen stops reading the list at any other character, and a\n"
		"range written downwards selects nothing.\n"
		"\n"
		"Bad:\n"
		"\tdomU1 {\n"
		"\t\tcompatible = \"xen,domain\";\n"
		"\t\tcpus = <2>;\n"
		"\t\tvcpu2 {\n"
		"\t\t\tcompatible = \"xen,vcpu\";\n"
		"\t\t\tid = <2>;\t\t\t/* only 0 and 1 exist */\n"
		"\t\t\thard-affinity = \"0 - 3\";\n"
		"\t\t};\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\t\tvcpu1 {\n"
		"\t\t\tcompatible = \"xen,vcpu\";\n"
		"\t\t\tid = <1>;\n"
		"\t\t\thard-affinity = \"0-3,5\";\n"
		"\t\t};\n",
	.check = check,
};
