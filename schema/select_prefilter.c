/* The explicit selects' prefilter (see select_prefilter.h). */
#include "select_prefilter.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* Gathers the strings of enum/const below n; 0 when the subtree has
 * anything that could accept a string not listed (pattern, not, ...). */
static int gather(const struct schema_set *s, const struct snode *n, struct selpair **v, size_t *cnt,
		  size_t *cap, uint32_t sel, int depth)
{
	if (depth > 16)
		return 0;
	if (n->kind == SN_TRUE || n->kind == SN_FALSE)
		return 1;
	if (n->kind != SN_MAP && n->kind != SN_SEQ)
		return 0;
	for (uint32_t i = 0; i < n->b; i++) {
		const struct snode *c = &s->nodes[n->a + i];
		switch (n->kind == SN_MAP ? c->kw : KW_ITEMS) {
		case KW_ENUM:
			if (c->kind != SN_SEQ)
				return 0;
			for (uint32_t j = 0; j < c->b; j++) {
				const struct snode *e = &s->nodes[c->a + j];
				if (e->kind != SN_STR)
					return 0;
				struct selpair p = {e->a, sel};
				VEC_PUSH(*v, *cnt, *cap, p);
			}
			break;
		case KW_CONST:
			if (c->kind != SN_STR)
				return 0;
			{
				struct selpair p = {c->a, sel};
				VEC_PUSH(*v, *cnt, *cap, p);
			}
			break;
		case KW_CONTAINS:
		case KW_ITEMS:
			if (!gather(s, c, v, cnt, cap, sel, depth + 1))
				return 0;
			break;
		case KW_MINITEMS:
		case KW_MAXITEMS:
		case KW_TYPE:
		case KW_DESCRIPTION:
		case KW_UNIQUEITEMS:
			break;
		default:
			return 0;
		}
	}
	return 1;
}

static int cmp_pair(const void *x, const void *y)
{
	const struct selpair *a = x, *b = y;
	return (a->str > b->str) - (a->str < b->str);
}

void sel_prefilter_build(const struct schema_set *set, uint32_t **filtered, struct selpair **pairs,
			 size_t *npairs)
{
	uint32_t *filt = xcalloc(set->nselects + 1, sizeof(*filt));
	struct selpair *v = NULL;
	size_t n = 0, cap = 0;
	for (uint32_t i = 0; i < set->nselects; i++) {
		const struct snode *sel = &set->nodes[set->docs[set->selects[i]].select - 1];
		if (sel->kind != SN_MAP)
			continue;
		const struct snode *req = sset_kw(set, sel, KW_REQUIRED);
		const struct snode *props = sset_kw(set, sel, KW_PROPERTIES);
		int needs = 0;
		for (uint32_t j = 0; req && req->kind == SN_SEQ && j < req->b; j++) {
			const struct snode *r = &set->nodes[req->a + j];
			needs |= r->kind == SN_STR && !strcmp(sset_str(set, r->a), "compatible");
		}
		const struct snode *c = props ? sset_member(set, props, "compatible") : NULL;
		if (!needs || !c)
			continue;
		/* the rest of the select may not widen it (anyOf of other ways...) */
		int plain = 1;
		for (uint32_t j = 0; j < sel->b; j++) {
			uint8_t kw = set->nodes[sel->a + j].kw;
			plain &= kw == KW_REQUIRED || kw == KW_PROPERTIES || kw == KW_DESCRIPTION ||
				  kw == KW_TYPE;
		}
		size_t before = n;
		if (plain && gather(set, c, &v, &n, &cap, i, 0) && n > before)
			filt[i] = 1;
		else
			n = before;
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_pair);
	*filtered = filt;
	*pairs = v;
	*npairs = n;
}

void sel_prefilter_candidates(const struct schema_set *set, const struct sinst *compat,
			      unsigned char *cand)
{
	for (uint32_t i = 0; i < set->nselects; i++)
		cand[i] = !set->selfilt[i];
	if (!compat || compat->kind != SINST_ARRAY)
		return;
	for (size_t k = 0; k < compat->n; k++) {
		const struct sinst *c = &compat->items[k];
		if (c->kind != SINST_STR || !c->s)
			continue;
		uint32_t off = sset_find_str(set, c->s);
		if (!off)
			continue;
		size_t lo = 0, hi = set->nselpairs;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (set->selpairs[mid].str < off)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t j = lo; j < set->nselpairs && set->selpairs[j].str == off; j++)
			cand[set->selpairs[j].sel] = 1;
	}
}
