#include <criterion/criterion.h>
#include <stdlib.h>

#include "rule_testutil.h"

#define R "hv-compatible-order"

static void expect(const char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free((void *)got);
}

#define HV(compat) "/dts-v1/;\n/ {\n\thypervisor {\n\t\tcompatible = " compat ";\n\t};\n};\n"

Test(hv_compatible_order, xen_generic_first)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\"xen,xen\", \"xen,xen-4.2\"")})),
	       "board.dts:4:16: error: \"xen,xen\" must come after the versioned \"xen,xen-4.2\"\n"
	       "board.dts:4:27: error: \"xen,xen-4.2\" must be the first compatible entry: Linux "
	       "reads the Xen ABI version from the first one\n");
	char *fixed = rt_fixed(R, 0, RT_FILES({"board.dts", HV("\"xen,xen\", \"xen,xen-4.2\"")}));
	cr_assert_str_eq(fixed, HV("\"xen,xen-4.2\", \"xen,xen\""));
	free(fixed);
}

Test(hv_compatible_order, xen_generic_missing_and_twice)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\"xen,xen-4.2\"")})),
	       "board.dts:4:3: error: compatible lacks the generic \"xen,xen\" (as its last "
	       "entry): Linux matches the hypervisor node on it\n");
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\"xen,xen-4.2\", \"xen,xen\", \"xen,xen\"")})),
	       "board.dts:4:42: error: \"xen,xen\" is listed twice in compatible\n");
}

Test(hv_compatible_order, epapr_generic_first)
{
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\"epapr,hypervisor-1.1\", \"linux,kvm\"")})),
	       "board.dts:4:16: error: \"epapr,hypervisor-1.1\" must come after the "
	       "hypervisor-specific entries\n");
	char *fixed = rt_fixed(R, 0, RT_FILES({"board.dts", HV("\"epapr,hypervisor-1.1\",\n\t\t\t     \"linux,kvm\"")}));
	cr_assert_str_eq(fixed, HV("\"linux,kvm\",\n\t\t\t     \"epapr,hypervisor-1.1\""),
			 "the fix keeps the layout");
	free(fixed);
}

/* The board overrides the .dtsi's correct list with a wrong one: the
 * finding is in the board, where the effective value is written. */
Test(hv_compatible_order, override_by_label)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", "/dts-v1/;\n"
						   "#include \"soc.dtsi\"\n"
						   "&xen {\n"
						   "\tcompatible = \"xen,xen\", \"xen,xen-4.6\";\n"
						   "};\n"})),
	       "board.dts:4:15: error: \"xen,xen\" must come after the versioned \"xen,xen-4.6\"\n"
	       "board.dts:4:26: error: \"xen,xen-4.6\" must be the first compatible entry: "
	       "Linux reads the Xen ABI version from the first one\n");
}

/* A string written through a macro is checked, but not rewritten. */
Test(hv_compatible_order, macro_string_not_fixed)
{
	const struct rt_file f[] = {
		{"board.dts", "/dts-v1/;\n#include <ver.h>\n" HV("\"xen,xen\", XEN_VERSIONED")},
		{"include/ver.h", "#define XEN_VERSIONED \"xen,xen-4.2\"\n"},
	};
	expect(rt_check(R, 0, f, 2),
	       "board.dts:6:16: error: \"xen,xen\" must come after the versioned \"xen,xen-4.2\"\n"
	       "board.dts:6:27: error: \"xen,xen-4.2\" must be the first compatible entry: Linux "
	       "reads the Xen ABI version from the first one\n");
	cr_assert_null(rt_fixed(R, 0, f, 2));
}

Test(hv_compatible_order, good_lists)
{
	expect(rt_check(R, 1, RT_FILES({"board.dts", "/dts-v1/;\n#include \"soc.dtsi\"\n"})), "");
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\"linux,kvm\", \"epapr,hypervisor-1.1\"")})), "");
	expect(rt_check(R, 0, RT_FILES({"board.dts", HV("\"linux,kvm\"")})), "");
}
