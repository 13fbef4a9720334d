/* hv-epapr: the properties ePAPR 1.1 requires of /hypervisor. */
#include <string.h>

#include "hv.h"

static void need_cells(struct dtidy_ctx *ctx, const struct dtidy_node *n, const char *name,
		       long lo, long hi, const char *what)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, name);
	if (!p) {
		dtidy_report_node(ctx, n, "ePAPR hypervisor node lacks %s (%s)", name, what);
		return;
	}
	long nc = dtidy_prop_cells(p, NULL, 0);
	if (nc < 0)
		dtidy_report_prop(ctx, NULL, p, "%s must be %s, not a string or bytes", name,
				  what);
	else if (nc < lo || nc > hi)
		dtidy_report_prop(ctx, NULL, p, "%s must be %s, not %ld", name, what, nc);
}

static void check_node(struct dtidy_ctx *ctx, const struct dtidy_node *n, unsigned kind)
{
	(void)kind;
	need_cells(ctx, n, "hcall-instructions", 1, 4, "1 to 4 32-bit cells");
	need_cells(ctx, n, "guest-id", 1, 1, "one 32-bit cell");
	const struct dtidy_prop *p = dtidy_prop_get(n, "guest-name");
	if (!p)
		dtidy_report_node(ctx, n, "ePAPR hypervisor node lacks guest-name (a string)");
	else if (dtidy_prop_nstrings(p) != 1)
		dtidy_report_prop(ctx, NULL, p, "guest-name must be one string");
	static const char *const empty[] = {"has-idle", "has-msgsnd-hcall"};
	for (size_t i = 0; i < 2; i++) {
		p = dtidy_prop_get(n, empty[i]);
		if (p && p->nchunks)
			dtidy_report_prop(ctx, NULL, p,
					  "%s is a flag: it must be empty (%s;)", empty[i], empty[i]);
	}
}

static void check(struct dtidy_ctx *ctx)
{
	hv_each_node(ctx, HV_EPAPR, check_node);
}

const struct dtidy_rule dtidy_rule_hv_epapr = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-epapr",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "an ePAPR hypervisor node has the properties of ePAPR 1.1 Table 7-5",
	.help = "ePAPR 1.1 section 7.5 (Table 7-5) for a node compatible with\n"
		"\"epapr,hypervisor-<version>\": hcall-instructions (the instruction\n"
		"sequence that makes a hypercall, 1 to 4 32-bit cells), guest-id (one\n"
		"32-bit cell) and guest-name (a string) are required; has-idle and\n"
		"has-msgsnd-hcall are flags and must be empty. One diagnostic per wrong\n"
		"or missing property; a missing one is reported at the node's name.\n"
		"\n"
		"Bad:\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"fsl,hv\", \"epapr,hypervisor-1.1\";\n"
		"\t\thcall-instructions = <1 2 3 4 5>;\t/* 5 cells */\n"
		"\t\thas-idle = <1>;\t\t\t/* not empty */\n"
		"\t\t/* guest-id and guest-name missing */\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"fsl,hv\", \"epapr,hypervisor-1.1\";\n"
		"\t\thcall-instructions = <0x44000022>;\n"
		"\t\tguest-id = <1>;\n"
		"\t\tguest-name = \"linux\";\n"
		"\t\thas-idle;\n"
		"\t};\n",
	.check = check,
};
