/* xen-dom0less and xen-boot-module through the engine: exact findings,
 * --fix of a module's compatible order, and domains completed through a
 * label in another file with header macros. The wider bad/good cases are
 * in tests/rules/hv/. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "rule_testutil.h"

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
	expect(rt_check("xen-dom0less", 0,
			RT_FILES({"board.dts", CHOSEN("\t\tdomU1 {\n"
						      "\t\t\tcompatible = \"xen,domain\";\n"
						      "\t\t\tmemory = <0x20000>;\n"
						      "\t\t};\n")})),
	       "board.dts:4:3: warning: xen,domain node domU1 lacks #address-cells: booting.txt "
	       "requires it, for the reg of the domain's boot modules\n"
	       "board.dts:4:3: warning: xen,domain node domU1 lacks #size-cells: booting.txt "
	       "requires it, for the reg of the domain's boot modules\n"
	       "board.dts:4:3: error: xen,domain node domU1 lacks cpus (the number of vCPUs): Xen "
	       "panics\n"
	       "board.dts:6:4: error: memory is a 64-bit number of KiB: two cells <hi lo> (e.g. <0 "
	       "0x20000>), not 32 bits; Xen cannot read it and refuses to build the domain\n");
}

Test(xen_dom0less, module_order_fixed)
{
	const char *in = CHOSEN("\t\tdomU1 {\n" DOMAIN_OK
				"\t\t\tkernel {\n"
				"\t\t\t\tcompatible = \"multiboot,module\", \"multiboot,kernel\";\n"
				"\t\t\t\txen,uefi-binary = \"Image\";\n"
				"\t\t\t};\n"
				"\t\t};\n");
	expect(rt_check("xen-boot-module", 0, RT_FILES({"board.dts", in})),
	       "board.dts:11:18: error: \"multiboot,module\" must come after the specific entry "
	       "(\"multiboot,kernel\"): compatible lists go from specific to generic\n");
	char *fixed = rt_fixed("xen-boot-module", 0, RT_FILES({"board.dts", in}));
	cr_assert(fixed && strstr(fixed, "compatible = \"multiboot,kernel\", \"multiboot,module\";"),
		  "%s", fixed ? fixed : "(no fix)");
	free(fixed);
}

/* A domain from a .dtsi completed through its label, with the module's
 * address from header macros: measured in the domain's cells. */
Test(xen_dom0less, dtsi_domain_changed_by_label_with_macros)
{
	const struct rt_file f[] = {
		{"board.dts", "/dts-v1/;\n#include <addr.h>\n#include \"doms.dtsi\"\n&domu {\n"
			      "\tcpus = <1>;\n"
			      "\tramdisk@KERNEL_HI {\n"
			      "\t\tcompatible = \"multiboot,ramdisk\", \"multiboot,module\";\n"
			      "\t\treg = <KERNEL_ADDR KERNEL_SIZE>;\n"
			      "\t};\n};\n"},
		{"include/addr.h", "#define KERNEL_ADDR 0x4a000000\n#define KERNEL_SIZE 0xffffff\n"
				   "#define KERNEL_HI 4a000000\n"},
		{"doms.dtsi", "/ {\n\tchosen {\n\t\tdomu: domU1 {\n"
			      "\t\t\tcompatible = \"xen,domain\";\n"
			      "\t\t\t#address-cells = <2>;\n\t\t\t#size-cells = <2>;\n"
			      "\t\t\tmemory = <0 0x20000>;\n\t\t};\n\t};\n};\n"},
	};
	expect(rt_check("xen-boot-module", 0, f, 3),
	       "board.dts:8:3: error: reg has 2 cells, but a boot module is one region of 2 address "
	       "and 2 size cells (#address-cells / #size-cells that Xen reads from domU1)\n");
	expect(rt_check("xen-dom0less", 0, f, 3), "");
	const struct rt_file g[] = {{"board.dts", "/dts-v1/;\n#include \"doms.dtsi\"\n"}, f[1], f[2]};
	expect(rt_check("xen-dom0less", 0, g, 3),
	       "doms.dtsi:3:9: error: xen,domain node domU1 lacks cpus (the number of vCPUs): Xen "
	       "panics\n");
}

Test(xen_dom0less, good_trees)
{
	const char *in = CHOSEN("\t\tdomU1 {\n" DOMAIN_OK
				"\t\t\tmodule@4a000000 {\n"
				"\t\t\t\tcompatible = \"multiboot,kernel\", \"multiboot,module\";\n"
				"\t\t\t\treg = <0 0x4a000000 0 0xffffff>;\n"
				"\t\t\t};\n"
				"\t\t};\n");
	expect(rt_check("xen-dom0less", 0, RT_FILES({"board.dts", in})), "");
	expect(rt_check("xen-boot-module", 0, RT_FILES({"board.dts", in})), "");
}
