/* The formatter's API as the LSP and kbuild integrations use it: whole
 * buffers, buffers with syntax errors (partial), line ranges; and the atomic
 * write and diff helpers `format -i` / `--diff` rest on. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic_write.h"
#include "core/strbuf.h"
#include "core/udiff.h"
#include "formatter/format.h"

static char *fmt(int (*f)(const char *, size_t, const struct fmt_options *,
			  struct fmt_result *), const char *in, int *status, size_t *nerr)
{
	struct fmt_result r;
	f(in, strlen(in), NULL, &r);
	*status = r.status;
	*nerr = r.nerrors;
	char *t = r.text ? strdup(r.text) : NULL;
	fmt_result_free(&r);
	return t;
}

Test(format_api, whole_buffer)
{
	int st;
	size_t ne;
	char *t = fmt(fmt_buffer, "/dts-v1/;\n/ {a=<0XAB>;n{b;};};", &st, &ne);
	cr_assert_eq(st, FMT_OK);
	cr_assert_str_eq(t, "/dts-v1/;\n\n/ {\n\ta = <0xab>;\n\n\tn {\n\t\tb;\n\t};\n};\n");
	free(t);
}

Test(format_api, canonical_input_is_unchanged)
{
	const char *in = "/dts-v1/;\n\n/ {\n\ta = <1>;\n};\n";
	struct fmt_result r;
	fmt_buffer(in, strlen(in), NULL, &r);
	cr_assert_eq(r.status, FMT_OK);
	cr_assert_eq(r.changed, 0);
	cr_assert_str_eq(r.text, in);
	fmt_result_free(&r);
}

Test(format_api, syntax_error_refused)
{
	int st;
	size_t ne;
	char *t = fmt(fmt_buffer, "/ {\n\ta = <1>;\n\tb = ;\n};\n", &st, &ne);
	cr_assert_eq(st, FMT_SYNTAX);
	cr_assert_null(t);
	cr_assert_gt(ne, 0);
}

Test(format_api, partial_formats_before_the_first_error)
{
	int st;
	size_t ne;
	char *t = fmt(fmt_buffer_partial, "/ {\n  a=<1>;\n  c =  <2>;\n  b = ;\n};\n", &st, &ne);
	cr_assert_eq(st, FMT_OK);
	cr_assert_gt(ne, 0);
	cr_assert_str_eq(t, "/ {\n\ta = <1>;\n\tc = <2>;\n  b = ;\n};\n");
	free(t);
}

Test(format_api, line_range_touches_whole_statements)
{
	const char *in = "/ {\n  a=<1>;\n  b=<1\n 2>;\n  c=<3>;\n};\n";
	struct fmt_line_range r1 = {4, 4};	/* the second line of b */
	struct fmt_result r;
	fmt_buffer_lines(in, strlen(in), NULL, &r1, 1, &r);
	cr_assert_eq(r.status, FMT_OK);
	cr_assert_str_eq(r.text, "/ {\n  a=<1>;\n\tb = <1\n\t     2>;\n  c=<3>;\n};\n");
	fmt_result_free(&r);
}

Test(format_api, options_width_and_spaces)
{
	const char *in = "/ {\n\tr = <0x10000000 0x1000 0x20000000 0x1000>;\n};\n";
	struct fmt_options o;
	fmt_options_default(&o);
	o.indent = 2;
	o.line_width = 30;
	struct fmt_result r;
	fmt_buffer(in, strlen(in), &o, &r);
	cr_assert_eq(r.status, FMT_OK);
	cr_assert_str_eq(r.text, "/ {\n  r = <0x10000000 0x1000\n       0x20000000 0x1000>;\n};\n");
	fmt_result_free(&r);
}

Test(format_api, atomic_write_keeps_mode_and_skips_equal_content)
{
	char dir[] = "/tmp/dtidy-aw-XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof(path), "%s/f.dts", dir);
	FILE *f = fopen(path, "w");
	fputs("old\n", f);
	fclose(f);
	chmod(path, 0640);
	char *err = NULL;
	cr_assert_eq(atomic_write_if_changed(path, "old\n", 4, &err), 0);
	cr_assert_eq(atomic_write_if_changed(path, "new\n", 4, &err), 1);
	struct stat st;
	stat(path, &st);
	cr_assert_eq(st.st_mode & 0777, 0640);
	char buf[16] = {0};
	f = fopen(path, "r");
	cr_assert_eq(fread(buf, 1, sizeof(buf) - 1, f), 4);
	fclose(f);
	cr_assert_str_eq(buf, "new\n");
	cr_assert_eq(atomic_write("/nonexistent-dir/x.dts", "x", 1, &err), -1);
	cr_assert_not_null(err);
	free(err);
	unlink(path);
	rmdir(dir);
}

Test(format_api, unified_diff)
{
	struct strbuf d = {0};
	const char *a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
	const char *b = "1\n2\n3\n4\nfive\n6\n7\n8\n9";
	udiff(&d, "./x.dts", a, strlen(a), b, strlen(b));
	cr_assert_str_eq(sb_cstr(&d),
			 "--- a/x.dts\n+++ b/x.dts\n"
			 "@@ -2,8 +2,8 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
			 "-9\n+9\n\\ No newline at end of file\n");
	sb_free(&d);
}

/* git's names: "a//abs/x" after -p1 would be the absolute "/abs/x" */
Test(format_api, unified_diff_header_paths)
{
	static const char *const cases[][2] = {
		{"/abs/dir/x.dts", "--- a/abs/dir/x.dts\n+++ b/abs/dir/x.dts\n"},
		{"//abs//dir/./x.dts", "--- a/abs/dir/x.dts\n+++ b/abs/dir/x.dts\n"},
		{"./d/./x.dts", "--- a/d/x.dts\n+++ b/d/x.dts\n"},
		{"../up/x.dts", "--- a/../up/x.dts\n+++ b/../up/x.dts\n"},
		{"x.dts", "--- a/x.dts\n+++ b/x.dts\n"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf d = {0};
		udiff(&d, cases[i][0], "1\n", 2, "2\n", 2);
		const char *want = cases[i][1];
		cr_assert(!strncmp(sb_cstr(&d), want, strlen(want)), "%s gave:\n%s", cases[i][0],
			  sb_cstr(&d));
		sb_free(&d);
	}
}
