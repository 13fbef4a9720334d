/* trailing-whitespace: blanks at the end of a line (dt-check-style's rule of
 * the same name). Every line counts, comments included. */
#include "../context.h"
#include "style.h"

static void check(struct dtidy_ctx *ctx)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	for (size_t i = 0; i < sf.nlines; i++) {
		const struct style_line *l = &sf.lines[i];
		uint32_t e = l->end;
		while (e > l->start && (sf.text[e - 1] == ' ' || sf.text[e - 1] == '\t'))
			e--;
		if (e < l->end)
			style_report(&sf, e, l->end, "trailing whitespace");
	}
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_trailing_whitespace = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "trailing-whitespace",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "blanks or tabs at the end of a line",
	.help = "No line ends in blanks or tabs (Documentation/devicetree/bindings/\n"
		"dts-coding-style.rst; dt-check-style's trailing-whitespace). They are\n"
		"invisible, make noise in diffs and are flagged by checkpatch. Every line\n"
		"counts, comments included.\n"
		"\n"
		"Bad (the first line ends in a blank):\n"
		"\tcompatible = \"acme,uart\"; \n"
		"\n"
		"Good:\n"
		"\tcompatible = \"acme,uart\";\n",
	.check = check,
};
