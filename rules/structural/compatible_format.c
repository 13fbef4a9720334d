/* compatible-format (beyond dtc, warning): compatible strings are
 * "vendor,device" in lower case with no spaces. Generic, vendor-less
 * compatibles exist (the Devicetree specification's and core bindings'):
 * a short list of the common ones is built in, and when the kernel's
 * binding documents are found, any string they document is accepted. */
#include <stdlib.h>
#include <string.h>

#include "../bindings/bindings_index.h"
#include "dtc_util.h"

/* Generic compatibles without a vendor prefix, from the Devicetree
 * specification and the kernel's core bindings. */
static const char *const generic[] = {
	"simple-bus", "simple-mfd", "syscon", "simple-pm-bus", "isa", "pci",
	"fixed-clock", "fixed-factor-clock", "fixed-partitions", "gpio-leds",
	"gpio-keys", "gpio-keys-polled", "gpio-gate-clock", "gpio-poweroff", "gpio-restart",
	"regulator-fixed", "regulator-gpio", "mmio-sram", "ns16550", "ns16550a",
	"ns8250", "ns16450", "ns16750", "ns16850", "cfi-flash", "jedec-flash",
	"jedec,spi-nor", "simple-framebuffer", "simple-panel", "panel-dpi",
	"shared-dma-pool", "restricted-dma-pool", "pwm-leds", "pwm-backlight",
	"gpio-backlight", "mmc-pwrseq-simple", "mmc-pwrseq-emmc", "usb-nop-xceiv",
	"ethernet-phy-ieee802.3-c22", "ethernet-phy-ieee802.3-c45", "regulator-fixed-clock",
	"voltage-divider", "gpio-fan", "pwm-fan", "simple-audio-card", "audio-graph-card",
	"audio-graph-card2", "linux,spdif-dit", "linux,spdif-dir", "iio-hwmon", "pwm-clock",
	"gpio-mux", "mmio-mux", "reg-mux", "gpio-charger", "gpio-beeper", "pwm-beeper",
	"rotary-encoder", "matrix-keypad", "gpio-matrix-keypad", "spi-gpio", "i2c-gpio",
	"i2c-mux-gpio", "i2c-mux-pinctrl", "i2c-gate", "gpio-ir-receiver", "gpio-ir-tx",
	"pwm-ir-tx", "usb-connector", "gpio-usb-b-connector", "hdmi-connector",
	"dvi-connector", "vga-connector", "composite-video-connector", "svideo-connector",
	"analog-tv-connector", "gpio-sbu-mux", "mdio-gpio",
	"virtual,mdio-gpio", "thermal-zones",
	"cache", "memory", "cpu", "l2-cache", "mii-bus", "pps-gpio", "gpio-wakeup",
	"multiboot,kernel", "multiboot,ramdisk", "multiboot,module", "multiboot,device-tree",
	"usb-a-connector", "usb-b-connector", "usb-c-connector", "pci-host-ecam-generic",
	"generic-ohci", "generic-ehci", "generic-xhci", "generic-ahci", "gpio-aggregator",
	"ramoops", "nvmem-cells", "operating-points-v2", "opp-v2", "cpu-idle-state",
	"domain-idle-state", "arm,idle-state", "pci-pci-bridge", "mmc-slot",
	};

static int is_generic(const char *s)
{
	for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]); i++)
		if (strcmp(generic[i], s) == 0)
			return 1;
	/* PCI class and USB vendor/product forms: "pci1234,5678", "usb1d6b,2" */
	return strncmp(s, "pci", 3) == 0 || strncmp(s, "usb", 3) == 0;
}

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	char *dir = bindings_find_dir(dtidy_ctx_path(ctx), dtidy_ctx_option(ctx, "bindings"));
	const struct bindings_index *ix = dir ? bindings_get(dir) : NULL;
	free(dir);
	FOREACH_CHECKED_NODE(n, t) {
		const struct dtidy_prop *p = dtidy_prop_get(n, "compatible");
		long count = p ? dtidy_prop_nstrings(p) : 0;
		for (long i = 0; i < count; i++) {
			const char *s = dtidy_prop_string(p, (size_t)i);
			struct dtidy_loc loc = dtidy_prop_string_loc(p, (size_t)i);
			if (!s || !s[0]) {
				dtidy_report_subject(dtidy_report(ctx, loc, "empty compatible string"), n, p);
				continue;
			}
			const char *bad = NULL;
			for (const char *c = s; *c && !bad; c++)
				if (*c == ' ' || *c == '\t')
					bad = "a space";
				else if (*c >= 'A' && *c <= 'Z')
					bad = "upper case";
			if (bad) {
				dtidy_report_subject(
					dtidy_report(ctx, loc, "compatible \"%s\" contains %s: use \"vendor,device\" in lower case",
						     s, bad), n, p);
				continue;
			}
			if (!strchr(s, ',') && !is_generic(s) &&
			    !(ix && bindings_compatible_documented(ix, s)))
				dtidy_report_subject(
					dtidy_report(ctx, loc, "compatible \"%s\" has no vendor prefix (\"vendor,device\")", s),
					n, p);
		}
	}
}

static const char *const options[] = {"bindings", NULL};

const struct dtidy_rule dtidy_rule_compatible_format = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "compatible-format",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "compatible not in \"vendor,device\" lower-case form",
	.help =
		"Compatible strings are \"vendor,device\": a registered vendor prefix, a\n"
		"comma, the device, all lower case and without spaces. Generic\n"
		"compatibles defined by the specification (\"simple-bus\", \"syscon\", ...)\n"
		"are the exception.\n"
		"\n"
		"Bad:\n\tcompatible = \"Acme, UART\";\nGood:\n\tcompatible = \"acme,uart\";\n",
	.options = options,
	.check = check,
};
