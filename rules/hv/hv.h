/* Shared by the hv-* rules: which nodes are hypervisor nodes, and small
 * helpers over the public model. Uses include/dtidy/ only. */
#ifndef DTIDY_RULES_HV_H
#define DTIDY_RULES_HV_H

#include <stdint.h>

#include "../../include/dtidy/rule.h"

enum hv_kind {
	HV_XEN = 1 << 0,	/* "xen,xen" or "xen,xen-*" */
	HV_EPAPR = 1 << 1,	/* "epapr,hypervisor-*" */
	HV_KVM = 1 << 2,	/* "linux,kvm" */
	HV_OTHER = 1 << 3,	/* /hypervisor with another compatible */
};

int hv_is_xen_compat(const char *s);
int hv_is_epapr_compat(const char *s);
/* A set of enum hv_kind; 0 when n is not a hypervisor node. A
 * reserved-memory child named hypervisor@... has no such compatible and is
 * not one. */
unsigned hv_kind(const struct dtidy_node *n);
/* Calls fn for every node of the tree whose hv_kind shares a bit with
 * `kinds`, passing that node's kind. */
void hv_each_node(struct dtidy_ctx *ctx, unsigned kinds,
		  void (*fn)(struct dtidy_ctx *ctx, const struct dtidy_node *n, unsigned kind));

/* Where a missing property is reported: the node's name, where it was
 * first written. */
struct dtidy_loc hv_node_loc(const struct dtidy_node *n);
/* The value of cells[first..first+n) as one number (big-endian cells). */
uint64_t hv_cells_value(const struct dtidy_cell *const *cells, size_t first, size_t n);

/* A fix for a string-list property: puts its strings in `order` (a
 * permutation of their indices), when every string is written as a plain
 * literal in one file. Returns 1 when a fix was attached. */
int hv_fix_string_order(struct dtidy_report *r, const struct dtidy_prop *p,
			const size_t *order, size_t n);

#endif
