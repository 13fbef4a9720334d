/* The properties any node may have: the Devicetree specification's
 * standard properties (chapter 2) and interrupt properties, and the
 * consumer and provider properties of the common subsystems (clocks,
 * resets, GPIOs, DMA, pin control, power domains...), with dt-schema's
 * type names. The descriptions are ours; the facts are the
 * specification's. A binding document's own word comes first. */
#include <string.h>

#include "schema_source.h"

#define SPEC "Devicetree specification"
#define CORE "dt-schema core"

static const char *const status_values[] = {"okay", "disabled", "reserved", "fail",
					    "fail-needs-probe"};
static const char *const device_type_values[] = {"cpu", "memory", "pci"};
static const char *const pinctrl_names_values[] = {"default", "sleep", "idle", "init"};

#define V(a) a, sizeof(a) / sizeof(a[0])

static const struct lsp_propdoc props[] = {
	{"compatible", 0, "string-array",
	 "The device's programming model: one or more strings, most specific first, each "
	 "\"vendor,model\". The OS picks its driver by them.", NULL, 0, SPEC},
	{"model", 0, "string", "The manufacturer's model of the device or board.", NULL, 0, SPEC},
	{"phandle", 0, "uint32",
	 "A number other nodes refer to this node by; dtc assigns it for every &label "
	 "reference, so it is rarely written by hand.", NULL, 0, SPEC},
	{"status", 0, "string",
	 "Whether the device is usable: \"okay\" (the default), \"disabled\" (present but "
	 "not enabled), \"reserved\" (used by other software), \"fail\" (broken).",
	 V(status_values), SPEC},
	{"#address-cells", 0, "uint32",
	 "How many 32-bit cells a child's address takes in its reg (the specification's "
	 "default is 2).", NULL, 0, SPEC},
	{"#size-cells", 0, "uint32",
	 "How many 32-bit cells a child's size takes in its reg (default 1; 0 for buses "
	 "without sizes, such as I2C).", NULL, 0, SPEC},
	{"reg", 0, "address",
	 "The device's register ranges in its parent's address space: (address, size) pairs "
	 "of the parent's #address-cells and #size-cells cells.", NULL, 0, SPEC},
	{"reg-names", 0, "string-array", "Names of the entries of reg, in order.", NULL, 0, CORE},
	{"virtual-reg", 0, "uint32",
	 "The effective address the first physical address of reg maps to, for a boot "
	 "program running with address translation.", NULL, 0, SPEC},
	{"ranges", 0, "uint32-matrix",
	 "How the children's address space maps into this node's parent's: (child address, "
	 "parent address, size) triples; empty when the two are the same.", NULL, 0, SPEC},
	{"dma-ranges", 0, "uint32-matrix",
	 "How the children's DMA addresses map to the parent's: (child address, parent "
	 "address, size) triples.", NULL, 0, SPEC},
	{"dma-coherent", 0, "flag", "The device's DMA is coherent with the CPUs' caches.", NULL,
	 0, SPEC},
	{"dma-noncoherent", 0, "flag", "The device's DMA is not coherent with the CPUs' caches.",
	 NULL, 0, CORE},
	{"device_type", 0, "string",
	 "Kept only on cpu and memory nodes (and PCI buses): the node's device class.",
	 V(device_type_values), SPEC},
	{"label", 0, "string", "A name for the device that people read (the OS may show it).",
	 NULL, 0, CORE},
	{"interrupts", 0, "uint32-matrix",
	 "The interrupts the device raises, each as #interrupt-cells cells of its interrupt "
	 "parent.", NULL, 0, SPEC},
	{"interrupt-parent", 0, "phandle",
	 "The interrupt controller the device's interrupts go to, when it is not the nearest "
	 "ancestor's.", NULL, 0, SPEC},
	{"interrupts-extended", 0, "phandle-array",
	 "The device's interrupts, each as an interrupt controller's phandle and its "
	 "specifier; takes the place of interrupts and interrupt-parent.", NULL, 0, SPEC},
	{"interrupt-names", 0, "string-array", "Names of the entries of interrupts, in order.",
	 NULL, 0, CORE},
	{"#interrupt-cells", 0, "uint32",
	 "How many cells an interrupt specifier of this interrupt controller or nexus takes.",
	 NULL, 0, SPEC},
	{"interrupt-controller", 0, "flag", "The node is an interrupt controller.", NULL, 0, SPEC},
	{"interrupt-map", 0, "uint32-matrix",
	 "Where the interrupts of the devices below this nexus go: rows of child unit "
	 "address, child interrupt specifier, interrupt parent and parent specifier.", NULL, 0,
	 SPEC},
	{"interrupt-map-mask", 0, "uint32-array",
	 "The bits of a child's unit address and interrupt specifier that interrupt-map "
	 "looks at.", NULL, 0, SPEC},
	{"wakeup-source", 0, "flag", "The device can wake the system up.", NULL, 0, CORE},
	{"clocks", 0, "phandle-array",
	 "The clocks the device takes, each as a clock provider's phandle and specifier.", NULL,
	 0, CORE},
	{"clock-names", 0, "string-array", "Names of the entries of clocks, in order.", NULL, 0,
	 CORE},
	{"#clock-cells", 0, "uint32", "How many cells a clock specifier of this provider takes.",
	 NULL, 0, CORE},
	{"clock-output-names", 0, "string-array", "Names of the clocks this provider outputs.",
	 NULL, 0, CORE},
	{"clock-frequency", 0, "uint32", "The frequency of the device's clock, in Hz.", NULL, 0,
	 SPEC},
	{"assigned-clocks", 0, "phandle-array",
	 "Clocks whose parent or rate is set up for the device (with assigned-clock-parents "
	 "and assigned-clock-rates).", NULL, 0, CORE},
	{"assigned-clock-parents", 0, "phandle-array", "Parents for the assigned-clocks, in order.",
	 NULL, 0, CORE},
	{"assigned-clock-rates", 0, "uint32-array", "Rates in Hz for the assigned-clocks, in order.",
	 NULL, 0, CORE},
	{"resets", 0, "phandle-array",
	 "The reset lines of the device, each as a reset controller's phandle and specifier.",
	 NULL, 0, CORE},
	{"reset-names", 0, "string-array", "Names of the entries of resets, in order.", NULL, 0,
	 CORE},
	{"#reset-cells", 0, "uint32", "How many cells a reset specifier of this controller takes.",
	 NULL, 0, CORE},
	{"pinctrl-0", 0, "phandle-array",
	 "The pin configuration nodes of the first state named in pinctrl-names.", NULL, 0, CORE},
	{"pinctrl-1", 0, "phandle-array",
	 "The pin configuration nodes of the second state named in pinctrl-names.", NULL, 0,
	 CORE},
	{"pinctrl-names", 0, "string-array",
	 "Names of the pin states pinctrl-0, pinctrl-1... configure, in order.",
	 V(pinctrl_names_values), CORE},
	{"power-domains", 0, "phandle-array",
	 "The power domains the device is in, each as a provider's phandle and specifier.", NULL,
	 0, CORE},
	{"power-domain-names", 0, "string-array", "Names of the entries of power-domains.", NULL,
	 0, CORE},
	{"#power-domain-cells", 0, "uint32",
	 "How many cells a power domain specifier of this provider takes.", NULL, 0, CORE},
	{"dmas", 0, "phandle-array",
	 "The DMA channels of the device, each as a DMA controller's phandle and specifier.",
	 NULL, 0, CORE},
	{"dma-names", 0, "string-array", "Names of the entries of dmas, in order.", NULL, 0, CORE},
	{"#dma-cells", 0, "uint32", "How many cells a DMA specifier of this controller takes.",
	 NULL, 0, CORE},
	{"gpio-controller", 0, "flag", "The node is a GPIO controller.", NULL, 0, CORE},
	{"#gpio-cells", 0, "uint32", "How many cells a GPIO specifier of this controller takes.",
	 NULL, 0, CORE},
	{"gpio-line-names", 0, "string-array", "Names of the controller's GPIO lines, in order.",
	 NULL, 0, CORE},
	{"gpio-ranges", 0, "phandle-array",
	 "How the controller's GPIOs map to a pin controller's pins.", NULL, 0, CORE},
	{"iommus", 0, "phandle-array",
	 "The IOMMUs the device's DMA goes through, each as a phandle and specifier.", NULL, 0,
	 CORE},
	{"#iommu-cells", 0, "uint32", "How many cells an IOMMU specifier of this IOMMU takes.",
	 NULL, 0, CORE},
	{"memory-region", 0, "phandle-array",
	 "Reserved memory regions (nodes under /reserved-memory) the device uses.", NULL, 0,
	 CORE},
	{"memory-region-names", 0, "string-array", "Names of the entries of memory-region.", NULL,
	 0, CORE},
	{"phys", 0, "phandle-array", "The PHYs of the device, each as a phandle and specifier.",
	 NULL, 0, CORE},
	{"phy-names", 0, "string-array", "Names of the entries of phys, in order.", NULL, 0, CORE},
	{"#phy-cells", 0, "uint32", "How many cells a PHY specifier of this provider takes.", NULL,
	 0, CORE},
	{"mboxes", 0, "phandle-array",
	 "The mailbox channels of the device, each as a phandle and specifier.", NULL, 0, CORE},
	{"mbox-names", 0, "string-array", "Names of the entries of mboxes, in order.", NULL, 0,
	 CORE},
	{"#mbox-cells", 0, "uint32", "How many cells a mailbox specifier of this controller takes.",
	 NULL, 0, CORE},
	{"pwms", 0, "phandle-array", "The PWM channels of the device, each as a phandle and specifier.",
	 NULL, 0, CORE},
	{"pwm-names", 0, "string-array", "Names of the entries of pwms, in order.", NULL, 0, CORE},
	{"#pwm-cells", 0, "uint32", "How many cells a PWM specifier of this controller takes.",
	 NULL, 0, CORE},
	{"interconnects", 0, "phandle-array",
	 "The interconnect paths of the device, as pairs of provider phandle and specifier.",
	 NULL, 0, CORE},
	{"interconnect-names", 0, "string-array", "Names of the entries of interconnects.", NULL,
	 0, CORE},
	{"#interconnect-cells", 0, "uint32",
	 "How many cells an interconnect specifier of this provider takes.", NULL, 0, CORE},
	{"nvmem-cells", 0, "phandle-array", "NVMEM cells (efuses, EEPROM fields) the device reads.",
	 NULL, 0, CORE},
	{"nvmem-cell-names", 0, "string-array", "Names of the entries of nvmem-cells.", NULL, 0,
	 CORE},
	{"io-channels", 0, "phandle-array", "ADC channels the device reads, as phandle and specifier.",
	 NULL, 0, CORE},
	{"#io-channel-cells", 0, "uint32",
	 "How many cells an IIO channel specifier of this provider takes.", NULL, 0, CORE},
	{"operating-points-v2", 0, "phandle", "The device's table of operating performance points.",
	 NULL, 0, CORE},
	{"#cooling-cells", 0, "uint32", "How many cells a cooling specifier of this device takes.",
	 NULL, 0, CORE},
	{"firmware-name", 0, "string-array", "The file name(s) of the device's firmware.", NULL, 0,
	 CORE},
	{"big-endian", 0, "flag", "The device's registers are big-endian.", NULL, 0, CORE},
	{"little-endian", 0, "flag", "The device's registers are little-endian.", NULL, 0, CORE},
	{"secure-status", 0, "string", "The device's status for software in the secure world.",
	 V(status_values), CORE},
	/* patterns: '*' stands for any run of characters */
	{"*-supply", 1, "phandle", "The regulator that supplies this power rail of the device.",
	 NULL, 0, CORE},
	{"*-gpios", 1, "phandle-array",
	 "GPIOs the device uses for this purpose, each as a controller's phandle and specifier.",
	 NULL, 0, CORE},
	{"*-names", 1, "string-array", "Names of the entries of the property this one names.",
	 NULL, 0, CORE},
	{"#*-cells", 1, "uint32", "How many cells a specifier of this provider takes.", NULL, 0,
	 CORE},
};

const struct lsp_propdoc *lsp_std_props(size_t *n)
{
	*n = sizeof(props) / sizeof(props[0]);
	return props;
}

/* '*' matches any run of characters; nothing else is special. */
static int glob(const char *pat, const char *s)
{
	if (!*pat)
		return !*s;
	if (*pat == '*') {
		for (;; s++) {
			if (glob(pat + 1, s))
				return 1;
			if (!*s)
				return 0;
		}
	}
	return *pat == *s && glob(pat + 1, s + 1);
}

const struct lsp_propdoc *lsp_std_prop(const char *name)
{
	size_t n;
	const struct lsp_propdoc *p = lsp_std_props(&n);
	for (size_t i = 0; i < n; i++)
		if (!p[i].is_pattern && !strcmp(p[i].name, name))
			return &p[i];
	for (size_t i = 0; i < n; i++)
		if (p[i].is_pattern && glob(p[i].name, name))
			return &p[i];
	return NULL;
}
