/* The kernel checker's reading of written lines (formatter/kcont.c): the
 * continuation anchor of a property's first line and whether a line ends a
 * value, as dt-check-style (7.4 cycle) computes them; then the columns the
 * kernel style writes from them. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "formatter/fmt_internal.h"

static int anchor(const char *line)
{
	char buf[256];
	return fmt_kcont_anchor(line, strlen(line), 8, buf);
}

static int state(const char *line)
{
	char buf[256];
	return fmt_kcont_line_state(line, strlen(line), buf);
}

Test(format_kcont, anchor_is_the_first_cell_open_or_quote_after_the_equals)
{
	cr_assert_eq(anchor("\treg = <0x1000 0x100>,"), 14);
	cr_assert_eq(anchor("\t\tcompatible = \"a\", \"b\","), 29);
	/* a label before the value, /bits/ before the cells */
	cr_assert_eq(anchor("\tp = l: <1"), 15);
	cr_assert_eq(anchor("\tp = /bits/ 8 <1"), 21);
	/* a '<' inside a string is not the anchor: the string's quote is */
	cr_assert_eq(anchor("\tp = \"a<b\", <1>,"), 12);
}

Test(format_kcont, no_anchor_without_equals_or_value)
{
	cr_assert_eq(anchor("\tlabel:"), -1);
	cr_assert_eq(anchor("\tprop ="), -1);
	cr_assert_eq(anchor("\tprop = /* the value follows */"), -1);
	cr_assert_eq(anchor("\tbytes = [00 11"), -1);
	cr_assert_eq(anchor("\tmacro = FOO(1, 2),"), -1);
}

Test(format_kcont, line_state_reads_the_code_without_comments)
{
	cr_assert_eq(state("\t\t     <&gpio 1 2>,"), 1);
	cr_assert_eq(state("\t\t     \"two\",\t/* why */"), 1);
	cr_assert_eq(state("\t\t     <&gpio 1 2>, // why"), 1);
	cr_assert_eq(state("\t\t     <&gpio 1"), 0);
	cr_assert_eq(state("\t\t     FOO(1),"), 0);
	cr_assert_eq(state("\t\t     <1>"), 0);
	/* a string holding "//" or "/ *" is code */
	cr_assert_eq(state("\tp = \"http://x\","), 1);
	/* no code: not a continuation to the checker */
	cr_assert_eq(state("\t\t/* a comment */"), -1);
	cr_assert_eq(state("\t\t// a comment"), -1);
	cr_assert_eq(state("\t\t/* opens here"), -1);
	cr_assert_eq(state("\t \t"), -1);
}

static char *kernel(const char *in)
{
	struct fmt_result r;
	cr_assert_eq(fmt_buffer(in, strlen(in), NULL, &r), FMT_OK);
	char *t = strdup(r.text);
	fmt_result_free(&r);
	return t;
}

Test(format_kcont, continuation_columns_follow_the_checker)
{
	/* inside an open '<...>': one column right of the first '<'; after a
	 * finished entry: under it, whichever '<' the entry opened */
	char *t = kernel("/ {\n\tp = <1>, <2\n3>,\n<4>;\n};\n");
	cr_assert_str_eq(t, "/ {\n\tp = <1>, <2\n\t     3>,\n\t    <4>;\n};\n");
	free(t);
	/* a '<' ending the first line: its cells and '>' one column right */
	t = kernel("/ {\n\tp = <\n\t\t1 2\n\t>;\n};\n");
	cr_assert_str_eq(t, "/ {\n\tp = <\n\t     1 2\n\t     >;\n};\n");
	free(t);
}
