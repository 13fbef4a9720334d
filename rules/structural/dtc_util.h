/* Shared helpers for the structural family: the property and node facts
 * dtc's checks are written in terms of (encoded length, "is one string",
 * first cell, unit name, bus type), computed from the model. */
#ifndef DTIDY_STRUCTURAL_UTIL_H
#define DTIDY_STRUCTURAL_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "include/dtidy/model.h"
#include "include/dtidy/rule.h"

/* A property value encoded as dtc stores it (big-endian cells, strings with
 * their NUL, bytes, paths as strings), with the offsets of phandle
 * references. Owned by the caller: pval_free(). */
struct pval {
	unsigned char *b;
	size_t len;
	size_t *refs;		/* byte offsets of cells written as &references */
	size_t nrefs;
	size_t *unresolved;	/* ... of those whose node is not in the tree */
	size_t nunresolved;
};

void pval_get(const struct dtidy_tree *t, const struct dtidy_prop *p, struct pval *v);
void pval_free(struct pval *v);
/* 32-bit big-endian cell at cell index i (0 past the end). */
uint32_t pval_cell(const struct pval *v, size_t i);
int pval_is_ref_at(const struct pval *v, size_t byte_off);
/* A reference the tree cannot resolve (reported by phandle-references; a
 * .dtsi checked alone refers to its includers' labels). Checks that follow
 * phandles stop there instead of misreading the cells after it. */
int pval_is_unresolved_at(const struct pval *v, size_t byte_off);

/* Where the value byte at offset off was written: the cell holding it (for
 * a cell written by a macro, the macro's use), else its string, bytes or
 * reference; the property's effective definition when past the end. */
struct dtidy_loc prop_byte_loc(const struct dtidy_tree *t, const struct dtidy_prop *p, size_t off);

/* Encoded length of a property, without building it. */
size_t prop_len(const struct dtidy_tree *t, const struct dtidy_prop *p);
int prop_is_one_string(const struct dtidy_tree *t, const struct dtidy_prop *p);
int prop_is_string_list(const struct dtidy_tree *t, const struct dtidy_prop *p);
/* First 32-bit cell (dtc's propval_cell), 0 when too short. */
uint32_t prop_first_cell(const struct dtidy_tree *t, const struct dtidy_prop *p);
/* The first string of a property's value, or "" (never NULL). */
const char *prop_str(const struct dtidy_prop *p);

/* "" when the node has no unit address. */
const char *node_unit(const struct dtidy_node *n);
size_t node_basename_len(const struct dtidy_node *n);
int node_basename_is(const struct dtidy_node *n, const char *s);
/* #address-cells / #size-cells of the node itself: -1 when absent. */
long node_own_addr_cells(const struct dtidy_tree *t, const struct dtidy_node *n);
long node_own_size_cells(const struct dtidy_tree *t, const struct dtidy_node *n);
/* With dtc's defaults (2 and 1) when absent. */
int node_addr_cells_or_default(const struct dtidy_tree *t, const struct dtidy_node *n);
int node_size_cells_or_default(const struct dtidy_tree *t, const struct dtidy_node *n);
int phandle_is_valid(uint32_t ph);
/* The node a path names as dtc looks paths up (get_node_by_path): from the
 * root, leading and repeated '/' skipped, each component the whole name of
 * a child ("uart@1000", not "uart"); "" is the root itself. path is the
 * first len bytes of s, up to a NUL. NULL when there is no such node. */
const struct dtidy_node *dtc_node_by_path(const struct dtidy_tree *t, const char *s, size_t len);
/* A node dtc drops before checking (/omit-if-no-ref/ and unreferenced). */
int node_is_omitted(const struct dtidy_tree *t, const struct dtidy_node *n);
int node_is_disabled(const struct dtidy_node *n);
/* dtc's "node->children": live children, or ones deleted or omitted since
 * (see dtidy_node.had_children). */
int node_has_children(const struct dtidy_node *n);
int node_is_interrupt_provider(const struct dtidy_node *n);
char *node_path(const struct dtidy_node *n, char *buf, size_t size);

/* Bus types, assigned in dtc's order: each later classifier may replace an
 * earlier one, and a check sees only the classifiers that ran before it. */
enum bus_stage { STAGE_SIMPLE = 1, STAGE_I2C, STAGE_SPI, STAGE_GRAPH };
enum bus_type { BUS_NONE, BUS_PCI, BUS_SIMPLE, BUS_I2C, BUS_SPI, BUS_GRAPH_PORT, BUS_GRAPH_PORTS };
enum bus_type node_bus(const struct dtidy_tree *t, const struct dtidy_node *n,
		       enum bus_stage stage);

/* Reporting with dtc's conventions: a node finding at the node's first
 * definition; a property finding at its effective definition, with the
 * first definition as related location when they differ. */
struct dtidy_report *fail_node(struct dtidy_ctx *ctx, const struct dtidy_node *n,
			       const char *fmt, ...) __attribute__((format(printf, 3, 4)));
struct dtidy_report *fail_prop(struct dtidy_ctx *ctx, const struct dtidy_prop *p,
			       const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Pre-order walk over the nodes dtc checks (omitted nodes skipped). */
#define FOREACH_CHECKED_NODE(n, t)                                            \
	DTIDY_FOREACH_NODE(n, t)                                              \
		if (!node_is_omitted((t), n))

/* The children of every checked node whose bus (as seen at `stage`) is
 * `want`. The parent's bus is worked out once per parent: it looks at all
 * of its children, so asking it once per child would be quadratic. */
#define FOREACH_CHILD_OF_BUS(c, t, stage, want)                               \
	FOREACH_CHECKED_NODE(bus_parent_, t)                                  \
		if (node_bus((t), bus_parent_, (stage)) == (want))            \
			DTIDY_FOREACH_CHILD(c, bus_parent_)                   \
				if (!node_is_omitted((t), c))

#endif
