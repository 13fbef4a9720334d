/* The schema set's cache file (see set_cache.h). */
#include "set_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
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

static int64_t ns(struct timespec t)
{
	return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* The vouch: a small file beside the image saying "the image file with
 * this inode, device, size, mtime and ctime passed sset_parse whole".
 *
 * Trust model. dtidy only ever replaces an image by a rename (a new inode,
 * a new ctime); any other change to its bytes (a write, a truncation, a
 * flipped byte written back) sets its ctime to the time of the change,
 * which no program can set back. A vouch is written only for an image
 * whose ctime and mtime are more than VOUCH_RACY_NS in the past when it is
 * checked, so a later change cannot keep the recorded ctime even on a file
 * system with a coarse clock. So an image that still has the vouched stat
 * has the bytes that were checked: its checksum and offsets need not be
 * read again. Bit rot below the file system is out of scope, as it is for
 * the manifest, which trusts the binding documents' stat the same way.
 * The vouch is untrusted input too: its own checksum, magic and versions
 * are checked, and it names the image header's checksum. */
struct svouch {
	char magic[8];
	uint32_t version, img_version;
	uint64_t size, ino, dev;
	int64_t mtime_ns, ctime_ns;
	uint64_t sum;		/* the vouched image's header checksum */
	uint64_t check;		/* sset_checksum of the bytes before it */
};
_Static_assert(sizeof(struct svouch) == 72, "vouch layout");
#define SVOUCH_MAGIC "dtidySV"
#define SVOUCH_VERSION 1u
#define VOUCH_RACY_NS 2000000000LL

static void vouch_of(const struct stat *st, uint64_t sum, struct svouch *v)
{
	memset(v, 0, sizeof(*v));
	memcpy(v->magic, SVOUCH_MAGIC, sizeof(v->magic));
	v->version = SVOUCH_VERSION;
	v->img_version = SIMG_VERSION;
	v->size = (uint64_t)st->st_size;
	v->ino = (uint64_t)st->st_ino;
	v->dev = (uint64_t)st->st_dev;
	v->mtime_ns = ns(st->st_mtim);
	v->ctime_ns = ns(st->st_ctim);
	v->sum = sum;
	v->check = sset_checksum((const unsigned char *)v, offsetof(struct svouch, check));
}

int scache_vouch_read(const unsigned char *buf, size_t n, const struct stat *img, uint64_t *sum)
{
	struct svouch v, want;
	if (n != sizeof(v))
		return -1;
	memcpy(&v, buf, sizeof(v));
	vouch_of(img, v.sum, &want);
	if (memcmp(&v, &want, sizeof(v)))
		return -1;
	*sum = v.sum;
	return 0;
}

char *scache_vouch_path(const char *path)
{
	size_t n = strlen(path);
	if (n > 4 && !strcmp(path + n - 4, ".img"))
		n -= 4;
	char *v = xmalloc(n + 7);
	memcpy(v, path, n);
	memcpy(v + n, ".vouch", 7);
	return v;
}

/* The vouched checksum of this image file: 0, or -1 when there is no
 * vouch for exactly this file. */
static int vouched(const char *path, const struct stat *st, uint64_t *sum)
{
	char *vp = scache_vouch_path(path);
	int fd = open(vp, O_RDONLY | O_CLOEXEC);
	free(vp);
	if (fd < 0)
		return -1;
	unsigned char buf[sizeof(struct svouch) + 1];
	ssize_t n = read(fd, buf, sizeof(buf));
	close(fd);
	return n < 0 ? -1 : scache_vouch_read(buf, (size_t)n, st, sum);
}

static void vouch(const char *path, const struct stat *st, uint64_t sum, int64_t now_ns)
{
	if (ns(st->st_ctim) >= now_ns - VOUCH_RACY_NS || ns(st->st_mtim) >= now_ns - VOUCH_RACY_NS)
		return;	/* too new: a change could keep this stat */
	struct svouch v;
	vouch_of(st, sum, &v);
	char *vp = scache_vouch_path(path), *err = NULL;
	atomic_write_output(vp, (const char *)&v, sizeof(v), &err);
	free(err);
	free(vp);
}

int scache_map_as_of(const char *path, struct schema_set *s, int64_t now_ns)
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
	uint64_t sum;
	if (vouched(path, &st, &sum) == 0 && sset_parse_vouched(s, p, len, sum) == 0) {
		s->mapped = 1;
		s->vouched = 1;
		return 0;
	}
	memset(s, 0, sizeof(*s));
	if (sset_parse(s, p, len, 1) != 0) {
		munmap(p, len);
		return -1;
	}
	struct simg_header h;
	memcpy(&h, p, sizeof(h));
	vouch(path, &st, h.sum, now_ns);
	s->mapped = 1;
	return 0;
}

int scache_map(const char *path, struct schema_set *s)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	return scache_map_as_of(path, s, ns(now));
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
	stat_memo_walk_begin();
	for (uint32_t i = 0; fresh && i < s->nstamps; i++) {
		const struct sstamp *m = &s->stamps[i];
		const char *path = s->paths + m->path;
		const char *slash = strrchr(path, '/');
		size_t dlen = slash ? (size_t)(slash - path) : 0;
		if (path[0] != '/' || dlen >= sizeof(dir)) {
			fresh = 0;
			break;
		}
		struct stat st;
		int known = stat_memo_recall(path, 0, &st);
		if (!known && (dfd < 0 || strncmp(dir, path, dlen) || dir[dlen])) {
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
		fresh = (known || stat_memo_at(dfd, slash + 1, path, 0, &st) == 0) &&
			(m->kind == 2 ? S_ISDIR(st.st_mode)
				      : m->kind == 1 && S_ISREG(st.st_mode) &&
						m->size == (uint64_t)st.st_size) &&
			m->mtime_ns == ns(st.st_mtim) && m->ctime_ns == ns(st.st_ctim) &&
			m->ino == (uint64_t)st.st_ino && m->dev == (uint64_t)st.st_dev;
	}
	stat_memo_walk_end();
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
