/* The instance builder (see instance.h): a walk of the merged tree that
 * decodes each property (decode.c), cuts its rows as dt-validate's fixups
 * do (split.c) and gathers nodes into objects. */
#include "instance.h"

#include <string.h>

#include "core/arena.h"
#include "include/dtidy/rule.h"
#include "decode.h"
#include "split.h"

/* Deeper nodes than this are left out (no real tree comes near it; the
 * walk is recursive). */
#define MAX_DEPTH 512

const struct sinst *sinst_member(const struct sinst *obj, const char *name)
{
	if (!obj || obj->kind != SINST_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (!strcmp(obj->members[i].name, name))
			return &obj->members[i].value;
	return NULL;
}

static int status_is(const struct dtidy_node *n, const char *value)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, "status");
	long count = p ? dtidy_prop_nstrings(p) : -1;
	for (long i = 0; i < count; i++) {
		const char *s = dtidy_prop_string(p, (size_t)i);
		if (s && !strcmp(s, value))
			return 1;
	}
	return 0;
}

struct dtidy_loc sinst_node_loc(const struct dtidy_node *n, const struct dtidy_file *main)
{
	struct dtidy_loc first = dtidy_node_loc(n);
	if (!n->parent && main)
		for (size_t i = 0; i < n->nlocs; i++)
			if (n->locs[i].file == main)
				return n->locs[i];
	const struct dtidy_prop *st = dtidy_prop_get(n, "status");
	if (!st || !st->nlocs || !(status_is(n, "okay") || status_is(n, "ok")))
		return first;
	struct dtidy_loc s = st->locs[st->nlocs - 1];
	if (!s.file || s.file == first.file)
		return first;
	/* turned on by a later file: the opening there that holds it */
	struct dtidy_loc best = first;
	for (size_t i = 0; i < n->nlocs; i++)
		if (n->locs[i].file == s.file && n->locs[i].start <= s.start)
			best = n->locs[i];
	return best;
}

struct build {
	const struct dtidy_tree *t;
	struct decoder d;
	struct arena *a;
	struct sinst_node *v;
	size_t n, cap;
};

/* dtc deletes a "name" property that repeats the node's base name (its
 * check_name_properties): the DTB dt-validate reads has none. */
static int dropped_by_dtc(const struct dtidy_node *n, const struct dtidy_prop *p)
{
	if (strcmp(p->name, "name") || dtidy_prop_nstrings(p) != 1)
		return 0;
	const char *v = dtidy_prop_string(p, 0);
	size_t len = strcspn(n->name, "@");
	return v && strlen(v) == len && !strncmp(v, n->name, len);
}

static size_t count_props(const struct dtidy_node *n)
{
	size_t k = 0;
	DTIDY_FOREACH_PROP(p, n)
		k += !dropped_by_dtc(n, p);
	return k;
}

static int hidden(const struct dtidy_node *c)
{
	return !strncmp(c->name, "__", 2);
}

static size_t count_children(const struct dtidy_node *n)
{
	size_t k = 0;
	DTIDY_FOREACH_CHILD(c, n)
		k += !hidden(c);
	return k;
}

static void push(struct build *B, struct sinst_node e)
{
	if (B->n == B->cap) {
		size_t cap = B->cap ? B->cap * 2 : 64;
		struct sinst_node *v = arena_alloc(B->a, cap * sizeof(*v));
		if (B->n)
			memcpy(v, B->v, B->n * sizeof(*v));
		B->v = v;
		B->cap = cap;
	}
	B->v[B->n++] = e;
}

/* Builds node n; returns its object without "$nodename" (the child view);
 * the entry in B->v holds the object with it. */
static const struct sinst *build_node(struct build *B, const struct dtidy_node *n,
				      struct split_env env_in, int disabled, unsigned depth)
{
	struct sorigin *no = arena_alloc(B->a, sizeof(*no));
	no->node = n;
	no->loc = sinst_node_loc(n, B->t->nfiles ? B->t->files[0] : NULL);
	if (dtidy_prop_get(n, "status"))
		disabled = status_is(n, "disabled");
	struct split_env env = split_node_env(B->t, n, env_in);
	size_t np = count_props(n), nc = depth < MAX_DEPTH ? count_children(n) : 0;
	struct sinst_member *m = arena_alloc(B->a, (np + nc + 1) * sizeof(*m));
	size_t k = 0;
	const struct dtidy_prop **misfit = NULL;
	size_t nmisfit = 0;
	DTIDY_FOREACH_PROP(p, n) {
		if (dropped_by_dtc(n, p))
			continue;
		int raw;
		m[k].name = p->name;
		m[k].value = decode_prop(&B->d, n, p, &raw);
		split_prop(&B->d, B->t, n, p->name, &m[k].value, raw, env);
		if (raw == DECODE_FALLBACK) {
			if (!misfit)
				misfit = arena_alloc(B->a, np * sizeof(*misfit));
			misfit[nmisfit++] = p;
		}
		k++;
	}
	/* the node's own entry comes before its children's */
	size_t self = B->n;
	push(B, (struct sinst_node){.node = n, .disabled = disabled, .misfit = misfit,
				    .nmisfit = nmisfit});
	struct split_env kids = split_child_env(n, env);
	DTIDY_FOREACH_CHILD(c, n) {
		if (hidden(c) || k >= np + nc)
			continue;
		m[k].name = c->name;
		m[k].value = *build_node(B, c, kids, disabled, depth + 1);
		k++;
	}
	struct sinst *name = arena_alloc(B->a, sizeof(*name));
	name->kind = SINST_STR;
	name->s = n->parent ? n->name : "/";
	name->origin = no;
	m[k].name = "$nodename";
	m[k].value = (struct sinst){.kind = SINST_ARRAY, .n = 1, .items = name, .origin = no};
	struct sinst *obj = arena_alloc(B->a, 2 * sizeof(*obj));
	obj[0] = (struct sinst){.kind = SINST_OBJECT, .n = k, .members = m, .origin = no};
	obj[1] = obj[0];
	obj[1].n = k + 1;
	B->v[self].self = &obj[1];
	return &obj[0];
}

void sinst_build(const struct dtidy_tree *t, sinst_types_fn *types, void *ud, struct arena *a,
		 struct sinst_tree *out)
{
	struct build B = {.t = t, .d = {types, ud, a}, .a = a};
	if (t && t->root)
		build_node(&B, t->root, split_root_env(), 0, 0);
	out->v = B.v;
	out->n = B.n;
}
