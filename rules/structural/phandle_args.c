/* The phandle-plus-arguments checks of dtc (warnings): for each property
 * that lists <&provider arg...> entries — clocks, dmas, resets, phys, ...,
 * and every *-gpios — each entry's argument count must equal the
 * provider's #<kind>-cells; and each #<kind>-cells must be one cell. */
#include <string.h>

#include "dtc_util.h"

struct provider {
	const char *prop;	/* "clocks"; NULL for the gpio family */
	const char *cells;	/* "#clock-cells" */
	int optional;		/* a provider without the cells property takes 0 */
};

static void check_entries(struct dtidy_ctx *ctx, const struct dtidy_tree *t,
			  const struct dtidy_node *n, const struct dtidy_prop *p,
			  const struct provider *pr)
{
	(void)n;
	struct pval v;
	pval_get(t, p, &v);
	if (v.len % 4) {
		fail_prop(ctx, p, "\"%s\" is %zu bytes, not a whole number of cells", p->name, v.len);
		pval_free(&v);
		return;
	}
	size_t ncells = v.len / 4, cellsize = 0;
	char path[512];
	for (size_t cell = 0; cell < ncells; cell += cellsize + 1) {
		uint32_t ph = pval_cell(&v, cell);
		if (pval_is_unresolved_at(&v, cell * 4))
			break;
		if (!phandle_is_valid(ph)) {
			if (t->plugin)
				break;	/* external references of an overlay */
			cellsize = 0;	/* 0 or -1 skips an optional entry */
			continue;
		}
		/* dtc checks this whenever the value came from source (it
		 * always carries type markers): a phandle written as a
		 * number is reported even with no reference in the value */
		if (!pval_is_ref_at(&v, cell * 4))
			fail_prop(ctx, p, "\"%s\": cell %zu should be a &reference", p->name, cell);
		const struct dtidy_node *prov = dtidy_node_by_phandle(t, ph);
		if (!prov) {
			fail_prop(ctx, p, "\"%s\": cell %zu (0x%x) is not the phandle of any node",
				  p->name, cell, ph);
			break;
		}
		const struct dtidy_prop *cp = dtidy_prop_get(prov, pr->cells);
		if (cp) {
			cellsize = prop_first_cell(t, cp);
		} else if (pr->optional) {
			cellsize = 0;
		} else {
			struct dtidy_report *r = fail_node(ctx, n,
				"%s has no '%s' (referred to from %s[%zu])",
				node_path(prov, path, sizeof(path)), pr->cells, p->name, cell);
			if (r)
				dtidy_report_related(r, dtidy_node_loc(prov), "provider defined here");
			break;
		}
		size_t expected = (cell + cellsize + 1) * 4;
		if (expected <= cell || v.len < expected) {
			fail_prop(ctx, p,
				  "\"%s\" is %zu bytes, too short for %zu argument cells of %s",
				  p->name, v.len, cellsize, node_path(prov, path, sizeof(path)));
			break;
		}
	}
	pval_free(&v);
}

static int is_gpio_prop(const char *name)
{
	size_t l = strlen(name);
	if (l >= 9 && strcmp(name + l - 9, ",nr-gpios") == 0)
		return 0;
	return (l >= 6 && strcmp(name + l - 6, "-gpios") == 0) || strcmp(name, "gpios") == 0 ||
	       (l >= 5 && strcmp(name + l - 5, "-gpio") == 0) || strcmp(name, "gpio") == 0;
}

static void check_provider(struct dtidy_ctx *ctx, const struct provider *pr)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		if (pr->prop) {
			const struct dtidy_prop *p = dtidy_prop_get(n, pr->prop);
			if (p)
				check_entries(ctx, t, n, p, pr);
			continue;
		}
		if (dtidy_prop_get(n, "gpio-hog"))
			continue;
		DTIDY_FOREACH_PROP(p, n)
			if (is_gpio_prop(p->name))
				check_entries(ctx, t, n, p, pr);
	}
}

static void check_cells_is_cell(struct dtidy_ctx *ctx, const char *cells)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		const struct dtidy_prop *p = dtidy_prop_get(n, cells);
		if (p && prop_len(t, p) != 4)
			fail_prop(ctx, p, "\"%s\" must be a single cell", cells);
	}
}

static void check_deprecated_gpio(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		DTIDY_FOREACH_PROP(p, n) {
			size_t l = strlen(p->name);
			if (is_gpio_prop(p->name) && l >= 4 && strcmp(p->name + l - 4, "gpio") == 0)
				fail_prop(ctx, p, "'%s' is deprecated: use '%ss'", p->name, p->name);
		}
	}
}

/* One pair of rules per provider kind: "<kind>-property" checks the
 * entries, "<kind>-is-cell" the provider's cell count. */
#define PROVIDER_RULES(kind, id_prefix, propname, cellsname, opt, what)          \
	static const struct provider prov_##kind = {propname, cellsname, opt};    \
	static void check_##kind(struct dtidy_ctx *ctx)                           \
	{                                                                        \
		check_provider(ctx, &prov_##kind);                                \
	}                                                                        \
	static void check_##kind##_cell(struct dtidy_ctx *ctx)                    \
	{                                                                        \
		check_cells_is_cell(ctx, cellsname);                              \
	}                                                                        \
	const struct dtidy_rule dtidy_rule_##kind##_property = {                       \
		.api_version = DTIDY_RULE_API_VERSION,                            \
		.id = id_prefix "-property",                                      \
		.family = "structural",                                           \
		.severity = DTIDY_SEV_WARNING,                                    \
		.description = "\"" propname "\" entries not matching the providers' " cellsname, \
		.help = "Each entry of \"" propname "\" is <&provider arg...> with as many\n" \
			"argument cells as the provider's " cellsname " (" what ").\n\n" \
			"Bad (provider has " cellsname " = <1>):\n\t" propname " = <&p>;\n" \
			"Good:\n\t" propname " = <&p 3>;\n",                      \
		.dtc_check = #kind "_property",                                   \
		.check = check_##kind,                                            \
	};                                                                       \
	const struct dtidy_rule dtidy_rule_##kind##_is_cell = {                        \
		.api_version = DTIDY_RULE_API_VERSION,                            \
		.id = id_prefix "-is-cell",                                       \
		.family = "structural",                                           \
		.severity = DTIDY_SEV_WARNING,                                    \
		.description = "\"" cellsname "\" that is not a single cell",     \
		.help = "\"" cellsname "\" is one cell: the number of argument cells a\n" \
			"reference to this provider takes.\n\n"                  \
			"Bad:\n\t" cellsname " = <1 1>;\nGood:\n\t" cellsname " = <1>;\n", \
		.dtc_check = #kind "_is_cell",                                    \
		.check = check_##kind##_cell,                                     \
	}

PROVIDER_RULES(clocks, "clocks", "clocks", "#clock-cells", 0, "clock controllers");
PROVIDER_RULES(cooling_device, "cooling-device", "cooling-device", "#cooling-cells", 0, "thermal cooling devices");
PROVIDER_RULES(dmas, "dmas", "dmas", "#dma-cells", 0, "DMA controllers");
PROVIDER_RULES(hwlocks, "hwlocks", "hwlocks", "#hwlock-cells", 0, "hardware spinlocks");
PROVIDER_RULES(interrupts_extended, "interrupts-extended", "interrupts-extended", "#interrupt-cells", 0, "interrupt controllers");
PROVIDER_RULES(io_channels, "io-channels", "io-channels", "#io-channel-cells", 0, "IIO providers");
PROVIDER_RULES(iommus, "iommus", "iommus", "#iommu-cells", 0, "IOMMUs");
PROVIDER_RULES(mboxes, "mboxes", "mboxes", "#mbox-cells", 0, "mailbox controllers");
PROVIDER_RULES(msi_parent, "msi-parent", "msi-parent", "#msi-cells", 1, "MSI controllers; optional");
PROVIDER_RULES(mux_controls, "mux-controls", "mux-controls", "#mux-control-cells", 0, "mux controllers");
PROVIDER_RULES(phys, "phys", "phys", "#phy-cells", 0, "PHY providers");
PROVIDER_RULES(power_domains, "power-domains", "power-domains", "#power-domain-cells", 0, "power domain providers");
PROVIDER_RULES(pwms, "pwms", "pwms", "#pwm-cells", 0, "PWM controllers");
PROVIDER_RULES(resets, "resets", "resets", "#reset-cells", 0, "reset controllers");
PROVIDER_RULES(sound_dai, "sound-dai", "sound-dai", "#sound-dai-cells", 0, "audio interfaces");
PROVIDER_RULES(thermal_sensors, "thermal-sensors", "thermal-sensors", "#thermal-sensor-cells", 0, "thermal sensors");

static const struct provider prov_gpios = {NULL, "#gpio-cells", 0};

static void check_gpios(struct dtidy_ctx *ctx)
{
	check_provider(ctx, &prov_gpios);
}

const struct dtidy_rule dtidy_rule_gpios_property = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "gpios-property",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "*-gpios entries not matching the controllers' #gpio-cells",
	.help = "Each entry of gpios / *-gpios is <&controller arg...> with as many argument\n"
		"cells as the controller's #gpio-cells (GPIO hog nodes excepted).\n\n"
		"Bad (#gpio-cells = <2>):\n\treset-gpios = <&gpio1 5>;\n"
		"Good:\n\treset-gpios = <&gpio1 5 GPIO_ACTIVE_LOW>;\n",
	.dtc_check = "gpios_property",
	.check = check_gpios,
};

const struct dtidy_rule dtidy_rule_deprecated_gpio_property = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "deprecated-gpio-property",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN,
	.description = "deprecated [*-]gpio property name",
	.help = "GPIO properties are named gpios or *-gpios; the singular form is\n"
		"deprecated (off by default, as in dtc).\n\n"
		"Bad:\n\treset-gpio = <&gpio1 5 0>;\nGood:\n\treset-gpios = <&gpio1 5 0>;\n",
	.dtc_check = "deprecated_gpio_property",
	.check = check_deprecated_gpio,
};
