/* Reordering the statements of a body safely: what may not move, the lines
 * each statement moves with, and the proof that a reordered text is parsed
 * into the same statements in every body (order aside) with the same
 * comments and preprocessor lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/strbuf.h"
#include "../core/xalloc.h"
#include "../parser/parser.h"
#include "reorder.h"

struct named {
	const struct cst *c;
	const char *name;
	size_t len;
};

static int by_name(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	if (x->c->kind != y->c->kind)
		return x->c->kind < y->c->kind ? -1 : 1;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->name, y->name, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->c->tb < y->c->tb ? -1 : x->c->tb > y->c->tb;
}

static int by_name_only(const struct named *x, const struct named *y)
{
	if (x->c->kind != y->c->kind || x->len != y->len)
		return 1;
	return memcmp(x->name, y->name, x->len) != 0;
}

/* A property or node that the body writes twice (the last value wins, or
 * the nodes merge), or NULL. */
static const struct named *written_twice(const struct style_file *sf, const struct cst *body,
					 struct named *v)
{
	size_t k = 0;
	CST_FOREACH(c, body)
	{
		if ((c->kind == CST_PROP || c->kind == CST_NODE) && c->tok < sf->ntoks) {
			v[k].c = c;
			v[k].name = sf->text + sf->toks[c->tok].off;
			v[k].len = sf->toks[c->tok].len;
			k++;
		}
	}
	if (k > 1)
		qsort(v, k, sizeof(*v), by_name);
	for (size_t i = 1; i < k; i++)
		if (!by_name_only(&v[i - 1], &v[i]))
			return &v[i];
	return NULL;
}

/* A name written like a macro (upper case, digits and '_', like FOO_BAR):
 * after preprocessing it could be any name, even one the body sets again. */
static int macro_like(const struct style_file *sf, uint32_t tok)
{
	const char *s = sf->text + sf->toks[tok].off;
	size_t n = sf->toks[tok].len;
	int upper = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '@')
			break;
		if (s[i] >= 'A' && s[i] <= 'Z')
			upper = 1;
		else if (!(s[i] == '_' || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	}
	return upper && !(s[0] >= '0' && s[0] <= '9');
}

const char *style_reorder_refusal(const struct style_file *sf, const struct cst *body,
				  char *why, size_t size)
{
	size_t n = 0;
	CST_FOREACH(c, body)
	{
		n++;
		switch (c->kind) {
		case CST_PROP:
		case CST_NODE:
		case CST_REF_NODE:
		case CST_VERSION:
		case CST_PLUGIN:
		case CST_MEMRESERVE:
		case CST_OMIT_REF:
			break;
		case CST_DELETE_NODE:
			snprintf(why, size, "it holds a /delete-node/, which depends on order");
			return why;
		case CST_DELETE_PROP:
			snprintf(why, size, "it holds a /delete-property/, which depends on order");
			return why;
		case CST_INCLUDE:
			snprintf(why, size, "it holds an /include/ among its statements");
			return why;
		case CST_MACRO_STMT:
			snprintf(why, size, "a macro stands where a property or node would");
			return why;
		default:
			snprintf(why, size, "it holds a statement dtidy cannot place");
			return why;
		}
		if (c->tok == CST_NONE || c->tok >= sf->ntoks) {
			snprintf(why, size, "it holds a statement without a name");
			return why;
		}
		if ((c->kind == CST_PROP || c->kind == CST_NODE) && macro_like(sf, c->tok)) {
			const struct dt_token *t = &sf->toks[c->tok];
			snprintf(why, size, "'%.*s' may be a macro, which could name anything",
				 (int)t->len, sf->text + t->off);
			return why;
		}
	}
	/* preprocessor lines between the body's statements or in them, but
	 * not those inside a child's own body (the child moves whole) */
	uint32_t t = body->kind == CST_FILE ? 0 : body->tok2;
	const struct cst *c = body->child;
	for (; t < body->te && t < sf->ntoks; t++) {
		while (c && c->te <= t)
			c = c->next;
		if (c && style_is_node(c) && c->tok2 != CST_NONE && t > c->tok2 && t < c->te) {
			t = c->te - 1;
			continue;
		}
		if (sf->toks[t].kind == TK_PP || sf->toks[t].kind == TK_SPLICE) {
			snprintf(why, size, "preprocessor lines lie among its statements");
			return why;
		}
	}
	struct named *v = xmalloc((n ? n : 1) * sizeof(*v));
	const struct named *twice = written_twice(sf, body, v);
	if (twice)
		snprintf(why, size, "%s '%.*s' is written twice in it, so order decides",
			 twice->c->kind == CST_PROP ? "property" : "node", (int)twice->len,
			 twice->name);
	free(v);
	return twice ? why : NULL;
}

/* The lines of a statement and the comment lines right above it; -1 when it
 * shares a line with another statement. */
int style_chunk_of(const struct style_file *sf, const struct cst *c, uint32_t *start,
		   uint32_t *end)
{
	uint32_t f = style_first_sig(sf, c), l = style_last_sig(sf, c);
	if (f == STYLE_NONE)
		return -1;
	size_t fl = style_line_of(sf, sf->toks[f].off), ll = style_line_of(sf, sf->toks[l].off);
	if (sf->lines[fl].first_sig != f || sf->lines[ll].last_sig != l || ll + 1 >= sf->nlines)
		return -1;
	/* a block comment still open at the end of the last line */
	for (uint32_t t = l + 1; t < sf->ntoks && sf->toks[t].off < sf->lines[ll].end; t++)
		if (sf->toks[t].kind == TK_BLOCK_COMMENT &&
		    sf->toks[t].off + sf->toks[t].len > sf->lines[ll].end)
			return -1;
	size_t top = fl;
	while (top > 0 && (sf->lines[top - 1].kind == SL_COMMENT ||
			   sf->lines[top - 1].kind == SL_COMMENT_BODY))
		top--;
	if (top < fl && sf->lines[top].kind == SL_COMMENT_BODY)
		top = fl;	/* the comment began on a line of code: leave it */
	*start = sf->lines[top].start;
	*end = sf->lines[ll + 1].start;
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
 * body's statements sorted (order does not matter once style_reorder_refusal found nothing). */
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

/* Comments and preprocessor lines, sorted, one per line. */
static char *comments(const char *text, const struct dt_token *toks, size_t n)
{
	char **v = NULL;
	size_t k = 0, cap = 0;
	for (size_t i = 0; i < n; i++)
		if (toks[i].kind == TK_LINE_COMMENT || toks[i].kind == TK_BLOCK_COMMENT ||
		    toks[i].kind == TK_PP) {
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
	struct dt_parsed p;
	dt_parse_text(&p, text, len);
	char *out = NULL;
	if (!p.cst.nerrors) {
		char *st = canon_body(text, p.toks.v, p.cst.root);
		char *cm = comments(text, p.toks.v, p.toks.n);
		struct strbuf sb = {0};
		sb_puts(&sb, st);
		sb_puts(&sb, "--\n");
		sb_puts(&sb, cm);
		out = take(&sb);
		free(st);
		free(cm);
	}
	dt_parsed_free(&p);
	return out;
}

int style_same_statements(const char *old, size_t oldlen, const char *now, size_t nowlen)
{
	char *x = meaning(old, oldlen);
	char *y = x ? meaning(now, nowlen) : NULL;
	int ok = x && y && !strcmp(x, y);
	free(x);
	free(y);
	return ok;
}
