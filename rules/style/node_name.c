/* node-name: node names in lower case, digits and '-'. */
#include <string.h>

#include "../context.h"
#include "style.h"

static int ok_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static void body(const struct style_file *sf, const struct cst *b, void *ud)
{
	(void)ud;
	CST_FOREACH(c, b)
	{
		size_t n;
		const char *name = style_node_name(sf, c, &n);
		if (!name || sf->toks[c->tok].kind != TK_NAME)
			continue;
		const char *at = memchr(name, '@', n);
		size_t base = at ? (size_t)(at - name) : n;
		if ((c->flags & CF_MACRO_NAME) || style_macro_like(name, base))
			continue;
		size_t k = 0;
		while (k < base && ok_char(name[k]))
			k++;
		/* nor starting or ending with '-' (dt-check-style 7.4) */
		if (k < base || !base || name[0] == '-' || name[base - 1] == '-') {
			uint32_t off = (uint32_t)(name - sf->text);
			style_report(sf, off, off + (uint32_t)base,
				     "node name '%.*s' should use only lower-case letters, digits and '-'",
				     (int)base, name);
		}
	}
}

static void check(struct dtidy_ctx *ctx)
{
	style_check_bodies(ctx, body, NULL);
}

const struct dtidy_rule dtidy_rule_node_name = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "node-name",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "a node name with characters other than a-z, 0-9 and '-'",
	.help = "Node names (the part before '@') use lower-case letters, digits and\n"
		"dashes only, not starting or ending with one (dts-coding-style.rst,\n"
		"\"Naming and Valid Characters\"; dt-check-style's node-name, strict mode;\n"
		"the id was node-name-style). dtc\n"
		"accepts more (',', '.', '_', '+', upper case); its W=2 check\n"
		"node_name_chars_strict is the structural family's node-name-chars-strict.\n"
		"The unit address is unit-address-style's.\n"
		"\n"
		"Bad:\n"
		"\tsd_card@2000 { };\n"
		"\tLED-1 { };\n"
		"\n"
		"Good:\n"
		"\tmmc@2000 { };\n"
		"\tled-1 { };\n",
	.check = check,
};
