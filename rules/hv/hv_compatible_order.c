/* hv-compatible-order: the order of a hypervisor node's compatible list. */
#include <stdlib.h>
#include <string.h>

#include "hv.h"

#define MAX_STRINGS 32

/* The order the binding wants: Xen's versioned entries first and "xen,xen"
 * last; ePAPR's hypervisor-specific entries before "epapr,hypervisor-*".
 * Everything else keeps its relative place. */
static int rank(const char *s)
{
	if (!strncmp(s, "xen,xen-", 8))
		return 0;
	if (!strcmp(s, "xen,xen"))
		return 3;
	if (hv_is_epapr_compat(s))
		return 2;
	return 1;
}

static void check_node(struct dtidy_ctx *ctx, const struct dtidy_node *n, unsigned kind)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, "compatible");
	long ns = dtidy_prop_nstrings(p);
	if (ns <= 0 || ns > MAX_STRINGS)
		return;
	size_t order[MAX_STRINGS], k = 0;
	for (int r = 0; r <= 3; r++)
		for (long i = 0; i < ns; i++)
			if (rank(dtidy_prop_string(p, (size_t)i)) == r)
				order[k++] = (size_t)i;
	struct dtidy_report *first = NULL;
	int dup = 0;
	for (long i = 0; i < ns; i++)
		for (long j = 0; j < i; j++)
			if (!strcmp(dtidy_prop_string(p, (size_t)i), dtidy_prop_string(p, (size_t)j))) {
				dtidy_report_subject(dtidy_report(ctx, dtidy_prop_string_loc(p, (size_t)i),
								  "\"%s\" is listed twice in compatible",
								  dtidy_prop_string(p, (size_t)i)),
						     n, p);
				dup = 1;
				break;
			}
	long xen = -1;
	for (long i = 0; i < ns; i++)
		if (!strcmp(dtidy_prop_string(p, (size_t)i), "xen,xen"))
			xen = i;
	if ((kind & HV_XEN) && xen < 0)
		dtidy_report_prop(ctx, NULL, p,
				  "compatible lacks the generic \"xen,xen\" (as its last entry): "
				  "Linux matches the hypervisor node on it");
	for (size_t i = 0; i < (size_t)ns; i++) {
		if (order[i] == i)
			continue;
		/* report each entry that is out of place, once, at the entry */
		const char *s = dtidy_prop_string(p, i);
		struct dtidy_report *r;
		int rk = rank(s);
		if (rk == 3 && rank(dtidy_prop_string(p, order[0])) == 0)
			r = dtidy_report(ctx, dtidy_prop_string_loc(p, i),
					 "\"xen,xen\" must come after the versioned \"%s\"",
					 dtidy_prop_string(p, order[0]));
		else if (rk == 3)
			r = dtidy_report(ctx, dtidy_prop_string_loc(p, i),
					 "\"xen,xen\" must be the last compatible entry");
		else if (rk == 0)
			r = dtidy_report(ctx, dtidy_prop_string_loc(p, i),
					 "\"%s\" must be the first compatible entry: Linux reads the "
					 "Xen ABI version from the first one",
					 s);
		else if (rk == 2)
			r = dtidy_report(ctx, dtidy_prop_string_loc(p, i),
					 "\"%s\" must come after the hypervisor-specific entries", s);
		else
			continue;	/* moved only because others move */
		dtidy_report_subject(r, n, p);
		if (!first) {
			first = r;
			if (!dup)
				hv_fix_string_order(r, p, order, (size_t)ns);
		}
	}
}

static void check(struct dtidy_ctx *ctx)
{
	hv_each_node(ctx, HV_XEN | HV_EPAPR | HV_KVM, check_node);
}

const struct dtidy_rule dtidy_rule_hv_compatible_order = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-compatible-order",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.flags = DTIDY_RULE_FIXABLE,
	.description = "a hypervisor compatible list in the order its binding requires",
	.help = "Xen (Linux Documentation/devicetree/bindings/arm/xen.txt):\n"
		"\tcompatible = \"xen,xen-<version>\", \"xen,xen\";\n"
		"The generic \"xen,xen\" must be present and last, the versioned entry first:\n"
		"Linux reads the Xen ABI version from the first entry only\n"
		"(arch/arm/xen/enlighten.c, xen_early_init), and drivers match \"xen,xen\".\n"
		"ePAPR 1.1 section 7.5: the hypervisor-specific entry (\"linux,kvm\",\n"
		"\"fsl,hv\", ...) comes before the generic \"epapr,hypervisor-X.Y\". No entry\n"
		"may appear twice. --fix reorders the entries in place when each is a\n"
		"plain string literal and none is repeated.\n"
		"\n"
		"Bad:\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"xen,xen\", \"xen,xen-4.2\";\n"
		"\t};\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"epapr,hypervisor-1.1\", \"linux,kvm\";\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
		"\t};\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"linux,kvm\", \"epapr,hypervisor-1.1\";\n"
		"\t};\n",
	.check = check,
};
