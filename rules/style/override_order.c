/* override-order: &label { } overrides at the top level sorted by label. */
#include <stdlib.h>

#include "../../core/xalloc.h"
#include "../context.h"
#include "style.h"

/* The label of an override, without the '&'. */
static const char *label_of(const struct style_file *sf, const struct cst *c, size_t *n)
{
	const struct dt_token *t = &sf->toks[c->tok];
	*n = t->len - 1;
	return sf->text + t->off + 1;
}

static int cmp(const struct style_file *sf, const struct cst *const *items, size_t a, size_t b,
	       void *ud)
{
	(void)ud;
	size_t an, bn;
	const char *la = label_of(sf, items[a], &an), *lb = label_of(sf, items[b], &bn);
	return style_natcmp(la, an, lb, bn);
}

static struct dtidy_report *say(const struct style_file *sf, const struct cst *item,
				const struct cst *prev, void *ud)
{
	(void)ud;
	size_t n, pn;
	const char *l = label_of(sf, item, &n), *pl = label_of(sf, prev, &pn);
	uint32_t off = sf->toks[item->tok].off;
	return style_report(sf, off, off + (uint32_t)n + 1,
			    "override &%.*s out of order (should sort before &%.*s)", (int)n, l,
			    (int)pn, pl);
}

static void check(struct dtidy_ctx *ctx)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	const struct cst **items = NULL;
	size_t n = 0, cap = 0;
	CST_FOREACH(c, sf.cst->root)
	{
		if (c->kind == CST_REF_NODE && c->tok != CST_NONE && sf.toks[c->tok].kind == TK_REF &&
		    sf.toks[c->tok].len > 1)
			VEC_PUSH(items, n, cap, c);
	}
	/* no fix: two labels may name one node, and then order matters */
	style_check_order(&sf, sf.cst->root, items, n, cmp, say, NULL, 0);
	free(items);
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_override_order = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "override-order",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "&label { } overrides not sorted by label",
	.help = "The &label { } nodes that a board file adds to or changes in its SoC's\n"
		"nodes come sorted by label, in natural order (&i2c2 before &i2c10), so\n"
		"each is easy to find and merges do not collide (dts-coding-style.rst,\n"
		"\"Order of Nodes\"). &{/path} overrides have no label and are left where\n"
		"they are; overrides in different branches of an #if / #else are not\n"
		"compared. Not fixed automatically: two labels may name the same node,\n"
		"and then the later override wins.\n"
		"\n"
		"Bad:\n"
		"\t&uart0 {\n"
		"\t\tstatus = \"okay\";\n"
		"\t};\n"
		"\n"
		"\t&i2c1 {\n"
		"\t\tstatus = \"okay\";\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\t&i2c1 {\n"
		"\t\tstatus = \"okay\";\n"
		"\t};\n"
		"\n"
		"\t&uart0 {\n"
		"\t\tstatus = \"okay\";\n"
		"\t};\n",
	.check = check,
};
