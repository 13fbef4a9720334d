/* hex-case: hexadecimal literals in lower case ("0x1f", not "0X1F"). */
#include <string.h>

#include "../context.h"
#include "style.h"

static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Is the literal at s (starting "0x") upper case anywhere but its suffix?
 * Its length (prefix and digits) in *n. */
static int upper_hex(const char *s, size_t max, size_t *n)
{
	size_t i = 2;
	int upper = s[1] == 'X';
	while (i < max && is_hex(s[i])) {
		if (s[i] >= 'A' && s[i] <= 'F')
			upper = 1;
		i++;
	}
	*n = i;
	return i > 2 && upper;
}

static void report(const struct style_file *sf, uint32_t off, size_t n)
{
	style_report(sf, off, off + (uint32_t)n, "hex literal '%.*s' must be lowercase", (int)n,
		     sf->text + off);
}

/* Hex numbers written inside a name: "memory@0X8000". */
static void in_name(const struct style_file *sf, const struct dt_token *t)
{
	const char *s = sf->text + t->off;
	/* most names hold no '0' at all */
	const char *zero = t->len > 2 ? memchr(s, '0', t->len - 2) : NULL;
	if (!zero)
		return;
	for (size_t i = (size_t)(zero - s); i + 2 < t->len; i++) {
		if (s[i] != '0' || (s[i + 1] != 'x' && s[i + 1] != 'X'))
			continue;
		if (i > 0 && word_char(s[i - 1]))
			continue;
		size_t n;
		int up = upper_hex(s + i, t->len - i, &n);
		if (n > 2 && (i + n == t->len || !word_char(s[i + n])) && up)
			report(sf, t->off + (uint32_t)i, n);
		i += n - 1;
	}
}

static void check(struct dtidy_ctx *ctx)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	for (size_t m = 0; m < sf.nwords; m++) {
		const struct dt_token *t = &sf.toks[sf.words[m]];
		const char *s = sf.text + t->off;
		size_t n;
		if (t->kind == TK_NUMBER && t->len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
			if (upper_hex(s, t->len, &n))
				report(&sf, t->off, n);
		} else if (t->kind == TK_NAME) {
			in_name(&sf, t);
		}
	}
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_hex_case = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hex-case",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "a hexadecimal literal with upper-case digits or 'X'",
	.help = "Hexadecimal numbers are written in lower case, prefix included:\n"
		"0x1f, not 0X1F or 0x1F (dts-coding-style.rst; dt-check-style's\n"
		"hex-case). An integer suffix (U, L, UL) is not part of the check.\n"
		"Numbers in strings, comments and preprocessor lines are not values and\n"
		"are left alone.\n"
		"\n"
		"Bad:\n"
		"\treg = <0x0 0xFE200000 0x0 0x1000>;\n"
		"\n"
		"Good:\n"
		"\treg = <0x0 0xfe200000 0x0 0x1000>;\n",
	.check = check,
};
