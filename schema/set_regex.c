/* Patterns of a schema set compiled once, on first use: a binding's
 * patternProperties and `pattern`s are compiled only when a board reaches
 * them. Keyed by the pattern's string offset in the set (interned, so one
 * compile per distinct pattern); a pattern that does not compile is
 * remembered as such. The table is guarded by a mutex: the check threads
 * share one set.
 *
 * Direct PCRE2 rather than core/regex.h: that cache finds a pattern by
 * comparing its text with every cached one, and a set has thousands. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "set_image.h"

struct srx_slot {
	uint32_t key;		/* pattern offset; 0 = empty */
	int bad;
	pcre2_code *code;
};

struct srx_cache {
	pthread_mutex_t lock;
	struct srx_slot *slots;
	size_t cap, n;
};

struct srx_cache *srx_new(void)
{
	struct srx_cache *c = xcalloc(1, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	return c;
}

void srx_free(struct srx_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->cap; i++)
		pcre2_code_free(c->slots[i].code);
	free(c->slots);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static size_t probe(const struct srx_cache *c, uint32_t key)
{
	size_t i = (key * 2654435761u) & (c->cap - 1);
	while (c->slots[i].key && c->slots[i].key != key)
		i = (i + 1) & (c->cap - 1);
	return i;
}

static void rehash(struct srx_cache *c)
{
	struct srx_slot *old = c->slots;
	size_t oldcap = c->cap;
	c->cap = oldcap ? oldcap * 2 : 256;
	c->slots = xcalloc(c->cap, sizeof(*c->slots));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key)
			c->slots[probe(c, old[i].key)] = old[i];
	free(old);
}

/* The compiled pattern, NULL when it does not compile. Entries are never
 * removed, so the code stays valid once the lock is released. */
static pcre2_code *get(const struct schema_set *s, uint32_t key)
{
	struct srx_cache *c = s->rx;
	pthread_mutex_lock(&c->lock);
	if (2 * (c->n + 1) > c->cap)
		rehash(c);
	size_t i = probe(c, key);
	if (!c->slots[i].key) {
		int code;
		PCRE2_SIZE at;
		const char *pat = sset_str(s, key);
		pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
					       &code, &at, NULL);
		if (re)
			pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
		c->slots[i].key = key;
		c->slots[i].code = re;
		c->slots[i].bad = !re;
		c->n++;
	}
	pcre2_code *re = c->slots[i].code;
	pthread_mutex_unlock(&c->lock);
	return re;
}

int srx_match(const struct schema_set *s, uint32_t pattern, const char *subject, size_t len)
{
	pcre2_code *re = get(s, pattern);
	if (!re)
		return -1;
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	int rc = pcre2_match(re, (PCRE2_SPTR)subject, len, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}
