/* mixed-indent-chars: an indent made of both tabs and blanks. */
#include <string.h>

#include "../context.h"
#include "style.h"

static void check(struct dtidy_ctx *ctx)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	for (size_t i = 0; i < sf.nlines; i++) {
		const struct style_line *l = &sf.lines[i];
		if (l->kind == SL_PP || l->kind == SL_BLANK || l->indent_end == l->start)
			continue;
		size_t n = l->indent_end - l->start;
		const char *s = sf.text + l->start;
		if (memchr(s, ' ', n) && memchr(s, '\t', n))
			style_report(&sf, l->start, l->indent_end, "mixed tabs and spaces in indent");
	}
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_mixed_indent_chars = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "mixed-indent-chars",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "an indent mixing tabs and blanks",
	.help = "A line's indent is made only of tabs or only of blanks, never both\n"
		"(dt-check-style's mixed-indent-chars). As in that tool, every line but\n"
		"preprocessor lines counts: the body of a block comment (\"\\t * text\")\n"
		"and a continuation aligned with tabs then blanks are reported too.\n"
		"\n"
		"Bad (a tab, then blanks):\n"
		"\t    reg = <0x1000 0x100>;\n"
		"\n"
		"Good:\n"
		"\treg = <0x1000 0x100>;\n",
	.check = check,
};
