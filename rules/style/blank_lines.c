/* blank-lines: no run of blank lines, none just inside a node's braces. */
#include "../context.h"
#include "style.h"

static void check(struct dtidy_ctx *ctx)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	for (size_t i = 0; i < sf.nlines; i++) {
		const struct style_line *l = &sf.lines[i];
		if (l->kind != SL_BLANK)
			continue;
		const struct style_line *prev = i ? &sf.lines[i - 1] : NULL;
		const struct style_line *next = i + 1 < sf.nlines ? &sf.lines[i + 1] : NULL;
		if (prev && prev->kind == SL_BLANK)
			style_report(&sf, l->start, l->end, "consecutive blank lines");
		if (prev && prev->kind == SL_CODE && (sf.role[prev->last_sig] & TR_OPEN))
			style_report(&sf, l->start, l->end, "blank line at start of node body");
		if (next && next->kind == SL_CODE && (sf.role[next->first_sig] & TR_CLOSE))
			style_report(&sf, l->start, l->end, "blank line at end of node body");
	}
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_blank_lines = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "blank-lines",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "two blank lines in a row, or a blank line just inside '{' or '};'",
	.help = "One blank line separates things; never two in a row, and none right\n"
		"after a node's '{' or right before its '};' (dt-check-style's\n"
		"blank-lines). The braces are the node's own, as parsed: a '{' in a\n"
		"comment or a macro does not count.\n"
		"\n"
		"Bad:\n"
		"\tserial@1000 {\n"
		"\n"
		"\t\tcompatible = \"acme,uart\";\n"
		"\n"
		"\n"
		"\t\tstatus = \"okay\";\n"
		"\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\tserial@1000 {\n"
		"\t\tcompatible = \"acme,uart\";\n"
		"\n"
		"\t\tstatus = \"okay\";\n"
		"\t};\n",
	.check = check,
};
