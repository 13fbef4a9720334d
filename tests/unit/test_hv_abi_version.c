#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "rule_testutil.h"

#define R "hv-abi-version"

static void expect(const char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free((void *)got);
}

#define HV(compat) "/dts-v1/;\n/ {\n\thypervisor {\n\t\tcompatible = " compat ";\n\t};\n};\n"

Test(hv_abi_version, malformed_xen)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\"xen,xen-4\", \"xen,xen\"")})),
	       "board.dts:4:16: error: malformed Xen ABI version \"xen,xen-4\": expected "
	       "\"xen,xen-<major>.<minor>\" (decimal, e.g. \"xen,xen-4.2\")\n"
	       "board.dts:4:16: warning: no versioned \"xen,xen-<major>.<minor>\" entry: Linux "
	       "reads the Xen ABI version from the first compatible entry\n");
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\"xen,xen-04.2\", \"xen,xen\"")})),
	       "board.dts:4:16: error: malformed Xen ABI version \"xen,xen-04.2\": expected "
	       "\"xen,xen-<major>.<minor>\" (decimal, e.g. \"xen,xen-4.2\")\n"
	       "board.dts:4:16: warning: no versioned \"xen,xen-<major>.<minor>\" entry: Linux "
	       "reads the Xen ABI version from the first compatible entry\n");
}

Test(hv_abi_version, malformed_epapr)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\"linux,kvm\", \"epapr,hypervisor-v1\"")})),
	       "board.dts:4:29: error: malformed ePAPR version \"epapr,hypervisor-v1\": expected "
	       "\"epapr,hypervisor-<major>[.<minor>]\" (decimal, e.g. \"epapr,hypervisor-1.1\")\n");
}

Test(hv_abi_version, xen_without_version_is_a_warning)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", "/dts-v1/;\n"
						   "/ {\n"
						   "\thypervisor: hypervisor@38000000 {\n"
						   "\t\tcompatible = \"xen,xen\";\n"
						   "\t};\n"
						   "};\n"})),
	       "board.dts:4:16: warning: no versioned \"xen,xen-<major>.<minor>\" entry: Linux "
	       "reads the Xen ABI version from the first compatible entry\n");
}

/* soc.dtsi's node is fine; the board's &label override drops the version. */
Test(hv_abi_version, override_by_label)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", "/dts-v1/;\n"
						   "#include \"soc.dtsi\"\n"
						   "&xen {\n"
						   "\tcompatible = \"xen,xen-4.x\", \"xen,xen\";\n"
						   "};\n"})),
	       "board.dts:4:15: error: malformed Xen ABI version \"xen,xen-4.x\": expected "
	       "\"xen,xen-<major>.<minor>\" (decimal, e.g. \"xen,xen-4.2\")\n"
	       "board.dts:4:15: warning: no versioned \"xen,xen-<major>.<minor>\" entry: Linux "
	       "reads the Xen ABI version from the first compatible entry\n");
}

/* A version written through a macro from a header is checked expanded. */
Test(hv_abi_version, version_from_a_macro)
{
	const struct rt_file f[] = {
		{"board.dts", "/dts-v1/;\n#include <ver.h>\n" HV("XEN_VERSIONED, \"xen,xen\"")},
		{"include/ver.h", "#define XEN_VERSIONED \"xen,xen-4.17\"\n"},
	};
	expect(rt_check(R, 0, f, 2), "");
	const struct rt_file g[] = {
		{"board.dts", "/dts-v1/;\n#include <ver.h>\n" HV("XEN_VERSIONED, \"xen,xen\"")},
		{"include/ver.h", "#define XEN_VERSIONED \"xen,xen-4.x\"\n"},
	};
	char *got = rt_check(R, 0, g, 2);
	cr_assert(strstr(got, "board.dts:6:16: error: malformed Xen ABI version \"xen,xen-4.x\""),
		  "%s", got);
	free(got);
}

Test(hv_abi_version, good_versions)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", "/dts-v1/;\n#include \"soc.dtsi\"\n"})), "");
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\"xen,xen-4.17\", \"xen,xen\"")})), "");
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\"linux,kvm\", \"epapr,hypervisor-1\"")})), "");
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\"fsl,hv\", \"epapr,hypervisor-1.1\"")})), "");
}
