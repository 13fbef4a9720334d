/* Patterns of a schema set compiled once, on first use: a binding's
 * patternProperties and `pattern`s are compiled only when a board reaches
 * them. Every pattern of the set has a slot in the image's pattern index
 * (PATIDX), which numbers its compiled code here; a check thread that
 * finds no code compiles one and publishes it with a compare-and-swap
 * (a loser frees its own), so matching takes no lock.
 *
 * Direct PCRE2 rather than core/regex.h: that cache finds a pattern by
 * comparing its text with every cached one under a lock, and a set has
 * thousands of patterns matched millions of times. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "set_image.h"

/* A code that does not compile */
#define BAD ((uintptr_t)1)

struct srx_cache {
	_Atomic uintptr_t *codes;	/* patidx_cap entries: 0, BAD or a pcre2_code * */
	uint32_t cap;
};

struct srx_cache *srx_new(const struct schema_set *s)
{
	struct srx_cache *c = xcalloc(1, sizeof(*c));
	c->cap = s->patidx_cap;
	c->codes = xcalloc(c->cap + 1, sizeof(*c->codes));
	for (uint32_t i = 0; i <= c->cap; i++)
		atomic_init(&c->codes[i], 0);
	return c;
}

void srx_free(struct srx_cache *c)
{
	if (!c)
		return;
	for (uint32_t i = 0; i < c->cap; i++) {
		uintptr_t v = atomic_load(&c->codes[i]);
		if (v > BAD)
			pcre2_code_free((pcre2_code *)v);
	}
	free((void *)c->codes);
	free(c);
}

void *srx_md_new(void)
{
	return pcre2_match_data_create(1, NULL);
}

void srx_md_free(void *md)
{
	pcre2_match_data_free(md);
}

static pcre2_code *compile(const char *pat)
{
	int code;
	PCRE2_SIZE at;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &code,
				       &at, NULL);
	if (re)
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

static int run(pcre2_code *re, const char *subject, size_t len, void *md)
{
	pcre2_match_data *own = md ? NULL : pcre2_match_data_create(1, NULL);
	int rc = pcre2_match(re, (PCRE2_SPTR)subject, len, 0, 0, md ? md : own, NULL);
	pcre2_match_data_free(own);
	/* an error (bad UTF-8 in the subject, a limit reached): no match */
	return rc >= 0;
}

int srx_match(const struct schema_set *s, uint32_t pattern, const char *subject, size_t len,
	      void *md)
{
	const struct srx_cache *c = s->rx;
	uint32_t cap = c->cap, slot = cap;
	if (cap && pattern) {
		uint32_t i = srx_slot(pattern, cap);
		for (uint32_t probes = 0; probes < cap; probes++, i = (i + 1) & (cap - 1)) {
			if (s->patidx[i] == pattern) {
				slot = i;
				break;
			}
			if (!s->patidx[i])
				break;
		}
	}
	if (slot == cap) {
		/* not in the index (only a damaged image): compiled for this call */
		pcre2_code *re = compile(sset_str(s, pattern));
		if (!re)
			return -1;
		int r = run(re, subject, len, md);
		pcre2_code_free(re);
		return r;
	}
	uintptr_t v = atomic_load_explicit(&c->codes[slot], memory_order_acquire);
	if (!v) {
		pcre2_code *re = compile(sset_str(s, pattern));
		uintptr_t mine = re ? (uintptr_t)re : BAD, expected = 0;
		if (atomic_compare_exchange_strong_explicit(&c->codes[slot], &expected, mine,
							    memory_order_acq_rel,
							    memory_order_acquire)) {
			v = mine;
		} else {
			pcre2_code_free(re);
			v = expected;
		}
	}
	if (v == BAD)
		return -1;
	return run((pcre2_code *)v, subject, len, md);
}
