/* The schema set's cache file (see set_cache.h). */
#include "set_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic_write.h"
#include "core/hash.h"
#include "core/stat_memo.h"
#include "core/xalloc.h"

/* The largest cache file mapped (the kernel's bindings make about 20 MB). */
#define MAX_IMAGE ((size_t)1 << 30)

char *scache_path(const char *cache_dir, const char *bindings_dir, const char *core_dir)
{
	char rb[PATH_MAX], rc[PATH_MAX];
	if (!bindings_dir || !realpath(bindings_dir, rb))
		snprintf(rb, sizeof(rb), "%s", bindings_dir ? bindings_dir : "");
	if (!core_dir || !realpath(core_dir, rc))
		snprintf(rc, sizeof(rc), "%s", core_dir ? core_dir : "");
	uint64_t h = fnv1a64_str(rb) * 31 + fnv1a64_str(rc);
	size_t n = strlen(cache_dir) + 40;
	char *s = xmalloc(n);
	snprintf(s, n, "%s/schema-%016llx.img", cache_dir, (unsigned long long)h);
	return s;
}

int scache_map(const char *path, struct schema_set *s)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < (off_t)sizeof(struct simg_header) || (uint64_t)st.st_size > MAX_IMAGE) {
		close(fd);
		return -1;
	}
	size_t len = (size_t)st.st_size;
	void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	if (sset_parse(s, p, len, 1) != 0) {
		munmap(p, len);
		return -1;
	}
	s->mapped = 1;
	return 0;
}

static int64_t ns(struct timespec t)
{
	return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* One fstatat per entry, relative to its directory (held open while its
 * entries follow each other): the kernel then resolves one name, not the
 * whole absolute path, which halves the cost of checking 5,800 files.
 * Taken through the run's shared stats (core/stat_memo.h): the bindings
 * index checks the same binding documents, and one stat serves both. */
int scache_fresh(const struct schema_set *s)
{
	if (!s->nstamps)
		return 0;
	char dir[PATH_MAX] = "";
	int dfd = -1, fresh = 1;
	for (uint32_t i = 0; fresh && i < s->nstamps; i++) {
		const struct sstamp *m = &s->stamps[i];
		const char *path = s->paths + m->path;
		const char *slash = strrchr(path, '/');
		size_t dlen = slash ? (size_t)(slash - path) : 0;
		if (path[0] != '/' || dlen >= sizeof(dir)) {
			fresh = 0;
			break;
		}
		if (dfd < 0 || strncmp(dir, path, dlen) || dir[dlen]) {
			if (dfd >= 0)
				close(dfd);
			memcpy(dir, path, dlen);
			dir[dlen] = '\0';
			dfd = open(dlen ? dir : "/", O_PATH | O_DIRECTORY | O_CLOEXEC);
			if (dfd < 0) {
				fresh = 0;
				break;
			}
		}
		struct stat st;
		fresh = stat_memo_at(dfd, slash + 1, path, 0, &st) == 0 &&
			(m->kind == 2 ? S_ISDIR(st.st_mode)
				      : m->kind == 1 && S_ISREG(st.st_mode) &&
						m->size == (uint64_t)st.st_size) &&
			m->mtime_ns == ns(st.st_mtim) && m->ctime_ns == ns(st.st_ctim) &&
			m->ino == (uint64_t)st.st_ino && m->dev == (uint64_t)st.st_dev;
	}
	if (dfd >= 0)
		close(dfd);
	return fresh;
}

int scache_write(const char *cache_dir, const char *path, const unsigned char *image, size_t len)
{
	if (mkdir(cache_dir, 0700) != 0 && errno == ENOENT) {
		/* ~/.cache itself may be missing; nothing further up is made */
		char *parent = xstrdup(cache_dir);
		char *slash = strrchr(parent, '/');
		if (slash && slash != parent) {
			*slash = '\0';
			mkdir(parent, 0700);
		}
		free(parent);
		mkdir(cache_dir, 0700);
	}
	char *err = NULL;
	int rc = atomic_write_output(path, (const char *)image, len, &err);
	free(err);
	return rc;
}
