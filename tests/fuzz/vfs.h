/* A small virtual file tree for fuzz targets that read files: one fuzz
 * input holds several files, so include cycles, include_next, macros from
 * headers and /include/ vs #include are all reachable without the disk.
 *
 * The input is split at lines "//=== NAME": the part before the first such
 * line is /v/main.dts, each later part is /v/NAME (NAME may hold
 * directories: "inc/dt-bindings/x.h"; fuzz targets use -I /v/inc). A path
 * outside /v/ reads as an empty file, so nothing is read from the disk; a
 * missing file under /v/ does not exist (the disk has no /v/). */
#ifndef DTIDY_FUZZ_VFS_H
#define DTIDY_FUZZ_VFS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define VFS_ROOT "/v/"
#define VFS_MARK "//=== "
#define VFS_MAX_FILES 16

struct vfile {
	char name[64];
	const char *text;
	size_t len;
};

struct vfs {
	struct vfile f[VFS_MAX_FILES];
	size_t n;
};

/* Splits `d` into files; the texts point into `d`. */
static inline void vfs_split(struct vfs *fs, const char *d, size_t n)
{
	size_t ml = strlen(VFS_MARK);
	memset(fs, 0, sizeof(*fs));
	fs->n = 1;
	snprintf(fs->f[0].name, sizeof(fs->f[0].name), "main.dts");
	fs->f[0].text = d;
	size_t start = 0;
	for (size_t i = 0; i + ml <= n; i++) {
		if ((i > 0 && d[i - 1] != '\n') || memcmp(d + i, VFS_MARK, ml) != 0)
			continue;
		if (fs->n == VFS_MAX_FILES)
			break;
		fs->f[fs->n - 1].len = i - start;
		size_t ns = i + ml, ne = ns;
		while (ne < n && d[ne] != '\n')
			ne++;
		struct vfile *v = &fs->f[fs->n++];
		size_t nl = ne - ns < sizeof(v->name) - 1 ? ne - ns : sizeof(v->name) - 1;
		memcpy(v->name, d + ns, nl);
		v->name[nl] = '\0';
		start = ne < n ? ne + 1 : n;
		v->text = d + start;
		i = start ? start - 1 : 0;
	}
	fs->f[fs->n - 1].len = n - start;
}

/* A tree of one file, main.dts. */
static inline void vfs_single(struct vfs *fs, const char *d, size_t n)
{
	memset(fs, 0, sizeof(*fs));
	fs->n = 1;
	snprintf(fs->f[0].name, sizeof(fs->f[0].name), "main.dts");
	fs->f[0].text = d;
	fs->f[0].len = n;
}

static inline const struct vfile *vfs_lookup(const struct vfs *fs, const char *path)
{
	if (strncmp(path, VFS_ROOT, strlen(VFS_ROOT)) != 0)
		return NULL;
	const char *rel = path + strlen(VFS_ROOT);
	for (size_t i = 0; i < fs->n; i++)
		if (fs->f[i].name[0] && strcmp(fs->f[i].name, rel) == 0)
			return &fs->f[i];
	return NULL;
}

/* A src_read_fn: 1 and a malloc'd copy when the file is virtual or outside
 * /v/ (empty), 0 for a missing file under /v/. */
static inline int vfs_read(void *ctx, const char *path, char **text, size_t *len)
{
	const struct vfs *fs = ctx;
	const struct vfile *v = vfs_lookup(fs, path);
	int inside = strncmp(path, VFS_ROOT, strlen(VFS_ROOT)) == 0 && !strstr(path, "..");
	if (!v && inside)
		return 0;
	*len = v ? v->len : 0;
	*text = xmalloc(*len + 1);
	if (*len)
		memcpy(*text, v->text, *len);
	(*text)[*len] = '\0';
	return 1;
}

#endif
