/* Sorting the statements of one body as a fix, proven safe before it is
 * offered: the reordered file is parsed again and must hold the same
 * statements in every body (order aside) and the same comments, and
 * nothing whose meaning depends on order may be in the body. */
#include <stdlib.h>
#include <string.h>

#include "../../core/arena.h"
#include "../../core/strbuf.h"
#include "../../core/xalloc.h"
#include "../../lexer/lexer.h"
#include "../../parser/parser.h"
#include "style.h"

/* Whole lines of one statement: [start, end) including the newline. */
struct chunk {
	uint32_t start, end;
};

static int same_text(const char *text, const struct dt_token *a, const struct dt_token *b)
{
	return a->len == b->len && !memcmp(text + a->off, text + b->off, a->len);
}

/* Order matters where a body sets something twice (the last one wins, or
 * nodes merge), deletes something, or hides statements in macros and
 * preprocessor lines. */
static int order_free(const struct style_file *sf, const struct cst *body)
{
	CST_FOREACH(c, body)
	{
		switch (c->kind) {
		case CST_PROP:
		case CST_NODE:
		case CST_REF_NODE:
			break;
		default:
			if (c->kind == CST_VERSION || c->kind == CST_PLUGIN ||
			    c->kind == CST_MEMRESERVE || c->kind == CST_INCLUDE)
				break;
			return 0;
		}
		if (c->tok == CST_NONE)
			return 0;
		for (const struct cst *d = c->next; d; d = d->next)
			if (d->kind == c->kind && d->tok != CST_NONE &&
			    same_text(sf->text, &sf->toks[c->tok], &sf->toks[d->tok]))
				return 0;
	}
	uint32_t tb = body->kind == CST_FILE ? 0 : body->tok2;
	for (uint32_t t = tb; t < body->te && t < sf->ntoks; t++)
		if (sf->toks[t].kind == TK_PP || sf->toks[t].kind == TK_SPLICE)
			return 0;
	return 1;
}

/* The lines of a statement and the comment lines right above it; -1 when it
 * shares a line with another statement. */
static int chunk_of(const struct style_file *sf, const struct cst *c, struct chunk *ch)
{
	uint32_t f = style_first_sig(sf, c), l = style_last_sig(sf, c);
	if (f == STYLE_NONE)
		return -1;
	size_t fl = style_line_of(sf, sf->toks[f].off), ll = style_line_of(sf, sf->toks[l].off);
	if (sf->lines[fl].first_sig != f || sf->lines[ll].last_sig != l || ll + 1 >= sf->nlines)
		return -1;
	/* a block comment still open at the end of the last line */
	const struct dt_token *after = &sf->toks[l + 1];
	for (uint32_t t = l + 1; t < sf->ntoks && sf->toks[t].off < sf->lines[ll].end; t++)
		after = &sf->toks[t];
	if (after->off + after->len > sf->lines[ll].end + 1)
		return -1;
	size_t top = fl;
	while (top > 0 && (sf->lines[top - 1].kind == SL_COMMENT ||
			   sf->lines[top - 1].kind == SL_COMMENT_BODY))
		top--;
	if (top < fl && sf->lines[top].kind == SL_COMMENT_BODY)
		top = fl;	/* the comment began on a line of code: leave it */
	ch->start = sf->lines[top].start;
	ch->end = sf->lines[ll + 1].start;
	return 0;
}

/* ---- proof ---- */

static char *take(struct strbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	memset(b, 0, sizeof(*b));
	return s;
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One statement as text: its significant tokens, and for a node its
 * body's statements sorted (order does not matter once order_free holds). */
static char *canon(const char *text, const struct dt_token *toks, const struct cst *c);

static char *canon_body(const char *text, const struct dt_token *toks, const struct cst *body)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	CST_FOREACH(c, body)
	{
		char *s = canon(text, toks, c);
		VEC_PUSH(v, n, cap, s);
	}
	if (n)
		qsort(v, n, sizeof(*v), by_str);
	struct strbuf sb = {0};
	for (size_t i = 0; i < n; i++) {
		sb_puts(&sb, v[i]);
		sb_putc(&sb, '\n');
		free(v[i]);
	}
	free(v);
	return take(&sb);
}

static char *canon(const char *text, const struct dt_token *toks, const struct cst *c)
{
	struct strbuf sb = {0};
	uint32_t stop = c->te;
	if ((c->kind == CST_NODE || c->kind == CST_REF_NODE) && c->tok2 != CST_NONE)
		stop = c->tok2;
	for (uint32_t t = c->tb; t < stop; t++) {
		if (dt_tok_is_trivia(toks[t].kind) || toks[t].kind == TK_EOF)
			continue;
		sb_put(&sb, text + toks[t].off, toks[t].len);
		sb_putc(&sb, ' ');
	}
	if (stop != c->te) {
		char *b = canon_body(text, toks, c);
		sb_puts(&sb, "{\n");
		sb_puts(&sb, b);
		sb_puts(&sb, "}");
		free(b);
	}
	return take(&sb);
}

/* Comments, sorted, one per line. */
static char *comments(const char *text, const struct dt_token *toks, size_t n)
{
	char **v = NULL;
	size_t k = 0, cap = 0;
	for (size_t i = 0; i < n; i++)
		if (toks[i].kind == TK_LINE_COMMENT || toks[i].kind == TK_BLOCK_COMMENT) {
			char *s = xstrndup(text + toks[i].off, toks[i].len);
			VEC_PUSH(v, k, cap, s);
		}
	if (k)
		qsort(v, k, sizeof(*v), by_str);
	struct strbuf sb = {0};
	for (size_t i = 0; i < k; i++) {
		sb_puts(&sb, v[i]);
		sb_putc(&sb, '\n');
		free(v[i]);
	}
	free(v);
	return take(&sb);
}

/* The canonical statements and the comments of a run of whole statements,
 * parsed on its own (as the body of a node); NULL when it does not parse. */
static char *meaning(const char *text, size_t len)
{
	struct dt_tokens toks = {0};
	dt_lex(text, len, &toks);
	struct arena a;
	arena_init(&a);
	struct cst_file cst;
	dt_parse(&cst, text, toks.v, toks.n, &a);
	char *out = NULL;
	if (!cst.nerrors) {
		char *st = canon_body(text, toks.v, cst.root);
		char *cm = comments(text, toks.v, toks.n);
		struct strbuf sb = {0};
		sb_puts(&sb, st);
		sb_puts(&sb, "--\n");
		sb_puts(&sb, cm);
		out = take(&sb);
		free(st);
		free(cm);
	}
	free(cst.errors);
	arena_free(&a);
	dt_tokens_free(&toks);
	return out;
}

/* Do the old and the new run of statements parse cleanly and hold the same
 * statements (their order aside) and the same comments? Only whole
 * statements of one body move, so the rest of the file is untouched. */
static int same_meaning(const char *old, size_t oldlen, const char *region)
{
	char *x = meaning(old, oldlen);
	char *y = x ? meaning(region, strlen(region)) : NULL;
	int ok = x && y && !strcmp(x, y);
	free(x);
	free(y);
	return ok;
}

int style_fix_reorder(const struct style_file *sf, const struct cst *body,
		      const struct style_reorder *ro, struct dtidy_report *r)
{
	if (ro->n < 2 || sf->cst->nerrors || !order_free(sf, body))
		return 0;
	struct chunk *ch = xmalloc(ro->n * sizeof(*ch));
	int ok = 1;
	for (size_t i = 0; i < ro->n && ok; i++) {
		ok = !chunk_of(sf, ro->items[i], &ch[i]);
		if (ok && i && ch[i].start < ch[i - 1].end)
			ok = 0;
	}
	char *region = NULL;
	if (ok) {
		/* each wanted chunk into the next slot; what lies between slots
		 * (blank lines, other statements) stays where it is */
		struct strbuf sb = {0};
		for (size_t i = 0; i < ro->n; i++) {
			size_t w = 0;
			while (w < ro->n && ro->items[w] != ro->wanted[i])
				w++;
			if (w == ro->n) {
				ok = 0;
				break;
			}
			sb_put(&sb, sf->text + ch[w].start, ch[w].end - ch[w].start);
			if (i + 1 < ro->n)
				sb_put(&sb, sf->text + ch[i].end, ch[i + 1].start - ch[i].end);
		}
		region = take(&sb);
	}
	if (ok) {
		uint32_t from = ch[0].start, to = ch[ro->n - 1].end;
		ok = same_meaning(sf->text + from, to - from, region);
		if (ok) {
			struct dtidy_loc loc = {.file = NULL, .start = from, .end = to};
			dtidy_report_fix(r, loc, region);
		}
	}
	free(region);
	free(ch);
	return ok;
}
