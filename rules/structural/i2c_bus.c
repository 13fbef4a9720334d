/* i2c-bus-bridge and i2c-bus-reg (dtc warnings): a node named i2c,
 * i2c-bus or i2c-arb with children has 1 address cell and 0 size cells;
 * each child has a reg whose first cell is its unit address and whose
 * addresses fit 7 bits (10 with I2C_TEN_BIT_ADDRESS). */
#include <stdio.h>
#include <string.h>

#include "dtc_util.h"

#define I2C_OWN_SLAVE_ADDRESS (1u << 30)
#define I2C_TEN_BIT_ADDRESS (1u << 31)

static void check_bridge(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		if (node_bus(t, n, STAGE_I2C) != BUS_I2C || !node_has_children(n))
			continue;
		if (node_addr_cells_or_default(t, n) != 1)
			fail_node(ctx, n, "I2C bus needs #address-cells = <1>");
		if (node_size_cells_or_default(t, n) != 0)
			fail_node(ctx, n, "I2C bus needs #size-cells = <0>");
	}
}

static void check_reg(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHILD_OF_BUS(n, t, STAGE_I2C, BUS_I2C) {
		const struct dtidy_prop *p = dtidy_prop_get(n, "reg");
		if (!p || prop_len(t, p) == 0) {
			fail_node(ctx, n, "I2C device without reg");
			continue;
		}
		struct pval v;
		pval_get(t, p, &v);
		char want[16];
		snprintf(want, sizeof(want), "%x", pval_cell(&v, 0) & ~I2C_OWN_SLAVE_ADDRESS);
		if (strcmp(node_unit(n), want) != 0)
			fail_node(ctx, n, "I2C unit address should be \"%s\"", want);
		for (size_t i = 0; i * 4 < v.len; i++) {
			uint32_t reg = pval_cell(&v, i) & ~I2C_OWN_SLAVE_ADDRESS;
			if (reg & I2C_TEN_BIT_ADDRESS) {
				if ((reg & ~I2C_TEN_BIT_ADDRESS) > 0x3ff)
					fail_prop(ctx, p, "I2C address 0x%x does not fit 10 bits", reg);
			} else if (reg > 0x7f) {
				fail_prop(ctx, p,
					  "I2C address 0x%x does not fit 7 bits (set I2C_TEN_BIT_ADDRESS for 10-bit addresses)",
					  reg);
			}
		}
		pval_free(&v);
	}
}

const struct dtidy_rule dtidy_rule_i2c_bus_bridge = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "i2c-bus-bridge",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "I2C bus with wrong #address-cells/#size-cells",
	.help =
		"An I2C controller with child devices uses one address cell and no size\n"
		"cells.\n"
		"\n"
		"Bad:\n\ti2c@1000 { #address-cells = <1>; #size-cells = <1>; dev@50 { }; };\n"
		"Good:\n\ti2c@1000 { #address-cells = <1>; #size-cells = <0>; dev@50 { }; };\n",
	.dtc_check = "i2c_bus_bridge",
	.check = check_bridge,
};

const struct dtidy_rule dtidy_rule_i2c_bus_reg = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "i2c-bus-reg",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "I2C device reg missing, out of range or not matching its unit address",
	.help =
		"An I2C device's reg is its bus address (7 bits, or 10 with\n"
		"I2C_TEN_BIT_ADDRESS) and equals the unit address.\n"
		"\n"
		"Bad:\n\teeprom@50 { reg = <0x51>; };\nGood:\n\teeprom@50 { reg = <0x50>; };\n",
	.dtc_check = "i2c_bus_reg",
	.check = check_reg,
};
