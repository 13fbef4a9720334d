/* Where a line classifier like dt-check-style goes wrong and dtidy, which
 * parses, must not: one test per blind spot. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "style_testutil.h"

/* Code after the end of a multi-line comment: dt-check-style takes the
 * whole line for comment and loses the node it opens (and its depth). */
Test(blind_spots, code_after_a_block_comment_and_braces_in_comments)
{
	const char *text = "/dts-v1/;\n"
			   "/ {\n"
			   "\t/* { not a node */\n"
			   "\tsoc {\n"
			   "\t\t/* the first\n"
			   "\t\t   controller */ serial@2000 {\n"
			   "\t\t\treg = <0x2000 0x100>;\n"
			   "\t\t};\n"
			   "\n"
			   "\t\tserial@1000 {\n"
			   "\t\t\treg = <0x1000 0x100>; // }\n"
			   "\t\t};\n"
			   "\t};\n"
			   "};\n";
	EXPECT_STYLE("child-address-order", text, "10:3: child node @1000 out of address order\n");
	EXPECT_STYLE("indent-consistent", text, "");
	EXPECT_STYLE("blank-lines", text, "");
	EXPECT_STYLE("node-close-alone", text, "");
}

/* A macro statement without ';' makes a line classifier take the next
 * properties for continuation lines, and miss their order. */
Test(blind_spots, multi_line_values_and_macro_statements)
{
	const char *text = "/dts-v1/;\n"
			   "/ {\n"
			   "\tnode {\n"
			   "\t\tcompatible = \"acme,a\",\n"
			   "\t\t\t     \"acme,b\";\n"
			   "\t\tMACRO_PROPS(1)\n"
			   "\t\tclocks = <&a>;\n"
			   "\t\tbus-width = <4>;\n"
			   "\t};\n"
			   "};\n";
	EXPECT_STYLE("property-order", text,
		     "8:3: property 'bus-width' out of canonical order (should sort before 'clocks')\n");
	EXPECT_STYLE("continuation-alignment", text, "");
	EXPECT_STYLE("indent-consistent", text, "");
}

/* #if / #else branches are alternatives: their nodes are not in order with
 * each other, but each is with what follows the #endif. */
Test(blind_spots, preprocessor_conditionals)
{
	EXPECT_STYLE("child-address-order",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tsoc {\n"
		     "#ifdef CONFIG_A\n"
		     "\t\tserial@2000 {\n"
		     "\t\t};\n"
		     "#else\n"
		     "\t\tserial@1000 {\n"
		     "\t\t};\n"
		     "#endif\n"
		     "\n"
		     "\t\tserial@3000 {\n"
		     "\t\t};\n"
		     "\n"
		     "\t\tserial@2800 {\n"
		     "\t\t};\n"
		     "\t};\n"
		     "};\n",
		     "15:3: child node @2800 out of address order\n");
	EXPECT_STYLE("child-address-order",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tsoc {\n"
		     "#ifdef CONFIG_A\n"
		     "\t\tserial@2000 {\n"
		     "\t\t};\n"
		     "#else\n"
		     "\t\tserial@1000 {\n"
		     "\t\t};\n"
		     "#endif\n"
		     "\n"
		     "\t\tserial@1800 {\n"
		     "\t\t};\n"
		     "\t};\n"
		     "};\n",
		     "12:3: child node @1800 out of address order\n");
}

/* Shift and comparison operators are not the brackets of a cell list. */
Test(blind_spots, operators_inside_cells)
{
	EXPECT_STYLE("value-whitespace",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\ta = <(1 << 4) (2 >> 1)>;\n"
		     "\tb = <((3 > 2) ? 1 : 0)>;\n"
		     "};\n",
		     "");
}

/* "x; };" closes a node: a line classifier that only knows lines made of
 * closings loses a level and flags every line after it. */
Test(blind_spots, closing_after_a_property_keeps_the_depth)
{
	const char *text = "/dts-v1/;\n"
			   "/ {\n"
			   "\ta {\n"
			   "\t\tx; };\n"
			   "\n"
			   "\tb {\n"
			   "\t\ty;\n"
			   "\t};\n"
			   "};\n";
	EXPECT_STYLE("indent-consistent", text, "");
	EXPECT_STYLE("node-close-alone", text, "4:6: closing brace must be on its own line\n");
}

/* A node written on one line is a node: it takes part in the order. */
Test(blind_spots, one_line_nodes_are_nodes)
{
	EXPECT_STYLE("child-name-order",
		     "/dts-v1/;\n/ {\n\tleds {\n\t\tled-b { };\n\n\t\tled-a { };\n\t};\n};\n",
		     "6:3: child node 'led-a' out of name order (should sort before 'led-b')\n");
}

/* A unit address or a label made by a macro is the preprocessor's. */
Test(blind_spots, macros_in_names)
{
	EXPECT_STYLE("unit-address-style",
		     "/dts-v1/;\n/ {\n\tserial@UART0_BASE {\n\t};\n};\n", "");
}

/* Strings hold anything: braces, comment openers, hex in upper case. */
Test(blind_spots, strings)
{
	const char *text = "/dts-v1/;\n"
			   "/ {\n"
			   "\tmodel = \"{ /* 0xAB };\";\n"
			   "\tlabel = \"< 1 >\";\n"
			   "};\n";
	EXPECT_STYLE("hex-case", text, "");
	EXPECT_STYLE("node-close-alone", text, "");
	EXPECT_STYLE("unclosed-block-comment", text, "");
	EXPECT_STYLE("value-whitespace", text, "");
	EXPECT_STYLE("indent-consistent", text, "");
}
