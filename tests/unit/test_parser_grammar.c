/* The CST of each grammar form, as an S-expression: kinds, names, labels and
 * children, in source order. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "dt_testutil.h"

Test(parser_grammar, header_and_root)
{
	EXPECT_CST("/dts-v1/;\n/ { };", "(version) (node /)");
	EXPECT_CST("/dts-v1/;\n/plugin/;\n/ { };", "(version) (plugin) (node /)");
	EXPECT_CST("/dts-v1/; / { compatible = \"a,b\"; };",
		   "(version) (node / (property compatible (string \"a,b\")))");
}

Test(parser_grammar, memreserve)
{
	EXPECT_CST("/dts-v1/;\n/memreserve/ 0x1000 0x2000;\nl: /memreserve/ 0 (1 << 20);\n/ { };",
		   "(version) (memreserve (number 0x1000) (number 0x2000)) "
		   "(memreserve l: (number 0) (paren (binary << (number 1) (number 20)))) (node /)");
}

Test(parser_grammar, nodes_and_labels)
{
	EXPECT_CST("/dts-v1/; / { a: b: cpu@0 { reg = <0>; }; empty {}; };",
		   "(version) (node / (node a: b: cpu@0 (property reg (cells (number 0)))) (node empty))");
	EXPECT_CST("/dts-v1/; / { }; l: &r { }; / { };",
		   "(version) (node /) (ref-node l: &r) (node /)");
}

Test(parser_grammar, properties)
{
	EXPECT_CST("/dts-v1/; / { ranges; l: status = \"okay\"; a = \"x\", \"y\"; };",
		   "(version) (node / (property ranges) (property l: status (string \"okay\")) "
		   "(property a (string \"x\") (string \"y\")))");
}

Test(parser_grammar, overrides)
{
	EXPECT_CST("/dts-v1/; &foo { status = \"okay\"; };",
		   "(version) (ref-node &foo (property status (string \"okay\")))");
	EXPECT_CST("/dts-v1/; &{/soc/i2c@1000} { };", "(version) (ref-node &{/soc/i2c@1000})");
	EXPECT_CST("/dts-v1/; &{lbl/sub} { x; };", "(version) (ref-node &{lbl/sub} (property x))");
	EXPECT_CST("/dts-v1/; l: &foo { };", "(version) (ref-node l: &foo)");
}

Test(parser_grammar, delete_at_both_levels)
{
	EXPECT_CST("/dts-v1/; / { /delete-node/ n@1; /delete-property/ p; l: /delete-property/ q; };",
		   "(version) (node / (delete-node n@1) (delete-property p) (delete-property l: q))");
	EXPECT_CST("/dts-v1/; /delete-node/ &foo; /delete-node/ &{/a/b};",
		   "(version) (delete-node &foo) (delete-node &{/a/b})");
	/* names that look like keywords, escaped */
	EXPECT_CST("/dts-v1/; / { /delete-property/ \\delete-node; };",
		   "(version) (node / (delete-property \\\\delete-node))");
}

Test(parser_grammar, omit_if_no_ref)
{
	EXPECT_CST("/dts-v1/; /omit-if-no-ref/ &bar; / { /omit-if-no-ref/ l: n {}; m: /omit-if-no-ref/ o {}; };",
		   "(version) (omit-if-no-ref &bar) (node / (node l: n !omit) (node m: o !omit))");
	EXPECT_CST("/dts-v1/; / { }; /omit-if-no-ref/ &{/x};", "(version) (node /) (omit-if-no-ref &{/x})");
}

Test(parser_grammar, cells)
{
	EXPECT_CST("/dts-v1/; / { p = <1 0x2 'c' &ref &{/path} FOO>, <>; };",
		   "(version) (node / (property p (cells (number 1) (number 0x2) (char 'c') "
		   "(cell-ref &ref) (cell-ref &{/path}) (ident FOO)) (cells)))");
	EXPECT_CST("/dts-v1/; / { p = /bits/ 16 <1 2>, /bits/ 64 <3>; };",
		   "(version) (node / (property p (cells bits=16 (number 1) (number 2)) "
		   "(cells bits=64 (number 3))))");
	EXPECT_CST("/dts-v1/; / { p = <l1: 1 l2: 2 l3:>; };",
		   "(version) (node / (property p (cells (label l1:) (number 1) (label l2:) "
		   "(number 2) (label l3:))))");
	/* unary operators inside parentheses (bare, they are an error) */
	EXPECT_CST("/dts-v1/; / { p = <(-1) (~0) (!1) (- -3)>; };",
		   "(version) (node / (property p (cells (paren (unary - (number 1))) (paren (unary ~ "
		   "(number 0))) (paren (unary ! (number 1))) (paren (unary - (unary - (number 3)))))))");
}

Test(parser_grammar, expressions)
{
	EXPECT_CST("/dts-v1/; / { p = <(1 + 2 * 3) ((1 + 2) * 3)>; };",
		   "(version) (node / (property p (cells (paren (binary + (number 1) (binary * "
		   "(number 2) (number 3)))) (paren (binary * (paren (binary + (number 1) "
		   "(number 2))) (number 3))))))");
	/* left associativity */
	EXPECT_CST("/dts-v1/; / { p = <(8 - 4 - 2)>; };",
		   "(version) (node / (property p (cells (paren (binary - (binary - (number 8) "
		   "(number 4)) (number 2))))))");
	EXPECT_CST("/dts-v1/; / { p = <(1 > 2 || 3 < 4 && 5 >= 6 | 7 ^ 8 & 9 == 10 != 11 << 1 >> 2 % 3 / 4)>; };",
		   "(version) (node / (property p (cells (paren (binary || (binary > (number 1) "
		   "(number 2)) (binary && (binary < (number 3) (number 4)) (binary | (binary >= "
		   "(number 5) (number 6)) (binary ^ (number 7) (binary & (number 8) (binary != "
		   "(binary == (number 9) (number 10)) (binary >> (binary << (number 11) (number 1)) "
		   "(binary / (binary % (number 2) (number 3)) (number 4)))))))))))))");
	EXPECT_CST("/dts-v1/; / { p = <(1 ? 2 : 3) (0 ? 1 : 2 ? 3 : 4) (!1 <= -2)>; };",
		   "(version) (node / (property p (cells (paren (ternary ? (number 1) (number 2) "
		   "(number 3))) (paren (ternary ? (number 0) (number 1) (ternary ? (number 2) "
		   "(number 3) (number 4)))) (paren (binary <= (unary ! (number 1)) (unary - "
		   "(number 2)))))))");
}

Test(parser_grammar, macros_in_cells_and_expressions)
{
	EXPECT_CST("/dts-v1/; / { p = <FOO FOO(1, BAR(2)) (FOO + 1) (M() * 2)>; };",
		   "(version) (node / (property p (cells (ident FOO) (call FOO (macro-arg 1) "
		   "(macro-arg BAR(2))) (paren (binary + (ident FOO) (number 1))) (paren (binary * "
		   "(call M) (number 2))))))");
	EXPECT_CST("/dts-v1/; / { p = <&gpio 1 GPIO_ACTIVE_LOW>; q = FOO; r = FOO(\"x\", 1); };",
		   "(version) (node / (property p (cells (cell-ref &gpio) (number 1) "
		   "(ident GPIO_ACTIVE_LOW))) (property q (macro-value FOO)) (property r "
		   "(macro-value FOO (macro-arg \"x\") (macro-arg 1))))");
}

Test(parser_grammar, strings_bytes_refs_incbin)
{
	EXPECT_CST("/dts-v1/; / { a = [00 1a 2B3c]; b = [l: 00 m:]; c = &foo, &{/x/y}; };",
		   "(version) (node / (property a (bytes (byte 00) (byte 1a) (byte 2B) (byte 3c))) "
		   "(property b (bytes (label l:) (byte 00) (label m:))) (property c (ref-value &foo) "
		   "(ref-value &{/x/y})))");
	EXPECT_CST("/dts-v1/; / { d = /incbin/(\"f.bin\"); e = /incbin/(\"f.bin\", 8, 0x10); };",
		   "(version) (node / (property d (incbin (string \"f.bin\"))) (property e (incbin "
		   "(string \"f.bin\") (number 8) (number 0x10))))");
	EXPECT_CST("/dts-v1/; / { f = a: \"x\" b:, c: <1>, [00] d:; };",
		   "(version) (node / (property f (label a:) (string \"x\") (label b:) (label c:) "
		   "(cells (number 1)) (bytes (byte 00)) (label d:)))");
}

Test(parser_grammar, include_directive_of_dtc)
{
	EXPECT_CST("/dts-v1/;\n/include/ \"a.dtsi\"\n/ { /include/ \"b.dtsi\" };",
		   "(version) (include \"a.dtsi\") (node / (include \"b.dtsi\"))");
}

Test(parser_grammar, macro_statements)
{
	EXPECT_CST("/dts-v1/; / { ZMK_MACRO(my_macro, wait-ms = <30>; bindings = <&kp A>;) };",
		   "(version) (node / (macro-statement ZMK_MACRO !nosemi (macro-arg my_macro) "
		   "(macro-arg wait-ms\\s=\\s<30>;\\sbindings\\s=\\s<&kp\\sA>;)))");
	EXPECT_CST("/dts-v1/; / { BONE_LED(P8_03); x = <1>; };",
		   "(version) (node / (macro-statement BONE_LED (macro-arg P8_03)) "
		   "(property x (cells (number 1))))");
	EXPECT_CST("/dts-v1/; / { cpus { CPU_0 CPU_1 }; };",
		   "(version) (node / (node cpus (macro-statement CPU_0 !nosemi) "
		   "(macro-statement CPU_1 !nosemi)))");
	EXPECT_CST("/dts-v1/; FOO(a, b)\n/ { };",
		   "(version) (macro-statement FOO !nosemi (macro-arg a) (macro-arg b)) (node /)");
}

Test(parser_grammar, fragments_without_version)
{
	/* a .dtsi meant for #include at top level */
	EXPECT_CST("/ { a; };\n&l { b; };", "(node / (property a)) (ref-node &l (property b))");
	/* a node body meant for #include inside a node */
	EXPECT_CST("compatible = \"x\";\nl: child@1 { reg = <1>; };\n/delete-property/ q;",
		   "(property compatible (string \"x\")) (node l: child@1 (property reg (cells "
		   "(number 1)))) (delete-property q)");
	EXPECT_CST("", "");
	EXPECT_CST("/* only a comment */\n#include <x.h>\n", "");
}

Test(parser_grammar, preprocessor_lines_between_statements)
{
	EXPECT_CST("/dts-v1/;\n#include \"a.h\"\n/ {\n#ifdef X\n\ta;\n#else\n\tb;\n#endif\n};",
		   "(version) (node / (property a) (property b))");
	EXPECT_CST("/dts-v1/;\n/ {\n\tp = <1\n#if X\n\t2\n#endif\n\t>;\n};",
		   "(version) (node / (property p (cells (number 1) (number 2))))");
	/* what "#if 0" disables is not read at all */
	EXPECT_CST("/dts-v1/;\n/ {\n\tp = <1\n#if 0\n\t2 >; broken {\n#else\n\t3\n#endif\n\t>;\n};",
		   "(version) (node / (property p (cells (number 1) (number 3))))");
}
