#include "rule_testutil.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "rules/engine.h"
#include "rules/fix.h"

const struct rt_file rt_soc[2] = {
	{"include/irq.h", "#define GIC_SPI 0\n"
			  "#define GIC_PPI 1\n"
			  "#define IRQ_TYPE_EDGE_RISING 1\n"
			  "#define IRQ_TYPE_LEVEL_HIGH 4\n"
			  "#define XEN_BASE 0xb0000000\n"
			  "#define XEN_SIZE 0x20000\n"},
	{"soc.dtsi", "/ {\n"
		     "\t#address-cells = <2>;\n"
		     "\t#size-cells = <2>;\n"
		     "\tinterrupt-parent = <&gic>;\n"
		     "\n"
		     "\tgic: interrupt-controller@2c001000 {\n"
		     "\t\tcompatible = \"arm,cortex-a15-gic\";\n"
		     "\t\t#interrupt-cells = <3>;\n"
		     "\t\tinterrupt-controller;\n"
		     "\t\treg = <0 0x2c001000 0 0x1000>;\n"
		     "\t};\n"
		     "\n"
		     "\txen: hypervisor {\n"
		     "\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
		     "\t\treg = <0 0xb0000000 0 0x20000>;\n"
		     "\t\tinterrupts = <1 15 0xf08>;\n"
		     "\t};\n"
		     "};\n"},
};

struct tmp {
	char dir[64];
	char *paths[16];
	size_t n;
};

static void put(struct tmp *t, const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", t->dir, name);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	mkdir(path, 0755);
	*slash = '/';
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f, "cannot write %s", path);
	fputs(text, f);
	fclose(f);
	cr_assert_lt(t->n, sizeof(t->paths) / sizeof(t->paths[0]));
	t->paths[t->n++] = strdup(path);
}

static void cleanup(struct tmp *t)
{
	for (size_t i = t->n; i-- > 0;) {
		unlink(t->paths[i]);
		char *slash = strrchr(t->paths[i], '/');
		*slash = '\0';
		rmdir(t->paths[i]);	/* include/, once empty */
		free(t->paths[i]);
	}
	rmdir(t->dir);
}

/* Checks and keeps only `rule`'s findings; the main file's text after
 * fixing when fixed is given. */
static char *run(const char *rule, int with_soc, const struct rt_file *files, size_t n,
		 char **fixed, const char *profile)
{
	struct tmp t = {0};
	snprintf(t.dir, sizeof(t.dir), "/tmp/dtidy-rt-XXXXXX");
	cr_assert_not_null(mkdtemp(t.dir));
	for (size_t i = 0; i < n; i++)
		put(&t, files[i].name, files[i].text);
	for (size_t i = 0; with_soc && i < 2; i++)
		put(&t, rt_soc[i].name, rt_soc[i].text);
	char inc[128];
	snprintf(inc, sizeof(inc), "%s/include", t.dir);
	char *incs[] = {inc};
	/* every W= level, so a rule the kernel runs only with W=1/W=2 runs */
	struct engine_opts eo = {.incdirs = incs, .nincdirs = 1, .level = 2};
	if (profile) {
		cr_assert_eq(dt_profile_from_name(profile, &eo.profile), 0);
		eo.profile_given = 1;
	}
	struct diag_list errs = {0};
	struct engine *e = engine_new(&eo, &errs);
	cr_assert_not_null(e);
	struct engine_result res;
	struct engine_input in = {.path = t.paths[0]};
	engine_check(e, &in, &res);
	struct strbuf b = {0};
	struct diag_list mine = {0};
	size_t dl = strlen(t.dir) + 1;
	for (size_t i = 0; i < res.diags.n; i++) {
		struct diag *d = &res.diags.v[i];
		if (strcmp(d->rule, rule))
			continue;
		const char *file = strncmp(d->file, t.dir, dl - 1) ? d->file : d->file + dl;
		sb_printf(&b, "%s:%u:%u: %s: %s\n", file, d->line, d->col,
			  diag_severity_name(d->severity), d->message);
		VEC_RESERVE(mine.v, mine.cap, mine.n + 1);
		mine.v[mine.n++] = *d;
		memset(d, 0, sizeof(*d));
		d->file = strdup("");
		d->rule = strdup("");
		d->message = strdup("");
	}
	if (fixed) {
		FILE *f = fopen(t.paths[0], "r");
		char text[16384];
		size_t len = fread(text, 1, sizeof(text) - 1, f);
		fclose(f);
		text[len] = '\0';
		size_t nl, applied;
		*fixed = fix_apply(t.paths[0], text, len, &mine, &nl, &applied);
	}
	diag_list_free(&mine);
	engine_result_free(&res);
	engine_free(e);
	diag_list_free(&errs);
	cleanup(&t);
	char *out = strdup(sb_cstr(&b));
	sb_free(&b);
	return out;
}

char *rt_check(const char *rule, int with_soc, const struct rt_file *files, size_t n)
{
	return run(rule, with_soc, files, n, NULL, NULL);
}

char *rt_check_profile(const char *rule, const char *profile, const struct rt_file *files,
		       size_t n)
{
	return run(rule, 0, files, n, NULL, profile);
}

char *rt_fixed(const char *rule, int with_soc, const struct rt_file *files, size_t n)
{
	char *fixed = NULL;
	free(run(rule, with_soc, files, n, &fixed, NULL));
	return fixed;
}
