/* Kernel-style rules about layout: whitespace, indentation, blank lines,
 * line length, braces. Each has a bad and a good case. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "style_testutil.h"

Test(trailing_whitespace, bad_and_good)
{
	EXPECT_STYLE("trailing-whitespace",
		     "/dts-v1/;\n"
		     "/ {\t\n"
		     "\tmodel = \"x\"; \n"
		     "\t/* note */  \n"
		     "};\n",
		     "2:4: trailing whitespace\n"
		     "3:14: trailing whitespace\n"
		     "4:12: trailing whitespace\n");
	EXPECT_STYLE("trailing-whitespace", "/dts-v1/;\n/ {\n\tmodel = \"x \";\n};\n", "");
	/* CRLF line ends are not trailing blanks */
	EXPECT_STYLE("trailing-whitespace", "/dts-v1/;\r\n/ {\r\n};\r\n", "");
}

Test(mixed_indent_chars, bad_and_good)
{
	EXPECT_STYLE("mixed-indent-chars",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\t \tmodel = \"x\";\n"
		     "  \tcompatible = \"a,b\";\n"
		     "\t        foo;\n"
		     "#define X \\\n"
		     "\t  \t        1\n"
		     "};\n",
		     "3:1: mixed tabs and spaces in indent\n"
		     "4:1: mixed tabs and spaces in indent\n"
		     "5:1: too many space characters in indent (more than 7)\n");
	EXPECT_STYLE("mixed-indent-chars",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tclocks = <1>,\n"
		     "\t\t <2>;\n"
		     "\t/*\n"
		     "\t * aligned\n"
		     "\t */\n"
		     "};\n",
		     "");
}

Test(unclosed_block_comment, bad_and_good)
{
	EXPECT_STYLE("unclosed-block-comment",
		     "/dts-v1/;\n/ {\n\tmodel = \"x\"; /* oops\n};\n",
		     "3:15: unclosed /* block comment\n");
	/* an opener inside a string or a line comment opens nothing */
	EXPECT_STYLE("unclosed-block-comment",
		     "/dts-v1/;\n/ {\n\tmodel = \"/* x\"; // and /* y\n};\n", "");
}

Test(indent_unit_dts, bad_and_good)
{
	EXPECT_STYLE("indent-unit-dts",
		     "/dts-v1/;\n/ {\n    model = \"x\";\n};\n",
		     "3:1: indent unit must be 1 tab in DTS, got '    '\n");
	EXPECT_STYLE("indent-unit-dts", "/dts-v1/;\n/ {\n\tmodel = \"x\";\n};\n", "");
}

Test(indent_consistent, bad_and_good)
{
	EXPECT_STYLE("indent-consistent",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tmodel = \"x\";\n"
		     "\tsoc {\n"
		     "\t\t\tfoo;\n"
		     "bar;\n"
		     "\t\t};\n"
		     "};\n",
		     "5:1: indent mismatch (expected 2 tabs)\n"
		     "6:1: indent mismatch (expected 2 tabs)\n"
		     "7:1: indent mismatch (expected 1 tab)\n");
	EXPECT_STYLE("indent-consistent",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tsoc {\n"
		     "\t\tfoo = <1>,\n"
		     "\t\t      <2>;\n"
		     "\t\t/*\n"
		     "\t\t * body\n"
		     "\t\t */\n"
		     "//\t\told = <1>;\n"
		     "\t};\n"
		     "};\n",
		     "");
}

Test(blank_lines, bad_and_good)
{
	EXPECT_STYLE("blank-lines",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\n"
		     "\tmodel = \"x\";\n"
		     "\n"
		     "\n"
		     "\tsoc {\n"
		     "\t\tfoo;\n"
		     "\n"
		     "\t};\n"
		     "};\n",
		     "3:1: blank line at start of node body\n"
		     "6:1: consecutive blank lines\n"
		     "9:1: blank line at end of node body\n");
	EXPECT_STYLE("blank-lines",
		     "/dts-v1/;\n/ {\n\tmodel = \"x\";\n\n\tsoc {\n\t};\n};\n", "");
}

Test(required_blank_lines, bad_and_good)
{
	EXPECT_STYLE("required-blank-lines",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tmodel = \"x\";\n"
		     "\tsoc {\n"
		     "\t\tcompatible = \"simple-bus\";\n"
		     "\t\tstatus = \"okay\";\n"
		     "\t};\n"
		     "\t/* a comment is not a blank line */\n"
		     "\tchosen {\n"
		     "\t};\n"
		     "};\n",
		     "4:2: child node must be preceded by a blank line\n"
		     "6:3: \"status\" must be preceded by a blank line\n"
		     "9:2: child node must be preceded by a blank line\n");
	EXPECT_STYLE("required-blank-lines",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tsoc {\n"
		     "\t\tstatus = \"okay\";\n"
		     "\t};\n"
		     "\n"
		     "\t/* the chosen node */\n"
		     "\tchosen {\n"
		     "\t};\n"
		     "};\n",
		     "");
}

Test(node_close_alone, bad_and_good)
{
	EXPECT_STYLE("node-close-alone",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tleds {\n"
		     "\t\tled-0 { label = \"power\"; };\n"
		     "\t\tstatus = \"okay\"; };\n"
		     "\ta { b {\n"
		     "\t}; };\n"
		     "};\n",
		     "4:28: closing brace must be on its own line\n"
		     "5:20: closing brace must be on its own line\n"
		     "7:2: closing brace must be on its own line\n");
	EXPECT_STYLE("node-close-alone",
		     "/dts-v1/;\n/ {\n\tmodel = \"};\"; // };\n\tleds {\n\t}; /* end */\n};\n", "");
}

Test(line_length, bad_good_and_option)
{
	const char *text = "/dts-v1/;\n"
			   "/ {\n"
			   "\t\t\t\t\t\t\t\tmodel = \"12345678\";\n"
			   "\t\t\t\t\t\t\t\tmodel = \"123456\";\n"
			   "\t/* \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 */\n"
			   "};\n";
	/* eight tabs are 64 columns; the comment is 80 columns but 146 bytes */
	EXPECT_STYLE("line-length-dts", text,
		     "3:9: line exceeds 80 columns (83)\n"
		     "4:9: line exceeds 80 columns (81)\n");
	char *got = style_run_opt("line-length-dts", "max", "82", "board.dts", text);
	cr_expect_str_eq(got, "3:9: line exceeds 82 columns (83)\n");
	free(got);
}

Test(continuation_alignment, bad_and_good)
{
	EXPECT_STYLE("continuation-alignment",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tclocks = <&cru 1>,\n"
		     "\t\t<&cru 2>;\n"
		     "\tclock-names = \"a\",\n"
		     "\t\t      \"b\",\n"
		     "\t\t\t    \"c\";\n"
		     "};\n",
		     "4:3: continuation should align to column 18 (to < or \")\n"
		     "7:8: continuation should align to column 23 (to < or \")\n");
	EXPECT_STYLE("continuation-alignment",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tclocks = <&cru 1>,\n"
		     "\t\t <&cru 2>;\n"
		     "\tvalue =\n"
		     "\t\t<1 2>;\n"
		     "\ttable = <0x1 /* first */\n"
		     "\t\t 0x2 /* second */\n"
		     "\t\t 0x3>,\n"
		     "\t\t<0x4>;\n"
		     "};\n",
		     "");
	/* 7.4: a '<' that ends the line sets a column too, one further */
	EXPECT_STYLE("continuation-alignment",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\ttable = <\n"
		     "\t\t0x1 /* first */\n"
		     "\t\t 0x2>;\n"
		     "};\n",
		     "4:3: continuation should align to column 18 (to the value under <)\n");
}
