/* alias-paths (dtc: alias_paths, warning; kernel W=1): every /aliases
 * property names an existing node by path, and alias names use lower case,
 * digits and '-'. Paths are looked up as dtc does: whole node names, the
 * root's children also without the leading '/', and "" is the root. */
#include <string.h>

#include "dtc_util.h"

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		if (strcmp(n->name, "aliases") != 0)
			continue;
		DTIDY_FOREACH_PROP(p, n) {
			if (strcmp(p->name, "phandle") == 0 || strcmp(p->name, "linux,phandle") == 0)
				continue;
			/* An overlay's aliases name nodes of the base tree,
			 * which is not here: only the names are checked. */
			if (!t->plugin) {
				struct pval v;
				pval_get(t, p, &v);
				int bad = !v.len || !dtc_node_by_path(t, (const char *)v.b, v.len);
				if (bad)
					fail_prop(ctx, p, "alias \"%s\" does not name a node (%.*s)", p->name,
						  v.len ? (int)strnlen((const char *)v.b, v.len) : 0,
						  v.len ? (const char *)v.b : "");
				pval_free(&v);
				if (bad)
					continue;
			}
			if (strspn(p->name, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(p->name))
				fail_node(ctx, n, "alias name \"%s\" may use only lower case, digits and '-'",
					  p->name);
		}
	}
}

const struct dtidy_rule dtidy_rule_alias_paths = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "alias-paths",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "alias to a missing node, or alias name with bad characters",
	.help =
		"Each property of /aliases is a path (or &label) of an existing node, and\n"
		"its name uses lower case letters, digits and '-'.\n"
		"\n"
		"Bad:\n\tserial_0 = \"/soc/serial@1000\";\n"
		"Good:\n\tserial0 = &uart0;\n",
	.dtc_check = "alias_paths",
	.level = 1,
	.check = check,
};
