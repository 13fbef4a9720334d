/* A hash table from path to loaded source, behind one mutex, with the
 * sources no board holds on a least-recently-used list; a dropped source
 * leaves the table. Misses are remembered too (include search probes the
 * same absent paths for every board), the most recent MAX_MISSES of them. */
#include "src_cache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../core/hash.h"
#include "../../core/xalloc.h"

struct entry {
	char *path;
	struct source *src;	/* NULL: could not be read (a miss) */
	char *err;		/* why it could not be read */
	struct entry *next;
	unsigned uses;		/* src_cache_derived requests, up to 2 */
	void *derived;		/* immutable once set (under the lock) */
	src_release_fn release;
	size_t bytes;		/* of src and derived */
	unsigned refs;		/* boards holding src */
	int idle;		/* on the idle list (refs == 0, src set) */
	struct entry *older, *newer;	/* that list, or the misses' */
};

struct src_cache {
	pthread_mutex_t lock;
	struct entry **buckets;
	size_t nbuckets, n;
	size_t budget;		/* of idle bytes */
	struct entry *oldest, *newest;
	struct entry *miss_oldest, *miss_newest;
	size_t misses;
	size_t files, bytes, idle_bytes, dropped;
};

enum { MAX_MISSES = 8192 };

static void free_entry(struct entry *e);
static void unhash(struct src_cache *c, struct entry *e);

struct src_cache *src_cache_new_bounded(size_t idle_budget)
{
	struct src_cache *c = xcalloc(1, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	c->nbuckets = 256;
	c->buckets = xcalloc(c->nbuckets, sizeof(*c->buckets));
	c->budget = idle_budget;
	return c;
}

struct src_cache *src_cache_new(void)
{
	return src_cache_new_bounded(SIZE_MAX);
}

static void free_product(struct entry *e)
{
	if (e->derived)
		e->release(e->derived);
	e->derived = NULL;
	if (e->src)
		source_free(e->src);
	e->src = NULL;
}

static void free_entry(struct entry *e)
{
	free_product(e);
	free(e->err);
	free(e->path);
	free(e);
}

void src_cache_free(struct src_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nbuckets; i++) {
		struct entry *e = c->buckets[i];
		while (e) {
			struct entry *next = e->next;
			free_entry(e);
			e = next;
		}
	}
	free(c->buckets);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* ---- the idle list ---- */

static void idle_unlink(struct src_cache *c, struct entry *e)
{
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	e->older = e->newer = NULL;
	e->idle = 0;
	c->idle_bytes -= e->bytes;
}

static void idle_push(struct src_cache *c, struct entry *e)
{
	e->newer = NULL;
	e->older = c->newest;
	if (c->newest)
		c->newest->newer = e;
	else
		c->oldest = e;
	c->newest = e;
	e->idle = 1;
	c->idle_bytes += e->bytes;
}

/* Drops the least recently used idle sources while over the budget. */
static void trim(struct src_cache *c)
{
	while (c->idle_bytes > c->budget && c->oldest) {
		struct entry *e = c->oldest;
		idle_unlink(c, e);
		c->bytes -= e->bytes;
		c->files--;
		c->dropped++;
		unhash(c, e);
		free_entry(e);
	}
}

/* Remembers a miss, forgetting the oldest past MAX_MISSES. */
static void miss_push(struct src_cache *c, struct entry *e)
{
	e->older = c->miss_newest;
	if (c->miss_newest)
		c->miss_newest->newer = e;
	else
		c->miss_oldest = e;
	c->miss_newest = e;
	if (++c->misses <= MAX_MISSES)
		return;
	struct entry *old = c->miss_oldest;
	c->miss_oldest = old->newer;
	c->miss_oldest->older = NULL;
	c->misses--;
	unhash(c, old);
	free_entry(old);
}

/* ---- the table ---- */

static void grow(struct src_cache *c)
{
	size_t nb = c->nbuckets * 2;
	struct entry **b = xcalloc(nb, sizeof(*b));
	for (size_t i = 0; i < c->nbuckets; i++) {
		struct entry *e = c->buckets[i];
		while (e) {
			struct entry *next = e->next;
			size_t k = fnv1a32_str(e->path) & (nb - 1);
			e->next = b[k];
			b[k] = e;
			e = next;
		}
	}
	free(c->buckets);
	c->buckets = b;
	c->nbuckets = nb;
}

static struct entry *find(struct src_cache *c, const char *path)
{
	struct entry *e = c->buckets[fnv1a32_str(path) & (c->nbuckets - 1)];
	for (; e; e = e->next)
		if (!strcmp(e->path, path))
			return e;
	return NULL;
}

static void unhash(struct src_cache *c, struct entry *e)
{
	struct entry **p = &c->buckets[fnv1a32_str(e->path) & (c->nbuckets - 1)];
	while (*p != e)
		p = &(*p)->next;
	*p = e->next;
	c->n--;
}

static struct entry *insert(struct src_cache *c, const char *path)
{
	struct entry *e = xcalloc(1, sizeof(*e));
	e->path = xstrdup(path);
	if (c->n + 1 > c->nbuckets)
		grow(c);
	size_t k = fnv1a32_str(path) & (c->nbuckets - 1);
	e->next = c->buckets[k];
	c->buckets[k] = e;
	c->n++;
	return e;
}

static size_t source_bytes(const struct source *s)
{
	return sizeof(*s) + s->len + 1 + s->nlines * sizeof(*s->line_starts) +
	       strlen(s->path) + 1;
}

/* Reads a new entry's file. */
static void load(struct src_cache *c, struct entry *e)
{
	e->src = source_load(e->path, &e->err);
	if (e->src) {
		e->bytes = source_bytes(e->src);
		c->bytes += e->bytes;
		c->files++;
	} else {
		miss_push(c, e);
	}
}

const struct source *src_cache_get(struct src_cache *c, const char *path, char **err)
{
	pthread_mutex_lock(&c->lock);
	struct entry *e = find(c, path);
	if (!e) {
		e = insert(c, path);
		load(c, e);
	}
	const struct source *src = e->src;
	if (src) {
		e->refs++;
		if (e->idle)
			idle_unlink(c, e);
	} else if (err) {
		*err = xstrdup(e->err ? e->err : "cannot read");
	}
	pthread_mutex_unlock(&c->lock);
	return src;
}

void src_cache_put(struct src_cache *c, const struct source *src)
{
	if (!c || !src)
		return;
	pthread_mutex_lock(&c->lock);
	struct entry *e = find(c, src->path);
	if (e && e->src == src && e->refs > 0 && --e->refs == 0) {
		idle_push(c, e);
		trim(c);
	}
	pthread_mutex_unlock(&c->lock);
}

void src_cache_stats(struct src_cache *c, struct src_cache_stats *out)
{
	pthread_mutex_lock(&c->lock);
	out->files = c->files;
	out->bytes = c->bytes;
	out->idle_bytes = c->idle_bytes;
	out->dropped = c->dropped;
	pthread_mutex_unlock(&c->lock);
}

int src_cache_exists(struct src_cache *c, const char *path)
{
	pthread_mutex_lock(&c->lock);
	struct entry *e = find(c, path);
	int known = e != NULL, ok = e && e->src;
	pthread_mutex_unlock(&c->lock);
	if (known)
		return ok;
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		/* remember the miss */
		pthread_mutex_lock(&c->lock);
		if (!find(c, path)) {
			struct entry *n = insert(c, path);
			n->err = xstrdup("cannot open: No such file or directory");
			miss_push(c, n);
		}
		pthread_mutex_unlock(&c->lock);
		return 0;
	}
	return 1;
}

const void *src_cache_derived(struct src_cache *c, const char *path, src_derive_fn make,
			      src_release_fn release)
{
	pthread_mutex_lock(&c->lock);
	struct entry *e = find(c, path);
	const struct source *src = e ? e->src : NULL;
	void *d = e ? e->derived : NULL;
	int first = 0;
	if (src && !d && e->uses < 2)
		first = ++e->uses < 2;
	pthread_mutex_unlock(&c->lock);
	if (!src || d || first)
		return d;
	/* Made outside the lock, so other workers go on reading files
	 * meanwhile; the source's bytes never change while it is held. Two
	 * workers may race to make it: the first to publish wins and the
	 * other's copy is dropped, so every board sees one product. */
	size_t bytes = 0;
	void *mine = make(src, &bytes);
	pthread_mutex_lock(&c->lock);
	e = find(c, path);	/* the same entry unless it was dropped meanwhile */
	if (e && !e->derived && e->src == src) {
		e->derived = mine;
		e->release = release;
		mine = NULL;
		e->bytes += bytes;
		c->bytes += bytes;
		if (e->idle)	/* not held (a caller outside the contract) */
			c->idle_bytes += bytes;
	}
	d = e && e->src == src ? e->derived : NULL;
	pthread_mutex_unlock(&c->lock);
	if (mine) {
		release(mine);
		/* the source was dropped meanwhile: nothing to share */
		if (!d)
			return NULL;
	}
	return d;
}
