/* unused-labels-dts: labels of a board file that nothing in the board refers
 * to. The board is every file the model read for it, so a label used only
 * by an included .dtsi, or through a macro in a header, counts as used. */
#include <stdlib.h>
#include <string.h>

#include "../../core/xalloc.h"
#include "../../lexer/lexer.h"
#include "../context.h"
#include "style.h"

struct name {
	const char *s;
	size_t n;
};

struct names {
	struct name *v;
	size_t n, cap;
};

static void add(struct names *ns, const char *s, size_t n)
{
	struct name nm = {s, n};
	VEC_PUSH(ns->v, ns->n, ns->cap, nm);
}

static int label_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* Every &name in a stretch of text that is not DTS (a #define). */
static void refs_in_text(struct names *ns, const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (s[i] != '&' || (s[i + 1] == '&'))
			continue;
		size_t b = i + 1, e = b;
		if (e < n && s[e] == '{')
			b = ++e;
		while (e < n && label_char(s[e]))
			e++;
		if (e > b)
			add(ns, s + b, e - b);
		i = e - 1;
	}
}

/* References in one file: &label, &{label/...}, and &label inside
 * preprocessor lines (macros that expand to references). */
static void refs_in_file(struct names *ns, const char *text, const struct dt_token *toks,
			 size_t ntoks)
{
	for (size_t i = 0; i < ntoks; i++) {
		const struct dt_token *t = &toks[i];
		const char *s = text + t->off;
		if (t->kind == TK_REF && t->len > 1) {
			add(ns, s + 1, t->len - 1);
		} else if (t->kind == TK_PATH_REF && t->len > 2 && s[2] != '/') {
			size_t e = 2;
			while (e < t->len && label_char(s[e]))
				e++;
			add(ns, s + 2, e - 2);
		} else if (t->kind == TK_PP) {
			refs_in_text(ns, s, t->len);
		}
	}
}

static int has(const struct names *ns, const char *s, size_t n)
{
	for (size_t i = 0; i < ns->n; i++)
		if (ns->v[i].n == n && !memcmp(ns->v[i].s, s, n))
			return 1;
	return 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *tree = dtidy_ctx_tree(ctx);
	const char *path = dtidy_ctx_path(ctx);
	/* a .dtsi's or an overlay's labels are for the files that use it */
	if (!tree || !path || !ends_with(path, ".dts"))
		return;
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	struct names refs = {0};
	refs_in_file(&refs, sf.text, sf.toks, sf.ntoks);
	struct dt_tokens other = {0};
	for (size_t f = 1; f < tree->nfiles; f++) {
		const struct dtidy_file *df = tree->files[f];
		if (!df || !df->text)
			continue;
		dt_lex(df->text, df->len, &other);
		refs_in_file(&refs, df->text, other.v, other.n);
		/* the names point into df->text, which the model keeps */
		dt_tokens_free(&other);
		memset(&other, 0, sizeof(other));
	}
	for (size_t i = 0; i < sf.ntoks; i++) {
		const struct dt_token *t = &sf.toks[i];
		if (t->kind != TK_LABEL || t->len < 2)
			continue;
		const char *s = sf.text + t->off;
		size_t n = t->len - 1;
		if (!has(&refs, s, n))
			style_report(&sf, t->off, t->off + (uint32_t)n,
				     "label '%.*s' defined but never &-referenced", (int)n, s);
	}
	free(refs.v);
	style_close(&sf);
}

const struct dtidy_rule dtidy_rule_unused_labels_dts = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "unused-labels-dts",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | RULE_READS_SOURCE | RULE_READS_TREE,
	.description = "a label in a board file that nothing in the board refers to",
	.help = "A label that no &label, &{label/...} or macro refers to is clutter\n"
		"(dt-check-style's unused-labels-dts, stricter mode; the id was\n"
		"unused-labels). dtidy resolves references across the\n"
		"whole board: the .dts and every .dtsi and header the model read for it,\n"
		"so a label that an included file or a macro uses counts as used. A\n"
		".dtsi or an overlay checked on its own is never reported: its labels\n"
		"are for the files that include or apply it. Needs the model; a board\n"
		"whose includes cannot be found is not checked.\n"
		"\n"
		"Bad:\n"
		"\tled_power: led-0 {\n"
		"\t\tlabel = \"power\";\n"
		"\t};\t\t\t// and no &led_power anywhere in the board\n"
		"\n"
		"Good:\n"
		"\tled-0 {\n"
		"\t\tlabel = \"power\";\n"
		"\t};\n",
	.check = check,
};
