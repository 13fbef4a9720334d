/* What the preprocessor makes is judged after expansion: a macro's
 * arguments are preprocessing tokens, not dtc literals, and a macro may
 * stand wherever the grammar has a name (label, node or property name,
 * unit address, reference), as it may for a value. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "dt_testutil.h"

/* Linux aspeed-bmc-delta-ahe50dc.dts: EFUSE_OUTPUT(08) pastes "efuse08" */
Test(parser_macro_names, macro_argument_is_a_pp_number)
{
	EXPECT_ERRORS("/dts-v1/; / { EFUSE_OUTPUT(08); EFUSE(17, 08); };", "");
	EXPECT_ERRORS("/dts-v1/; / { p = <FOO(09)>; q = FOO(0x); };", "");
	/* where dtc reads it, it is still a bad literal */
	EXPECT_ERRORS("/dts-v1/; / { p = <08>; };", "1:20: bad integer literal '08'");
}

/* Linux apple/t600x-dieX.dtsi: DIE_NODE(x) makes a label, and a reference */
Test(parser_macro_names, label_made_by_a_macro)
{
	EXPECT_ERRORS("/ { soc { DIE_NODE(cpufreq_p): cpufreq@211e20000 { reg = <1>; }; }; };\n"
		      "&DIE_NODE(cpufreq_p) { status = \"okay\"; };\n", "");
	EXPECT_CST("/ { a: DIE_NODE(x): b: n { }; };",
		   "(node / (node a: b: n))");
	EXPECT_CST("/ { L(x): p = <1>; };", "(node / (property p (cells (number 1))))");
}

/* Linux marvell/armada-cp11x.dtsi: labels, node names, references and
 * unit addresses that CP11X_* macros make */
Test(parser_macro_names, names_and_references_made_by_macros)
{
	EXPECT_ERRORS("/ {\n"
		      "\tCP11X_NAME: CP11X_BASE { };\n"
		      "\tCP11X_LABEL(thermal_ic): CP11X_NODE_NAME(ic-thermal) {\n"
		      "\t\tthermal-sensors = <&CP11X_LABEL(thermal) 0>;\n"
		      "\t\tdev = &CP11X_LABEL(thermal);\n"
		      "\t};\n"
		      "};\n"
		      "&CP11X_NAME {\n"
		      "\tPROP_NAME(a) = <1>;\n"
		      "\tconfig-space@CP11X_BASE { x; };\n"
		      "\tcpu@ADDR(1) { y; };\n"
		      "\t/delete-node/ NODE(b);\n"
		      "};\n"
		      "/delete-node/ &LBL(c);\n", "");
	EXPECT_CST("/ { CP11X_NODE_NAME(ic-thermal) { p = <&L(t) 0>; }; };",
		   "(node / (node CP11X_NODE_NAME (property p (cells (cell-ref &L) (number 0)))))");
	EXPECT_CST("&M(b) { };", "(ref-node &M)");
}

/* What is not a macro call stays what dtc reads */
Test(parser_macro_names, still_dtc_grammar)
{
	/* a phandle, then a parenthesised expression */
	EXPECT_CST("/dts-v1/; / { p = <&x (1)>; };",
		   "(version) (node / (property p (cells (cell-ref &x) (paren (number 1)))))");
	/* a macro statement, as before */
	EXPECT_CST("/dts-v1/; / { FOO(a); };",
		   "(version) (node / (macro-statement FOO (macro-arg a)))");
	EXPECT_ERRORS("/dts-v1/; / { n { }; p = <1>; };", "1:22: properties must precede subnodes");
}

/* Zephyr's dtlib takes properties after a /delete-node/ in a node
 * (dts/riscv/andes/andes_v5_ae350_clic.dtsi); dtc does not. */
Test(parser_macro_names, dtlib_properties_after_delete_node)
{
	const char *in = "/ { cpus { cpu@0 { /delete-node/ interrupt-controller; x = <1>; }; }; };";
	EXPECT_ERRORS(in, "1:56: properties must precede subnodes");
	struct dt_parsed p;
	dt_parse_text_flags(&p, in, strlen(in), DT_PARSE_DTLIB);
	cr_expect_eq(p.cst.nerrors, 0);
	dt_parsed_free(&p);
	/* after a real child node it is still an error there too */
	const char *child = "/ { n { }; x = <1>; };";
	dt_parse_text_flags(&p, child, strlen(child), DT_PARSE_DTLIB);
	cr_expect_eq(p.cst.nerrors, 1);
	dt_parsed_free(&p);
}
