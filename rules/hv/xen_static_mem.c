/* xen-static-mem: memory statically allocated to a dom0less domain. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "hv.h"

#define PAGE 4096u
#define MAX_BANKS 256

struct bank {
	uint64_t start, size;
	const struct dtidy_node *owner;
	struct dtidy_loc at;
};

/* The (address, size) banks of a property in ac + sc cells; 0 when they
 * cannot be measured (reported by the caller when it matters). */
static size_t banks(const struct dtidy_prop *p, int ac, int sc, const struct dtidy_node *owner,
		    struct bank *out, size_t max)
{
	size_t nc, n = 0;
	const struct dtidy_cell **cells = hv_cells(p, &nc);
	if (!cells || ac < 1 || sc < 1 || ac > 2 || sc > 2 || nc % (size_t)(ac + sc)) {
		free(cells);
		return 0;
	}
	for (size_t i = 0; i + (size_t)(ac + sc) <= nc && n < max; i += (size_t)(ac + sc)) {
		out[n].start = hv_cells_value(cells, i, (size_t)ac);
		out[n].size = hv_cells_value(cells, i + (size_t)ac, (size_t)sc);
		out[n].owner = owner;
		out[n].at = cells[i]->loc;
		n++;
	}
	free(cells);
	return n;
}

static int overlap(const struct bank *a, const struct bank *b)
{
	return a->size && b->size && a->start < b->start + b->size && b->start < a->start + a->size;
}

/* Every statically reserved host range of the tree: the domains' static
 * memory and the static heap, for the overlap check. */
static size_t all_banks(const struct dtidy_tree *t, struct bank *out, size_t max)
{
	size_t n = 0;
	DTIDY_FOREACH_NODE(x, t)
	{
		const struct dtidy_prop *p = NULL;
		if (hv_is_xen_domain(x))
			p = dtidy_prop_get(x, "xen,static-mem");
		else if (hv_is_chosen(x))
			p = dtidy_prop_get(x, "xen,static-heap");
		if (p)
			n += banks(p, hv_xen_cells(x, "#address-cells"),
				   hv_xen_cells(x, "#size-cells"), x, out + n, max - n);
	}
	return n;
}

static void check_domain(struct dtidy_ctx *ctx, const struct dtidy_node *d, const struct bank *all,
			 size_t nall)
{
	const struct dtidy_prop *p = dtidy_prop_get(d, "xen,static-mem");
	if (!p)
		return;
	int ac = hv_xen_cells(d, "#address-cells"), sc = hv_xen_cells(d, "#size-cells");
	static const char *const old[] = {"#xen,static-mem-address-cells",
					  "#xen,static-mem-size-cells"};
	for (size_t i = 0; i < 2; i++) {
		const struct dtidy_prop *o = dtidy_prop_get(d, old[i]);
		uint32_t v;
		int want = i ? sc : ac;
		if (o && want >= 0 && hv_prop_u32(o, &v) && (int)v != want)
			dtidy_report_prop(ctx, NULL, o,
					  "%s = <%" PRIu32 "> is not what Xen uses: it reads "
					  "xen,static-mem with the parent's %s (%d)",
					  old[i], v, i ? "#size-cells" : "#address-cells", want);
	}
	if (ac < 0 || sc < 0)
		return; /* measured in the tree this one is merged into */
	long nc = dtidy_prop_cells(p, NULL, 0);
	if (ac < 1 || sc < 1) {
		dtidy_report_prop(ctx, NULL, p,
				  "xen,static-mem needs #address-cells and #size-cells of at least 1 "
				  "in %s (they are %d and %d)",
				  d->parent->name, ac, sc);
		return;
	}
	if (nc <= 0 || nc % (ac + sc)) {
		dtidy_report_prop(ctx, NULL, p,
				  "xen,static-mem has %ld cells, not a whole number of (%d address + %d "
				  "size) banks (the cell sizes of %s)",
				  nc, ac, sc, d->parent->name);
		return;
	}
	if (ac > 2 || sc > 2)
		return;
	struct bank mine[MAX_BANKS];
	size_t n = banks(p, ac, sc, d, mine, MAX_BANKS);
	uint64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		total += mine[i].size;
		if (mine[i].start % PAGE || mine[i].size % PAGE)
			hv_about(dtidy_report(ctx, mine[i].at,
					      "static memory bank 0x%" PRIx64 "+0x%" PRIx64
					      " is not 4 KiB aligned: Xen maps whole pages",
					      mine[i].start, mine[i].size),
				 d, p);
		for (size_t j = 0; j < nall; j++) {
			if (all[j].owner == d && all[j].start == mine[i].start &&
			    all[j].size == mine[i].size && all[j].at.start == mine[i].at.start)
				break; /* itself, and everything after it is reported there */
			if (overlap(&mine[i], &all[j])) {
				hv_about(dtidy_report(ctx, mine[i].at,
						      "static memory bank 0x%" PRIx64 "+0x%" PRIx64
						      " overlaps the %s of %s",
						      mine[i].start, mine[i].size,
						      hv_is_xen_domain(all[j].owner)
							      ? "static memory"
							      : "static heap",
						      all[j].owner->name),
					 d, p);
				break;
			}
		}
	}
	uint64_t kib;
	const struct dtidy_prop *mem = dtidy_prop_get(d, "memory");
	if (hv_prop_u64(mem, &kib) && kib * 1024 != total)
		dtidy_report_prop(ctx, NULL, mem,
				  "memory is %" PRIu64 " KiB but xen,static-mem gives %" PRIu64
				  " KiB: they must match (Xen does not mix static and heap memory)",
				  kib, total / 1024);
}

static void check(struct dtidy_ctx *ctx)
{
	struct bank *all = malloc(MAX_BANKS * 4 * sizeof(*all));
	if (!all)
		return;
	size_t nall = all_banks(dtidy_ctx_tree(ctx), all, MAX_BANKS * 4);
	DTIDY_FOREACH_NODE(n, dtidy_ctx_tree(ctx))
	{
		if (hv_is_xen_domain(n))
			check_domain(ctx, n, all, nall);
	}
	free(all);
}

const struct dtidy_rule dtidy_rule_xen_static_mem = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "xen-static-mem",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "xen,static-mem: whole 4 KiB banks in the parent's cells, matching memory",
	.help = "Xen docs/misc/arm/device-tree/booting.txt, \"Static Allocation\": a\n"
		"xen,domain node's xen,static-mem lists host (address, size) banks whose\n"
		"cell counts are \"defined respectively by the parent node properties\n"
		"#address-cells and #size-cells\" (those of /chosen, or inherited from\n"
		"the root: Xen inherits them; the old #xen,static-mem-address-cells /\n"
		"-size-cells are no longer read, and a value that differs from what\n"
		"Xen uses is reported). \"The property 'memory' is still needed and\n"
		"should match the amount of memory given to the guest ... *Mixing* is\n"
		"not supported\": the sizes must add up to memory (KiB), or Xen panics.\n"
		"Banks are whole 4 KiB pages, and a bank may not overlap another\n"
		"domain's static memory or the static heap (Xen reserves each range\n"
		"once). Values written with macros are checked after expansion.\n"
		"\n"
		"Bad:\n"
		"\tchosen {\n"
		"\t\t#address-cells = <1>;\n"
		"\t\t#size-cells = <1>;\n"
		"\t\tdomU1 {\n"
		"\t\t\tcompatible = \"xen,domain\";\n"
		"\t\t\tmemory = <0 0x80000>;\t/* 512 MiB */\n"
		"\t\t\t/* read in /chosen's 1 + 1 cells: banks 0+0x30000000 and\n"
		"\t\t\t * 0+0x10000000, which overlap and give 1 GiB, not memory */\n"
		"\t\t\txen,static-mem = <0 0x30000000 0 0x10000000>;\n"
		"\t\t};\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\t\tdomU1 {\n"
		"\t\t\tcompatible = \"xen,domain\";\n"
		"\t\t\tmemory = <0 0x80000>;\n"
		"\t\t\txen,static-mem = <0x30000000 0x20000000>;\n"
		"\t\t};\n",
	.check = check,
};
