/* A file without /dts-v1/ checked on its own is part of a tree: the
 * labels, macros and the /dts-v1/ it lacks come from the file that
 * includes it, so the model's findings about them are left out. The
 * engine tells them by their kind, not their wording. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "rule_testutil.h"

#define PART "&nolabel {\n\tx = <1>;\n};\n/ {\n\tFOO(1)\n\ty = <BAR>;\n};\n"

static void expect(char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free(got);
}

Test(engine_fragment, dtsi_alone_lacks_its_context)
{
	expect(rt_check("reference", 0, RT_FILES({"part.dtsi", PART})), "");
	expect(rt_check("syntax", 0, RT_FILES({"part.dtsi", PART})), "");
}

Test(engine_fragment, whole_tree_reports_them)
{
	expect(rt_check("reference", 0, RT_FILES({"part.dts", "/dts-v1/;\n" PART})),
	       "part.dts:2:1: error: label or path 'nolabel' not found (no root node yet)\n");
	expect(rt_check("syntax", 0, RT_FILES({"part.dts", "/dts-v1/;\n" PART})),
	       "part.dts:6:2: error: 'FOO' is not a defined macro, and dtc cannot read it\n"
	       "part.dts:7:7: error: 'BAR' is not a defined macro, and dtc cannot read it\n");
}

/* The file's other syntax errors still count when it is a fragment. */
Test(engine_fragment, real_syntax_errors_stay)
{
	expect(rt_check("syntax", 0, RT_FILES({"part.dtsi", "/ {\n\tx = <1>\n};\n"})),
	       "part.dtsi:3:1: error: expected ';' after property, found '}'\n");
}
