/* libFuzzer target: the preprocessor alone (parser/pp) over a small virtual
 * include tree (tests/fuzz/vfs.h: files split at "//=== NAME" lines, -I is
 * /v/inc), with a shared src_cache and two -D definitions, as a run over a
 * board tree has them. Include cycles through any number of files,
 * #include_next, #pragma once, /include/, conditionals, and macros that
 * expand exponentially are all reachable.
 *
 * Asserted: no crash, leak, hang or unbounded memory; the output is
 * NUL-terminated; the main file is read first; the origin map is sorted and
 * every origin lies inside the output and inside a file that was read; a
 * copied (/include/) span equals its file's bytes; every output byte maps
 * back into a read file; every diagnostic lies inside a file; the output
 * lexes as DTS with tokens tiling it. The include-line scanner that finds
 * which board includes a .dtsi (rules/includers.h) reads the same input:
 * every name it reports is a non-empty slice of it, on one line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/diag.h"
#include "lexer/lexer.h"
#include "parser/pp/pp.h"
#include "parser/pp/src_cache.h"
#include "rules/includers.h"
#include "fuzz_check.h"
#include "vfs.h"

static void check_origins(const struct pp_result *r)
{
	for (size_t i = 0; i < r->norigins; i++) {
		const struct pp_origin *o = &r->origins[i];
		FUZZ_ASSERT(o->out <= r->len);
		FUZZ_ASSERT(i == 0 || r->origins[i - 1].out <= o->out);
		FUZZ_ASSERT(o->file < r->nfiles);
		const struct dtidy_file *f = &r->files[o->file]->pub;
		FUZZ_ASSERT(o->start <= o->end && o->end <= f->len);
		if (o->linear) {
			size_t n = o->end - o->start;
			FUZZ_ASSERT(o->out + n <= r->len);
			FUZZ_ASSERT(memcmp(r->text + o->out, f->text + o->start, n) == 0);
		}
	}
	/* every output byte maps into a file that was read (a step keeps the
	 * check linear in the output size) */
	size_t step = r->len / 4096 + 1;
	for (size_t off = 0; off < r->len && r->norigins; off += step) {
		size_t end = off + 8 < r->len ? off + 8 : r->len;
		struct dtidy_loc loc = pp_origin_loc(r, (uint32_t)off, (uint32_t)end);
		FUZZ_ASSERT(loc.file != NULL);
		FUZZ_ASSERT(loc.start <= loc.end && loc.end <= loc.file->len);
	}
}

static void check_diags(const struct diag_list *dl, const struct pp_result *r)
{
	for (size_t i = 0; i < dl->n; i++) {
		const struct diag *g = &dl->v[i];
		FUZZ_ASSERT(g->message && g->message[0] && g->rule && g->rule[0]);
		FUZZ_ASSERT(g->file != NULL);
		FUZZ_ASSERT(g->off <= g->end_off);
		if (g->line == 0)
			continue;
		FUZZ_ASSERT(g->col >= 1);
		const struct dtidy_file *in = NULL;
		for (size_t k = 0; k < r->nfiles && !in; k++)
			if (strcmp(r->files[k]->pub.path, g->file) == 0)
				in = &r->files[k]->pub;
		FUZZ_ASSERT(in != NULL);
		FUZZ_ASSERT(g->end_off <= in->len);
	}
}

static void check_lexes(const struct pp_result *r)
{
	struct dt_tokens toks = {0};
	dt_lex(r->text, r->len, &toks);
	size_t at = 0;
	for (size_t i = 0; i < toks.n; i++) {
		FUZZ_ASSERT(toks.v[i].off == at);
		at += toks.v[i].len;
	}
	FUZZ_ASSERT(at == r->len);
	dt_tokens_free(&toks);
}

struct scan_input {
	const char *text;
	size_t len;
	size_t names;
};

static void check_name(void *ud, const char *name, size_t n)
{
	struct scan_input *in = ud;
	FUZZ_ASSERT(n > 0);
	FUZZ_ASSERT(name >= in->text && name + n <= in->text + in->len);
	FUZZ_ASSERT(memchr(name, '\n', n) == NULL);
	in->names++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_input in = {(const char *)data, size, 0};
	includers_scan(in.text, in.len, check_name, &in);
	FUZZ_ASSERT(in.names <= size / 8 + 1);	/* "#include" and a name at least */

	struct vfs fs;
	vfs_split(&fs, (const char *)data, size);

	static const char *const incdirs[] = {VFS_ROOT "inc", VFS_ROOT "inc2"};
	static const char *const defines[] = {"FUZZ", "WIDTH=2", "-UGONE", "-DPAIR(a, b)=a b"};
	struct src_cache *cache = src_cache_new();
	struct pp_opts o = {
		.incdirs = incdirs, .nincdirs = 2, .cache = cache,
		.read = vfs_read, .read_ctx = &fs,
		.defines = defines, .ndefines = 4,
	};
	struct arena keep;
	arena_init(&keep);
	struct diag_list diags = {0};
	struct pp_result r;
	pp_run(VFS_ROOT "main.dts", &o, &keep, &diags, &r);

	FUZZ_ASSERT(r.text != NULL && r.text[r.len] == '\0');
	FUZZ_ASSERT(r.nfiles >= 1 && strcmp(r.files[0]->pub.path, VFS_ROOT "main.dts") == 0);
	FUZZ_ASSERT(!r.failed || diags.n > 0);
	check_origins(&r);
	check_diags(&diags, &r);
	check_lexes(&r);

	pp_result_free(&r);
	diag_list_free(&diags);
	arena_free(&keep);
	src_cache_free(cache);
	return 0;
}
