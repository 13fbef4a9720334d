/* Include directories for a file when the user gave none, found by walking
 * up from the file to a layout we know (see model.h). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../core/xalloc.h"
#include "model.h"

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

struct dirs {
	char **v;
	size_t n, cap;
};

static void add(struct dirs *d, const char *dir, size_t len)
{
	for (size_t i = 0; i < d->n; i++)
		if (strlen(d->v[i]) == len && !memcmp(d->v[i], dir, len))
			return;
	VEC_PUSH(d->v, d->n, d->cap, xstrndup(dir, len));
}

static int add_if_dir(struct dirs *d, const char *base, size_t blen, const char *sub)
{
	char buf[PATH_MAX];
	int w = snprintf(buf, sizeof(buf), "%.*s/%s", (int)blen, base, sub);
	if (w <= 0 || (size_t)w >= sizeof(buf) || !is_dir(buf))
		return 0;
	add(d, buf, (size_t)w);
	return 1;
}

/* Length of the parent directory of path[0, len) ("" -> 0). */
static size_t parent_len(const char *path, size_t len)
{
	while (len > 0 && path[len - 1] == '/')
		len--;
	while (len > 0 && path[len - 1] != '/')
		len--;
	while (len > 1 && path[len - 1] == '/')
		len--;
	return len;
}

static int base_is(const char *path, size_t len, const char *name)
{
	size_t p = parent_len(path, len);
	size_t start = p == 0 ? 0 : p + (path[p] == '/' ? 1 : 0);
	if (p == 1 && path[0] == '/')
		start = 1;
	size_t n = strlen(name);
	return len - start == n && !memcmp(path + start, name, n);
}

char **model_auto_incdirs(const char *path, size_t *n)
{
	struct dirs d = {0};
	char abs[PATH_MAX];
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) : 0;
	if (slash && dlen == 0)
		dlen = 1;
	/* the file's own directory, as the user wrote it */
	if (dlen)
		add(&d, path, dlen);
	else
		add(&d, ".", 1);
	if (!realpath(path, abs)) {
		*n = d.n;
		return d.v;
	}
	size_t len = strlen(abs);
	len = parent_len(abs, len);
	/* walk up: kernel tree or split devicetree layout */
	for (size_t at = len; at > 1; at = parent_len(abs, at)) {
		size_t up = parent_len(abs, at);
		size_t up2 = parent_len(abs, up);
		/* <root>/arch/<arch>/boot/dts */
		if (base_is(abs, at, "dts") && base_is(abs, up, "boot")) {
			size_t arch = parent_len(abs, up2);
			if (base_is(abs, arch, "arch")) {
				size_t root = parent_len(abs, arch);
				add(&d, abs, at);
				add_if_dir(&d, abs, root, "scripts/dtc/include-prefixes");
				add_if_dir(&d, abs, root, "include");
				*n = d.n;
				return d.v;
			}
		}
		/* <root>/src/<arch> with <root>/include */
		if (up > 0 && base_is(abs, up, "src")) {
			size_t root = parent_len(abs, up);
			char inc[PATH_MAX];
			snprintf(inc, sizeof(inc), "%.*s/include", (int)root, abs);
			if (is_dir(inc)) {
				add(&d, abs, at);
				add(&d, abs, up);
				add(&d, inc, strlen(inc));
				*n = d.n;
				return d.v;
			}
		}
	}
	/* otherwise: the nearest enclosing include/ (and a sibling dts/) */
	for (size_t at = len; at > 1; at = parent_len(abs, at)) {
		if (add_if_dir(&d, abs, at, "include")) {
			add_if_dir(&d, abs, at, "dts");
			break;
		}
	}
	*n = d.n;
	return d.v;
}

void model_incdirs_free(char **dirs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
}
