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

unsigned hv_value_bits(const struct dtidy_prop *p)
{
	unsigned bits = 0;
	for (size_t i = 0; p && i < p->nchunks; i++) {
		if (p->chunks[i].kind != DTIDY_CHUNK_CELLS)
			return 0;
		bits += (unsigned)p->chunks[i].n * p->chunks[i].bits;
	}
	return bits;
}

int hv_prop_u32(const struct dtidy_prop *p, uint32_t *v)
{
	const struct dtidy_cell *c;
	if (!p || dtidy_prop_cells(p, &c, 1) != 1)
		return 0;
	*v = (uint32_t)c->val;
	return 1;
}

int hv_prop_u64(const struct dtidy_prop *p, uint64_t *v)
{
	if (!p || hv_value_bits(p) != 64)
		return 0;
	uint64_t x = 0;
	for (size_t i = 0; i < p->nchunks; i++)
		for (size_t j = 0; j < p->chunks[i].n; j++) {
			unsigned b = p->chunks[i].bits;
			uint64_t mask = b == 64 ? UINT64_MAX : ((uint64_t)1 << b) - 1;
			x = (b == 64 ? 0 : x << b) | (p->chunks[i].cells[j].val & mask);
		}
	*v = x;
	return 1;
}

const struct dtidy_cell **hv_cells(const struct dtidy_prop *p, size_t *n)
{
	long nc = p ? dtidy_prop_cells(p, NULL, 0) : -1;
	*n = 0;
	if (nc <= 0)
		return NULL;
	const struct dtidy_cell **cells = malloc((size_t)nc * sizeof(*cells));
	if (!cells)
		return NULL;
	dtidy_prop_cells(p, cells, (size_t)nc);
	*n = (size_t)nc;
	return cells;
}

const char *hv_prop_str(const struct dtidy_prop *p)
{
	return p && dtidy_prop_nstrings(p) == 1 ? dtidy_prop_string(p, 0) : NULL;
}

/* The fragment of an overlay targets /chosen: target = <&chosen> or
 * target-path = "/chosen". */
static int targets_chosen(const struct dtidy_node *frag)
{
	const struct dtidy_prop *t = dtidy_prop_get(frag, "target");
	const struct dtidy_cell *c;
	if (t && dtidy_prop_cells(t, &c, 1) == 1 && c->ref &&
	    (!strcmp(c->ref, "chosen") || !strcmp(c->ref, "/chosen")))
		return 1;
	const char *path = hv_prop_str(dtidy_prop_get(frag, "target-path"));
	return path && !strcmp(path, "/chosen");
}

int hv_is_chosen(const struct dtidy_node *n)
{
	if (!n || !n->parent)
		return 0;
	if (!n->parent->parent && !strcmp(n->basename, "chosen"))
		return 1;
	return !strcmp(n->name, "__overlay__") && targets_chosen(n->parent);
}

int hv_maybe_chosen(const struct dtidy_tree *t, const struct dtidy_node *n)
{
	if (hv_is_chosen(n))
		return 1;
	if (!n || !n->parent || strcmp(n->name, "__overlay__"))
		return 0;
	const struct dtidy_prop *target = dtidy_prop_get(n->parent, "target");
	const struct dtidy_cell *c;
	if (!target)
		return 0;	/* a target-path other than /chosen */
	return dtidy_prop_cells(target, &c, 1) != 1 || !c->ref || !dtidy_resolve(t, c->ref);
}

int hv_chosen_depth(const struct dtidy_node *n)
{
	int d = 0;
	for (const struct dtidy_node *a = n; a; a = a->parent, d++)
		if (hv_is_chosen(a))
			return d;
	return 0;
}

int hv_is_xen_domain(const struct dtidy_node *n)
{
	return dtidy_node_is_compatible(n, "xen,domain");
}

const struct dtidy_node *hv_xen_domain_of(const struct dtidy_node *n)
{
	for (const struct dtidy_node *a = n ? n->parent : NULL; a; a = a->parent)
		if (hv_is_xen_domain(a))
			return a;
	return NULL;
}

int hv_xen_cells(const struct dtidy_node *n, const char *name)
{
	for (const struct dtidy_node *a = n ? n->parent : NULL; a; a = a->parent) {
		long v = dtidy_node_u32(a, name);
		if (v >= 0)
			return (int)v;
		if (!strcmp(a->name, "__overlay__"))
			return -1;	/* the base tree decides */
	}
	return -1;
}

void hv_each_compatible(struct dtidy_ctx *ctx, const char *compat,
			void (*fn)(struct dtidy_ctx *ctx, const struct dtidy_node *n))
{
	DTIDY_FOREACH_NODE(n, dtidy_ctx_tree(ctx))
	{
		if (dtidy_node_is_compatible(n, compat))
			fn(ctx, n);
	}
}

const struct dtidy_node *hv_cell_target(const struct dtidy_tree *t, const struct dtidy_cell *c)
{
	if (c->ref)
		return dtidy_resolve(t, c->ref);
	return c->val ? dtidy_node_by_phandle(t, (uint32_t)c->val) : NULL;
}

void hv_need_flag(struct dtidy_ctx *ctx, const struct dtidy_node *n, const char *name,
		  const char *why)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, name);
	if (p && p->nchunks)
		dtidy_report_prop(ctx, NULL, p, "%s is a flag: write \"%s;\" with no value (%s)",
				  name, name, why);
}

int hv_fix_string(struct dtidy_report *r, const struct dtidy_prop *p, size_t i, const char *to)
{
	if (i >= p->nchunks || !literal(&p->chunks[i], p->chunks[i].loc.file))
		return 0;
	size_t n = strlen(to);
	char *s = malloc(n + 3);
	if (!s)
		return 0;
	s[0] = '"';
	memcpy(s + 1, to, n);
	s[n + 1] = '"';
	s[n + 2] = '\0';
	dtidy_report_fix(r, p->chunks[i].loc, s);
	free(s);
	return 1;
}

void hv_need_interrupts(struct dtidy_ctx *ctx, const struct dtidy_node *n, long want,
			const char *missing, const char *counted)
{
	const struct dtidy_prop *irq = dtidy_prop_get(n, "interrupts");
	if (!irq) {
		if (!dtidy_prop_get(n, "interrupts-extended"))
			dtidy_report_node(ctx, n, "%s lacks interrupts: %s", n->name, missing);
		return;
	}
	const struct dtidy_node *ic = dtidy_interrupt_parent(dtidy_ctx_tree(ctx), n);
	long cells = ic ? dtidy_node_u32(ic, "#interrupt-cells") : -1;
	long nc = dtidy_prop_cells(irq, NULL, 0);
	if (cells > 0 && nc >= 0 && nc != want * cells)
		dtidy_report_prop(ctx, NULL, irq,
				  "interrupts holds %ld cell%s: %s (%ld x %ld cells of %s)", nc,
				  nc == 1 ? "" : "s", counted, want, cells, ic->name);
}

const char *hv_range_list_error(const char *s, int base, int ascending)
{
	unsigned long last = 0;
	int first = 1;
	if (!*s)
		return "it is empty";
	while (*s) {
		char *end;
		if (*s < '0' || *s > '9')
			return "expected a number (no spaces)";
		unsigned long a = strtoul(s, &end, base), b = a;
		s = end;
		if (*s == '-') {
			if (s[1] < '0' || s[1] > '9')
				return "a range needs an end: \"A-B\"";
			b = strtoul(s + 1, &end, base);
			s = end;
		}
		if (b < a)
			return "a range must go upwards (it selects nothing)";
		if (ascending && !first && a <= last)
			return "items must be in ascending order without overlaps";
		last = b;
		first = 0;
		if (*s == ',' && s[1])
			s++;
		else if (*s)
			return "items are separated by single commas, and Xen stops reading here";
	}
	return NULL;
}

struct dtidy_report *hv_about(struct dtidy_report *r, const struct dtidy_node *n,
			      const struct dtidy_prop *p)
{
	dtidy_report_subject(r, n, p);
	return r;
}
