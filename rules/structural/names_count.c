/* names-count (beyond dtc, warning): a *-names property has one name per
 * entry of the property it names: clock-names per clocks specifier,
 * reg-names per reg entry, interrupt-names per interrupt, and so on (an
 * interconnect path is a pair of specifiers, so interconnect-names names
 * pairs). Counting specifiers needs each provider's #<kind>-cells; when any
 * entry cannot be counted (an unresolved reference, a macro-free raw number), the
 * rule stays silent rather than guess. */
#include <string.h>

#include "dtc_util.h"

struct pairing {
	const char *names;	/* "clock-names" */
	const char *prop;	/* "clocks" */
	const char *cells;	/* provider's "#clock-cells"; NULL: fixed layout */
	int per_name;		/* specifiers per name: an interconnect path is two */
};

static const struct pairing pairings[] = {
	{"clock-names", "clocks", "#clock-cells", 1},
	{"reset-names", "resets", "#reset-cells", 1},
	{"dma-names", "dmas", "#dma-cells", 1},
	{"phy-names", "phys", "#phy-cells", 1},
	{"mbox-names", "mboxes", "#mbox-cells", 1},
	{"pwm-names", "pwms", "#pwm-cells", 1},
	{"power-domain-names", "power-domains", "#power-domain-cells", 1},
	{"io-channel-names", "io-channels", "#io-channel-cells", 1},
	{"interconnect-names", "interconnects", "#interconnect-cells", 2},
	{"iommu-names", "iommus", "#iommu-cells", 1},
	{"hwlock-names", "hwlocks", "#hwlock-cells", 1},
	{"nvmem-cell-names", "nvmem-cells", "#nvmem-cell-cells", 1},
	{"thermal-sensor-names", "thermal-sensors", "#thermal-sensor-cells", 1},
	{"mux-control-names", "mux-controls", "#mux-control-cells", 1},
	{"memory-region-names", "memory-region", "", 1},
	{"reg-names", "reg", NULL, 1},
	{"interrupt-names", "interrupts", NULL, 1},
};

/* Entries of a phandle+args list; -1 when they cannot be counted.
 * cells == "" means every entry is a bare phandle. */
static long count_specifiers(const struct dtidy_tree *t, const struct dtidy_prop *p,
			     const char *cells)
{
	struct pval v;
	pval_get(t, p, &v);
	long count = 0;
	size_t n = v.len / 4;
	if (v.len % 4)
		count = -1;
	for (size_t i = 0; count >= 0 && i < n; count++) {
		uint32_t ph = pval_cell(&v, i);
		const struct dtidy_node *prov = phandle_is_valid(ph) ? dtidy_node_by_phandle(t, ph) : NULL;
		if (!prov) {
			count = -1;
			break;
		}
		size_t args = 0;
		if (cells[0]) {
			const struct dtidy_prop *cp = dtidy_prop_get(prov, cells);
			args = cp ? prop_first_cell(t, cp) : 0;
			if (!cp && strcmp(cells, "#nvmem-cell-cells") != 0) {
				count = -1;
				break;
			}
		}
		i += 1 + args;
		if (i > n)
			count = -1;
	}
	pval_free(&v);
	return count;
}

static long count_entries(const struct dtidy_tree *t, const struct dtidy_node *n,
			  const struct pairing *pr)
{
	if (strcmp(pr->prop, "reg") == 0) {
		const struct dtidy_prop *p = dtidy_prop_get(n, "reg");
		if (!p || !n->parent)
			return -1;
		size_t entry = (size_t)(node_addr_cells_or_default(t, n->parent) +
					node_size_cells_or_default(t, n->parent)) * 4;
		size_t len = prop_len(t, p);
		return entry && len % entry == 0 ? (long)(len / entry) : -1;
	}
	if (strcmp(pr->prop, "interrupts") == 0) {
		const struct dtidy_prop *ext = dtidy_prop_get(n, "interrupts-extended");
		if (ext)
			return count_specifiers(t, ext, "#interrupt-cells");
		const struct dtidy_prop *p = dtidy_prop_get(n, "interrupts");
		const struct dtidy_node *ip = p ? dtidy_interrupt_parent(t, n) : NULL;
		long cells = ip ? dtidy_node_u32(ip, "#interrupt-cells") : -1;
		size_t len = p ? prop_len(t, p) : 0;
		return cells > 0 && len % ((size_t)cells * 4) == 0 ? (long)(len / ((size_t)cells * 4)) : -1;
	}
	const struct dtidy_prop *p = dtidy_prop_get(n, pr->prop);
	return p ? count_specifiers(t, p, pr->cells) : -1;
}

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		for (size_t i = 0; i < sizeof(pairings) / sizeof(pairings[0]); i++) {
			const struct dtidy_prop *names = dtidy_prop_get(n, pairings[i].names);
			if (!names)
				continue;
			long nn = dtidy_prop_nstrings(names);
			long ne = count_entries(t, n, &pairings[i]);
			if (ne > 0)
				ne = ne % pairings[i].per_name ? -1 : ne / pairings[i].per_name;
			if (nn < 0 || ne < 0 || nn == ne)
				continue;
			fail_prop(ctx, names, "\"%s\" has %ld name%s but \"%s\" has %ld entr%s",
				  names->name, nn, nn == 1 ? "" : "s", pairings[i].prop, ne,
				  ne == 1 ? "y" : "ies");
		}
	}
}

const struct dtidy_rule dtidy_rule_names_count = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "names-count",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "*-names with a different number of entries than its property",
	.help =
		"Drivers look entries up by name: clock-names must name each clocks\n"
		"specifier, reg-names each reg entry, interrupt-names each interrupt, and\n"
		"so on. A count mismatch makes a lookup return the wrong entry or fail.\n"
		"\n"
		"Bad:\n\tclocks = <&cru 1>, <&cru 2>;\n\tclock-names = \"bus\";\n"
		"Good:\n\tclocks = <&cru 1>, <&cru 2>;\n\tclock-names = \"bus\", \"core\";\n",
	.check = check,
};
