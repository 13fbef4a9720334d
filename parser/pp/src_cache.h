/* Source files read once per run: a board tree reads the same .dtsi and
 * headers again and again. Entries are immutable while held; lookups and
 * insertions are thread-safe, so one cache can serve every worker.
 *
 * Memory stays bounded on a whole tree: a file is held from
 * src_cache_get to src_cache_put (a board's model holds the files it
 * read), and the files no board holds are kept, most recently used
 * first, up to a budget of bytes; past it the least recently used are
 * dropped (their text and derived tokens) and read again if a later board
 * wants them. Boards are checked in path order, so the files one board
 * shares with the next are the recent ones. */
#ifndef DTIDY_SRC_CACHE_H
#define DTIDY_SRC_CACHE_H

#include <stddef.h>

#include "../../core/source.h"

/* Supplies a file's bytes instead of the disk (an editor's unsaved buffer).
 * Returns 1 and a malloc'd copy in *text / *len when it has the file, 0 to
 * fall back to the disk. */
typedef int (*src_read_fn)(void *ctx, const char *path, char **text, size_t *len);

struct src_cache;

/* A cache that keeps every file it read until it is freed. */
struct src_cache *src_cache_new(void);
/* One that keeps at most about `idle_budget` bytes of files no board holds
 * (text, line index, derived tokens). */
struct src_cache *src_cache_new_bounded(size_t idle_budget);
void src_cache_free(struct src_cache *c);

/* The file at `path` (as given), loaded on first use, and held: it lives
 * until src_cache_put gives it back. NULL when it cannot be read; *err is
 * then a malloc'd message. */
const struct source *src_cache_get(struct src_cache *c, const char *path, char **err);
/* Gives back a source src_cache_get returned; it may be dropped from then
 * on (with what src_cache_derived made from it). */
void src_cache_put(struct src_cache *c, const struct source *src);

/* What the cache holds, for memory reports and tests. */
struct src_cache_stats {
	size_t files;		/* sources in memory */
	size_t bytes;		/* their bytes with what was derived from them */
	size_t idle_bytes;	/* the part no board holds */
	size_t dropped;		/* sources dropped for the budget so far */
};
void src_cache_stats(struct src_cache *c, struct src_cache_stats *out);

/* Does a regular file exist at path (cached or on disk)? */
int src_cache_exists(struct src_cache *c, const char *path);

/* Something made from a cached file's bytes alone (the preprocessor's
 * tokens), made once per run and then shared read-only by every board and
 * thread. `make` runs without the lock held and must not touch shared
 * state; `release` frees what it made, with the cache. */
typedef void *(*src_derive_fn)(const struct source *src, size_t *bytes);
typedef void (*src_release_fn)(void *derived);

/* The derived product of the cached file at `path`, which the caller
 * holds (src_cache_get); `make` says how many bytes it made. NULL on the file's
 * first request, and for a path the cache does not hold: a file read once
 * (a board, a buffer from the read hook) gains nothing from sharing and
 * would only keep its product in memory for the whole run. */
const void *src_cache_derived(struct src_cache *c, const char *path, src_derive_fn make,
			      src_release_fn release);

#endif
