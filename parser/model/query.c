/* The read-only queries of include/dtidy/model.h. */
#include <stdio.h>
#include <string.h>

#include "../pp/pp.h"
#include "index.h"
#include "tree.h"

void dtidy_loc_linecol(struct dtidy_loc loc, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	if (!loc.file)
		return;
	/* every dtidy_file is the head of a pp_file, which has the line index */
	const struct pp_file *f = (const struct pp_file *)loc.file;
	source_linecol(f->src, loc.start, line, col);
}

const struct dtidy_prop *dtidy_prop_get(const struct dtidy_node *n, const char *name)
{
	if (!n)
		return NULL;
	/* Rules ask every node for a dozen properties it mostly lacks: the
	 * first byte rules out nearly every candidate without a call. */
	for (const struct dtidy_prop *p = n->props; p; p = p->next)
		if (p->name[0] == name[0] && !strcmp(p->name, name))
			return p;
	return NULL;
}

long dtidy_prop_cells(const struct dtidy_prop *p, const struct dtidy_cell **cells, size_t max)
{
	if (!p)
		return -1;
	long n = 0;
	for (size_t i = 0; i < p->nchunks; i++) {
		const struct dtidy_chunk *c = &p->chunks[i];
		if (c->kind != DTIDY_CHUNK_CELLS || c->bits != 32)
			return -1;
		for (size_t k = 0; k < c->n; k++) {
			if (cells && (size_t)n < max)
				cells[n] = &c->cells[k];
			n++;
		}
	}
	return n;
}

int dtidy_prop_u32(const struct dtidy_prop *p, size_t i, uint32_t *out)
{
	if (!p)
		return 0;
	for (size_t k = 0; k < p->nchunks; k++) {
		const struct dtidy_chunk *c = &p->chunks[k];
		if (c->kind != DTIDY_CHUNK_CELLS || c->bits != 32)
			continue;
		if (i < c->n) {
			*out = (uint32_t)c->cells[i].val;
			return 1;
		}
		i -= c->n;
	}
	return 0;
}

long dtidy_prop_nstrings(const struct dtidy_prop *p)
{
	if (!p || !p->nchunks)
		return -1;
	for (size_t i = 0; i < p->nchunks; i++)
		if (p->chunks[i].kind != DTIDY_CHUNK_STRING)
			return -1;
	return (long)p->nchunks;
}

const char *dtidy_prop_string(const struct dtidy_prop *p, size_t i)
{
	if (dtidy_prop_nstrings(p) < 0 || i >= p->nchunks)
		return NULL;
	return p->chunks[i].data;
}

struct dtidy_loc dtidy_prop_loc(const struct dtidy_prop *p)
{
	struct dtidy_loc none = {0};
	if (!p || !p->nlocs)
		return none;
	return p->locs[p->nlocs - 1];
}

struct dtidy_loc dtidy_prop_string_loc(const struct dtidy_prop *p, size_t i)
{
	if (dtidy_prop_nstrings(p) >= 0 && i < p->nchunks && p->chunks[i].loc.file)
		return p->chunks[i].loc;
	return dtidy_prop_loc(p);
}

struct dtidy_loc dtidy_node_loc(const struct dtidy_node *n)
{
	struct dtidy_loc none = {0};
	if (!n || !n->nlocs)
		return none;
	return n->locs[0];
}

long dtidy_node_u32(const struct dtidy_node *n, const char *prop)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, prop);
	uint32_t v;
	if (!p || dtidy_prop_cells(p, NULL, 0) != 1 || !dtidy_prop_u32(p, 0, &v))
		return -1;
	return (long)v;
}

int dtidy_node_address_cells(const struct dtidy_node *n)
{
	long v = n && n->parent ? dtidy_node_u32(n->parent, "#address-cells") : -1;
	return v < 0 ? 2 : (int)v;
}

int dtidy_node_size_cells(const struct dtidy_node *n)
{
	long v = n && n->parent ? dtidy_node_u32(n->parent, "#size-cells") : -1;
	return v < 0 ? 1 : (int)v;
}

static const struct dtidy_node *walk_label(const struct dtidy_node *n, const char *label)
{
	for (size_t i = 0; i < n->nlabels; i++)
		if (!strcmp(n->labels[i], label))
			return n;
	for (const struct dtidy_node *c = n->child; c; c = c->next) {
		const struct dtidy_node *r = walk_label(c, label);
		if (r)
			return r;
	}
	return NULL;
}

static const struct dtidy_node *find_label(const struct dtidy_tree *t, const char *label)
{
	return t->index ? dtidy_index_label(t->index, label) : walk_label(t->root, label);
}

static const struct dtidy_node *find_path(const struct dtidy_node *n, const char *path)
{
	while (n) {
		while (*path == '/')
			path++;
		if (!*path)
			return n;
		const char *slash = strchr(path, '/');
		size_t len = slash ? (size_t)(slash - path) : strlen(path);
		const struct dtidy_node *c;
		for (c = n->child; c; c = c->next)
			if (strlen(c->name) == len && !memcmp(c->name, path, len))
				break;
		if (!c) {
			/* a path may leave out unit addresses when that is unambiguous */
			for (c = n->child; c; c = c->next)
				if (strlen(c->basename) == len && !memcmp(c->basename, path, len))
					break;
		}
		n = c;
		path += len;
	}
	return NULL;
}

const struct dtidy_node *dtidy_resolve(const struct dtidy_tree *t, const char *ref)
{
	if (!t || !t->root || !ref)
		return NULL;
	if (ref[0] == '&')
		ref++;
	if (ref[0] == '{') {
		size_t n = strlen(ref);
		char buf[512];
		if (n < 2 || n - 2 >= sizeof(buf))
			return NULL;
		memcpy(buf, ref + 1, n - 2);
		buf[n - 2] = '\0';
		return dtidy_resolve(t, buf);
	}
	if (ref[0] == '/')
		return find_path(t->root, ref);
	const char *slash = strchr(ref, '/');
	if (!slash)
		return find_label(t, ref);
	char buf[256];
	size_t n = (size_t)(slash - ref);
	if (n >= sizeof(buf))
		return NULL;
	memcpy(buf, ref, n);
	buf[n] = '\0';
	const struct dtidy_node *base = find_label(t, buf);
	return base ? find_path(base, slash) : NULL;
}

static const struct dtidy_node *by_phandle(const struct dtidy_node *n, uint32_t ph)
{
	if (n->phandle == ph)
		return n;
	for (const struct dtidy_node *c = n->child; c; c = c->next) {
		const struct dtidy_node *r = by_phandle(c, ph);
		if (r)
			return r;
	}
	return NULL;
}

const struct dtidy_node *dtidy_node_by_phandle(const struct dtidy_tree *t, uint32_t ph)
{
	if (!t || !t->root || ph == 0 || ph == 0xffffffffu)
		return NULL;
	return t->index ? dtidy_index_phandle(t->index, ph) : by_phandle(t->root, ph);
}

/* Linux's of_irq_find_parent(): follow interrupt-parent where there is
 * one, else the tree parent, until a node that has #interrupt-cells. The
 * walk is bounded, so an interrupt-parent cycle ends it. */
static const struct dtidy_node *explicit_parent(const struct dtidy_tree *t,
						const struct dtidy_node *x, int *has)
{
	const struct dtidy_prop *p = dtidy_prop_get(x, "interrupt-parent");
	*has = p != NULL;
	if (!p)
		return NULL;
	const struct dtidy_cell *c;
	if (dtidy_prop_cells(p, &c, 1) < 1)
		return NULL;
	if (c->ref) {
		const struct dtidy_node *r = dtidy_resolve(t, c->ref);
		if (r)
			return r;
	}
	return dtidy_node_by_phandle(t, (uint32_t)c->val);
}

const struct dtidy_node *dtidy_interrupt_parent(const struct dtidy_tree *t,
						const struct dtidy_node *n)
{
	const struct dtidy_node *x = n;
	for (int hops = 0; x && hops < 256; hops++) {
		int has;
		const struct dtidy_node *p = explicit_parent(t, x, &has);
		if (!has)
			p = x->parent;
		if (!p)
			return NULL;
		if (dtidy_prop_get(p, "#interrupt-cells"))
			return p;
		x = p;
	}
	return NULL;
}

char *dtidy_node_path(const struct dtidy_node *n, char *buf, size_t size)
{
	if (!size)
		return buf;
	if (!n || !n->parent) {
		snprintf(buf, size, "/");
		return buf;
	}
	const struct dtidy_node *chain[256] = {0};
	size_t depth = 0;
	for (const struct dtidy_node *x = n; x->parent && depth < 256; x = x->parent)
		chain[depth++] = x;
	size_t at = 0;
	buf[0] = '\0';
	while (depth--) {
		int w = snprintf(buf + at, size - at, "/%s", chain[depth]->name);
		if (w < 0 || (size_t)w >= size - at) {
			buf[size - 1] = '\0';
			break;
		}
		at += (size_t)w;
	}
	return buf;
}

int dtidy_node_is_compatible(const struct dtidy_node *n, const char *compat)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, "compatible");
	long k = dtidy_prop_nstrings(p);
	for (long i = 0; i < k; i++)
		if (!strcmp(dtidy_prop_string(p, (size_t)i), compat))
			return 1;
	return 0;
}
