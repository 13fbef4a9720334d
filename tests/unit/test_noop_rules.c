/* deleted-missing and override-unchanged where files meet: the finding is
 * at the statement, in the file that holds it; a deletion that names an
 * unknown label is a reference error, not a no-op; a value restated from
 * another file is not reported. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "rule_testutil.h"

static void expect(char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free(got);
}

#define SOC \
	"/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n" \
	"\tsoc: soc {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n" \
	"\t\tuart0: serial@1000 {\n\t\t\treg = <0x1000 0x100>;\n\t\t\tstatus = \"disabled\";\n" \
	"\t\t};\n\t};\n};\n"

Test(deleted_missing, in_an_included_dtsi)
{
	expect(rt_check("deleted-missing", 0,
			RT_FILES({"board.dts", "/dts-v1/;\n#include \"soc.dtsi\"\n#include \"cut.dtsi\"\n"},
				 {"soc.dtsi", SOC},
				 {"cut.dtsi", "&soc {\n\t/delete-node/ serial@10000;\n\t/delete-node/ serial@1000;\n};\n"})),
	       "cut.dtsi:2:2: warning: /delete-node/ serial@10000; has no effect: /soc has no child "
	       "node 'serial@10000' at this point\n");
}

Test(deleted_missing, order_and_repeats)
{
	/* the second deletion finds the property already gone */
	expect(rt_check("deleted-missing", 0,
			RT_FILES({"board.dts", "/dts-v1/;\n#include \"soc.dtsi\"\n"
					       "&uart0 {\n\t/delete-property/ status;\n};\n"
					       "&uart0 {\n\t/delete-property/ status;\n};\n"},
				 {"soc.dtsi", SOC})),
	       "board.dts:7:2: warning: /delete-property/ status; has no effect: /soc/serial@1000 "
	       "has no property 'status' at this point\n");
}

Test(deleted_missing, unknown_label_is_a_reference_error)
{
	expect(rt_check("deleted-missing", 0,
			RT_FILES({"board.dts", "/dts-v1/;\n#include \"soc.dtsi\"\n/delete-node/ &nolabel;\n"},
				 {"soc.dtsi", SOC})),
	       "");
	expect(rt_check("reference", 0,
			RT_FILES({"board.dts", "/dts-v1/;\n#include \"soc.dtsi\"\n/delete-node/ &nolabel;\n"},
				 {"soc.dtsi", SOC})),
	       "board.dts:3:15: error: label or path 'nolabel' not found\n");
}

/* dtc applies deletions only when a body merges into an existing node. */
Test(deleted_missing, inside_the_first_body)
{
	expect(rt_check("deleted-missing", 0,
			RT_FILES({"board.dts", "/dts-v1/;\n/ {\n\tn {\n\t\tx = <1>;\n"
					       "\t\t/delete-property/ x;\n\t};\n};\n"})),
	       "board.dts:5:3: warning: /delete-property/ x; has no effect: /n is first defined in "
	       "this body, and dtc deletes only what an earlier body defined\n");
}

/* A .dtsi checked alone may delete what its includer defines. */
Test(deleted_missing, fragment_checked_alone)
{
	expect(rt_check("deleted-missing", 0,
			RT_FILES({"cut.dtsi", "/ {\n\tsoc {\n\t\t/delete-node/ serial@1000;\n\t};\n};\n"})),
	       "");
}

Test(override_unchanged, same_file_only)
{
	expect(rt_check("override-unchanged", 0,
			RT_FILES({"board.dts", "/dts-v1/;\n#include \"soc.dtsi\"\n"
					       "&uart0 {\n\tstatus = \"disabled\";\n};\n"
					       "&uart0 {\n\tstatus = \"okay\";\n\treg = <0x1000 0x100>;\n};\n"
					       "&uart0 {\n\tstatus = \"okay\";\n};\n"},
				 {"soc.dtsi", SOC})),
	       "board.dts:11:2: note: 'status' of /soc/serial@1000 is set again to the value line 7 "
	       "gave it: this definition has no effect\n");
}

/* Values compare as dtc stores them: a macro and its expansion are the
 * same value; a new label makes the second definition do something. */
Test(override_unchanged, values_as_dtc_stores_them)
{
	expect(rt_check("override-unchanged", 0,
			RT_FILES({"board.dts", "/dts-v1/;\n#define SPEED 115200\n"
					       "/ {\n\tu: uart {\n\t\tcurrent-speed = <115200>;\n\t\tx = \"a\";\n\t};\n};\n"
					       "&u {\n\tcurrent-speed = <SPEED>;\n\tlx: x = \"a\";\n};\n"})),
	       "board.dts:10:2: note: 'current-speed' of /uart is set again to the value line 5 "
	       "gave it: this definition has no effect\n");
}
