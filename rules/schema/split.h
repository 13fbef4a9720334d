/* dt-validate's second pass over a decoded tree (dtb.py's fixup_gpios,
 * fixup_interrupts, fixup_addresses, fixup_iommu_map, fixup_phandles):
 * a matrix decoded as one row is cut into rows by cell counts that other
 * nodes hold: the GPIO controller's #gpio-cells, the interrupt parent's
 * #interrupt-cells, the bus's #address-cells and #size-cells, each
 * provider's #*-cells. Private to rules/schema/. */
#ifndef DTIDY_SCHEMA_SPLIT_H
#define DTIDY_SCHEMA_SPLIT_H

#include "decode.h"

/* What a node's properties are split by, handed down the tree as
 * dt-validate hands it down. */
struct split_env {
	unsigned ac, sc;	/* the nearest ancestor's #address-cells, #size-cells (2, 1) */
	unsigned icells;	/* #interrupt-cells for `interrupts` (1 at the root) */
	int hog;		/* in a gpio-hog: GPIO properties stay as they are */
};

/* The environment of the root node. */
struct split_env split_root_env(void);
/* Node n's own environment, from the one it was handed: its
 * interrupt-parent changes icells, a gpio-hog property sets hog. */
struct split_env split_node_env(const struct dtidy_tree *t, const struct dtidy_node *n,
				struct split_env in);
/* The environment n hands its children. */
struct split_env split_child_env(const struct dtidy_node *n, struct split_env own);

/* Splits the value of property `name` of node n in place, when
 * dt-validate would. `raw`: the value was left as bytes. */
void split_prop(const struct decoder *d, const struct dtidy_tree *t, const struct dtidy_node *n,
		const char *name, struct sinst *value, int raw, struct split_env env);

#endif
