#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "rule_testutil.h"

#define R "xen-dom0less"

static void expect(const char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free((void *)got);
}

#define CHOSEN(body) "/dts-v1/;\n/ {\n\tchosen {\n" body "\t};\n};\n"
#define DOMAIN_OK                                                              \
	"\t\t\tcompatible = \"xen,domain\";\n"                                 \
	"\t\t\t#address-cells = <2>;\n"                                        \
	"\t\t\t#size-cells = <2>;\n"                                           \
	"\t\t\tmemory = <0 0x20000>;\n"                                        \
	"\t\t\tcpus = <1>;\n"

Test(xen_dom0less, domain_lacks_properties)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", CHOSEN("\t\tdomU1 {\n"
							    "\t\t\tcompatible = \"xen,domain\";\n"
							    "\t\t\tmemory = <0 0x20000>;\n"
							    "\t\t};\n")})),
	       "board.dts:4:3: warning: xen,domain node domU1 lacks #address-cells\n"
	       "board.dts:4:3: warning: xen,domain node domU1 lacks #size-cells\n"
	       "board.dts:4:3: warning: xen,domain node domU1 lacks cpus\n");
}

Test(xen_dom0less, module_order_and_reg)
{
	const char *in = CHOSEN("\t\tdomU1 {\n" DOMAIN_OK
				"\t\t\tkernel {\n"
				"\t\t\t\tcompatible = \"multiboot,module\", \"multiboot,kernel\";\n"
				"\t\t\t};\n"
				"\t\t};\n");
	expect(rt_check(R, 0, RT_FILES({"board.dts", in})),
	       "board.dts:10:4: warning: boot module kernel has no reg (where the bootloader "
	       "loaded it)\n"
	       "board.dts:11:18: warning: \"multiboot,module\" must come after the specific entry "
	       "(\"multiboot,kernel\"): compatible lists go from specific to generic\n");
	char *fixed = rt_fixed(R, 0, RT_FILES({"board.dts", in}));
	cr_assert(fixed && strstr(fixed, "compatible = \"multiboot,kernel\", \"multiboot,module\";"),
		  "%s", fixed ? fixed : "(no fix)");
	free(fixed);
}

/* A domain from a .dtsi completed through its label, with the module's
 * address from header macros. */
Test(xen_dom0less, dtsi_domain_changed_by_label_with_macros)
{
	const struct rt_file f[] = {
		{"board.dts", "/dts-v1/;\n#include <addr.h>\n#include \"doms.dtsi\"\n&domu {\n"
			      "\tcpus = <1>;\n"
			      "\tramdisk@KERNEL_HI {\n"
			      "\t\tcompatible = \"multiboot,module\", \"multiboot,ramdisk\";\n"
			      "\t\treg = <0 KERNEL_ADDR 0 KERNEL_SIZE>;\n"
			      "\t};\n};\n"},
		{"include/addr.h", "#define KERNEL_ADDR 0x4a000000\n#define KERNEL_SIZE 0xffffff\n"
				   "#define KERNEL_HI 4a000000\n"},
		{"doms.dtsi", "/ {\n\tchosen {\n\t\tdomu: domU1 {\n"
			      "\t\t\tcompatible = \"xen,domain\";\n"
			      "\t\t\t#address-cells = <2>;\n\t\t\t#size-cells = <2>;\n"
			      "\t\t\tmemory = <0 0x20000>;\n\t\t};\n\t};\n};\n"},
	};
	expect(rt_check(R, 0, f, 3),
	       "board.dts:7:16: warning: \"multiboot,module\" must come after the specific entry "
	       "(\"multiboot,ramdisk\"): compatible lists go from specific to generic\n");
	const struct rt_file g[] = {{"board.dts", "/dts-v1/;\n#include \"doms.dtsi\"\n"}, f[1], f[2]};
	expect(rt_check(R, 0, g, 3), "doms.dtsi:3:9: warning: xen,domain node domU1 lacks cpus\n");
}

Test(xen_dom0less, good_trees)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", CHOSEN("\t\tdomU1 {\n" DOMAIN_OK
							    "\t\t\tmodule@4a000000 {\n"
							    "\t\t\t\tcompatible = \"multiboot,kernel\", \"multiboot,module\";\n"
							    "\t\t\t\treg = <0 0x4a000000 0 0xffffff>;\n"
							    "\t\t\t};\n"
							    "\t\t};\n")})),
	       "");
	/* dom0's modules directly under /chosen, the way a bootloader fills
	 * them in, are not a domain's */
	expect(rt_check(R, 0, RT_FILES({"board.dts", CHOSEN("\t\tdom0 {\n"
							    "\t\t\tcompatible = \"multiboot,kernel\", \"multiboot,module\";\n"
							    "\t\t};\n")})),
	       "");
}
