/* node-name-chars, property-name-chars (dtc errors) and their strict
 * variants (dtc's *_strict checks, enabled by the kernel's W=2).
 *
 * dtc accepts in node names [a-zA-Z0-9,._+-@] and in property names
 * [a-zA-Z0-9,._+*#?-]; the strict sets are lower/upper case, digits, ',' and
 * '-' (with '#' allowed at the start of a property name after a vendor
 * prefix, and device_type whitelisted). */
#include <string.h>

#include "dtc_util.h"

#define ALNUM "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
#define NODECHARS ALNUM ",._+-@"
#define PROPCHARS ALNUM ",._+*#?-"
#define STRICTCHARS ALNUM ",-"

static void check_node_chars(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		size_t k = strspn(n->name, NODECHARS);
		if (n->name[k])
			fail_node(ctx, n, "bad character '%c' in node name '%s'", n->name[k], n->name);
	}
}

static void check_node_chars_strict(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		size_t k = strspn(n->name, STRICTCHARS);
		if (k < node_basename_len(n))
			fail_node(ctx, n, "character '%c' not recommended in node name '%s'",
				  n->name[k], n->name);
	}
}

static void check_prop_chars(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		DTIDY_FOREACH_PROP(p, n) {
			size_t k = strspn(p->name, PROPCHARS);
			if (p->name[k])
				fail_prop(ctx, p, "bad character '%c' in property name '%s'",
					  p->name[k], p->name);
		}
	}
}

static void check_prop_chars_strict(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		DTIDY_FOREACH_PROP(p, n) {
			const char *name = p->name;
			size_t k = strspn(name, STRICTCHARS);
			if (!name[k] || strcmp(name, "device_type") == 0)
				continue;
			if (name[k] == '#' && (k == 0 || name[k - 1] == ',')) {
				name += k + 1;
				k = strspn(name, STRICTCHARS);
			}
			if (name[k])
				fail_prop(ctx, p, "character '%c' not recommended in property name '%s'",
					  name[k], p->name);
		}
	}
}

const struct dtidy_rule dtidy_rule_node_name_chars = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "node-name-chars",
	.family = "structural",
	.severity = DTIDY_SEV_ERROR,
	.description = "node name with a character dtc does not accept",
	.help =
		"Node names may contain letters, digits and , . _ + - @ only.\n"
		"\n"
		"Bad:\n\tserial#0 { };\nGood:\n\tserial@0 { };\n",
	.dtc_check = "node_name_chars",
	.check = check_node_chars,
};

const struct dtidy_rule dtidy_rule_node_name_chars_strict = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "node-name-chars-strict",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "node name with a character outside [a-zA-Z0-9,-]",
	.help =
		"The kernel's W=2 build asks node names (before the '@') to use only\n"
		"letters, digits, ',' and '-'.\n"
		"\n"
		"Bad:\n\tpmic_regulators { };\nGood:\n\tregulators { };\n",
	.dtc_check = "node_name_chars_strict",
	.level = 2,
	.check = check_node_chars_strict,
};

const struct dtidy_rule dtidy_rule_property_name_chars = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "property-name-chars",
	.family = "structural",
	.severity = DTIDY_SEV_ERROR,
	.description = "property name with a character dtc does not accept",
	.help =
		"Property names may contain letters, digits and , . _ + * # ? - only.\n"
		"\n"
		"Bad:\n\tclock@freq = <1>;\nGood:\n\tclock-frequency = <1>;\n",
	.dtc_check = "property_name_chars",
	.check = check_prop_chars,
};

const struct dtidy_rule dtidy_rule_property_name_chars_strict = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "property-name-chars-strict",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "property name with a character outside [a-zA-Z0-9,-]",
	.help =
		"The kernel's W=2 build asks property names to use only letters, digits,\n"
		"',' and '-', with '#' allowed at the start (after a vendor prefix).\n"
		"\n"
		"Bad:\n\tvendor,max_speed = <1>;\nGood:\n\tvendor,max-speed = <1>;\n",
	.dtc_check = "property_name_chars_strict",
	.level = 2,
	.check = check_prop_chars_strict,
};
