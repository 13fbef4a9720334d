/* indent-consistent: every line indented by one tab per level. */
#include "../context.h"
#include "style.h"

static int tabs_only(const char *s, size_t n, size_t want)
{
	if (n != want)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\t')
			return 0;
	return 1;
}

static void check(struct dtidy_ctx *ctx)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	size_t u = style_indent_unit_line(&sf);
	if (u == (size_t)-1 || !style_indent_is_tab(&sf, u)) {
		style_close(&sf);	/* no unit, or indent-unit-dts says it is wrong */
		return;
	}
	for (size_t i = 0; i < sf.nlines; i++) {
		const struct style_line *l = &sf.lines[i];
		if (l->kind == SL_BLANK || l->kind == SL_PP || l->kind == SL_COMMENT_BODY ||
		    l->cont)
			continue;
		size_t n = l->indent_end - l->start;
		/* an unindented comment is usually code commented out; an
		 * unindented statement inside a node is not */
		if (!n && (l->kind != SL_CODE || l->depth == 0))
			continue;
		if (!tabs_only(sf.text + l->start, n, (size_t)l->depth))
			style_report(&sf, l->start, l->indent_end > l->start ? l->indent_end : l->end,
				     "indent mismatch (expected %d tab%s)", l->depth,
				     l->depth == 1 ? "" : "s");
	}
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_indent_consistent = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "indent-consistent",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "a line not indented by one tab per nesting level",
	.help = "Every line is indented by exactly as many tabs as it is deep: properties\n"
		"and child nodes one more than their node, the closing '};' like its node\n"
		"(dt-check-style's indent-consistent). Continuation lines of a value are\n"
		"left to continuation-alignment; preprocessor lines and the inside of\n"
		"block comments are not checked, nor comments at column 0. The depth\n"
		"comes from the parsed file, so braces in comments, strings or macros do\n"
		"not shift it.\n"
		"\n"
		"Bad:\n"
		"\tserial@1000 {\n"
		"\t\t\tcompatible = \"acme,uart\";\n"
		"\t  };\n"
		"\n"
		"Good:\n"
		"\tserial@1000 {\n"
		"\t\tcompatible = \"acme,uart\";\n"
		"\t};\n",
	.check = check,
};
