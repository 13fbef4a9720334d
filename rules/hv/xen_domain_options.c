/* xen-domain-options: the optional properties of a dom0less domain, with
 * the values Xen accepts. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "hv.h"

/* The GIC numbers SPIs 32..1019: a domain can have at most 988. */
#define MAX_SPIS 988u

static const struct dtidy_prop *u32_prop(struct dtidy_ctx *ctx, const struct dtidy_node *d,
					 const char *name, uint32_t *v)
{
	const struct dtidy_prop *p = dtidy_prop_get(d, name);
	if (p && !hv_prop_u32(p, v)) {
		dtidy_report_prop(ctx, NULL, p, "%s is one 32-bit cell", name);
		return NULL;
	}
	return p;
}

/* A string from a closed list; an empty value allowed when `empty_ok`. */
static void one_of(struct dtidy_ctx *ctx, const struct dtidy_node *d, const char *name,
		   const char *const *values, int empty_ok, const char *otherwise)
{
	const struct dtidy_prop *p = dtidy_prop_get(d, name);
	if (!p || (empty_ok && !p->nchunks))
		return;
	const char *s = hv_prop_str(p);
	for (size_t i = 0; s && values[i]; i++)
		if (!strcmp(s, values[i]))
			return;
	char list[160] = "";
	for (size_t i = 0; values[i]; i++) {
		strncat(list, i ? ", \"" : "\"", sizeof(list) - strlen(list) - 1);
		strncat(list, values[i], sizeof(list) - strlen(list) - 1);
		strncat(list, "\"", sizeof(list) - strlen(list) - 1);
	}
	if (s)
		hv_about(dtidy_report(ctx, dtidy_prop_string_loc(p, 0),
				      "%s = \"%s\" is not one of %s: %s", name, s, list, otherwise),
			 NULL, p);
	else
		dtidy_report_prop(ctx, NULL, p, "%s must be one string: %s%s", name, list,
				  empty_ok ? ", or no value" : "");
}

static void check_domain(struct dtidy_ctx *ctx, const struct dtidy_node *d)
{
	const struct dtidy_prop *p = dtidy_prop_get(d, "vpl011");
	size_t nc;
	const struct dtidy_cell **cells = hv_cells(p, &nc);
	int zero = cells != NULL;
	for (size_t i = 0; i < nc; i++)
		zero &= cells[i]->val == 0;
	free(cells);
	if (zero)
		hv_about(dtidy_report_sev(ctx, DTIDY_SEV_WARNING, dtidy_prop_loc(p),
					  "vpl011 = <0> still enables the virtual PL011: Xen tests only "
					  "that the property is present; delete it to go without"),
			 NULL, p);

	uint32_t v;
	if (u32_prop(ctx, d, "nr_spis", &v) && v > MAX_SPIS)
		dtidy_report_prop(ctx, NULL, dtidy_prop_get(d, "nr_spis"),
				  "nr_spis = <%" PRIu32
				  ">: a GIC has at most %u SPIs (INTIDs 32-1019)",
				  v, MAX_SPIS);
	p = u32_prop(ctx, d, "max_grant_version", &v);
	if (p && v != 1 && v != 2)
		dtidy_report_prop(ctx, NULL, p,
				  "max_grant_version = <%" PRIu32
				  ">: the grant table versions are 1 and 2",
				  v);
	static const char *const frames[] = {"max_grant_frames", "max_maptrack_frames"};
	for (size_t i = 0; i < 2; i++) {
		p = u32_prop(ctx, d, frames[i], &v);
		if (p && v > INT32_MAX)
			dtidy_report_prop(ctx, NULL, p,
					  "%s = <%#" PRIx32
					  "> is above INT32_MAX: Xen panics (overflow)",
					  frames[i], v);
	}
	u32_prop(ctx, d, "xen,domain-p2m-mem-mb", &v);

	static const char *const enhanced[] = {"enabled", "disabled", "no-xenstore", "legacy",
					       NULL};
	one_of(ctx, d, "xen,enhanced", enhanced, 1, "Xen then leaves the PV interfaces disabled");
	static const char *const onoff[] = {"enabled", "disabled", NULL};
	one_of(ctx, d, "passthrough", onoff, 0, "Xen then ignores it");

	p = dtidy_prop_get(d, "sve");
	if (p && p->nchunks) {
		if (!hv_prop_u32(p, &v))
			dtidy_report_prop(ctx, NULL, p,
					  "sve is empty (the platform's maximum vector length) or one "
					  "cell");
		else if (v && (v < 128 || v > 2048 || v % 128))
			dtidy_report_prop(ctx, NULL, p,
					  "sve = <%" PRIu32
					  ">: the SVE vector length is 0 (off) or a "
					  "multiple of 128 from 128 to 2048",
					  v);
	}

	p = dtidy_prop_get(d, "llc-colors");
	if (p) {
		const char *s = hv_prop_str(p), *why = s ? hv_range_list_error(s, 10, 1) : NULL;
		if (!s)
			dtidy_report_prop(ctx, NULL, p,
					  "llc-colors is one string such as \"0-3,8\"");
		else if (why)
			hv_about(dtidy_report(ctx, dtidy_prop_string_loc(p, 0),
					      "llc-colors \"%s\": %s (docs/misc/cache-coloring.rst)",
					      s, why),
				 NULL, p);
		if (dtidy_prop_get(d, "xen,static-mem"))
			dtidy_report_prop(ctx, NULL, p,
					  "llc-colors with xen,static-mem: static memory cannot be "
					  "colored and Xen panics");
	}

	p = dtidy_prop_get(d, "direct-map");
	if (p) {
		hv_need_flag(ctx, d, "direct-map", "Xen only tests that it is present");
		if (!dtidy_prop_get(d, "xen,static-mem"))
			dtidy_report_prop(ctx, NULL, p,
					  "direct-map needs xen,static-mem: only statically allocated "
					  "memory can be mapped 1:1, and Xen panics");
	}
}

static void check(struct dtidy_ctx *ctx)
{
	hv_each_compatible(ctx, "xen,domain", check_domain);
}

const struct dtidy_rule dtidy_rule_xen_domain_options = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "xen-domain-options",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "the optional properties of a Xen dom0less domain hold values Xen accepts",
	.help = "Xen docs/misc/arm/device-tree/booting.txt, \"Creating Multiple Domains\n"
		"directly from Xen\", the optional properties of a xen,domain node:\n"
		"- vpl011: an empty property; Xen tests only its presence, so\n"
		"  vpl011 = <0> still enables the virtual UART (warning);\n"
		"- nr_spis: one cell, at most 988 (the GIC's SPIs are INTIDs 32-1019);\n"
		"- max_grant_version: 1 or 2; max_grant_frames, max_maptrack_frames:\n"
		"  one cell, at most INT32_MAX (Xen panics on overflow);\n"
		"  xen,domain-p2m-mem-mb: one cell;\n"
		"- xen,enhanced: no value, \"enabled\", \"disabled\", \"no-xenstore\" (or\n"
		"  \"legacy\"); any other string leaves the PV interfaces off;\n"
		"- passthrough: \"enabled\" or \"disabled\";\n"
		"- sve: no value (the platform maximum), 0, or a multiple of 128 from\n"
		"  128 to 2048;\n"
		"- llc-colors: docs/misc/cache-coloring.rst, \"Colors selection format\":\n"
		"  colors and A-B ranges separated by commas, no spaces, ascending, no\n"
		"  overlap; and not with xen,static-mem (\"Known issues\": static memory\n"
		"  cannot be colored);\n"
		"- direct-map: an empty property, \"only available when statically\n"
		"  allocated memory is used\" (xen,static-mem), else Xen panics.\n"
		"\n"
		"Bad:\n"
		"\tdomU1 {\n"
		"\t\tcompatible = \"xen,domain\";\n"
		"\t\tvpl011 = <0>;\t\t\t/* still enabled */\n"
		"\t\tmax_grant_version = <3>;\n"
		"\t\txen,enhanced = \"on\";\n"
		"\t\tsve = <100>;\n"
		"\t\tllc-colors = \"4-8, 2\";\n"
		"\t\tdirect-map;\t\t\t/* without xen,static-mem */\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\tdomU1 {\n"
		"\t\tcompatible = \"xen,domain\";\n"
		"\t\tvpl011;\n"
		"\t\tmax_grant_version = <2>;\n"
		"\t\txen,enhanced = \"no-xenstore\";\n"
		"\t\tsve = <256>;\n"
		"\t\tllc-colors = \"2,4-8\";\n"
		"\t};\n",
	.check = check,
};
