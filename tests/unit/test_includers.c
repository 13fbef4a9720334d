/* A .dtsi that uses macros or labels its includers define is checked as
 * the first board of the tree that includes it reads it (Linux
 * apple/t600x-dieX.dtsi through t6001.dtsi, marvell/armada-cp11x.dtsi),
 * and says which; with no such board it is checked alone. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt_testutil.h"
#include "rules/engine.h"
#include "rules/includers.h"

struct names {
	char buf[256];
};

static void collect(void *ud, const char *name, size_t n)
{
	struct names *x = ud;
	size_t l = strlen(x->buf);
	snprintf(x->buf + l, sizeof(x->buf) - l, "%s%.*s", l ? " " : "", (int)n, name);
}

Test(includers, scan_reads_include_lines)
{
	const char *t = "/dts-v1/;\n#include \"a.dtsi\"\n  # include <dt-bindings/x.h>\n"
			"/include/ \"b.dtsi\"\n// #include \"c.dtsi\" is a comment, not read\n"
			"#define X \"d.dtsi\"\n";
	struct names x = {{0}};
	includers_scan(t, strlen(t), collect, &x);
	cr_assert_str_eq(x.buf, "a.dtsi dt-bindings/x.h b.dtsi");
}

static char root[64];

static void tree(void)
{
	snprintf(root, sizeof(root), "/tmp/dtidy-inc-XXXXXX");
	cr_assert_not_null(mkdtemp(root));
	write_tree_file(root, "apple/t600x-die0.dtsi",
			"/ {\n\tsoc {\n\t\tDIE_NODE(pinctrl_ap): pinctrl@1000 {\n"
			"\t\t\treg = <DIE_NO 0x1000>;\n\t\t};\n\t};\n};\n");
	write_tree_file(root, "apple/t6001.dtsi",
			"#define DIE_NODE(a) a\n#define DIE_NO 0\n"
			"/ {\n\tsoc {\n\t\t#address-cells = <2>;\n\t\t#size-cells = <0>;\n\t};\n};\n"
			"#include \"t600x-die0.dtsi\"\n");
	write_tree_file(root, "apple/t6001-j375c.dts",
			"/dts-v1/;\n#include \"t6001.dtsi\"\n/ {\n\tmodel = \"x\";\n};\n"
			"&pinctrl_ap {\n\tstatus = \"okay\";\n};\n");
	write_tree_file(root, "apple/b-other.dts", "/dts-v1/;\n/ { };\n");
	write_tree_file(root, "apple/lonely.dtsi", "/ {\n\tx = <NOBODY>;\n};\n");
}

static void untree(void)
{
	const char *f[] = {"apple/t600x-die0.dtsi", "apple/t6001.dtsi", "apple/t6001-j375c.dts",
			   "apple/b-other.dts", "apple/lonely.dtsi"};
	char p[256];
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", root, f[i]);
		unlink(p);
	}
	snprintf(p, sizeof(p), "%s/apple", root);
	rmdir(p);
	rmdir(root);
}

Test(includers, board_through_other_dtsi, .init = tree, .fini = untree)
{
	char die[256], lonely[256], want[256];
	snprintf(die, sizeof(die), "%s/apple/t600x-die0.dtsi", root);
	snprintf(lonely, sizeof(lonely), "%s/apple/lonely.dtsi", root);
	snprintf(want, sizeof(want), "%s/apple/t6001-j375c.dts", root);
	/* the .dtsi alone: its directory's files are read */
	const char *files[] = {die, lonely};
	struct includers *x = includers_new(files, 2);
	cr_assert_str_eq(includers_board(x, die), want);
	cr_assert_null(includers_board(x, lonely));
	includers_free(x);
}

static char *check(const char *path, const char *context)
{
	struct engine_opts eo = {.level = -1};
	struct diag_list errs = {0};
	struct engine *e = engine_new(&eo, &errs);
	cr_assert_not_null(e);
	struct engine_result res;
	struct engine_input in = {.path = path, .context = context};
	engine_check(e, &in, &res);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	size_t dl = strlen(root) + 1;
	for (size_t i = 0; i < res.diags.n; i++) {
		const struct diag *d = &res.diags.v[i];
		fprintf(f, "%s:%u:%u: %s: %s [%s]\n", d->file + dl, d->line, d->col,
			diag_severity_name(d->severity), d->message, d->rule);
	}
	fclose(f);
	engine_result_free(&res);
	engine_free(e);
	diag_list_free(&errs);
	return out;
}

Test(includers, checked_as_the_board_reads_it, .init = tree, .fini = untree)
{
	char die[256], board[256];
	snprintf(die, sizeof(die), "%s/apple/t600x-die0.dtsi", root);
	snprintf(board, sizeof(board), "%s/apple/t6001-j375c.dts", root);
	char *got = check(die, board);
	char want[512];
	snprintf(want, sizeof(want),
		 "apple/t600x-die0.dtsi:1:1: note: checked as %s reads it (the first board here "
		 "that includes this file): the macros and labels it uses are defined there "
		 "[preprocessor]\n", board);
	cr_assert_str_eq(got, want);
	free(got);
	/* alone, its macros are the includer's: one note */
	got = check(die, NULL);
	cr_assert(strstr(got, "note: 'DIE_NODE' and 'DIE_NO' are not defined here"), "%s", got);
	cr_assert(!strstr(got, "error"), "%s", got);
	free(got);
	/* a "board" that does not read it changes nothing */
	char other[256];
	snprintf(other, sizeof(other), "%s/apple/b-other.dts", root);
	got = check(die, other);
	cr_assert(strstr(got, "note: 'DIE_NODE' and 'DIE_NO' are not defined here"), "%s", got);
	free(got);
}
