#include <criterion/criterion.h>
#include <stdlib.h>

#include "rule_testutil.h"

#define R "hv-interrupts"

static void expect(const char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free((void *)got);
}

#define BOARD(body) "/dts-v1/;\n#include <irq.h>\n#include \"soc.dtsi\"\n&xen {\n" body "};\n"

Test(hv_interrupts, missing)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", BOARD("\t/delete-property/ interrupts;\n")})),
	       "soc.dtsi:13:7: error: Xen hypervisor node has no interrupts: the event-channel "
	       "interrupt is required\n");
}

Test(hv_interrupts, cell_count_against_the_parent)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", BOARD("\tinterrupts = <GIC_PPI 15>;\n")})),
	       "board.dts:5:2: error: interrupts has 2 cells, but the interrupt parent "
	       "/interrupt-controller@2c001000 has #interrupt-cells = <3>\n");
	expect(rt_check(R, 1, RT_FILES({"board.dts", BOARD("\tinterrupts = <GIC_PPI 15 IRQ_TYPE_LEVEL_HIGH>,\n"
							   "\t\t     <GIC_PPI 16 IRQ_TYPE_LEVEL_HIGH>;\n")})),
	       "board.dts:5:2: error: interrupts holds 2 specifiers: Xen uses exactly one (the "
	       "event-channel interrupt)\n");
}

/* Macros from the header decide: GIC_SPI is 0. */
Test(hv_interrupts, spi_is_a_warning)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", BOARD("\tinterrupts = <GIC_SPI 15 IRQ_TYPE_LEVEL_HIGH>;\n")})),
	       "board.dts:5:16: warning: the Xen event interrupt should be a PPI (first cell 1, "
	       "GIC_PPI), not an SPI (first cell 0): Xen raises it on every vCPU\n");
}

Test(hv_interrupts, good_interrupts)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", "/dts-v1/;\n#include \"soc.dtsi\"\n"})), "");
	expect(rt_check(R, 1, RT_FILES({"board.dts", BOARD("\tinterrupts = <GIC_PPI 15 IRQ_TYPE_LEVEL_HIGH>;\n")})), "");
	/* a two-cell controller that is not a GIC: no PPI check */
	expect(rt_check(R, 0, RT_FILES({"board.dts", "/dts-v1/;\n"
						   "/ {\n"
						   "\t#address-cells = <1>;\n"
						   "\t#size-cells = <1>;\n"
						   "\tintc: interrupt-controller {\n"
						   "\t\tcompatible = \"vendor,intc\";\n"
						   "\t\tinterrupt-controller;\n"
						   "\t\t#interrupt-cells = <2>;\n"
						   "\t};\n"
						   "\thypervisor {\n"
						   "\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
						   "\t\treg = <0xb0000000 0x20000>;\n"
						   "\t\tinterrupt-parent = <&intc>;\n"
						   "\t\tinterrupts = <7 4>;\n"
						   "\t};\n"
						   "};\n"})),
	       "");
}
