/* override-unchanged (beyond dtc)
 *
 * A property set again, in the same file, to exactly the value it already
 * had: typically status = "okay" in a &label { } override of a node the
 * same board already enabled, or a line copied into a second body. The
 * second definition changes nothing, and it misleads the next reader, who
 * takes it for a change and may edit one copy only. Definitions in two
 * different files are not reported: a board restating a .dtsi default is
 * a choice the board makes, not a slip. */

#include "include/dtidy/rule.h"

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	for (size_t i = 0; i < t->nnoops; i++) {
		const struct dtidy_noop *o = &t->noops[i];
		/* the same statement reached twice (a file included twice) is
		 * not two definitions in the text */
		if (o->kind != DTIDY_NOOP_SAME_VALUE || !o->loc.file ||
		    o->loc.file != o->prev.file || o->loc.start == o->prev.start)
			continue;
		unsigned line, col;
		dtidy_loc_linecol(o->prev, &line, &col);
		struct dtidy_report *r = dtidy_report(ctx, o->loc,
			"'%s' of %s is set again to the value line %u gave it: this "
			"definition has no effect", o->name, o->path, line);
		if (r)
			dtidy_report_related(r, o->prev, "the same value is set here");
		const struct dtidy_node *n = dtidy_resolve(t, o->path);
		dtidy_report_subject(r, n, n ? dtidy_prop_get(n, o->name) : NULL);
	}
}

const struct dtidy_rule dtidy_rule_override_unchanged = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "override-unchanged",
	.family = "structural",
	.severity = DTIDY_SEV_NOTE,
	.description = "a property set twice in one file to the same value",
	.help =
		"A property set again, in the same file, to the value it already has\n"
		"changes nothing: dtc keeps the last definition, which equals the one\n"
		"before. It is usually a status = \"okay\" repeated in a &label { }\n"
		"override, or a line copied into a second body; a reader takes it for a\n"
		"change, and an edit to one copy leaves the other behind. Values are\n"
		"compared as dtc would store them (macros expanded, references by\n"
		"name). A board restating a value from an included .dtsi is not\n"
		"reported: only two definitions in one file are.\n"
		"\n"
		"Bad:\n"
		"\t&uart0 {\n"
		"\t\tstatus = \"okay\";\n"
		"\t};\n"
		"\t...\n"
		"\t&uart0 {\n"
		"\t\tcurrent-speed = <115200>;\n"
		"\t\tstatus = \"okay\";\n"
		"\t};\n"
		"Good:\n"
		"\t&uart0 {\n"
		"\t\tcurrent-speed = <115200>;\n"
		"\t\tstatus = \"okay\";\n"
		"\t};\n",
	.check = check,
};
