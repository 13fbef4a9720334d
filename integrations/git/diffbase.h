/* Which lines of a file changed since a git revision, for diff-only gating
 * (--diff-base REV): the new-side line ranges of `git diff -U0 REV -- FILE`.
 * A file git does not track counts as changed everywhere. */
#ifndef DTIDY_DIFFBASE_H
#define DTIDY_DIFFBASE_H

#include <stddef.h>

#include "../../core/diag.h"

struct line_range {
	unsigned first, last;	/* 1-based, inclusive */
};

struct changed_lines {
	int whole_file;		/* untracked or new: every line counts */
	struct line_range *v;	/* sorted, in the order git prints hunks */
	size_t n, cap;
	/* hunks that only delete: lines went away after new line deleted[i]
	 * (0: before the first) */
	unsigned *deleted;
	size_t ndeleted, capdeleted;
};

/* Reads the "@@ -a,b +c,d @@" headers of a unified diff. Hunks that only
 * delete lines (d = 0) change no line of the new file. */
void diffbase_parse(const char *diff, size_t len, struct changed_lines *out);

/* Runs git (fork/exec, no shell) in the file's directory. Returns 0, or -1
 * with *err set to a malloc'd message (git's own, when it gave one). */
int diffbase_changed_lines(const char *rev, const char *path, struct changed_lines *out,
			   char **err);

/* Checks that rev names a commit in the repository holding path, so that a
 * misspelt revision is an error even when there is nothing to filter.
 * Returns 0, or -1 with *err set. */
int diffbase_verify(const char *rev, const char *path, char **err);

/* Does [first, last] overlap a changed line? */
int changed_lines_touch(const struct changed_lines *c, unsigned first, unsigned last);
/* The same, or were lines deleted within [first, last] (after one of its
 * lines): a finding's scope, a node from which a property went away. */
int changed_lines_touch_scope(const struct changed_lines *c, unsigned first, unsigned last);

void changed_lines_free(struct changed_lines *c);

/* Keeps only the diagnostics on lines changed since rev, in every file they
 * name (a header's finding is kept when the header's line changed), and
 * those whose scope (struct diag) holds a change or a deletion. Whole-file
 * diagnostics (line 0) are kept. Returns 0, or -1 with *err set. */
int diffbase_filter(struct diag_list *l, const char *rev, char **err);

#endif
