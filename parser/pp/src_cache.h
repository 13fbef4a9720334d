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

#endif
