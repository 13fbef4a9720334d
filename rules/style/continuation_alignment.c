/* continuation-alignment: the lines of a multi-line value start under the
 * first '<' or '"' after the '='. */
#include "../context.h"
#include "style.h"

static void prop(const struct style_file *sf, const struct cst *p)
{
	uint32_t first = style_first_sig(sf, p), last = style_last_sig(sf, p);
	if (first == STYLE_NONE)
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
		if (k->off >= sf->lines[l0].end + 1)
			break;
		if (k->kind == TK_EQ)
			seen_eq = 1;
		else if (seen_eq && (k->kind == TK_CELL_OPEN || k->kind == TK_STRING)) {
			target = t;
			break;
		}
	}
	/* "= <" at the end of the line: the cells start on the next line, one
	 * tab in, as tables are written; there is no column to align to */
	if (target == STYLE_NONE || target == sf->lines[l0].last_sig)
		return;
	unsigned col = style_width(sf->text, sf->lines[l0].start, sf->toks[target].off, 8);
	/* lines starting inside ( ) belong to an expression or macro call */
	int paren = 0;
	uint32_t t = first;
	for (size_t li = l0 + 1; li <= ln; li++) {
		const struct style_line *l = &sf->lines[li];
		for (; t <= last && sf->toks[t].off < l->start; t++) {
			if (sf->toks[t].kind == TK_LPAREN)
				paren++;
			else if (sf->toks[t].kind == TK_RPAREN && paren > 0)
				paren--;
		}
		if (l->kind != SL_CODE || !l->cont || paren > 0 || l->first_sig > last)
			continue;
		if (style_width(sf->text, l->start, l->indent_end, 8) != col)
			style_report_line(sf, li,
					  "continuation should align to column %u (under \"<\" or '\"')",
					  col + 1);
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
	.help = "When a value spans lines, each further line starts in the column of the\n"
		"first '<' or '\"' after the '=' (tabs counting to multiples of 8;\n"
		"dt-check-style's continuation-alignment). A value that starts on the\n"
		"line after the '=', or after a '<' that ends the line, sets no column and\n"
		"is not checked (dt-check-style aligns those under the '<'); comment lines\n"
		"inside the value, and lines inside the parentheses of a macro call or\n"
		"expression, are not continuations.\n"
		"\n"
		"Bad:\n"
		"\tclocks = <&cru SCLK_UART0>,\n"
		"\t\t<&cru PCLK_UART0>;\n"
		"\n"
		"Good:\n"
		"\tclocks = <&cru SCLK_UART0>,\n"
		"\t\t <&cru PCLK_UART0>;\n",
	.check = check,
};
