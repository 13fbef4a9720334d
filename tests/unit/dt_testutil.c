#include "dt_testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/strbuf.h"
#include "core/xalloc.h"

static const char *const tok_names[TK__COUNT] = {
	[TK_EOF] = "EOF", [TK_WS] = "WS", [TK_NEWLINE] = "NL",
	[TK_LINE_COMMENT] = "LCOMMENT", [TK_BLOCK_COMMENT] = "BCOMMENT",
	[TK_SPLICE] = "SPLICE", [TK_PP] = "PP", [TK_DTS_V1] = "DTS_V1",
	[TK_PLUGIN] = "PLUGIN", [TK_MEMRESERVE] = "MEMRESERVE", [TK_BITS] = "BITS",
	[TK_DELETE_NODE] = "DELETE_NODE", [TK_DELETE_PROP] = "DELETE_PROP",
	[TK_OMIT_NO_REF] = "OMIT", [TK_INCLUDE] = "INCLUDE", [TK_INCBIN] = "INCBIN",
	[TK_NAME] = "NAME", [TK_IDENT] = "IDENT", [TK_LABEL] = "LABEL",
	[TK_REF] = "REF", [TK_PATH_REF] = "PATH_REF", [TK_NUMBER] = "NUMBER",
	[TK_CHAR] = "CHAR", [TK_STRING] = "STRING", [TK_BYTE] = "BYTE",
	[TK_LBRACE] = "{", [TK_RBRACE] = "}", [TK_SEMI] = ";", [TK_EQ] = "=",
	[TK_COMMA] = ",", [TK_CELL_OPEN] = "CELL<", [TK_CELL_CLOSE] = "CELL>",
	[TK_LBRACKET] = "[", [TK_RBRACKET] = "]", [TK_LPAREN] = "(",
	[TK_RPAREN] = ")", [TK_SLASH] = "/", [TK_PLUS] = "+", [TK_MINUS] = "-",
	[TK_STAR] = "*", [TK_PERCENT] = "%", [TK_AMP] = "&", [TK_PIPE] = "|",
	[TK_CARET] = "^", [TK_TILDE] = "~", [TK_BANG] = "!", [TK_LSHIFT] = "<<",
	[TK_RSHIFT] = ">>", [TK_LT] = "<", [TK_GT] = ">", [TK_LE] = "<=",
	[TK_GE] = ">=", [TK_EQEQ] = "==", [TK_NE] = "!=", [TK_ANDAND] = "&&",
	[TK_OROR] = "||", [TK_QUESTION] = "?", [TK_COLON] = ":", [TK_HASH] = "#",
	[TK_HASHHASH] = "##", [TK_DOT] = ".", [TK_BACKSLASH] = "\\",
	[TK_ERROR] = "ERROR",
};

static const char *const err_names[] = {
	[TE_NONE] = "none", [TE_UNTERMINATED_COMMENT] = "unterminated-comment",
	[TE_UNTERMINATED_STRING] = "unterminated-string",
	[TE_UNTERMINATED_CHAR] = "unterminated-char",
	[TE_UNTERMINATED_PATH] = "unterminated-path", [TE_BAD_NUMBER] = "bad-number",
	[TE_BAD_CHAR] = "bad-char", [TE_BAD_ESCAPE] = "bad-escape",
	[TE_STRAY] = "stray", [TE_NUL_LINEMARK] = "nul-linemark",
	[TE_BAD_BYTE] = "bad-byte", [TE_BAD_PATH] = "bad-path",
	[TE_UNTERMINATED_IF] = "unterminated-if",
};

/* Kinds whose text is fixed by the kind: printing it again adds nothing. */
static int text_is_kind(int k)
{
	return k >= TK_LBRACE && k <= TK_BACKSLASH;
}

static void put_escaped(struct strbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '\n': sb_puts(b, "\\n"); break;
		case '\r': sb_puts(b, "\\r"); break;
		case '\t': sb_puts(b, "\\t"); break;
		case ' ': sb_puts(b, "\\s"); break;
		case '\\': sb_puts(b, "\\\\"); break;
		default:
			if (c < 0x20 || c >= 0x7f)
				sb_printf(b, "\\x%02x", c);
			else
				sb_putc(b, (char)c);
		}
	}
}

char *tok_dump(const char *text, size_t len, int trivia)
{
	struct dt_tokens t = {0};
	dt_lex(text, len, &t);
	struct strbuf b = {0};
	for (size_t i = 0; i < t.n; i++) {
		const struct dt_token *k = &t.v[i];
		if (k->kind == TK_EOF || (!trivia && dt_tok_is_trivia(k->kind)))
			continue;
		if (b.len)
			sb_putc(&b, ' ');
		sb_puts(&b, tok_names[k->kind] ? tok_names[k->kind] : "?");
		if (!text_is_kind(k->kind) && k->kind != TK_WS && k->kind != TK_NEWLINE) {
			sb_putc(&b, ':');
			put_escaped(&b, text + k->off, k->len);
		}
		if (k->flags & TF_ERROR)
			sb_printf(&b, "!%s", k->err < sizeof(err_names) / sizeof(err_names[0])
					      ? err_names[k->err] : "?");
	}
	dt_tokens_free(&t);
	char *s = xstrdup(sb_cstr(&b));
	sb_free(&b);
	return s;
}

char *toks(const char *text)
{
	return tok_dump(text, strlen(text), 0);
}

int lex_roundtrips(const char *text, size_t len)
{
	struct dt_tokens t = {0};
	dt_lex(text, len, &t);
	size_t at = 0;
	int ok = t.n > 0 && t.v[t.n - 1].kind == TK_EOF && t.v[t.n - 1].len == 0;
	for (size_t i = 0; ok && i < t.n; i++) {
		if (t.v[i].off != at || (t.v[i].len == 0 && t.v[i].kind != TK_EOF))
			ok = 0;
		at += t.v[i].len;
	}
	ok = ok && at == len;
	dt_tokens_free(&t);
	return ok;
}

/* ---- CST as an S-expression ---- */

static void put_tok(struct strbuf *b, const struct cst_file *f, uint32_t tok)
{
	const struct dt_token *t = &f->toks[tok];
	put_escaped(b, f->text + t->off, t->len);
}

static int names_itself(int kind)
{
	return kind != CST_VERSION && kind != CST_PLUGIN && kind != CST_MEMRESERVE;
}

static int is_statement(int kind)
{
	return kind >= CST_VERSION && kind <= CST_MACRO_STMT;
}

static void dump(struct strbuf *b, const struct cst_file *f, const struct cst *c)
{
	sb_putc(b, '(');
	sb_puts(b, cst_kind_name(c->kind));
	/* labels written before a statement's name are tokens, not children */
	if (is_statement(c->kind) && c->tok != CST_NONE)
		for (uint32_t i = c->tb; i < c->tok && i < f->ntoks; i++)
			if (f->toks[i].kind == TK_LABEL) {
				sb_putc(b, ' ');
				put_tok(b, f, i);
			}
	if (c->kind == CST_MACRO_ARG || c->kind == CST_ERROR) {
		sb_putc(b, ' ');
		uint32_t s = cst_start(f, c), e = cst_end(f, c);
		put_escaped(b, f->text + s, e - s);
	} else if (c->tok != CST_NONE && names_itself(c->kind)) {
		sb_putc(b, ' ');
		put_tok(b, f, c->tok);
	}
	if (c->kind == CST_CELLS && c->tok2 != CST_NONE) {
		sb_puts(b, " bits=");
		put_tok(b, f, c->tok2);
	}
	if (c->flags & CF_OMIT)
		sb_puts(b, " !omit");
	if (c->flags & CF_NO_SEMI)
		sb_puts(b, " !nosemi");
	if (c->flags & CF_AFTER_NODE)
		sb_puts(b, " !after-node");
	CST_FOREACH(k, c) {
		sb_putc(b, ' ');
		dump(b, f, k);
	}
	sb_putc(b, ')');
}

void parse_mem(struct parsed *p, const char *text, size_t len)
{
	memset(p, 0, sizeof(*p));
	p->src = source_from_mem("t.dts", text, len);
	dt_lex(p->src->text, p->src->len, &p->toks);
	arena_init(&p->arena);
	dt_parse(&p->cst, p->src->text, p->toks.v, p->toks.n, &p->arena);

	struct strbuf b = {0};
	CST_FOREACH(c, p->cst.root) {
		if (b.len)
			sb_putc(&b, ' ');
		dump(&b, &p->cst, c);
	}
	p->sexpr = xstrdup(sb_cstr(&b));
	sb_free(&b);

	struct strbuf e = {0};
	for (size_t i = 0; i < p->cst.nerrors; i++) {
		unsigned line, col;
		source_linecol(p->src, p->cst.errors[i].start, &line, &col);
		sb_printf(&e, "%s%u:%u: %s", i ? "\n" : "", line, col, p->cst.errors[i].msg);
	}
	p->errors = xstrdup(sb_cstr(&e));
	sb_free(&e);
}

void parse_str(struct parsed *p, const char *text)
{
	parse_mem(p, text, strlen(text));
}

void parsed_free(struct parsed *p)
{
	free(p->sexpr);
	free(p->errors);
	free(p->cst.errors);
	arena_free(&p->arena);
	dt_tokens_free(&p->toks);
	source_free(p->src);
}

char *sexpr_of(const char *text)
{
	struct parsed p;
	parse_str(&p, text);
	char *s = p.sexpr;
	p.sexpr = NULL;
	parsed_free(&p);
	return s;
}

char *errors_of(const char *text)
{
	struct parsed p;
	parse_str(&p, text);
	char *s = p.errors;
	p.errors = NULL;
	parsed_free(&p);
	return s;
}

static const char *check_node(const struct cst_file *f, const struct cst *c)
{
	if (c->te < c->tb || c->te >= f->ntoks + 1)
		return "node range out of order or past the tokens";
	if (c->tok != CST_NONE && (c->tok < c->tb || c->tok >= c->te))
		return "main token outside the node";
	if (c->parent && (c->tb < c->parent->tb || c->te > c->parent->te))
		return "node outside its parent";
	uint32_t at = c->tb;
	for (const struct cst *k = c->child; k; k = k->next) {
		if (k->parent != c)
			return "child with a wrong parent";
		if (k->tb < at)
			return "children overlap or are out of order";
		at = k->te;
		if (!k->next && c->last != k)
			return "last child pointer is stale";
		const char *why = check_node(f, k);
		if (why)
			return why;
	}
	return NULL;
}

const char *parse_invariant_violation(const struct parsed *p)
{
	const struct cst_file *f = &p->cst;
	if (!f->root || f->root->kind != CST_FILE)
		return "no file node";
	const char *why = check_node(f, f->root);
	if (why)
		return why;
	for (size_t i = 0; i < f->nerrors; i++) {
		if (f->errors[i].start > f->errors[i].end || f->errors[i].end > p->src->len)
			return "error span outside the text";
		if (i && f->errors[i].start < f->errors[i - 1].start)
			return "errors not sorted";
		if (!f->errors[i].msg || !f->errors[i].msg[0])
			return "error without a message";
	}
	return NULL;
}

int write_tree_file(const char *root, const char *rel, const char *text)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (char *s = strchr(path + strlen(root) + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}
