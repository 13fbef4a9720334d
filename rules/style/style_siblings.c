/* Checking that siblings come in order, and offering to sort them: the
 * runner of the three order rules (property-order, child-address-order,
 * child-name-order) over kstyle's orders. */
#include <stdlib.h>

#include "../../core/xalloc.h"
#include "../context.h"
#include "style.h"

void style_check_order(const struct style_file *sf, const struct cst *body,
		       const struct cst **items, size_t n, style_cmp_fn cmp, style_say_fn say,
		       void *ud, int fix)
{
	struct dtidy_report *first = NULL;
	if (n < 2)
		return;
	/* each item's first token, found once: the look back below visits
	 * an item again for every later one in a closed #if */
	uint32_t sig_stack[64];
	uint32_t *sig = n <= 64 ? sig_stack : xmalloc(n * sizeof(*sig));
	for (size_t i = 0; i < n; i++)
		sig[i] = style_first_sig(sf, items[i]);
	for (size_t i = 1; i < n; i++) {
		uint32_t ti = sig[i];
		/* the items that can come right before this one: the nearest
		 * one outside any #if it is not in, and on the way there the
		 * last ones of each branch of a closed #if */
		for (size_t j = i; j-- > 0;) {
			uint32_t tj = sig[j];
			if (!style_same_config(sf, tj, ti))
				continue;
			if (cmp(sf, items, i, j, ud) < 0) {
				struct dtidy_report *r = say(sf, items[i], items[j], ud);
				if (!first)
					first = r;
				break;
			}
			if (style_encloses(sf, tj, ti))
				break;
		}
	}
	if (sig != sig_stack)
		free(sig);
	if (!first || !fix)
		return;
	size_t *order = style_sorted_order(sf, items, n, cmp, ud);
	const struct cst **wanted = xmalloc(n * sizeof(*wanted));
	for (size_t i = 0; i < n; i++)
		wanted[i] = items[order[i]];
	free(order);
	struct style_reorder ro = {.items = items, .n = n, .wanted = wanted};
	style_fix_reorder(sf, body, &ro, first);
	free(wanted);
}

struct order_rule {
	int kind;
	style_say_fn say;
};

static void check_body(const struct style_file *sf, const struct cst *body, void *ud)
{
	const struct order_rule *r = ud;
	struct style_group g;
	style_group_init(&g, sf, body, r->kind);
	style_check_order(sf, body, g.items, g.n, style_group_cmp, r->say, &g,
			  rule_ctx_wants_fixes(sf->owner));
	style_group_free(&g);
}

void style_check_group_order(struct dtidy_ctx *ctx, int kind, style_say_fn say)
{
	struct order_rule r = {kind, say};
	style_check_bodies(ctx, check_body, &r);
}
