#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xalloc.h"

int walk_is_dt_source(const char *name)
{
	static const char *const ext[] = {".dts", ".dtsi", ".dtso", ".overlay", ".keymap"};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		size_t e = strlen(ext[i]);
		if (n > e && strcmp(name + n - e, ext[i]) == 0)
			return 1;
	}
	return 0;
}

struct seen {
	dev_t dev;
	ino_t ino;
};

struct walked {
	dev_t dev;
	ino_t ino;
	int used;
};

struct walker {
	struct file_list *out;
	struct diag_list *diags;
	struct seen *seen;	/* directories on the current path (loop guard) */
	size_t nseen, capseen;
	struct walked *done;	/* every directory walked so far (open addressing) */
	size_t ndone, capdone;
	int problems;
};

static size_t walked_hash(dev_t dev, ino_t ino)
{
	return (size_t)(((uint64_t)dev * 0x9e3779b97f4a7c15u) ^ ((uint64_t)ino * 0xff51afd7ed558ccdu));
}

static int done_slot(const struct walker *w, dev_t dev, ino_t ino, size_t *slot)
{
	size_t k = walked_hash(dev, ino) & (w->capdone - 1);
	for (; w->done[k].used; k = (k + 1) & (w->capdone - 1))
		if (w->done[k].dev == dev && w->done[k].ino == ino) {
			*slot = k;
			return 1;
		}
	*slot = k;
	return 0;
}

/* Records a directory as walked; returns 0 when it already was. Symlinks
 * may reach one directory by many paths (20 levels of two links each to the
 * next are 2^20 paths): each real directory is walked once, through the
 * first path in sorted order, so every file is still found once. */
static int first_visit(struct walker *w, const struct stat *st)
{
	size_t k;
	if (w->capdone && done_slot(w, st->st_dev, st->st_ino, &k))
		return 0;
	if ((w->ndone + 1) * 2 > w->capdone) {
		struct walked *old = w->done;
		size_t oldcap = w->capdone;
		w->capdone = oldcap ? oldcap * 2 : 64;
		w->done = xcalloc(w->capdone, sizeof(*w->done));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].used) {
				done_slot(w, old[i].dev, old[i].ino, &k);
				w->done[k] = old[i];
			}
		free(old);
	}
	done_slot(w, st->st_dev, st->st_ino, &k);
	w->done[k].dev = st->st_dev;
	w->done[k].ino = st->st_ino;
	w->done[k].used = 1;
	w->ndone++;
	return 1;
}

static void push_file(struct file_list *l, const char *path)
{
	VEC_PUSH(l->v, l->n, l->cap, xstrdup(path));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(struct walker *w, const char *dir, const struct stat *st)
{
	for (size_t i = 0; i < w->nseen; i++)
		if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino) {
			/* Not a problem of the sources: every file is still
			 * found once, through the path that was not a loop. */
			diag_add_file(w->diags, dir, DTIDY_SEV_WARNING, "io",
				      "symbolic link loop; directory skipped");
			return;
		}
	if (!first_visit(w, st))
		return;	/* its files are listed under the path that came first */
	DIR *d = opendir(dir);
	if (!d) {
		diag_add_file(w->diags, dir, DTIDY_SEV_ERROR, "io", "cannot open directory: %s",
			      strerror(errno));
		w->problems++;
		return;
	}
	struct seen s = {st->st_dev, st->st_ino};
	VEC_PUSH(w->seen, w->nseen, w->capseen, s);
	char **names = NULL;
	size_t nn = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' &&
		    (e->d_name[1] == '\0' || (e->d_name[1] == '.' && e->d_name[2] == '\0')))
			continue;
		VEC_PUSH(names, nn, cap, xstrdup(e->d_name));
	}
	closedir(d);
	if (nn > 1)
		qsort(names, nn, sizeof(*names), cmp_str);
	size_t dl = strlen(dir);
	for (size_t i = 0; i < nn; i++) {
		size_t len = dl + 1 + strlen(names[i]) + 1;
		char *path = xmalloc(len);
		if (dl && dir[dl - 1] == '/')
			snprintf(path, len, "%s%s", dir, names[i]);
		else
			snprintf(path, len, "%s/%s", dir, names[i]);
		struct stat cst;
		if (stat(path, &cst) != 0) {
			/* dangling symlink or vanished: only matters for sources */
			if (walk_is_dt_source(names[i])) {
				diag_add_file(w->diags, path, DTIDY_SEV_ERROR, "io",
					      "cannot read: %s", strerror(errno));
				w->problems++;
			}
		} else if (S_ISDIR(cst.st_mode)) {
			walk_dir(w, path, &cst);
		} else if (!walk_is_dt_source(names[i])) {
			/* not ours */
		} else if (S_ISREG(cst.st_mode)) {
			push_file(w->out, path);
		} else {
			/* Opening a FIFO would block the whole run; a device or
			 * socket is never a source. Named on the command line,
			 * such a file is read as given (dtidy check /dev/stdin). */
			diag_add_file(w->diags, path, DTIDY_SEV_WARNING, "io",
				      "not a regular file; skipped");
		}
		free(path);
		free(names[i]);
	}
	free(names);
	w->nseen--;
}

int walk_paths(char *const *paths, size_t npaths, struct file_list *out,
	       struct diag_list *diags)
{
	struct walker w = {.out = out, .diags = diags};
	size_t first = out->n;
	for (size_t i = 0; i < npaths; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			diag_add_file(diags, paths[i], DTIDY_SEV_ERROR, "io", "cannot read: %s",
				      strerror(errno));
			w.problems++;
			continue;
		}
		if (S_ISDIR(st.st_mode))
			walk_dir(&w, paths[i], &st);
		else
			push_file(out, paths[i]);
	}
	free(w.seen);
	free(w.done);
	/* sorted, duplicates removed: output order never depends on argv order */
	if (out->n - first > 1)
		qsort(out->v + first, out->n - first, sizeof(*out->v), cmp_str);
	size_t k = first;
	for (size_t i = first; i < out->n; i++) {
		if (k > first && strcmp(out->v[k - 1], out->v[i]) == 0) {
			free(out->v[i]);
			continue;
		}
		out->v[k++] = out->v[i];
	}
	out->n = k;
	return w.problems;
}

void file_list_free(struct file_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
