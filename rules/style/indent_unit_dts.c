/* indent-unit-dts: one tab per nesting level. */
#include "../context.h"
#include "style.h"

/* The indent shown the way dt-check-style prints it: '\t' or blanks. */
static void show(const char *s, size_t n, char *buf, size_t size)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 3 < size; i++) {
		if (s[i] == '\t') {
			buf[o++] = '\\';
			buf[o++] = 't';
		} else {
			buf[o++] = s[i];
		}
	}
	buf[o] = '\0';
}

static void check(struct dtidy_ctx *ctx)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	size_t u = style_indent_unit_line(&sf);
	if (u != (size_t)-1 && !style_indent_is_tab(&sf, u)) {
		const struct style_line *l = &sf.lines[u];
		char buf[64];
		show(sf.text + l->start, l->indent_end - l->start, buf, sizeof(buf));
		style_report(&sf, l->start, l->indent_end, "indent unit must be 1 tab in DTS, got '%s'",
			     buf);
	}
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_indent_unit_dts = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "indent-unit-dts",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "the file is not indented with one tab per level",
	.help = "DTS files indent with one tab per nesting level (dts-coding-style.rst;\n"
		"dt-check-style's indent-unit-dts). The unit is read from the first\n"
		"indented line one level deep, and reported there; indent-consistent\n"
		"then checks every line against it.\n"
		"\n"
		"Bad:\n"
		"\t/ {\n"
		"\t    model = \"Acme board\";\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\t/ {\n"
		"\t\tmodel = \"Acme board\";\n"
		"\t};\n",
	.check = check,
};
