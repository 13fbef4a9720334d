/* The syntax verdict is dtc's, on what the build preprocesses: a node
 * opened in one #if branch and closed after #endif (U-Boot's
 * rockchip-u-boot.dtsi, riscv/dts/binman.dtsi) is whole, a mistake in a
 * branch the build skips is not one dtc sees, and a real mistake is still
 * reported where dtc reports it. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "rule_testutil.h"

static void expect(char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free(got);
}

#define SPLIT "/ {\n#if defined(A)\n\tn {\n\t\ta;\n#else\n\tn {\n\t\tb;\n#endif\n\t};\n};\n"

Test(engine_conditional, node_split_across_branches_is_whole)
{
	expect(rt_check("syntax", 0, RT_FILES({"b.dts", "/dts-v1/;\n" SPLIT})), "");
	expect(rt_check("syntax", 0, RT_FILES({"b.dtsi", SPLIT})), "");
	/* U-Boot's: the branch taken depends on CONFIG_*; either one is whole */
	expect(rt_check("syntax", 0, RT_FILES({"b.dts", "/dts-v1/;\n#define A\n" SPLIT})), "");
}

Test(engine_conditional, skipped_branch_is_not_read)
{
	expect(rt_check("syntax", 0,
			RT_FILES({"b.dts", "/dts-v1/;\n/ {\n#ifdef NOPE\n\tx = <1>\n#endif\n};\n"})),
	       "");
}

Test(engine_conditional, real_errors_where_dtc_puts_them)
{
	expect(rt_check("syntax", 0,
			RT_FILES({"b.dts", "/dts-v1/;\n/ {\n#ifndef NOPE\n\tx = <1>\n#endif\n};\n"})),
	       "b.dts:6:1: error: expected ';' after property, found '}'\n");
	/* a file that ends inside a node: at its end, as dtc says */
	expect(rt_check("syntax", 0, RT_FILES({"b.dts", "/dts-v1/;\n/ {\n\ta;\n"})),
	       "b.dts:4:1: error: expected '}' closing the node, found end of file\n");
	/* a macro that expands to a bad literal: at the literal, in its argument */
	expect(rt_check("syntax", 0,
			RT_FILES({"b.dts", "/dts-v1/;\n#define V(n) <n>\n/ {\n\tx = V(08);\n};\n"})),
	       "b.dts:4:8: error: bad integer literal '08'\n");
}
