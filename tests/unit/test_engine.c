/* The rule engine without rules that need the model: configuration,
 * inline suppressions, unused-suppression, fixes, SARIF-independent bits. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/config.h"
#include "rules/engine.h"
#include "rules/fix.h"
#include "rules/suppress.h"

static int any_name(void *ud, const char *name)
{
	(void)ud;
	return !strcmp(name, "hv-reg") || !strcmp(name, "style") || !strcmp(name, "line-length");
}

static int any_option(void *ud, const char *id, const char *opt)
{
	(void)ud;
	return !strcmp(id, "line-length") && !strcmp(opt, "max");
}

static const struct config_check chk = {any_name, any_option, NULL};

static char *write_tmp(const char *name, const char *text)
{
	char *dir = strdup("/tmp/dtidy-engine-XXXXXX");
	cr_assert(mkdtemp(dir));
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);
	snprintf(path, n, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	cr_assert(f);
	fputs(text, f);
	fclose(f);
	free(dir);
	return path;
}

static void remove_tmp(char *path)
{
	unlink(path);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	rmdir(path);
	free(path);
}

Test(config, reads_every_section)
{
	char *p = write_tmp(".dtidy.yaml", "level: 1\n"
					   "style: kernel\n"
					   "include: [inc, /abs]\n"
					   "rules:\n"
					   "  hv-reg: warning\n"
					   "  line-length: { severity: note, max: 100 }\n"
					   "overrides:\n"
					   "  - files: ['*.dtsi']\n"
					   "    rules: { hv-reg: off }\n"
					   "format: { indent: 4, tab-width: 2, line-width: 100, sort: true }\n");
	struct diag_list errs = {0};
	struct config *c = config_load(p, &chk, &errs);
	cr_assert_not_null(c, "%s", errs.n ? errs.v[0].message : "");
	cr_assert_eq(c->level, 1);
	cr_assert_eq(c->nincludes, 2);
	cr_assert(strstr(c->includes[0], "/inc"));
	cr_assert_str_eq(c->includes[1], "/abs");
	cr_assert_eq(c->rules.n, 3);
	cr_assert_str_eq(c->rules.v[0].name, "style");
	cr_assert_eq(c->rules.v[0].severity, CONFIG_ON);
	cr_assert_eq(c->rules.v[1].severity, DTIDY_SEV_WARNING);
	cr_assert_eq(c->rules.v[2].severity, DTIDY_SEV_NOTE);
	cr_assert_str_eq(c->rules.v[2].vals[0], "100");
	cr_assert_eq(c->format.indent, 4);
	cr_assert_eq(c->format.tab_width, 2);
	cr_assert_eq(c->format.line_width, 100);
	cr_assert_eq(c->format.sort, 1);
	cr_assert_eq(c->noverrides, 1);
	config_free(c);
	diag_list_free(&errs);
	remove_tmp(p);
}

Test(config, unknown_keys_have_positions)
{
	char *p = write_tmp(".dtidy.yaml", "level: 1\n"
					   "rulez: {}\n"
					   "rules:\n"
					   "  hv-regg: off\n"
					   "  line-length: { maxx: 3 }\n"
					   "format: { indent: fourteen }\n");
	struct diag_list errs = {0};
	struct config *c = config_load(p, &chk, &errs);
	cr_assert_null(c);
	diag_sort(&errs);
	cr_assert_eq(errs.n, 4);
	cr_assert_eq(errs.v[0].line, 2);
	cr_assert_eq(errs.v[0].col, 1);
	cr_assert(strstr(errs.v[0].message, "unknown key 'rulez'"));
	cr_assert_eq(errs.v[1].line, 4);
	cr_assert_eq(errs.v[1].col, 3);
	cr_assert(strstr(errs.v[1].message, "'hv-regg'"));
	cr_assert_eq(errs.v[2].line, 5);
	cr_assert(strstr(errs.v[2].message, "no option 'maxx'"));
	cr_assert_eq(errs.v[3].line, 6);
	cr_assert_str_eq(errs.v[3].rule, "config");
	diag_list_free(&errs);
	remove_tmp(p);
}

Test(config, invalid_yaml_is_an_error)
{
	char *p = write_tmp(".dtidy.yaml", "rules: [unclosed\n");
	struct diag_list errs = {0};
	cr_assert_null(config_load(p, &chk, &errs));
	cr_assert_eq(errs.n, 1);
	cr_assert(strstr(errs.v[0].message, "invalid YAML"));
	diag_list_free(&errs);
	remove_tmp(p);
}

struct seen {
	const char *names[8];
	int n;
};

static void collect(void *ud, const struct config_setting *s)
{
	struct seen *S = ud;
	S->names[S->n++] = s->name;
}

Test(config, overrides_match_globs_relative_to_the_file)
{
	char *p = write_tmp(".dtidy.yaml", "rules: { hv-reg: error }\n"
					   "overrides:\n"
					   "  - files: ['*.dtsi']\n"
					   "    rules: { hv-reg: off }\n"
					   "  - files: ['sub/*.dts']\n"
					   "    rules: { style: on }\n");
	struct diag_list errs = {0};
	struct config *c = config_load(p, &chk, &errs);
	cr_assert_not_null(c);
	char buf[512];
	struct seen S = {0};
	snprintf(buf, sizeof(buf), "%s/deep/soc.dtsi", c->dir);
	config_each_setting(c, buf, collect, &S);
	cr_assert_eq(S.n, 2);
	memset(&S, 0, sizeof(S));
	snprintf(buf, sizeof(buf), "%s/sub/board.dts", c->dir);
	config_each_setting(c, buf, collect, &S);
	cr_assert_eq(S.n, 2);
	cr_assert_str_eq(S.names[1], "style");
	memset(&S, 0, sizeof(S));
	snprintf(buf, sizeof(buf), "%s/board.dts", c->dir);
	config_each_setting(c, buf, collect, &S);
	cr_assert_eq(S.n, 1);
	config_free(c);
	remove_tmp(p);
}

Test(config, found_by_walking_up)
{
	char *p = write_tmp(".dtidy.yaml", "level: 2\n");
	char dir[512], file[600];
	snprintf(dir, sizeof(dir), "%s", p);
	*strrchr(dir, '/') = '\0';
	snprintf(file, sizeof(file), "%s/a/b/board.dts", dir);
	char *found = config_find(file);
	cr_assert_not_null(found);
	cr_assert(strstr(found, ".dtidy.yaml"));
	free(found);
	remove_tmp(p);
}

Test(config, memo_answers_each_directory_once)
{
	char *p = write_tmp(".dtidy.yaml", "level: 2\n");
	char dir[512], f1[600], f2[600];
	snprintf(dir, sizeof(dir), "%s", p);
	*strrchr(dir, '/') = '\0';
	snprintf(f1, sizeof(f1), "%s/a/b/board.dts", dir);
	snprintf(f2, sizeof(f2), "%s/a/c/other.dts", dir);
	struct config_memo *m = config_memo_new();
	const char *found = config_memo_find(m, f1);
	cr_assert_not_null(found);
	cr_assert_str_eq(found, p);
	/* a sibling directory shares the answer, one copy of the path */
	cr_assert_eq(config_memo_find(m, f2), found);
	/* remembered: asked again after the file went, the memo still
	 * answers from what it learnt (config_find asks the disk) */
	unlink(p);
	cr_assert_eq(config_memo_find(m, f1), found);
	char *now = config_find(f1);
	cr_assert(!now || strcmp(now, p));
	free(now);
	config_memo_free(m);
	remove_tmp(p);
}

/* ---- suppressions ---- */

Test(suppress, next_statement_line_and_file)
{
	const char *t = "/dts-v1/;\n"
			"// dtidy: disable-file=rule-f\n"
			"/ {\n"
			"\t/* dtidy: disable=rule-a, rule-b */\n"
			"\tnode {\n"
			"\t\tp = <1>;\n"
			"\t};\n"
			"\tq = <2>; // dtidy: disable-line=rule-l\n"
			"\tr = <3>;\n"
			"};\n";
	struct supp_file sf;
	supp_scan(&sf, t, strlen(t));
	cr_assert_eq(sf.n, 3);
	uint32_t in_node = (uint32_t)(strstr(t, "p = <1>") - t);
	uint32_t after = (uint32_t)(strstr(t, "q = <2>") - t);
	uint32_t last = (uint32_t)(strstr(t, "r = <3>") - t);
	cr_assert(supp_covers(&sf, in_node, "rule-a", NULL));
	cr_assert(supp_covers(&sf, in_node, "x", "rule-b"), "a family name matches too");
	cr_assert_not(supp_covers(&sf, after, "rule-a", NULL), "the node ends before q");
	cr_assert(supp_covers(&sf, after, "rule-l", NULL));
	cr_assert_not(supp_covers(&sf, last, "rule-l", NULL));
	cr_assert(supp_covers(&sf, last, "rule-f", NULL));
	cr_assert(supp_covers(&sf, 0, "rule-f", NULL));
	supp_free(&sf);
}

Test(suppress, ignores_other_comments)
{
	const char *t = "/ { /* dtidy is nice */ a; // disable=x\n};\n";
	struct supp_file sf;
	supp_scan(&sf, t, strlen(t));
	cr_assert_eq(sf.n, 0);
	supp_free(&sf);
}

/* ---- the engine on syntax findings (no model needed) ---- */

static struct engine *new_engine(char **enable, size_t nenable, char **disable,
				 size_t ndisable)
{
	struct engine_opts eo = {.level = -1, .enable = enable, .nenable = nenable,
				 .disable = disable, .ndisable = ndisable};
	struct diag_list errs = {0};
	struct engine *e = engine_new(&eo, &errs);
	cr_assert_not_null(e, "%s", errs.n ? errs.v[0].message : "");
	diag_list_free(&errs);
	return e;
}

static void check_text(struct engine *e, const char *text, struct engine_result *res)
{
	struct engine_input in = {.path = "/nonexistent/mem.dts", .text = text,
				  .len = strlen(text)};
	engine_check(e, &in, res);
}

Test(engine, syntax_errors_and_their_suppression)
{
	struct engine *e = new_engine(NULL, 0, NULL, 0);
	struct engine_result res;
	check_text(e, "/dts-v1/;\n/ {\n\ta = <1 2;\n\tb = ;\n};\n", &res);
	cr_assert_eq(res.diags.n, 2);
	cr_assert_str_eq(res.diags.v[0].rule, "syntax");
	cr_assert_eq(res.diags.v[0].line, 3);
	engine_result_free(&res);
	check_text(e, "/dts-v1/;\n/ {\n\ta = <1 2; // dtidy: disable-line=syntax\n\tb = ;\n};\n",
		   &res);
	cr_assert_eq(res.diags.n, 1);
	cr_assert_eq(res.diags.v[0].line, 4);
	engine_result_free(&res);
	engine_free(e);
}

Test(engine, unused_suppressions_are_notes)
{
	struct engine *e = new_engine(NULL, 0, NULL, 0);
	struct engine_result res;
	check_text(e, "/dts-v1/;\n/ {\n\ta = <1>; // dtidy: disable-line=syntax,no-such-rule\n};\n",
		   &res);
	cr_assert_eq(res.diags.n, 2);
	cr_assert_str_eq(res.diags.v[0].rule, "unused-suppression");
	cr_assert_eq(res.diags.v[0].severity, DTIDY_SEV_NOTE);
	cr_assert(strstr(res.diags.v[0].message, "'syntax'"));
	cr_assert(strstr(res.diags.v[1].message, "'no-such-rule' is not a rule"));
	cr_assert_eq(res.diags.v[1].col, 41);
	engine_result_free(&res);
	engine_free(e);

	char *dis[] = {"unused-suppression"};
	e = new_engine(NULL, 0, dis, 1);
	check_text(e, "/ { a = <1>; }; // dtidy: disable-line=syntax\n", &res);
	cr_assert_eq(res.diags.n, 0, "--disable turns the rule off");
	engine_result_free(&res);
	engine_free(e);
}

Test(engine, unknown_cli_names_are_refused)
{
	char *en[] = {"hv-nope"};
	struct engine_opts eo = {.level = -1, .enable = en, .nenable = 1};
	struct diag_list errs = {0};
	cr_assert_null(engine_new(&eo, &errs));
	cr_assert_eq(errs.n, 1);
	cr_assert(strstr(errs.v[0].message, "'hv-nope'"));
	diag_list_free(&errs);
}

Test(engine, unreadable_file_fails)
{
	struct engine *e = new_engine(NULL, 0, NULL, 0);
	struct engine_result res;
	struct engine_input in = {.path = "/nonexistent/x.dts"};
	engine_check(e, &in, &res);
	cr_assert_eq(res.failed, 1);
	cr_assert_str_eq(res.diags.v[0].rule, "io");
	engine_result_free(&res);
	engine_free(e);
}

/* ---- fixes ---- */

static void add_fix(struct diag_list *l, const struct source *src, size_t a, size_t b,
		    const char *text)
{
	struct diag *d = diag_add(l, src, a, b, DTIDY_SEV_ERROR, "r", "m");
	diag_add_edit(d, src, a, b, text);
}

Test(fix, applies_non_overlapping_fixes)
{
	const char *t = "compatible = \"xen,xen\", \"xen,xen-4.2\";\n";
	struct source *src = source_from_mem("f.dts", t, strlen(t));
	struct diag_list l = {0};
	/* swap the two strings: one fix with two edits */
	struct diag *d = diag_add(&l, src, 13, 22, DTIDY_SEV_ERROR, "r", "m");
	diag_add_edit(d, src, 13, 22, "\"xen,xen-4.2\"");
	diag_add_edit(d, src, 24, 37, "\"xen,xen\"");
	add_fix(&l, src, 14, 16, "XX");	/* overlaps the first: skipped */
	add_fix(&l, src, 0, 10, "compat");
	size_t n, applied;
	char *out = fix_apply("f.dts", t, strlen(t), &l, &n, &applied);
	cr_assert_not_null(out);
	cr_assert_eq(applied, 2);
	cr_assert_str_eq(out, "compat = \"xen,xen-4.2\", \"xen,xen\";\n");
	cr_assert_eq(n, strlen(out));
	free(out);
	cr_assert_null(fix_apply("other.dts", t, strlen(t), &l, &n, &applied));
	size_t nf;
	const char **files = fix_files(&l, &nf);
	cr_assert_eq(nf, 1);
	free(files);
	diag_list_free(&l);
	source_free(src);
}
