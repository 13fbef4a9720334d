#include "dtc_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static size_t chunk_len(const struct dtidy_tree *t, const struct dtidy_chunk *c)
{
	switch (c->kind) {
	case DTIDY_CHUNK_CELLS:
		return c->n * (c->bits / 8);
	case DTIDY_CHUNK_STRING:
		return c->n + 1;
	case DTIDY_CHUNK_BYTES:
		return c->n;
	case DTIDY_CHUNK_PATH: {
		/* dtc inserts the referenced node's full path */
		const struct dtidy_node *n = dtidy_resolve(t, c->ref);
		if (!n)
			return 0;
		char buf[4096];
		return strlen(dtidy_node_path(n, buf, sizeof(buf))) + 1;
	}
	}
	return 0;
}

size_t prop_len(const struct dtidy_tree *t, const struct dtidy_prop *p)
{
	size_t len = 0;
	for (size_t i = 0; i < p->nchunks; i++)
		len += chunk_len(t, &p->chunks[i]);
	return len;
}

static void put_be(unsigned char *b, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		b[i] = (unsigned char)(v >> (8 * (bytes - 1 - i)));
}

void pval_get(const struct dtidy_tree *t, const struct dtidy_prop *p, struct pval *v)
{
	memset(v, 0, sizeof(*v));
	v->len = prop_len(t, p);
	v->b = xcalloc(1, v->len + 1);
	size_t at = 0, cap = 0, ucap = 0;
	for (size_t i = 0; i < p->nchunks; i++) {
		const struct dtidy_chunk *c = &p->chunks[i];
		size_t l = chunk_len(t, c);
		switch (c->kind) {
		case DTIDY_CHUNK_CELLS: {
			unsigned w = c->bits / 8;
			for (size_t k = 0; k < c->n; k++) {
				put_be(v->b + at + k * w, c->cells[k].val, w);
				if (c->cells[k].ref) {
					VEC_PUSH(v->refs, v->nrefs, cap, at + k * w);
					if (!dtidy_resolve(t, c->cells[k].ref))
						VEC_PUSH(v->unresolved, v->nunresolved, ucap, at + k * w);
				}
			}
			break;
		}
		case DTIDY_CHUNK_STRING:
		case DTIDY_CHUNK_BYTES:
			if (c->n)
				memcpy(v->b + at, c->data, c->n);
			break;
		case DTIDY_CHUNK_PATH: {
			const struct dtidy_node *n = dtidy_resolve(t, c->ref);
			if (n) {
				char buf[4096];
				dtidy_node_path(n, buf, sizeof(buf));
				memcpy(v->b + at, buf, l);
			}
			break;
		}
		}
		at += l;
	}
}

struct dtidy_loc prop_byte_loc(const struct dtidy_tree *t, const struct dtidy_prop *p, size_t off)
{
	size_t at = 0;
	for (size_t i = 0; i < p->nchunks; i++) {
		const struct dtidy_chunk *c = &p->chunks[i];
		size_t l = chunk_len(t, c);
		if (off < at + l) {
			if (c->kind == DTIDY_CHUNK_CELLS && c->cells[(off - at) / (c->bits / 8)].loc.file)
				return c->cells[(off - at) / (c->bits / 8)].loc;
			return c->loc.file ? c->loc : dtidy_prop_loc(p);
		}
		at += l;
	}
	return dtidy_prop_loc(p);
}

void pval_free(struct pval *v)
{
	free(v->b);
	free(v->refs);
	free(v->unresolved);
	memset(v, 0, sizeof(*v));
}

uint32_t pval_cell(const struct pval *v, size_t i)
{
	if ((i + 1) * 4 > v->len)
		return 0;
	const unsigned char *b = v->b + i * 4;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

int pval_is_ref_at(const struct pval *v, size_t byte_off)
{
	for (size_t i = 0; i < v->nrefs; i++)
		if (v->refs[i] == byte_off)
			return 1;
	return 0;
}

int pval_is_unresolved_at(const struct pval *v, size_t byte_off)
{
	for (size_t i = 0; i < v->nunresolved; i++)
		if (v->unresolved[i] == byte_off)
			return 1;
	return 0;
}

int prop_is_one_string(const struct dtidy_tree *t, const struct dtidy_prop *p)
{
	struct pval v;
	pval_get(t, p, &v);
	/* dtc: non-empty, NUL-terminated, no NUL before the end */
	int ok = v.len > 0 && v.b[v.len - 1] == '\0' && strlen((char *)v.b) == v.len - 1;
	pval_free(&v);
	return ok;
}

int prop_is_string_list(const struct dtidy_tree *t, const struct dtidy_prop *p)
{
	struct pval v;
	pval_get(t, p, &v);
	size_t rem = v.len;
	const char *s = (const char *)v.b;
	int ok = 1;
	while (rem > 0) {
		size_t l = strnlen(s, rem);
		if (l == rem) {
			ok = 0;
			break;
		}
		rem -= l + 1;
		s += l + 1;
	}
	pval_free(&v);
	return ok;
}

uint32_t prop_first_cell(const struct dtidy_tree *t, const struct dtidy_prop *p)
{
	struct pval v;
	pval_get(t, p, &v);
	uint32_t c = pval_cell(&v, 0);
	pval_free(&v);
	return c;
}

const char *prop_str(const struct dtidy_prop *p)
{
	if (p && p->nchunks && p->chunks[0].kind == DTIDY_CHUNK_STRING && p->chunks[0].data)
		return p->chunks[0].data;
	return "";
}

const struct dtidy_node *dtc_node_by_path(const struct dtidy_tree *t, const char *s, size_t len)
{
	const char *nul = memchr(s, '\0', len);
	const char *end = nul ? nul : s + len;
	const struct dtidy_node *n = t->root;
	while (n) {
		while (s < end && *s == '/')
			s++;
		if (s == end)
			return n;
		const char *slash = memchr(s, '/', (size_t)(end - s));
		size_t l = (size_t)((slash ? slash : end) - s);
		const struct dtidy_node *c = n->child;
		while (c && !(strlen(c->name) == l && memcmp(c->name, s, l) == 0))
			c = c->next;
		n = c;
		s += l;
	}
	return NULL;
}

const char *node_unit(const struct dtidy_node *n)
{
	return n->unit ? n->unit : "";
}

size_t node_basename_len(const struct dtidy_node *n)
{
	return strlen(n->basename);
}

int node_basename_is(const struct dtidy_node *n, const char *s)
{
	return strcmp(n->basename, s) == 0;
}

long node_own_addr_cells(const struct dtidy_tree *t, const struct dtidy_node *n)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, "#address-cells");
	return p ? (long)prop_first_cell(t, p) : -1;
}

long node_own_size_cells(const struct dtidy_tree *t, const struct dtidy_node *n)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, "#size-cells");
	return p ? (long)prop_first_cell(t, p) : -1;
}

int node_addr_cells_or_default(const struct dtidy_tree *t, const struct dtidy_node *n)
{
	long c = node_own_addr_cells(t, n);
	return c < 0 ? 2 : (int)c;
}

int node_size_cells_or_default(const struct dtidy_tree *t, const struct dtidy_node *n)
{
	long c = node_own_size_cells(t, n);
	return c < 0 ? 1 : (int)c;
}

int phandle_is_valid(uint32_t ph)
{
	return ph != 0 && ph != 0xffffffffu;
}

int node_is_omitted(const struct dtidy_tree *t, const struct dtidy_node *n)
{
	for (; n; n = n->parent) {
		/* with -@ (overlays), labelled nodes are kept for __symbols__ */
		if (t->plugin && n->nlabels)
			continue;
		if (n->omit_if_no_ref && !n->referenced)
			return 1;
	}
	return 0;
}

int node_is_disabled(const struct dtidy_node *n)
{
	return strcmp(prop_str(dtidy_prop_get(n, "status")), "disabled") == 0;
}

int node_has_children(const struct dtidy_node *n)
{
	return n->child || n->had_children;
}

int node_is_interrupt_provider(const struct dtidy_node *n)
{
	return dtidy_prop_get(n, "interrupt-controller") || dtidy_prop_get(n, "interrupt-map");
}

char *node_path(const struct dtidy_node *n, char *buf, size_t size)
{
	return dtidy_node_path(n, buf, size);
}

/* dtc's spi_bus_bridge: named "spi", or 1/0 cells with a child that has
 * "spi-*" properties. */
static int looks_like_spi(const struct dtidy_tree *t, const struct dtidy_node *n)
{
	if (node_basename_is(n, "spi"))
		return 1;
	if (node_addr_cells_or_default(t, n) != 1 || node_size_cells_or_default(t, n) != 0)
		return 0;
	DTIDY_FOREACH_CHILD(c, n)
		DTIDY_FOREACH_PROP(p, c)
			if (strncmp(p->name, "spi-", 4) == 0)
				return 1;
	return 0;
}

/* dtc's graph_nodes: a node with an endpoint child is a port; its parent is
 * a "ports" bus when it has no bus yet and is named "ports" or the port has
 * a reg. */
static int is_graph_port(const struct dtidy_node *n)
{
	if (!n->parent)
		return 0;
	DTIDY_FOREACH_CHILD(c, n)
		if (node_basename_is(c, "endpoint") || dtidy_prop_get(c, "remote-endpoint"))
			return 1;
	return 0;
}

static enum bus_type bus_before_graph(const struct dtidy_tree *t, const struct dtidy_node *n,
				      enum bus_stage stage)
{
	enum bus_type b = BUS_NONE;
	if (strcmp(prop_str(dtidy_prop_get(n, "device_type")), "pci") == 0)
		b = BUS_PCI;
	if (dtidy_node_is_compatible(n, "simple-bus"))
		b = BUS_SIMPLE;
	if (stage >= STAGE_I2C &&
	    (node_basename_is(n, "i2c-bus") || node_basename_is(n, "i2c-arb") ||
	     node_basename_is(n, "i2c")))
		b = BUS_I2C;
	if (stage >= STAGE_SPI && looks_like_spi(t, n))
		b = BUS_SPI;
	return b;
}

enum bus_type node_bus(const struct dtidy_tree *t, const struct dtidy_node *n,
		       enum bus_stage stage)
{
	if (!n)
		return BUS_NONE;
	if (stage >= STAGE_GRAPH) {
		if (is_graph_port(n))
			return BUS_GRAPH_PORT;
		DTIDY_FOREACH_CHILD(c, n) {
			if (!is_graph_port(c))
				continue;
			if (bus_before_graph(t, n, STAGE_SPI) == BUS_NONE &&
			    (strcmp(n->name, "ports") == 0 || dtidy_prop_get(c, "reg")))
				return BUS_GRAPH_PORTS;
		}
	}
	return bus_before_graph(t, n, stage);
}

static struct dtidy_report *vreport(struct dtidy_ctx *ctx, struct dtidy_loc loc,
				    const char *fmt, va_list ap)
{
	char buf[1024];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	return dtidy_report(ctx, loc, "%s", buf);
}

struct dtidy_report *fail_node(struct dtidy_ctx *ctx, const struct dtidy_node *n,
			       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct dtidy_report *r = vreport(ctx, dtidy_node_loc(n), fmt, ap);
	va_end(ap);
	dtidy_report_subject(r, n, NULL);
	return r;
}

struct dtidy_report *fail_prop(struct dtidy_ctx *ctx, const struct dtidy_prop *p,
			       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct dtidy_report *r = vreport(ctx, dtidy_prop_loc(p), fmt, ap);
	va_end(ap);
	dtidy_report_subject(r, p->node, p);
	if (r && p->nlocs > 1)
		dtidy_report_related(r, p->locs[0], "first defined here");
	return r;
}
