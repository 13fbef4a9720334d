/* unclosed-block-comment: a block comment that runs to the end of the file. */
#include "../context.h"
#include "style.h"

static void check(struct dtidy_ctx *ctx)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	/* an unclosed comment runs to the end: it is the last token (before
	 * TK_EOF), so only the last ones need a look */
	for (size_t i = sf.ntoks > 2 ? sf.ntoks - 2 : 0; i < sf.ntoks; i++) {
		const struct dt_token *t = &sf.toks[i];
		if (t->kind == TK_BLOCK_COMMENT && (t->flags & TF_ERROR) &&
		    t->err == TE_UNTERMINATED_COMMENT)
			style_report(&sf, t->off, t->off + 2, "unclosed /* block comment");
	}
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_unclosed_block_comment = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "unclosed-block-comment",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE,
	.description = "a /* comment without its */",
	.help = "Every /* block comment closes with */ (dt-check-style's\n"
		"unclosed-block-comment). An unclosed comment swallows the rest of the\n"
		"file. Unlike a line classifier, dtidy's lexer knows that a /* inside a\n"
		"string or a // comment opens nothing.\n"
		"\n"
		"Bad:\n"
		"\t/* the UART\n"
		"\tserial@1000 { };\n"
		"\n"
		"Good:\n"
		"\t/* the UART */\n"
		"\tserial@1000 { };\n",
	.check = check,
};
