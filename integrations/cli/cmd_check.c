/* dtidy check: every file is checked by the rule engine on a worker thread;
 * results are collected per file and printed in path order, so output never
 * depends on scheduling. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/diag.h"
#include "../../core/diag_pool.h"
#include "../../core/heap.h"
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
	/* who includes each .dtsi: read from every file given and their
	 * neighbours, so made only once a check builds a tree and asks */
	pthread_mutex_t inc_lock;
	struct includers *inc;
	int keep_deps;			/* -MD: keep the files each check read */
	/* findings made text file by file (check_stream.c), or NULL */
	struct streamed_file *streamed;
	int color;			/* of the streamed text */
	/* the findings of the files checked, kept to the end of the run */
	struct diag_pool pool;
};

static const struct includers *includers_of(struct check_run *r)
{
	pthread_mutex_lock(&r->inc_lock);
	if (!r->inc)
		r->inc = includers_new((const char *const *)r->files.v, r->files.n);
	pthread_mutex_unlock(&r->inc_lock);
	return r->inc;
}

/* engine_input.context_of: the first board here that includes a .dtsi */
static const char *board_of(void *ud, const char *path)
{
	size_t n = strlen(path);
	if (n <= 5 || strcmp(path + n - 5, ".dtsi"))
		return NULL;
	return includers_board(includers_of(ud), path);
}

static void check_one(size_t i, void *ctx)
{
	struct check_run *r = ctx;
	struct engine_input in = {.path = r->files.v[i], .context_of = board_of, .context_ud = r};
	struct engine_result *res = &r->res[i];
	engine_check(r->engine, &in, res);
	if (r->streamed)
		stream_take(&r->streamed[i], in.path, &res->diags, r->color);
	else
		diag_pool_keep(&r->pool, &res->diags);	/* kept to the end of the run */
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
	/* the workers' heaps are free memory now, most of it resident: give
	 * it back before the sort below needs a copy of every finding */
	heap_release();
	int failed = 0;
	size_t total = all->n;
	for (size_t i = 0; i < r->files.n; i++)
		total += r->res[i].diags.n;
	VEC_RESERVE(all->v, all->cap, total);	/* one copy of each, not a doubling */
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

/* Can the findings be made text file by file (check_stream.c)? For plain
 * text to a file or pipe, of files checked on their own (no rule may read
 * a tree, which reports in the files it includes), given in the order
 * their findings sort; nothing that wants every finding at the end (--fix,
 * -MD, --diff-base) and nothing else to list (a walk's errors). */
static int can_stream(const struct cli_opts *o, const struct engine *e,
		      const struct file_list *files, const struct diag_list *walked)
{
	if (o->format != OUT_TEXT || isatty(STDOUT_FILENO) || o->fix || o->md || o->diff_base ||
	    walked->n || engine_reads_trees(e))
		return 0;
	for (size_t i = 1; i < files->n; i++)
		if (strcmp(files->v[i - 1], files->v[i]) >= 0)
			return 0;
	return 1;
}

/* Checks every file, the findings made text as each file is done; when
 * those texts print the run's sorted list (stream_in_order), prints them
 * and returns 0, adding up errors, warnings and files that failed; else
 * returns -1, having printed nothing, for check_all to do it the long way
 * (a file that does not parse as written builds a tree after all, whose
 * findings may lie in other files). */
static int check_streamed(struct check_run *r, int jobs, int *errors, int *warnings,
			  int *failed)
{
	r->res = xcalloc(r->files.n ? r->files.n : 1, sizeof(*r->res));
	r->streamed = xcalloc(r->files.n ? r->files.n : 1, sizeof(*r->streamed));
	jobs_run(r->files.n, jobs, check_one, r);
	int ok = stream_in_order(r->streamed, r->files.n);
	if (ok) {
		for (size_t i = 0; i < r->files.n; i++) {
			*failed += r->res[i].failed;
			*errors += r->streamed[i].errors;
			*warnings += r->streamed[i].warnings;
		}
		stream_write(stdout, r->streamed, r->files.n);
		fflush(stdout);
	}
	for (size_t i = 0; i < r->files.n; i++)
		engine_result_free(&r->res[i]);
	free(r->res);
	r->res = NULL;
	stream_free(r->streamed, r->files.n);
	r->streamed = NULL;
	return ok ? 0 : -1;
}

/* --fix: at most this many rounds of fixing and checking again. */
enum { FIX_PASSES = 8 };

static struct engine *make_engine(const struct cli_opts *o)
{
	struct engine_opts eo = cli_engine_opts(o);
	eo.cache_files = 1;	/* one run: files do not change under it */
	/* only --fix applies fixes and only SARIF shows them */
	eo.no_fixes = !o->fix && o->format != OUT_SARIF;
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
	pthread_mutex_init(&r.inc_lock, NULL);
	diag_pool_init(&r.pool);
	struct diag_list all = {0}, walked = {0};
	int problems = walk_paths(o->paths, o->npaths, &r.files, &walked);
	char *err = NULL;
	if (o->diff_base && r.files.n && diffbase_verify(o->diff_base, r.files.v[0], &err) < 0) {
		fprintf(stderr, "dtidy check: --diff-base: %s\n", err);
		free(err);
		diag_list_free(&walked);
		file_list_free(&r.files);
		pthread_mutex_destroy(&r.inc_lock);
		diag_pool_free(&r.pool);
		engine_free(e);
		stat_memo_share(0);
		return 2;
	}
	r.reads = xcalloc(r.files.n ? r.files.n : 1, sizeof(*r.reads));
	if (r.files.n)
		engine_prepare(e, r.files.v[0]);
	for (size_t i = 0; o->verbose && i < r.files.n; i++) {
		struct strbuf how = {0};
		engine_describe(e, r.files.v[i], &how);
		const char *board = engine_reads_trees(e) ? board_of(&r, r.files.v[i]) : NULL;
		if (board)
			sb_printf(&how, "%s: includer: %s (the first board here that includes "
				  "it; its tree is read when the file alone lacks macros, labels "
				  "or its enclosing node)\n", r.files.v[i], board);
		fputs(sb_cstr(&how), stderr);
		sb_free(&how);
	}
	if (can_stream(o, e, &r.files, &walked)) {
		r.color = o->color == COLOR_ALWAYS;
		int errors = 0, warnings = 0, failed = 0;
		if (check_streamed(&r, o->jobs, &errors, &warnings, &failed) == 0) {
			free_reads(&r);
			includers_free(r.inc);
			pthread_mutex_destroy(&r.inc_lock);
			diag_pool_free(&r.pool);
			file_list_free(&r.files);
			engine_free(e);
			rx_cleanup();
			if (problems + failed)
				return 2;
			return errors || (o->werror && warnings) ? 1 : 0;
		}
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
		diag_pool_free(&r.pool);
		diag_pool_init(&r.pool);
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
	pthread_mutex_destroy(&r.inc_lock);
	if (o->diff_base && diffbase_filter(&all, o->diff_base, &err) < 0) {
		fprintf(stderr, "dtidy check: --diff-base %s: %s\n", o->diff_base, err);
		free(err);
		problems++;
	}

	int errors = 0, warnings = 0;
	check_tally(&all, &errors, &warnings);
	output(o, e, &all, r.files.n, errors, warnings);
	diag_list_free(&all);
	diag_pool_free(&r.pool);
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
