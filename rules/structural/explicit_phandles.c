/* explicit-phandles (dtc: explicit_phandles, error): hand-written phandle
 * and linux,phandle values must be one valid cell, agree with each other,
 * point at the node itself when written as a reference, and be unique. */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "dtc_util.h"

struct owner {
	uint32_t ph;
	const struct dtidy_node *node;
};

/* The explicit value of one of the two properties, or 0. */
static uint32_t explicit_value(struct dtidy_ctx *ctx, const struct dtidy_tree *t,
			       const struct dtidy_node *n, const char *name)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, name);
	if (!p)
		return 0;
	struct pval v;
	pval_get(t, p, &v);
	uint32_t ph = 0;
	if (v.len != 4) {
		fail_prop(ctx, p, "%s must be one cell, not %zu bytes", name, v.len);
	} else if (v.nrefs) {
		/* <&self> asks dtc to allocate a phandle; anything else is nonsense */
		const struct dtidy_chunk *c = &p->chunks[0];
		const struct dtidy_node *target =
			c->kind == DTIDY_CHUNK_CELLS && c->n ? dtidy_resolve(t, c->cells[0].ref) : NULL;
		if (target && target != n)
			fail_node(ctx, n, "%s refers to another node", name);
	} else {
		ph = pval_cell(&v, 0);
		if (!phandle_is_valid(ph)) {
			fail_prop(ctx, p, "bad value (0x%x) in %s", ph, name);
			ph = 0;
		}
	}
	pval_free(&v);
	return ph;
}

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	struct owner *seen = NULL;
	size_t n_seen = 0, cap = 0;
	FOREACH_CHECKED_NODE(n, t) {
		uint32_t ph = explicit_value(ctx, t, n, "phandle");
		uint32_t lph = explicit_value(ctx, t, n, "linux,phandle");
		if (!ph && !lph)
			continue;
		if (ph && lph && ph != lph)
			fail_node(ctx, n, "phandle (0x%x) and linux,phandle (0x%x) differ", ph, lph);
		if (!ph)
			ph = lph;
		const struct dtidy_node *other = NULL;
		for (size_t i = 0; i < n_seen && !other; i++)
			if (seen[i].ph == ph)
				other = seen[i].node;
		if (other) {
			char path[512];
			struct dtidy_report *r = fail_node(ctx, n, "phandle 0x%x is already used by %s",
							   ph, node_path(other, path, sizeof(path)));
			if (r)
				dtidy_report_related(r, dtidy_node_loc(other), "used here");
			continue;
		}
		struct owner o = {ph, n};
		VEC_PUSH(seen, n_seen, cap, o);
	}
	free(seen);
}

const struct dtidy_rule dtidy_rule_explicit_phandles = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "explicit-phandles",
	.family = "structural",
	.severity = DTIDY_SEV_ERROR,
	.description = "invalid, conflicting or duplicated explicit phandle",
	.help =
		"A phandle written by hand must be a single cell other than 0 and\n"
		"0xffffffff, unique in the tree, and equal to linux,phandle if both are\n"
		"given. Prefer labels and &references: dtc assigns phandles itself.\n"
		"\n"
		"Bad:\n\ta { phandle = <1>; };\n\tb { phandle = <1>; };\n"
		"Good:\n\ta: a { };\n\tb { link = <&a>; };\n",
	.dtc_check = "explicit_phandles",
	.check = check,
};
