/* The LSP server's line diff: applying the hunks to the old text gives the
 * new text, and unchanged lines are left out of the hunks. */
#include <criterion/criterion.h>
#include <string.h>

#include "../../core/strbuf.h"
#include "../../integrations/lsp/textdiff.h"

static char *apply(const char *a, const char *b, struct text_hunks *h)
{
	struct strbuf out = {0};
	size_t pos = 0;
	for (size_t i = 0; i < h->n; i++) {
		sb_put(&out, a + pos, h->v[i].old_start - pos);
		sb_put(&out, b + h->v[i].new_start, h->v[i].new_end - h->v[i].new_start);
		pos = h->v[i].old_end;
	}
	sb_puts(&out, a + pos);
	return out.s ? out.s : strdup("");
}

static void roundtrip(const char *a, const char *b, size_t max_hunks)
{
	struct text_hunks h = {0};
	text_diff(a, strlen(a), b, strlen(b), &h);
	char *got = apply(a, b, &h);
	cr_assert_str_eq(got, b);
	cr_assert_leq(h.n, max_hunks, "%zu hunks", h.n);
	for (size_t i = 1; i < h.n; i++)
		cr_assert_gt(h.v[i].old_start, h.v[i - 1].old_end, "hunks overlap or touch");
	free(got);
	text_hunks_free(&h);
}

Test(lsp_textdiff, identical_texts_give_no_hunks)
{
	roundtrip("a\nb\n", "a\nb\n", 0);
	roundtrip("", "", 0);
}

Test(lsp_textdiff, reindented_line_is_one_small_hunk)
{
	const char *a = "/ {\n  x = <1>;\n\ty;\n};\n";
	const char *b = "/ {\n\tx = <1>;\n\ty;\n};\n";
	struct text_hunks h = {0};
	text_diff(a, strlen(a), b, strlen(b), &h);
	cr_assert_eq(h.n, 1);
	cr_assert_eq(h.v[0].old_start, 4);
	cr_assert_eq(h.v[0].old_end, 15);
	text_hunks_free(&h);
}

Test(lsp_textdiff, scattered_changes_between_repeated_lines)
{
	roundtrip("a {\n x;\n};\nb {\n y;\n};\nc {\n z;\n};\n",
		  "a {\n\tx;\n};\n\nb {\n y;\n};\n\nc {\n\tz;\n};\n", 4);
}

Test(lsp_textdiff, insertions_deletions_and_a_last_line_without_newline)
{
	roundtrip("one\ntwo\nthree", "zero\none\nthree\nfour", 3);
	roundtrip("x\n", "", 1);
	roundtrip("", "x\ny\n", 1);
}

Test(lsp_textdiff, large_reformat_stays_exact)
{
	struct strbuf a = {0}, b = {0};
	for (int i = 0; i < 3000; i++) {
		sb_printf(&a, "node%d {\n  p = <%d>;\n};\n", i, i);
		sb_printf(&b, "node%d {\n\tp = <%d>;\n};\n%s", i, i, i % 7 ? "" : "\n");
	}
	/* every p line, and each inserted blank line on its own */
	roundtrip(a.s, b.s, 3000 + 429);
	sb_free(&a);
	sb_free(&b);
}
