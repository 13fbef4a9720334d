/* phandle-references and path-references (dtc errors): every &label and
 * &{/path} in a value must name a node of the tree. In an overlay
 * (/plugin/), unresolved phandle references are resolved at apply time and
 * are not errors; path references still must resolve. A .dtsi checked on
 * its own refers to labels of the files that include it: its references
 * are checked through the boards. So does a Zephyr .overlay or a ZMK
 * .keymap: the build applies it onto the board's devicetree, whose labels
 * it uses. */
#include <string.h>

#include "dtc_util.h"

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && strcmp(s + n - k, suffix) == 0;
}

/* A file that the build reads on top of another's tree. */
static int is_part(const char *path)
{
	return ends_with(path, ".dtsi") || ends_with(path, ".overlay") ||
	       ends_with(path, ".keymap");
}

static void check_refs(struct dtidy_ctx *ctx, int want_cells)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	if (is_part(dtidy_ctx_path(ctx)))
		return;
	FOREACH_CHECKED_NODE(n, t) {
		DTIDY_FOREACH_PROP(p, n) {
			for (size_t i = 0; i < p->nchunks; i++) {
				const struct dtidy_chunk *c = &p->chunks[i];
				if (want_cells && c->kind == DTIDY_CHUNK_CELLS) {
					if (t->plugin)
						continue;
					for (size_t k = 0; k < c->n; k++)
						if (c->cells[k].ref && !dtidy_resolve(t, c->cells[k].ref))
							dtidy_report_subject(
								dtidy_report(ctx, c->cells[k].loc,
									     "reference to unknown node or label \"%s\"",
									     c->cells[k].ref), n, p);
				} else if (!want_cells && c->kind == DTIDY_CHUNK_PATH) {
					if (!dtidy_resolve(t, c->ref))
						dtidy_report_subject(
							dtidy_report(ctx, c->loc,
								     "reference to unknown node or label \"%s\"",
								     c->ref), n, p);
				}
			}
		}
	}
}

static void check_phandle_refs(struct dtidy_ctx *ctx)
{
	check_refs(ctx, 1);
}

static void check_path_refs(struct dtidy_ctx *ctx)
{
	check_refs(ctx, 0);
}

const struct dtidy_rule dtidy_rule_phandle_references = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "phandle-references",
	.family = "structural",
	.severity = DTIDY_SEV_ERROR,
	.description = "&reference in cells to a label or path that does not exist",
	.help =
		"A <&label> or <&{/path}> in a cell list becomes the phandle of the node\n"
		"it names; the node must exist in the merged tree (after includes,\n"
		"/delete-node/ and /omit-if-no-ref/).\n"
		"\n"
		"Bad:\n\tclocks = <&clk_typo 1>;\nGood:\n\tclocks = <&clk 1>;\n",
	.dtc_check = "phandle_references",
	.check = check_phandle_refs,
};

const struct dtidy_rule dtidy_rule_path_references = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "path-references",
	.family = "structural",
	.severity = DTIDY_SEV_ERROR,
	.description = "&reference outside cells to a node that does not exist",
	.help =
		"A bare &label or &{/path} value becomes the full path of the node it\n"
		"names (as in aliases); the node must exist.\n"
		"\n"
		"Bad:\n\tserial0 = &uart9;\nGood:\n\tserial0 = &uart0;\n",
	.dtc_check = "path_references",
	.check = check_path_refs,
};
