/* The bindings index's cache file (see bindings_cache.h).
 *
 * Layout, version 1. Integers are in the byte order of the machine that
 * wrote the file (checked through `order`); every section starts at a
 * multiple of 8 bytes from the start of the file.
 *
 *   header, 176 bytes
 *     0    magic     "dtidyBX" and a NUL
 *     8    version   u32, BCACHE_VERSION
 *     12   order     u32, 0x01020304 as the writer stored it
 *     16   size      u64, the file's total size (a truncated file fails)
 *     24   sum       u64, checksum() of bytes [176, size)
 *     32   sections  9 x {u64 offset, u64 length}, in this order:
 *   DIR           the bindings directory's realpath, NUL-terminated
 *   PATHS         the manifest's relative paths, each NUL-terminated
 *   STAMPS        the manifest: struct bcache_stamp records (48 bytes:
 *                 size, mtime_ns, ctime_ns, ino, dev, path offset, kind);
 *                 the first is the directory itself, path "."
 *   COMPAT_SLOTS  the compatible words' hash table: cap (a power of two)
 *                 slots of {u32 hash, u32 offset into COMPAT_STRS}, offset
 *                 0 marking an empty slot; linear probing from hash & (cap-1)
 *   COMPAT_STRS   the words, NUL-terminated, after one NUL at offset 0
 *   VENDOR_SLOTS  the same for the vendor prefixes that are plain names
 *   VENDOR_STRS
 *   VENDOR_RE     the other vendor-prefix patterns as one alternation, NUL-terminated
 *   COMPAT_RE     the bindings' compatible `pattern:`s as one alternation
 */
#include "bindings_cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "core/atomic_write.h"
#include "core/hash.h"
#include "core/stat_memo.h"
#include "core/xalloc.h"

#define BCACHE_VERSION 1u
#define BCACHE_ORDER 0x01020304u
#define BCACHE_MAGIC "dtidyBX"	/* 8 bytes with its NUL */

enum {
	SEC_DIR,
	SEC_PATHS,
	SEC_STAMPS,
	SEC_COMPAT_SLOTS,
	SEC_COMPAT_STRS,
	SEC_VENDOR_SLOTS,
	SEC_VENDOR_STRS,
	SEC_VENDOR_RE,
	SEC_COMPAT_RE,
	NSEC
};

struct section {
	uint64_t off, len;
};

struct header {
	char magic[8];
	uint32_t version, order;
	uint64_t size, sum;
	struct section sec[NSEC];
};

_Static_assert(sizeof(struct header) == 176, "header layout");
_Static_assert(sizeof(struct bcache_stamp) == 48, "stamp layout");

#define SLOT_SIZE 8		/* u32 hash, u32 offset */

/* The largest cache file read: the kernel's bindings make about 3 MB. */
#define MAX_FILE ((size_t)1 << 30)

/* File systems whose clocks tick this coarsely (FAT: 2 s) can give a file
 * changed right after it was indexed the stamp it had before. */
#define RACY_NS 2000000000LL

uint32_t bcache_hash(const char *s, size_t n)
{
	return (uint32_t)fnv1a64(s, n);
}

/* Detects damage, not tampering: every step is a bijection of the state
 * for a given word, so changing any one word always changes the sum. */
static uint64_t checksum(const unsigned char *p, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

static int64_t ns(struct timespec t)
{
	return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

void bcache_note(struct bcache_input *in, const char *path, const struct stat *st)
{
	struct bcache_stamp s = {
		.size = S_ISREG(st->st_mode) ? (uint64_t)st->st_size : 0,
		.mtime_ns = ns(st->st_mtim),
		.ctime_ns = ns(st->st_ctim),
		.ino = (uint64_t)st->st_ino,
		.dev = (uint64_t)st->st_dev,
		.path = (uint32_t)in->paths.len,
		.kind = S_ISDIR(st->st_mode) ? BCACHE_DIR : BCACHE_FILE,
	};
	sb_put(&in->paths, path, strlen(path) + 1);
	VEC_PUSH(in->stamps, in->nstamps, in->capstamps, s);
}

void bcache_input_free(struct bcache_input *in)
{
	free(in->stamps);
	sb_free(&in->paths);
}

int bcache_racy(const struct bcache_input *in, int64_t since_ns)
{
	for (size_t i = 0; i < in->nstamps; i++)
		if (in->stamps[i].mtime_ns >= since_ns - RACY_NS)
			return 1;
	return 0;
}

/* --- writing --------------------------------------------------------- */

struct image_writer {
	unsigned char *p;
	size_t len, cap;
	struct header h;
};

static void put_bytes(struct image_writer *w, const void *data, size_t n)
{
	if (w->len + n > w->cap) {
		while (w->len + n > w->cap)
			w->cap = w->cap ? 2 * w->cap : (size_t)1 << 16;
		w->p = xrealloc(w->p, w->cap);
	}
	if (n)
		memcpy(w->p + w->len, data, n);
	w->len += n;
}

/* Starts section `sec` at the next multiple of 8. */
static void begin(struct image_writer *w, int sec)
{
	static const unsigned char zero[8];
	put_bytes(w, zero, (8 - w->len % 8) % 8);
	w->h.sec[sec].off = w->len;
}

static void end(struct image_writer *w, int sec)
{
	w->h.sec[sec].len = w->len - w->h.sec[sec].off;
}

static void put_section(struct image_writer *w, int sec, const void *data, size_t n)
{
	begin(w, sec);
	put_bytes(w, data, n);
	end(w, sec);
}

/* A string set as its on-disk hash table: SLOTS then STRS. */
static int put_table(struct image_writer *w, int slots_sec, int strs_sec,
		     const struct bcache_word *words, size_t nslots)
{
	size_t n = 0, bytes = 1;
	for (size_t i = 0; i < nslots; i++)
		if (words[i].s) {
			n++;
			bytes += words[i].len + 1;
		}
	if (bytes > UINT32_MAX)
		return -1;
	size_t cap = 0;
	if (n) {
		/* at most half full: probes stay short */
		cap = 8;
		while (cap < 2 * n)
			cap *= 2;
	}
	unsigned char *slots = xcalloc(cap ? cap : 1, SLOT_SIZE);
	char *strs = xmalloc(bytes);
	size_t at = 0;
	strs[at++] = '\0';
	for (size_t i = 0; i < nslots; i++) {
		const struct bcache_word *wd = &words[i];
		if (!wd->s)
			continue;
		uint32_t off = (uint32_t)at;
		memcpy(strs + at, wd->s, wd->len);
		at += wd->len;
		strs[at++] = '\0';
		size_t j = wd->hash & (cap - 1);
		for (;;) {
			uint32_t used;
			memcpy(&used, slots + j * SLOT_SIZE + 4, 4);
			if (!used)
				break;
			j = (j + 1) & (cap - 1);
		}
		memcpy(slots + j * SLOT_SIZE, &wd->hash, 4);
		memcpy(slots + j * SLOT_SIZE + 4, &off, 4);
	}
	put_section(w, slots_sec, slots, cap * SLOT_SIZE);
	put_section(w, strs_sec, strs, bytes);
	free(slots);
	free(strs);
	return 0;
}

int bcache_encode(const struct bcache_input *in, unsigned char **image, size_t *len)
{
	struct image_writer w = {0};
	memcpy(w.h.magic, BCACHE_MAGIC, sizeof(w.h.magic));
	w.h.version = BCACHE_VERSION;
	w.h.order = BCACHE_ORDER;
	put_bytes(&w, &w.h, sizeof(w.h));	/* rewritten once complete */
	put_section(&w, SEC_DIR, in->dir, strlen(in->dir) + 1);
	put_section(&w, SEC_PATHS, in->paths.s, in->paths.len);
	put_section(&w, SEC_STAMPS, in->stamps, in->nstamps * sizeof(*in->stamps));
	int bad = in->paths.len > UINT32_MAX;
	bad |= put_table(&w, SEC_COMPAT_SLOTS, SEC_COMPAT_STRS, in->compat, in->ncompat_slots);
	bad |= put_table(&w, SEC_VENDOR_SLOTS, SEC_VENDOR_STRS, in->vendor, in->nvendor_slots);
	put_section(&w, SEC_VENDOR_RE, in->vendor_re, strlen(in->vendor_re) + 1);
	put_section(&w, SEC_COMPAT_RE, in->compat_re, strlen(in->compat_re) + 1);
	if (bad || w.len > MAX_FILE) {
		free(w.p);
		return -1;
	}
	w.h.size = w.len;
	w.h.sum = checksum(w.p + sizeof(w.h), w.len - sizeof(w.h));
	memcpy(w.p, &w.h, sizeof(w.h));
	*image = w.p;
	*len = w.len;
	return 0;
}

/* --- reading --------------------------------------------------------- */

/* A NUL-terminated string filling the section exactly. */
static const char *section_string(const unsigned char *base, struct section s, size_t *n)
{
	if (s.len == 0 || base[s.off + s.len - 1] != '\0')
		return NULL;
	const char *str = (const char *)base + s.off;
	*n = strlen(str);
	return *n == s.len - 1 ? str : NULL;
}

static int parse_table(const unsigned char *base, struct section slots, struct section strs,
		       struct bcache_table *t)
{
	if (slots.len % SLOT_SIZE)
		return -1;
	t->cap = (size_t)(slots.len / SLOT_SIZE);
	if (t->cap & (t->cap - 1))
		return -1;
	t->slots = base + slots.off;
	t->strs = (const char *)base + strs.off;
	t->strs_len = (size_t)strs.len;
	/* offsets point into strs, and every string there ends in it */
	if (strs.len == 0 || t->strs[0] != '\0' || t->strs[strs.len - 1] != '\0')
		return -1;
	return 0;
}

int bcache_parse(const unsigned char *data, size_t len, struct bcache_image *img)
{
	struct header h;
	memset(img, 0, sizeof(*img));
	if (len < sizeof(h) || len > MAX_FILE)
		return -1;
	memcpy(&h, data, sizeof(h));
	if (memcmp(h.magic, BCACHE_MAGIC, sizeof(h.magic)) != 0 || h.version != BCACHE_VERSION ||
	    h.order != BCACHE_ORDER || h.size != len)
		return -1;
	for (int i = 0; i < NSEC; i++) {
		struct section s = h.sec[i];
		if (s.off % 8 || s.off < sizeof(h) || s.off > len || s.len > len - s.off)
			return -1;
	}
	if (checksum(data + sizeof(h), len - sizeof(h)) != h.sum)
		return -1;
	size_t n;
	img->base = data;
	img->len = len;
	img->dir = section_string(data, h.sec[SEC_DIR], &n);
	img->vendor_re = section_string(data, h.sec[SEC_VENDOR_RE], &img->vendor_re_len);
	img->compat_re = section_string(data, h.sec[SEC_COMPAT_RE], &img->compat_re_len);
	if (!img->dir || img->dir[0] != '/' || !img->vendor_re || !img->compat_re)
		return -1;
	struct section p = h.sec[SEC_PATHS], st = h.sec[SEC_STAMPS];
	if (p.len == 0 || data[p.off + p.len - 1] != '\0' || st.len % sizeof(struct bcache_stamp))
		return -1;
	img->paths = (const char *)data + p.off;
	img->paths_len = (size_t)p.len;
	img->stamps = data + st.off;
	img->nstamps = (size_t)(st.len / sizeof(struct bcache_stamp));
	/* a manifest always starts with the directory itself: one that is
	 * empty would vouch for anything */
	struct bcache_stamp first;
	if (!img->nstamps)
		return -1;
	memcpy(&first, img->stamps, sizeof(first));
	if (first.kind != BCACHE_DIR || first.path >= img->paths_len ||
	    strcmp(img->paths + first.path, ".") != 0)
		return -1;
	if (parse_table(data, h.sec[SEC_COMPAT_SLOTS], h.sec[SEC_COMPAT_STRS], &img->compat) ||
	    parse_table(data, h.sec[SEC_VENDOR_SLOTS], h.sec[SEC_VENDOR_STRS], &img->vendor))
		return -1;
	return 0;
}

int bcache_map(const char *path, struct bcache_image *img)
{
	memset(img, 0, sizeof(*img));
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < (off_t)sizeof(struct header) ||
	    (uint64_t)st.st_size > MAX_FILE) {
		close(fd);
		return -1;
	}
	size_t len = (size_t)st.st_size;
	void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	if (bcache_parse(p, len, img) != 0) {
		munmap(p, len);
		memset(img, 0, sizeof(*img));
		return -1;
	}
	img->mapped = 1;
	return 0;
}

int bcache_fresh(const struct bcache_image *img)
{
	/* one fstatat per entry, relative to the directory: cheaper than
	 * opening each subdirectory (measured: ~3 us a call here, the path
	 * walk inside the kernel a small part of it) */
	int root = open(img->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return 0;
	int fresh = 1;
	char abs[PATH_MAX];
	size_t dlen = strlen(img->dir);
	if (dlen + 2 > sizeof(abs)) {
		close(root);
		return 0;
	}
	memcpy(abs, img->dir, dlen);
	stat_memo_walk_begin();
	for (size_t i = 0; fresh && i < img->nstamps; i++) {
		struct bcache_stamp s;
		memcpy(&s, img->stamps + i * sizeof(s), sizeof(s));
		struct stat st;
		const char *path = s.path < img->paths_len ? img->paths + s.path : NULL;
		/* through the run's shared stats: the schema set's check
		 * vouches for the same documents (core/stat_memo.h) */
		size_t plen = path ? strlen(path) : 0;
		int top = path && !strcmp(path, ".");
		if (path && !top && dlen + 1 + plen < sizeof(abs)) {
			abs[dlen] = '/';
			memcpy(abs + dlen + 1, path, plen + 1);
		} else {
			abs[dlen] = '\0';	/* the directory itself (or a path too long) */
		}
		fresh = path && path[0] != '/' && (top || dlen + 1 + plen < sizeof(abs)) &&
			stat_memo_at(root, path, abs, 1, &st) == 0 &&
			(s.kind == BCACHE_DIR ? S_ISDIR(st.st_mode)
					      : s.kind == BCACHE_FILE && S_ISREG(st.st_mode) &&
							s.size == (uint64_t)st.st_size) &&
			s.mtime_ns == ns(st.st_mtim) && s.ctime_ns == ns(st.st_ctim) &&
			s.ino == (uint64_t)st.st_ino && s.dev == (uint64_t)st.st_dev;
	}
	stat_memo_walk_end();
	close(root);
	return fresh;
}

int bcache_has(const struct bcache_table *t, const char *s, size_t n)
{
	if (!t->cap)
		return 0;
	uint32_t h = bcache_hash(s, n);
	size_t mask = t->cap - 1;
	/* at most cap probes: a damaged table may have no empty slot */
	for (size_t i = h & mask, probes = 0; probes < t->cap; i = (i + 1) & mask, probes++) {
		uint32_t sh, off;
		memcpy(&sh, t->slots + i * SLOT_SIZE, 4);
		memcpy(&off, t->slots + i * SLOT_SIZE + 4, 4);
		if (!off)
			return 0;
		/* the string at off and its NUL lie inside strs */
		if (sh == h && off < t->strs_len && t->strs_len - off > n &&
		    memcmp(t->strs + off, s, n) == 0 && t->strs[off + n] == '\0')
			return 1;
	}
	return 0;
}

void bcache_release(struct bcache_image *img)
{
	if (img->base) {
		if (img->mapped)
			munmap((void *)img->base, img->len);
		else
			free((void *)img->base);
	}
	memset(img, 0, sizeof(*img));
}

/* --- where cache files live ------------------------------------------ */

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = xmalloc(n);
	snprintf(s, n, "%s/%s", a, b);
	return s;
}

char *bcache_default_dir(void)
{
	const char *off = getenv("DTIDY_NO_CACHE");
	if (off && off[0] && strcmp(off, "0") != 0)
		return NULL;
	/* the XDG base directory spec: relative paths are to be ignored */
	const char *xdg = getenv("XDG_CACHE_HOME");
	if (xdg && xdg[0] == '/')
		return join(xdg, "dtidy");
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return join(home, ".cache/dtidy");
	return NULL;
}

char *bcache_path(const char *cache_dir, const char *real_dir)
{
	uint64_t h = fnv1a64_str(real_dir);
	size_t n = strlen(cache_dir) + 40;
	char *s = xmalloc(n);
	snprintf(s, n, "%s/bindings-%016llx.idx", cache_dir, (unsigned long long)h);
	return s;
}

/* Removes the temporaries of writers killed before their rename (an hour
 * old: a live writer renames within seconds). */
static void sweep_temporaries(const char *cache_dir)
{
	DIR *d = opendir(cache_dir);
	if (!d)
		return;
	time_t now = time(NULL);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		const char *dot = strstr(e->d_name, ".idx.");
		struct stat st;
		if (strncmp(e->d_name, "bindings-", 9) != 0 || !dot ||
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode) || now - st.st_mtime < 3600)
			continue;
		unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

int bcache_write(const char *cache_dir, const char *path, const unsigned char *image, size_t len)
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
	sweep_temporaries(cache_dir);
	char *err = NULL;
	int rc = atomic_write_output(path, (const char *)image, len, &err);
	free(err);
	return rc;
}
