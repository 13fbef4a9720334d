/* The schema set's cache file: the image itself (set_image.h), so that a
 * warm run maps one file instead of reading 5,500 documents. Trusted only
 * when it is an intact image of this version (checked by sset_parse) and
 * every file and directory of its manifest still has the size, times,
 * inode and device it had when the set was built; anything else means
 * rebuilding. Written through a temporary file and a rename, never in
 * place, so a mapping stays whole while it is held. Internal to schema/. */
#ifndef DTIDY_SCHEMA_SET_CACHE_H
#define DTIDY_SCHEMA_SET_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "set_image.h"

/* The cache file for these inputs in cache_dir (malloc'd): named by the
 * real paths of the bindings and core directories. */
char *scache_path(const char *cache_dir, const char *bindings_dir, const char *core_dir);
/* Maps and checks a cache file: 0 with the set's views filled (s->mapped),
 * or -1 when it is missing or damaged (staleness: scache_fresh). A file
 * checked whole once is vouched for by its stat in a small file beside it
 * (see set_cache.c's trust model), and then mapped without reading it. */
int scache_map(const char *path, struct schema_set *s);
/* The same as if the clock said now_ns (tests: a vouch is only written
 * for an image older than a few seconds). */
int scache_map_as_of(const char *path, struct schema_set *s, int64_t now_ns);
/* The vouch file of a cache file (malloc'd). */
char *scache_vouch_path(const char *path);
/* Reads a vouch's n bytes: 0 with *sum the vouched image checksum when it
 * is intact and names exactly the image file `img` (its stat), else -1. */
int scache_vouch_read(const unsigned char *buf, size_t n, const struct stat *img, uint64_t *sum);
/* Does every manifest entry still match the file system? */
int scache_fresh(const struct schema_set *s);
/* Writes an image (creating cache_dir, mode 0700, when missing). 0 or -1. */
int scache_write(const char *cache_dir, const char *path, const unsigned char *image, size_t len);

#endif
