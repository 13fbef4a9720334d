/* mixed-indent-chars: an indent made of both tabs and blanks. */
#include "../context.h"
#include "style.h"

static void check(struct dtidy_ctx *ctx)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	for (size_t i = 0; i < sf.nlines; i++) {
		const struct style_line *l = &sf.lines[i];
		if (l->kind == SL_PP || l->kind == SL_BLANK)
			continue;
		const char *s = sf.text + l->start;
		size_t n = l->indent_end - l->start, spaces = 0;
		int space_tab = 0;
		for (size_t k = 0; k < n; k++) {
			spaces += s[k] == ' ';
			if (k && s[k] == '\t' && s[k - 1] == ' ')
				space_tab = 1;
		}
		if (space_tab)
			style_report(&sf, l->start, l->indent_end, "mixed tabs and spaces in indent");
		if (spaces > 7)
			style_report(&sf, l->start, l->indent_end,
				     "too many space characters in indent (more than 7)");
	}
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_mixed_indent_chars = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "mixed-indent-chars",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "an indent with a blank before a tab, or more than 7 blanks",
	.help = "DTS indents with tabs; blanks may follow the tabs only to align a\n"
		"continuation or the body of a block comment, so never a blank before a\n"
		"tab and never more than 7 blanks (dt-check-style's mixed-indent-chars,\n"
		"for DTS files). Every line but preprocessor lines counts.\n"
		"\n"
		"Bad (a blank, then a tab; then eight blanks):\n"
		"\t \treg = <0x1000 0x100>;\n"
		"\t        status = \"okay\";\n"
		"\n"
		"Good (tabs, then blanks that align):\n"
		"\t\treg = <0x1000 0x100>,\n"
		"\t\t      <0x2000 0x100>;\n",
	.check = check,
};
