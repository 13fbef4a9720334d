#include "parsed.h"

void lsp_parse(struct dt_parsed *p, const struct lsp_doc *d)
{
	/* a document too large to check has no outline or hovers either */
	dt_parse_text(p, d->text, lsp_doc_too_large(d) ? 0 : d->len);
}

uint32_t lsp_token_at(const struct dt_parsed *p, size_t off)
{
	const struct dt_token *t = p->toks.v;
	size_t lo = 0, hi = p->toks.n;
	/* last token starting at or before off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	for (size_t i = lo + 1; i-- > 0 && i + 2 > lo;) {
		if (t[i].kind == TK_EOF || dt_tok_is_trivia(t[i].kind))
			continue;
		if (off >= t[i].off && off <= t[i].off + t[i].len)
			return (uint32_t)i;
	}
	return CST_NONE;
}

size_t lsp_labels(const struct dt_parsed *p, const struct cst *c, uint32_t *out, size_t max)
{
	size_t n = 0;
	if (c->tok == CST_NONE)
		return 0;
	for (uint32_t i = c->tb; i < c->tok && n < max; i++)
		if (p->toks.v[i].kind == TK_LABEL)
			out[n++] = i;
	return n;
}
