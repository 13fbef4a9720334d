/* unit-address-format (dtc: unit_address_format, warning): no leading
 * "0x" and no leading zeros in a unit address. Children of PCI and
 * simple-bus nodes are checked by their bus rules instead. */
#include <ctype.h>
#include <string.h>

#include "dtc_util.h"

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHILD_OF_BUS(n, t, STAGE_SIMPLE, BUS_NONE) {
		const char *u = node_unit(n);
		if (!u[0])
			continue;
		if (strncmp(u, "0x", 2) == 0) {
			fail_node(ctx, n, "unit address '%s' should not start with \"0x\"", u);
			u += 2;
		}
		if (u[0] == '0' && isxdigit((unsigned char)u[1]))
			fail_node(ctx, n, "unit address '%s' should not have leading zeros",
				  node_unit(n));
	}
}

const struct dtidy_rule dtidy_rule_unit_address_format = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "unit-address-format",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "unit address with \"0x\" or leading zeros",
	.help =
		"Unit addresses are written in hex without \"0x\" and without leading zeros.\n"
		"\n"
		"Bad:\n\tserial@0x01000 { };\nGood:\n\tserial@1000 { };\n",
	.dtc_check = "unit_address_format",
	.check = check,
};
