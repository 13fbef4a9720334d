/* address-overlap (beyond dtc, warning): two enabled siblings whose reg
 * regions overlap in their parent's address space — usually a copy-paste
 * of a unit address or a wrong size. Regions are compared as the parent's
 * #address-cells/#size-cells make them (nvmem cells, bit fields and syscon
 * registers are shared by design and left out); buses without sizes (#size-cells
 * = 0: I2C, SPI) have addresses, not regions, and are left to
 * unique-unit-address. */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "dtc_util.h"

struct region {
	uint64_t start, end;	/* [start, end) ; end saturates */
	const struct dtidy_node *node;
};

static int cmp_region(const void *a, const void *b)
{
	const struct region *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/* Regions shared on purpose: nvmem cells and register bit fields address
 * bits inside a byte range ("bits", a unit address "8,0"), and a syscon
 * exposes registers that its function nodes also map. */
static int shares_by_design(const struct dtidy_node *c)
{
	return dtidy_prop_get(c, "bits") || strchr(node_unit(c), ',') ||
	       dtidy_node_is_compatible(c, "syscon") || dtidy_node_is_compatible(c, "simple-mfd");
}

static uint64_t read_cells(const struct pval *v, size_t at, int n)
{
	uint64_t x = 0;
	for (int i = 0; i < n; i++)
		x = (x << 32) | pval_cell(v, at + (size_t)i);
	return x;
}

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	char path[512];
	FOREACH_CHECKED_NODE(n, t) {
		int ac = node_addr_cells_or_default(t, n), sc = node_size_cells_or_default(t, n);
		if (sc == 0 || ac > 2 || sc > 2 || !n->child)
			continue;
		struct region *r = NULL;
		size_t nr = 0, cap = 0;
		DTIDY_FOREACH_CHILD(c, n) {
			const struct dtidy_prop *p = dtidy_prop_get(c, "reg");
			if (!p || node_is_disabled(c) || node_is_omitted(t, c) || shares_by_design(c))
				continue;
			struct pval v;
			pval_get(t, p, &v);
			size_t entry = (size_t)(ac + sc);
			for (size_t i = 0; (i + entry) * 4 <= v.len; i += entry) {
				uint64_t a = read_cells(&v, i, ac), s = read_cells(&v, i + (size_t)ac, sc);
				if (!s)
					continue;
				struct region x = {a, a + s < a ? UINT64_MAX : a + s, c};
				VEC_PUSH(r, nr, cap, x);
			}
			pval_free(&v);
		}
		if (nr > 1)
			qsort(r, nr, sizeof(*r), cmp_region);
		/* sweep: compare each region with the furthest-reaching earlier one */
		size_t far = 0;
		for (size_t i = 1; i < nr; i++) {
			if (r[i].start < r[far].end && r[i].node != r[far].node) {
				struct dtidy_report *rep = fail_node(ctx, r[i].node,
					"reg region 0x%llx-0x%llx overlaps %s (0x%llx-0x%llx)",
					(unsigned long long)r[i].start, (unsigned long long)(r[i].end - 1),
					node_path(r[far].node, path, sizeof(path)),
					(unsigned long long)r[far].start, (unsigned long long)(r[far].end - 1));
				if (rep)
					dtidy_report_related(rep, dtidy_node_loc(r[far].node), "overlapping node");
			}
			if (r[i].end > r[far].end)
				far = i;
		}
		free(r);
	}
}

const struct dtidy_rule dtidy_rule_address_overlap = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "address-overlap",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "enabled sibling nodes whose reg regions overlap",
	.help =
		"Two enabled devices on one bus should not claim the same addresses:\n"
		"usually one unit address was copied and not changed, or a size is wrong.\n"
		"\n"
		"Bad:\n\tserial@1000 { reg = <0x1000 0x1000>; };\n\tserial@1800 { reg = <0x1800 0x100>; };\n"
		"Good:\n\tserial@1000 { reg = <0x1000 0x800>; };\n\tserial@1800 { reg = <0x1800 0x100>; };\n",
	.check = check,
};
