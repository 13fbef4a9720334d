#include "style_testutil.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "rules/engine.h"
#include "rules/fix.h"

/* A private directory holding name and, when given, a .dtidy.yaml. */
static char *setup(const char *name, const char *text, const char *yaml, char **dir)
{
	*dir = xstrdup("/tmp/dtidy-style-XXXXXX");
	cr_assert(mkdtemp(*dir));
	size_t n = strlen(*dir) + strlen(name) + 16;
	char *path = xmalloc(n);
	snprintf(path, n, "%s/%s", *dir, name);
	FILE *f = fopen(path, "w");
	cr_assert(f);
	fputs(text, f);
	fclose(f);
	if (yaml) {
		char cfg[512];
		snprintf(cfg, sizeof(cfg), "%s/.dtidy.yaml", *dir);
		f = fopen(cfg, "w");
		cr_assert(f);
		fputs(yaml, f);
		fclose(f);
	}
	return path;
}

static void teardown(char *path, char *dir)
{
	char cfg[512];
	snprintf(cfg, sizeof(cfg), "%s/.dtidy.yaml", dir);
	unlink(cfg);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

/* Checks text with rule enabled on the command line (enable set) or only
 * by the configuration. */
static void check(const char *rule, const char *yaml, const char *name, const char *text,
		  struct engine_result *res, char **path, char **dir, int enable)
{
	*path = setup(name, text, yaml, dir);
	char *en[] = {(char *)rule};
	struct engine_opts eo = {.enable = en, .nenable = enable ? 1 : 0, .level = -1,
				 .no_auto_include = 1};
	struct diag_list errs = {0};
	struct engine *e = engine_new(&eo, &errs);
	cr_assert_not_null(e, "%s", errs.n ? errs.v[0].message : "");
	diag_list_free(&errs);
	struct engine_input in = {.path = *path};
	engine_check(e, &in, res);
	engine_free(e);
}

static char *findings(const char *rule, const char *yaml, const char *name, const char *text,
		      int enable)
{
	struct engine_result res;
	char *path, *dir;
	check(rule, yaml, name, text, &res, &path, &dir, enable);
	struct strbuf sb = {0};
	for (size_t i = 0; i < res.diags.n; i++) {
		const struct diag *d = &res.diags.v[i];
		if (!strcmp(d->rule, rule))
			sb_printf(&sb, "%u:%u: %s\n", d->line, d->col, d->message);
	}
	engine_result_free(&res);
	teardown(path, dir);
	return sb.s ? sb.s : xstrdup("");
}

char *style_run(const char *rule, const char *name, const char *text)
{
	return findings(rule, NULL, name, text, 1);
}

char *style_run_config(const char *yaml, const char *rule, const char *name, const char *text)
{
	return findings(rule, yaml, name, text, 0);
}

char *style_run_opt(const char *rule, const char *key, const char *val, const char *name,
		    const char *text)
{
	char yaml[256];
	snprintf(yaml, sizeof(yaml), "rules:\n  %s: { %s: %s }\n", rule, key, val);
	return findings(rule, yaml, name, text, 1);
}

char *style_fixed(const char *rule, const char *name, const char *text)
{
	struct engine_result res;
	char *path, *dir;
	check(rule, NULL, name, text, &res, &path, &dir, 1);
	size_t nlen = 0, napplied = 0;
	char *out = fix_apply(path, text, strlen(text), &res.diags, &nlen, &napplied);
	engine_result_free(&res);
	teardown(path, dir);
	return out ? out : xstrdup(text);
}
