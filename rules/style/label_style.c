/* label-style: labels in lower case, digits and '_'. */
#include "../context.h"
#include "style.h"

static int ok_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static void check(struct dtidy_ctx *ctx)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	for (size_t i = 0; i < sf.ntoks; i++) {
		const struct dt_token *t = &sf.toks[i];
		if (t->kind != TK_LABEL || t->len < 2)
			continue;
		const char *s = sf.text + t->off;
		size_t n = t->len - 1;	/* without the ':' */
		if (style_macro_like(s, n))
			continue;
		size_t k = 0;
		while (k < n && ok_char(s[k]))
			k++;
		if (k < n)
			style_report(&sf, t->off, t->off + (uint32_t)n,
				     "label '%.*s' should use only lower-case letters, digits and '_'",
				     (int)n, s);
	}
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_label_style = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "label-style",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "a label with characters other than a-z, 0-9 and '_'",
	.help = "Labels use lower-case letters, digits and underscores only\n"
		"(dts-coding-style.rst, \"Naming and Valid Characters\": dashes in node\n"
		"names, underscores in labels). Every label written in the file counts,\n"
		"on nodes, properties and inside values.\n"
		"\n"
		"Bad:\n"
		"\tUART0: serial@1000 { };\n"
		"\tsd-card: mmc@2000 { };\t\t// not even valid: '-' ends a label\n"
		"\n"
		"Good:\n"
		"\tuart0: serial@1000 { };\n"
		"\tsd_card: mmc@2000 { };\n",
	.check = check,
};
