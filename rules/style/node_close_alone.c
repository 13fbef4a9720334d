/* node-close-alone: a node's closing '};' on a line of its own. */
#include "../context.h"
#include "style.h"

/* Anything on the line besides node-closing '}' and the ';' after one? */
static int shares_line(const struct style_file *sf, const struct style_line *l)
{
	int closes = 0;
	for (uint32_t t = l->first_sig; t <= l->last_sig; t++) {
		int k = sf->toks[t].kind;
		if (dt_tok_is_trivia(k))
			continue;
		if (sf->role[t] & TR_CLOSE) {
			closes++;
			continue;
		}
		if (k == TK_SEMI && t > 0) {
			uint32_t p = t - 1;
			while (p > l->first_sig && dt_tok_is_trivia(sf->toks[p].kind))
				p--;
			if (sf->role[p] & TR_CLOSE)
				continue;
		}
		return 1;
	}
	return closes > 1;
}

static void check(struct dtidy_ctx *ctx)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	for (size_t i = 0; i < sf.nlines; i++) {
		const struct style_line *l = &sf.lines[i];
		uint32_t close = l->close;
		if (close != STYLE_NONE && shares_line(&sf, l))
			style_report(&sf, sf.toks[close].off, sf.toks[close].off + 1,
				     "closing brace must be on its own line");
	}
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_node_close_alone = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "node-close-alone",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "a node's closing '};' shares its line",
	.help = "A node's closing '};' stands alone on its line, aligned with the node\n"
		"(dt-check-style's node-close-alone): not after a property, not two\n"
		"closings on one line, not a whole node on one line. A '};' inside a\n"
		"string or a comment is not a closing.\n"
		"\n"
		"Bad:\n"
		"\tleds {\n"
		"\t\tled-0 { label = \"power\"; };\n"
		"\t\tstatus = \"okay\"; };\n"
		"\n"
		"Good:\n"
		"\tleds {\n"
		"\t\tled-0 {\n"
		"\t\t\tlabel = \"power\";\n"
		"\t\t};\n"
		"\t};\n",
	.check = check,
};
