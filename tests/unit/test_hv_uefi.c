#include <criterion/criterion.h>
#include <stdlib.h>

#include "rule_testutil.h"

#define R "hv-uefi"

static void expect(const char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free((void *)got);
}

#define BOARD(body) "/dts-v1/;\n#include <irq.h>\n#include \"soc.dtsi\"\n&xen {\n" body "};\n"
#define UEFI_OK                                                                \
	"\t\txen,uefi-system-table = <0x0 0xbf000000>;\n"                      \
	"\t\txen,uefi-mmap-start = <0x0 0xbe000000>;\n"                        \
	"\t\txen,uefi-mmap-size = <0x1000>;\n"                                 \
	"\t\txen,uefi-mmap-desc-size = <0x30>;\n"                              \
	"\t\txen,uefi-mmap-desc-ver = <1>;\n"

Test(hv_uefi, missing_parameters)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", BOARD("\tuefi {\n"
							   "\t\txen,uefi-system-table = <0x0 0xbf000000>;\n"
							   "\t\txen,uefi-mmap-start = <0x0 0xbe000000>;\n"
							   "\t};\n")})),
	       "board.dts:5:2: error: uefi node lacks xen,uefi-mmap-desc-size (a 32-bit value)\n"
	       "board.dts:5:2: error: uefi node lacks xen,uefi-mmap-desc-ver (a 32-bit value)\n"
	       "board.dts:5:2: error: uefi node lacks xen,uefi-mmap-size (a 32-bit value)\n");
}

Test(hv_uefi, wrong_sizes)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", BOARD("\tuefi {\n"
							   "\t\txen,uefi-system-table = <0xbf000000>;\n"
							   "\t\txen,uefi-mmap-start = <0x0 0xbe000000>;\n"
							   "\t\txen,uefi-mmap-size = /bits/ 64 <0x1000>;\n"
							   "\t\txen,uefi-mmap-desc-size = <0x30>;\n"
							   "\t\txen,uefi-mmap-desc-ver = \"1\";\n"
							   "\t};\n")})),
	       "board.dts:6:3: error: xen,uefi-system-table is a 64-bit value (two cells: <hi lo>), "
	       "not 32 bits\n"
	       "board.dts:8:3: error: xen,uefi-mmap-size is a 32-bit value (one cell), not 64 bits\n"
	       "board.dts:10:3: error: xen,uefi-mmap-desc-ver is a 32-bit value (one cell), not a "
	       "string or bytes\n");
}

/* The uefi node is written in the .dtsi (with macros from the header); the
 * board breaks one parameter through the label. */
Test(hv_uefi, dtsi_node_changed_by_label)
{
	const struct rt_file f[] = {
		{"board.dts", "/dts-v1/;\n#include \"xen-uefi.dtsi\"\n&uefi {\n"
			      "\txen,uefi-mmap-start = <UEFI_MMAP>;\n};\n"},
		{"include/uefi.h", "#define UEFI_MMAP 0xbe000000\n#define UEFI_ST 0x0 0xbf000000\n"},
		{"xen-uefi.dtsi", "#include <uefi.h>\n#include \"soc.dtsi\"\n&xen {\n"
				  "\tuefi: uefi {\n"
				  "\t\txen,uefi-system-table = <UEFI_ST>;\n"
				  "\t\txen,uefi-mmap-start = <0x0 UEFI_MMAP>;\n"
				  "\t\txen,uefi-mmap-size = <0x1000>;\n"
				  "\t\txen,uefi-mmap-desc-size = <0x30>;\n"
				  "\t\txen,uefi-mmap-desc-ver = <1>;\n"
				  "\t};\n};\n"},
	};
	expect(rt_check(R, 1, f, 3),
	       "board.dts:4:2: error: xen,uefi-mmap-start is a 64-bit value (two cells: <hi lo>), "
	       "not 32 bits\n");
}

Test(hv_uefi, good_uefi)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", BOARD("\tuefi {\n" UEFI_OK "\t};\n")})), "");
	expect(rt_check(R, 1, RT_FILES({"board.dts", BOARD("\tuefi {\n"
							   "\t\txen,uefi-system-table = /bits/ 64 <0xbf000000>;\n"
							   "\t\txen,uefi-mmap-start = /bits/ 64 <0xbe000000>;\n"
							   "\t\txen,uefi-mmap-size = <0x1000>;\n"
							   "\t\txen,uefi-mmap-desc-size = <0x30>;\n"
							   "\t\txen,uefi-mmap-desc-ver = <1>;\n"
							   "\t};\n")})),
	       "");
	/* a uefi node outside a hypervisor node is someone else's */
	expect(rt_check(R, 0, RT_FILES({"board.dts", "/dts-v1/;\n/ {\n\tuefi {\n\t\tfoo = <1>;\n\t};\n};\n"})), "");
}
