/* The three kernel orders of a body's statements, each over its own
 * statements: properties (property-order), child nodes with hexadecimal
 * unit addresses (child-address-order) and child nodes without one
 * (child-name-order). The rules check them and --fix and format --sort
 * sort by them, so all three read the same definitions. */
#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"
#include "order.h"

static const char *prop_name(const struct style_file *sf, const struct cst *c, size_t *n)
{
	*n = sf->toks[c->tok].len;
	return sf->text + sf->toks[c->tok].off;
}

const char *style_unit_of(const struct style_file *sf, const struct cst *c, size_t *n)
{
	size_t len;
	const char *name = style_node_name(sf, c, &len);
	const char *at = name ? memchr(name, '@', len) : NULL;
	if (!at)
		return NULL;
	*n = len - (size_t)(at + 1 - name);
	return at + 1;
}

/* The name of a node up to its '@'. */
static const char *base_name(const struct style_file *sf, const struct cst *c, size_t *n)
{
	const char *name = style_node_name(sf, c, n);
	const char *at = name ? memchr(name, '@', *n) : NULL;
	if (at)
		*n = (size_t)(at - name);
	return name;
}

static int is_member(const struct style_file *sf, const struct cst *c, int kind, int root)
{
	if (c->tok == CST_NONE || c->tok >= sf->ntoks)
		return 0;
	switch (kind) {
	case SG_PROPS:
		return c->kind == CST_PROP && sf->toks[c->tok].kind == TK_NAME;
	case SG_ADDRESS: {
		size_t un = 0;
		const char *u = c->kind == CST_NODE ? style_unit_of(sf, c, &un) : NULL;
		return !root && u && style_parse_unit(u, un);
	}
	default: {
		size_t len;
		const char *name = c->kind == CST_NODE ? style_node_name(sf, c, &len) : NULL;
		return name && (root || !memchr(name, '@', len)) && !(len == 1 && name[0] == '/') &&
		       sf->toks[c->tok].kind == TK_NAME;
	}
	}
}

void style_group_init(struct style_group *g, const struct style_file *sf,
		      const struct cst *body, int kind)
{
	memset(g, 0, sizeof(*g));
	g->kind = kind;
	g->root = style_is_root_body(sf, body);
	/* the members, gathered on the stack and then copied once: most
	 * bodies have a few, and many none (no allocation at all) */
	enum { ON_STACK = 64 };
	const struct cst *stack[ON_STACK];
	const struct cst **v = stack;
	size_t cap = ON_STACK;
	CST_FOREACH(c, body)
	{
		if (!is_member(sf, c, kind, g->root))
			continue;
		if (g->n == cap) {
			const struct cst **big = xmalloc(2 * cap * sizeof(*big));
			memcpy(big, v, g->n * sizeof(*v));
			if (v != stack)
				free(v);
			v = big;
			cap *= 2;
		}
		v[g->n++] = c;
	}
	if (v == stack && g->n) {
		v = xmalloc(g->n * sizeof(*v));
		memcpy(v, stack, g->n * sizeof(*v));
	}
	g->items = g->n ? v : NULL;
	if (kind != SG_PROPS || g->n < 2)
		return;
	const char *names_stack[ON_STACK];
	size_t lens_stack[ON_STACK];
	const char **names = g->n <= ON_STACK ? names_stack : xmalloc(g->n * sizeof(*names));
	size_t *lens = g->n <= ON_STACK ? lens_stack : xmalloc(g->n * sizeof(*lens));
	for (size_t i = 0; i < g->n; i++)
		names[i] = prop_name(sf, g->items[i], &lens[i]);
	g->keys = xmalloc(g->n * sizeof(*g->keys));
	style_prop_keys(names, lens, g->n, g->root, g->keys);
	if (names != names_stack)
		free(names);
	if (lens != lens_stack)
		free(lens);
}

void style_group_free(struct style_group *g)
{
	free(g->items);
	free(g->keys);
	memset(g, 0, sizeof(*g));
}

int style_group_cmp(const struct style_file *sf, const struct cst *const *items, size_t a,
		    size_t b, void *ud)
{
	const struct style_group *g = ud;
	size_t an = 0, bn = 0;
	switch (g->kind) {
	case SG_PROPS:
		return style_prop_keycmp(&g->keys[a], &g->keys[b]);
	case SG_ADDRESS: {
		const char *ua = style_unit_of(sf, items[a], &an);
		const char *ub = style_unit_of(sf, items[b], &bn);
		return style_unitcmp(ua, an, ub, bn);
	}
	default: {
		const char *na = base_name(sf, items[a], &an);
		const char *nb = base_name(sf, items[b], &bn);
		return style_natcmp(na, an, nb, bn);
	}
	}
}

/* Stable merge sort of the indices in v[0, n) (tmp: scratch of n). */
static void merge_sort(size_t *v, size_t *tmp, size_t n, const struct style_file *sf,
		       const struct cst *const *items, style_cmp_fn cmp, void *ud)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	merge_sort(v, tmp, h, sf, items, cmp, ud);
	merge_sort(v + h, tmp, n - h, sf, items, cmp, ud);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = cmp(sf, items, v[j], v[i], ud) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

size_t *style_sorted_order(const struct style_file *sf, const struct cst *const *items,
			   size_t n, style_cmp_fn cmp, void *ud)
{
	size_t *order = xmalloc((n ? n : 1) * sizeof(*order));
	size_t *tmp = xmalloc((n ? n : 1) * sizeof(*tmp));
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	merge_sort(order, tmp, n, sf, items, cmp, ud);
	free(tmp);
	return order;
}
