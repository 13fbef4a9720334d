/* The typed-property checks of dtc: properties whose value must be one
 * string (device_type, model, status, label), a string list (compatible and
 * every *-names), or one cell (#address-cells, #size-cells). */
#include <string.h>

#include "dtc_util.h"

static void check_string(struct dtidy_ctx *ctx, const char *name)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		const struct dtidy_prop *p = dtidy_prop_get(n, name);
		if (p && !prop_is_one_string(t, p))
			fail_prop(ctx, p, "\"%s\" must be a single string", name);
	}
}

static void check_cell(struct dtidy_ctx *ctx, const char *name)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		const struct dtidy_prop *p = dtidy_prop_get(n, name);
		if (p && prop_len(t, p) != 4)
			fail_prop(ctx, p, "\"%s\" must be a single cell", name);
	}
}

static void check_device_type(struct dtidy_ctx *ctx) { check_string(ctx, "device_type"); }
static void check_model(struct dtidy_ctx *ctx) { check_string(ctx, "model"); }
static void check_status(struct dtidy_ctx *ctx) { check_string(ctx, "status"); }
static void check_label(struct dtidy_ctx *ctx) { check_string(ctx, "label"); }
static void check_address_cells(struct dtidy_ctx *ctx) { check_cell(ctx, "#address-cells"); }
static void check_size_cells(struct dtidy_ctx *ctx) { check_cell(ctx, "#size-cells"); }

static void check_compatible(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		const struct dtidy_prop *p = dtidy_prop_get(n, "compatible");
		if (p && !prop_is_string_list(t, p))
			fail_prop(ctx, p, "\"compatible\" must be a list of strings");
	}
}

static void check_names(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		DTIDY_FOREACH_PROP(p, n) {
			size_t l = strlen(p->name);
			if (l >= 6 && strcmp(p->name + l - 6, "-names") == 0 &&
			    !prop_is_string_list(t, p))
				fail_prop(ctx, p, "\"%s\" must be a list of strings", p->name);
		}
	}
}

#define TYPED_RULE(var, rid, fn, what, dtcname, bad, good)                    \
	const struct dtidy_rule var = {                                       \
		.api_version = DTIDY_RULE_API_VERSION,                        \
		.id = rid,                                                    \
		.family = "structural",                                       \
		.severity = DTIDY_SEV_WARNING,                                \
		.description = what,                                          \
		.help = what ".\n\nBad:\n\t" bad "\nGood:\n\t" good "\n",     \
		.dtc_check = dtcname,                                         \
		.check = fn,                                                  \
	}

TYPED_RULE(dtidy_rule_device_type_is_string, "device-type-is-string", check_device_type,
	   "\"device_type\" must be a single string", "device_type_is_string",
	   "device_type = <1>;", "device_type = \"memory\";");
TYPED_RULE(dtidy_rule_model_is_string, "model-is-string", check_model,
	   "\"model\" must be a single string", "model_is_string",
	   "model = \"Board\", \"rev B\";", "model = \"Board rev B\";");
TYPED_RULE(dtidy_rule_status_is_string, "status-is-string", check_status,
	   "\"status\" must be a single string", "status_is_string",
	   "status = <0>;", "status = \"disabled\";");
TYPED_RULE(dtidy_rule_label_is_string, "label-is-string", check_label,
	   "\"label\" must be a single string", "label_is_string",
	   "label = \"a\", \"b\";", "label = \"power-led\";");
TYPED_RULE(dtidy_rule_compatible_is_string_list, "compatible-is-string-list", check_compatible,
	   "\"compatible\" must be a list of strings", "compatible_is_string_list",
	   "compatible = <1>;", "compatible = \"vendor,chip\", \"vendor,family\";");
TYPED_RULE(dtidy_rule_names_is_string_list, "names-is-string-list", check_names,
	   "a *-names property must be a list of strings", "names_is_string_list",
	   "clock-names = <1>;", "clock-names = \"bus\", \"core\";");
TYPED_RULE(dtidy_rule_address_cells_is_cell, "address-cells-is-cell", check_address_cells,
	   "\"#address-cells\" must be a single cell", "address_cells_is_cell",
	   "#address-cells = <1 1>;", "#address-cells = <1>;");
TYPED_RULE(dtidy_rule_size_cells_is_cell, "size-cells-is-cell", check_size_cells,
	   "\"#size-cells\" must be a single cell", "size_cells_is_cell",
	   "#size-cells = /bits/ 8 <1>;", "#size-cells = <1>;");
