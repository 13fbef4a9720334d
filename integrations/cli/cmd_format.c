/* dtidy format: files are formatted (and, with -i, written) on worker
 * threads; what is printed (text, diffs, file lists, diagnostics) is
 * collected per file and printed in path order afterwards, so the output
 * never depends on scheduling. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/atomic_write.h"
#include "../../core/diag.h"
#include "../../core/jobs.h"
#include "../../core/report.h"
#include "../../core/source.h"
#include "../../core/strbuf.h"
#include "../../core/udiff.h"
#include "../../core/walk.h"
#include "../../core/xalloc.h"
#include "../../formatter/format.h"
#include "../../rules/engine.h"
#include "../git/diffbase.h"
#include "cli.h"

#define PROGRESS_MIN_FILES 200

struct file_out {
	int status;		/* enum fmt_status, or -1: unreadable / unwritable */
	int changed;
	char *text;		/* formatted text, for stdout mode */
	size_t len;
	char *diff;		/* for --diff (may hold NUL bytes) */
	size_t diff_len;
	struct diag_list diags;
	/* --diff-base: the lines changed since the base; only they are
	 * formatted (all of a file git does not track) */
	struct fmt_line_range *ranges;
	size_t nranges;
	int whole;
};

struct fmt_run {
	struct file_list files;
	struct file_out *per_file;
	const struct cli_opts *opts;
	struct engine *engine;	/* finds each file's .dtidy.yaml */
	struct fmt_line_range *ranges;
	size_t nranges;
	int to_stdout;
	int progress;
	atomic_size_t done, changed, failed;
	pthread_mutex_t lock;
};

static int parse_lines(const struct cli_opts *o, struct fmt_line_range **out, size_t *n)
{
	size_t cap = 0;
	for (size_t i = 0; i < o->nlines; i++) {
		char *end = NULL;
		long a = strtol(o->lines[i], &end, 10);
		long b = a;
		if (*end == ':')
			b = strtol(end + 1, &end, 10);
		if (*end || a < 1 || b < a) {
			fprintf(stderr, "dtidy format: --lines wants FIRST:LAST (1-based, "
					"FIRST <= LAST), not '%s'\n", o->lines[i]);
			return -1;
		}
		struct fmt_line_range r = {(unsigned)a, (unsigned)b};
		VEC_PUSH(*out, *n, cap, r);
	}
	return 0;
}

/* Offset of the first #if, #ifdef, #ifndef, #elif or #else line, or -1. */
static long conditional_line(const struct source *src)
{
	const char *s = src->text, *end = s + src->len;
	for (const char *p = s; p < end; p++) {
		if (p != s && p[-1] != '\n')
			continue;
		const char *q = p;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q >= end || *q != '#')
			continue;
		q++;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (end - q >= 2 && (!memcmp(q, "if", 2) || !memcmp(q, "el", 2)))
			return (long)(p - s);
	}
	return -1;
}

static void add_errors(struct file_out *fo, const struct source *src,
		       const struct fmt_result *r)
{
	const char *rule = r->status == FMT_INTERNAL ? "format-internal" : "syntax";
	for (size_t e = 0; e < r->nerrors; e++)
		diag_add(&fo->diags, src, r->errors[e].start, r->errors[e].end, DTIDY_SEV_ERROR,
			 rule, "%s", r->errors[e].msg);
	/* the formatter reads the file as written, both sides of every #if:
	 * a node opened in one branch and closed after #endif is whole only
	 * once preprocessed (dtidy check judges that); the file is left as is */
	long cond = r->status == FMT_SYNTAX && r->nerrors ? conditional_line(src) : -1;
	if (cond >= 0)
		diag_add(&fo->diags, src, (uint32_t)cond, (uint32_t)cond + 1, DTIDY_SEV_NOTE,
			 "syntax", "the braces may balance only in each #if branch after "
			 "preprocessing; dtidy format reads every branch and leaves this file unchanged");
}

/* Formats one loaded source into fo; the caller decides what to print. */
static void format_source(struct fmt_run *run, const struct source *src, int partial,
			  struct file_out *fo)
{
	struct fmt_options opt;
	if (format_options_for(run->engine, run->opts, src->path, &opt, &fo->diags) != 0) {
		fo->status = -1;	/* a broken .dtidy.yaml: its style is unknown */
		return;
	}
	struct fmt_result r;
	if (run->opts->diff_base && !fo->whole)
		fmt_buffer_lines(src->text, src->len, &opt, fo->ranges, fo->nranges, &r);
	else if (run->nranges)
		fmt_buffer_lines(src->text, src->len, &opt, run->ranges, run->nranges, &r);
	else if (partial)
		fmt_buffer_partial(src->text, src->len, &opt, &r);
	else
		fmt_buffer(src->text, src->len, &opt, &r);
	fo->status = r.status;
	if (partial && r.nerrors && r.status == FMT_OK)
		fo->status = FMT_SYNTAX;	/* formatted up to the error, reported */
	fo->changed = r.status == FMT_OK && r.changed;
	add_errors(fo, src, &r);
	if (opt.sort && format_sort_check(run->opts, run->engine, src, &r, &fo->diags) != 0) {
		fo->status = FMT_INTERNAL;
		fo->changed = 0;
	} else if (r.status == FMT_OK) {
		if (run->opts->fmt_diff && r.changed) {
			struct strbuf d = {0};
			udiff(&d, src->path, src->text, src->len, r.text, r.len);
			fo->diff = d.s;
			fo->diff_len = d.len;
		}
		if (run->to_stdout) {
			fo->text = r.text;
			fo->len = r.len;
			r.text = NULL;
		} else if (run->opts->fmt_inplace && r.changed) {
			char *err = NULL;
			if (atomic_write(src->path, r.text, r.len, &err) != 0) {
				diag_add_file(&fo->diags, src->path, DTIDY_SEV_ERROR, "io", "%s", err);
				free(err);
				fo->status = -1;
			}
		}
	}
	fmt_result_free(&r);
}

/* --diff-base: each file's changed lines, asked of git before the workers
 * start. Returns 0, or -1 after printing why. */
static int diff_base_ranges(struct fmt_run *run)
{
	const char *rev = run->opts->diff_base;
	char *err = NULL;
	if (run->files.n && diffbase_verify(rev, run->files.v[0], &err) < 0) {
		fprintf(stderr, "dtidy format: --diff-base: %s\n", err);
		free(err);
		return -1;
	}
	for (size_t i = 0; i < run->files.n; i++) {
		struct file_out *fo = &run->per_file[i];
		struct changed_lines c = {0};
		if (diffbase_changed_lines(rev, run->files.v[i], &c, &err) < 0) {
			fprintf(stderr, "dtidy format: --diff-base %s: %s: %s\n", rev,
				run->files.v[i], err);
			free(err);
			changed_lines_free(&c);
			return -1;
		}
		fo->whole = c.whole_file;
		fo->nranges = c.n;
		fo->ranges = xcalloc(c.n ? c.n : 1, sizeof(*fo->ranges));
		for (size_t k = 0; k < c.n; k++)
			fo->ranges[k] = (struct fmt_line_range){c.v[k].first, c.v[k].last};
		changed_lines_free(&c);
	}
	return 0;
}

static void progress(struct fmt_run *run)
{
	if (!run->progress)
		return;
	pthread_mutex_lock(&run->lock);
	fprintf(stderr, "\rformatting: %zu/%zu files, %zu changed, %zu with errors",
		atomic_load(&run->done), run->files.n, atomic_load(&run->changed),
		atomic_load(&run->failed));
	fflush(stderr);
	pthread_mutex_unlock(&run->lock);
}

static void format_one(size_t i, void *ctx)
{
	struct fmt_run *run = ctx;
	struct file_out *fo = &run->per_file[i];
	char *err = NULL;
	struct source *src = NULL;
	if (run->opts->diff_base && !fo->whole && fo->nranges == 0) {
		fo->status = FMT_OK;	/* no line changed since the base */
	} else if (!(src = source_load(run->files.v[i], &err))) {
		diag_add_file(&fo->diags, run->files.v[i], DTIDY_SEV_ERROR, "io", "%s", err);
		free(err);
		fo->status = -1;
	} else {
		format_source(run, src, 0, fo);
		source_free(src);
	}
	atomic_fetch_add(&run->done, 1);
	if (fo->changed)
		atomic_fetch_add(&run->changed, 1);
	if (fo->status != FMT_OK)
		atomic_fetch_add(&run->failed, 1);
	progress(run);
}

static int read_stdin(struct strbuf *b)
{
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		sb_put(b, buf, n);
	return ferror(stdin) ? -1 : 0;
}

/* --stdin-filename: editors. Text before the first syntax error is still
 * formatted; the errors go to stderr. */
static int format_stdin(struct fmt_run *run)
{
	struct strbuf in = {0};
	if (read_stdin(&in) != 0) {
		fprintf(stderr, "dtidy format: cannot read standard input\n");
		sb_free(&in);
		return 2;
	}
	struct source *src = source_from_mem(run->opts->stdin_filename, in.s ? in.s : "",
					     in.len);
	const struct cli_opts *o = run->opts;
	run->to_stdout = !o->fmt_check && !o->fmt_diff;
	struct file_out fo = {0};
	format_source(run, src, 1, &fo);
	int rc = 0;
	if (fo.diff)
		fwrite(fo.diff, 1, fo.diff_len, stdout);
	if (run->to_stdout)
		fwrite(fo.text ? fo.text : src->text, 1, fo.text ? fo.len : src->len, stdout);
	if (o->fmt_check && fo.changed) {
		if (!o->fmt_diff)
			printf("%s\n", src->path);
		rc = 1;
	}
	fflush(stdout);
	report_text(stderr, &fo.diags, 0, 0);
	if (fo.status == FMT_INTERNAL || fo.status == -1)
		rc = 2;
	else if (fo.status == FMT_SYNTAX && rc == 0)
		rc = 1;
	diag_list_free(&fo.diags);
	free(fo.text);
	free(fo.diff);
	source_free(src);
	sb_free(&in);
	return rc;
}

static int run_format(struct cli_opts *o, struct engine *engine)
{
	struct fmt_run run = {.opts = o, .engine = engine};
	int indent;
	if (o->indent && format_parse_indent(o->indent, &indent) != 0) {
		fprintf(stderr, "dtidy format: --indent must be 'tab' or a number of spaces (1-16)\n");
		return 2;
	}
	if (parse_lines(o, &run.ranges, &run.nranges) != 0)
		return 2;
	if (o->diff_base && (run.nranges || o->stdin_filename)) {
		fprintf(stderr, "dtidy format: --diff-base picks the lines itself: "
				"give neither --lines nor --stdin-filename with it\n");
		free(run.ranges);
		return 2;
	}
	int rc = 0;
	if (o->stdin_filename) {
		if (o->npaths || o->fmt_inplace) {
			fprintf(stderr, "dtidy format: --stdin-filename reads standard input; "
					"give no PATH and no -i\n");
			free(run.ranges);
			return 2;
		}
		rc = format_stdin(&run);
		free(run.ranges);
		return rc;
	}
	if (o->npaths == 0) {
		fprintf(stderr, "dtidy format: no input (give files or directories, "
				"or --stdin-filename NAME)\n");
		free(run.ranges);
		return 2;
	}
	struct diag_list all = {0};
	int problems = walk_paths(o->paths, o->npaths, &run.files, &all);
	run.to_stdout = !o->fmt_check && !o->fmt_diff && !o->fmt_inplace;
	if (run.to_stdout && run.files.n != 1) {
		fprintf(stderr, "dtidy format: %zu files: give --check, --diff or -i "
				"(formatted text goes to stdout for one file only)\n", run.files.n);
		diag_list_free(&all);
		file_list_free(&run.files);
		free(run.ranges);
		return 2;
	}
	if (run.nranges && run.files.n != 1) {
		fprintf(stderr, "dtidy format: --lines applies to one file\n");
		diag_list_free(&all);
		file_list_free(&run.files);
		free(run.ranges);
		return 2;
	}
	run.per_file = xcalloc(run.files.n ? run.files.n : 1, sizeof(*run.per_file));
	if (o->diff_base && diff_base_ranges(&run) != 0) {
		for (size_t i = 0; i < run.files.n; i++)
			free(run.per_file[i].ranges);
		free(run.per_file);
		diag_list_free(&all);
		file_list_free(&run.files);
		free(run.ranges);
		return 2;
	}
	run.progress = run.files.n > PROGRESS_MIN_FILES && isatty(STDOUT_FILENO) &&
		       isatty(STDERR_FILENO) && !o->quiet;
	pthread_mutex_init(&run.lock, NULL);
	jobs_run(run.files.n, o->jobs, format_one, &run);
	if (run.progress)
		fprintf(stderr, "\r\033[K");

	size_t changed = 0, failed = 0;
	int internal = 0;
	for (size_t i = 0; i < run.files.n; i++) {
		struct file_out *fo = &run.per_file[i];
		if (fo->changed)
			changed++;
		if (fo->status != FMT_OK)
			failed++;
		if (fo->status == FMT_INTERNAL || fo->status == -1)
			internal = 1;
		if (run.to_stdout && fo->text)
			fwrite(fo->text, 1, fo->len, stdout);
		if (fo->diff)
			fwrite(fo->diff, 1, fo->diff_len, stdout);
		else if (o->fmt_check && fo->changed)
			printf("%s\n", run.files.v[i]);
		diag_list_move(&all, &fo->diags);
		free(fo->text);
		free(fo->diff);
		free(fo->ranges);
	}
	fflush(stdout);
	diag_sort(&all);
	diag_dedup(&all);	/* a broken .dtidy.yaml is reported once */
	report_text(stderr, &all, o->color == COLOR_ALWAYS ||
				  (o->color == COLOR_AUTO && isatty(STDERR_FILENO)), 0);
	if (!run.to_stdout && !o->quiet)
		fprintf(stderr, "%zu file%s, %zu %s, %zu not formatted because of errors\n",
			run.files.n, run.files.n == 1 ? "" : "s", changed,
			o->fmt_inplace ? "changed" : "would change", failed);
	free(run.per_file);
	pthread_mutex_destroy(&run.lock);
	diag_list_free(&all);
	file_list_free(&run.files);
	free(run.ranges);
	if (internal || problems)
		rc = 2;
	else if (failed || (o->fmt_check && changed))
		rc = 1;
	return rc;
}

int cmd_format(struct cli_opts *o)
{
	struct engine *e = format_engine(o);
	if (!e)
		return 2;
	int rc = run_format(o, e);
	engine_free(e);
	return rc;
}
