/* libFuzzer target: the formatter. On every input it formats, asserts
 *  - the output parses without errors,
 *  - formatting is idempotent: formatting the output changes nothing,
 *  - the significant tokens are the input's (hex digits' case aside), and
 *    the comments and directives are all still there,
 *  - formatting part of a file (the editor's partial and line-range modes)
 *    and then the whole gives what formatting the whole gives at once,
 *  - verification never fails (FMT_INTERNAL is a formatter bug),
 *  - an input that parses cleanly is never refused as a syntax error.
 * The options (indent, line width, sort, style, matrix layout, mode) are
 * drawn from a hash of the input so that seed files stay plain DTS; with DTIDY_FUZZ_ALL_OPTIONS set
 * (replaying regressions) every combination is tried. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/hash.h"
#include "formatter/format.h"
#include "lexer/lexer.h"
#include "parser/parser.h"
#include "fuzz_check.h"

static size_t parse_errors(const char *text, size_t len)
{
	struct dt_parsed p;
	dt_parse_text(&p, text, len);
	size_t n = p.cst.nerrors;
	dt_parsed_free(&p);
	return n;
}

static int same_token(int kind, const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen != blen)
		return 0;
	if (kind != TK_NUMBER && kind != TK_BYTE)
		return memcmp(a, b, alen) == 0;
	for (size_t i = 0; i < alen; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return 0;
	return 1;
}

/* Same significant tokens in the same order, and as many comments and
 * directives. */
static void assert_same_tokens(const char *a, size_t alen, const char *b, size_t blen)
{
	struct dt_tokens ta = {0}, tb = {0};
	dt_lex(a, alen, &ta);
	dt_lex(b, blen, &tb);
	size_t i = 0, j = 0, ca = 0, cb = 0;
	for (;;) {
		while (i < ta.n && dt_tok_is_trivia(ta.v[i].kind)) {
			int k = ta.v[i++].kind;
			ca += k == TK_LINE_COMMENT || k == TK_BLOCK_COMMENT || k == TK_PP;
		}
		while (j < tb.n && dt_tok_is_trivia(tb.v[j].kind)) {
			int k = tb.v[j++].kind;
			cb += k == TK_LINE_COMMENT || k == TK_BLOCK_COMMENT || k == TK_PP;
		}
		FUZZ_ASSERT(i < ta.n && j < tb.n);
		const struct dt_token *x = &ta.v[i], *y = &tb.v[j];
		FUZZ_ASSERT(x->kind == y->kind);
		FUZZ_ASSERT(same_token(x->kind, a + x->off, x->len, b + y->off, y->len));
		if (x->kind == TK_EOF)
			break;
		i++;
		j++;
	}
	FUZZ_ASSERT(ca == cb);
	dt_tokens_free(&ta);
	dt_tokens_free(&tb);
}

static void assert_idempotent(const struct fmt_result *r, const struct fmt_options *o)
{
	struct fmt_result again;
	fmt_buffer(r->text, r->len, o, &again);
	FUZZ_ASSERT(again.status == FMT_OK);
	FUZZ_ASSERT(!again.changed);
	FUZZ_ASSERT(again.len == r->len && memcmp(again.text, r->text, r->len) == 0);
	fmt_result_free(&again);
}

/* mode: 0 whole, 1 whole, 2 partial (editor), 3 line range `lr` */
static void check(const char *text, size_t size, const struct fmt_options *o, int mode,
		  struct fmt_line_range lr)
{
	struct fmt_result whole;
	fmt_buffer(text, size, o, &whole);
	FUZZ_ASSERT(whole.status != FMT_INTERNAL);
	if (whole.status == FMT_SYNTAX)
		FUZZ_ASSERT(parse_errors(text, size) > 0);
	if (whole.status == FMT_OK) {
		FUZZ_ASSERT(whole.text != NULL);
		FUZZ_ASSERT(whole.changed == (whole.len != size ||
					      memcmp(whole.text, text, size) != 0));
		FUZZ_ASSERT(parse_errors(whole.text, whole.len) == 0);
		if (!o->sort)
			assert_same_tokens(text, size, whole.text, whole.len);
		assert_idempotent(&whole, o);
	}

	if (mode >= 2) {
		struct fmt_result part;
		if (mode == 2)
			fmt_buffer_partial(text, size, o, &part);
		else
			fmt_buffer_lines(text, size, o, &lr, 1, &part);
		FUZZ_ASSERT(part.status != FMT_INTERNAL);
		if (part.status == FMT_OK) {
			FUZZ_ASSERT(part.text != NULL);
			if (!o->sort)
				assert_same_tokens(text, size, part.text, part.len);
			if (whole.status == FMT_OK) {
				/* formatting all of it afterwards reaches the same text */
				struct fmt_result rest;
				fmt_buffer(part.text, part.len, o, &rest);
				FUZZ_ASSERT(rest.status == FMT_OK);
				FUZZ_ASSERT(rest.len == whole.len &&
					    memcmp(rest.text, whole.text, whole.len) == 0);
				fmt_result_free(&rest);
			}
		}
		fmt_result_free(&part);
	}
	fmt_result_free(&whole);
}

/* Replaying a regression input (tests/regress/), every combination is
 * tried, so an input keeps its meaning if the hash mapping changes. Every
 * line width from 16 to 120 columns: where a value breaks depends on the
 * exact width, and an input found at one width says nothing of the others. */
static void check_all(const char *text, size_t size)
{
	static const struct fmt_line_range ranges[] = {{1, 1}, {2, 3}, {1, 100000}, {5, 2}};
	for (int sort = 0; sort <= 1; sort++)
		for (int indent = 0; indent <= 4; indent += 4)
			for (int width = 16; width <= 120; width++) {
				struct fmt_options o;
				fmt_options_default(&o);
				o.sort = sort;
				o.indent = indent;
				o.line_width = width;
				check(text, size, &o, 2, ranges[0]);
				if (width % 40 != 20)
					continue;
				for (size_t r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++)
					check(text, size, &o, 3, ranges[r]);
			}
	/* the other styles and matrix layouts (zephyr's, zmk's) */
	for (int style = 0; style <= FMT_STYLE_ZMK; style++)
		for (int grid = 0; grid <= FMT_GRID_SINGLE; grid++)
			for (int width = 20; width <= 100; width += 40) {
				struct fmt_options o;
				fmt_options_default(&o);
				o.style = style;
				o.grid = grid;
				o.indent = grid == FMT_GRID_KEEP ? 4 : 0;
				o.line_width = width;
				check(text, size, &o, 2, ranges[0]);
				for (size_t r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++)
					check(text, size, &o, 3, ranges[r]);
			}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	if (getenv("DTIDY_FUZZ_ALL_OPTIONS")) {
		check_all(text, size);
		return 0;
	}
	uint32_t h = fnv1a32(data, size);
	struct fmt_options o;
	fmt_options_default(&o);
	o.indent = (h & 3) == 3 ? 4 : 0;
	o.line_width = (h >> 2) & 1 ? 100 : 20 + (int)((h >> 3) % 100);
	o.sort = ((h >> 10) & 7) == 0;
	o.grid = (int)((h >> 26) % 3);
	o.style = (int)((h >> 29) % 3);	/* kernel, dts-linter, zmk */
	int mode = (int)((h >> 13) % 4);	/* whole twice as often */
	struct fmt_line_range lr = {1 + (h >> 16) % 64, 1 + (h >> 22) % 128};
	check(text, size, &o, mode, lr);
	return 0;
}
