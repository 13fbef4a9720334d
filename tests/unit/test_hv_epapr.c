#include <criterion/criterion.h>
#include <stdlib.h>

#include "rule_testutil.h"

#define R "hv-epapr"

static void expect(const char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free((void *)got);
}

#define HV(body)                                                               \
	"/dts-v1/;\n/ {\n\thypervisor {\n"                                     \
	"\t\tcompatible = \"fsl,hv\", \"epapr,hypervisor-1.1\";\n" body "\t};\n};\n"
#define GOOD_PROPS                                                             \
	"\t\thcall-instructions = <0x44000022>;\n"                             \
	"\t\tguest-id = <1>;\n"                                                \
	"\t\tguest-name = \"linux\";\n"

Test(hv_epapr, all_missing)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("")})),
	       "board.dts:3:2: error: ePAPR hypervisor node lacks guest-id (one 32-bit cell)\n"
	       "board.dts:3:2: error: ePAPR hypervisor node lacks guest-name (a string)\n"
	       "board.dts:3:2: error: ePAPR hypervisor node lacks hcall-instructions (1 to 4 "
	       "32-bit cells)\n");
}

Test(hv_epapr, wrong_values)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\t\thcall-instructions = <1 2 3 4 5>;\n"
							"\t\tguest-id = <1 2>;\n"
							"\t\tguest-name = <7>;\n")})),
	       "board.dts:5:3: error: hcall-instructions must be 1 to 4 32-bit cells, not 5\n"
	       "board.dts:6:3: error: guest-id must be one 32-bit cell, not 2\n"
	       "board.dts:7:3: error: guest-name must be one string\n");
}

Test(hv_epapr, flags_must_be_empty)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV(GOOD_PROPS "\t\thas-idle = <1>;\n"
							"\t\thas-msgsnd-hcall = \"yes\";\n")})),
	       "board.dts:8:3: error: has-idle is a flag: it must be empty (has-idle;)\n"
	       "board.dts:9:3: error: has-msgsnd-hcall is a flag: it must be empty "
	       "(has-msgsnd-hcall;)\n");
}

/* The node is in a .dtsi, with instructions from a header macro; the
 * board's override adds a sixth instruction. */
Test(hv_epapr, dtsi_node_changed_by_label_with_macros)
{
	const struct rt_file f[] = {
		{"board.dts", "/dts-v1/;\n#include \"hv.dtsi\"\n&hv {\n"
			      "\thcall-instructions = <HCALL_SEQ 0x60000000 0x60000000 0x60000000>;\n"
			      "};\n"},
		{"include/hcall.h", "#define HCALL_SEQ 0x7c0802a6 0x44000022\n"},
		{"hv.dtsi", "#include <hcall.h>\n/ {\n\thv: hypervisor {\n"
			    "\t\tcompatible = \"fsl,hv\", \"epapr,hypervisor-1.1\";\n"
			    "\t\thcall-instructions = <HCALL_SEQ>;\n"
			    "\t\tguest-id = <1>;\n\t\tguest-name = \"linux\";\n\t};\n};\n"},
	};
	expect(rt_check(R, 0, f, 3),
	       "board.dts:4:2: error: hcall-instructions must be 1 to 4 32-bit cells, not 5\n");
	const struct rt_file g[] = {{"board.dts", "/dts-v1/;\n#include \"hv.dtsi\"\n"}, f[1], f[2]};
	expect(rt_check(R, 0, g, 3), "");
}

Test(hv_epapr, good_nodes)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV(GOOD_PROPS "\t\thas-idle;\n"
							"\t\thas-msgsnd-hcall;\n")})),
	       "");
	/* linux,kvm alone is not an ePAPR node */
	expect(rt_check(R, 0, RT_FILES({"board.dts", "/dts-v1/;\n/ {\n\thypervisor {\n"
						   "\t\tcompatible = \"linux,kvm\";\n\t};\n};\n"})),
	       "");
}
