/* pci-bridge, pci-device-reg, pci-device-bus-num (dtc warnings): a node
 * with device_type "pci" is a PCI bridge (named pci/pcie, with ranges, 3
 * address and 2 size cells, a sane bus-range), and its children address
 * configuration space as dev[,func] with a bus number inside bus-range. */
#include <stdio.h>
#include <string.h>

#include "dtc_util.h"

static void check_bridge(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		if (strcmp(prop_str(dtidy_prop_get(n, "device_type")), "pci") != 0)
			continue;
		if (!node_basename_is(n, "pci") && !node_basename_is(n, "pcie"))
			fail_node(ctx, n, "PCI bridge '%s' should be named \"pci\" or \"pcie\"", n->name);
		if (!dtidy_prop_get(n, "ranges"))
			fail_node(ctx, n, "PCI bridge without \"ranges\" (or not a bridge)");
		if (node_addr_cells_or_default(t, n) != 3)
			fail_node(ctx, n, "PCI bridge needs #address-cells = <3>");
		if (node_size_cells_or_default(t, n) != 2)
			fail_node(ctx, n, "PCI bridge needs #size-cells = <2>");
		const struct dtidy_prop *br = dtidy_prop_get(n, "bus-range");
		if (!br)
			continue;
		struct pval v;
		pval_get(t, br, &v);
		if (v.len != 8) {
			fail_prop(ctx, br, "\"bus-range\" must be 2 cells");
		} else {
			if (pval_cell(&v, 0) > pval_cell(&v, 1))
				fail_prop(ctx, br, "\"bus-range\": the first bus must not exceed the last");
			if (pval_cell(&v, 1) > 0xff)
				fail_prop(ctx, br, "\"bus-range\": bus numbers must be below 256");
		}
		pval_free(&v);
	}
}

static void check_device_reg(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHILD_OF_BUS(n, t, STAGE_SIMPLE, BUS_PCI) {
		const struct dtidy_prop *p = dtidy_prop_get(n, "reg");
		if (!p)
			continue;
		struct pval v;
		pval_get(t, p, &v);
		uint32_t reg = pval_cell(&v, 0);
		if (pval_cell(&v, 1) || pval_cell(&v, 2))
			fail_prop(ctx, p, "PCI reg: configuration space cells 2 and 3 must be 0");
		pval_free(&v);
		if (reg & 0xff000000u)
			fail_prop(ctx, p, "PCI reg address is not in configuration space");
		if (reg & 0xffu)
			fail_prop(ctx, p, "PCI reg: the register number must be 0");
		unsigned dev = (reg & 0xf800u) >> 11, func = (reg & 0x700u) >> 8;
		char want[24];
		if (func == 0) {
			snprintf(want, sizeof(want), "%x", dev);
			if (strcmp(node_unit(n), want) == 0)
				continue;
		}
		snprintf(want, sizeof(want), "%x,%x", dev, func);
		if (strcmp(node_unit(n), want) != 0)
			fail_node(ctx, n, "PCI unit address should be \"%s\"", want);
	}
}

static void check_bus_num(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHILD_OF_BUS(n, t, STAGE_SIMPLE, BUS_PCI) {
		const struct dtidy_prop *p = dtidy_prop_get(n, "reg");
		if (!p)
			continue;
		unsigned bus = (prop_first_cell(t, p) & 0x00ff0000u) >> 16, lo = 0, hi = 0;
		const struct dtidy_prop *br = dtidy_prop_get(n->parent, "bus-range");
		if (br) {
			struct pval v;
			pval_get(t, br, &v);
			lo = pval_cell(&v, 0);
			hi = pval_cell(&v, 1);
			pval_free(&v);
		}
		if (bus < lo || bus > hi)
			fail_prop(ctx, p, "PCI bus number %u outside the bridge's bus-range (%u-%u)",
				  bus, lo, hi);
	}
}

const struct dtidy_rule dtidy_rule_pci_bridge = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "pci-bridge",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "malformed PCI bridge node",
	.help =
		"A node with device_type = \"pci\" is named pci or pcie and has \"ranges\",\n"
		"#address-cells = <3>, #size-cells = <2> and, optionally, a bus-range of\n"
		"two cells within 0-255.\n"
		"\n"
		"Bad:\n\tbridge@0 { device_type = \"pci\"; };\n"
		"Good:\n\tpcie@0 { device_type = \"pci\"; #address-cells = <3>;\n"
		"\t\t#size-cells = <2>; ranges; };\n",
	.dtc_check = "pci_bridge",
	.check = check_bridge,
};

const struct dtidy_rule dtidy_rule_pci_device_reg = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "pci-device-reg",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "PCI device reg or unit address malformed",
	.help =
		"Children of a PCI bridge address configuration space: reg's first cell\n"
		"is bus/device/function, the others 0, and the unit address is\n"
		"device[,function] in hex.\n"
		"\n"
		"Bad:\n\tethernet@0 { reg = <0x800 0 0 0 0>; };\n"
		"Good:\n\tethernet@1 { reg = <0x800 0 0 0 0>; };\n",
	.dtc_check = "pci_device_reg",
	.check = check_device_reg,
};

const struct dtidy_rule dtidy_rule_pci_device_bus_num = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "pci-device-bus-num",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "PCI device bus number outside the bridge's bus-range",
	.help =
		"The bus number in a PCI child's reg (bits 16-23) must lie within the\n"
		"parent bridge's bus-range (0-0 when absent).\n"
		"\n"
		"Bad (bus-range = <0 0>):\n\tdev@0 { reg = <0x10000 0 0 0 0>; };\n"
		"Good:\n\tdev@0 { reg = <0x0 0 0 0 0>; };\n",
	.dtc_check = "pci_device_bus_num",
	.check = check_bus_num,
};
