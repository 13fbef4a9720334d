/* libFuzzer target: the preprocessor and the model over a small virtual
 * include tree (tests/fuzz/vfs.h: files split at "//=== NAME" lines, -I is
 * /v/inc), then the rule engine (every built-in rule) on the same files.
 * Include cycles, macros that expand exponentially, /include/ vs #include
 * and /incbin/ are all reachable.
 *
 * Asserted: no crash, leak or hang; every diagnostic's position lies in a
 * file that was read; a model built without errors prints as DTS that
 * parses cleanly, and printing the model of that DTS gives the same text;
 * what model_opts.record keeps points into the files; a check given the
 * model engine_model built (as the editor does) finds what a check that
 * builds its own does. */
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
#include "vfs.h"

static char *engine_vread(void *ud, const char *path, size_t *len)
{
	char *text = NULL;
	return vfs_read(ud, path, &text, len) ? text : NULL;
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

static struct model *build(struct vfs *fs, const char *path, int record)
{
	static const char *const incdirs[] = {VFS_ROOT "inc"};
	struct model_opts o = {
		.incdirs = incdirs, .nincdirs = 1, .read = vfs_read, .read_ctx = fs,
		.record = record,
	};
	return model_build(path, &o);
}

static int in_file(struct dtidy_loc loc)
{
	return loc.file && loc.start <= loc.end && loc.end <= loc.file->len;
}

/* What an editor navigates by points into the files read, a label or
 * reference said to be written there is spelt there, and each macro use
 * names its definition. */
static void check_record(const struct model *m)
{
	size_t n;
	const struct model_xref *x = model_xrefs(m, &n);
	for (size_t i = 0; i < n; i++) {
		FUZZ_ASSERT(x[i].name && in_file(x[i].loc));
		int label = x[i].kind == MODEL_XREF_LABEL || x[i].kind == MODEL_XREF_OTHER_LABEL;
		if (x[i].verbatim && label)
			FUZZ_ASSERT(!memcmp(x[i].loc.file->text + x[i].loc.start, x[i].name,
					    x[i].loc.end - x[i].loc.start));
		if (x[i].verbatim && !label)
			FUZZ_ASSERT(x[i].loc.file->text[x[i].loc.start] == '&');
	}
	const struct pp_record *r = model_pp_record(m);
	for (size_t i = 0; i < r->nuses; i++) {
		FUZZ_ASSERT(r->uses[i].def < r->ndefs && r->uses[i].file < m->tree.nfiles);
		FUZZ_ASSERT(r->uses[i].start < r->uses[i].end &&
			    r->uses[i].end <= m->tree.files[r->uses[i].file]->len);
	}
	for (size_t i = 0; i < r->ndefs; i++)
		FUZZ_ASSERT(r->defs[i].file == PP_NO_FILE ||
			    (r->defs[i].file < m->tree.nfiles &&
			     r->defs[i].end <= m->tree.files[r->defs[i].file]->len));
	for (size_t i = 0; i < r->nincs; i++)
		FUZZ_ASSERT(r->incs[i].file < m->tree.nfiles &&
			    r->incs[i].end <= m->tree.files[r->incs[i].file]->len &&
			    r->incs[i].target < (int32_t)m->tree.nfiles);
}

static struct engine *engine_once(void)
{
	static struct engine *e;
	if (!e) {
		static char *const incdirs[] = {VFS_ROOT "inc"};
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
	vfs_split(&fs, (const char *)data, size);

	struct model *m = build(&fs, VFS_ROOT "main.dts", 1);
	FUZZ_ASSERT(m != NULL);
	check_diags(&m->diags);
	check_record(m);
	if (m->errors == 0 && !m->pp_failed && m->tree.root) {
		size_t len = 0;
		char *dts = print_model(m, &len);
		FUZZ_ASSERT(parse_errors(dts, len) == 0);
		/* the printed tree is a fixed point */
		struct vfs again;
		vfs_single(&again, dts, len);
		struct model *m2 = build(&again, VFS_ROOT "main.dts", 0);
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
	struct engine_input in = {.path = VFS_ROOT "main.dts", .text = fs.f[0].text,
				  .len = fs.f[0].len, .hook = &hook};
	struct engine_result res;
	engine_check(engine_once(), &in, &res);
	check_diags(&res.diags);
	/* the editor's way: the model built first, then checked; the same
	 * findings */
	struct model *em = engine_model(engine_once(), &in);
	FUZZ_ASSERT(em != NULL);
	in.model = em;
	struct engine_result res2;
	engine_check(engine_once(), &in, &res2);
	FUZZ_ASSERT(res2.diags.n == res.diags.n);
	for (size_t i = 0; i < res.diags.n; i++)
		FUZZ_ASSERT(res.diags.v[i].off == res2.diags.v[i].off &&
			    !strcmp(res.diags.v[i].rule, res2.diags.v[i].rule) &&
			    !strcmp(res.diags.v[i].file, res2.diags.v[i].file));
	engine_result_free(&res2);
	model_free(em);
	engine_result_free(&res);
	return 0;
}
