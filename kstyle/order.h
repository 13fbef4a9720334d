/* The orders the kernel's DTS coding style asks for, as dt-check-style
 * checks them: natural name order, unit-address order and the canonical
 * property order. The style rules check them; format --sort and the
 * rules' fixes sort by them.
 *
 *	struct style_group g;
 *	style_group_init(&g, sf, body, SG_PROPS);
 *	size_t *order = style_sorted_order(sf, g.items, g.n, style_group_cmp, &g);
 *	...
 *	free(order);
 *	style_group_free(&g);
 */
#ifndef DTIDY_KSTYLE_ORDER_H
#define DTIDY_KSTYLE_ORDER_H

#include <stddef.h>

#include "lines.h"

/* Natural order, as dt-check-style sorts: runs of digits compare as numbers
 * ("foo2" < "foo10"), the rest byte by byte, a digit run before text. */
int style_natcmp(const char *a, size_t alen, const char *b, size_t blen);

/* Unit addresses as comma-separated hex numbers; 0 when a part is not hex
 * (such nodes are left out of address order). */
int style_parse_unit(const char *unit, size_t len);
int style_unitcmp(const char *a, size_t alen, const char *b, size_t blen);

/* The kernel's property order. Keys are computed for all the properties of
 * one body at once (pairing "<x>-names" with "<x>" needs the others). In
 * the root node (root set) model comes first and device_type is a standard
 * property, as in dt-check-style since the 7.4 cycle. */
struct style_prop_key {
	int bucket;		/* device_type (root: model), compatible, reg, ranges,
				 * standard, vendor, status */
	int fixed;		/* position inside a fixed bucket (reg, reg-names) */
	const char *anchor;	/* standard/vendor: name sorted by, '#' stripped */
	size_t anchor_len;
	int tiebreak;		/* 1: paired after its anchor */
};
void style_prop_keys(const char *const *names, const size_t *lens, size_t n, int root,
		     struct style_prop_key *keys);
int style_prop_keycmp(const struct style_prop_key *a, const struct style_prop_key *b);

/* Orders items[a] and items[b]: < 0 when a belongs before b. */
typedef int (*style_cmp_fn)(const struct style_file *sf, const struct cst *const *items,
			    size_t a, size_t b, void *ud);

/* Indices 0..n-1 of items in cmp's order, stable (equal keys keep their
 * order); malloc'd. */
size_t *style_sorted_order(const struct style_file *sf, const struct cst *const *items,
			   size_t n, style_cmp_fn cmp, void *ud);

/* ---- the kernel's orders of a body ---- */

/* The root node's children (style_is_root_body) are all in SG_NAME, ordered
 * by name without their unit address, as dt-check-style orders them since
 * the 7.4 cycle (memory@80000000 sorts as "memory"). */
enum style_group_kind {
	SG_PROPS,	/* properties: property-order */
	SG_ADDRESS,	/* nodes with a hexadecimal unit address: child-address-order */
	SG_NAME,	/* nodes without a unit address (at the root: all): child-name-order */
	SG__COUNT
};

/* The statements of one body that one order covers, in source order. */
struct style_group {
	int kind;
	int root;			/* the body is the root node */
	const struct cst **items;
	size_t n;
	struct style_prop_key *keys;	/* SG_PROPS */
};

void style_group_init(struct style_group *g, const struct style_file *sf,
		      const struct cst *body, int kind);
void style_group_free(struct style_group *g);
/* A style_cmp_fn over g->items; ud is the struct style_group. */
int style_group_cmp(const struct style_file *sf, const struct cst *const *items, size_t a,
		    size_t b, void *ud);
/* The unit address of a named node ("1000" of "uart@1000"), or NULL. */
const char *style_unit_of(const struct style_file *sf, const struct cst *c, size_t *n);

#endif
