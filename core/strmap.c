#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "xalloc.h"

static struct strmap_entry *find(const struct strmap *m, const char *key, size_t len)
{
	size_t h = fnv1a32(key, len) & (m->cap - 1);
	for (; m->slots[h].key; h = (h + 1) & (m->cap - 1))
		if (strlen(m->slots[h].key) == len && !memcmp(m->slots[h].key, key, len))
			break;
	return &m->slots[h];
}

static void grow(struct strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 256;
	struct strmap_entry *old = m->slots;
	size_t oldcap = m->cap;
	m->slots = xcalloc(cap, sizeof(*m->slots));
	m->cap = cap;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key)
			*find(m, old[i].key, strlen(old[i].key)) = old[i];
	free(old);
}

void strmap_add(struct strmap *m, const char *key, size_t len, uint32_t value)
{
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	struct strmap_entry *e = find(m, key, len);
	if (!e->key) {
		e->key = xstrndup(key, len);
		m->n++;
	}
	if (e->n && e->v[e->n - 1] == value)
		return;
	VEC_PUSH(e->v, e->n, e->cap, value);
}

const struct strmap_entry *strmap_get(const struct strmap *m, const char *key, size_t len)
{
	if (!m->cap)
		return NULL;
	const struct strmap_entry *e = find(m, key, len);
	return e->key ? e : NULL;
}

void strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		free(m->slots[i].key);
		free(m->slots[i].v);
	}
	free(m->slots);
	memset(m, 0, sizeof(*m));
}
