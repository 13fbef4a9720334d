/* deleted-missing (beyond dtc)
 *
 * dtc applies /delete-node/ and /delete-property/ while it merges the
 * tree, and when the name matches nothing at that point it goes on
 * without a word. Such a statement is a misspelt name, a node renamed in
 * the .dtsi, or an order mistake (the deletion comes before the
 * definition); in every case the tree keeps what the author meant to
 * remove. The model lists these statements where they are written, also
 * in an included .dtsi. /delete-node/ &label with an unknown label is not
 * one of them: dtc rejects it (phandle-references reports it). */
#include "include/dtidy/rule.h"

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	for (size_t i = 0; i < t->nnoops; i++) {
		const struct dtidy_noop *o = &t->noops[i];
		const char *what = o->kind == DTIDY_NOOP_DELETE_NODE ? "node" : "property";
		struct dtidy_report *r = NULL;
		if (o->in_new_node && o->kind != DTIDY_NOOP_SAME_VALUE)
			r = dtidy_report(ctx, o->loc,
				     "/delete-%s/ %s; has no effect: %s is first defined in this body, "
				     "and dtc deletes only what an earlier body defined", what,
				     o->name, o->path);
		else if (o->kind == DTIDY_NOOP_DELETE_NODE)
			r = dtidy_report(ctx, o->loc,
				     "/delete-node/ %s; has no effect: %s has no child node '%s' "
				     "at this point", o->name, o->path, o->name);
		else if (o->kind == DTIDY_NOOP_DELETE_PROP)
			r = dtidy_report(ctx, o->loc,
				     "/delete-property/ %s; has no effect: %s has no property '%s' "
				     "at this point", o->name, o->path, o->name);
		/* about the node the statement applied to (gone if a later
		 * statement deleted it) */
		dtidy_report_subject(r, dtidy_resolve(t, o->path), NULL);
	}
}

const struct dtidy_rule dtidy_rule_deleted_missing = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "deleted-missing",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "/delete-node/ or /delete-property/ of something that does not exist",
	.help =
		"dtc applies /delete-node/ name; and /delete-property/ name; while it\n"
		"merges the tree, and silently ignores one that names nothing there at\n"
		"that point: a misspelt name, a node renamed or given another unit\n"
		"address in the .dtsi, or a deletion written before the definition it\n"
		"means. Nor does dtc delete anything inside the body that first defines\n"
		"a node, even a property set a line above. The tree then keeps what was\n"
		"meant to go. The finding is at the statement, also when it is in an\n"
		"included .dtsi.\n"
		"\n"
		"Bad (soc.dtsi defines serial@1000):\n"
		"\t&soc {\n"
		"\t\t/delete-node/ serial@10000;\n"
		"\t};\n"
		"Good:\n"
		"\t&soc {\n"
		"\t\t/delete-node/ serial@1000;\n"
		"\t};\n",
	.check = check,
};
