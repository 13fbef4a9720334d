/* The include graph of a tree, by file name, to find the board that
 * includes a .dtsi. See includers.h. */
#include "includers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"

/* Files larger than this are no devicetree source worth scanning. */
#define SCAN_MAX (16u << 20)

struct edge {
	const char *includer;	/* a path of files[] */
	char *base;		/* file name of what it includes */
};

struct includers {
	char **files;
	size_t nfiles, capfiles;
	struct edge *e;
	size_t ne, cape;
};

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

void includers_scan(const char *text, size_t len, void (*fn)(void *ud, const char *name,
							     size_t n), void *ud)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		const char *q = skip_blanks(p, eol);
		const char *name = NULL;
		if (q < eol && *q == '#') {
			q = skip_blanks(q + 1, eol);
			if (eol - q > 7 && !memcmp(q, "include", 7))
				name = skip_blanks(q + 7, eol);
		} else if (eol - q > 9 && !memcmp(q, "/include/", 9)) {
			name = skip_blanks(q + 9, eol);
		}
		if (name && name < eol && (*name == '"' || *name == '<')) {
			char close = *name == '"' ? '"' : '>';
			const char *s = name + 1;
			const char *e = memchr(s, close, (size_t)(eol - s));
			if (e && e > s)
				fn(ud, s, (size_t)(e - s));
		}
		p = eol + 1;
	}
}

struct scan_ctx {
	struct includers *x;
	const char *includer;
};

static void add_edge(void *ud, const char *name, size_t n)
{
	struct scan_ctx *c = ud;
	char *full = xstrndup(name, n);
	struct edge e = {c->includer, xstrdup(base_name(full))};
	free(full);
	VEC_PUSH(c->x->e, c->x->ne, c->x->cape, e);
}

static void scan_file(struct includers *x, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len == cap) {
			if (cap >= SCAN_MAX)
				break;
			cap = cap ? cap * 2 : 16384;
			buf = xrealloc(buf, cap);
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		if (!got)
			break;
		len += got;
	}
	fclose(f);
	struct scan_ctx c = {x, path};
	if (buf)
		includers_scan(buf, len, add_edge, &c);
	free(buf);
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_base(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;
	int c = strcmp(x->base, y->base);
	return c ? c : strcmp(x->includer, y->includer);
}

/* The .dts and .dtsi files of a .dtsi's own directory. */
static void add_siblings(struct includers *x, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *de;
		while ((de = readdir(d)) != NULL) {
			if (!ends_with(de->d_name, ".dts") && !ends_with(de->d_name, ".dtsi"))
				continue;
			char *p = slash ? xmalloc(strlen(dir) + strlen(de->d_name) + 2)
					: xstrdup(de->d_name);
			if (slash)
				sprintf(p, "%s/%s", dir, de->d_name);
			VEC_PUSH(x->files, x->nfiles, x->capfiles, p);
		}
		closedir(d);
	}
	free(dir);
}

struct includers *includers_new(const char *const *files, size_t n)
{
	struct includers *x = xcalloc(1, sizeof(*x));
	char **dirs = NULL;
	size_t ndirs = 0, capdirs = 0;
	for (size_t i = 0; i < n; i++) {
		VEC_PUSH(x->files, x->nfiles, x->capfiles, xstrdup(files[i]));
		if (!ends_with(files[i], ".dtsi"))
			continue;
		const char *slash = strrchr(files[i], '/');
		char *dir = slash ? xstrndup(files[i], (size_t)(slash - files[i])) : xstrdup(".");
		int seen = 0;
		for (size_t k = 0; k < ndirs && !seen; k++)
			seen = !strcmp(dirs[k], dir);
		if (seen) {
			free(dir);
			continue;
		}
		VEC_PUSH(dirs, ndirs, capdirs, dir);
		add_siblings(x, files[i]);
	}
	for (size_t k = 0; k < ndirs; k++)
		free(dirs[k]);
	free(dirs);
	/* each file once */
	if (x->nfiles)
		qsort(x->files, x->nfiles, sizeof(*x->files), by_str);
	size_t w = 0;
	for (size_t i = 0; i < x->nfiles; i++) {
		if (w && !strcmp(x->files[w - 1], x->files[i])) {
			free(x->files[i]);
			continue;
		}
		x->files[w++] = x->files[i];
	}
	x->nfiles = w;
	for (size_t i = 0; i < x->nfiles; i++)
		scan_file(x, x->files[i]);
	if (x->ne)
		qsort(x->e, x->ne, sizeof(*x->e), by_base);
	return x;
}

/* The first edge whose included file is named `base`, or x->ne. */
static size_t first_edge(const struct includers *x, const char *base)
{
	size_t lo = 0, hi = x->ne;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(x->e[mid].base, base) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const char *includers_board(const struct includers *x, const char *path)
{
	/* breadth first up the graph, by file name; every name once */
	const char **queue = xmalloc(sizeof(*queue));
	size_t nq = 1, capq = 1, head = 0;
	queue[0] = base_name(path);
	const char *best = NULL;
	while (head < nq) {
		const char *base = queue[head++];
		for (size_t i = first_edge(x, base); i < x->ne && !strcmp(x->e[i].base, base);
		     i++) {
			const char *inc = x->e[i].includer;
			if (!strcmp(inc, path))
				continue;
			if (ends_with(inc, ".dts")) {
				if (!best || strcmp(inc, best) < 0)
					best = inc;
				continue;
			}
			const char *ib = base_name(inc);
			int seen = 0;
			for (size_t k = 0; k < nq && !seen; k++)
				seen = !strcmp(queue[k], ib);
			if (!seen)
				VEC_PUSH(queue, nq, capq, ib);
		}
	}
	free(queue);
	return best;
}

void includers_free(struct includers *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->ne; i++)
		free(x->e[i].base);
	free(x->e);
	for (size_t i = 0; i < x->nfiles; i++)
		free(x->files[i]);
	free(x->files);
	free(x);
}
