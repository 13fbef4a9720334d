/* dt-validate's row fixups (see split.h). Its quirks are kept, because its
 * findings are the ones to match: the interrupt-map and iommu-map rows all
 * take the length of the first one, a phandle-array stops at the first
 * phandle that names no provider (the rest of the value is dropped), and
 * a property of fixed dimensions keeps the rows its dimensions gave. */
#include "split.h"

#include <stdio.h>
#include <string.h>

#include "core/arena.h"

#define NO_PROVIDER 0xffffffffu

struct split_env split_root_env(void)
{
	return (struct split_env){.ac = 2, .sc = 1, .icells = 1};
}

/* A node's #*-cells as dtb.py's _get_cells_size reads it: 0 when absent. */
static unsigned cells_of(const struct dtidy_node *n, const char *name)
{
	long v = n ? dtidy_node_u32(n, name) : -1;
	return v < 0 ? 0 : (unsigned)v;
}

static int has_prop(const struct dtidy_node *n, const char *name)
{
	return dtidy_prop_get(n, name) != NULL;
}

struct split_env split_node_env(const struct dtidy_tree *t, const struct dtidy_node *n,
				struct split_env in)
{
	struct split_env e = in;
	const struct dtidy_prop *ip = dtidy_prop_get(n, "interrupt-parent");
	uint32_t ph;
	if (ip && dtidy_prop_u32(ip, 0, &ph) && ph != NO_PROVIDER) {
		const struct dtidy_node *parent = dtidy_node_by_phandle(t, ph);
		if (parent)
			e.icells = cells_of(parent, "#interrupt-cells");
	}
	if (has_prop(n, "gpio-hog"))
		e.hog = 1;
	return e;
}

struct split_env split_child_env(const struct dtidy_node *n, struct split_env own)
{
	struct split_env e = own;
	if (has_prop(n, "#address-cells"))
		e.ac = cells_of(n, "#address-cells");
	if (has_prop(n, "#size-cells"))
		e.sc = cells_of(n, "#size-cells");
	if (has_prop(n, "#interrupt-cells"))
		e.icells = cells_of(n, "#interrupt-cells");
	return e;
}

/* ---- cutting one row into many ------------------------------------------- */

/* The one row dt-validate cuts (its v[0]), or NULL when the value is not a
 * matrix. */
static const struct sinst *row0(const struct sinst *v)
{
	if (v->kind != SINST_ARRAY || !v->n || v->items[0].kind != SINST_ARRAY)
		return NULL;
	for (size_t i = 0; i < v->items[0].n; i++)
		if (v->items[0].items[i].kind != SINST_INT)
			return NULL;
	return &v->items[0];
}

/* How many cells the row starting at cells[i] takes (0: stop there). */
typedef size_t row_len_fn(void *ud, const struct sinst *cells, size_t n, size_t i);

static void cut(struct arena *a, struct sinst *value, const struct sinst *row, row_len_fn *fn,
		void *ud)
{
	size_t n = row->n, nrows = 0;
	struct sinst *rows = arena_alloc(a, (n ? n : 1) * sizeof(*rows));
	for (size_t i = 0; i < n;) {
		size_t len = fn(ud, row->items, n, i);
		if (!len)
			break;
		if (len > n - i)
			len = n - i;
		struct sinst *r = &rows[nrows++];
		r->kind = SINST_ARRAY;
		r->n = len;
		r->items = row->items + i;
		r->origin = decode_span(a, row->items[i].origin, row->items[i + len - 1].origin);
		i += len;
	}
	value->n = nrows;
	value->items = rows;
}

static size_t fixed_len(void *ud, const struct sinst *cells, size_t n, size_t i)
{
	(void)cells, (void)n, (void)i;
	return *(const size_t *)ud;
}

static void cut_fixed(struct arena *a, struct sinst *value, const struct sinst *row, size_t len)
{
	if (len)	/* a length of 0 would loop forever in dt-validate */
		cut(a, value, row, fixed_len, &len);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

/* ---- fixup_gpios ------------------------------------------------------------ */

struct gpio_cut {
	const struct dtidy_tree *t;
};

static size_t gpio_len(void *ud, const struct sinst *cells, size_t n, size_t i)
{
	const struct gpio_cut *g = ud;
	uint64_t ph = cells[i].u;
	if (ph == 0)
		return 1;
	if (ph == NO_PROVIDER) {
		/* an overlay's unresolved phandle: up to the next one */
		size_t j = i + 1;
		while (j + 1 < n && cells[j].u != NO_PROVIDER)
			j++;
		return j + 1 < n ? j - i : n - i;
	}
	const struct dtidy_node *p = dtidy_node_by_phandle(g->t, (uint32_t)ph);
	if (!p)
		return n - i;	/* dt-validate fails on it; keep the rest whole */
	return cells_of(p, "#gpio-cells") + 1;
}

static int is_gpio_name(const char *name)
{
	return (ends_with(name, "-gpios") || ends_with(name, "-gpio") || !strcmp(name, "gpio") ||
		!strcmp(name, "gpios")) &&
	       !ends_with(name, ",nr-gpios");
}

/* ---- fixup_interrupts ------------------------------------------------------ */

static void cut_interrupt_map(struct arena *a, const struct dtidy_tree *t,
			      const struct dtidy_node *n, struct sinst *value, const struct sinst *row)
{
	unsigned icells = cells_of(n, "#interrupt-cells"), ac = cells_of(n, "#address-cells");
	size_t at = (size_t)ac + icells;
	if (at >= row->n)
		return;
	uint64_t ph = row->items[at].u;
	size_t len;
	if (ph == NO_PROVIDER) {
		size_t j = at + 1;
		while (j < row->n && row->items[j].u != NO_PROVIDER)
			j++;
		len = j - at;
	} else {
		const struct dtidy_node *p = dtidy_node_by_phandle(t, (uint32_t)ph);
		if (!p)
			return;
		len = at + 1 + cells_of(p, "#address-cells") + cells_of(p, "#interrupt-cells");
	}
	cut_fixed(a, value, row, len);
}

/* ---- fixup_iommu_map --------------------------------------------------------- */

static void cut_iommu_map(struct arena *a, const struct dtidy_tree *t,
			  const struct dtidy_node *n, struct sinst *value, const struct sinst *row)
{
	size_t map_cells = cells_of(n, "#iommu-cells");
	if (!map_cells)
		map_cells = 1;
	if (map_cells >= row->n)
		return;
	uint64_t ph = row->items[map_cells].u;
	size_t len;
	if (ph == NO_PROVIDER) {
		size_t j = map_cells + 1;
		while (j < row->n && row->items[j].u != NO_PROVIDER)
			j++;
		len = j - map_cells;
	} else {
		const struct dtidy_node *p = dtidy_node_by_phandle(t, (uint32_t)ph);
		if (!p)
			return;
		len = map_cells + 1 + cells_of(p, "#iommu-cells") + 1;
	}
	cut_fixed(a, value, row, len);
}

/* ---- fixup_phandles ------------------------------------------------------------ */

/* phandle+args properties whose provider's cell count is not "#<name
 * without its s>-cells": dtb.py's phandle_args table. A number is a fixed
 * count; NULL: each phandle alone. */
struct fixed_args {
	const char *prop;
	const char *cells;
	unsigned count;
};

static const struct fixed_args phandle_args[] = {
	{"assigned-clocks", "#clock-cells", 0},
	{"assigned-clock-parents", "#clock-cells", 0},
	{"cooling-device", "#cooling-cells", 0},
	{"interrupts-extended", "#interrupt-cells", 0},
	{"interconnects", "#interconnect-cells", 0},
	{"mboxes", "#mbox-cells", 0},
	{"sound-dai", "#sound-dai-cells", 0},
	{"msi-parent", "#msi-cells", 0},
	{"msi-ranges", "#interrupt-cells", 0},
	{"dma-masters", "#dma-cells", 0},
	{"gpio-ranges", NULL, 3},
	{"memory-region", NULL, 0},
};

struct ph_cut {
	const struct dtidy_tree *t;
	const char *cells;	/* the provider's #*-cells; NULL: `count`, or each phandle alone */
	unsigned count;
	int msi_ranges, interconnects;
};

/* _get_phandle_arg_size: the phandle and its arguments, 0 when the
 * provider is unknown. */
static size_t arg_size(const struct ph_cut *c, const struct sinst *cells, size_t n, size_t i)
{
	if (i >= n)
		return 0;
	uint64_t ph = cells[i].u;
	if (ph == 0 || (!c->cells && !c->count))
		return 1;
	if (ph == NO_PROVIDER)
		return 0;
	const struct dtidy_node *p = dtidy_node_by_phandle(c->t, (uint32_t)ph);
	if (!p)
		return 0;
	return (c->cells ? cells_of(p, c->cells) : c->count) + 1;
}

static size_t ph_len(void *ud, const struct sinst *cells, size_t n, size_t i)
{
	const struct ph_cut *c = ud;
	size_t len = arg_size(c, cells, n, i);
	if (!len)
		return 0;
	if (c->msi_ranges)
		len++;	/* an extra span cell */
	if (c->interconnects)
		len += arg_size(c, cells, n, i + len);	/* pairs of phandle+args */
	return len;
}

static int fixed_dimensions(const struct dtypes *dt)
{
	return dt->has_dim && ((dt->dim[0][0] > 0 && dt->dim[0][0] == dt->dim[0][1]) ||
			       (dt->dim[1][0] > 0 && dt->dim[1][0] == dt->dim[1][1]));
}

static void cut_phandles(const struct decoder *d, const struct dtidy_tree *t, const char *name,
			 struct sinst *value)
{
	struct dtypes dt;
	decode_types(d, name, &dt);
	if (!(dt.set & DT_BIT(DT_PHANDLE_ARRAY)))
		return;
	int dma_masters = !strcmp(name, "dma-masters");
	if (!dma_masters && fixed_dimensions(&dt))
		return;
	if (value->kind != SINST_ARRAY || value->n != 1)
		return;
	const struct sinst *row = row0(value);
	if (!row)
		return;
	struct ph_cut c = {.t = t};
	const struct fixed_args *fa = NULL;
	for (size_t i = 0; i < sizeof(phandle_args) / sizeof(phandle_args[0]); i++)
		if (!strcmp(phandle_args[i].prop, name))
			fa = &phandle_args[i];
	char buf[256];
	if (fa) {
		c.cells = fa->cells;
		c.count = fa->count;
	} else if (ends_with(name, "s") && !strstr(name, "gpio") && strlen(name) < sizeof(buf) - 8) {
		snprintf(buf, sizeof(buf), "#%.*s-cells", (int)strlen(name) - 1, name);
		c.cells = buf;
		if (!arg_size(&c, row->items, row->n, 0))
			return;
	} else {
		return;
	}
	if (dma_masters && row->n) {
		/* dtb.py: a "phandle" of 1 to 4 that names no DMA provider is
		 * a plain number */
		uint64_t ph = row->items[0].u;
		const struct dtidy_node *p = ph >= 1 && ph <= 4 ? dtidy_node_by_phandle(t, (uint32_t)ph)
								 : NULL;
		if (ph >= 1 && ph <= 4 && (!p || !has_prop(p, c.cells))) {
			*value = row->items[0];
			return;
		}
	}
	c.msi_ranges = !strcmp(name, "msi-ranges");
	c.interconnects = !strcmp(name, "interconnects");
	cut(d->a, value, row, ph_len, &c);
}

/* ---- one property ------------------------------------------------------------ */

void split_prop(const struct decoder *d, const struct dtidy_tree *t, const struct dtidy_node *n,
		const char *name, struct sinst *value, int raw, struct split_env env)
{
	if (decode_as_bytes(raw))
		return;	/* bytes to dt-validate: nothing to cut */
	const struct sinst *row = row0(value);
	if (row && !env.hog && is_gpio_name(name)) {
		struct gpio_cut g = {t};
		cut(d->a, value, row, gpio_len, &g);
		return;
	}
	if (row && !strcmp(name, "interrupts")) {
		cut_fixed(d->a, value, row, env.icells);
		return;
	}
	if (row && !strcmp(name, "interrupt-map")) {
		cut_interrupt_map(d->a, t, n, value, row);
		return;
	}
	if (row) {
		struct dtypes dt;
		decode_types(d, name, &dt);
		if (dt.set & DT_BIT(DT_ADDRESS)) {
			cut_fixed(d->a, value, row, (size_t)env.ac + env.sc);
			return;
		}
		if (!strcmp(name, "ranges") || !strcmp(name, "dma-ranges")) {
			cut_fixed(d->a, value, row,
				  (size_t)env.ac + cells_of(n, "#address-cells") +
					  cells_of(n, "#size-cells"));
			return;
		}
	}
	if (row && !strcmp(name, "iommu-map")) {
		cut_iommu_map(d->a, t, n, value, row);
		return;
	}
	cut_phandles(d, t, name, value);
}
