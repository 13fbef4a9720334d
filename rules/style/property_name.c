/* property-name: property names in the characters the kernel's DTS coding
 * style recommends (dt-check-style's rule of the same name, strict mode,
 * 7.4 cycle): an optional "vendor," prefix, then lower-case letters, digits
 * and '-', neither part starting or ending with '-'. */
#include <string.h>

#include "../context.h"
#include "style.h"

/* Names in wide use that the checker accepts as they are. */
static const char *const exceptions[] = {
	"cpu_off", "cpu_on", "cpu_suspend", "device_type", "dr_mode",
	"mmc-hs200-1_2v", "mmc-hs200-1_8v", "mmc-hs400-1_2v", "mmc-hs400-1_8v",
	"opp-avg-kBps", "opp-peak-kBps", "phy_type",
};

static int lower_digit(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* [0-9a-z][0-9a-z-]* not ending in '-' */
static int word_ok(const char *s, size_t n)
{
	if (!n || !lower_digit(s[0]) || s[n - 1] == '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!lower_digit(s[i]) && s[i] != '-')
			return 0;
	return 1;
}

/* [a-z-]+ */
static int letters_dashes(const char *s, size_t n)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z') && s[i] != '-')
			return 0;
	return 1;
}

/* [vendor,]word */
static int vendor_word(const char *s, size_t n, int (*last)(const char *, size_t))
{
	const char *comma = memchr(s, ',', n);
	if (!comma)
		return last(s, n);
	size_t v = (size_t)(comma - s);
	return word_ok(s, v) && last(comma + 1, n - v - 1);
}

/* "#[vendor,]<letters and dashes>-cells" */
static int cells_ok(const char *s, size_t n)
{
	if (n < 7 || s[0] != '#' || memcmp(s + n - 6, "-cells", 6))
		return 0;
	return vendor_word(s + 1, n - 7, letters_dashes);
}

static int name_ok(const char *s, size_t n)
{
	if (cells_ok(s, n) || vendor_word(s, n, word_ok))
		return 1;
	/* the exceptions last: nearly every name passes before them */
	for (size_t i = 0; i < sizeof(exceptions) / sizeof(exceptions[0]); i++)
		if (strlen(exceptions[i]) == n && !memcmp(exceptions[i], s, n))
			return 1;
	return 0;
}

static void body(const struct style_file *sf, const struct cst *b, void *ud)
{
	(void)ud;
	CST_FOREACH(c, b)
	{
		if (c->kind != CST_PROP || c->tok == CST_NONE || c->tok >= sf->ntoks ||
		    sf->toks[c->tok].kind != TK_NAME || (c->flags & CF_MACRO_NAME))
			continue;
		const struct dt_token *t = &sf->toks[c->tok];
		const char *name = sf->text + t->off;
		if (!name_ok(name, t->len))
			style_report(sf, t->off, t->off + t->len,
				     "property name \"%.*s\" is using discouraged style: use lower-case "
				     "letters, digits and '-', after an optional \"vendor,\"",
				     (int)t->len, name);
	}
}

static void check(struct dtidy_ctx *ctx)
{
	style_check_bodies(ctx, body, NULL);
}

const struct dtidy_rule dtidy_rule_property_name = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "property-name",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "a property name with characters other than a-z, 0-9 and '-' (after a vendor prefix)",
	.help = "Property names use lower-case letters, digits and '-', optionally after a\n"
		"\"vendor,\" prefix spelled the same way; neither part starts or ends with\n"
		"'-' (dt-check-style's property-name, strict mode). \"#...-cells\" names\n"
		"and a few names in wide use (device_type, dr_mode, phy_type, cpu_on,\n"
		"cpu_off, cpu_suspend, opp-peak-kBps, opp-avg-kBps, mmc-hs*-1_2v,\n"
		"mmc-hs*-1_8v) are accepted as they are.\n"
		"\n"
		"Bad:\n"
		"\tvdd_l1_l2-supply = <&pm8916_s3>;\n"
		"\tacme,Mode = <1>;\n"
		"\n"
		"Good:\n"
		"\tvdd-l1-l2-supply = <&pm8916_s3>;\n"
		"\tacme,mode = <1>;\n",
	.check = check,
};
