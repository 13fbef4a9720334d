/* Trivia: everything dtc never sees, kept so that the token stream is
 * lossless and the formatter can put comments and directives back. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "dt_testutil.h"

static void expect_all(const char *text, const char *want)
{
	char *got = tok_dump(text, strlen(text), 1);
	cr_expect_str_eq(got, want, "tokens of: %s\n got: %s\nwant: %s", text, got, want);
	cr_expect(lex_roundtrips(text, strlen(text)), "round trip of: %s", text);
	free(got);
}

Test(lexer_trivia, whitespace_and_newlines)
{
	expect_all(" \t\f\v/ {};\n", "WS / WS { } ; NL");
	expect_all("a;\r\nb;\n", "NAME:a ; NL NAME:b ; NL");
	expect_all("a;\r\n\r\n", "NAME:a ; NL NL");
	/* a CR not followed by LF is blank space, as in dtc's [[:space:]] */
	expect_all("a;\rb;", "NAME:a ; WS NAME:b ;");
	expect_all("a;\r", "NAME:a ; WS");
}

Test(lexer_trivia, crlf_newline_is_one_token)
{
	struct dt_tokens t = {0};
	const char *s = "a;\r\n";
	dt_lex(s, strlen(s), &t);
	cr_assert_eq(t.n, 4);
	cr_expect_eq(t.v[2].kind, TK_NEWLINE);
	cr_expect_eq(t.v[2].len, 2);
	dt_tokens_free(&t);
}

Test(lexer_trivia, comments)
{
	expect_all("// one\n/* two */ /**/ /***/ /* a * b / c */",
		   "LCOMMENT://\\sone NL BCOMMENT:/*\\stwo\\s*/ WS BCOMMENT:/**/ WS "
		   "BCOMMENT:/***/ WS BCOMMENT:/*\\sa\\s*\\sb\\s/\\sc\\s*/");
	expect_all("/* multi\nline\r\n */a;", "BCOMMENT:/*\\smulti\\nline\\r\\n\\s*/ NAME:a ;");
	/* the CR of a CRLF belongs to the newline, not to the comment */
	expect_all("// x\r\n", "LCOMMENT://\\sx NL");
	expect_all("// at eof", "LCOMMENT://\\sat\\seof");
	/* comments inside values */
	expect_all("p = <1 /* one */ 2>; // end",
		   "NAME:p WS = WS CELL< NUMBER:1 WS BCOMMENT:/*\\sone\\s*/ WS NUMBER:2 CELL> ; "
		   "WS LCOMMENT://\\send");
}

Test(lexer_trivia, unterminated_comment_runs_to_eof)
{
	expect_all("a; /* never\nclosed", "NAME:a ; WS BCOMMENT:/*\\snever\\nclosed!unterminated-comment");
	expect_all("/*", "BCOMMENT:/*!unterminated-comment");
	expect_all("/*/", "BCOMMENT:/*/!unterminated-comment");
}

Test(lexer_trivia, backslash_newline_splices)
{
	expect_all("p = <1 \\\n 2>;", "NAME:p WS = WS CELL< NUMBER:1 WS SPLICE:\\\\\\n WS NUMBER:2 CELL> ;");
	expect_all("p = <1 \\\r\n 2>;", "NAME:p WS = WS CELL< NUMBER:1 WS SPLICE:\\\\\\r\\n WS NUMBER:2 CELL> ;");
}

Test(lexer_trivia, directives)
{
	expect_all("#include <dt-bindings/gpio/gpio.h>\n",
		   "PP:#include\\s<dt-bindings/gpio/gpio.h> NL");
	expect_all("#include \"a.dtsi\"\r\n", "PP:#include\\s\"a.dtsi\" NL");
	expect_all("  #  define X 1\n", "WS PP:#\\s\\sdefine\\sX\\s1 NL");
	expect_all("#if defined(A) && B > 1\n#elif C\n#else\n#endif\n",
		   "PP:#if\\sdefined(A)\\s&&\\sB\\s>\\s1 NL PP:#elif\\sC NL PP:#else NL PP:#endif NL");
	expect_all("#ifdef A\n#ifndef B\n#undef A\n#error no\n#warning hm\n#pragma once\n",
		   "PP:#ifdef\\sA NL PP:#ifndef\\sB NL PP:#undef\\sA NL PP:#error\\sno NL "
		   "PP:#warning\\shm NL PP:#pragma\\sonce NL");
	/* the null directive */
	expect_all("#\n", "PP:# NL");
	/* form feed and vertical tab are blanks in a directive, as for cpp */
	expect_all("# \f\n", "PP:#\\s\\x0c NL");
	/* at end of file without a newline */
	expect_all("#endif", "PP:#endif");
}

Test(lexer_trivia, directive_continuations_and_comments)
{
	expect_all("#define A(x) \\\n\t((x) + 1)\nA(1);",
		   "PP:#define\\sA(x)\\s\\\\\\n\\t((x)\\s+\\s1) NL NAME:A ( NUMBER:1 ) ;");
	expect_all("#define A 1 \\\r\n 2\r\n", "PP:#define\\sA\\s1\\s\\\\\\r\\n\\s2 NL");
	/* a block comment opened in a directive may span lines */
	expect_all("#define A 1 /* spans\nlines */ + 2\nb;",
		   "PP:#define\\sA\\s1\\s/*\\sspans\\nlines\\s*/\\s+\\s2 NL NAME:b ;");
	expect_all("#include \"x.h\" // why\n", "PP:#include\\s\"x.h\"\\s//\\swhy NL");
	expect_all("#define A /* never closed\n", "PP:#define\\sA\\s/*\\snever\\sclosed\\n!unterminated-comment");
}

Test(lexer_trivia, hash_property_names_are_not_directives)
{
	expect_all("#address-cells = <1>;\n", "NAME:#address-cells WS = WS CELL< NUMBER:1 CELL> ; NL");
	expect_all("\t#size-cells = <0>;\n", "WS NAME:#size-cells WS = WS CELL< NUMBER:0 CELL> ; NL");
	expect_all("#interrupt-cells;", "NAME:#interrupt-cells ;");
	expect_all("#include-foo;", "NAME:#include-foo ;");
	expect_all("#if-x = <1>;", "NAME:#if-x WS = WS CELL< NUMBER:1 CELL> ;");
	expect_all("#define,x;", "NAME:#define,x ;");
	/* a word that is no directive keyword is a name */
	expect_all("#gpio-cells = <2>;", "NAME:#gpio-cells WS = WS CELL< NUMBER:2 CELL> ;");
	expect_all("#ifx;", "NAME:#ifx ;");
	/* not at the start of a line: never a directive */
	expect_all("a; #include <x>", "NAME:a ; WS NAME:#include WS < NAME:x >");
}

Test(lexer_trivia, directive_after_comment_at_line_start)
{
	expect_all("/* c */ #include \"a.h\"\n", "BCOMMENT:/*\\sc\\s*/ WS PP:#include\\s\"a.h\" NL");
}

Test(lexer_trivia, line_markers)
{
	expect_all("# 1 \"board.dts\"\n", "PP:#\\s1\\s\"board.dts\" NL");
	expect_all("# 12 \"a.dtsi\" 1 3\n", "PP:#\\s12\\s\"a.dtsi\"\\s1\\s3 NL");
	expect_all("#line 7 \"x\"\n", "PP:#line\\s7\\s\"x\" NL");
	expect_all("#line 7\n", "PP:#line\\s7 NL");
}

Test(lexer_trivia, nul_in_line_marker)
{
	const char a[] = "# 1 \"x\0y\"\n/ { };\n";
	char *got = tok_dump(a, sizeof(a) - 1, 1);
	cr_expect_str_eq(got, "PP:#\\s1\\s\"x\\x00y\"!nul-linemark NL / WS { WS } ; NL");
	free(got);
	const char *b = "#line 1 \"x\\0y\"\n";
	got = tok_dump(b, strlen(b), 1);
	cr_expect_str_eq(got, "PP:#line\\s1\\s\"x\\\\0y\"!nul-linemark NL");
	free(got);
}

Test(lexer_trivia, flags)
{
	struct dt_tokens t = {0};
	const char *s = "a;\n  b ;c";
	dt_lex(s, strlen(s), &t);
	/* a ; NL WS b WS ; c EOF */
	cr_assert_eq(t.n, 9);
	cr_expect(t.v[0].flags & TF_BOL);
	cr_expect(!(t.v[0].flags & TF_SPACE));
	cr_expect(!(t.v[1].flags & TF_BOL));
	cr_expect(t.v[4].flags & TF_BOL);
	cr_expect(t.v[4].flags & TF_SPACE);
	cr_expect(t.v[6].flags & TF_SPACE);
	cr_expect(!(t.v[7].flags & TF_SPACE));
	cr_expect(!(t.v[7].flags & TF_BOL));
	dt_tokens_free(&t);
}

Test(lexer_trivia, if_zero_groups_are_one_directive)
{
	expect_all("#if 0\nbroken {{{\n#endif\na;",
		   "PP:#if\\s0\\nbroken\\s{{{\\n#endif NL NAME:a ;");
	/* nested conditionals inside the disabled group */
	expect_all("#if 0\n#ifdef X\nx\n#endif\n#endif\n",
		   "PP:#if\\s0\\n#ifdef\\sX\\nx\\n#endif\\n#endif NL");
	/* the live group after #else / #elif is source again */
	expect_all("#if 0\nx\n#else\na;\n#endif\n",
		   "PP:#if\\s0\\nx NL PP:#else NL NAME:a ; NL PP:#endif NL");
	expect_all("#if 0\r\nx\r\n#elif 1\r\na;\r\n#endif",
		   "PP:#if\\s0\\r\\nx NL PP:#elif\\s1 NL NAME:a ; NL PP:#endif");
	expect_all("  #  if 0 /* off */\nx\n  # endif\n",
		   "WS PP:#\\s\\sif\\s0\\s/*\\soff\\s*/\\nx\\n\\s\\s#\\sendif NL");
	/* only a literal 0 */
	expect_all("#if 00\na;\n#endif", "PP:#if\\s00 NL NAME:a ; NL PP:#endif");
	expect_all("#if 0 && X\na;\n#endif", "PP:#if\\s0\\s&&\\sX NL NAME:a ; NL PP:#endif");
	expect_all("#if 0\nnever closed", "PP:#if\\s0\\nnever\\sclosed!unterminated-if");
}
