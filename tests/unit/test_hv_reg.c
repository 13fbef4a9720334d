#include <criterion/criterion.h>
#include <stdlib.h>

#include "rule_testutil.h"

#define R "hv-reg"

static void expect(const char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free((void *)got);
}

#define BOARD(body) "/dts-v1/;\n#include <irq.h>\n#include \"soc.dtsi\"\n&xen {\n" body "};\n"

Test(hv_reg, missing)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", "/dts-v1/;\n"
						   "/ {\n"
						   "\thypervisor {\n"
						   "\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
						   "\t};\n"
						   "};\n"})),
	       "board.dts:3:2: error: Xen hypervisor node has no reg: region 0 (the grant table) "
	       "is required\n");
}

/* The cells come from macros in an included header, and the node from
 * soc.dtsi, changed by &xen in the board. */
Test(hv_reg, wrong_length_with_macros)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", BOARD("\treg = <0 XEN_BASE XEN_SIZE>;\n")})),
	       "board.dts:5:2: error: reg has 3 cells, not a whole number of (#address-cells = 2 + "
	       "#size-cells = 2) regions; at least one region (the grant table) is required\n");
	expect(rt_check(R, 1, RT_FILES({"board.dts", BOARD("\treg = <>;\n")})),
	       "board.dts:5:2: error: reg has 0 cells, not a whole number of (#address-cells = 2 + "
	       "#size-cells = 2) regions; at least one region (the grant table) is required\n");
}

Test(hv_reg, zero_size_and_alignment)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", BOARD("\treg = <0 XEN_BASE 0 0>,\n"
							   "\t      <0 (XEN_BASE + 0x800) 0 0x1800>;\n")})),
	       "board.dts:5:20: error: reg region 0 (grant table) has size 0\n"
	       "board.dts:6:9: error: reg region 1: address 0xb0000800 is not 4 KiB aligned (Xen "
	       "maps whole pages)\n"
	       "board.dts:6:30: error: reg region 1: size 0x1800 is not a multiple of 4 KiB (Xen "
	       "maps whole pages)\n");
}

Test(hv_reg, good_regions)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", "/dts-v1/;\n#include \"soc.dtsi\"\n"})), "");
	expect(rt_check(R, 1, RT_FILES({"board.dts", BOARD("\treg = <0 XEN_BASE 0 XEN_SIZE>,\n"
							   "\t      <0x8 0x0 0x1 0x0>;\n")})),
	       "");
	/* a Zephyr overlay: the root's cell sizes come from the board it is
	 * applied to, so the regions are not measured */
	expect(rt_check(R, 0, RT_FILES({"board.overlay", "/ {\n"
						   "\thypervisor {\n"
						   "\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
						   "\t\treg = <0x0 0x78080000 0x0 0x40000 0x0 0x40000000 0x0 0x7e00000>;\n"
						   "\t};\n"
						   "};\n"})),
	       "");
	/* with one address and one size cell at the root */
	expect(rt_check(R, 0, RT_FILES({"board.dts", "/dts-v1/;\n"
						   "/ {\n"
						   "\t#address-cells = <1>;\n"
						   "\t#size-cells = <1>;\n"
						   "\thypervisor {\n"
						   "\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
						   "\t\treg = <0xb0000000 0x20000>;\n"
						   "\t};\n"
						   "};\n"})),
	       "");
}
