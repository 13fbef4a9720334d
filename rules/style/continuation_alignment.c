/* continuation-alignment: the lines of a multi-line value start where
 * dt-check-style (7.4 cycle) puts them. The column is that of the first '<'
 * or '"' after the '=' on the property's first line; a line that follows a
 * finished entry (a line ending in ">," or "\",") starts in that column, a
 * line that continues an entry left open (inside "<...", or after a macro
 * argument's ',') one column further, under the first value inside the '<'. */
#include <string.h>

#include "../context.h"
#include "style.h"

/* The significant token before t, or STYLE_NONE. */
static uint32_t prev_sig(const struct style_file *sf, uint32_t t)
{
	while (t > 0) {
		t--;
		if (!dt_tok_is_trivia(sf->toks[t].kind))
			return t;
	}
	return STYLE_NONE;
}

/* Does the line end a finished entry: its code ends in ">," or "\","? */
static int ends_entry(const struct style_file *sf, const struct style_line *l)
{
	uint32_t last = l->last_sig;
	if (last == STYLE_NONE || sf->toks[last].kind != TK_COMMA)
		return 0;
	uint32_t p = prev_sig(sf, last);
	if (p == STYLE_NONE || sf->toks[p].off < l->start)
		return 0;
	return sf->toks[p].kind == TK_CELL_CLOSE || sf->toks[p].kind == TK_STRING;
}

static void prop(const struct style_file *sf, const struct cst *p)
{
	uint32_t first = style_first_sig(sf, p), last = style_last_sig(sf, p);
	if (first == STYLE_NONE)
		return;
	/* most values fit on their line: a look for a newline is cheaper
	 * than finding the lines */
	if (!memchr(sf->text + sf->toks[first].off, '\n', sf->toks[last].off - sf->toks[first].off))
		return;
	size_t l0 = style_line_of(sf, sf->toks[first].off);
	size_t ln = style_line_of(sf, sf->toks[last].off);
	if (ln == l0)
		return;
	/* the '=' and the value's first '<' or '"' on the first line */
	uint32_t target = STYLE_NONE;
	int seen_eq = 0;
	for (uint32_t t = first; t <= last && t < sf->ntoks; t++) {
		const struct dt_token *k = &sf->toks[t];
		if (k->off >= sf->lines[l0].end)
			break;
		if (k->kind == TK_EQ)
			seen_eq = 1;
		else if (seen_eq && (k->kind == TK_CELL_OPEN || k->kind == TK_STRING)) {
			target = t;
			break;
		}
	}
	/* a value that starts on the line after the '=' sets no column */
	if (target == STYLE_NONE)
		return;
	unsigned col = style_width(sf->text, sf->lines[l0].start, sf->toks[target].off, 8);
	int done = ends_entry(sf, &sf->lines[l0]);
	for (size_t li = l0 + 1; li <= ln; li++) {
		const struct style_line *l = &sf->lines[li];
		/* after a preprocessor line the checker no longer sees a value */
		if (l->kind == SL_PP)
			return;
		if (l->kind != SL_CODE || l->first_sig > last)
			continue;
		unsigned want = col + (done ? 0 : 1);
		if (style_width(sf->text, l->start, l->indent_end, 8) != want)
			style_report_line(sf, li, "continuation should align to column %u (%s)",
					  want + 1, done ? "to < or \"" : "to the value under <");
		done = ends_entry(sf, l);
	}
}

static void body(const struct style_file *sf, const struct cst *b, void *ud)
{
	(void)ud;
	CST_FOREACH(c, b)
	{
		if (c->kind == CST_PROP)
			prop(sf, c);
	}
}

static void check(struct dtidy_ctx *ctx)
{
	style_check_bodies(ctx, body, NULL);
}

const struct dtidy_rule dtidy_rule_continuation_alignment = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "continuation-alignment",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "a value's continuation line not aligned under its first '<' or '\"'",
	.help = "When a value spans lines, each further line starts at a column set by the\n"
		"first '<' or '\"' after the '=' (tabs counting to multiples of 8), as\n"
		"dt-check-style's continuation-alignment (7.4 cycle) has it:\n"
		" - after a finished entry (the line before ends in \">,\" or '\",'),\n"
		"   under that '<' or '\"';\n"
		" - inside an entry left open (the line before ends inside \"<...\"),\n"
		"   one column further, under the first value inside the '<'.\n"
		"A value that starts on the line after the '=' sets no column and is not\n"
		"checked; comment lines inside the value are not continuations.\n"
		"\n"
		"Bad:\n"
		"\tclocks = <&cru SCLK_UART0>,\n"
		"\t\t<&cru PCLK_UART0>;\n"
		"\tinterrupts = <GIC_SPI 10\n"
		"\t\t     IRQ_TYPE_LEVEL_HIGH>;\n"
		"\n"
		"Good:\n"
		"\tclocks = <&cru SCLK_UART0>,\n"
		"\t\t <&cru PCLK_UART0>;\n"
		"\tinterrupts = <GIC_SPI 10\n"
		"\t\t      IRQ_TYPE_LEVEL_HIGH>;\n",
	.check = check,
};
