/* textDocument/semanticTokens/full and /range: what each token of the
 * buffer is, for editors without a devicetree grammar and to tell apart
 * what a grammar cannot: node names from property names, unit addresses,
 * label definitions from references, macros. From the buffer as written
 * (lexed and parsed on its own), so it follows typing.
 *
 * A 20,000-line board has some 150,000 tokens, five integers each: the
 * result is written as JSON text directly rather than built as a tree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/strbuf.h"
#include "../../core/xalloc.h"
#include "parsed.h"
#include "server.h"

enum st_type {
	ST_CLASS,	/* node names */
	ST_ENUM_MEMBER,	/* unit addresses */
	ST_VARIABLE,	/* labels and references */
	ST_PROPERTY,
	ST_MACRO,
	ST_STRING,
	ST_NUMBER,
	ST_KEYWORD,
	ST_COMMENT,
	ST_NONE,
};

enum { SM_DECLARATION = 1 };

json_t *lsp_semantic_legend(void)
{
	return json_pack("{s:[s,s,s,s,s,s,s,s,s], s:[s]}", "tokenTypes", "class", "enumMember",
			 "variable", "property", "macro", "string", "number", "keyword", "comment",
			 "tokenModifiers", "declaration");
}

/* Node and property names are told apart by the statement they name. */
static void classify(const struct dt_parsed *p, const struct cst *parent, uint8_t *cls)
{
	CST_FOREACH(c, parent)
	{
		if (c->tok != CST_NONE && p->toks.v[c->tok].kind == TK_NAME) {
			switch (c->kind) {
			case CST_NODE:
			case CST_DELETE_NODE:
				cls[c->tok] = ST_CLASS;
				break;
			case CST_PROP:
			case CST_DELETE_PROP:
				cls[c->tok] = ST_PROPERTY;
				break;
			default:
				break;
			}
		}
		classify(p, c, cls);
	}
}

static enum st_type kind_type(int kind)
{
	switch (kind) {
	case TK_DTS_V1: case TK_PLUGIN: case TK_MEMRESERVE: case TK_BITS: case TK_DELETE_NODE:
	case TK_DELETE_PROP: case TK_OMIT_NO_REF: case TK_INCLUDE: case TK_INCBIN:
		return ST_KEYWORD;
	case TK_LABEL: case TK_REF: case TK_PATH_REF:
		return ST_VARIABLE;
	case TK_IDENT:
		return ST_MACRO;
	case TK_STRING:
		return ST_STRING;
	case TK_NUMBER: case TK_CHAR: case TK_BYTE:
		return ST_NUMBER;
	case TK_LINE_COMMENT: case TK_BLOCK_COMMENT:
		return ST_COMMENT;
	default:
		return ST_NONE;
	}
}

struct emitter {
	const struct lsp_doc *d;
	enum lsp_encoding enc;
	struct strbuf out;
	unsigned line, col;	/* of the previous token, in the client's units */
	size_t n;
	size_t from, to;	/* only tokens in [from, to) */
};

/* One token, on one line: [off, off + len). */
static void put(struct emitter *e, size_t off, size_t len, enum st_type type, unsigned mods)
{
	if (!len || type == ST_NONE || off + len <= e->from || off >= e->to)
		return;
	struct lsp_pos pos = lsp_doc_pos(e->d, off, e->enc);
	unsigned units = lsp_units(e->d->text + off, len, e->enc);
	unsigned dl = pos.line - e->line;
	unsigned dc = dl ? pos.character : pos.character - e->col;
	if (e->n)
		sb_putc(&e->out, ',');
	sb_put_uint(&e->out, dl);
	sb_putc(&e->out, ',');
	sb_put_uint(&e->out, dc);
	sb_putc(&e->out, ',');
	sb_put_uint(&e->out, units);
	sb_putc(&e->out, ',');
	sb_put_uint(&e->out, (unsigned)type);
	sb_putc(&e->out, ',');
	sb_put_uint(&e->out, mods);
	e->line = pos.line;
	e->col = pos.character;
	e->n++;
}

/* A token over several lines (a block comment): one per line. */
static void put_lines(struct emitter *e, size_t off, size_t len, enum st_type type)
{
	const char *t = e->d->text;
	size_t end = off + len;
	while (off < end) {
		const char *nl = memchr(t + off, '\n', end - off);
		size_t stop = nl ? (size_t)(nl - t) : end;
		size_t n = stop - off;
		if (n && t[off + n - 1] == '\r')
			n--;
		put(e, off, n, type, 0);
		off = stop + 1;
	}
}

static int ident_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* #include "x" / #define NAME ... / #if ...: the directive as a keyword,
 * a #define's name as a macro, an #include's file as a string. */
static void put_directive(struct emitter *e, size_t off, size_t len)
{
	const char *s = e->d->text + off;
	const char *nl = memchr(s, '\n', len);
	size_t first = nl ? (size_t)(nl - s) : len;
	size_t i = 1;
	while (i < first && (s[i] == ' ' || s[i] == '\t'))
		i++;
	size_t w = i;
	while (w < first && ident_char((unsigned char)s[w]))
		w++;
	put(e, off, w, ST_KEYWORD, 0);
	size_t k = w;
	while (k < first && (s[k] == ' ' || s[k] == '\t'))
		k++;
	if (w - i == 6 && !memcmp(s + i, "define", 6)) {
		size_t b = k;
		while (k < first && ident_char((unsigned char)s[k]))
			k++;
		put(e, off + b, k - b, ST_MACRO, SM_DECLARATION);
	} else if (w - i >= 7 && !memcmp(s + i, "include", 7) && k < first &&
		   (s[k] == '"' || s[k] == '<')) {
		char close = s[k] == '"' ? '"' : '>';
		const char *c = memchr(s + k + 1, close, first - k - 1);
		if (c)
			put(e, off + k, (size_t)(c - s) - k + 1, ST_STRING, 0);
	}
	/* the rest of an "#if 0" group is code that is not used */
	if (nl && first + 1 < len)
		put_lines(e, off + first + 1, len - first - 1, ST_COMMENT);
}

static char *tokens_json(const struct lsp_doc *d, enum lsp_encoding enc, size_t from, size_t to)
{
	struct dt_parsed p;
	lsp_parse(&p, d);
	uint8_t *cls = xmalloc(p.toks.n ? p.toks.n : 1);
	memset(cls, ST_NONE, p.toks.n);
	classify(&p, p.cst.root, cls);
	struct emitter e = {.d = d, .enc = enc, .from = from, .to = to};
	sb_reserve(&e.out, p.toks.n * 12 + 32);
	sb_puts(&e.out, "{\"data\":[");
	for (size_t i = 0; i < p.toks.n; i++) {
		const struct dt_token *t = &p.toks.v[i];
		if (t->off >= to)
			break;
		if (t->off + t->len <= from)
			continue;
		const char *s = d->text + t->off;
		if (cls[i] == ST_CLASS) {
			/* name@unit: the unit address apart */
			const char *at = memchr(s, '@', t->len);
			size_t n = at ? (size_t)(at - s) : t->len;
			put(&e, t->off, n, ST_CLASS, 0);
			if (at)
				put(&e, t->off + n + 1, t->len - n - 1, ST_ENUM_MEMBER, 0);
			continue;
		}
		if (cls[i] == ST_PROPERTY) {
			put(&e, t->off, t->len, ST_PROPERTY, 0);
			continue;
		}
		if (t->kind == TK_PP) {
			put_directive(&e, t->off, t->len);
			continue;
		}
		if (t->kind == TK_LABEL) {
			put(&e, t->off, t->len > 1 ? t->len - 1 : t->len, ST_VARIABLE, SM_DECLARATION);
			continue;
		}
		if (t->kind == TK_BLOCK_COMMENT || t->kind == TK_STRING) {
			put_lines(&e, t->off, t->len, kind_type(t->kind));
			continue;
		}
		put(&e, t->off, t->len, kind_type(t->kind), 0);
	}
	sb_puts(&e.out, "]}");
	free(cls);
	dt_parsed_free(&p);
	return e.out.s;
}

json_t *lsp_semantic_tokens(struct lsp_server *s, json_t *params, json_t *id,
			    struct lsp_error *e)
{
	(void)id;
	struct lsp_doc *d = lsp_param_doc(s, params, e);
	if (!d)
		return NULL;
	s->raw_result = tokens_json(d, s->enc, 0, SIZE_MAX);
	return NULL;
}

json_t *lsp_semantic_tokens_range(struct lsp_server *s, json_t *params, json_t *id,
				  struct lsp_error *e)
{
	(void)id;
	struct lsp_doc *d = lsp_param_doc(s, params, e);
	if (!d)
		return NULL;
	json_t *range = json_object_get(params, "range");
	struct lsp_pos a, b;
	if (lsp_param_pos(range, "start", &a) || lsp_param_pos(range, "end", &b)) {
		lsp_fail(e, RPC_INVALID_PARAMS, "missing or bad range");
		return NULL;
	}
	size_t from = lsp_doc_offset(d, a, s->enc), to = lsp_doc_offset(d, b, s->enc);
	if (to < from) {
		size_t x = from;
		from = to;
		to = x;
	}
	s->raw_result = tokens_json(d, s->enc, from, to);
	return NULL;
}
