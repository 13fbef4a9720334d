/* libFuzzer target: the preprocessor and the model over a small virtual
 * include tree, then the rule engine (every built-in rule) on the same
 * files.
 *
 * The input is split into files at lines "//=== NAME": the part before the
 * first such line is /v/main.dts, each later part is /v/NAME (NAME may hold
 * directories: "inc/dt-bindings/x.h"; -I is /v/inc). Nothing is read from
 * the disk: a path outside /v/ reads as an empty file, a missing one under
 * /v/ does not exist. So include cycles, macros that expand exponentially,
 * /include/ vs #include and /incbin/ are all reachable.
 *
 * Asserted: no crash, leak or hang; every diagnostic's position lies in a
 * file that was read; a model built without errors prints as DTS that
 * parses cleanly, and printing the model of that DTS gives the same text. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/xalloc.h"
#include "lexer/lexer.h"
#include "parser/model/model.h"
#include "parser/parser.h"
#include "rules/engine.h"
#include "fuzz_check.h"

#define VROOT "/v/"
#define MARK "//=== "
#define MAX_FILES 16

struct vfile {
	char name[64];
	const char *text;
	size_t len;
};

struct vfs {
	struct vfile f[MAX_FILES];
	size_t n;
};

static void split(struct vfs *fs, const char *d, size_t n)
{
	size_t ml = strlen(MARK);
	fs->n = 1;
	snprintf(fs->f[0].name, sizeof(fs->f[0].name), "main.dts");
	fs->f[0].text = d;
	size_t start = 0;
	for (size_t i = 0; i + ml <= n; i++) {
		if ((i > 0 && d[i - 1] != '\n') || memcmp(d + i, MARK, ml) != 0)
			continue;
		if (fs->n == MAX_FILES)
			break;
		fs->f[fs->n - 1].len = i - start;
		size_t ns = i + ml, ne = ns;
		while (ne < n && d[ne] != '\n')
			ne++;
		struct vfile *v = &fs->f[fs->n++];
		size_t nl = ne - ns < sizeof(v->name) - 1 ? ne - ns : sizeof(v->name) - 1;
		memcpy(v->name, d + ns, nl);
		v->name[nl] = '\0';
		start = ne < n ? ne + 1 : n;
		v->text = d + start;
		i = start ? start - 1 : 0;
	}
	fs->f[fs->n - 1].len = n - start;
}

static const struct vfile *lookup(const struct vfs *fs, const char *path)
{
	if (strncmp(path, VROOT, strlen(VROOT)) != 0)
		return NULL;
	const char *rel = path + strlen(VROOT);
	for (size_t i = 0; i < fs->n; i++)
		if (fs->f[i].name[0] && strcmp(fs->f[i].name, rel) == 0)
			return &fs->f[i];
	return NULL;
}

/* 1 and a copy when the file is virtual or outside /v/ (empty), 0 for a
 * missing file under /v/ (the disk has no /v/, so it stays missing). */
static int vread(void *ctx, const char *path, char **text, size_t *len)
{
	const struct vfs *fs = ctx;
	const struct vfile *v = lookup(fs, path);
	int inside = strncmp(path, VROOT, strlen(VROOT)) == 0 && !strstr(path, "..");
	if (!v && inside)
		return 0;
	*len = v ? v->len : 0;
	*text = xmalloc(*len + 1);
	if (*len)
		memcpy(*text, v->text, *len);
	(*text)[*len] = '\0';
	return 1;
}

static char *engine_vread(void *ud, const char *path, size_t *len)
{
	char *text = NULL;
	return vread(ud, path, &text, len) ? text : NULL;
}

static size_t parse_errors(const char *text, size_t len)
{
	struct dt_tokens toks = {0};
	dt_lex(text, len, &toks);
	struct arena a;
	arena_init(&a);
	struct cst_file f;
	dt_parse(&f, text, toks.v, toks.n, &a);
	size_t n = f.nerrors;
	free(f.errors);
	arena_free(&a);
	dt_tokens_free(&toks);
	return n;
}

static char *print_model(const struct model *m, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	FUZZ_ASSERT(f != NULL);
	model_print_dts(m, f);
	fclose(f);
	return buf;
}

static void check_diags(const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		const struct diag *g = &dl->v[i];
		FUZZ_ASSERT(g->message && g->rule && g->rule[0]);
		FUZZ_ASSERT(g->line == 0 || g->col >= 1);
		FUZZ_ASSERT(g->off <= g->end_off);
	}
}

static struct model *build(struct vfs *fs, const char *path)
{
	static const char *const incdirs[] = {VROOT "inc"};
	struct model_opts o = {
		.incdirs = incdirs, .nincdirs = 1, .read = vread, .read_ctx = fs,
	};
	return model_build(path, &o);
}

static struct engine *engine_once(void)
{
	static struct engine *e;
	if (!e) {
		static char *const incdirs[] = {VROOT "inc"};
		struct engine_opts eo = {.incdirs = incdirs, .nincdirs = 1, .level = -1,
					 .no_auto_include = 1};
		struct diag_list errs = {0};
		e = engine_new(&eo, &errs);
		FUZZ_ASSERT(e != NULL);
		diag_list_free(&errs);
	}
	return e;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vfs fs;
	memset(&fs, 0, sizeof(fs));
	split(&fs, (const char *)data, size);

	struct model *m = build(&fs, VROOT "main.dts");
	FUZZ_ASSERT(m != NULL);
	check_diags(&m->diags);
	if (m->errors == 0 && !m->pp_failed && m->tree.root) {
		size_t len = 0;
		char *dts = print_model(m, &len);
		FUZZ_ASSERT(parse_errors(dts, len) == 0);
		/* the printed tree is a fixed point */
		struct vfs again;
		memset(&again, 0, sizeof(again));
		again.n = 1;
		snprintf(again.f[0].name, sizeof(again.f[0].name), "main.dts");
		again.f[0].text = dts;
		again.f[0].len = len;
		struct model *m2 = build(&again, VROOT "main.dts");
		FUZZ_ASSERT(m2->errors == 0);
		size_t len2 = 0;
		char *dts2 = print_model(m2, &len2);
		FUZZ_ASSERT(len2 == len && memcmp(dts, dts2, len) == 0);
		free(dts2);
		model_free(m2);
		free(dts);
	}
	model_free(m);

	struct engine_file_hook hook = {.read = engine_vread, .ud = &fs};
	struct engine_input in = {.path = VROOT "main.dts", .text = fs.f[0].text,
				  .len = fs.f[0].len, .hook = &hook};
	struct engine_result res;
	engine_check(engine_once(), &in, &res);
	check_diags(&res.diags);
	engine_result_free(&res);
	return 0;
}
