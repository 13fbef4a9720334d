/* dtidy check: every file is lexed and parsed on a worker thread; results
 * are collected per file and printed in path order, so output never depends
 * on scheduling. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../core/arena.h"
#include "../../core/diag.h"
#include "../../core/jobs.h"
#include "../../core/report.h"
#include "../../core/source.h"
#include "../../core/walk.h"
#include "../../core/xalloc.h"
#include "../../lexer/lexer.h"
#include "../../parser/parser.h"
#include "../git/diffbase.h"
#include "cli.h"

struct check_run {
	struct file_list files;
	struct diag_list *per_file;
	struct file_list *reads;	/* per file: every file read for it (-MD) */
	const struct cli_opts *opts;
};

static void check_one(size_t i, void *ctx)
{
	struct check_run *r = ctx;
	struct diag_list *out = &r->per_file[i];
	struct file_list *reads = &r->reads[i];
	VEC_PUSH(reads->v, reads->n, reads->cap, xstrdup(r->files.v[i]));
	char *err = NULL;
	struct source *src = source_load(r->files.v[i], &err);
	if (!src) {
		diag_add_file(out, r->files.v[i], DTIDY_SEV_ERROR, "io", "%s", err);
		free(err);
		return;
	}
	struct dt_tokens toks = {0};
	dt_lex(src->text, src->len, &toks);
	struct arena a;
	arena_init(&a);
	struct cst_file cst;
	dt_parse(&cst, src->text, toks.v, toks.n, &a);
	for (size_t e = 0; e < cst.nerrors; e++)
		diag_add(out, src, cst.errors[e].start, cst.errors[e].end, DTIDY_SEV_ERROR,
			 "syntax", "%s", cst.errors[e].msg);
	free(cst.errors);
	arena_free(&a);
	dt_tokens_free(&toks);
	source_free(src);
}

int cmd_check(struct cli_opts *o)
{
	if (o->npaths == 0) {
		fprintf(stderr, "dtidy check: no input (give files or directories)\n");
		return 2;
	}
	struct check_run r = {.opts = o};
	struct diag_list all = {0};
	int problems = walk_paths(o->paths, o->npaths, &r.files, &all);
	char *err = NULL;
	if (o->diff_base && r.files.n && diffbase_verify(o->diff_base, r.files.v[0], &err) < 0) {
		fprintf(stderr, "dtidy check: --diff-base: %s\n", err);
		free(err);
		diag_list_free(&all);
		file_list_free(&r.files);
		return 2;
	}
	r.per_file = xcalloc(r.files.n ? r.files.n : 1, sizeof(*r.per_file));
	r.reads = xcalloc(r.files.n ? r.files.n : 1, sizeof(*r.reads));
	jobs_run(r.files.n, o->jobs, check_one, &r);
	for (size_t i = 0; i < r.files.n; i++)
		diag_list_move(&all, &r.per_file[i]);
	free(r.per_file);
	diag_sort(&all);

	int errors = 0, warnings = 0, io = problems;
	/* The .d is written even when there are findings: the board must be
	 * checked again when any file it read changes. */
	if (o->md && check_write_depfile(o, &r.files, r.reads) < 0)
		io++;
	for (size_t i = 0; i < r.files.n; i++)
		file_list_free(&r.reads[i]);
	free(r.reads);
	if (o->diff_base && diffbase_filter(&all, o->diff_base, &err) < 0) {
		fprintf(stderr, "dtidy check: --diff-base %s: %s\n", o->diff_base, err);
		free(err);
		io++;
	}
	for (size_t i = 0; i < all.n; i++) {
		if (all.v[i].line == 0 && all.v[i].severity == DTIDY_SEV_ERROR)
			io++;
		else if (all.v[i].severity == DTIDY_SEV_ERROR)
			errors++;
		else if (all.v[i].severity == DTIDY_SEV_WARNING)
			warnings++;
	}
	if (o->format == OUT_JSON) {
		report_json(stdout, &all);
	} else {
		int tty = isatty(STDOUT_FILENO);
		int color = o->color == COLOR_ALWAYS || (o->color == COLOR_AUTO && tty);
		report_text(stdout, &all, color, tty);
		if (!o->quiet && tty)
			fprintf(stderr, "%zu file%s checked: %d error%s, %d warning%s\n",
				r.files.n, r.files.n == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
				warnings, warnings == 1 ? "" : "s");
	}
	fflush(stdout);
	diag_list_free(&all);
	file_list_free(&r.files);
	if (io)
		return 2;
	if (errors || (o->werror && warnings))
		return 1;
	return 0;
}
