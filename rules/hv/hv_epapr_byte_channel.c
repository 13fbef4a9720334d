/* hv-epapr-byte-channel: the serial-like byte channels of an ePAPR
 * hypervisor. */
#include <inttypes.h>
#include <string.h>

#include "hv.h"

static int is_channel(const struct dtidy_node *n)
{
	return dtidy_node_is_compatible(n, "epapr,hv-byte-channel");
}

static void check_node(struct dtidy_ctx *ctx, const struct dtidy_node *n)
{
	const struct dtidy_prop *h = dtidy_prop_get(n, "hv-handle");
	uint32_t handle;
	if (!h) {
		dtidy_report_node(ctx, n,
				  "byte channel %s lacks hv-handle (the hypervisor's handle for it)",
				  n->name);
	} else if (!hv_prop_u32(h, &handle)) {
		dtidy_report_prop(ctx, NULL, h, "hv-handle is one 32-bit cell");
	} else {
		DTIDY_FOREACH_NODE(o, dtidy_ctx_tree(ctx))
		{
			uint32_t other;
			if (o == n)
				break;
			if (is_channel(o) && hv_prop_u32(dtidy_prop_get(o, "hv-handle"), &other) &&
			    other == handle) {
				dtidy_report_prop(ctx, NULL, h,
						  "hv-handle %" PRIu32
						  " is also the handle of byte channel %s",
						  handle, o->name);
				break;
			}
		}
	}
	hv_need_interrupts(ctx, n, 2, "its receive and transmit interrupts",
			   "a byte channel has two interrupts, receive then transmit");
}

static void check(struct dtidy_ctx *ctx)
{
	hv_each_compatible(ctx, "epapr,hv-byte-channel", check_node);
}

const struct dtidy_rule dtidy_rule_hv_epapr_byte_channel = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-epapr-byte-channel",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "ePAPR byte channels: a unique hv-handle and receive + transmit interrupts",
	.help = "ePAPR 1.1 chapter 7 (Virtualization), \"Byte-channel Services\": a byte\n"
		"channel node is compatible with \"epapr,hv-byte-channel\" and has\n"
		"hv-handle, the one-cell handle the guest passes to the byte channel\n"
		"hypercalls (distinct for every channel), and interrupts, two specifiers:\n"
		"the receive interrupt, then the transmit interrupt. Linux's driver\n"
		"(drivers/tty/ehv_bytechan.c) gives up on a channel without hv-handle\n"
		"or without both interrupts; the interrupt cell count is that of the\n"
		"interrupt parent, after macro expansion.\n"
		"\n"
		"Bad:\n"
		"\tbc0 {\n"
		"\t\tcompatible = \"epapr,hv-byte-channel\";\n"
		"\t\tinterrupts = <1 0>;\t\t/* only one interrupt; no hv-handle */\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\tbc0 {\n"
		"\t\tcompatible = \"epapr,hv-byte-channel\";\n"
		"\t\thv-handle = <73>;\n"
		"\t\tinterrupts = <16 0 17 0>;\t/* receive, transmit */\n"
		"\t};\n",
	.check = check,
};
