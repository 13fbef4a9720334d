/* The preprocessor's directives, each compared with what
 * `cpp -P -undef -x assembler-with-cpp` prints for the same input. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "model_testutil.h"

static void expect_pp(const char *const *files, const char *want, const char *want_diags)
{
	char *diags;
	char *got = pp_of(files, &diags);
	cr_expect_str_eq(got, want, "output:\n%s\nwanted:\n%s", got, want);
	if (want_diags)
		cr_expect(strstr(diags, want_diags) != NULL, "diagnostics:\n%s\nwanted: %s", diags,
			  want_diags);
	else
		cr_expect_str_eq(diags, "", "unexpected diagnostics:\n%s", diags);
	free(got);
	free(diags);
}

#define FILES(...) ((const char *const[]){__VA_ARGS__, NULL})

Test(pp_directives, include_quoted_and_bracketed)
{
	expect_pp(FILES("main.dts", "#include \"a.dtsi\"\n#include <b.h>\nend B\n",
			"a.dtsi", "a = <1>;\n",
			"inc/b.h", "#define B 2\n"),
		  "a = <1>;\nend 2", NULL);
}

Test(pp_directives, quoted_include_prefers_the_including_files_dir)
{
	expect_pp(FILES("dir/main.dts", "#include \"x.h\"\nX\n",
			"dir/x.h", "#define X here\n",
			"inc/x.h", "#define X there\n"),
		  "here", NULL);
}

Test(pp_directives, bracketed_include_skips_the_including_files_dir)
{
	expect_pp(FILES("dir/main.dts", "#include <x.h>\nX\n",
			"dir/x.h", "#define X here\n",
			"inc/x.h", "#define X there\n"),
		  "there", NULL);
}

Test(pp_directives, include_from_a_macro)
{
	expect_pp(FILES("main.dts", "#define HDR <b.h>\n#include HDR\nB\n",
			"inc/b.h", "#define B 7\n"),
		  "7", NULL);
}

Test(pp_directives, missing_include_is_an_error_at_the_directive)
{
	expect_pp(FILES("main.dts", "/ {};\n#include <nope.h>\n"), "/ {};",
		  "main.dts:2:1: cannot find include file 'nope.h'");
}

Test(pp_directives, include_cycle_stops)
{
	char *diags;
	char *got = pp_of(FILES("main.dts", "#include \"main.dts\"\nx\n"), &diags);
	cr_expect(strstr(diags, "main.dts:1:1: #include cycle: 'main.dts' is already being included twice") != NULL,
		  "%s", diags);
	free(got);
	free(diags);
}

Test(pp_directives, include_guards_and_pragma_once)
{
	expect_pp(FILES("main.dts", "#include \"g.h\"\n#include \"g.h\"\n#include \"o.h\"\n#include \"o.h\"\n",
			"g.h", "#ifndef G\n#define G\ng\n#endif\n",
			"o.h", "#pragma once\no\n"),
		  "g\no", NULL);
}

Test(pp_directives, define_undef)
{
	expect_pp(FILES("main.dts", "#define A 1\nA\n#undef A\nA\n"), "1\nA", NULL);
}

Test(pp_directives, if_elif_else_endif)
{
	expect_pp(FILES("main.dts",
			"#define V 3\n"
			"#if V == 1\none\n#elif V == 3\nthree\n#else\nother\n#endif\n"
			"#if 0\n#if 1\nnested\n#endif\n#else\nelse\n#endif\n"),
		  "three\nelse", NULL);
}

Test(pp_directives, ifdef_ifndef_defined)
{
	expect_pp(FILES("main.dts",
			"#define D\n#ifdef D\na\n#endif\n#ifndef D\nb\n#endif\n"
			"#if defined(D) && !defined U && defined __DTS__\nc\n#endif\n"),
		  "a\nc", NULL);
}

Test(pp_directives, if_arithmetic)
{
	expect_pp(FILES("main.dts",
			"#if (1 << 4) + 3 * 2 - 10 / 3 == 19 && -1 < 0 && -1 > 0u && 'A' == 65\nok\n#endif\n"
			"#if 0 && (1 / 0)\nno\n#endif\n#if 1 ? 2 : 1 / 0\nyes\n#endif\n"),
		  "ok\nyes", NULL);
}

Test(pp_directives, if_division_by_zero_is_an_error)
{
	expect_pp(FILES("main.dts", "#if 1 / 0\nx\n#endif\n"), "", "division by zero in #if");
}

Test(pp_directives, unterminated_if)
{
	expect_pp(FILES("main.dts", "#if 1\nx\n"), "x", "unterminated #if");
}

Test(pp_directives, error_directive)
{
	expect_pp(FILES("main.dts", "#error stop here\n"), "", "#error stop here");
}

Test(pp_directives, assembler_mode_keeps_hash_lines)
{
	/* #address-cells is not a directive in assembler-with-cpp */
	expect_pp(FILES("main.dts", "/ {\n#address-cells = <1>;\n# size-cells\n};\n"),
		  "/ {\n#address-cells = <1>;\n# size-cells\n};", NULL);
}

Test(pp_directives, comments_and_splices)
{
	expect_pp(FILES("main.dts", "a /* x\n y */ b // c\nd\\\ne #define\n"),
		  "a b\nde #define", NULL);
}

Test(pp_directives, dtc_include_is_spliced_raw)
{
	/* /include/ comes after cpp: its file is not preprocessed */
	char *diags;
	char *got = pp_of(FILES("main.dts", "#define X 1\n/include/ \"r.dtsi\"\nX\n",
				"r.dtsi", "X /* raw */\n"), &diags);
	cr_expect(strstr(got, "X /* raw */") != NULL, "%s", got);
	cr_expect(strstr(got, "include") == NULL, "%s", got);
	cr_expect(got[strlen(got) - 1] == '1', "%s", got);
	cr_expect_str_eq(diags, "");
	free(got);
	free(diags);
}

/* -D and -U as cpp takes them, applied in order after the predefined
 * macros: `cpp -undef -D A=2 -D B -U B -U __DTS__ -D 'F(x)=x+1'`. */
Test(pp_directives, command_line_defines_and_undefines_in_order)
{
	const char *const defs[] = {"A=2", "-DB", "-UB", "-U__DTS__", "-DF(x)=x+1", "-DC=a=b",
				    NULL};
	char *diags;
	char *got = pp_of_defs(FILES("main.dts", "A B F(3) C\n#ifdef __DTS__\ndts\n#endif\n"
					 "#ifndef B\nnoB\n#endif\n"),
			       defs, &diags);
	cr_expect_str_eq(got, "2 B 3+1 a=b\nnoB", "got:\n%s", got);
	cr_expect_str_eq(diags, "");
	free(got);
	free(diags);
}

Test(pp_directives, what_d_and_u_accept)
{
	cr_expect(pp_define_valid("A", 0));
	cr_expect(pp_define_valid("_a1=", 0));
	cr_expect(pp_define_valid("A=x=y", 0));
	cr_expect(pp_define_valid("F(a, b)=a", 0));
	cr_expect(pp_define_valid("V(...)=__VA_ARGS__", 0));
	cr_expect(!pp_define_valid("", 0));
	cr_expect(!pp_define_valid("1A", 0));
	cr_expect(!pp_define_valid("=1", 0));
	cr_expect(!pp_define_valid("A B", 0));
	cr_expect(!pp_define_valid("F(a=1", 0));
	cr_expect(pp_define_valid("A", 1));
	cr_expect(!pp_define_valid("A=1", 1));
	cr_expect(!pp_define_valid("F(x)", 1));
}
