/* textDocument/foldingRange: node bodies and multi-line property values,
 * comment blocks (a block comment over several lines, or a run of line
 * comments), and preprocessor conditionals (#if ... #endif). From the
 * buffer as written, lexed and parsed on its own. */
#include <string.h>

#include "parsed.h"
#include "server.h"

struct folds {
	const struct lsp_doc *d;
	json_t *arr;
};

static unsigned line_of(const struct lsp_doc *d, size_t off)
{
	return lsp_doc_pos(d, off, LSP_ENC_UTF8).line;
}

static void fold(struct folds *f, unsigned a, unsigned b, const char *kind)
{
	if (b <= a)
		return;
	json_t *j = json_pack("{s:i, s:i}", "startLine", (int)a, "endLine", (int)b);
	if (kind)
		json_object_set_new(j, "kind", json_string(kind));
	json_array_append_new(f->arr, j);
}

static void fold_nodes(struct folds *f, const struct dt_parsed *p, const struct cst *parent)
{
	CST_FOREACH(c, parent)
	{
		if (c->kind == CST_PROP && c->te > c->tb) {
			/* to its last token, not the line break after it */
			uint32_t last = c->te - 1;
			while (last > c->tb && dt_tok_is_trivia(p->toks.v[last].kind))
				last--;
			unsigned a = line_of(f->d, cst_start(&p->cst, c));
			unsigned b = line_of(f->d, p->toks.v[last].off);
			fold(f, a, b, NULL);
			continue;
		}
		if ((c->kind != CST_NODE && c->kind != CST_REF_NODE) || c->tok2 == CST_NONE)
			continue;
		/* to the line before the closing brace, which stays in view */
		size_t close = SIZE_MAX;
		for (uint32_t i = c->te; i-- > c->tok2;)
			if (p->toks.v[i].kind == TK_RBRACE) {
				close = p->toks.v[i].off;
				break;
			}
		if (close != SIZE_MAX) {
			unsigned a = line_of(f->d, p->toks.v[c->tok].off);
			unsigned b = line_of(f->d, close);
			fold(f, a, b ? b - 1 : 0, NULL);
		}
		fold_nodes(f, p, c);
	}
}

/* The directive a preprocessor line starts with: "if", "endif"... */
static int directive_is(const char *s, size_t n, const char *word)
{
	size_t i = 1, k = strlen(word);
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return n - i >= k && !memcmp(s + i, word, k) &&
	       (n - i == k || !((s[i + k] >= 'a' && s[i + k] <= 'z') || s[i + k] == '_'));
}

static void fold_trivia(struct folds *f, const struct dt_parsed *p)
{
	unsigned open[64];
	size_t nopen = 0;
	unsigned run_start = 0, run_end = 0;
	int in_run = 0;
	for (size_t i = 0; i < p->toks.n; i++) {
		const struct dt_token *t = &p->toks.v[i];
		if (t->kind != TK_LINE_COMMENT && t->kind != TK_BLOCK_COMMENT && t->kind != TK_PP) {
			if (t->kind != TK_WS && t->kind != TK_NEWLINE && in_run) {
				fold(f, run_start, run_end, "comment");
				in_run = 0;
			}
			continue;
		}
		unsigned a = line_of(f->d, t->off), b = line_of(f->d, t->off + t->len);
		if (t->kind == TK_LINE_COMMENT && (t->flags & TF_BOL)) {
			if (in_run && a == run_end + 1) {
				run_end = a;
			} else {
				if (in_run)
					fold(f, run_start, run_end, "comment");
				in_run = 1;
				run_start = run_end = a;
			}
			continue;
		}
		if (in_run)
			fold(f, run_start, run_end, "comment");
		in_run = 0;
		if (t->kind == TK_BLOCK_COMMENT) {
			fold(f, a, b, "comment");
		} else if (t->kind == TK_PP) {
			const char *s = p->cst.text + t->off;
			if (b > a + 1)
				fold(f, a, b - 1, "region");	/* #if 0 with its group */
			else if (directive_is(s, t->len, "if") || directive_is(s, t->len, "ifdef") ||
				 directive_is(s, t->len, "ifndef")) {
				if (nopen < 64)
					open[nopen] = a;
				nopen++;
			} else if (directive_is(s, t->len, "endif") && nopen) {
				nopen--;
				if (nopen < 64)
					fold(f, open[nopen], a ? a - 1 : 0, "region");
			}
		}
	}
	if (in_run)
		fold(f, run_start, run_end, "comment");
}

json_t *lsp_folding_range(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e)
{
	(void)id;
	struct lsp_doc *d = lsp_param_doc(s, params, e);
	if (!d)
		return NULL;
	struct dt_parsed p;
	lsp_parse(&p, d);
	struct folds f = {d, json_array()};
	fold_nodes(&f, &p, p.cst.root);
	fold_trivia(&f, &p);
	dt_parsed_free(&p);
	return f.arr;
}
