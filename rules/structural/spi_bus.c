/* spi-bus-bridge and spi-bus-reg (dtc warnings): an SPI controller (named
 * spi, or with 1/0 cells and children using spi-* properties) uses one
 * address cell (none for an spi-slave) and no size cells, and its children
 * have a reg whose first cell is their unit address. */
#include <stdio.h>
#include <string.h>

#include "dtc_util.h"

static void check_bridge(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		if (node_bus(t, n, STAGE_SPI) != BUS_SPI)
			continue;
		if (!node_basename_is(n, "spi") && dtidy_prop_get(n, "reg"))
			fail_node(ctx, n, "SPI bus '%s' should be named \"spi\"", n->name);
		if (!node_has_children(n))
			continue;
		int want = dtidy_prop_get(n, "spi-slave") ? 0 : 1;
		if (node_addr_cells_or_default(t, n) != want)
			fail_node(ctx, n, "SPI bus needs #address-cells = <%d>", want);
		if (node_size_cells_or_default(t, n) != 0)
			fail_node(ctx, n, "SPI bus needs #size-cells = <0>");
	}
}

static void check_reg(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHILD_OF_BUS(n, t, STAGE_SPI, BUS_SPI) {
		if (dtidy_prop_get(n->parent, "spi-slave"))
			continue;
		const struct dtidy_prop *p = dtidy_prop_get(n, "reg");
		if (!p || prop_len(t, p) == 0) {
			fail_node(ctx, n, "SPI device without reg");
			continue;
		}
		char want[16];
		snprintf(want, sizeof(want), "%x", prop_first_cell(t, p));
		if (strcmp(node_unit(n), want) != 0)
			fail_node(ctx, n, "SPI unit address should be \"%s\"", want);
	}
}

const struct dtidy_rule dtidy_rule_spi_bus_bridge = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "spi-bus-bridge",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "SPI bus misnamed or with wrong #address-cells/#size-cells",
	.help =
		"An SPI controller is named \"spi\" and, with child devices, uses one\n"
		"address cell (the chip select; none for spi-slave) and no size cells.\n"
		"\n"
		"Bad:\n\tcontroller@1000 { #address-cells = <1>; #size-cells = <0>;\n"
		"\t\tflash@0 { spi-max-frequency = <1000000>; }; };\n"
		"Good:\n\tspi@1000 { #address-cells = <1>; #size-cells = <0>;\n"
		"\t\tflash@0 { reg = <0>; spi-max-frequency = <1000000>; }; };\n",
	.dtc_check = "spi_bus_bridge",
	.check = check_bridge,
};

const struct dtidy_rule dtidy_rule_spi_bus_reg = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "spi-bus-reg",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "SPI device reg missing or not matching its unit address",
	.help =
		"An SPI device's reg is its chip select and equals its unit address.\n"
		"\n"
		"Bad:\n\tflash@1 { reg = <0>; };\nGood:\n\tflash@0 { reg = <0>; };\n",
	.dtc_check = "spi_bus_reg",
	.check = check_reg,
};
