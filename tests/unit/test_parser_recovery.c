/* Mistakes: each gives exactly one error, at the right line and column,
 * saying what was expected and what was found, and parsing carries on after
 * the next ';' or '}' so that later mistakes are reported too. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "dt_testutil.h"

Test(parser_recovery, several_mistakes_one_error_each)
{
	const char *src =
		"/dts-v1/;\n"
		"/ {\n"
		"\ta = <1 2;\n"		/* unclosed cells */
		"\tb = \"x\"\n"		/* missing ';' */
		"\tc = <3>;\n"
		"\td = [0 1];\n"	/* odd hex digits (one error per statement) */
		"\te = ;\n"		/* missing value */
		"\tf {\n"
		"\t\tg = <4>\n"		/* missing ';' before '}' */
		"\t};\n"
		"\th = <5>;\n"		/* property after a child node */
		"};\n";
	struct parsed p;
	parse_str(&p, src);
	cr_expect_str_eq(p.errors,
			 "3:10: expected a cell or '>', found ';'\n"
			 "5:2: expected ';' after property, found 'c'\n"
			 "6:7: a byte string needs two hex digits per byte\n"
			 "7:6: expected a value (string, <cells>, [bytes] or &reference), found ';'\n"
			 "10:2: expected ';' after property, found '}'\n"
			 "11:2: properties must precede subnodes",
			 "got:\n%s", p.errors);
	/* every statement is still in the tree */
	cr_expect_str_eq(p.sexpr,
			 "(version) (node / (property a) (property b !nosemi (string \"x\")) "
			 "(property c (cells (number 3))) (property d (bytes (byte 0) (byte 1))) "
			 "(property e) (node f (property g !nosemi (cells (number 4)))) "
			 "(property h !after-node (cells (number 5))))",
			 "got: %s", p.sexpr);
	cr_expect_null(parse_invariant_violation(&p));
	parsed_free(&p);
}

Test(parser_recovery, missing_semicolons)
{
	EXPECT_ERRORS("/dts-v1/ / { };", "1:10: expected ';' after '/dts-v1/', found '/'");
	EXPECT_ERRORS("/dts-v1/; / { a {} b {}; };", "1:20: expected ';' after '}', found 'b'");
	EXPECT_ERRORS("/dts-v1/; / { a = <1>; } / { };", "1:26: expected ';' after '}', found '/'");
	/* same line: the rest of the statement is skipped up to its ';' */
	EXPECT_ERRORS("/dts-v1/; / { a = <1> b = <2>; c; d = \"x\" e; };",
		      "1:23: expected ';' after property, found 'b'\n"
		      "1:43: expected ';' after property, found 'e'");
	EXPECT_CST("/dts-v1/; / { a; b; };", "(version) (node / (property a) (property b))");
}

Test(parser_recovery, missing_semicolon_before_a_new_line_loses_nothing)
{
	struct parsed p;
	parse_str(&p, "/dts-v1/;\n/ {\n\ta = <1>\n\tb = \"x\"\n\t/delete-property/ c\n\td = <2>;\n};\n");
	cr_expect_str_eq(p.errors,
			 "4:2: expected ';' after property, found 'b'\n"
			 "5:2: expected ';' after property, found '/delete-property/'\n"
			 "6:2: expected ';', found 'd'", "got:\n%s", p.errors);
	cr_expect_str_eq(p.sexpr,
			 "(version) (node / (property a !nosemi (cells (number 1))) "
			 "(property b !nosemi (string \"x\")) (delete-property c) "
			 "(property d (cells (number 2))))", "got: %s", p.sexpr);
	parsed_free(&p);
}

Test(parser_recovery, braces)
{
	EXPECT_ERRORS("/dts-v1/;\n/ {\n\tnode {\n\t\tp = <1>;\n\n\tq = <2>;\n};",
		      "7:3: expected '}' closing the node, found end of file");
	EXPECT_ERRORS("/dts-v1/;\n/ {\n};\n}\n/ { x; };", "4:1: unbalanced '}'");
	EXPECT_CST_ERRORS("/dts-v1/; / { a: };", "(version) (node /)",
			  "1:18: expected a property or child node, found '}'");
	EXPECT_CST_ERRORS("/dts-v1/; / { = <1>; b; };",
			  "(version) (node / (error =\\s<1>;) (property b))",
			  "1:15: expected a property or child node, found '='");
}

Test(parser_recovery, top_level)
{
	EXPECT_ERRORS("/dts-v1/; foo { };",
		      "1:11: expected '/' or '&label' before a top-level node, found 'foo'");
	EXPECT_ERRORS("/dts-v1/; p = <1>; / { };", "1:11: property outside of a node");
	EXPECT_ERRORS("/dts-v1/; /memreserve/ 1; / {};",
		      "1:25: expected a number or '(', found ';'");
	EXPECT_ERRORS("/dts-v1/; /delete-node/ foo; / {};",
		      "1:25: expected a &reference after /delete-node/, found 'foo'");
	EXPECT_ERRORS("/dts-v1/; \"x\"; / { };",
		      "1:11: expected '/ {', '&label {' or a directive, found \"x\"");
}

Test(parser_recovery, values)
{
	EXPECT_ERRORS("/dts-v1/; / { a = <&>; b = &; c = <1 +>; };",
		      "1:20: expected a cell or '>', found '&'\n"
		      "1:28: expected a value (string, <cells>, [bytes] or &reference), found '&'\n"
		      "1:38: expected a cell or '>', found '+'; put expressions in parentheses");
	EXPECT_ERRORS("/dts-v1/; / { p = <-1>; q = <1 ~0>; };",
		      "1:20: expected a cell or '>', found '-'; put expressions in parentheses\n"
		      "1:32: expected a cell or '>', found '~'; put expressions in parentheses");
	EXPECT_ERRORS("/dts-v1/; /memreserve/ -1 2; / { };",
		      "1:24: expected a number or '(', found '-'; put expressions in parentheses");
	EXPECT_ERRORS("/dts-v1/; / { a = <(1 + )>; b = <(1 2)>; };",
		      "1:25: expected a number, '(' or a macro in the expression, found ')'\n"
		      "1:37: expected ')', found '2'");
	EXPECT_ERRORS("/dts-v1/; / { a = <(1 ? 2)>; };",
		      "1:26: expected ':' in the conditional expression, found ')'");
	EXPECT_ERRORS("/dts-v1/; / { d = \"s\" \"t\"; e = <1>, ; };",
		      "1:23: expected ';' after property, found \"t\"\n"
		      "1:37: expected a value (string, <cells>, [bytes] or &reference), found ';'");
	/* a char literal is a cell, not a value */
	EXPECT_ERRORS("/dts-v1/; / { c = 'a'; };",
		      "1:19: expected a value (string, <cells>, [bytes] or &reference), found 'a'");
	EXPECT_ERRORS("/dts-v1/; / { p = /bits/ (8) <1>; };",
		      "1:26: expected 8, 16, 32 or 64 after /bits/, found '('");
	EXPECT_ERRORS("/dts-v1/; / { p = /bits/ <1>; };",
		      "1:26: expected 8, 16, 32 or 64 after /bits/, found '<'");
	EXPECT_ERRORS("/dts-v1/; / { p = /incbin/(1); q = /incbin/(\"f\", 1); };",
		      "1:28: expected a file name string, found '1'\n"
		      "1:51: expected ',' between offset and length, found ')'");
	EXPECT_ERRORS("/dts-v1/; / { /delete-node/ ; /delete-property/ &x; };",
		      "1:29: expected a node name, found ';'\n"
		      "1:49: expected a property name, found '&x'");
}

Test(parser_recovery, lexical_errors_are_syntax_errors)
{
	EXPECT_ERRORS("/dts-v1/;\n/ {\n\tp = <09 08>;\n\tq = <0x>;\n};",
		      "3:7: bad integer literal '09'\n4:7: bad integer literal '0x'");
	EXPECT_ERRORS("/dts-v1/; / { p = <'ab'>; q = <''>; };",
		      "1:20: a character literal holds exactly one character\n"
		      "1:32: a character literal holds exactly one character");
	EXPECT_ERRORS("/dts-v1/; / { p = \"abc\n; q = <1>; };", "1:19: missing closing '\"'");
	EXPECT_ERRORS("/dts-v1/; / { p = <1 /* x\n}; ",
		      "1:22: unterminated comment\n2:4: expected '}' closing the node, found end of file");
	EXPECT_CST_ERRORS("/dts-v1/; &{/a b} { x; };", "(version) (ref-node &{/a\\sb} (property x))",
			  "1:11: invalid character in path reference");
	EXPECT_ERRORS("/dts-v1/; / { p = <&{/a>; q; };", "1:20: missing '}' after path reference");
	EXPECT_ERRORS("/dts-v1/; / { p = <1>; \x01\x02 q; };",
		      "1:24: expected a property or child node, found invalid bytes");
}

Test(parser_recovery, dtc_grammar_restrictions)
{
	/* things dtc's grammar has no place for, though they look harmless */
	EXPECT_CST_ERRORS("/dts-v1/; l: / { };", "(version) (node l: /)",
			  "1:11: the root node cannot have a label");
	EXPECT_CST_ERRORS("/dts-v1/; / { /delete-node/ &l; };", "(version) (node / (delete-node &l))",
			  "1:29: inside a node, /delete-node/ takes a node name, not '&l'");
	EXPECT_CST_ERRORS("/dts-v1/; /omit-if-no-ref/ &x { };", "(version) (ref-node &x !omit)",
			  "1:11: at the top level, /omit-if-no-ref/ takes '&label;', not a node");
	EXPECT_ERRORS("/dts-v1/; / { p = <(+1)>; };",
		      "1:21: expected a number, '(' or a macro in the expression, found '+'");
	EXPECT_ERRORS("/dts-v1/; / { ; p;; n { };; };",
		      "1:15: expected a property or child node, found ';'\n"
		      "1:19: expected a property or child node, found ';'\n"
		      "1:27: expected a property or child node, found ';'");
	EXPECT_ERRORS("/dts-v1/;; / { };", "1:10: expected '/ {', '&label {' or a directive, found ';'");
	EXPECT_ERRORS("/dts-v1/; / { }; & { };",
		      "1:18: expected '/ {', '&label {' or a directive, found '&'");
}

Test(parser_recovery, top_level_order)
{
	EXPECT_ERRORS("/dts-v1/;\n/ { };\n/memreserve/ 0 1;", "3:1: /memreserve/ must come before the nodes");
	EXPECT_ERRORS("/dts-v1/;\n/ { };\n/dts-v1/;",
		      "3:1: '/dts-v1/;' must come before /memreserve/ and the nodes");
	EXPECT_ERRORS("/dts-v1/;\n/ { };\n/plugin/;", "3:1: '/plugin/;' must directly follow '/dts-v1/;'");
	EXPECT_ERRORS("/plugin/;\n/dts-v1/;\n/ { };", "1:1: '/plugin/;' must directly follow '/dts-v1/;'");
	EXPECT_ERRORS("/dts-v1/;\n/plugin/;\n/plugin/;\n/ { };",
		      "3:1: '/plugin/;' must directly follow '/dts-v1/;'");
	/* what dtc accepts */
	EXPECT_ERRORS("/dts-v1/;\n/dts-v1/;\n/plugin/;\nl: /memreserve/ 0 1;\n/memreserve/ 2 3;\n"
		      "/ { };\n&x { };\n/delete-node/ &x;\n/omit-if-no-ref/ &y;\n/ { };", "");
	/* a fragment may start with /plugin/ (its /dts-v1/ is in the includer) */
	EXPECT_ERRORS("/plugin/;\n&x { };", "");
	/* directives and macros between header statements change nothing */
	EXPECT_ERRORS("/dts-v1/;\n#include \"a.h\"\n/plugin/;\n/ { };", "");
}

Test(parser_recovery, omit_if_no_ref_on_a_property)
{
	EXPECT_ERRORS("/dts-v1/; / { /omit-if-no-ref/ p = <1>; };",
		      "1:15: /omit-if-no-ref/ applies to nodes, not properties");
}
