/* interrupts-property, interrupt-provider and interrupt-map (dtc
 * warnings; interrupt-map is kernel W=1).
 *
 * "interrupts" is read with the interrupt parent's #interrupt-cells: the
 * nearest interrupt-parent up the tree, or the nearest ancestor that is an
 * interrupt controller or nexus. Providers (interrupt-controller or
 * interrupt-map) declare #interrupt-cells and only they do. An
 * interrupt-map's rows are child unit address + child specifier, then the
 * parent's phandle, unit address and specifier. */
#include "dtc_util.h"

static void check_interrupts(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		const struct dtidy_prop *irq = dtidy_prop_get(n, "interrupts");
		if (!irq)
			continue;
		size_t len = prop_len(t, irq);
		if (len % 4)
			fail_prop(ctx, irq, "\"interrupts\" is %zu bytes, not a whole number of cells", len);
		const struct dtidy_node *irq_node = NULL;
		const struct dtidy_prop *ip = NULL;
		for (const struct dtidy_node *up = n; up && !ip; up = up->parent) {
			if (up != n && node_is_interrupt_provider(up)) {
				irq_node = up;
				break;
			}
			ip = dtidy_prop_get(up, "interrupt-parent");
			if (!ip)
				continue;
			struct pval ipv;
			pval_get(t, ip, &ipv);
			int unresolved = pval_is_unresolved_at(&ipv, 0);
			pval_free(&ipv);
			if (unresolved)
				goto next;
			uint32_t ph = prop_first_cell(t, ip);
			if (!phandle_is_valid(ph)) {
				if (t->plugin)
					goto next;
				fail_prop(ctx, ip, "\"interrupt-parent\" is not a valid phandle");
				break;
			}
			irq_node = dtidy_node_by_phandle(t, ph);
			if (!irq_node) {
				fail_prop(ctx, ip, "\"interrupt-parent\" (0x%x) is not the phandle of any node", ph);
				goto next;
			}
			if (!node_is_interrupt_provider(irq_node))
				fail_node(ctx, irq_node,
					  "interrupt parent '%s' has neither interrupt-controller nor interrupt-map",
					  irq_node->name);
		}
		if (!irq_node) {
			fail_node(ctx, n, "\"interrupts\" without an interrupt parent");
			continue;
		}
		const struct dtidy_prop *cp = dtidy_prop_get(irq_node, "#interrupt-cells");
		if (!cp)
			continue;	/* interrupt-provider reports it */
		uint32_t cells = prop_first_cell(t, cp);
		if (cells ? len % (cells * 4) != 0 : len != 0) {
			struct dtidy_report *r = fail_prop(ctx, irq,
				"\"interrupts\" is %zu bytes, not a multiple of %u cells (#interrupt-cells of %s)",
				len, cells, irq_node->name);
			if (r)
				dtidy_report_related(r, dtidy_prop_loc(cp), "#interrupt-cells set here");
		}
next:;
	}
}

static void check_provider(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		int provider = node_is_interrupt_provider(n);
		int cells = dtidy_prop_get(n, "#interrupt-cells") != NULL;
		if (provider && !cells)
			fail_node(ctx, n, "interrupt provider without '#interrupt-cells'");
		else if (!provider && cells)
			fail_node(ctx, n,
				  "'#interrupt-cells' on a node that is not an interrupt provider (no interrupt-controller or interrupt-map)");
	}
}

/* One interrupt-map entry is child unit address + child specifier, the
 * parent's phandle, then the parent's unit address (#address-cells of the
 * parent, 0 when it has none) and specifier (its #interrupt-cells).
 * Findings about one entry point at its phandle cell. */
static void check_map(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	char path[512];
	FOREACH_CHECKED_NODE(n, t) {
		const struct dtidy_prop *map = dtidy_prop_get(n, "interrupt-map");
		if (!map)
			continue;
		if (node_own_addr_cells(t, n) < 0) {
			fail_node(ctx, n, "interrupt-map without '#address-cells'");
			continue;
		}
		size_t cellsize = (size_t)node_addr_cells_or_default(t, n);
		const struct dtidy_prop *ic = dtidy_prop_get(n, "#interrupt-cells");
		cellsize += ic ? prop_first_cell(t, ic) : 0;
		const struct dtidy_prop *mask = dtidy_prop_get(n, "interrupt-map-mask");
		if (mask && prop_len(t, mask) != cellsize * 4)
			fail_prop(ctx, mask, "\"interrupt-map-mask\" is %zu bytes, expected %zu",
				  prop_len(t, mask), cellsize * 4);
		struct pval v;
		pval_get(t, map, &v);
		if (v.len % 4) {
			fail_prop(ctx, map, "\"interrupt-map\" is %zu bytes, not a whole number of cells",
				  v.len);
			pval_free(&v);
			continue;
		}
		size_t ncells = v.len / 4;
		for (size_t cell = 0, entry = 1; cell < ncells; entry++) {
			if (cell + cellsize >= ncells) {
				fail_prop(ctx, map,
					  "\"interrupt-map\" is %zu bytes: entry %zu needs more than %zu",
					  v.len, entry, (cell + cellsize) * 4);
				break;
			}
			cell += cellsize;
			struct dtidy_loc at = prop_byte_loc(t, map, cell * 4);
			uint32_t ph = pval_cell(&v, cell);
			if (pval_is_unresolved_at(&v, cell * 4))
				break;
			if (!phandle_is_valid(ph)) {
				if (!t->plugin)
					dtidy_report_subject(dtidy_report(ctx, at,
						"\"interrupt-map\" entry %zu: cell %zu (0x%x) is not a phandle",
						entry, cell, ph), n, map);
				break;
			}
			const struct dtidy_node *parent = dtidy_node_by_phandle(t, ph);
			if (!parent) {
				dtidy_report_subject(dtidy_report(ctx, at,
					"\"interrupt-map\" entry %zu: cell %zu (0x%x) is not the phandle of any node",
					entry, cell, ph), n, map);
				break;
			}
			const struct dtidy_prop *pic = dtidy_prop_get(parent, "#interrupt-cells");
			if (!pic) {
				fail_node(ctx, n, "%s has no '#interrupt-cells' (referred to from interrupt-map[%zu])",
					  node_path(parent, path, sizeof(path)), cell);
				break;
			}
			size_t psize = prop_first_cell(t, pic);
			const struct dtidy_prop *pac = dtidy_prop_get(parent, "#address-cells");
			if (pac) {
				psize += prop_first_cell(t, pac);
			} else {
				struct dtidy_report *r = dtidy_report(ctx, at,
					"\"interrupt-map\" entry %zu: interrupt parent %s has no '#address-cells' (0 assumed); give it #address-cells = <0>",
					entry, node_path(parent, path, sizeof(path)));
				dtidy_report_subject(r, n, map);
				if (r)
					dtidy_report_related(r, dtidy_node_loc(parent), "the interrupt parent");
			}
			cell += 1 + psize;
			if (cell > ncells)
				fail_prop(ctx, map, "\"interrupt-map\" is %zu bytes: entry %zu needs %zu",
					  v.len, entry, cell * 4);
		}
		pval_free(&v);
	}
}

const struct dtidy_rule dtidy_rule_interrupts_property = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "interrupts-property",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "\"interrupts\" not matching the interrupt parent's #interrupt-cells",
	.help =
		"\"interrupts\" holds whole specifiers of the interrupt parent's\n"
		"#interrupt-cells; the parent comes from interrupt-parent (here or on an\n"
		"ancestor) or the nearest interrupt-controller ancestor.\n"
		"\n"
		"Bad (GIC, #interrupt-cells = <3>):\n\tinterrupts = <GIC_SPI 5>;\n"
		"Good:\n\tinterrupts = <GIC_SPI 5 IRQ_TYPE_LEVEL_HIGH>;\n",
	.dtc_check = "interrupts_property",
	.check = check_interrupts,
};

const struct dtidy_rule dtidy_rule_interrupt_provider = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "interrupt-provider",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "#interrupt-cells missing on a provider, or present on a non-provider",
	.help =
		"A node with interrupt-controller or interrupt-map declares\n"
		"#interrupt-cells; other nodes do not.\n"
		"\n"
		"Bad:\n\tgpio@1000 { gpio-controller; #interrupt-cells = <2>; };\n"
		"Good:\n\tgpio@1000 { gpio-controller; interrupt-controller;\n"
		"\t\t#interrupt-cells = <2>; };\n",
	.dtc_check = "interrupt_provider",
	.check = check_provider,
};

const struct dtidy_rule dtidy_rule_interrupt_map = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "interrupt-map",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "malformed interrupt-map or interrupt-map-mask",
	.help =
		"Each interrupt-map row is: child unit address (#address-cells), child\n"
		"specifier (#interrupt-cells), parent phandle, parent unit address (its\n"
		"#address-cells) and parent specifier (its #interrupt-cells); see the\n"
		"Devicetree Specification, 2.4.3.1 interrupt-map. interrupt-map-mask has\n"
		"the size of the child part. An interrupt parent without #address-cells\n"
		"is read as 0 cells, which dtc (1.7 on) reports once per row: give the\n"
		"parent #address-cells = <0>.\n"
		"\n"
		"Bad:\n\tinterrupt-map = <0 0 0 1 &intc 0>;   /* intc needs 3 cells */\n"
		"Good:\n\tinterrupt-map = <0 0 0 1 &intc 0 5 4>;\n",
	.dtc_check = "interrupt_map",
	.level = 1,
	.check = check_map,
};
