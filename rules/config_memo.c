/* Where each directory's configuration search ends, remembered.
 *
 * Looking for .dtidy.yaml costs a stat() per directory from a file's own up
 * to the root (and a getcwd() to get above "."): for a few hundred files of
 * one tree that was thousands of failing system calls asking the same
 * questions. Every directory a search passes through gets the answer the
 * search found, so the next file of a sibling directory stops at the first
 * directory they share. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/hash.h"
#include "../core/xalloc.h"
#include "config.h"

struct memo_entry {
	char *dir;		/* NULL: free slot */
	const char *found;	/* one of memo->paths, or NULL: none up to the root */
};

struct config_memo {
	pthread_mutex_t lock;
	struct memo_entry *slots;	/* open addressing, a power of two */
	size_t nslots, used;
	char **paths;			/* the .dtidy.yaml paths found, owned */
	size_t npaths, cappaths;
};

struct config_memo *config_memo_new(void)
{
	struct config_memo *m = xcalloc(1, sizeof(*m));
	pthread_mutex_init(&m->lock, NULL);
	m->nslots = 64;
	m->slots = xcalloc(m->nslots, sizeof(*m->slots));
	return m;
}

void config_memo_free(struct config_memo *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nslots; i++)
		free(m->slots[i].dir);
	free(m->slots);
	for (size_t i = 0; i < m->npaths; i++)
		free(m->paths[i]);
	free(m->paths);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

/* The slot holding dir, or the free slot where it would go. */
static struct memo_entry *slot(const struct config_memo *m, const char *dir)
{
	size_t i = (size_t)fnv1a64_str(dir) & (m->nslots - 1);
	while (m->slots[i].dir && strcmp(m->slots[i].dir, dir))
		i = (i + 1) & (m->nslots - 1);
	return &m->slots[i];
}

static void grow(struct config_memo *m)
{
	struct memo_entry *old = m->slots;
	size_t nold = m->nslots;
	m->nslots *= 2;
	m->slots = xcalloc(m->nslots, sizeof(*m->slots));
	for (size_t i = 0; i < nold; i++)
		if (old[i].dir)
			*slot(m, old[i].dir) = old[i];
	free(old);
}

/* Takes ownership of dir. */
static void remember(struct config_memo *m, char *dir, const char *found)
{
	if (2 * (m->used + 1) > m->nslots)
		grow(m);
	struct memo_entry *e = slot(m, dir);
	if (e->dir) {		/* another thread got here first: same answer */
		free(dir);
		return;
	}
	e->dir = dir;
	e->found = found;
	m->used++;
}

/* The memo's copy of a found path (one per path, shared by the
 * directories below it). */
static const char *keep_path(struct config_memo *m, char *path)
{
	for (size_t i = 0; i < m->npaths; i++)
		if (!strcmp(m->paths[i], path)) {
			free(path);
			return m->paths[i];
		}
	VEC_PUSH(m->paths, m->npaths, m->cappaths, path);
	return path;
}

const char *config_memo_find(struct config_memo *m, const char *file)
{
	/* The file system is asked without the lock held, so threads do not
	 * queue behind each other's stat()s; what they learn is added under
	 * it. Two threads asking about one directory at once both find the
	 * same answer. */
	char **walked = NULL;
	size_t nwalked = 0, capwalked = 0;
	char *found = NULL;
	const char *known = NULL;
	int hit = 0;
	for (char *dir = config_search_start(file); dir;) {
		pthread_mutex_lock(&m->lock);
		const struct memo_entry *e = slot(m, dir);
		if (e->dir) {
			hit = 1;
			known = e->found;
		}
		pthread_mutex_unlock(&m->lock);
		if (hit) {
			free(dir);
			break;
		}
		VEC_PUSH(walked, nwalked, capwalked, dir);
		found = config_in_dir(dir);
		dir = found ? NULL : config_search_up(dir);
	}
	pthread_mutex_lock(&m->lock);
	if (!hit && found)
		known = keep_path(m, found);
	for (size_t i = 0; i < nwalked; i++)
		remember(m, walked[i], known);
	pthread_mutex_unlock(&m->lock);
	free(walked);
	return known;
}
