/* redundant-whitespace: more blanks than needed before a node's '{', after
 * a label's ':', or any blank before a ';' (dt-check-style's rule of the
 * same name, relaxed mode, 7.4 cycle). */
#include "../context.h"
#include "style.h"

/* One finding of each kind a line at most, as the checker reports. */
struct seen {
	size_t line[3];
};

static void say(const struct style_file *sf, struct seen *s, int kind, uint32_t ws,
		const char *msg)
{
	const struct dt_token *k = &sf->toks[ws];
	size_t line = style_line_of(sf, k->off);
	if (s->line[kind] == line + 1)
		return;
	s->line[kind] = line + 1;
	style_report(sf, k->off, k->off + k->len, "%s", msg);
}

static void check(struct dtidy_ctx *ctx)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	struct seen s = {{0, 0, 0}};
	for (size_t m = 0; m < sf.nmarks; m++) {
		uint32_t t = sf.marks[m];
		int k = sf.toks[t].kind;
		uint32_t ws;
		if (k == TK_LBRACE && (ws = style_ws_before(&sf, t)) != STYLE_NONE &&
		    style_ws_redundant(&sf, ws))
			say(&sf, &s, 0, ws, "extra whitespace before {");
		else if ((k == TK_LABEL || k == TK_COLON) &&
			 (ws = style_ws_after(&sf, t)) != STYLE_NONE && style_ws_redundant(&sf, ws))
			say(&sf, &s, 1, ws, "extra whitespace after :");
		else if (k == TK_SEMI && (ws = style_ws_before(&sf, t)) != STYLE_NONE)
			say(&sf, &s, 2, ws, "extra whitespace before ;");
	}
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_redundant_whitespace = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "redundant-whitespace",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "more than one space before '{' or after a label's ':', or a blank before ';'",
	.help = "One space separates a node's name from its '{' and a label from what it\n"
		"labels; nothing comes between a statement and its ';' (dt-check-style's\n"
		"redundant-whitespace, relaxed mode). A tab counts as redundant. Blanks\n"
		"around a comment are the comment's business and are not counted.\n"
		"\n"
		"Bad:\n"
		"\tuart0:  serial@1000  {\n"
		"\t\tstatus = \"okay\" ;\n"
		"\n"
		"Good:\n"
		"\tuart0: serial@1000 {\n"
		"\t\tstatus = \"okay\";\n",
	.check = check,
};
