#include "hv.h"

#include <stdlib.h>
#include <string.h>

int hv_is_xen_compat(const char *s)
{
	return !strcmp(s, "xen,xen") || !strncmp(s, "xen,xen-", 8);
}

int hv_is_epapr_compat(const char *s)
{
	return !strncmp(s, "epapr,hypervisor-", 17);
}

unsigned hv_kind(const struct dtidy_node *n)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, "compatible");
	long ns = dtidy_prop_nstrings(p);
	unsigned k = 0;
	for (long i = 0; i < ns; i++) {
		const char *s = dtidy_prop_string(p, (size_t)i);
		if (hv_is_xen_compat(s))
			k |= HV_XEN;
		else if (hv_is_epapr_compat(s))
			k |= HV_EPAPR;
		else if (!strcmp(s, "linux,kvm"))
			k |= HV_KVM;
	}
	if (!k && p && n->parent && !n->parent->parent && !strcmp(n->name, "hypervisor"))
		k = HV_OTHER;
	return k;
}

void hv_each_node(struct dtidy_ctx *ctx, unsigned kinds,
		  void (*fn)(struct dtidy_ctx *ctx, const struct dtidy_node *n, unsigned kind))
{
	DTIDY_FOREACH_NODE(n, dtidy_ctx_tree(ctx))
	{
		unsigned k = hv_kind(n);
		if (k & kinds)
			fn(ctx, n, k);
	}
}

struct dtidy_loc hv_node_loc(const struct dtidy_node *n)
{
	return dtidy_node_loc(n);
}

uint64_t hv_cells_value(const struct dtidy_cell *const *cells, size_t first, size_t n)
{
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++)
		v = (v << 32) | (cells[first + i]->val & 0xffffffffu);
	return v;
}

/* Is the chunk a plain string literal, as written, in f? */
static int literal(const struct dtidy_chunk *c, const struct dtidy_file *f)
{
	if (c->kind != DTIDY_CHUNK_STRING || c->loc.file != f || !f || c->loc.end > f->len ||
	    c->loc.end < c->loc.start + 2)
		return 0;
	const char *t = f->text + c->loc.start;
	size_t len = c->loc.end - c->loc.start;
	/* the spelling must be exactly "data" (no escapes, no macro) */
	return t[0] == '"' && t[len - 1] == '"' && len - 2 == c->n &&
	       !memcmp(t + 1, c->data, c->n) && !memchr(c->data, '\\', c->n);
}

int hv_fix_string_order(struct dtidy_report *r, const struct dtidy_prop *p,
			const size_t *order, size_t n)
{
	if (!p->nchunks || n != p->nchunks)
		return 0;
	const struct dtidy_file *f = p->chunks[0].loc.file;
	for (size_t i = 0; i < p->nchunks; i++)
		if (!literal(&p->chunks[i], f))
			return 0;
	/* each string's place gets the string that belongs there, so the
	 * layout (one per line, aligned) stays as written */
	for (size_t i = 0; i < n; i++) {
		if (order[i] == i)
			continue;
		const struct dtidy_chunk *from = &p->chunks[order[i]];
		char *s = malloc(from->n + 3);
		if (!s)
			return 0;
		s[0] = '"';
		memcpy(s + 1, from->data, from->n);
		s[from->n + 1] = '"';
		s[from->n + 2] = '\0';
		dtidy_report_fix(r, p->chunks[i].loc, s);
		free(s);
	}
	return 1;
}
