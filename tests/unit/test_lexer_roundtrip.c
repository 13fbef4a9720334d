#include <criterion/criterion.h>
#include <string.h>

#include "lexer/lexer.h"

static void roundtrip(const char *text)
{
	struct dt_tokens t = {0};
	size_t len = strlen(text);
	dt_lex(text, len, &t);
	size_t at = 0;
	for (size_t i = 0; i < t.n; i++) {
		cr_assert_eq(t.v[i].off, at, "token %zu starts at %u, expected %zu", i,
			     t.v[i].off, at);
		at += t.v[i].len;
	}
	cr_assert_eq(at, len);
	cr_assert_eq(t.v[t.n - 1].kind, TK_EOF);
	dt_tokens_free(&t);
}

Test(lexer, roundtrip_small)
{
	roundtrip("/dts-v1/;\n/ {\n\t#address-cells = <1>; // c\n\tfoo: bar@0 { reg = <0 (1+2)>; };\n};\n");
	roundtrip("#include <x.h>\n#define A(x) \\\n  (x)\n/ { p = [00 1a 2B3c], \"s\\\"\", 'c'; };");
	roundtrip("");
	roundtrip("\x00\xff garbage \"unterminated");
}
