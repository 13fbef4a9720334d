/* Which schemas apply to a node, as dt-validate chooses them: the one
 * document its first documented compatible string names (the compatible
 * index), then every document with an explicit select (or one made from
 * its $nodename) whose select holds for the node.
 *
 * Most explicit selects only hold for nodes with certain compatible
 * strings ("required: [compatible]" and "compatible: contains: enum: [...]"):
 * those strings are gathered once per set, and such a select is evaluated
 * only for a node that has one of them. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "schema.h"
#include "select_prefilter.h"
#include "set_image.h"

static const struct sinst *member(const struct sinst *obj, const char *name)
{
	if (obj->kind != SINST_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (!strcmp(obj->members[i].name, name))
			return &obj->members[i].value;
	return NULL;
}

static const struct scompat *find_compat(const struct schema_set *set, const char *c)
{
	size_t lo = 0, hi = set->ncompat;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = strcmp(c, sset_str(set, set->compat[mid].str));
		if (!r)
			return &set->compat[mid];
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static void push(const struct schema **out, size_t max, size_t *n, const struct schema *s)
{
	for (size_t i = 0; i < *n && i < max; i++)
		if (out[i] == s)
			return;
	if (*n < max)
		out[*n] = s;
	(*n)++;
}

size_t schema_select(const struct schema_set *set, const struct sinst *node,
		     const struct schema **out, size_t max, struct arena *scratch)
{
	size_t n = 0;
	const struct sinst *compat = member(node, "compatible");
	if (compat && compat->kind == SINST_ARRAY) {
		for (size_t i = 0; i < compat->n; i++) {
			const struct sinst *c = &compat->items[i];
			const struct scompat *hit =
				c->kind == SINST_STR && c->s ? find_compat(set, c->s) : NULL;
			if (hit) {
				push(out, max, &n, &set->schemas[hit->doc]);
				break;
			}
		}
	}
	unsigned char *cand = arena_alloc(scratch, set->nselects + 1);
	long budget = sset_step_budget();	/* for all the selects together */
	sel_prefilter_candidates(set, compat, cand);
	for (uint32_t i = 0; i < set->nselects; i++) {
		uint32_t d = set->selects[i];
		if (!cand[i])
			continue;
		const struct snode *sel = &set->nodes[set->docs[d].select - 1];
		if (sset_valid(set, sel, node, scratch, &budget))
			push(out, max, &n, &set->schemas[d]);
	}
	return n < max ? n : max;
}
