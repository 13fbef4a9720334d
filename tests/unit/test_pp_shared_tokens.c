/* A file read through the cache more than once in a run is lexed once and
 * its tokens shared by every board: each board must still get exactly the
 * output and diagnostics it gets alone, and a buffer from the read hook
 * (an editor's unsaved text) must win over the shared tokens of the file
 * on disk. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "parser/pp/pp.h"

static char dir[] = "/tmp/dtidy-pp-shared-XXXXXX";

static char *path_of(const char *name)
{
	struct strbuf b = {0};
	sb_printf(&b, "%s/%s", dir, name);
	char *p = xstrdup(sb_cstr(&b));
	sb_free(&b);
	return p;
}

static void put(const char *name, const char *text)
{
	char *p = path_of(name);
	FILE *f = fopen(p, "w");
	cr_assert_not_null(f, "cannot write %s", p);
	fputs(text, f);
	fclose(f);
	free(p);
}

static void rm(const char *name)
{
	char *p = path_of(name);
	unlink(p);
	free(p);
}

/* The header: a splice inside an identifier, one inside a string, a macro
 * whose definition goes on over a splice, and a comment left open at the
 * end (an error every board that includes it must report). */
static const char header[] =
	"#define VAL 4\\\n2\n"
	"#define NAME \"sp\\\nlit\"\n"
	"#define PAIR(a, b) <a \\\n b>\n"
	"LA\\\nBEL: node { v = PAIR(VAL, 1); s = NAME; };\n"
	"/* never closed\n";

static void setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
	put("h.dtsi", header);
	put("a.dts", "/dts-v1/;\n/ {\n#include \"h.dtsi\"\n};\n");
	put("b.dts", "/dts-v1/;\n#define VAL 9\n/ {\n#include \"h.dtsi\"\n#include \"h.dtsi\"\n};\n");
}

static void teardown(void)
{
	rm("h.dtsi");
	rm("a.dts");
	rm("b.dts");
	rmdir(dir);
}

struct hook {
	const char *path;	/* served from text instead of the disk */
	const char *text;
};

static int serve(void *ctx, const char *path, char **text, size_t *len)
{
	const struct hook *h = ctx;
	if (!h || strcmp(h->path, path))
		return 0;
	*len = strlen(h->text);
	*text = xstrndup(h->text, *len);
	return 1;
}

/* Output, then every diagnostic as "line:col: message". */
static char *run(struct src_cache *c, const char *board, const struct hook *h)
{
	const char *incdirs[] = {dir};
	struct pp_opts o = {.incdirs = incdirs, .nincdirs = 1, .cache = c,
			    .read = h ? serve : NULL, .read_ctx = (void *)h};
	struct arena keep;
	arena_init(&keep);
	struct diag_list d = {0};
	struct pp_result r;
	char *p = path_of(board);
	pp_run(p, &o, &keep, &d, &r);
	struct strbuf b = {0};
	sb_put(&b, r.text, r.len);
	sb_puts(&b, "\n--\n");
	for (size_t i = 0; i < d.n; i++)
		sb_printf(&b, "%u:%u: %s\n", d.v[i].line, d.v[i].col, d.v[i].message);
	char *out = xstrdup(sb_cstr(&b));
	sb_free(&b);
	pp_result_free(&r);
	diag_list_free(&d);
	arena_free(&keep);
	free(p);
	return out;
}

/* What a board gives with a cache of its own. */
static char *alone(const char *board)
{
	struct src_cache *c = src_cache_new();
	char *out = run(c, board, NULL);
	src_cache_free(c);
	return out;
}

TestSuite(pp_shared_tokens, .init = setup, .fini = teardown);

Test(pp_shared_tokens, boards_sharing_a_header_see_what_they_see_alone)
{
	char *want_a = alone("a.dts"), *want_b = alone("b.dts");
	cr_assert(strstr(want_a, "LABEL: node { v = <42 1>; s = \"split\"; };"),
		  "the header's splices are read as cpp reads them:\n%s", want_a);
	cr_assert(strstr(want_a, "unterminated comment"), "%s", want_a);
	struct src_cache *c = src_cache_new();
	/* b includes the header twice: its second read is shared already */
	for (int round = 0; round < 3; round++) {
		char *a = run(c, "a.dts", NULL), *b = run(c, "b.dts", NULL);
		cr_expect_str_eq(a, want_a, "round %d", round);
		cr_expect_str_eq(b, want_b, "round %d", round);
		free(a);
		free(b);
	}
	src_cache_free(c);
	free(want_a);
	free(want_b);
}

Test(pp_shared_tokens, an_editor_buffer_wins_over_shared_tokens)
{
	struct src_cache *c = src_cache_new();
	for (int i = 0; i < 3; i++)	/* the header's tokens are shared by now */
		free(run(c, "b.dts", NULL));
	char *hp = path_of("h.dtsi");
	struct hook h = {hp, "edited: node { };\n"};
	char *out = run(c, "a.dts", &h);
	cr_expect(strstr(out, "edited: node { };"), "the buffer's text:\n%s", out);
	cr_expect(!strstr(out, "LABEL"), "not the file's:\n%s", out);
	cr_expect(!strstr(out, "unterminated comment"), "nor its errors:\n%s", out);
	free(out);
	/* and the disk's version is still what others see */
	char *again = run(c, "a.dts", NULL), *want = alone("a.dts");
	cr_expect_str_eq(again, want);
	free(again);
	free(want);
	free(hp);
	src_cache_free(c);
}

/* A bounded cache drops what no board holds past its budget, and a board
 * after that gets exactly what it got before (the files read again). */
Test(pp_shared_tokens, a_bounded_cache_drops_idle_files_and_reads_them_again)
{
	char *want_a = alone("a.dts"), *want_b = alone("b.dts");
	struct src_cache *c = src_cache_new_bounded(0);
	struct src_cache_stats st;
	for (int round = 0; round < 3; round++) {
		char *a = run(c, "a.dts", NULL), *b = run(c, "b.dts", NULL);
		cr_expect_str_eq(a, want_a, "round %d", round);
		cr_expect_str_eq(b, want_b, "round %d", round);
		free(a);
		free(b);
		src_cache_stats(c, &st);
		cr_expect_eq(st.files, 0, "nothing is held between boards: %zu files", st.files);
		cr_expect_eq(st.idle_bytes, 0);
	}
	cr_expect_geq(st.dropped, 6, "each board's files were dropped: %zu", st.dropped);
	src_cache_free(c);

	/* a held source stays, whatever the budget; given back, it goes */
	c = src_cache_new_bounded(0);
	char *hp = path_of("h.dtsi");
	const struct source *s1 = src_cache_get(c, hp, NULL);
	const struct source *s2 = src_cache_get(c, hp, NULL);
	cr_assert(s1 && s1 == s2);
	src_cache_put(c, s1);
	src_cache_stats(c, &st);
	cr_expect_eq(st.files, 1, "still held once");
	cr_expect(!memcmp(s2->text, header, sizeof(header) - 1));
	src_cache_put(c, s2);
	src_cache_stats(c, &st);
	cr_expect_eq(st.files, 0);
	cr_expect_eq(st.bytes, 0);
	cr_expect(src_cache_exists(c, hp), "a dropped file still exists");
	src_cache_free(c);

	/* with room, idle files stay for the next board */
	c = src_cache_new_bounded((size_t)1 << 20);
	free(run(c, "a.dts", NULL));
	src_cache_stats(c, &st);
	cr_expect_geq(st.files, 1);
	cr_expect_eq(st.idle_bytes, st.bytes, "none held after the board");
	cr_expect_eq(st.dropped, 0);
	src_cache_free(c);
	free(hp);
	free(want_a);
	free(want_b);
}
