/* Source files read once per run: a board tree reads the same .dtsi and
 * headers again and again. Entries are immutable once added; lookups and
 * insertions are thread-safe, so one cache can serve every worker. */
#ifndef DTIDY_SRC_CACHE_H
#define DTIDY_SRC_CACHE_H

#include <stddef.h>

#include "../../core/source.h"

/* Supplies a file's bytes instead of the disk (an editor's unsaved buffer).
 * Returns 1 and a malloc'd copy in *text / *len when it has the file, 0 to
 * fall back to the disk. */
typedef int (*src_read_fn)(void *ctx, const char *path, char **text, size_t *len);

struct src_cache;

struct src_cache *src_cache_new(void);
void src_cache_free(struct src_cache *c);

/* The file at `path` (as given), loaded on first use. NULL when it cannot
 * be read; *err is then a malloc'd message. The source lives as long as the
 * cache. */
const struct source *src_cache_get(struct src_cache *c, const char *path, char **err);

/* Does a regular file exist at path (cached or on disk)? */
int src_cache_exists(struct src_cache *c, const char *path);

/* Something made from a cached file's bytes alone (the preprocessor's
 * tokens), made once per run and then shared read-only by every board and
 * thread. `make` runs without the lock held and must not touch shared
 * state; `release` frees what it made, with the cache. */
typedef void *(*src_derive_fn)(const struct source *src);
typedef void (*src_release_fn)(void *derived);

/* The derived product of the cached file at `path`. NULL on the file's
 * first request, and for a path the cache does not hold: a file read once
 * (a board, a buffer from the read hook) gains nothing from sharing and
 * would only keep its product in memory for the whole run. */
const void *src_cache_derived(struct src_cache *c, const char *path, src_derive_fn make,
			      src_release_fn release);

#endif
