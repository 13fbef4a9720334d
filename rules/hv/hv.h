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

/* Sets the subject of a finding (its node, and its property or NULL; the
 * node may be NULL when the property is given) for JSON and SARIF, and
 * returns it: hv_about(dtidy_report(ctx, loc, ...), node, prop). */
struct dtidy_report *hv_about(struct dtidy_report *r, const struct dtidy_node *n,
			      const struct dtidy_prop *p);

/* Where a missing property is reported: the node's name, where it was
 * first written. */
struct dtidy_loc hv_node_loc(const struct dtidy_node *n);
/* The value of cells[first..first+n) as one number (big-endian cells). */
uint64_t hv_cells_value(const struct dtidy_cell *const *cells, size_t first, size_t n);

/* Total bits of a value made only of cells (<...> and /bits/ N <...>); 0
 * for strings, bytes, references to paths or an empty value. */
unsigned hv_value_bits(const struct dtidy_prop *p);
/* A number written as one 32-bit cell: 1 and *v, else 0. */
int hv_prop_u32(const struct dtidy_prop *p, uint32_t *v);
/* A 64-bit number: two 32-bit cells <hi lo> or /bits/ 64 <v>. */
int hv_prop_u64(const struct dtidy_prop *p, uint64_t *v);
/* The value's 32-bit cells in a malloc'd array (NULL when there are none
 * or the value is not made of 32-bit cells); *n gets the count. */
const struct dtidy_cell **hv_cells(const struct dtidy_prop *p, size_t *n);
/* The one string of a property, or NULL. */
const char *hv_prop_str(const struct dtidy_prop *p);

/* What is wrong with a list of numbers and inclusive A-B ranges separated
 * by commas ("0-3,5"), as Xen parses llc-colors and hard-affinity; NULL
 * when nothing is. `base` is strtoul's (10, or 0 for C syntax);
 * `ascending` also wants the items in ascending order without overlap. */
const char *hv_range_list_error(const char *s, int base, int ascending);

/* ---- /chosen, where a Xen host tree describes what Xen builds ---- */

/* Is n /chosen, or the __overlay__ of an overlay fragment whose target is
 * &chosen or the path "/chosen"? */
int hv_is_chosen(const struct dtidy_node *n);
/* Could n be /chosen? /chosen itself, or the __overlay__ of a fragment
 * whose target this file cannot resolve (an overlay of a label of the base
 * tree): a location rule does not report what it cannot know. */
int hv_maybe_chosen(const struct dtidy_tree *t, const struct dtidy_node *n);
/* How deep n sits below /chosen (1: a child of /chosen), or 0 when it is
 * not inside /chosen. */
int hv_chosen_depth(const struct dtidy_node *n);
/* Is n a dom0less domain: compatible "xen,domain"? */
int hv_is_xen_domain(const struct dtidy_node *n);
/* The domain a node of /chosen belongs to: the xen,domain ancestor, or
 * NULL for dom0 (directly in /chosen). */
const struct dtidy_node *hv_xen_domain_of(const struct dtidy_node *n);
/* #address-cells or #size-cells as Xen reads them for the properties of n:
 * the parent's value, else the nearest ancestor's (Xen's early scan and
 * dt_n_addr_cells() inherit it, unlike the Devicetree spec). -1 when no
 * ancestor sets it: a fragment or an overlay, whose includer decides. */
int hv_xen_cells(const struct dtidy_node *n, const char *name);

/* Calls fn for every node compatible with `compat`. */
void hv_each_compatible(struct dtidy_ctx *ctx, const char *compat,
			void (*fn)(struct dtidy_ctx *ctx, const struct dtidy_node *n));
/* The node a phandle cell points at (by reference or by number). */
const struct dtidy_node *hv_cell_target(const struct dtidy_tree *t, const struct dtidy_cell *c);
/* The interrupts of n hold `want` specifiers of its interrupt parent:
 * reports a missing property (unless interrupts-extended is there, for
 * `what`, e.g. "byte channel bc0 lacks interrupts: ...") and a wrong
 * count. An unknown interrupt parent is left to the structural rules. */
void hv_need_interrupts(struct dtidy_ctx *ctx, const struct dtidy_node *n, long want,
			const char *missing, const char *counted);
/* "a flag: no value" check: reports a property given a value. */
void hv_need_flag(struct dtidy_ctx *ctx, const struct dtidy_node *n, const char *name,
		  const char *why);

/* A fix for a string-list property: puts its strings in `order` (a
 * permutation of their indices), when every string is written as a plain
 * literal in one file. Returns 1 when a fix was attached. */
int hv_fix_string_order(struct dtidy_report *r, const struct dtidy_prop *p,
			const size_t *order, size_t n);

/* A fix replacing the i-th string of a string list by `to`, when it is a
 * plain literal. Returns 1 when a fix was attached. */
int hv_fix_string(struct dtidy_report *r, const struct dtidy_prop *p, size_t i, const char *to);

#endif
