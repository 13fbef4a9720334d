/* redundant-whitespace-strict: more than one space around a property's '='
 * (dt-check-style's rule of the same name, strict mode, 7.4 cycle). */
#include "../context.h"
#include "style.h"

static void check(struct dtidy_ctx *ctx)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	for (size_t m = 0; m < sf.nmarks; m++) {
		uint32_t t = sf.marks[m];
		if (sf.toks[t].kind != TK_EQ)
			continue;
		uint32_t ws = style_ws_before(&sf, t);
		if (ws != STYLE_NONE && style_ws_redundant(&sf, ws))
			style_report(&sf, sf.toks[ws].off, sf.toks[t].off, "extra whitespace before =");
		ws = style_ws_after(&sf, t);
		if (ws != STYLE_NONE && style_ws_redundant(&sf, ws))
			style_report(&sf, sf.toks[ws].off, sf.toks[ws].off + sf.toks[ws].len,
				     "extra whitespace after =");
	}
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_redundant_whitespace_strict = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "redundant-whitespace-strict",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "more than one space before or after a property's '='",
	.help = "A property's '=' has one space on each side (dt-check-style's\n"
		"redundant-whitespace-strict, strict mode): no tabs or runs of blanks\n"
		"to line values up. A value that starts on the next line is fine.\n"
		"\n"
		"Bad:\n"
		"\tcompatible\t= \"acme,uart\";\n"
		"\treg =  <0x1000 0x100>;\n"
		"\n"
		"Good:\n"
		"\tcompatible = \"acme,uart\";\n"
		"\treg = <0x1000 0x100>;\n",
	.check = check,
};
