/* schema_set_load: the cached image when it is intact and fresh, else a
 * build from the YAML (then cached); and the set's simple look-ups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "core/diag.h"
#include "core/xalloc.h"
#include "prop_types.h"
#include "schema.h"
#include "set_build.h"
#include "set_cache.h"
#include "set_image.h"

/* A file changed this recently may keep its stamp through a later change
 * (file systems with coarse clocks): such a build is used, not cached. */
#define RACY_NS 2000000000LL

static void report_warnings(const struct schema_set *s, struct diag_list *warnings)
{
	if (!warnings)
		return;
	for (uint32_t i = 0; i < s->nwarns; i++) {
		const struct swarn *w = &s->warns[i];
		struct diag *d = diag_add_file(warnings, sset_str(s, w->file), DTIDY_SEV_WARNING,
					       SCHEMA_LOAD_RULE, "%s", sset_str(s, w->msg));
		d->line = d->end_line = w->line;
		d->col = d->end_col = w->col;
	}
}

static struct schema_set *ready(struct schema_set *s, struct diag_list *warnings)
{
	s->rx = srx_new(s);
	s->schemas = xcalloc(s->ndocs + 1, sizeof(*s->schemas));
	for (uint32_t i = 0; i < s->ndocs; i++) {
		s->schemas[i].set = s;
		s->schemas[i].doc = i;
	}
	report_warnings(s, warnings);
	return s;
}

static void release(struct schema_set *s)
{
	if (s->base && !s->borrowed) {
		if (s->mapped)
			munmap((void *)s->base, s->len);
		else
			free((void *)s->base);
	}
	memset(s, 0, sizeof(*s));
}

struct schema_set *schema_set_load(const struct schema_load_opts *o,
				   struct diag_list *warnings, char *why, size_t whysize)
{
	if (whysize)
		why[0] = '\0';
	struct schema_set *s = xcalloc(1, sizeof(*s));
	char *path = o->cache_dir ? scache_path(o->cache_dir, o->bindings_dir, o->core_dir) : NULL;
	if (path && scache_map(path, s) == 0) {
		if (scache_fresh(s)) {
			free(path);
			return ready(s, warnings);
		}
		release(s);
	}
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	int64_t start = (int64_t)now.tv_sec * 1000000000LL + now.tv_nsec;
	unsigned char *image;
	size_t len;
	int64_t newest;
	if (sset_build(o, &image, &len, &newest, why, whysize) != 0) {
		free(path);
		free(s);
		return NULL;
	}
	/* cached, then used through the mapping: its untouched pages cost
	 * no memory, where the built copy is resident in full */
	if (path && newest < start - RACY_NS && scache_write(o->cache_dir, path, image, len) == 0 &&
	    scache_map(path, s) == 0) {
		free(image);
		free(path);
		return ready(s, warnings);
	}
	free(path);
	if (sset_parse(s, image, len, 0) != 0) {
		/* cannot happen: the image was just built */
		snprintf(why, whysize, "internal error: the built schema set does not check");
		free(image);
		free(s);
		return NULL;
	}
	return ready(s, warnings);
}

struct schema_set *sset_open_image(const unsigned char *data, size_t len)
{
	struct schema_set *s = xcalloc(1, sizeof(*s));
	if (sset_parse(s, data, len, 0) != 0) {
		free(s);
		return NULL;
	}
	s->borrowed = 1;
	return ready(s, NULL);
}

void schema_set_free(struct schema_set *set)
{
	if (!set)
		return;
	srx_free(set->rx);
	free(set->schemas);
	release(set);
	free(set);
}

const char *schema_id(const struct schema *s)
{
	return sset_str(s->set, s->set->docs[s->doc].id);
}

const char *schema_file(const struct schema *s)
{
	return sset_str(s->set, s->set->docs[s->doc].file);
}

static int cmp_key_str(const void *key, const void *elem, void *ctx)
{
	return strcmp(key, sset_str(ctx, *(const uint32_t *)elem));
}

/* bsearch with a context (glibc has none) */
static const uint32_t *find_sorted(const struct schema_set *set, const uint32_t *v, size_t n,
				   const char *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = cmp_key_str(key, &v[mid], (void *)set);
		if (!c)
			return &v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* dt-validate's generated-compatibles: a compatible is documented when some
 * document lists it, or one of their anchored patterns matches it (not the
 * generic compatible pattern, nor one with '.*' or '.+'). */
int schema_compatible_documented(const struct schema_set *set, const char *compatible)
{
	if (find_sorted(set, set->doccompat, set->ndoccompat, compatible))
		return 1;
	for (uint32_t i = 0; i < set->ndocpats; i++) {
		const char *p = sset_str(set, set->docpats[i]);
		size_t n = strlen(p);
		if (n < 2 || p[0] != '^' || p[n - 1] != '$' || strstr(p, ".*") || strstr(p, ".+") ||
		    !strcmp(p, "^[a-zA-Z0-9][a-zA-Z0-9,+\\-._/]+$"))
			continue;
		if (srx_match(set, set->docpats[i], compatible, strlen(compatible), NULL) == 1)
			return 1;
	}
	/* what dt-schema allows for examples and test cases */
	return !strncmp(compatible, "foo", 3) || !strncmp(compatible, "test,", 5);
}

static void to_public(const struct sptype *r, struct schema_ptype *t)
{
	memset(t, 0, sizeof(*t));
	t->kind = (enum schema_ptype_kind)r->kind;
	t->bits = r->bits;
	t->is_signed = r->is_signed;
	t->matrix = r->matrix;
	t->scalar = r->scalar;
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++)
			t->dim[i][j] = r->dim[i][j];
}

size_t schema_prop_types(const struct schema_set *set, const char *prop,
			 struct schema_ptype *out, size_t max)
{
	size_t lo = 0, hi = set->nptypes;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(sset_str(set, set->ptypes[mid].name), prop) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t n = 0;
	for (size_t i = lo; i < set->nptypes && !strcmp(sset_str(set, set->ptypes[i].name), prop);
	     i++) {
		/* the same type twice (two documents, two spellings) counts once */
		int dup = 0;
		for (size_t j = lo; j < i && !dup; j++)
			dup = set->ptypes[j].kind == set->ptypes[i].kind &&
			      set->ptypes[j].bits == set->ptypes[i].bits &&
			      set->ptypes[j].is_signed == set->ptypes[i].is_signed &&
			      set->ptypes[j].matrix == set->ptypes[i].matrix &&
			      set->ptypes[j].scalar == set->ptypes[i].scalar;
		if (dup)
			continue;
		if (n < max)
			to_public(&set->ptypes[i], &out[n]);
		n++;
	}
	if (n)
		return n < max ? n : max;
	for (uint32_t i = 0; i < set->npattypes; i++)
		if (srx_match(set, set->pattypes[i].name, prop, strlen(prop), NULL) == 1) {
			if (n < max)
				to_public(&set->pattypes[i], &out[n]);
			n++;
		}
	return n < max ? n : max;
}

/* The description one document gives a property, following its top-level
 * $ref and allOf $refs to the documents it builds on. */
static const char *description_in(const struct schema_set *set, uint32_t at, const char *prop,
				  int depth, int *budget)
{
	const struct snode *root = &set->nodes[at];
	if (depth > 16 || --*budget < 0 || root->kind != SN_MAP)
		return NULL;
	const struct snode *d = sset_kw(set, root, KW_DESCRIPTIONS);
	const struct snode *p = d ? sset_member(set, d, prop) : NULL;
	if (p && p->kind == SN_STR)
		return sset_str(set, p->a);
	const struct snode *ref = sset_kw(set, root, KW_REF);
	if (ref && ref->kind == SN_STR && ref->b) {
		const char *r = description_in(set, ref->b - 1, prop, depth + 1, budget);
		if (r)
			return r;
	}
	const struct snode *all = sset_kw(set, root, KW_ALLOF);
	for (uint32_t i = 0; all && all->kind == SN_SEQ && i < all->b; i++) {
		const char *r = description_in(set, all->a + i, prop, depth + 1, budget);
		if (r)
			return r;
	}
	return NULL;
}

const char *schema_prop_description(const struct schema_set *set, const struct schema *s,
				    const char *prop)
{
	int budget = 1000;	/* documents visited, at most */
	return description_in(set, set->docs[s->doc].root, prop, 0, &budget);
}
