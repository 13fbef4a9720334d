/* The one table of built-in rules. Adding a rule: write rules/<family>/<id>.c
 * defining `const struct dtidy_rule dtidy_rule_<id with _>`, and add its
 * name to RULES below (kept sorted by id). */
#include "registry.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define RULES(X)                                                              \
	X(address_cells_is_cell) \
	X(address_overlap) \
	X(alias_paths) \
	X(avoid_default_addr_size) \
	X(avoid_unnecessary_addr_size) \
	X(blank_lines) \
	X(child_address_order) \
	X(child_name_order) \
	X(chosen_node_bootargs) \
	X(chosen_node_is_root) \
	X(chosen_node_stdout_path) \
	X(clocks_is_cell) \
	X(clocks_property) \
	X(compatible_format) \
	X(compatible_is_string_list) \
	X(continuation_alignment) \
	X(cooling_device_is_cell) \
	X(cooling_device_property) \
	X(deleted_missing) \
	X(deprecated_gpio_property) \
	X(device_type_is_string) \
	X(dma_ranges_format) \
	X(dmas_is_cell) \
	X(dmas_property) \
	X(duplicate_label) \
	X(duplicate_node_names) \
	X(duplicate_property_names) \
	X(explicit_phandles) \
	X(gpios_property) \
	X(graph_endpoint) \
	X(graph_nodes) \
	X(graph_port) \
	X(hex_case) \
	X(hv_abi_version) \
	X(hv_compatible_order) \
	X(hv_epapr) \
	X(hv_epapr_byte_channel) \
	X(hv_epapr_doorbell) \
	X(hv_epapr_pic) \
	X(hv_ffa_manifest) \
	X(hv_ffa_regions) \
	X(hv_ffa_spmc) \
	X(hv_hafnium_manifest) \
	X(hv_interrupts) \
	X(hv_kvm) \
	X(hv_node_name) \
	X(hv_reg) \
	X(hv_uefi) \
	X(hwlocks_is_cell) \
	X(hwlocks_property) \
	X(i2c_bus_bridge) \
	X(i2c_bus_reg) \
	X(indent_consistent) \
	X(indent_unit_dts) \
	X(interrupt_map) \
	X(interrupt_provider) \
	X(interrupts_extended_is_cell) \
	X(interrupts_extended_property) \
	X(interrupts_property) \
	X(io_channels_is_cell) \
	X(io_channels_property) \
	X(iommus_is_cell) \
	X(iommus_property) \
	X(label_is_string) \
	X(label_style) \
	X(line_length_dts) \
	X(mboxes_is_cell) \
	X(mboxes_property) \
	X(mixed_indent_chars) \
	X(model_is_string) \
	X(msi_parent_is_cell) \
	X(msi_parent_property) \
	X(mux_controls_is_cell) \
	X(mux_controls_property) \
	X(name_is_string) \
	X(name_properties) \
	X(names_count) \
	X(names_is_string_list) \
	X(node_close_alone) \
	X(node_name_chars) \
	X(node_name_chars_strict) \
	X(node_name_format) \
	X(node_name) \
	X(node_name_vs_property_name) \
	X(obsolete_chosen_interrupt_controller) \
	X(override_order) \
	X(override_unchanged) \
	X(path_references) \
	X(pci_bridge) \
	X(pci_device_bus_num) \
	X(pci_device_reg) \
	X(phandle_references) \
	X(phys_is_cell) \
	X(phys_property) \
	X(power_domains_is_cell) \
	X(power_domains_property) \
	X(property_name_chars) \
	X(property_name_chars_strict) \
	X(property_name) \
	X(property_order) \
	X(pwms_is_cell) \
	X(pwms_property) \
	X(ranges_format) \
	X(reg_format) \
	X(redundant_whitespace) \
	X(redundant_whitespace_strict) \
	X(required_blank_lines) \
	X(resets_is_cell) \
	X(resets_property) \
	X(schema_dependency) \
	X(schema_deprecated) \
	X(schema_node_name) \
	X(schema_required) \
	X(schema_undocumented_property) \
	X(schema_unexpected) \
	X(schema_value) \
	X(simple_bus_reg) \
	X(size_cells_is_cell) \
	X(sound_dai_is_cell) \
	X(sound_dai_property) \
	X(spi_bus_bridge) \
	X(spi_bus_reg) \
	X(status_is_string) \
	X(status_okay) \
	X(thermal_sensors_is_cell) \
	X(thermal_sensors_property) \
	X(trailing_whitespace) \
	X(unclosed_block_comment) \
	X(undocumented_compatible) \
	X(unique_unit_address) \
	X(unique_unit_address_if_enabled) \
	X(unit_address_format) \
	X(unit_address_style) \
	X(unit_address_vs_reg) \
	X(unused_labels_dts) \
	X(unused_suppression) \
	X(value_whitespace) \
	X(vendor_prefix) \
	X(xen_boot_module) \
	X(xen_cpupool) \
	X(xen_dom0less) \
	X(xen_domain_capabilities) \
	X(xen_domain_options) \
	X(xen_grant_dma) \
	X(xen_passthrough) \
	X(xen_static_evtchn) \
	X(xen_static_heap) \
	X(xen_static_mem) \
	X(xen_static_shm) \
	X(xen_vcpu)

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
	"bindings", "hv", "meta", "schema", "structural", "style",
};

int registry_is_family(const char *name)
{
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (!strcmp(families[i], name))
			return 1;
	return 0;
}

/* Renamed rules: old id, new id. The notes given, one flag each. */
static const struct {
	const char *old, *now;
} renames[] = {
	{"line-length", "line-length-dts"},
	{"node-name-style", "node-name"},
	{"unused-labels", "unused-labels-dts"},
};
#define NRENAMES (sizeof(renames) / sizeof(renames[0]))
static atomic_int noted[NRENAMES];

static long rename_index(const char *name)
{
	for (size_t i = 0; name && i < NRENAMES; i++)
		if (!strcmp(renames[i].old, name))
			return (long)i;
	return -1;
}

const char *registry_renamed(const char *old_id)
{
	long i = rename_index(old_id);
	return i < 0 ? NULL : renames[i].now;
}

const char *registry_canonical(const char *name)
{
	const char *now = registry_renamed(name);
	return now ? now : name;
}

void registry_note_renamed(const char *name, const char *where)
{
	long i = rename_index(name);
	if (i < 0 || atomic_exchange(&noted[i], 1))
		return;
	fprintf(stderr, "dtidy: note: %s%srule '%s' is now called '%s' (as in the kernel's "
		"dt-check-style); the old id still works\n",
		where ? where : "", where ? ": " : "", renames[i].old, renames[i].now);
}
