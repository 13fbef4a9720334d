/* Which mode of dt-check-style runs which rule (its RULES table, for DTS
 * files). */
#include "style_mode.h"

#include <string.h>

static const struct {
	const char *id;
	enum style_mode mode;
} modes[] = {
	/* relaxed: what the kernel tree is clean of */
	{"indent-unit-dts", STYLE_RELAXED},
	{"mixed-indent-chars", STYLE_RELAXED},
	{"redundant-whitespace", STYLE_RELAXED},
	{"trailing-whitespace", STYLE_RELAXED},
	{"unclosed-block-comment", STYLE_RELAXED},
	/* strict: required of new submissions */
	{"blank-lines", STYLE_STRICT},
	{"child-address-order", STYLE_STRICT},
	{"child-name-order", STYLE_STRICT},
	{"continuation-alignment", STYLE_STRICT},
	{"hex-case", STYLE_STRICT},
	{"indent-consistent", STYLE_STRICT},
	{"node-close-alone", STYLE_STRICT},
	{"node-name", STYLE_STRICT},
	{"property-name", STYLE_STRICT},
	{"property-order", STYLE_STRICT},
	{"redundant-whitespace-strict", STYLE_STRICT},
	{"required-blank-lines", STYLE_STRICT},
	{"unit-address-style", STYLE_STRICT},	/* the checker's unit-address-format */
	{"value-whitespace", STYLE_STRICT},
	/* stricter: rules with false positives */
	{"line-length-dts", STYLE_STRICTER},
	{"unused-labels-dts", STYLE_STRICTER},
};

enum style_mode style_mode_parse(const char *s)
{
	if (!s)
		return STYLE_MODE_UNSET;
	if (!strcmp(s, "relaxed"))
		return STYLE_RELAXED;
	if (!strcmp(s, "strict"))
		return STYLE_STRICT;
	if (!strcmp(s, "stricter"))
		return STYLE_STRICTER;
	return STYLE_MODE_UNSET;
}

const char *style_mode_name(enum style_mode m)
{
	switch (m) {
	case STYLE_RELAXED:
		return "relaxed";
	case STYLE_STRICT:
		return "strict";
	case STYLE_STRICTER:
		return "stricter";
	default:
		return "unset";
	}
}

enum style_mode style_rule_mode(const char *id)
{
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(modes[i].id, id))
			return modes[i].mode;
	return STYLE_STRICTER;
}
