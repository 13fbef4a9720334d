#include "diffbase.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../core/strbuf.h"
#include "../../core/xalloc.h"

/* ---- parsing --------------------------------------------------------- */

static unsigned parse_uint(const char **p, const char *end)
{
	unsigned long v = 0;
	while (*p < end && **p >= '0' && **p <= '9') {
		if (v < 0xffffffffu)
			v = v * 10 + (unsigned)(**p - '0');
		(*p)++;
	}
	return v > 0xffffffffu ? 0xffffffffu : (unsigned)v;
}

/* One "@@ -a[,b] +c[,d] @@" line: the new side is lines c .. c+d-1. */
static void parse_hunk_header(const char *p, const char *end, struct changed_lines *out)
{
	while (p < end && *p != '+')
		p++;
	if (p == end)
		return;
	p++;
	unsigned first = parse_uint(&p, end);
	unsigned count = 1;
	if (p < end && *p == ',') {
		p++;
		count = parse_uint(&p, end);
	}
	if (count == 0) {
		/* "+c,0": lines deleted after new line c */
		VEC_PUSH(out->deleted, out->ndeleted, out->capdeleted, first);
		return;
	}
	if (first == 0)
		return;
	struct line_range r = {first, first + (count - 1)};
	if (r.last < first)
		r.last = 0xffffffffu;
	VEC_PUSH(out->v, out->n, out->cap, r);
}

void diffbase_parse(const char *diff, size_t len, struct changed_lines *out)
{
	const char *p = diff, *end = diff + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if (eol - p >= 4 && !memcmp(p, "@@ -", 4))
			parse_hunk_header(p + 4, eol, out);
		p = eol < end ? eol + 1 : end;
	}
}

int changed_lines_touch(const struct changed_lines *c, unsigned first, unsigned last)
{
	if (c->whole_file)
		return 1;
	if (last < first)
		last = first;
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].first <= last && first <= c->v[i].last)
			return 1;
	return 0;
}

int changed_lines_touch_scope(const struct changed_lines *c, unsigned first, unsigned last)
{
	if (changed_lines_touch(c, first, last))
		return 1;
	for (size_t i = 0; i < c->ndeleted; i++)
		if (first <= c->deleted[i] && c->deleted[i] <= last)
			return 1;
	return 0;
}

void changed_lines_free(struct changed_lines *c)
{
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
	free(c->deleted);
	c->deleted = NULL;
	c->ndeleted = c->capdeleted = 0;
	c->whole_file = 0;
}

/* ---- running git ------------------------------------------------------ */

struct git_run {
	struct strbuf out, err;
	int status;		/* exit status, or -1 when git could not run */
};

/* Drains both pipes together, so a chatty stderr cannot block git while we
 * wait on stdout. */
static void drain(int out_fd, int err_fd, struct git_run *r)
{
	struct pollfd fds[2] = {{.fd = out_fd, .events = POLLIN}, {.fd = err_fd, .events = POLLIN}};
	struct strbuf *bufs[2] = {&r->out, &r->err};
	int open_fds = 2;
	char buf[8192];
	while (open_fds > 0) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			ssize_t n = read(fds[i].fd, buf, sizeof(buf));
			if (n > 0) {
				sb_put(bufs[i], buf, (size_t)n);
			} else if (n == 0 || errno != EINTR) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
			}
		}
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
}

static int run_git(char *const argv[], struct git_run *r, char **err)
{
	int out[2], errp[2];
	if (pipe(out) < 0) {
		*err = xstrdup(strerror(errno));
		return -1;
	}
	if (pipe(errp) < 0) {
		*err = xstrdup(strerror(errno));
		close(out[0]);
		close(out[1]);
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		*err = xstrdup(strerror(errno));
		close(out[0]);
		close(out[1]);
		close(errp[0]);
		close(errp[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(out[1], STDOUT_FILENO);
		dup2(errp[1], STDERR_FILENO);
		close(out[0]);
		close(out[1]);
		close(errp[0]);
		close(errp[1]);
		execvp(argv[0], argv);
		/* Only async-signal-safe calls here: dtidy may be threaded. */
		static const char msg[] = "cannot run git (is it installed and on PATH?)\n";
		ssize_t ignored = write(STDERR_FILENO, msg, sizeof(msg) - 1);
		(void)ignored;
		_exit(127);
	}
	close(out[1]);
	close(errp[1]);
	drain(out[0], errp[0], r);
	int st;
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			*err = xstrdup(strerror(errno));
			return -1;
		}
	}
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return 0;
}

/* git's first stderr line ("fatal: bad revision 'x'"), or a fallback. */
static char *git_message(const struct git_run *r, const char *what)
{
	const char *s = r->err.s ? r->err.s : "";
	size_t n = strcspn(s, "\n");
	struct strbuf b = {0};
	if (n)
		sb_put(&b, s, n);
	else
		sb_printf(&b, "git %s failed (exit status %d)", what, r->status);
	return b.s;
}

static void git_run_free(struct git_run *r)
{
	sb_free(&r->out);
	sb_free(&r->err);
}

/* The directory holding path ("." for a bare name), malloc'd. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

int diffbase_verify(const char *rev, const char *path, char **err)
{
	char *dir = dir_of(path);
	struct strbuf spec = {0};
	sb_printf(&spec, "%s^{commit}", rev);
	char *argv[] = {"git", "-C", dir, "rev-parse", "--verify", "--quiet", spec.s, NULL};
	struct git_run r = {0};
	int rc = run_git(argv, &r, err);
	if (rc == 0 && r.status != 0) {
		if (r.status == 1) {
			struct strbuf msg = {0};
			sb_printf(&msg, "'%s' is not a commit in %s", rev, dir);
			*err = msg.s;
		} else {
			*err = git_message(&r, "rev-parse");
		}
		rc = -1;
	}
	git_run_free(&r);
	sb_free(&spec);
	free(dir);
	return rc;
}

int diffbase_changed_lines(const char *rev, const char *path, struct changed_lines *out,
			   char **err)
{
	const char *slash = strrchr(path, '/');
	char *dir = dir_of(path);
	char *base = xstrdup(slash ? slash + 1 : path);
	char *diff_argv[] = {"git", "--no-pager", "-C", dir, "diff", "--no-color", "--no-ext-diff",
			     "--no-textconv", "--no-renames", "-U0", (char *)rev, "--", base, NULL};
	char *ls_argv[] = {"git", "-C", dir, "ls-files", "--error-unmatch", "--", base, NULL};
	struct git_run r = {0};
	int rc = run_git(diff_argv, &r, err);
	if (rc == 0 && r.status != 0) {
		*err = git_message(&r, "diff");
		rc = -1;
	}
	if (rc == 0)
		diffbase_parse(r.out.s ? r.out.s : "", r.out.len, out);
	git_run_free(&r);
	/* No hunks: unchanged, or a file git has never heard of. */
	if (rc == 0 && out->n == 0) {
		struct git_run ls = {0};
		rc = run_git(ls_argv, &ls, err);
		if (rc == 0 && ls.status == 1)
			out->whole_file = 1;
		else if (rc == 0 && ls.status != 0) {
			*err = git_message(&ls, "ls-files");
			rc = -1;
		}
		git_run_free(&ls);
	}
	free(dir);
	free(base);
	return rc;
}

/* ---- filtering diagnostics -------------------------------------------- */

struct file_changes {
	char *file;	/* a copy: the diagnostic naming it may be dropped */
	struct changed_lines lines;
};

int diffbase_filter(struct diag_list *l, const char *rev, char **err)
{
	struct file_changes *files = NULL;
	size_t nfiles = 0, capfiles = 0;
	size_t kept = 0;
	int rc = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct diag *d = &l->v[i];
		int keep = d->line == 0 || rc != 0;
		if (!keep) {
			struct file_changes *fc = NULL;
			for (size_t f = 0; f < nfiles && !fc; f++)
				if (!strcmp(files[f].file, d->file))
					fc = &files[f];
			if (!fc) {
				struct file_changes fresh = {.file = xstrdup(d->file)};
				if (diffbase_changed_lines(rev, d->file, &fresh.lines, err) < 0) {
					changed_lines_free(&fresh.lines);
					free(fresh.file);
					rc = -1;
					keep = 1;
				} else {
					VEC_PUSH(files, nfiles, capfiles, fresh);
					fc = &files[nfiles - 1];
				}
			}
			if (fc)
				keep = changed_lines_touch(&fc->lines, d->line, d->end_line) ||
				       (d->scope_line &&
					changed_lines_touch_scope(&fc->lines, d->scope_line,
								  d->scope_end_line));
		}
		if (keep)
			l->v[kept++] = *d;
		else
			diag_free(d);
	}
	l->n = kept;
	for (size_t f = 0; f < nfiles; f++) {
		changed_lines_free(&files[f].lines);
		free(files[f].file);
	}
	free(files);
	return rc;
}
