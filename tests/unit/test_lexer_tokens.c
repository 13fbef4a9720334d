/* Significant tokens: keywords, names, labels, references, literals and
 * operators, in each of the lexer's modes (name, value, cells, bytes). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "dt_testutil.h"

Test(lexer_tokens, keywords)
{
	EXPECT_TOKS("/dts-v1/; /plugin/; /memreserve/ 0 1;",
		    "DTS_V1:/dts-v1/ ; PLUGIN:/plugin/ ; MEMRESERVE:/memreserve/ NUMBER:0 NUMBER:1 ;");
	EXPECT_TOKS("/ { /delete-node/ a; /delete-property/ b; /omit-if-no-ref/ c {}; };",
		    "/ { DELETE_NODE:/delete-node/ NAME:a ; DELETE_PROP:/delete-property/ NAME:b ; "
		    "OMIT:/omit-if-no-ref/ NAME:c { } ; } ;");
	EXPECT_TOKS("p = /bits/ 8 <1>, /incbin/(\"f\");",
		    "NAME:p = BITS:/bits/ NUMBER:8 CELL< NUMBER:1 CELL> , INCBIN:/incbin/ ( STRING:\"f\" ) ;");
	EXPECT_TOKS("/include/ \"a.dtsi\"", "INCLUDE:/include/ STRING:\"a.dtsi\"");
}

Test(lexer_tokens, names)
{
	EXPECT_TOKS("/ { cpu@0 { }; };", "/ { NAME:cpu@0 { } ; } ;");
	EXPECT_TOKS("linux,phandle = <1>;", "NAME:linux,phandle = CELL< NUMBER:1 CELL> ;");
	EXPECT_TOKS("a-b.c_d+e?f*g#h@1,2 ;", "NAME:a-b.c_d+e?f*g#h@1,2 ;");
	EXPECT_TOKS("serial@4000a000 {};", "NAME:serial@4000a000 { } ;");
	/* a name may start with a digit, and in name position 0x10 is a name */
	EXPECT_TOKS("0x10 {};", "NAME:0x10 { } ;");
	/* backslash-escaped names, as dtc allows for keywords */
	EXPECT_TOKS("\\delete-node;", "NAME:\\\\delete-node ;");
	/* prop=val without spaces */
	EXPECT_TOKS("a=<1>;b=\"x\";", "NAME:a = CELL< NUMBER:1 CELL> ; NAME:b = STRING:\"x\" ;");
}

Test(lexer_tokens, labels)
{
	EXPECT_TOKS("l1: l_2: n {};", "LABEL:l1: LABEL:l_2: NAME:n { } ;");
	EXPECT_TOKS("_x: n {};", "LABEL:_x: NAME:n { } ;");
	/* a name that is no valid label is not a label */
	EXPECT_TOKS("a-b: n;", "NAME:a-b : NAME:n ;");
	EXPECT_TOKS("p = l: <1>, m: \"s\";",
		    "NAME:p = LABEL:l: CELL< NUMBER:1 CELL> , LABEL:m: STRING:\"s\" ;");
}

Test(lexer_tokens, references)
{
	EXPECT_TOKS("&foo {};", "REF:&foo { } ;");
	EXPECT_TOKS("&{/path@1/x} {};", "PATH_REF:&{/path@1/x} { } ;");
	EXPECT_TOKS("&{label/sub@2} {};", "PATH_REF:&{label/sub@2} { } ;");
	EXPECT_TOKS("&{/} {};", "PATH_REF:&{/} { } ;");
	EXPECT_TOKS("p = &foo, &{/a/b};", "NAME:p = REF:&foo , PATH_REF:&{/a/b} ;");
	EXPECT_TOKS("p = <&foo 1 &{/x}>;",
		    "NAME:p = CELL< REF:&foo NUMBER:1 PATH_REF:&{/x} CELL> ;");
	EXPECT_TOKS("&{/a b} {};", "PATH_REF:&{/a\\sb}!bad-path { } ;");
	EXPECT_TOKS("&{/a {};", "PATH_REF:&{/a!unterminated-path { } ;");
	EXPECT_TOKS("p = <&{/a>;", "NAME:p = CELL< PATH_REF:&{/a!unterminated-path CELL> ;");
}

Test(lexer_tokens, integers)
{
	EXPECT_TOKS("p = <0x1f 0X1F 017 42 0 0x0>;",
		    "NAME:p = CELL< NUMBER:0x1f NUMBER:0X1F NUMBER:017 NUMBER:42 NUMBER:0 "
		    "NUMBER:0x0 CELL> ;");
	EXPECT_TOKS("p = <1U 2L 3UL 4LL 5ULL 0x6ULL 07L>;",
		    "NAME:p = CELL< NUMBER:1U NUMBER:2L NUMBER:3UL NUMBER:4LL NUMBER:5ULL "
		    "NUMBER:0x6ULL NUMBER:07L CELL> ;");
}

Test(lexer_tokens, bad_integers)
{
	EXPECT_TOKS("p = <09 08 0x 0xg 1LU 1u 1ul 1LLL 12abc>;",
		    "NAME:p = CELL< NUMBER:09!bad-number NUMBER:08!bad-number NUMBER:0x!bad-number "
		    "NUMBER:0xg!bad-number NUMBER:1LU!bad-number NUMBER:1u!bad-number "
		    "NUMBER:1ul!bad-number NUMBER:1LLL!bad-number NUMBER:12abc!bad-number CELL> ;");
}

Test(lexer_tokens, char_literals)
{
	EXPECT_TOKS("p = <'a' '\\n' '\\x41' '\\'' '\\0' '\\\\' '\\101' '\"'>;",
		    "NAME:p = CELL< CHAR:'a' CHAR:'\\\\n' CHAR:'\\\\x41' CHAR:'\\\\'' CHAR:'\\\\0' "
		    "CHAR:'\\\\\\\\' CHAR:'\\\\101' CHAR:'\"' CELL> ;");
	EXPECT_TOKS("p = <'ab' ''>;",
		    "NAME:p = CELL< CHAR:'ab'!bad-char CHAR:''!bad-char CELL> ;");
	EXPECT_TOKS("p = <'a>;", "NAME:p = CELL< CHAR:'a>;!unterminated-char");
}

Test(lexer_tokens, strings)
{
	EXPECT_TOKS("p = \"a\\\"b\", \"\\n\\t\\\\\", \"\";",
		    "NAME:p = STRING:\"a\\\\\"b\" , STRING:\"\\\\n\\\\t\\\\\\\\\" , STRING:\"\" ;");
	EXPECT_TOKS("p = \"x\\x41\\101\";", "NAME:p = STRING:\"x\\\\x41\\\\101\" ;");
	/* non-ASCII bytes inside a string are the string's */
	EXPECT_TOKS("p = \"\xc3\xa9\";", "NAME:p = STRING:\"\\xc3\\xa9\" ;");
	/* an unterminated string ends at its line, so the next line still lexes */
	EXPECT_TOKS("p = \"abc;\nq = <1>;",
		    "NAME:p = STRING:\"abc;!unterminated-string NAME:q = CELL< NUMBER:1 CELL> ;");
}

Test(lexer_tokens, byte_strings)
{
	EXPECT_TOKS("p = [00 1a 2B3c];", "NAME:p = [ BYTE:00 BYTE:1a BYTE:2B BYTE:3c ] ;");
	EXPECT_TOKS("p = [l: 00 m: ff n:];",
		    "NAME:p = [ LABEL:l: BYTE:00 LABEL:m: BYTE:ff LABEL:n: ] ;");
	EXPECT_TOKS("p = [];", "NAME:p = [ ] ;");
	EXPECT_TOKS("p = [0];", "NAME:p = [ BYTE:0!bad-byte ] ;");
	EXPECT_TOKS("p = [abc];", "NAME:p = [ BYTE:ab BYTE:c!bad-byte ] ;");
	/* a byte string spanning lines, with comments */
	EXPECT_TOKS("p = [00 /* x */\n 01];", "NAME:p = [ BYTE:00 BYTE:01 ] ;");
}

Test(lexer_tokens, cell_operators_inside_parens)
{
	EXPECT_TOKS("p = <(1 + 2 - 3 * 4 / 5 % 6)>;",
		    "NAME:p = CELL< ( NUMBER:1 + NUMBER:2 - NUMBER:3 * NUMBER:4 / NUMBER:5 % "
		    "NUMBER:6 ) CELL> ;");
	EXPECT_TOKS("p = <(1 << 2 >> 3 < 4 > 5 <= 6 >= 7)>;",
		    "NAME:p = CELL< ( NUMBER:1 << NUMBER:2 >> NUMBER:3 < NUMBER:4 > NUMBER:5 <= "
		    "NUMBER:6 >= NUMBER:7 ) CELL> ;");
	EXPECT_TOKS("p = <(1 == 2 != 3 & 4 | 5 ^ 6 && 7 || 8)>;",
		    "NAME:p = CELL< ( NUMBER:1 == NUMBER:2 != NUMBER:3 & NUMBER:4 | NUMBER:5 ^ "
		    "NUMBER:6 && NUMBER:7 || NUMBER:8 ) CELL> ;");
	EXPECT_TOKS("p = <(~1) (!0) (-1) (+1) (1 ? 2 : 3)>;",
		    "NAME:p = CELL< ( ~ NUMBER:1 ) ( ! NUMBER:0 ) ( - NUMBER:1 ) ( + NUMBER:1 ) "
		    "( NUMBER:1 ? NUMBER:2 : NUMBER:3 ) CELL> ;");
	/* nested parentheses keep '>' an operator until depth 0 */
	EXPECT_TOKS("p = <((1) > (2))>;",
		    "NAME:p = CELL< ( ( NUMBER:1 ) > ( NUMBER:2 ) ) CELL> ;");
}

Test(lexer_tokens, depth_zero_gt_closes_cells)
{
	EXPECT_TOKS("p = <1>, <2>;", "NAME:p = CELL< NUMBER:1 CELL> , CELL< NUMBER:2 CELL> ;");
	/* after the cells close, a second '>' is an operator token (an error for the parser) */
	EXPECT_TOKS("p = <1>>;", "NAME:p = CELL< NUMBER:1 CELL> > ;");
	EXPECT_TOKS("p = <>;", "NAME:p = CELL< CELL> ;");
}

Test(lexer_tokens, macros_in_cells_and_values)
{
	EXPECT_TOKS("p = <FOO FOO(1, BAR(2)) &gpio GPIO_ACTIVE_LOW>;",
		    "NAME:p = CELL< IDENT:FOO IDENT:FOO ( NUMBER:1 , IDENT:BAR ( NUMBER:2 ) ) "
		    "REF:&gpio IDENT:GPIO_ACTIVE_LOW CELL> ;");
	EXPECT_TOKS("p = FOO, BAR(1, \"x\");",
		    "NAME:p = IDENT:FOO , IDENT:BAR ( NUMBER:1 , STRING:\"x\" ) ;");
	/* a macro argument may hold '>' without closing anything */
	EXPECT_TOKS("p = <M((1 > 0), 2)>;",
		    "NAME:p = CELL< IDENT:M ( ( NUMBER:1 > NUMBER:0 ) , NUMBER:2 ) CELL> ;");
}

Test(lexer_tokens, macro_statements)
{
	EXPECT_TOKS("BONE_LED(P8_03)", "NAME:BONE_LED ( IDENT:P8_03 )");
	EXPECT_TOKS("ZMK_MACRO(m, bindings = <&kp A>;)\nx;",
		    "NAME:ZMK_MACRO ( IDENT:m , IDENT:bindings = < REF:&kp IDENT:A > ; ) NAME:x ;");
	EXPECT_TOKS("CPU_0\n", "NAME:CPU_0");
}

Test(lexer_tokens, stray_bytes)
{
	const char s[] = "a = <1>;\x01\x02\xff b;";
	char *got = tok_dump(s, sizeof(s) - 1, 0);
	cr_expect_str_eq(got, "NAME:a = CELL< NUMBER:1 CELL> ; ERROR:\\x01\\x02\\xff!stray NAME:b ;");
	free(got);
	const char z[] = "a\0b;";
	got = tok_dump(z, sizeof(z) - 1, 0);
	cr_expect_str_eq(got, "NAME:a ERROR:\\x00!stray NAME:b ;");
	free(got);
}

Test(lexer_tokens, preprocessor_operators_in_macro_arguments)
{
	EXPECT_TOKS("p = <CAT(a ## b, #x, a.b)>;",
		    "NAME:p = CELL< IDENT:CAT ( IDENT:a ## IDENT:b , # IDENT:x , IDENT:a . IDENT:b ) "
		    "CELL> ;");
	EXPECT_TOKS("q = FOO(\\x);", "NAME:q = IDENT:FOO ( \\ IDENT:x ) ;");
}

Test(lexer_tokens, dtc_include_is_transparent)
{
	/* after /include/ "file" the lexer is in the mode it was in before */
	EXPECT_TOKS("/include/ \"a.dtsi\"\n/ { };", "INCLUDE:/include/ STRING:\"a.dtsi\" / { } ;");
	EXPECT_TOKS("/ { /include/ \"b.dtsi\" c = <1>; };",
		    "/ { INCLUDE:/include/ STRING:\"b.dtsi\" NAME:c = CELL< NUMBER:1 CELL> ; } ;");
	EXPECT_TOKS("p = /include/ \"v.dtsi\";", "NAME:p = INCLUDE:/include/ STRING:\"v.dtsi\" ;");
}
