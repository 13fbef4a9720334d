/* hv-kvm: KVM's paravirtualisation node on PowerPC. */
#include <string.h>

#include "hv.h"

static void check_node(struct dtidy_ctx *ctx, const struct dtidy_node *n, unsigned kind)
{
	(void)kind;
	const struct dtidy_prop *hc = dtidy_prop_get(n, "hcall-instructions");
	if (hc) {
		long nc = dtidy_prop_cells(hc, NULL, 0);
		struct dtidy_report *r = NULL;
		if (nc > 4)
			r = dtidy_report_sev(ctx, DTIDY_SEV_ERROR, dtidy_prop_loc(hc),
					     "hcall-instructions has %ld cells: Linux rejects more "
					     "than 4 instructions and runs without KVM hypercalls",
					     nc);
		else if (nc < 0)
			r = dtidy_report_sev(ctx, DTIDY_SEV_ERROR, dtidy_prop_loc(hc),
					     "hcall-instructions must be 32-bit cells (instructions)");
		dtidy_report_subject(r, n, hc);
	}
	const struct dtidy_prop *wrong = dtidy_prop_get(n, "hypercall-instructions");
	if (!wrong)
		return;
	struct dtidy_loc at = dtidy_prop_loc(wrong);
	struct dtidy_report *r = dtidy_report_sev(
		ctx, DTIDY_SEV_WARNING, at,
		"\"hypercall-instructions\" is never read: Linux reads \"hcall-instructions\"%s",
		hc ? " (also present here)" : "");
	dtidy_report_subject(r, n, wrong);
	/* the fix renames the name token where the effective definition is */
	static const char name[] = "hypercall-instructions";
	const struct dtidy_file *f = at.file;
	if (hc || !f || at.end > f->len)
		return;
	for (uint32_t i = at.start; i + sizeof(name) - 1 <= at.end; i++)
		if (!memcmp(f->text + i, name, sizeof(name) - 1)) {
			struct dtidy_loc tok = {f, i, i + (uint32_t)sizeof(name) - 1};
			dtidy_report_fix(r, tok, "hcall-instructions");
			break;
		}
}

static void check(struct dtidy_ctx *ctx)
{
	hv_each_node(ctx, HV_KVM, check_node);
}

const struct dtidy_rule dtidy_rule_hv_kvm = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-kvm",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.flags = DTIDY_RULE_FIXABLE,
	.description = "the linux,kvm node's hypercall instructions as the kernel reads them",
	.help = "A \"linux,kvm\" node tells a PowerPC guest how to call the KVM host.\n"
		"The kernel's code (arch/powerpc/kernel/epapr_paravirt.c) reads\n"
		"\"hcall-instructions\" and rejects more than 4 instructions (error).\n"
		"Documentation/virt/kvm/ppc-pv.rst calls the property\n"
		"\"hypercall-instructions\", a name the kernel never reads: a node\n"
		"following the documentation leaves the guest without hypercalls\n"
		"(warning). --fix renames it to \"hcall-instructions\" when that is not\n"
		"already present.\n"
		"\n"
		"Bad:\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"linux,kvm\";\n"
		"\t\thypercall-instructions = <0x7c0802a6 0x44000022>;\n"
		"\t};\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"linux,kvm\";\n"
		"\t\thcall-instructions = <1 2 3 4 5>;\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"linux,kvm\";\n"
		"\t\thcall-instructions = <0x7c0802a6 0x44000022>;\n"
		"\t};\n",
	.check = check,
};
