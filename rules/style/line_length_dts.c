/* line-length-dts: lines up to 80 columns (tabs count to the next multiple of 8). */
#include "../context.h"
#include "style.h"

static const char *const options[] = {"max", NULL};

static void check(struct dtidy_ctx *ctx)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	long max = dtidy_ctx_option_int(ctx, "max", 80);
	if (max < 1)
		max = 80;
	for (size_t i = 0; i < sf.nlines; i++) {
		const struct style_line *l = &sf.lines[i];
		if (l->kind == SL_BLANK)
			continue;
		unsigned w = style_width(sf.text, l->start, l->end, 8);
		if (w > (unsigned long)max)
			style_report_line(&sf, i, "line exceeds %ld columns (%u)", max, w);
	}
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_line_length_dts = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "line-length-dts",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "a line longer than 80 columns",
	.help = "Lines fit in 80 columns, a tab counting up to the next multiple of 8\n"
		"and a UTF-8 character as one column (the kernel's coding style;\n"
		"dt-check-style's line-length-dts, stricter mode; the id was line-length).\n"
		"Every line counts, comments and the continuation lines of a value\n"
		"included (the checker skips those). Option: max (default 80), in\n"
		".dtidy.yaml:\n"
		"\n"
		"\trules:\n"
		"\t  line-length-dts: { max: 100 }\n"
		"\n"
		"Bad:\n"
		"\tinterrupts = <GIC_SPI 32 IRQ_TYPE_LEVEL_HIGH>, <GIC_SPI 33 IRQ_TYPE_LEVEL_HIGH>;\n"
		"\n"
		"Good:\n"
		"\tinterrupts = <GIC_SPI 32 IRQ_TYPE_LEVEL_HIGH>,\n"
		"\t\t     <GIC_SPI 33 IRQ_TYPE_LEVEL_HIGH>;\n",
	.options = options,
	.check = check,
};
