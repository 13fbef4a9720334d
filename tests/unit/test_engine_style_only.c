/* A check whose rules all read the file as written (--only=style) reads
 * the file once and builds no tree: no include is opened, the model's own
 * findings (include, reference) are not made, the style findings and the
 * syntax verdict are those of a whole check. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/engine.h"
#include "rules/style/style_mode.h"

/* A board that includes a file that is not there, with a hex-case finding
 * (line 5) and an unresolved reference (line 7). */
static const char board[] = "/dts-v1/;\n"
			    "#include \"missing.dtsi\"\n"
			    "\n"
			    "/ {\n"
			    "\treg = <0X1F>;\n"
			    "\n"
			    "\tclocks = <&nowhere>;\n"
			    "};\n";

static char dir[] = "/tmp/dtidy-style-only-XXXXXX";
static char path[64];

static void setup(void)
{
	cr_assert(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/board.dts", dir);
	FILE *f = fopen(path, "w");
	cr_assert(f);
	fputs(board, f);
	fclose(f);
}

static void teardown(void)
{
	unlink(path);
	rmdir(dir);
}

static struct engine *engine_with(char **only, size_t nonly, char **enable, size_t nenable,
				  char **disable, size_t ndisable, int mode)
{
	struct engine_opts eo = {.level = -1, .only = only, .nonly = nonly,
				 .enable = enable, .nenable = nenable,
				 .disable = disable, .ndisable = ndisable,
				 .style_mode = mode, .no_bindings = 1};
	struct diag_list errs = {0};
	struct engine *e = engine_new(&eo, &errs);
	cr_assert_not_null(e, "%s", errs.n ? errs.v[0].message : "");
	diag_list_free(&errs);
	return e;
}

static size_t count(const struct engine_result *r, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < r->diags.n; i++)
		n += !strcmp(r->diags.v[i].rule, rule);
	return n;
}

static const struct diag *find(const struct engine_result *r, const char *rule)
{
	for (size_t i = 0; i < r->diags.n; i++)
		if (!strcmp(r->diags.v[i].rule, rule))
			return &r->diags.v[i];
	return NULL;
}

Test(style_only, reads_no_include_and_builds_no_tree, .init = setup, .fini = teardown)
{
	char *only[] = {"style"};
	struct engine *e = engine_with(only, 1, NULL, 0, NULL, 0, STYLE_STRICT);
	cr_assert_eq(engine_reads_trees(e), 0);
	struct engine_input in = {.path = path};
	struct engine_result res;
	engine_check(e, &in, &res);
	const struct diag *hex = find(&res, "hex-case");
	cr_assert_not_null(hex);
	cr_assert_eq(hex->line, 5);
	unsigned col = hex->col;
	cr_assert_eq(count(&res, "include"), 0, "the include is not read");
	cr_assert_eq(count(&res, "reference"), 0, "references are the tree's");
	cr_assert_eq(res.ndeps, 1, "the file alone is read");
	cr_assert_str_eq(res.deps[0], path);
	for (size_t i = 0; i < res.diags.n; i++)
		cr_assert_str_eq(res.diags.v[i].file, path);
	engine_result_free(&res);
	engine_free(e);

	/* the whole check reads the include and reports it; its style
	 * findings are the same */
	char *en[] = {"style"};
	e = engine_with(NULL, 0, en, 1, NULL, 0, STYLE_STRICT);
	cr_assert_eq(engine_reads_trees(e), 1);
	engine_check(e, &in, &res);
	cr_assert_eq(count(&res, "include"), 1);
	const struct diag *hex2 = find(&res, "hex-case");
	cr_assert_not_null(hex2);
	cr_assert_eq(hex2->line, 5);
	cr_assert_eq(hex2->col, col);
	engine_result_free(&res);
	engine_free(e);
}

Test(style_only, a_syntax_error_gets_the_whole_checks_verdict, .init = setup, .fini = teardown)
{
	const char *text = "/dts-v1/;\n/ {\n\ta = <1 2;\n\tb = <0X2>;\n};\n";
	struct engine_input in = {.path = path, .text = text, .len = strlen(text)};
	char *only[] = {"style"};
	struct engine *e = engine_with(only, 1, NULL, 0, NULL, 0, STYLE_STRICT);
	struct engine_result a;
	engine_check(e, &in, &a);
	engine_free(e);
	char *en[] = {"style"};
	e = engine_with(NULL, 0, en, 1, NULL, 0, STYLE_STRICT);
	struct engine_result b;
	engine_check(e, &in, &b);
	engine_free(e);
	const struct diag *sa = find(&a, "syntax"), *sb = find(&b, "syntax");
	cr_assert_not_null(sa);
	cr_assert_not_null(sb);
	cr_assert_eq(sa->line, sb->line);
	cr_assert_eq(sa->col, sb->col);
	cr_assert_str_eq(sa->message, sb->message);
	cr_assert_eq(count(&a, "syntax"), count(&b, "syntax"));
	engine_result_free(&a);
	engine_result_free(&b);
}

Test(style_only, a_tree_rule_of_the_mode_needs_the_tree)
{
	char *only[] = {"style"};
	/* without --style-mode a configuration may ask for stricter, whose
	 * unused-labels-dts reads the tree */
	struct engine *e = engine_with(only, 1, NULL, 0, NULL, 0, STYLE_MODE_UNSET);
	cr_assert_eq(engine_reads_trees(e), 1);
	engine_free(e);
	e = engine_with(only, 1, NULL, 0, NULL, 0, STYLE_STRICTER);
	cr_assert_eq(engine_reads_trees(e), 1);
	engine_free(e);
	char *dis[] = {"unused-labels-dts"};
	e = engine_with(only, 1, NULL, 0, dis, 1, STYLE_STRICTER);
	cr_assert_eq(engine_reads_trees(e), 0);
	engine_free(e);
	/* a rule named by its id is on whatever the mode */
	char *ids[] = {"style", "unused-labels-dts"};
	e = engine_with(ids, 2, NULL, 0, NULL, 0, STYLE_STRICT);
	cr_assert_eq(engine_reads_trees(e), 1);
	engine_free(e);
	/* --enable=style leaves the other families on */
	char *en[] = {"style"};
	e = engine_with(NULL, 0, en, 1, NULL, 0, STYLE_STRICT);
	cr_assert_eq(engine_reads_trees(e), 1);
	engine_free(e);
}

Test(style_only, only_turns_off_what_the_configuration_turns_on)
{
	char cdir[] = "/tmp/dtidy-style-only-cfg-XXXXXX";
	cr_assert(mkdtemp(cdir));
	char cfg[96], dts[96];
	snprintf(cfg, sizeof(cfg), "%s/.dtidy.yaml", cdir);
	snprintf(dts, sizeof(dts), "%s/b.dts", cdir);
	FILE *f = fopen(cfg, "w");
	cr_assert(f);
	fputs("rules:\n  hv: warning\n  unused-suppression: warning\n", f);
	fclose(f);
	f = fopen(dts, "w");
	cr_assert(f);
	fputs("/dts-v1/;\n/ {\n\treg = <0X1>; // dtidy: disable-line=no-such-rule\n};\n", f);
	fclose(f);
	char *only[] = {"style"};
	struct engine *e = engine_with(only, 1, NULL, 0, NULL, 0, STYLE_STRICT);
	struct engine_input in = {.path = dts};
	struct engine_result res;
	engine_check(e, &in, &res);
	cr_assert_eq(count(&res, "hex-case"), 1);
	cr_assert_eq(count(&res, "unused-suppression"), 0, "off: not in --only");
	engine_result_free(&res);
	engine_free(e);
	unlink(cfg);
	unlink(dts);
	rmdir(cdir);
}

Test(style_only, unknown_names_are_refused)
{
	char *only[] = {"stlye"};
	struct engine_opts eo = {.level = -1, .only = only, .nonly = 1};
	struct diag_list errs = {0};
	cr_assert_null(engine_new(&eo, &errs));
	cr_assert_eq(errs.n, 1);
	cr_assert(strstr(errs.v[0].message, "'stlye'"));
	cr_assert(strstr(errs.v[0].file, "--only"));
	diag_list_free(&errs);
}
