/* required-blank-lines: a blank line before each child node and before
 * "status", unless it opens the body. */
#include <string.h>

#include "../context.h"
#include "style.h"

static int is_status(const struct style_file *sf, const struct cst *c)
{
	if (c->kind != CST_PROP || c->tok == CST_NONE)
		return 0;
	const struct dt_token *t = &sf->toks[c->tok];
	return t->len == 6 && !memcmp(sf->text + t->off, "status", 6);
}

static int blank_between(const struct style_file *sf, size_t from, size_t to)
{
	for (size_t i = from + 1; i < to; i++)
		if (sf->lines[i].kind == SL_BLANK)
			return 1;
	return 0;
}

static void body(const struct style_file *sf, const struct cst *b, void *ud)
{
	(void)ud;
	if (b->kind == CST_FILE)
		return;
	const struct cst *prev = NULL;
	CST_FOREACH(c, b)
	{
		uint32_t first = style_first_sig(sf, c);
		if (c->kind == CST_LABEL || first == STYLE_NONE)
			continue;
		int node = style_is_node(c);
		if ((node || is_status(sf, c)) && prev) {
			size_t pl = style_line_of(sf, sf->toks[style_last_sig(sf, prev)].off);
			size_t cl = style_line_of(sf, sf->toks[first].off);
			if (!blank_between(sf, pl, cl))
				style_report_line(sf, cl, node ? "child node must be preceded by a blank line"
							       : "\"status\" must be preceded by a blank line");
		}
		prev = c;
	}
}

static void check(struct dtidy_ctx *ctx)
{
	style_check_bodies(ctx, body, NULL);
}

const struct dtidy_rule dtidy_rule_required_blank_lines = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "required-blank-lines",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "a child node or \"status\" without a blank line before it",
	.help = "Inside a node, a blank line comes before each child node and before\n"
		"\"status\", unless it is the first thing in the body\n"
		"(dts-coding-style.rst, \"Order of Properties in Device Node\";\n"
		"dt-check-style's required-blank-lines). Comments and preprocessor lines\n"
		"in between do not count as content; a blank line anywhere between the\n"
		"two statements does.\n"
		"\n"
		"Bad:\n"
		"\tserial@1000 {\n"
		"\t\tcompatible = \"acme,uart\";\n"
		"\t\tstatus = \"okay\";\n"
		"\t\tbluetooth {\n"
		"\t\t};\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\tserial@1000 {\n"
		"\t\tcompatible = \"acme,uart\";\n"
		"\n"
		"\t\tstatus = \"okay\";\n"
		"\n"
		"\t\tbluetooth {\n"
		"\t\t};\n"
		"\t};\n",
	.check = check,
};
