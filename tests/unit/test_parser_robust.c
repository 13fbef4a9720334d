/* Hostile input: garbage, NUL bytes, every truncation of a real file. Nothing
 * may crash, the lexer must still round-trip, the tree must stay well formed
 * and every mistake must be reported somewhere inside the text. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt_testutil.h"

static void expect_sane(const char *text, size_t len, const char *what)
{
	cr_assert(lex_roundtrips(text, len), "%s: lexing loses bytes", what);
	struct parsed p;
	parse_mem(&p, text, len);
	const char *why = parse_invariant_violation(&p);
	cr_assert_null(why, "%s: %s", what, why);
	parsed_free(&p);
}

static size_t count_errors(const char *text, size_t len)
{
	struct parsed p;
	parse_mem(&p, text, len);
	size_t n = p.cst.nerrors;
	parsed_free(&p);
	return n;
}

static const char sample[] =
	"// SPDX-License-Identifier: GPL-2.0\n"
	"/dts-v1/;\n"
	"/plugin/;\n"
	"#include <dt-bindings/gpio/gpio.h>\n"
	"#define PIN(x) ((x) * 4)\n"
	"/memreserve/ 0x80000000 (0x1000 << 4);\n"
	"/ {\n"
	"\t#address-cells = <1>;\n"
	"\tmodel = \"Board \\\"X\\\"\", \"b\";\n"
	"\tl0: soc@0 {\n"
	"\t\treg = <0 0x1000>, <PIN(3) (1 ? 2 : 3)>;\n"
	"\t\tdata = [00 1a 2B3c], /bits/ 16 <'a' 0x7fffULL>;\n"
	"\t\tbin = /incbin/(\"blob.bin\", 4, 8);\n"
	"\t\tgpios = <&gpio0 5 GPIO_ACTIVE_LOW>, <&{/soc@0/x} 1>;\n"
	"\t\t/* a block\n\t\t   comment */\n"
	"\t\t/delete-property/ old;\n"
	"\t\t/omit-if-no-ref/ maybe: child@1 { status = \"okay\"; };\n"
	"\t\tZMK_MACRO(m, wait-ms = <1>;)\n"
	"\t};\n"
	"};\n"
	"&l0 { extra; };\r\n"
	"&{/soc@0} { /delete-node/ child@1; };\n"
	"/delete-node/ &l0;\n"
	"/omit-if-no-ref/ &maybe;\n";

Test(parser_robust, sample_is_clean)
{
	cr_expect_eq(count_errors(sample, sizeof(sample) - 1), 0);
}

Test(parser_robust, every_truncation)
{
	for (size_t n = 0; n < sizeof(sample) - 1; n++) {
		char what[64];
		snprintf(what, sizeof(what), "first %zu bytes", n);
		/* a private copy: no NUL right after the text */
		char *buf = malloc(n ? n : 1);
		memcpy(buf, sample, n);
		expect_sane(buf, n, what);
		free(buf);
	}
}

Test(parser_robust, truncated_inside_a_node_is_an_error)
{
	/* cut anywhere after the root's '{' and before its '};': the missing
	 * close must be reported */
	const char *open = strstr(sample, "/ {\n");
	const char *close = strstr(sample, "\n};\n");
	for (size_t n = (size_t)(open - sample) + 3; n <= (size_t)(close - sample); n++)
		cr_expect_gt(count_errors(sample, n), 0, "no error for the first %zu bytes", n);
}

Test(parser_robust, every_single_byte_deletion)
{
	size_t len = sizeof(sample) - 1;
	char *buf = malloc(len);
	for (size_t i = 0; i < len; i++) {
		memcpy(buf, sample, i);
		memcpy(buf + i, sample + i + 1, len - i - 1);
		char what[64];
		snprintf(what, sizeof(what), "without byte %zu", i);
		expect_sane(buf, len - 1, what);
	}
	free(buf);
}

/* xorshift: deterministic noise, the same on every run */
static uint32_t next_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

Test(parser_robust, random_garbage)
{
	uint32_t seed = 0x9e3779b9u;
	char buf[512];
	for (int round = 0; round < 3000; round++) {
		size_t len = next_rand(&seed) % sizeof(buf);
		for (size_t i = 0; i < len; i++)
			buf[i] = (char)(next_rand(&seed) & 0xff);
		char what[64];
		snprintf(what, sizeof(what), "random bytes, round %d", round);
		expect_sane(buf, len, what);
	}
}

Test(parser_robust, random_devicetree_alphabet)
{
	/* noise made of the characters that matter to the grammar, so that it
	 * reaches deep into every mode of the lexer and parser */
	static const char alphabet[] = "/{}<>[]();=,&:\"'\\#@-+*%!~^|?.xX09aF_ \t\n\r";
	static const char *const words[] = {
		"/dts-v1/", "/plugin/", "/bits/", "/delete-node/", "/delete-property/",
		"/omit-if-no-ref/", "/memreserve/", "/incbin/", "/include/", "#include",
		"#define", "//", "/*", "*/", "&{/", "0x", "FOO(", "l:", "<<", ">>",
	};
	uint32_t seed = 12345;
	char buf[400];
	for (int round = 0; round < 5000; round++) {
		size_t len = 0, want = next_rand(&seed) % 300;
		while (len < want) {
			uint32_t r = next_rand(&seed);
			if (r % 5 == 0) {
				const char *w = words[(r >> 8) % (sizeof(words) / sizeof(words[0]))];
				size_t wl = strlen(w);
				memcpy(buf + len, w, wl);
				len += wl;
			} else {
				buf[len++] = alphabet[(r >> 8) % (sizeof(alphabet) - 1)];
			}
		}
		char what[64];
		snprintf(what, sizeof(what), "grammar noise, round %d", round);
		expect_sane(buf, len, what);
	}
}

Test(parser_robust, nul_bytes)
{
	const char a[] = "/dts-v1/;\n/ {\n\tp = \"a\0b\";\n\tq\0 = <1>;\n};\n";
	expect_sane(a, sizeof(a) - 1, "NULs");
	cr_expect_gt(count_errors(a, sizeof(a) - 1), 0);
	const char b[] = "\0\0\0\0";
	expect_sane(b, sizeof(b) - 1, "only NULs");
	cr_expect_gt(count_errors(b, sizeof(b) - 1), 0);
}

Test(parser_robust, unterminated_things_round_trip)
{
	static const char *const cases[] = {
		"/dts-v1/; / { p = \"never closed",
		"/dts-v1/; / { p = 'x",
		"/dts-v1/; / { /* never closed",
		"/dts-v1/; / { p = <1 2",
		"/dts-v1/; / { p = [00 11",
		"/dts-v1/; / { p = <(1 + (2",
		"/dts-v1/; / { p = FOO(1, (2",
		"/dts-v1/; / { p = &{/a/b",
		"/dts-v1/; / { n {",
		"#if 1 /* open",
		"/dts-v1/; / { p = \\",
		"/dts-v1/; / { p = /incbin/(\"f\"",
		"/dts-v1/; /memreserve/ 1",
		"&",
		"/",
		"\"",
		"'",
	};
	expect_sane("#define X \\", 11, "backslash at end of file");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		expect_sane(cases[i], strlen(cases[i]), cases[i]);
		cr_expect_gt(count_errors(cases[i], strlen(cases[i])), 0, "no error for: %s", cases[i]);
	}
}

Test(parser_robust, long_line)
{
	/* a 4 MB line: one property with a million cells */
	size_t n = 1000000;
	char *buf = malloc(n * 4 + 64);
	size_t len = (size_t)sprintf(buf, "/dts-v1/; / { p = <");
	for (size_t i = 0; i < n; i++) {
		memcpy(buf + len, "0x1 ", 4);
		len += 4;
	}
	len += (size_t)sprintf(buf + len, ">; };");
	struct parsed p;
	parse_mem(&p, buf, len);
	cr_expect_eq(p.cst.nerrors, 0);
	const struct cst *root = p.cst.root->child->next;	/* after (version) */
	const struct cst *cells = root->child->child;
	size_t k = 0;
	CST_FOREACH(c, cells)
		k++;
	cr_expect_eq(k, n);
	parsed_free(&p);
	free(buf);
}
