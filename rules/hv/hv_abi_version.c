/* hv-abi-version: the version inside hypervisor compatible strings. */
#include <string.h>

#include "hv.h"

static void check(struct dtidy_ctx *ctx)
{
	DTIDY_FOREACH_NODE(n, dtidy_ctx_tree(ctx))
	{
		unsigned k = hv_kind(n);
		if (!(k & (HV_XEN | HV_EPAPR)))
			continue;
		const struct dtidy_prop *p = dtidy_prop_get(n, "compatible");
		long ns = dtidy_prop_nstrings(p);
		int versioned = 0;
		for (long i = 0; i < ns; i++) {
			const char *s = dtidy_prop_string(p, (size_t)i);
			struct dtidy_loc at = dtidy_prop_string_loc(p, (size_t)i);
			if (!strncmp(s, "xen,xen-", 8)) {
				if (dtidy_match("^xen,xen-(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$", s))
					versioned = 1;
				else
					dtidy_report_subject(
						dtidy_report_sev(ctx, DTIDY_SEV_ERROR, at,
								 "malformed Xen ABI version \"%s\": expected "
								 "\"xen,xen-<major>.<minor>\" (decimal, e.g. "
								 "\"xen,xen-4.2\")",
								 s),
						n, p);
			} else if (hv_is_epapr_compat(s) &&
				   !dtidy_match("^epapr,hypervisor-(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))?$",
						s)) {
				dtidy_report_subject(
					dtidy_report_sev(ctx, DTIDY_SEV_ERROR, at,
							 "malformed ePAPR version \"%s\": expected "
							 "\"epapr,hypervisor-<major>[.<minor>]\" (decimal, e.g. "
							 "\"epapr,hypervisor-1.1\")",
							 s),
					n, p);
			}
		}
		if ((k & HV_XEN) && !versioned && ns > 0)
			dtidy_report_subject(
				dtidy_report_sev(ctx, DTIDY_SEV_WARNING, dtidy_prop_string_loc(p, 0),
						 "no versioned \"xen,xen-<major>.<minor>\" entry: Linux reads "
						 "the Xen ABI version from the first compatible entry"),
				n, p);
	}
}

const struct dtidy_rule dtidy_rule_hv_abi_version = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-abi-version",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "hypervisor version strings are well formed; Xen nodes have one",
	.help = "Version strings in a hypervisor node's compatible must be well formed\n"
		"(error): \"xen,xen-<major>.<minor>\" (Linux\n"
		"Documentation/devicetree/bindings/arm/xen.txt: \"xen,xen-<version>\" where\n"
		"<version> is the version of the Xen ABI) and \"epapr,hypervisor-<major>\" or\n"
		"\"epapr,hypervisor-<major>.<minor>\" (ePAPR 1.1 section 7.5), in decimal\n"
		"without leading zeros. A Xen node with only \"xen,xen\" gets a warning:\n"
		"Linux takes the ABI version from the first compatible entry\n"
		"(arch/arm/xen/enlighten.c), and without one it cannot tell which Xen\n"
		"interface the platform provides.\n"
		"\n"
		"Bad:\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"xen,xen-4\", \"xen,xen\";\t\t/* error */\n"
		"\t};\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"xen,xen\";\t\t\t/* warning */\n"
		"\t};\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"linux,kvm\", \"epapr,hypervisor-v1\";\t/* error */\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"xen,xen-4.17\", \"xen,xen\";\n"
		"\t};\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"linux,kvm\", \"epapr,hypervisor-1\";\n"
		"\t};\n",
	.check = check,
};
