/* hv-epapr-doorbell: ePAPR inter-partition doorbells. */
#include "hv.h"

static void check_receive(struct dtidy_ctx *ctx, const struct dtidy_node *n)
{
	hv_need_interrupts(ctx, n, 1, "the interrupt it raises when rung",
			   "a receive doorbell has one interrupt");
}

static void check_send(struct dtidy_ctx *ctx, const struct dtidy_node *n)
{
	const struct dtidy_prop *h = dtidy_prop_get(n, "hv-handle");
	uint32_t v;
	if (!h)
		dtidy_report_node(ctx, n,
				  "send doorbell %s lacks hv-handle (the handle to ring it with)",
				  n->name);
	else if (!hv_prop_u32(h, &v))
		dtidy_report_prop(ctx, NULL, h, "hv-handle is one 32-bit cell");
}

static void check(struct dtidy_ctx *ctx)
{
	hv_each_compatible(ctx, "epapr,hv-receive-doorbell", check_receive);
	hv_each_compatible(ctx, "epapr,hv-send-doorbell", check_send);
}

const struct dtidy_rule dtidy_rule_hv_epapr_doorbell = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-epapr-doorbell",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "ePAPR doorbells: a send doorbell has hv-handle, a receive one an interrupt",
	.help = "ePAPR 1.1 chapter 7 (Virtualization), \"Inter-partition Doorbells\": a\n"
		"send doorbell (compatible \"epapr,hv-send-doorbell\") has hv-handle, the\n"
		"one-cell handle of the doorbell send hypercall; a receive doorbell\n"
		"(\"epapr,hv-receive-doorbell\") has interrupts, the one interrupt raised\n"
		"when another partition rings it (Linux's drivers/virt/fsl_hypervisor.c\n"
		"skips a receive doorbell without it). The cell count is that of the\n"
		"interrupt parent.\n"
		"\n"
		"Bad:\n"
		"\tsend-db { compatible = \"epapr,hv-send-doorbell\"; };\n"
		"\trecv-db { compatible = \"epapr,hv-receive-doorbell\"; };\n"
		"\n"
		"Good:\n"
		"\tsend-db {\n"
		"\t\tcompatible = \"epapr,hv-send-doorbell\";\n"
		"\t\thv-handle = <12>;\n"
		"\t};\n"
		"\trecv-db {\n"
		"\t\tcompatible = \"epapr,hv-receive-doorbell\";\n"
		"\t\tinterrupts = <20 0>;\n"
		"\t};\n",
	.check = check,
};
