/* dtidy check: every file is checked by the rule engine on a worker thread;
 * results are collected per file and printed in path order, so output never
 * depends on scheduling. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/diag.h"
#include "../../core/jobs.h"
#include "../../core/regex.h"
#include "../../core/stat_memo.h"
#include "../../core/report.h"
#include "../../core/strbuf.h"
#include "../../core/walk.h"
#include "../../core/xalloc.h"
#include "../../rules/engine.h"
#include "../../rules/includers.h"
#include "../../rules/sarif.h"
#include "../git/diffbase.h"
#include "cli.h"

struct check_run {
	struct file_list files;
	struct engine_result *res;
	struct file_list *reads;	/* per file: every file read for it (-MD) */
	struct engine *engine;
	struct includers *inc;		/* who includes each .dtsi */
	int keep_deps;			/* -MD: keep the files each check read */
};

static void check_one(size_t i, void *ctx)
{
	struct check_run *r = ctx;
	struct engine_input in = {.path = r->files.v[i]};
	size_t n = strlen(in.path);
	if (r->inc && n > 5 && !strcmp(in.path + n - 5, ".dtsi"))
		in.context = includers_board(r->inc, in.path);
	struct engine_result *res = &r->res[i];
	engine_check(r->engine, &in, res);
	/* a whole tree's lists of files read would grow with the tree:
	 * only -MD wants them */
	if (!r->keep_deps) {
		for (size_t k = 0; k < res->ndeps; k++)
			free(res->deps[k]);
		free(res->deps);
		res->deps = NULL;
		res->ndeps = 0;
	}
}

/* Checks every file; returns the number that failed (unreadable, bad
 * configuration) and moves all diagnostics into `all`, sorted, once each.
 * The files each check read go to r->reads. */
static int check_all(struct check_run *r, int jobs, struct diag_list *all)
{
	r->res = xcalloc(r->files.n ? r->files.n : 1, sizeof(*r->res));
	jobs_run(r->files.n, jobs, check_one, r);
	int failed = 0;
	for (size_t i = 0; i < r->files.n; i++) {
		struct engine_result *res = &r->res[i];
		failed += res->failed;
		diag_list_move(all, &res->diags);
		struct file_list *reads = &r->reads[i];
		if (!r->keep_deps) {
			engine_result_free(res);
			continue;
		}
		if (!res->ndeps)
			VEC_PUSH(reads->v, reads->n, reads->cap, xstrdup(r->files.v[i]));
		for (size_t k = 0; k < res->ndeps; k++) {
			VEC_PUSH(reads->v, reads->n, reads->cap, res->deps[k]);
			res->deps[k] = NULL;
		}
		engine_result_free(res);
	}
	free(r->res);
	r->res = NULL;
	diag_sort(all);
	diag_dedup(all);
	return failed;
}

/* --fix: at most this many rounds of fixing and checking again. */
enum { FIX_PASSES = 8 };

static struct engine *make_engine(const struct cli_opts *o)
{
	struct engine_opts eo = cli_engine_opts(o);
	eo.cache_files = 1;	/* one run: files do not change under it */
	return cli_engine_new(&eo);
}

static void output(const struct cli_opts *o, const struct engine *e, const struct diag_list *all,
		   size_t nfiles, int errors, int warnings)
{
	if (o->format == OUT_JSON) {
		report_json(stdout, all);
	} else if (o->format == OUT_SARIF) {
		report_sarif(stdout, e, all, DTIDY_VERSION);
	} else {
		int tty = isatty(STDOUT_FILENO);
		int color = o->color == COLOR_ALWAYS || (o->color == COLOR_AUTO && tty);
		report_text(stdout, all, color, tty);
		if (!o->quiet && tty)
			fprintf(stderr, "%zu file%s checked: %d error%s, %d warning%s\n", nfiles,
				nfiles == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
				warnings == 1 ? "" : "s");
	}
	fflush(stdout);
}

static void free_reads(struct check_run *r)
{
	for (size_t i = 0; i < r->files.n; i++)
		file_list_free(&r->reads[i]);
	free(r->reads);
	r->reads = NULL;
}

int cmd_check(struct cli_opts *o)
{
	if (o->npaths == 0) {
		fprintf(stderr, "dtidy check: no input (give files or directories)\n");
		return 2;
	}
	struct engine *e = make_engine(o);
	if (!e)
		return 2;
	/* one run, one moment: the bindings index and the schema set vouch
	 * for the same documents through one stat each */
	stat_memo_share(1);
	struct check_run r = {.engine = e, .keep_deps = o->md};
	struct diag_list all = {0}, walked = {0};
	int problems = walk_paths(o->paths, o->npaths, &r.files, &walked);
	char *err = NULL;
	if (o->diff_base && r.files.n && diffbase_verify(o->diff_base, r.files.v[0], &err) < 0) {
		fprintf(stderr, "dtidy check: --diff-base: %s\n", err);
		free(err);
		diag_list_free(&walked);
		file_list_free(&r.files);
		engine_free(e);
		stat_memo_share(0);
		return 2;
	}
	r.reads = xcalloc(r.files.n ? r.files.n : 1, sizeof(*r.reads));
	if (r.files.n)
		engine_prepare(e, r.files.v[0]);
	r.inc = includers_new((const char *const *)r.files.v, r.files.n);
	for (size_t i = 0; o->verbose && i < r.files.n; i++) {
		struct strbuf how = {0};
		engine_describe(e, r.files.v[i], &how);
		size_t n = strlen(r.files.v[i]);
		const char *board = n > 5 && !strcmp(r.files.v[i] + n - 5, ".dtsi")
					    ? includers_board(r.inc, r.files.v[i]) : NULL;
		if (board)
			sb_printf(&how, "%s: includer: %s (the first board here that includes "
				  "it; its tree is read when the file alone lacks macros, labels "
				  "or its enclosing node)\n", r.files.v[i], board);
		fputs(sb_cstr(&how), stderr);
		sb_free(&how);
	}
	int failed = check_all(&r, o->jobs, &all);
	/* One pass applies the fixes that do not overlap (a node's property
	 * order and its place among its siblings edit the same bytes); the
	 * re-check offers the rest against the new text. A few passes settle
	 * any board; the bound stops fixes that would undo each other. */
	for (int pass = 0; o->fix && pass < FIX_PASSES; pass++) {
		int changed = check_apply_fixes(&all, o->quiet);
		if (changed < 0)
			problems++;
		if (changed <= 0)
			break;
		/* re-check: report what is left after the fixes */
		diag_list_free(&all);
		free_reads(&r);
		r.reads = xcalloc(r.files.n ? r.files.n : 1, sizeof(*r.reads));
		failed = check_all(&r, o->jobs, &all);
	}
	problems += failed;
	diag_list_move(&all, &walked);
	diag_sort(&all);

	/* The .d is written even when there are findings: the board must be
	 * checked again when any file it read changes. */
	if (o->md && check_write_depfile(o, &r.files, r.reads) < 0)
		problems++;
	free_reads(&r);
	includers_free(r.inc);
	if (o->diff_base && diffbase_filter(&all, o->diff_base, &err) < 0) {
		fprintf(stderr, "dtidy check: --diff-base %s: %s\n", o->diff_base, err);
		free(err);
		problems++;
	}

	int errors = 0, warnings = 0;
	for (size_t i = 0; i < all.n; i++) {
		if (all.v[i].line == 0 && all.v[i].severity == DTIDY_SEV_ERROR &&
		    (!strcmp(all.v[i].rule, "io") || !strcmp(all.v[i].rule, "config")))
			continue;	/* counted as problems */
		if (all.v[i].severity == DTIDY_SEV_ERROR)
			errors++;
		else if (all.v[i].severity == DTIDY_SEV_WARNING)
			warnings++;
	}
	output(o, e, &all, r.files.n, errors, warnings);
	diag_list_free(&all);
	file_list_free(&r.files);
	engine_free(e);
	stat_memo_share(0);
	rx_cleanup();
	if (problems)
		return 2;
	if (errors || (o->werror && warnings))
		return 1;
	return 0;
}
