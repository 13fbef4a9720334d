/* unit-address-style: unit addresses as plain lower-case hex. This is
 * dt-check-style's unit-address-format; the id differs because dtc's check
 * of that name is the structural rule unit-address-format. */
#include <string.h>

#include "../context.h"
#include "style.h"

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* "UART0_BASE": a macro the preprocessor will replace, not an address. */
static int macro_like(const char *s, size_t n)
{
	int letter = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if ((c >= 'A' && c <= 'Z') || c == '_')
			letter |= !is_hex(c);
		else if (!(c >= '0' && c <= '9'))
			return 0;
	}
	return letter && !(s[0] >= '0' && s[0] <= '9');
}

static const char *problem(const char *u, size_t n)
{
	size_t i = 0;
	while (i <= n) {
		size_t b = i;
		while (i < n && u[i] != ',')
			i++;
		const char *p = u + b;
		size_t pl = i - b;
		if (pl >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
			return "must not have a \"0x\" prefix";
		if (!pl)
			return "is not valid hex";
		for (size_t k = 0; k < pl; k++)
			if (!is_hex(p[k]))
				return "is not valid hex";
		for (size_t k = 0; k < pl; k++)
			if (p[k] >= 'A' && p[k] <= 'F')
				return "must be lowercase hex";
		if (pl > 1 && p[0] == '0')
			return "has leading zeros";
		i++;
	}
	return NULL;
}

static void body(const struct style_file *sf, const struct cst *b, void *ud)
{
	(void)ud;
	CST_FOREACH(c, b)
	{
		size_t n;
		const char *name = style_node_name(sf, c, &n);
		const char *at = name ? memchr(name, '@', n) : NULL;
		if (!at)
			continue;
		const char *u = at + 1;
		size_t un = n - (size_t)(u - name);
		if (macro_like(u, un))
			continue;
		const char *why = problem(u, un);
		if (why) {
			uint32_t off = (uint32_t)(u - sf->text);
			style_report(sf, off, off + (uint32_t)un, "unit address '%.*s' %s", (int)un, u,
				     why);
		}
	}
}

static void check(struct dtidy_ctx *ctx)
{
	style_check_bodies(ctx, body, NULL);
}

const struct dtidy_rule dtidy_rule_unit_address_style = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "unit-address-style",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "a unit address not in lower-case hex without 0x or leading zeros",
	.help = "A unit address is lower-case hexadecimal, without a 0x prefix and\n"
		"without leading zeros (a lone 0 is fine); each part of a comma-separated\n"
		"address is checked (dts-coding-style.rst). This is dt-check-style's\n"
		"unit-address-format under another id: dtidy's unit-address-format is\n"
		"dtc's check of that name (structural family), which finds the 0x prefix\n"
		"and leading zeros but not upper case. A unit address that is a macro\n"
		"name (UART0_BASE) is left to the preprocessor.\n"
		"\n"
		"Bad:\n"
		"\tserial@0x1000 { };\n"
		"\tmemory@0080000000 { };\n"
		"\tgpio@FE200000 { };\n"
		"\n"
		"Good:\n"
		"\tserial@1000 { };\n"
		"\tmemory@80000000 { };\n"
		"\tgpio@fe200000 { };\n",
	.check = check,
};
