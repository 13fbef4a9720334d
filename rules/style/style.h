/* What the kernel-style rules share: kstyle's view of the checked file as
 * lines (kstyle/lines.h), the kernel's orders (kstyle/order.h), and here
 * what only rules do with them: open the file from a rule's context, report
 * findings, check orders and offer fixes that sort.
 *
 * A rule opens the file, looks, reports, closes:
 *
 *	struct style_file sf;
 *	if (style_open(&sf, ctx))
 *		return;
 *	for (size_t i = 0; i < sf.nlines; i++) ...
 *	style_close(&sf);
 */
#ifndef DTIDY_STYLE_H
#define DTIDY_STYLE_H

#include <stddef.h>
#include <stdint.h>

#include "../../include/dtidy/rule.h"
#include "../../kstyle/lines.h"
#include "../../kstyle/order.h"
#include "../../kstyle/reorder.h"

/* Opens the checked file of a rule's context (sf->owner is ctx). 0 on
 * success; -1 when the rule has nothing to read. */
int style_open(struct style_file *sf, struct dtidy_ctx *ctx);

/* The whole of a rule that looks at one body at a time: opens the checked
 * file, calls fn for every body (as style_each_body), closes the file. */
void style_check_bodies(struct dtidy_ctx *ctx,
			void (*fn)(const struct style_file *sf, const struct cst *body, void *ud),
			void *ud);

/* Reports a finding on bytes [start, end) of the checked file. */
struct dtidy_report *style_report(const struct style_file *sf, uint32_t start, uint32_t end,
				  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Reports on a line: from its first non-blank byte to its end. */
struct dtidy_report *style_report_line(const struct style_file *sf, size_t line,
				       const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- blanks between tokens (style_rule.c) ---- */

/* The blanks (a TK_WS token) right before token t when a significant token
 * on the same line comes right before them (not the indent, not after a
 * comment), or STYLE_NONE. */
uint32_t style_ws_before(const struct style_file *sf, uint32_t t);
/* The blanks right after token t when a significant token on the same line
 * follows them, or STYLE_NONE. */
uint32_t style_ws_after(const struct style_file *sf, uint32_t t);
/* More blanks than one space: two or more characters, or a tab. */
int style_ws_redundant(const struct style_file *sf, uint32_t ws);

/* ---- sibling order (style_siblings.c) ---- */

/* Reports that item belongs before prev; returns the report. */
typedef struct dtidy_report *(*style_say_fn)(const struct style_file *sf, const struct cst *item,
					     const struct cst *prev, void *ud);

/* Checks that items (statements of body, in source order) are sorted by
 * cmp. Each item is compared with the items that can come right before it
 * in some configuration (not across #if / #else branches), as
 * dt-check-style compares neighbours. With fix set, the first finding of
 * the body carries a fix that sorts them all (style_fix_reorder). */
void style_check_order(const struct style_file *sf, const struct cst *body,
		       const struct cst **items, size_t n, style_cmp_fn cmp, style_say_fn say,
		       void *ud, int fix);

/* The whole of an order rule (property-order, child-address-order,
 * child-name-order): every body's group of `kind` checked in order, the
 * first finding of a body carrying the fix that sorts it. */
void style_check_group_order(struct dtidy_ctx *ctx, int kind, style_say_fn say);

/* ---- reordering fixes (style_fix.c) ---- */

/* The statements of one body that a rule wants in another order. */
struct style_reorder {
	const struct cst **items;	/* in source order */
	size_t n;
	/* wanted[i]: the item that belongs in items[i]'s place */
	const struct cst **wanted;
};

/* Attaches to r an edit that moves whole lines (each statement with the
 * comments just above it and on its last line) into the wanted order, after
 * proving that the file still means the same: the result is parsed again
 * and its nodes and properties compared with the original's, and nothing is
 * moved in a body that style_reorder_refusal refuses. Returns 1 when the
 * fix was attached. */
int style_fix_reorder(const struct style_file *sf, const struct cst *body,
		      const struct style_reorder *ro, struct dtidy_report *r);

#endif
