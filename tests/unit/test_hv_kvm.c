#include <criterion/criterion.h>
#include <stdlib.h>

#include "rule_testutil.h"

#define R "hv-kvm"

static void expect(const char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free((void *)got);
}

#define HV(body) "/dts-v1/;\n/ {\n\thypervisor {\n\t\tcompatible = \"linux,kvm\";\n" body "\t};\n};\n"

Test(hv_kvm, too_many_instructions)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\t\thcall-instructions = <1 2 3 4 5>;\n")})),
	       "board.dts:5:3: error: hcall-instructions has 5 cells: Linux rejects more than 4 "
	       "instructions and runs without KVM hypercalls\n");
}

Test(hv_kvm, documented_name_is_never_read)
{
	const char *in = HV("\t\thypercall-instructions = <0x7c0802a6 0x44000022>;\n");
	expect(rt_check(R, 0, RT_FILES({"board.dts", in})),
	       "board.dts:5:3: warning: \"hypercall-instructions\" is never read: Linux reads "
	       "\"hcall-instructions\"\n");
	char *fixed = rt_fixed(R, 0, RT_FILES({"board.dts", in}));
	cr_assert_str_eq(fixed, HV("\t\thcall-instructions = <0x7c0802a6 0x44000022>;\n"));
	free(fixed);
}

Test(hv_kvm, both_names_no_fix)
{
	const char *in = HV("\t\thcall-instructions = <0x44000022>;\n"
			    "\t\thypercall-instructions = <0x44000022>;\n");
	expect(rt_check(R, 0, RT_FILES({"board.dts", in})),
	       "board.dts:6:3: warning: \"hypercall-instructions\" is never read: Linux reads "
	       "\"hcall-instructions\" (also present here)\n");
	cr_assert_null(rt_fixed(R, 0, RT_FILES({"board.dts", in})));
}

/* The KVM node comes from a .dtsi with a label and header macros; the
 * board adds the misnamed property through &kvm: the fix edits the board. */
Test(hv_kvm, dtsi_node_changed_by_label_with_macros)
{
	const struct rt_file f[] = {
		{"board.dts", "/dts-v1/;\n#include \"kvm.dtsi\"\n&kvm {\n"
			      "\tlabel1: hypercall-instructions = <HCALL>;\n};\n"},
		{"include/hcall.h", "#define HCALL 0x7c0802a6 0x44000022\n"},
		{"kvm.dtsi", "#include <hcall.h>\n/ {\n\tkvm: hypervisor {\n"
			     "\t\tcompatible = \"linux,kvm\";\n\t};\n};\n"},
	};
	expect(rt_check(R, 0, f, 3),
	       "board.dts:4:10: warning: \"hypercall-instructions\" is never read: Linux reads "
	       "\"hcall-instructions\"\n");
	char *fixed = rt_fixed(R, 0, f, 3);
	cr_assert_str_eq(fixed, "/dts-v1/;\n#include \"kvm.dtsi\"\n&kvm {\n"
				"\tlabel1: hcall-instructions = <HCALL>;\n};\n");
	free(fixed);
}

Test(hv_kvm, good_nodes)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("")})), "");
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\t\thcall-instructions = <0x7c0802a6 0x44000022 0x60000000 0x60000000>;\n")})), "");
}
