/* The one table of built-in rules. Adding a rule: write rules/<family>/<id>.c
 * defining `const struct dtidy_rule dtidy_rule_<id with _>`, and add its
 * name to RULES below (kept sorted by id). */
#include "registry.h"

#include <string.h>

#define RULES(X) \
	X(blank_lines) \
	X(child_address_order) \
	X(child_name_order) \
	X(continuation_alignment) \
	X(hex_case) \
	X(hv_abi_version) \
	X(hv_compatible_order) \
	X(hv_epapr) \
	X(hv_interrupts) \
	X(hv_kvm) \
	X(hv_node_name) \
	X(hv_reg) \
	X(hv_uefi) \
	X(indent_consistent) \
	X(indent_unit_dts) \
	X(label_style) \
	X(line_length) \
	X(mixed_indent_chars) \
	X(node_close_alone) \
	X(node_name_style) \
	X(override_order) \
	X(property_order) \
	X(required_blank_lines) \
	X(status_okay) \
	X(trailing_whitespace) \
	X(unclosed_block_comment) \
	X(unit_address_style) \
	X(unused_labels) \
	X(unused_suppression) \
	X(value_whitespace) \
	X(xen_dom0less)

#define DECLARE(name) extern const struct dtidy_rule dtidy_rule_##name;
RULES(DECLARE)
#define ENTRY(name) &dtidy_rule_##name,
static const struct dtidy_rule *const table[] = {RULES(ENTRY)};

const struct dtidy_rule *const *registry_rules(size_t *n)
{
	*n = sizeof(table) / sizeof(table[0]);
	return table;
}

/* Families group rules for enabling them together. "syntax" and "config"
 * are the engine's own findings, not rules. */
static const char *const families[] = {
	"bindings", "hv", "meta", "structural", "style",
};

int registry_is_family(const char *name)
{
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (!strcmp(families[i], name))
			return 1;
	return 0;
}
