/* A hash table from path to loaded source, behind one mutex. Misses are
 * remembered too: include search probes the same absent paths for every
 * board. */
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
	struct source *src;	/* NULL: could not be read */
	char *err;
	struct entry *next;
	unsigned uses;		/* src_cache_derived requests, up to 2 */
	void *derived;		/* immutable once set (under the lock) */
	src_release_fn release;
};

struct src_cache {
	pthread_mutex_t lock;
	struct entry **buckets;
	size_t nbuckets, n;
};

struct src_cache *src_cache_new(void)
{
	struct src_cache *c = xcalloc(1, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	c->nbuckets = 256;
	c->buckets = xcalloc(c->nbuckets, sizeof(*c->buckets));
	return c;
}

void src_cache_free(struct src_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nbuckets; i++) {
		struct entry *e = c->buckets[i];
		while (e) {
			struct entry *next = e->next;
			if (e->derived)
				e->release(e->derived);
			if (e->src)
				source_free(e->src);
			free(e->err);
			free(e->path);
			free(e);
			e = next;
		}
	}
	free(c->buckets);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

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

static struct entry *lookup(struct src_cache *c, const char *path, int load)
{
	struct entry *e = c->buckets[fnv1a32_str(path) & (c->nbuckets - 1)];
	for (; e; e = e->next)
		if (!strcmp(e->path, path))
			return e;
	if (!load)
		return NULL;
	e = xcalloc(1, sizeof(*e));
	e->path = xstrdup(path);
	e->src = source_load(path, &e->err);
	if (c->n + 1 > c->nbuckets)
		grow(c);
	size_t k = fnv1a32_str(path) & (c->nbuckets - 1);
	e->next = c->buckets[k];
	c->buckets[k] = e;
	c->n++;
	return e;
}

const struct source *src_cache_get(struct src_cache *c, const char *path, char **err)
{
	pthread_mutex_lock(&c->lock);
	struct entry *e = lookup(c, path, 1);
	const struct source *src = e->src;
	if (!src && err)
		*err = xstrdup(e->err ? e->err : "cannot read");
	pthread_mutex_unlock(&c->lock);
	return src;
}

int src_cache_exists(struct src_cache *c, const char *path)
{
	pthread_mutex_lock(&c->lock);
	struct entry *e = lookup(c, path, 0);
	int known = e != NULL, ok = e && e->src;
	pthread_mutex_unlock(&c->lock);
	if (known)
		return ok;
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		/* remember the miss */
		pthread_mutex_lock(&c->lock);
		if (!lookup(c, path, 0)) {
			struct entry *n = xcalloc(1, sizeof(*n));
			n->path = xstrdup(path);
			n->err = xstrdup("cannot open: No such file or directory");
			if (c->n + 1 > c->nbuckets)
				grow(c);
			size_t k = fnv1a32_str(path) & (c->nbuckets - 1);
			n->next = c->buckets[k];
			c->buckets[k] = n;
			c->n++;
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
	struct entry *e = lookup(c, path, 0);
	const struct source *src = e ? e->src : NULL;
	void *d = e ? e->derived : NULL;
	int first = 0;
	if (src && !d && e->uses < 2)
		first = ++e->uses < 2;
	pthread_mutex_unlock(&c->lock);
	if (!src || d || first)
		return d;
	/* Made outside the lock, so other workers go on reading files
	 * meanwhile; the source's bytes never change once loaded. Two
	 * workers may race to make it: the first to publish wins and the
	 * other's copy is dropped, so every board sees one product. */
	void *mine = make(src);
	pthread_mutex_lock(&c->lock);
	if (!e->derived) {
		e->derived = mine;
		e->release = release;
		mine = NULL;
	}
	d = e->derived;
	pthread_mutex_unlock(&c->lock);
	if (mine)
		release(mine);
	return d;
}
