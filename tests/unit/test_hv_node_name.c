#include <criterion/criterion.h>
#include <stdlib.h>

#include "rule_testutil.h"

#define R "hv-node-name"

static void expect(const char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free((void *)got);
}

Test(hv_node_name, unit_address_is_a_warning)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", "/dts-v1/;\n"
						   "/ {\n"
						   "\thypervisor: hypervisor@38000000 {\n"
						   "\t\tcompatible = \"xen,xen\";\n"
						   "\t};\n"
						   "};\n"})),
	       "board.dts:3:14: warning: hypervisor node 'hypervisor@38000000' must be named "
	       "'hypervisor' with no unit address: Linux's early scan looks for the depth-1 "
	       "node of that name\n");
}

Test(hv_node_name, nested_is_an_error)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", "/dts-v1/;\n"
						   "/ {\n"
						   "\tsoc {\n"
						   "\t\thypervisor {\n"
						   "\t\t\tcompatible = \"linux,kvm\";\n"
						   "\t\t};\n"
						   "\t};\n"
						   "};\n"})),
	       "board.dts:4:3: error: hypervisor node /soc/hypervisor must be a direct child "
	       "of /\n");
}

Test(hv_node_name, other_name_is_a_warning)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", "/dts-v1/;\n"
						   "/ {\n"
						   "\txen {\n"
						   "\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
						   "\t};\n"
						   "};\n"})),
	       "board.dts:3:2: warning: hypervisor node 'xen' must be named 'hypervisor': "
	       "Linux's early scan looks for the depth-1 node of that name\n");
}

/* The node is written in soc.dtsi; the board only changes it. The finding
 * is where the name was written. */
Test(hv_node_name, node_from_dtsi_changed_by_label)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", "/dts-v1/;\n"
						   "#include \"soc.dtsi\"\n"
						   "&hv {\n"
						   "\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
						   "};\n"},
				       {"soc.dtsi", "/ {\n"
						    "\tbus {\n"
						    "\t\thv: hypervisor {\n"
						    "\t\t\tcompatible = \"vendor,hv\";\n"
						    "\t\t};\n"
						    "\t};\n"
						    "};\n"})),
	       "soc.dtsi:3:7: error: hypervisor node /bus/hypervisor must be a direct child "
	       "of /\n");
}

Test(hv_node_name, good_trees)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", "/dts-v1/;\n"
						   "#include <irq.h>\n"
						   "#include \"soc.dtsi\"\n"
						   "&xen { interrupts = <GIC_PPI 15 IRQ_TYPE_LEVEL_HIGH>; };\n"})),
	       "");
	/* reserved memory named hypervisor@... is a memory region; TF-A's
	 * /hypervisor with its own compatible is at the right place */
	expect(rt_check(R, 0, RT_FILES({"board.dts", "/dts-v1/;\n"
						   "/ {\n"
						   "\treserved-memory {\n"
						   "\t\t#address-cells = <2>;\n"
						   "\t\t#size-cells = <2>;\n"
						   "\t\tranges;\n"
						   "\t\thypervisor@86400000 {\n"
						   "\t\t\treg = <0x0 0x86400000 0x0 0x100000>;\n"
						   "\t\t\tno-map;\n"
						   "\t\t};\n"
						   "\t};\n"
						   "\thypervisor {\n"
						   "\t\tcompatible = \"hafnium,hafnium\";\n"
						   "\t};\n"
						   "};\n"})),
	       "");
}
