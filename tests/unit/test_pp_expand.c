/* Macro expansion edge cases, each checked against GNU cpp's output. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "model_testutil.h"

static void expect_pp(const char *text, const char *want)
{
	const char *const files[] = {"main.dts", text, NULL};
	char *diags;
	char *got = pp_of(files, &diags);
	cr_expect_str_eq(got, want, "input:\n%s\noutput:\n%s\nwanted:\n%s", text, got, want);
	cr_expect_str_eq(diags, "", "unexpected diagnostics:\n%s", diags);
	free(got);
	free(diags);
}

Test(pp_expand, object_and_function_like)
{
	expect_pp("#define N 4\n#define ADD(a, b) ((a) + (b))\n<ADD(N, 1)>\n", "<((4) + (1))>");
}

Test(pp_expand, function_like_name_without_parens_is_kept)
{
	expect_pp("#define F(x) x\nF + F(1)\n", "F + 1");
}

Test(pp_expand, arguments_are_expanded_before_substitution)
{
	expect_pp("#define A B\n#define B 2\n#define ID(x) x\n#define STR(x) #x\n"
		  "ID(A) STR(A)\n",
		  "2 \"A\"");
}

Test(pp_expand, painted_blue_recursion_stops)
{
	expect_pp("#define R R + 1\n#define P Q\n#define Q P\nR P Q\n", "R + 1 P Q");
}

Test(pp_expand, rescan_with_the_rest_of_the_file)
{
	/* the classic: f(2)(9) -> 2*9*g */
	expect_pp("#define f(a) a*g\n#define g(a) f(a)\nf(2)(9)\n", "2*9*g");
}

Test(pp_expand, paste)
{
	expect_pp("#define CAT(a, b) a##b\n#define X 1\nCAT(X, 2) CAT(fo, o) CAT(0x, 1f)\n",
		  "X2 foo 0x1f");
}

Test(pp_expand, paste_with_empty_arguments)
{
	expect_pp("#define CAT(a, b) a##b\n[CAT(x,)] [CAT(,y)] [CAT(,)]\n", "[x] [y] []");
}

Test(pp_expand, pasted_name_is_rescanned)
{
	expect_pp("#define CAT(a, b) a##b\n#define foo_bar 42\nCAT(foo_, bar)\n", "42");
}

Test(pp_expand, stringify_escapes)
{
	expect_pp("#define S(x) #x\nS(a  \"b\\n\"   'c') S() S(  x  y  )\n",
		  "\"a \\\"b\\\\n\\\" 'c'\" \"\" \"x y\"");
}

Test(pp_expand, variadic)
{
	expect_pp("#define V(f, ...) f(__VA_ARGS__)\n#define G(f, ...) f(0, ## __VA_ARGS__)\n"
		  "#define N(args...) <args>\n"
		  "V(a, 1, 2) V(b) G(c) G(d, 1) N(1 2)\n",
		  "a(1, 2) b() c(0) d(0,1) <1 2>");
}

Test(pp_expand, multi_line_macro_and_invocation)
{
	expect_pp("#define PIN(a, b) \\\n\t<(a) \\\n\t (b)>\nx = PIN(1,\n\t2);\n",
		  "x = <(1) (2)>;");
}

Test(pp_expand, no_accidental_token_pasting)
{
	/* cpp separates tokens that would otherwise join into one */
	expect_pp("#define E\n#define F(x) x\nF(a)b -E-a a-E-b F(x)F(y)\n", "a b - -a a- -b x y");
}

Test(pp_expand, directives_inside_macro_arguments)
{
	expect_pp("#define ID(x) x\nID(1\n#ifdef __DTS__\n2\n#else\n3\n#endif\n)\n", "1 2");
}

Test(pp_expand, builtins)
{
	expect_pp("__LINE__ __FILE__\n__COUNTER__ __COUNTER__\n", "1 \"main.dts\"\n0 1");
}

Test(pp_expand, wrong_argument_count_is_reported)
{
	const char *const files[] = {"main.dts", "#define F(a, b) a\nF(1)\n", NULL};
	char *diags;
	char *got = pp_of(files, &diags);
	cr_expect(strstr(diags, "takes 2 arguments, 1 given") != NULL, "%s", diags);
	free(got);
	free(diags);
}

Test(pp_expand, runaway_expansion_is_stopped)
{
	/* each level doubles: 2^40 tokens if nothing stopped it */
	struct { const char *t; } big = {
		"#define A0 x x\n#define A1 A0 A0\n#define A2 A1 A1\n#define A3 A2 A2\n"
		"#define A4 A3 A3\n#define A5 A4 A4\n#define A6 A5 A5\n#define A7 A6 A6\n"
		"#define A8 A7 A7\n#define A9 A8 A8\n#define B0 A9 A9 A9 A9\n#define B1 B0 B0 B0 B0\n"
		"#define B2 B1 B1 B1 B1\n#define B3 B2 B2 B2 B2\n#define B4 B3 B3 B3 B3\n"
		"#define B5 B4 B4 B4 B4\n#define B6 B5 B5 B5 B5\n#define B7 B6 B6 B6 B6\n"
		"#define B8 B7 B7 B7 B7\n#define B9 B8 B8 B8 B8\n#define C0 B9 B9 B9 B9\nC0\n"};
	const char *const files[] = {"main.dts", big.t, NULL};
	char *diags;
	char *got = pp_of(files, &diags);
	cr_expect(strstr(diags, "too large") != NULL, "%s", diags);
	free(got);
	free(diags);
}
