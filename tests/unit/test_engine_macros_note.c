/* A macro the preprocessor leaves is judged by who defines it: a .dtsi's
 * includer (t600x-dieX.dtsi's DIE_NODE, s5pv210-aries.dtsi's KEY_MENU), or
 * a build that passes its own -D (U-Boot's test/boot/files/expo_layout.dts
 * gets its ID_* from the test's build). Then it is one note per name, not
 * a syntax error; in a whole kernel board dtc would stop on it. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "rule_testutil.h"

static void expect(char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free(got);
}

#define EXPO "/dts-v1/;\n/ {\n\tscene {\n\t\tid = <ID_SCENE1>;\n\t\tx = <ID_SCENE1 ID_TITLE>;\n\t};\n};\n"

Test(engine_macros_note, build_defines_them)
{
	expect(rt_check_profile("syntax", "u-boot", RT_FILES({"expo.dts", EXPO})), "");
	expect(rt_check_profile("preprocessor", "u-boot", RT_FILES({"expo.dts", EXPO})),
	       "expo.dts:4:9: note: 'ID_SCENE1' and 'ID_TITLE' are not defined here; u-boot builds "
	       "may define them (pass -D NAME=VALUE to judge their uses)\n");
	expect(rt_check_profile("syntax", "zephyr", RT_FILES({"expo.dts", EXPO})), "");
	/* the kernel's cpp gets no defines: dtc would stop on it */
	expect(rt_check_profile("syntax", "kernel", RT_FILES({"expo.dts", EXPO})),
	       "expo.dts:4:9: error: 'ID_SCENE1' is not a defined macro, and dtc cannot read it\n"
	       "expo.dts:5:8: error: 'ID_SCENE1' is not a defined macro, and dtc cannot read it\n"
	       "expo.dts:5:18: error: 'ID_TITLE' is not a defined macro, and dtc cannot read it\n");
}

#define ARIES "/ {\n\tkeys {\n\t\tmenu {\n\t\t\tlinux,code = <KEY_MENU>;\n\t\t};\n\t\tback {\n" \
	      "\t\t\tlinux,code = <KEY_MENU>;\n\t\t};\n\t};\n\tDIE_NODE(x): n { };\n};\n"

Test(engine_macros_note, includer_defines_them)
{
	expect(rt_check("syntax", 0, RT_FILES({"aries.dtsi", ARIES})), "");
	expect(rt_check("preprocessor", 0, RT_FILES({"aries.dtsi", ARIES})),
	       "aries.dtsi:4:18: note: 'KEY_MENU' and 'DIE_NODE' are not defined here: the files "
	       "that include this one must define them (checked alone, their uses are not "
	       "judged)\n");
}

#define ANDES "/ {\n\tcpus {\n\t\tcpu@0 {\n\t\t\t/delete-node/ interrupt-controller;\n" \
	      "\t\t\triscv,isa = \"rv32\";\n\t\t};\n\t};\n};\n"

/* Zephyr's dtlib reads properties after /delete-node/ in a node; dtc not */
Test(engine_macros_note, dtlib_grammar_by_profile)
{
	expect(rt_check_profile("syntax", "zephyr", RT_FILES({"clic.dtsi", ANDES})), "");
	expect(rt_check_profile("syntax", "zmk", RT_FILES({"clic.dtsi", ANDES})), "");
	expect(rt_check_profile("syntax", "kernel", RT_FILES({"clic.dtsi", ANDES})),
	       "clic.dtsi:5:4: error: properties must precede subnodes\n");
}

/* A Zephyr overlay or a ZMK keymap is applied onto the board's tree: the
 * labels it uses are the board's. */
Test(engine_macros_note, overlay_labels_come_from_the_board)
{
	const char *ov = "/ {\n\tzephyr,user {\n\t\tio-channels = <&adc0 1>;\n\t};\n};\n"
			 "&adc0 {\n\tstatus = \"okay\";\n};\n";
	expect(rt_check("phandle-references", 0, RT_FILES({"board.overlay", ov})), "");
	expect(rt_check("reference", 0, RT_FILES({"board.overlay", ov})), "");
	expect(rt_check("phandle-references", 0, RT_FILES({"x.keymap", ov})), "");
	/* a whole board still must define them */
	char *got = rt_check("phandle-references", 0,
			     RT_FILES({"b.dts", "/dts-v1/;\n/ {\n\tx = <&adc0 1>;\n};\n"}));
	cr_assert(strstr(got, "unknown node or label \"adc0\""), "%s", got);
	free(got);
}
