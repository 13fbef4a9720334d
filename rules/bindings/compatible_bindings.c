/* vendor-prefix and undocumented-compatible (family "bindings", on when the
 * kernel's binding documents are found; see bindings_index.h).
 *
 * vendor-prefix: the part of a compatible before ',' must be registered in
 * vendor-prefixes.yaml. undocumented-compatible: some binding must mention
 * the compatible string (or match it with a `pattern:`), as checkpatch's
 * UNDOCUMENTED_DT_STRING asks of new strings in a patch. */
#include <stdlib.h>
#include <string.h>

#include "bindings_index.h"
#include "include/dtidy/rule.h"
#include "rules/schema/set_registry.h"
#include "schema/schema.h"

static const struct bindings_index *index_for(struct dtidy_ctx *ctx)
{
	char *dir = bindings_find_dir(dtidy_ctx_path(ctx), dtidy_ctx_option(ctx, "bindings"));
	if (!dir)
		return NULL;
	const struct bindings_index *ix = bindings_get(dir);
	free(dir);
	return ix;
}

/* Calls fn for every compatible string of every node. */
static void each_compatible(struct dtidy_ctx *ctx, const struct bindings_index *ix,
			    void (*fn)(struct dtidy_ctx *, const struct bindings_index *,
				       const char *, struct dtidy_loc, const struct dtidy_prop *))
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	DTIDY_FOREACH_NODE(n, t) {
		const struct dtidy_prop *p = dtidy_prop_get(n, "compatible");
		if (!p)
			continue;
		long count = dtidy_prop_nstrings(p);
		for (long i = 0; i < count; i++) {
			const char *s = dtidy_prop_string(p, (size_t)i);
			if (s && s[0])
				fn(ctx, ix, s, dtidy_prop_string_loc(p, (size_t)i), p);
		}
	}
}

static void vendor_one(struct dtidy_ctx *ctx, const struct bindings_index *ix,
		       const char *compat, struct dtidy_loc loc, const struct dtidy_prop *p)
{
	const char *comma = strchr(compat, ',');
	if (!comma || comma == compat || (size_t)(comma - compat) >= 128)
		return;
	char vendor[128];
	memcpy(vendor, compat, (size_t)(comma - compat));
	vendor[comma - compat] = '\0';
	/* "pciVVVV,DDDD" and "usbVVVV,PPPP" are bus identifiers defined by
	 * the PCI and USB bindings, not vendor prefixes */
	if ((!strncmp(vendor, "pci", 3) || !strncmp(vendor, "usb", 3)) && vendor[3] &&
	    strspn(vendor + 3, "0123456789abcdef") == strlen(vendor + 3))
		return;
	if (!bindings_vendor_known(ix, vendor))
		dtidy_report_subject(dtidy_report(ctx, loc,
						  "vendor prefix \"%s\" of \"%s\" is not in "
						  "vendor-prefixes.yaml", vendor, compat),
				     p->node, p);
}

static void documented_one(struct dtidy_ctx *ctx, const struct bindings_index *ix,
			   const char *compat, struct dtidy_loc loc, const struct dtidy_prop *p)
{
	if (!bindings_compatible_documented(ix, compat))
		dtidy_report_subject(dtidy_report(ctx, loc, "no binding documents compatible \"%s\"",
						  compat),
				     p->node, p);
}

/* With the schema family's set: documented means what `make dtbs_check`
 * means, a binding schema's compatible lists it (or its pattern matches),
 * as dt-validate -m reports "failed to match any schema with compatible";
 * a mention in a text binding no longer counts. */
static void schema_documented_one(struct dtidy_ctx *ctx, const struct schema_set *set,
				  const char *compat, struct dtidy_loc loc, const struct dtidy_prop *p)
{
	if (!schema_compatible_documented(set, compat))
		dtidy_report_subject(dtidy_report(ctx, loc, "no binding schema documents compatible "
						  "\"%s\" (no schema's compatible lists it)", compat),
				     p->node, p);
}

static void check_vendor(struct dtidy_ctx *ctx)
{
	const struct bindings_index *ix = index_for(ctx);
	if (ix)
		each_compatible(ctx, ix, vendor_one);
}

static int under_hidden(const struct dtidy_node *n)
{
	for (; n; n = n->parent)
		if (!strncmp(n->name, "__", 2))
			return 1;
	return 0;
}

static void check_documented(struct dtidy_ctx *ctx)
{
	const struct schema_found *sf =
		schema_found_quietly(dtidy_ctx_path(ctx), dtidy_ctx_option(ctx, "bindings"),
				     dtidy_ctx_option(ctx, "schemas"));
	if (sf->set) {
		const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
		DTIDY_FOREACH_NODE(n, t) {
			if (under_hidden(n))
				continue;	/* __overlay__ and the like: dt-validate skips them */
			const struct dtidy_prop *p = dtidy_prop_get(n, "compatible");
			long count = p ? dtidy_prop_nstrings(p) : 0;
			for (long i = 0; i < count; i++) {
				const char *s = dtidy_prop_string(p, (size_t)i);
				if (s && s[0])
					schema_documented_one(ctx, sf->set, s,
							      dtidy_prop_string_loc(p, (size_t)i), p);
			}
		}
		return;
	}
	const struct bindings_index *ix = index_for(ctx);
	if (ix)
		each_compatible(ctx, ix, documented_one);
}

static const char *const options[] = {"bindings", NULL};
static const char *const documented_options[] = {"bindings", "schemas", NULL};

const struct dtidy_rule dtidy_rule_vendor_prefix = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "vendor-prefix",
	.family = "bindings",
	.severity = DTIDY_SEV_WARNING,
	.description = "compatible with a vendor prefix missing from vendor-prefixes.yaml",
	.help =
		"The vendor part of \"vendor,device\" must be registered in the kernel's\n"
		"Documentation/devicetree/bindings/vendor-prefixes.yaml. Runs when the\n"
		"bindings are found (kernel tree, Bindings/ beside src/, or --bindings DIR).\n"
		"\n"
		"Bad:\n\tcompatible = \"acmee,uart\";\nGood:\n\tcompatible = \"acme,uart\";\n",
	.options = options,
	.check = check_vendor,
};

const struct dtidy_rule dtidy_rule_undocumented_compatible = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "undocumented-compatible",
	.family = "bindings",
	.severity = DTIDY_SEV_WARNING,
	.description = "compatible string that no binding document mentions",
	.help =
		"Every compatible string should be documented by a binding (a YAML schema\n"
		"or text binding under Documentation/devicetree/bindings), as checkpatch's\n"
		"UNDOCUMENTED_DT_STRING check requires of new strings. When the schema\n"
		"family's schemas are found (see dtidy rules schema-required), documented\n"
		"means what `make dtbs_check` means: some binding schema's compatible lists\n"
		"the string or matches it, as dt-validate -m reports \"failed to match any\n"
		"schema with compatible\"; a text binding no longer counts.\n"
		"\n"
		"Bad:\n\tcompatible = \"acme,uart-v9\";   /* no binding names it */\n"
		"Good:\n\tcompatible = \"acme,uart-v2\";   /* acme,uart.yaml lists it */\n",
	.options = documented_options,
	.check = check_documented,
};
