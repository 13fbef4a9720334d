/* xen-domain-capabilities: which dom0less domain controls the system, owns
 * the hardware, runs xenstore. */
#include <inttypes.h>
#include <string.h>

#include "hv.h"

#define CAPS_CONTROL 0x1u
#define CAPS_HARDWARE 0x2u
#define CAPS_XENSTORE 0x4u
#define CAPS_MASK 0x1fu /* control, hardware, xenstore, device model, not a hypercall target */

/* Is there a dom0 kernel: a kernel module in /chosen (or one level down,
 * as deep as Xen looks) that no xen,domain holds? Xen then builds dom0 as
 * the hardware domain. */
static const struct dtidy_node *dom0_kernel(const struct dtidy_node *chosen)
{
	DTIDY_FOREACH_CHILD(c, chosen)
	{
		if (hv_is_xen_domain(c))
			continue;
		if (dtidy_node_is_compatible(c, "multiboot,kernel") ||
		    dtidy_node_is_compatible(c, "xen,linux-zimage"))
			return c;
		DTIDY_FOREACH_CHILD(m, c)
		{
			if (dtidy_node_is_compatible(m, "multiboot,kernel") ||
			    dtidy_node_is_compatible(m, "xen,linux-zimage"))
				return m;
		}
	}
	return NULL;
}

static void check_chosen(struct dtidy_ctx *ctx, const struct dtidy_node *chosen)
{
	const struct dtidy_node *hw = dom0_kernel(chosen), *xs = NULL;
	int hw_is_dom0 = hw != NULL;
	DTIDY_FOREACH_CHILD(d, chosen)
	{
		if (!hv_is_xen_domain(d))
			continue;
		const struct dtidy_prop *p = dtidy_prop_get(d, "capabilities");
		uint32_t caps;
		if (!p)
			continue;
		if (!hv_prop_u32(p, &caps)) {
			dtidy_report_prop(ctx, NULL, p, "capabilities is one 32-bit cell");
			continue;
		}
		if (caps & ~CAPS_MASK)
			dtidy_report_prop(ctx, NULL, p,
					  "capabilities = <%#" PRIx32
					  "> sets unknown bits (%#" PRIx32 "): Xen panics",
					  caps, caps & ~CAPS_MASK);
		if (caps & CAPS_HARDWARE) {
			if (hw)
				dtidy_report_prop(ctx, NULL, p,
						  "a second hardware domain: %s is already the hardware "
						  "domain, and Xen allows only one",
						  hw_is_dom0 ? "dom0 (its kernel is in /chosen)"
							     : hw->name);
			else
				hw = d;
			static const char *const not_hw[] = {"vpl011", "nr_spis", "passthrough"};
			for (size_t i = 0; i < 3; i++) {
				const struct dtidy_prop *q = dtidy_prop_get(d, not_hw[i]);
				if (q)
					dtidy_report_prop(ctx, NULL, q,
							  "%s does not apply to the hardware domain "
							  "(capabilities has DOMAIN_CAPS_HARDWARE)",
							  not_hw[i]);
			}
			DTIDY_FOREACH_CHILD(m, d)
			{
				if (dtidy_node_is_compatible(m, "multiboot,device-tree"))
					dtidy_report_node(
						ctx, m,
						"the hardware domain cannot take a partial device "
						"tree (multiboot,device-tree): Xen panics");
			}
		}
		if (caps & CAPS_XENSTORE) {
			if (xs)
				dtidy_report_prop(ctx, NULL, p,
						  "a second xenstore domain (%s is one): there can be only "
						  "one",
						  xs->name);
			else
				xs = d;
		}
	}
}

static void check(struct dtidy_ctx *ctx)
{
	DTIDY_FOREACH_NODE(n, dtidy_ctx_tree(ctx))
	{
		if (hv_is_chosen(n))
			check_chosen(ctx, n);
	}
}

const struct dtidy_rule dtidy_rule_xen_domain_capabilities = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "xen-domain-capabilities",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "dom0less capabilities: known bits, one hardware and one xenstore domain",
	.help = "Xen docs/misc/arm/device-tree/booting.txt, \"capabilities\" of a xen,domain\n"
		"node, and xen/include/public/bootfdt.h: a bit field of\n"
		"DOMAIN_CAPS_CONTROL (0x1, a privileged control domain; several are\n"
		"allowed), DOMAIN_CAPS_HARDWARE (0x2, \"there can be only 1\"),\n"
		"DOMAIN_CAPS_XENSTORE (0x4, \"there can be only 1\"), DEVICE_MODEL (0x8)\n"
		"and NOT_HYPERCALL_TARGET (0x10); Xen panics on other bits. A dom0 kernel\n"
		"module in /chosen (outside every xen,domain) makes dom0 the hardware\n"
		"domain, so no\n"
		"xen,domain may claim it too. The hardware domain takes no vpl011,\n"
		"nr_spis, passthrough or multiboot,device-tree module (Xen panics or\n"
		"ignores them: it gets the host's devices).\n"
		"\n"
		"Bad:\n"
		"\tchosen {\n"
		"\t\tdom0 { compatible = \"multiboot,kernel\", \"multiboot,module\"; ... };\n"
		"\t\tdomU1 {\n"
		"\t\t\tcompatible = \"xen,domain\";\n"
		"\t\t\tcapabilities = <0x2>;\t/* dom0 is the hardware domain */\n"
		"\t\t\tvpl011;\n"
		"\t\t};\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\tchosen {\n"
		"\t\tctl { compatible = \"xen,domain\"; capabilities = <0x1>; ... };\n"
		"\t\thw { compatible = \"xen,domain\"; capabilities = <0x6>; ... };\n"
		"\t};\n",
	.check = check,
};
