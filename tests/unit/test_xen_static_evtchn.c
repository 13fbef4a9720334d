/* xen-static-evtchn's --fix: a node with "xen,evtchn", which Xen ignores,
 * gets the "xen,evtchn-v1" it matches; a macro-spelled compatible is left
 * alone. The other cases are in tests/rules/hv/xen-static-evtchn/. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "rule_testutil.h"

#define R "xen-static-evtchn"

static const char tree[] = "/dts-v1/;\n/ {\n\tchosen {\n"
			   "\t\tec1: evtchn@1 {\n"
			   "\t\t\tcompatible = \"xen,evtchn\";\n"
			   "\t\t\txen,evtchn = <0xa &ec2>;\n"
			   "\t\t};\n"
			   "\t\tdomU1 {\n"
			   "\t\t\tcompatible = \"xen,domain\";\n"
			   "\t\t\txen,enhanced = \"no-xenstore\";\n"
			   "\t\t\tec2: evtchn@2 {\n"
			   "\t\t\t\tcompatible = \"xen,evtchn-v1\";\n"
			   "\t\t\t\txen,evtchn = <0xa &ec1>;\n"
			   "\t\t\t};\n"
			   "\t\t};\n\t};\n};\n";

Test(xen_static_evtchn, compatible_renamed_by_fix)
{
	char *got = rt_check(R, 0, RT_FILES({"board.dts", tree}));
	cr_assert_str_eq(got, "board.dts:5:17: error: the compatible of a static event channel is "
			      "\"xen,evtchn-v1\": Xen ignores a node with \"xen,evtchn\"\n"
			      "board.dts:13:23: error: the remote end evtchn@1 is not an event channel "
			      "node (compatible \"xen,evtchn-v1\")\n");
	free(got);
	char *fixed = rt_fixed(R, 0, RT_FILES({"board.dts", tree}));
	cr_assert(fixed && strstr(fixed, "\t\t\tcompatible = \"xen,evtchn-v1\";\n\t\t\txen,evtchn = <0xa &ec2>;"),
		  "%s", fixed ? fixed : "(no fix)");
	free(fixed);
}

Test(xen_static_evtchn, macro_spelling_not_fixed)
{
	const char *in = "/dts-v1/;\n#define EVT \"xen,evtchn\"\n/ {\n\tchosen {\n"
			 "\t\tevtchn@1 {\n\t\t\tcompatible = EVT;\n\t\t};\n\t};\n};\n";
	char *got = rt_check(R, 0, RT_FILES({"board.dts", in}));
	cr_assert(strstr(got, "Xen ignores a node with \"xen,evtchn\""), "%s", got);
	free(got);
	cr_assert_null(rt_fixed(R, 0, RT_FILES({"board.dts", in})));
}
