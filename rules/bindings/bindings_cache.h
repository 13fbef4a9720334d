/* The bindings index on disk: one file per bindings directory under
 * $XDG_CACHE_HOME/dtidy (else ~/.cache/dtidy), so that a run finds the
 * index of 5,500 binding documents by a few thousand stat calls and one
 * mmap instead of reading 30 MB. The file is the index itself: its string
 * tables are ready-made open-addressing hash tables that lookups probe in
 * place. A freshly built index uses the same image, held in memory, so a
 * cached index and a built one answer through the same code.
 *
 * A cache file is untrusted input: bcache_parse checks the magic, version,
 * byte order, size, a checksum of everything after the header and the
 * bounds of every section; lookups bound every offset they follow. A file
 * is trusted only when every file and directory of its manifest still has
 * the size, times, inode and device it had when the index was built
 * (bcache_fresh); anything else means rebuilding. The layout is described
 * in bindings_cache.c. */
#ifndef DTIDY_BINDINGS_CACHE_H
#define DTIDY_BINDINGS_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "core/strbuf.h"

/* One manifest entry: a file that was indexed or a directory that was
 * walked, as stat saw it just before it was read. */
struct bcache_stamp {
	uint64_t size;		/* files only; 0 for directories */
	int64_t mtime_ns, ctime_ns;
	uint64_t ino, dev;
	uint32_t path;		/* offset of its path, relative to the bindings dir */
	uint32_t kind;		/* BCACHE_FILE or BCACHE_DIR */
};
enum { BCACHE_FILE = 1, BCACHE_DIR = 2 };

/* A word of a string set being built: the index's harvest keeps its own
 * open-addressing table of these (s == NULL: an empty slot). */
struct bcache_word {
	const char *s;
	uint32_t len, hash;
};

/* Everything a build gathered, for bcache_encode. */
struct bcache_input {
	const char *dir;			/* the bindings directory's realpath */
	struct bcache_stamp *stamps;		/* the manifest, in walk order */
	size_t nstamps, capstamps;
	struct strbuf paths;			/* NUL-terminated relative paths */
	const struct bcache_word *compat;	/* every word a binding mentions */
	size_t ncompat_slots;
	const struct bcache_word *vendor;	/* literal vendor prefixes */
	size_t nvendor_slots;
	const char *vendor_re, *compat_re;	/* alternations' source ("" for none) */
};

/* Adds a manifest entry for `path` (relative; "." is the directory). */
void bcache_note(struct bcache_input *in, const char *path, const struct stat *st);
void bcache_input_free(struct bcache_input *in);
/* Was some entry modified so recently (its mtime at or after since_ns,
 * minus the coarsest file-system clock) that a change made later could
 * keep the same stamp? Such an index is used but not saved. */
int bcache_racy(const struct bcache_input *in, int64_t since_ns);

/* The hash the tables are built and probed with (FNV-1a, low 32 bits). */
uint32_t bcache_hash(const char *s, size_t n);

/* Serializes an index into a malloc'd file image. Returns 0, or -1 when
 * it is too large for the format's 32-bit offsets. */
int bcache_encode(const struct bcache_input *in, unsigned char **image, size_t *len);

/* A read-only view of a checked image (mapped from a file or built). */
struct bcache_table {
	const unsigned char *slots;	/* cap slots of {u32 hash, u32 offset} */
	size_t cap;			/* 0, or a power of two */
	const char *strs;		/* NUL-terminated strings; strs[0] = '\0' */
	size_t strs_len;
};

struct bcache_image {
	const unsigned char *base;
	size_t len;
	int mapped;			/* munmap, not free, on release */
	const char *dir;
	const unsigned char *stamps;	/* nstamps struct bcache_stamp records */
	size_t nstamps;
	const char *paths;
	size_t paths_len;
	struct bcache_table compat, vendor;
	const char *vendor_re, *compat_re;	/* NUL-terminated */
	size_t vendor_re_len, compat_re_len;
};

/* Checks an image and fills the view (which points into data). Returns
 * 0, or -1 when it is not a complete, intact image of this version. */
int bcache_parse(const unsigned char *data, size_t len, struct bcache_image *img);
/* Maps a cache file read-only and parses it. Returns 0 or -1. Cache files
 * are only ever replaced by rename, never rewritten in place, so the
 * mapping stays whole for as long as it is held. */
int bcache_map(const char *path, struct bcache_image *img);
/* Does every manifest entry still match the file system? */
int bcache_fresh(const struct bcache_image *img);
/* Is this string (n bytes) in the table? */
int bcache_has(const struct bcache_table *t, const char *s, size_t n);
/* Unmaps or frees the image's bytes. */
void bcache_release(struct bcache_image *img);

/* dtidy's cache directory: $XDG_CACHE_HOME/dtidy, else $HOME/.cache/dtidy
 * (only absolute paths count). malloc'd, or NULL when there is none or
 * DTIDY_NO_CACHE is set to anything but "" or "0". */
char *bcache_default_dir(void);
/* The cache file of a bindings directory (its realpath) in cache_dir. */
char *bcache_path(const char *cache_dir, const char *real_dir);
/* Writes an image to `path` in cache_dir (creating the directory, mode
 * 0700, and its parent when missing) through a temporary file and a
 * rename. Returns 0, or -1 when it could not; a failed write leaves no
 * file behind. */
int bcache_write(const char *cache_dir, const char *path, const unsigned char *image, size_t len);

#endif
