/* A source's line index (line_starts) has a line after every '\n' and no
 * other: it is read eight bytes at a time, so newlines sit at every place
 * in a word, next to bytes one bit away from '\n' (0x0b, 0x8a, 0x0e). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/source.h"

/* Compares the index of text[0, len) with one made a byte at a time. */
static void check_index(const char *text, size_t len)
{
	struct source *s = source_from_mem("t.dts", text, len);
	cr_assert_not_null(s);
	cr_assert_eq(s->line_starts[0], 0);
	size_t n = 1;
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '\n')
			continue;
		cr_assert_lt(n, s->nlines, "line %zu missing (len %zu)", n, len);
		cr_assert_eq(s->line_starts[n], i + 1, "line %zu starts at %u, not %zu", n,
			     s->line_starts[n], i + 1);
		n++;
	}
	cr_assert_eq(s->nlines, n, "%zu lines, not %zu (len %zu)", s->nlines, n, len);
	source_free(s);
}

Test(source_lines, every_place_in_a_word)
{
	/* a newline at each offset 0..17 of a text of near-misses */
	char buf[40];
	for (size_t at = 0; at < 18; at++) {
		for (size_t len = at + 1; len <= sizeof(buf); len++) {
			for (size_t i = 0; i < len; i++)
				buf[i] = (char)(i % 3 == 0 ? 0x0b : i % 3 == 1 ? 0x8a : 0x0e);
			buf[at] = '\n';
			check_index(buf, len);
		}
	}
}

Test(source_lines, runs_and_ends)
{
	check_index("", 0);
	check_index("\n", 1);
	check_index("\n\n\n\n\n\n\n\n\n\n\n", 11);
	const char *crlf = "/dts-v1/;\r\n/ {\r\n\tmodel = \"x\";\r\n};\r\n";
	check_index(crlf, strlen(crlf));
	check_index("a\nb", 3);
	const char *dts = "/ {\n\tcompatible = \"acme,board\";\n\n\tuart@1000 {\n\t\treg = <0x1000 "
			  "0x100>;\n\t};\n};";
	check_index(dts, strlen(dts));
}

Test(source_lines, random_bytes)
{
	unsigned seed = 1;
	char buf[300];
	for (int round = 0; round < 2000; round++) {
		size_t len = (size_t)(round % 300);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = (seed >> 16) % 8;
			buf[i] = (char)(r == 0 ? '\n' : r == 1 ? 0x8a : r == 2 ? 0x0b : (seed >> 8) & 0xff);
		}
		check_index(buf, len);
	}
}
