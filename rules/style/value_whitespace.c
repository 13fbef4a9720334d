/* value-whitespace: no blank just inside '<' or '>' of a cell list. */
#include "../context.h"
#include "style.h"

/* A blank after '<' (or before '>') with a value on the same line. */
static int padded(const struct style_file *sf, const struct cst *p)
{
	for (uint32_t t = p->tb; t < p->te; t++) {
		int k = sf->toks[t].kind;
		if (k == TK_CELL_OPEN && t + 2 < p->te && sf->toks[t + 1].kind == TK_WS &&
		    sf->toks[t + 2].kind != TK_NEWLINE && sf->toks[t + 2].kind != TK_LINE_COMMENT)
			return 1;
		if (k == TK_CELL_CLOSE && t >= p->tb + 2 && sf->toks[t - 1].kind == TK_WS &&
		    sf->toks[t - 2].kind != TK_NEWLINE)
			return 1;
	}
	return 0;
}

static void body(const struct style_file *sf, const struct cst *b, void *ud)
{
	(void)ud;
	CST_FOREACH(c, b)
	{
		if (c->kind == CST_PROP && padded(sf, c)) {
			uint32_t off = style_stmt_off(sf, c);
			size_t line = style_line_of(sf, off);
			style_report(sf, off, sf->lines[line].end, "extra whitespace inside <...>");
		}
	}
}

static void check(struct dtidy_ctx *ctx)
{
	style_check_bodies(ctx, body, NULL);
}

const struct dtidy_rule dtidy_rule_value_whitespace = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "value-whitespace",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "a blank just inside the '<' or '>' of a cell list",
	.help = "Cells sit right against their angle brackets: <1 2>, not < 1 2 >\n"
		"(dt-check-style's value-whitespace). One finding per property, on its\n"
		"first line. A list broken across lines right after '<' or right before\n"
		"'>' is fine. The brackets are the parsed ones, so the shift and\n"
		"comparison operators of an expression, (1 << 4), are never taken for\n"
		"them.\n"
		"\n"
		"Bad:\n"
		"\tinterrupts = < GIC_SPI 32 IRQ_TYPE_LEVEL_HIGH >;\n"
		"\n"
		"Good:\n"
		"\tinterrupts = <GIC_SPI 32 IRQ_TYPE_LEVEL_HIGH>;\n",
	.check = check,
};
