/* Names, labels and references that macros make, through the whole
 * pipeline: the model reads them expanded, the name rules stay silent on
 * the macro text, and the formatter keeps them as written. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "formatter/format.h"
#include "rule_testutil.h"
#include "style_testutil.h"

static void expect(char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free(got);
}

#define DIE "/ {\n\tsoc {\n\t\tDIE_NODE(pinctrl_ap): pinctrl@39b028000 { };\n\t};\n};\n"

Test(macro_names_engine, labels_made_by_the_includer)
{
	const char *board = "/dts-v1/;\n#define DIE_NODE(a) a##_die0\n#include \"die.dtsi\"\n"
			    "&pinctrl_ap_die0 { status = \"okay\"; };\n";
	expect(rt_check("syntax", 0, RT_FILES({"board.dts", board}, {"die.dtsi", DIE})), "");
	expect(rt_check("reference", 0, RT_FILES({"board.dts", board}, {"die.dtsi", DIE})), "");
	/* nobody defines it: dtc could not read it */
	expect(rt_check("syntax", 0, RT_FILES({"bad.dts", "/dts-v1/;\n" DIE})),
	       "bad.dts:4:3: error: 'DIE_NODE' is not a defined macro, and dtc cannot read it\n");
}

#define CP "/ {\n\tCP11X_NAME: CP11X_BASE { };\n\tCP11X_LABEL(t): CP11X_NODE_NAME(ic-thermal) { };\n};\n"

Test(macro_names_engine, name_rules_judge_no_macro_text)
{
	expect(style_run("node-name", "cp.dtsi", CP), "");
	expect(style_run("label-style", "cp.dtsi", CP), "");
	/* a name written in capitals is still one */
	char *got = style_run("node-name", "x.dtsi", "/ {\n\tLED1 { };\n\tUART0: u { };\n};\n");
	cr_assert(strstr(got, "'LED1'"), "%s", got);
	free(got);
	got = style_run("label-style", "x.dtsi", "/ {\n\tUART0: u { };\n};\n");
	cr_assert(strstr(got, "'UART0'"), "%s", got);
	free(got);
}

Test(macro_names_engine, formatter_keeps_macro_names_as_written)
{
	const char *in = "/ {\n\tL(a):   N(ic-thermal) {\n\t\tp = <&L(b) 0>;\n\t};\n};\n";
	struct fmt_result r;
	fmt_buffer(in, strlen(in), NULL, &r);
	cr_assert_eq(r.status, FMT_OK);
	cr_assert_str_eq(r.text, "/ {\n\tL(a): N(ic-thermal) {\n\t\tp = <&L(b) 0>;\n\t};\n};\n");
	fmt_result_free(&r);
}
