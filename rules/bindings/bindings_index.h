/* The kernel's devicetree binding documents, indexed for two questions:
 * is this vendor prefix registered (vendor-prefixes.yaml), and does any
 * binding mention this compatible string (as checkpatch's
 * UNDOCUMENTED_DT_STRING check asks, but for whole trees)?
 *
 * The bindings are read at run time, never copied into dtidy: from
 * Documentation/devicetree/bindings of a kernel tree, Bindings/ beside src/
 * in the split devicetree repository, or a directory given explicitly.
 * Reading them costs a run more than checking a whole tree does, so the
 * index is kept on disk between runs (bindings_cache.h) and rebuilt when
 * any binding file or directory changes. */
#ifndef DTIDY_BINDINGS_INDEX_H
#define DTIDY_BINDINGS_INDEX_H

struct bindings_index;

/* The bindings directory for a checked file: `explicit_dir` when given
 * ("" for none: --no-bindings), else found by walking up from the file.
 * Returns a malloc'd path or NULL. */
char *bindings_find_dir(const char *file, const char *explicit_dir);

/* The index of a bindings directory, loaded from the cache or built on
 * first use and then shared, read-only, by every thread for the rest of
 * the process. NULL when the directory has no vendor-prefixes.yaml. */
const struct bindings_index *bindings_get(const char *dir);

/* Starts building, on a thread of its own, the index a check of `file`
 * will ask for, so that reading thousands of binding files overlaps with
 * parsing the first boards. Optional; bindings_get waits for it. */
void bindings_prefetch(const char *file, const char *explicit_dir);
/* Waits for the builds bindings_prefetch started (before exit). */
void bindings_settle(void);

/* Neither reads nor writes the on-disk cache from now on (--no-cache);
 * DTIDY_NO_CACHE=1 in the environment does the same. */
void bindings_no_cache(void);
/* Has nobody called bindings_no_cache()? (The schema family's compiled set
 * is cached, or not, with the index.) */
int bindings_cache_enabled(void);

/* How bindings_index_open got an index. */
enum bindings_origin {
	BINDINGS_NONE,		/* not a bindings directory */
	BINDINGS_CACHED,	/* a fresh cache file, mapped */
	BINDINGS_BUILT,		/* read from the binding documents, not saved */
	BINDINGS_SAVED,		/* read from the documents and saved to the cache */
};
/* An index of its own, outside the per-process table (for tests and
 * tools): through the cache files in cache_dir, or NULL for none. */
struct bindings_index *bindings_index_open(const char *dir, const char *cache_dir,
					   enum bindings_origin *origin);
void bindings_index_free(struct bindings_index *ix);

int bindings_vendor_known(const struct bindings_index *ix, const char *vendor);
int bindings_compatible_documented(const struct bindings_index *ix, const char *compat);

#endif
