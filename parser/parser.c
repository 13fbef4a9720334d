/* Recursive-descent parser for the dtc grammar, on tokens before
 * preprocessing. It keeps going after a mistake: each error is recorded with
 * what was expected and what was found, then the parser skips to the next
 * ';' or '}' at the same depth and carries on. */
#include "parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"

struct parser {
	const char *text;
	const struct dt_token *t;
	size_t n;
	size_t pos;		/* index of the current significant token */
	struct arena *a;
	struct cst_file *f;
	int depth;
	int plugin;
	int fragment;		/* no /dts-v1/: top-level statements allowed */
	unsigned flags;		/* DT_PARSE_* */
	size_t last_err_tok;	/* no two errors on one token */
	size_t stmt;		/* first token of the statement being read */
	size_t err_stmt;	/* statement of the last error: one error each */
};

/* ---- token cursor ---- */

/* Records an error; `msg` is copied into the arena. Past DT_MAX_ERRORS one
 * last error says so and the rest are dropped: a binary file or a run of
 * stray '}' would otherwise report every byte. */
static void push_error(struct parser *p, uint32_t start, uint32_t end, const char *msg)
{
	struct cst_file *f = p->f;
	if (f->nerrors > DT_MAX_ERRORS)
		return;
	if (f->nerrors == DT_MAX_ERRORS)
		msg = "too many syntax errors; the rest of this file is not reported";
	VEC_RESERVE(f->errors, f->errcap, f->nerrors + 1);
	f->errors[f->nerrors].start = start;
	f->errors[f->nerrors].end = end;
	f->errors[f->nerrors].msg = arena_strdup(p->a, msg);
	f->nerrors++;
}

/* A malformed comment or directive is always reported (it is never the
 * consequence of another mistake), and silences the statement it is in. */
static void report_trivia_errors(struct parser *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		const struct dt_token *t = &p->t[i];
		if ((t->flags & TF_ERROR) && dt_tok_is_trivia(t->kind)) {
			p->err_stmt = p->stmt;
			push_error(p, t->off, t->off + (t->len > 2 ? 2 : t->len),
				   dt_tok_error_message(t->err));
		}
	}
}

static size_t skip_trivia(struct parser *p, size_t i)
{
	/* one pass: each token passed is looked at once (the parser's most
	 * frequent step) */
	for (; i < p->n && dt_tok_is_trivia(p->t[i].kind); i++)
		if (p->t[i].flags & TF_ERROR)
			report_trivia_errors(p, i, i + 1);
	return i;
}

static const struct dt_token *cur(const struct parser *p)
{
	return &p->t[p->pos];
}

static int kind(const struct parser *p)
{
	return p->t[p->pos].kind;
}

/* Kind of the significant token after the current one. */
static int peek_kind(const struct parser *p)
{
	size_t i = p->pos + 1;
	while (i < p->n && dt_tok_is_trivia(p->t[i].kind))
		i++;
	return i < p->n ? p->t[i].kind : TK_EOF;
}

static void advance(struct parser *p)
{
	if (p->t[p->pos].kind == TK_EOF)
		return;
	p->pos = skip_trivia(p, p->pos + 1);
}

static void error_at(struct parser *p, size_t tok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void error_at(struct parser *p, size_t tok, const char *fmt, ...)
{
	/* after the first mistake in a statement the rest of it is noise
	 * until recovery reaches the next ';' or '}' */
	if (p->last_err_tok == tok || p->err_stmt == p->stmt)
		return;
	p->last_err_tok = tok;
	p->err_stmt = p->stmt;
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	const struct dt_token *t = &p->t[tok];
	push_error(p, t->off, t->off + t->len, buf);
}

/* A short quotation of the current token for messages. */
static const char *found(struct parser *p)
{
	const struct dt_token *t = cur(p);
	if (t->kind == TK_EOF)
		return "end of file";
	if (t->flags & TF_ERROR)
		return arena_strdup(p->a, dt_tok_error_message(t->err));
	size_t n = t->len > 40 ? 40 : t->len;
	/* literals carry their own quotes */
	int quoted = t->kind == TK_STRING || t->kind == TK_CHAR;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p->text[t->off + i] < 0x20 ||
		    (unsigned char)p->text[t->off + i] >= 0x7f)
			return dt_tok_kind_name(t->kind);
	return arena_printf(p->a, quoted ? "%.*s%s" : "'%.*s%s'", (int)n, p->text + t->off,
			    t->len > 40 ? "..." : "");
}

/* Lexical errors on significant tokens are reported when they are consumed. */
static void check_token(struct parser *p)
{
	const struct dt_token *t = cur(p);
	if (t->flags & TF_ERROR) {
		const char *m = dt_tok_error_message(t->err);
		if (t->err == TE_BAD_NUMBER)
			error_at(p, p->pos, "%s '%.*s'", m, (int)(t->len > 40 ? 40 : t->len),
				 p->text + t->off);
		else
			error_at(p, p->pos, "%s", m);
	}
}

static struct cst *node_new(struct parser *p, int k, size_t tb)
{
	struct cst *c = arena_alloc(p->a, sizeof(*c));
	c->kind = (uint8_t)k;
	c->tb = (uint32_t)tb;
	c->te = (uint32_t)tb;
	c->tok = CST_NONE;
	c->tok2 = CST_NONE;
	return c;
}

static void add_child(struct cst *parent, struct cst *c)
{
	c->parent = parent;
	if (parent->last)
		parent->last->next = c;
	else
		parent->child = c;
	parent->last = c;
}

/* End a CST node just after the last consumed significant token. */
static void finish(struct parser *p, struct cst *c)
{
	size_t e = p->pos;
	while (e > c->tb && dt_tok_is_trivia(p->t[e - 1].kind))
		e--;
	/* e is now one past the last significant token before pos */
	if (e > c->tb) {
		c->te = (uint32_t)e;
		return;
	}
	/* nothing consumed ("FOO(a, )"): an empty node sits right after the
	 * last significant token, so it stays inside its parent */
	while (e > 0 && dt_tok_is_trivia(p->t[e - 1].kind))
		e--;
	c->tb = c->te = (uint32_t)e;
}

static int accept(struct parser *p, int k)
{
	if (kind(p) == k) {
		advance(p);
		return 1;
	}
	return 0;
}

static int expect(struct parser *p, int k, const char *what)
{
	if (kind(p) == k) {
		check_token(p);
		advance(p);
		return 1;
	}
	error_at(p, p->pos, "expected %s, found %s", what, found(p));
	return 0;
}

/* Skip to just after the next ';' at this brace depth, or to a '}' that
 * closes the current node (not consumed). Nested braces are skipped whole. */
static void recover(struct parser *p, struct cst *parent)
{
	struct cst *e = node_new(p, CST_ERROR, p->pos);
	int depth = 0;
	for (;;) {
		int k = kind(p);
		if (k == TK_EOF)
			break;
		if (k == TK_LBRACE)
			depth++;
		else if (k == TK_RBRACE) {
			if (depth == 0)
				break;
			depth--;
			if (depth == 0) {
				advance(p);
				accept(p, TK_SEMI);
				break;
			}
		} else if (k == TK_SEMI && depth == 0) {
			advance(p);
			break;
		}
		advance(p);
	}
	finish(p, e);
	if (parent && e->te > e->tb)
		add_child(parent, e);
}

/* ---- names made by macros ---- */

static int is_macro_name(const struct parser *p, size_t tok)
{
	const struct dt_token *t = &p->t[tok];
	if (!dt_is_label_start((unsigned char)p->text[t->off]))
		return 0;
	for (uint32_t i = 0; i < t->len; i++)
		if (!dt_is_label_char((unsigned char)p->text[t->off + i]))
			return 0;
	return 1;
}

/* The significant token at or after i. */
static size_t sig_at(const struct parser *p, size_t i)
{
	while (i < p->n && dt_tok_is_trivia(p->t[i].kind))
		i++;
	return i < p->n ? i : p->n - 1;
}

/* i at '(': its matching ')', or 0 when a brace, ';' or the end comes
 * first (then it is no macro call). */
static size_t paren_close(const struct parser *p, size_t i)
{
	int depth = 0;
	for (; i < p->n; i++) {
		int k = p->t[i].kind;
		if (k == TK_LPAREN)
			depth++;
		else if (k == TK_RPAREN && --depth == 0)
			return i;
		else if (k == TK_LBRACE || k == TK_RBRACE || k == TK_SEMI || k == TK_EOF)
			return 0;
	}
	return 0;
}

/* A name or reference a macro call makes, from token i: "DIE_NODE(x)",
 * "CP11X_NODE_NAME(ic-thermal)", "&CP11X_LABEL(icu_nsr)", "cpu@ADDR(1)",
 * with name pieces glued on after the ')'. Returns the significant token
 * after it, or 0 when no macro call starts at i. A call with blanks
 * before its '(' is one only for a bare identifier (cpp's rule); "&x (1)"
 * in cells is a phandle and an expression. */
static size_t macro_name_end(const struct parser *p, size_t i)
{
	int k = p->t[i].kind;
	if (k != TK_NAME && k != TK_IDENT && k != TK_REF)
		return 0;
	int call = 0;
	size_t j = i;
	for (;;) {
		const struct dt_token *w = &p->t[j];
		size_t after = j + 1;
		/* blanks before the '(' only for a bare identifier; asked last,
		 * as nearly every name is followed by no '(' at all */
		size_t open = after;
		if (k != TK_REF && after < p->n && dt_tok_is_trivia(p->t[after].kind)) {
			size_t s = sig_at(p, after);
			if (p->t[s].kind == TK_LPAREN && is_macro_name(p, j))
				open = s;
		}
		if (open < p->n && p->t[open].kind == TK_LPAREN &&
		    dt_is_label_char((unsigned char)p->text[w->off + w->len - 1])) {
			size_t close = paren_close(p, open);
			if (!close)
				return 0;
			call = 1;
			after = close + 1;
		}
		if (call && after < p->n &&
		    (p->t[after].kind == TK_NAME || p->t[after].kind == TK_IDENT)) {
			j = after;	/* "FOO(x)@1": a piece glued on */
			k = p->t[j].kind;
			continue;
		}
		return call ? sig_at(p, after) : 0;
	}
}

/* Moves the cursor to token `to` (a significant one further on): the
 * tokens passed spell a macro call, whose arguments are preprocessing
 * tokens, not dtc literals, so none is judged here. */
static void skip_to(struct parser *p, size_t to)
{
	while (p->pos < to && kind(p) != TK_EOF)
		advance(p);
}

/* ---- expressions ---- */

static struct cst *parse_expr(struct parser *p);

static struct cst *parse_macro_args(struct parser *p, struct cst *call)
{
	/* at '(' */
	advance(p);
	if (accept(p, TK_RPAREN))
		return call;
	for (;;) {
		struct cst *arg = node_new(p, CST_MACRO_ARG, p->pos);
		int depth = 0;
		for (;;) {
			int k = kind(p);
			if (k == TK_EOF)
				break;
			if (k == TK_LPAREN)
				depth++;
			else if (k == TK_RPAREN) {
				if (depth == 0)
					break;
				depth--;
			} else if (k == TK_COMMA && depth == 0)
				break;
			/* an argument is preprocessing tokens: "08" may be pasted
			 * into "efuse08"; the literal is judged where dtc sees it,
			 * after expansion (the model's parse) */
			if (cur(p)->err != TE_BAD_NUMBER)
				check_token(p);
			advance(p);
		}
		finish(p, arg);	/* an empty argument stays inside the call */
		add_child(call, arg);
		if (accept(p, TK_COMMA))
			continue;
		expect(p, TK_RPAREN, "')' closing the macro arguments");
		break;
	}
	return call;
}

static struct cst *parse_primary(struct parser *p)
{
	size_t tb = p->pos;
	struct cst *c;
	switch (kind(p)) {
	case TK_NUMBER:
		c = node_new(p, CST_NUMBER, tb);
		c->tok = (uint32_t)tb;
		check_token(p);
		advance(p);
		break;
	case TK_CHAR:
		c = node_new(p, CST_CHARLIT, tb);
		c->tok = (uint32_t)tb;
		check_token(p);
		advance(p);
		break;
	case TK_IDENT:
		c = node_new(p, CST_IDENT, tb);
		c->tok = (uint32_t)tb;
		advance(p);
		if (kind(p) == TK_LPAREN) {
			c->kind = CST_CALL;
			parse_macro_args(p, c);
		}
		break;
	case TK_LPAREN:
		c = node_new(p, CST_PAREN, tb);
		advance(p);
		if (++p->depth > DT_MAX_DEPTH) {
			error_at(p, tb, "expression nested deeper than %d levels", DT_MAX_DEPTH);
			p->depth--;
			return NULL;
		}
		{
			struct cst *e = parse_expr(p);
			p->depth--;
			if (!e)
				return NULL;
			add_child(c, e);
		}
		if (!expect(p, TK_RPAREN, "')'"))
			return NULL;
		break;
	case TK_MINUS: case TK_TILDE: case TK_BANG:	/* dtc has no unary '+' */
		c = node_new(p, CST_UNARY, tb);
		c->tok = (uint32_t)tb;
		advance(p);
		if (++p->depth > DT_MAX_DEPTH) {
			error_at(p, tb, "expression nested deeper than %d levels", DT_MAX_DEPTH);
			p->depth--;
			return NULL;
		}
		{
			struct cst *e = parse_primary(p);
			p->depth--;
			if (!e)
				return NULL;
			add_child(c, e);
		}
		break;
	default:
		error_at(p, p->pos, "expected a number, '(' or a macro in the expression, found %s",
			 found(p));
		return NULL;
	}
	finish(p, c);
	return c;
}

/* dtc's integer_prim: a literal or a parenthesised expression (plus, before
 * preprocessing, a macro). This is what cells, /memreserve/ and /incbin/
 * take; a bare "-1" there is a syntax error for dtc, so it is one here. */
static struct cst *parse_integer_prim(struct parser *p, const char *what)
{
	switch (kind(p)) {
	case TK_NUMBER: case TK_CHAR: case TK_IDENT: case TK_LPAREN:
		return parse_primary(p);
	case TK_MINUS: case TK_TILDE: case TK_BANG: case TK_PLUS:
		error_at(p, p->pos, "expected %s, found %s; put expressions in parentheses",
			 what, found(p));
		return NULL;
	default:
		error_at(p, p->pos, "expected %s, found %s", what, found(p));
		return NULL;
	}
}

static int binop_prec(int k)
{
	switch (k) {
	case TK_OROR: return 1;
	case TK_ANDAND: return 2;
	case TK_PIPE: return 3;
	case TK_CARET: return 4;
	case TK_AMP: return 5;
	case TK_EQEQ: case TK_NE: return 6;
	case TK_LT: case TK_GT: case TK_LE: case TK_GE: return 7;
	case TK_LSHIFT: case TK_RSHIFT: return 8;
	case TK_PLUS: case TK_MINUS: return 9;
	case TK_STAR: case TK_SLASH: case TK_PERCENT: return 10;
	default: return 0;
	}
}

/* Precedence climbing. A left-associative chain "1 + 1 + ..." makes a tree
 * as deep as the chain is long, so its links count towards the depth limit
 * like parentheses do: whoever walks the tree recursively stays safe. */
static struct cst *parse_binary(struct parser *p, int min_prec)
{
	struct cst *lhs = parse_primary(p);
	if (!lhs)
		return NULL;
	int depth0 = p->depth;
	for (;;) {
		int prec = binop_prec(kind(p));
		if (!prec || prec < min_prec) {
			p->depth = depth0;
			return lhs;
		}
		if (++p->depth > DT_MAX_DEPTH) {
			error_at(p, p->pos, "expression nested deeper than %d levels", DT_MAX_DEPTH);
			p->depth = depth0;
			return NULL;
		}
		struct cst *b = node_new(p, CST_BINARY, lhs->tb);
		b->tok = (uint32_t)p->pos;
		advance(p);
		struct cst *rhs = parse_binary(p, prec + 1);
		if (!rhs) {
			p->depth = depth0;
			return NULL;
		}
		add_child(b, lhs);
		add_child(b, rhs);
		finish(p, b);
		lhs = b;
	}
}

static struct cst *parse_expr(struct parser *p)
{
	struct cst *c = parse_binary(p, 1);
	if (!c || kind(p) != TK_QUESTION)
		return c;
	struct cst *t = node_new(p, CST_TERNARY, c->tb);
	t->tok = (uint32_t)p->pos;
	advance(p);
	add_child(t, c);
	if (++p->depth > DT_MAX_DEPTH) {
		error_at(p, t->tok, "expression nested deeper than %d levels", DT_MAX_DEPTH);
		p->depth--;
		return NULL;
	}
	struct cst *a = parse_expr(p);
	if (!a) {
		p->depth--;
		return NULL;
	}
	add_child(t, a);
	/* "b: c" lexes as a label in dtc too; accept both spellings */
	if (!expect(p, TK_COLON, "':' in the conditional expression")) {
		p->depth--;
		return NULL;
	}
	struct cst *b = parse_expr(p);
	p->depth--;
	if (!b)
		return NULL;
	add_child(t, b);
	finish(p, t);
	return t;
}

/* ---- values ---- */

/* Returns 0 when the cells could not be parsed (error already reported). */
static int parse_cells(struct parser *p, struct cst *cells)
{
	if (!expect(p, TK_CELL_OPEN, "'<'"))
		return 0;
	for (;;) {
		size_t tb = p->pos;
		struct cst *c;
		switch (kind(p)) {
		case TK_CELL_CLOSE:
			advance(p);
			finish(p, cells);
			return 1;
		case TK_LABEL:
			c = node_new(p, CST_LABEL, tb);
			c->tok = (uint32_t)tb;
			advance(p);
			finish(p, c);
			break;
		case TK_REF: case TK_PATH_REF: {
			c = node_new(p, CST_CELL_REF, tb);
			c->tok = (uint32_t)tb;
			check_token(p);
			/* "&CP11X_LABEL(icu_nsr)": a macro makes the label */
			size_t me = kind(p) == TK_REF ? macro_name_end(p, p->pos) : 0;
			if (me) {
				c->flags |= CF_MACRO_NAME;
				c->tok2 = (uint32_t)me;
				skip_to(p, me);
			} else {
				advance(p);
			}
			finish(p, c);
			break;
		}
		default:
			c = parse_integer_prim(p, "a cell or '>'");
			if (!c)
				return 0;
			break;
		}
		add_child(cells, c);
	}
}

static int parse_bytes(struct parser *p, struct cst *bytes)
{
	advance(p);	/* '[' */
	for (;;) {
		size_t tb = p->pos;
		struct cst *c;
		switch (kind(p)) {
		case TK_RBRACKET:
			advance(p);
			finish(p, bytes);
			return 1;
		case TK_BYTE:
			c = node_new(p, CST_BYTE, tb);
			break;
		case TK_LABEL:
			c = node_new(p, CST_LABEL, tb);
			break;
		case TK_IDENT:
			c = node_new(p, CST_IDENT, tb);
			break;
		default:
			error_at(p, p->pos, "expected two hex digits or ']', found %s", found(p));
			return 0;
		}
		c->tok = (uint32_t)tb;
		check_token(p);
		advance(p);
		finish(p, c);
		add_child(bytes, c);
	}
}

static int parse_incbin(struct parser *p, struct cst *c)
{
	advance(p);	/* /incbin/ */
	if (!expect(p, TK_LPAREN, "'(' after /incbin/"))
		return 0;
	if (kind(p) != TK_STRING) {
		error_at(p, p->pos, "expected a file name string, found %s", found(p));
		return 0;
	}
	struct cst *s = node_new(p, CST_STRING, p->pos);
	s->tok = (uint32_t)p->pos;
	check_token(p);
	advance(p);
	finish(p, s);
	add_child(c, s);
	if (accept(p, TK_COMMA)) {
		for (int i = 0; i < 2; i++) {
			struct cst *e = parse_integer_prim(p, "a number or '('");
			if (!e)
				return 0;
			add_child(c, e);
			if (i == 0 && !expect(p, TK_COMMA, "',' between offset and length"))
				return 0;
		}
	}
	if (!expect(p, TK_RPAREN, "')'"))
		return 0;
	finish(p, c);
	return 1;
}

/* One value of a property; labels before it become CST_LABEL siblings. */
static int parse_value(struct parser *p, struct cst *prop)
{
	for (;;) {
		size_t tb = p->pos;
		struct cst *c;
		switch (kind(p)) {
		case TK_LABEL:
			c = node_new(p, CST_LABEL, tb);
			c->tok = (uint32_t)tb;
			advance(p);
			finish(p, c);
			add_child(prop, c);
			continue;
		case TK_STRING:
			c = node_new(p, CST_STRING, tb);
			c->tok = (uint32_t)tb;
			check_token(p);
			advance(p);
			finish(p, c);
			break;
		case TK_BITS:
			c = node_new(p, CST_CELLS, tb);
			advance(p);
			/* dtc wants a plain literal here; a macro may stand for one */
			if (kind(p) != TK_NUMBER && kind(p) != TK_IDENT) {
				error_at(p, p->pos, "expected 8, 16, 32 or 64 after /bits/, found %s",
					 found(p));
				return 0;
			}
			c->tok2 = (uint32_t)p->pos;
			check_token(p);
			advance(p);
			if (!parse_cells(p, c))
				return 0;
			break;
		case TK_CELL_OPEN:
			c = node_new(p, CST_CELLS, tb);
			if (!parse_cells(p, c))
				return 0;
			break;
		case TK_LBRACKET:
			c = node_new(p, CST_BYTES, tb);
			if (!parse_bytes(p, c))
				return 0;
			break;
		case TK_REF: case TK_PATH_REF: {
			c = node_new(p, CST_REF_VALUE, tb);
			c->tok = (uint32_t)tb;
			check_token(p);
			size_t me = kind(p) == TK_REF ? macro_name_end(p, p->pos) : 0;
			if (me) {
				c->flags |= CF_MACRO_NAME;
				c->tok2 = (uint32_t)me;
				skip_to(p, me);
			} else {
				advance(p);
			}
			finish(p, c);
			break;
		}
		case TK_INCBIN:
			c = node_new(p, CST_INCBIN, tb);
			if (!parse_incbin(p, c))
				return 0;
			break;
		case TK_IDENT:
			c = node_new(p, CST_MACRO_VALUE, tb);
			c->tok = (uint32_t)tb;
			advance(p);
			if (kind(p) == TK_LPAREN)
				parse_macro_args(p, c);
			finish(p, c);
			break;
		default:
			error_at(p, p->pos,
				 "expected a value (string, <cells>, [bytes] or &reference), found %s",
				 found(p));
			return 0;
		}
		add_child(prop, c);
		/* labels may also follow a value */
		while (kind(p) == TK_LABEL) {
			struct cst *l = node_new(p, CST_LABEL, p->pos);
			l->tok = (uint32_t)p->pos;
			advance(p);
			finish(p, l);
			add_child(prop, l);
		}
		return 1;
	}
}

/* ---- statements ---- */

static void parse_body(struct parser *p, struct cst *node);

/* Labels before a statement: "a:", or a macro call that makes one
 * ("DIE_NODE(cpufreq_p):", Linux apple/t600x-dieX.dtsi). */
static void parse_labels(struct parser *p)
{
	for (;;) {
		if (kind(p) == TK_LABEL) {
			advance(p);
			continue;
		}
		size_t e = kind(p) == TK_REF ? 0 : macro_name_end(p, p->pos);
		if (!e || p->t[e].kind != TK_COLON)
			return;
		skip_to(p, e);
		advance(p);	/* ':' */
	}
}

/* After a statement that lacks its ';': does the next one visibly start
 * here? Then the ';' was forgotten and nothing needs skipping. */
static int statement_ahead(const struct parser *p)
{
	int k = kind(p);
	if (k == TK_RBRACE || k == TK_NAME)
		return 1;
	if (!(cur(p)->flags & TF_BOL))
		return 0;
	return k == TK_IDENT || k == TK_LABEL || k == TK_DELETE_NODE ||
	       k == TK_DELETE_PROP || k == TK_OMIT_NO_REF;
}

/* name = values ; | name ;  (labels already consumed, p->pos at name;
 * a name a macro call makes ends at `name_end`, else 0) */
static struct cst *parse_prop(struct parser *p, size_t tb, struct cst *parent, size_t name_end)
{
	struct cst *c = node_new(p, CST_PROP, tb);
	c->tok = (uint32_t)p->pos;
	if (name_end) {
		c->flags |= CF_MACRO_NAME;
		c->tok2 = (uint32_t)name_end;
		skip_to(p, name_end);
	} else {
		advance(p);
	}
	add_child(parent, c);
	if (accept(p, TK_EQ)) {
		for (;;) {
			if (!parse_value(p, c)) {
				recover(p, NULL);
				finish(p, c);
				return c;
			}
			if (accept(p, TK_COMMA))
				continue;
			break;
		}
	}
	if (!accept(p, TK_SEMI)) {
		error_at(p, p->pos, "expected ';' after property, found %s", found(p));
		c->flags |= CF_NO_SEMI;
		if (!statement_ahead(p))
			recover(p, NULL);
	}
	finish(p, c);
	return c;
}

/* '{' body '}' ';' for a node whose head is already consumed. */
static void parse_node_block(struct parser *p, struct cst *c)
{
	c->tok2 = (uint32_t)p->pos;
	advance(p);	/* '{' */
	if (++p->depth > DT_MAX_DEPTH) {
		error_at(p, c->tok2, "nodes nested deeper than %d levels", DT_MAX_DEPTH);
		p->depth--;
		/* skip the whole block without recursing */
		int depth = 1;
		while (kind(p) != TK_EOF && depth > 0) {
			if (kind(p) == TK_LBRACE)
				depth++;
			else if (kind(p) == TK_RBRACE)
				depth--;
			advance(p);
		}
		accept(p, TK_SEMI);
		finish(p, c);
		return;
	}
	size_t stmt = p->stmt;
	parse_body(p, c);
	p->stmt = stmt;
	p->depth--;
	if (kind(p) == TK_RBRACE) {
		advance(p);
		if (!accept(p, TK_SEMI)) {
			error_at(p, p->pos, "expected ';' after '}', found %s", found(p));
			c->flags |= CF_NO_SEMI;
		}
	} else {
		error_at(p, p->pos, "expected '}' closing the node, found %s", found(p));
	}
	finish(p, c);
}

/* MACRO(args) [;] standing where a statement would */
static void parse_macro_stmt(struct parser *p, size_t tb, struct cst *parent)
{
	struct cst *c = node_new(p, CST_MACRO_STMT, tb);
	c->tok = (uint32_t)p->pos;
	advance(p);
	parse_macro_args(p, c);
	if (!accept(p, TK_SEMI))
		c->flags |= CF_NO_SEMI;
	finish(p, c);
	add_child(parent, c);
}

static void parse_include(struct parser *p, struct cst *parent)
{
	struct cst *c = node_new(p, CST_INCLUDE, p->pos);
	advance(p);
	if (kind(p) == TK_STRING) {
		c->tok = (uint32_t)p->pos;
		check_token(p);
		advance(p);
	} else {
		error_at(p, p->pos, "expected a file name string after /include/, found %s",
			 found(p));
	}
	finish(p, c);
	add_child(parent, c);
}

/* A name that can only be a macro standing for whole statements: an
 * identifier in capitals ("CPU_0"), followed by no '=', ';' or '{'. */
static int is_bare_macro_stmt(const struct parser *p)
{
	if (!is_macro_name(p, p->pos))
		return 0;
	const struct dt_token *t = cur(p);
	for (uint32_t i = 0; i < t->len; i++)
		if (p->text[t->off + i] >= 'a' && p->text[t->off + i] <= 'z')
			return 0;
	int nk = peek_kind(p);
	return nk != TK_EQ && nk != TK_SEMI && nk != TK_LBRACE && nk != TK_LPAREN;
}

/* One statement of a node body. Returns 0 at the end of the body. */
static int parse_body_stmt(struct parser *p, struct cst *node, int *seen_child)
{
	if (kind(p) == TK_RBRACE || kind(p) == TK_EOF)
		return 0;
	size_t tb = p->pos;
	p->stmt = tb;
	int omit = 0;
	if (kind(p) == TK_OMIT_NO_REF) {
		omit = 1;
		advance(p);
	}
	parse_labels(p);
	if (kind(p) == TK_OMIT_NO_REF) {
		omit = 1;
		advance(p);
		parse_labels(p);
	}
	int k = kind(p);
	/* after a forgotten ';' the lexer may still be reading a value: a
	 * word there is a name all the same */
	if (k == TK_NAME || k == TK_IDENT) {
		int nk = peek_kind(p);
		if (nk == TK_LBRACE) {
			struct cst *c = node_new(p, CST_NODE, tb);
			c->tok = (uint32_t)p->pos;
			if (omit)
				c->flags |= CF_OMIT;
			check_token(p);
			advance(p);
			add_child(node, c);
			parse_node_block(p, c);
			*seen_child = 1;
			return 1;
		}
		size_t me = macro_name_end(p, p->pos);
		if (me && (p->t[me].kind == TK_LBRACE || p->t[me].kind == TK_EQ)) {
			/* a macro makes the name: "CP11X_NODE_NAME(ic-thermal) {" */
			if (p->t[me].kind == TK_EQ) {
				struct cst *c = parse_prop(p, tb, node, me);
				if (*seen_child) {
					c->flags |= CF_AFTER_NODE;
					error_at(p, c->tok, "properties must precede subnodes");
				}
				return 1;
			}
			struct cst *c = node_new(p, CST_NODE, tb);
			c->tok = (uint32_t)p->pos;
			c->flags |= CF_MACRO_NAME;
			if (omit)
				c->flags |= CF_OMIT;
			skip_to(p, me);
			add_child(node, c);
			parse_node_block(p, c);
			*seen_child = 1;
			return 1;
		}
		if (nk == TK_LPAREN && is_macro_name(p, p->pos)) {
			parse_macro_stmt(p, tb, node);
			return 1;
		}
		if (p->pos == tb && is_bare_macro_stmt(p)) {
			struct cst *c = node_new(p, CST_MACRO_STMT, tb);
			c->tok = (uint32_t)p->pos;
			c->flags |= CF_NO_SEMI;
			advance(p);
			finish(p, c);
			add_child(node, c);
			return 1;
		}
		if (omit)
			error_at(p, tb, "/omit-if-no-ref/ applies to nodes, not properties");
		struct cst *c = parse_prop(p, tb, node, 0);
		if (*seen_child) {
			c->flags |= CF_AFTER_NODE;
			error_at(p, c->tok, "properties must precede subnodes");
		}
		return 1;
	}
	if (k == TK_DELETE_NODE || k == TK_DELETE_PROP) {
		struct cst *c = node_new(p, k == TK_DELETE_NODE ? CST_DELETE_NODE : CST_DELETE_PROP, tb);
		advance(p);
		size_t me = kind(p) == TK_NAME || kind(p) == TK_IDENT ? macro_name_end(p, p->pos) : 0;
		if (me) {
			c->tok = (uint32_t)p->pos;
			c->tok2 = (uint32_t)me;
			c->flags |= CF_MACRO_NAME;
			skip_to(p, me);
			if (!accept(p, TK_SEMI))
				error_at(p, p->pos, "expected ';', found %s", found(p));
		} else if (kind(p) == TK_NAME) {
			c->tok = (uint32_t)p->pos;
			advance(p);
			if (!accept(p, TK_SEMI))
				error_at(p, p->pos, "expected ';', found %s", found(p));
		} else if (k == TK_DELETE_NODE && (kind(p) == TK_REF || kind(p) == TK_PATH_REF)) {
			/* dtc takes references only at the top level */
			c->tok = (uint32_t)p->pos;
			error_at(p, p->pos, "inside a node, /delete-node/ takes a node name, not %s",
				 found(p));
			advance(p);
			accept(p, TK_SEMI);
		} else {
			error_at(p, p->pos, "expected a %s name, found %s",
				 k == TK_DELETE_NODE ? "node" : "property", found(p));
			recover(p, NULL);
		}
		finish(p, c);
		add_child(node, c);
		if (k == TK_DELETE_NODE && !(p->flags & DT_PARSE_DTLIB))
			*seen_child = 1;
		return 1;
	}
	if (k == TK_INCLUDE) {
		parse_include(p, node);
		return 1;
	}
	error_at(p, p->pos, "expected a property or child node, found %s", found(p));
	recover(p, node);
	if (p->pos == tb && kind(p) != TK_RBRACE && kind(p) != TK_EOF)
		advance(p);
	return 1;
}

/* Statements inside a node body, up to its '}' (not consumed). */
static void parse_body(struct parser *p, struct cst *node)
{
	int seen_child = 0;
	while (parse_body_stmt(p, node, &seen_child))
		;
}

/* Does a body statement (property, child node, /delete-property/) start
 * here, after any labels and /omit-if-no-ref/? */
static int fragment_stmt_ahead(const struct parser *p)
{
	for (size_t i = p->pos; i < p->n; i++) {
		int k = p->t[i].kind;
		if (dt_tok_is_trivia(k) || k == TK_LABEL || k == TK_OMIT_NO_REF)
			continue;
		/* a label a macro makes: "DIE_NODE(pmgr): power-management@... {" */
		size_t me = k == TK_NAME || k == TK_IDENT ? macro_name_end(p, i) : 0;
		if (me && p->t[me].kind == TK_COLON) {
			i = me;
			continue;
		}
		if (k == TK_DELETE_PROP)
			return 1;
		if (k != TK_NAME)
			return 0;
		/* NAME( is a macro statement, handled at top level */
		for (size_t j = i + 1; j < p->n; j++) {
			if (dt_tok_is_trivia(p->t[j].kind))
				continue;
			return p->t[j].kind != TK_LPAREN;
		}
		return 1;
	}
	return 0;
}

/* Index of the first label among tokens [from, to), or SIZE_MAX. */
static size_t first_label(const struct parser *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (p->t[i].kind == TK_LABEL)
			return i;
	return SIZE_MAX;
}

/* dtc's order inside one file: /dts-v1/; [/plugin/;], then /memreserve/s,
 * then the tree. An #include can only add statements, never reorder them,
 * so a statement out of this order is an error even before preprocessing.
 * Directives and macro statements may stand for anything: they are skipped. */
static void check_top_level_order(struct parser *p, struct cst *file)
{
	int prev = -1, tree = 0, other = 0;
	CST_FOREACH(c, file) {
		p->stmt = c->tb;
		switch (c->kind) {
		case CST_VERSION:
			if (other)
				error_at(p, c->tok, "'/dts-v1/;' must come before /memreserve/ and the nodes");
			break;
		case CST_PLUGIN:
			/* first in a fragment is fine; before a /dts-v1/ it is not */
			if ((prev != -1 && prev != CST_VERSION) || (prev == -1 && !p->fragment))
				error_at(p, c->tok, "'/plugin/;' must directly follow '/dts-v1/;'");
			break;
		case CST_MEMRESERVE:
			if (tree)
				error_at(p, c->tok, "/memreserve/ must come before the nodes");
			other = 1;
			break;
		case CST_NODE: case CST_REF_NODE: case CST_DELETE_NODE: case CST_OMIT_REF:
			tree = other = 1;
			break;
		case CST_INCLUDE: case CST_MACRO_STMT: case CST_ERROR:
			continue;
		default:
			other = 1;
			break;
		}
		prev = c->kind;
	}
}

/* Top level: header, /memreserve/, root and override nodes. */
static void parse_file(struct parser *p, struct cst *file)
{
	while (kind(p) != TK_EOF) {
		size_t tb = p->pos;
		int k = kind(p);
		p->stmt = tb;
		if (k == TK_DTS_V1 || k == TK_PLUGIN) {
			struct cst *c = node_new(p, k == TK_DTS_V1 ? CST_VERSION : CST_PLUGIN, tb);
			c->tok = (uint32_t)tb;
			if (k == TK_PLUGIN)
				p->plugin = 1;
			advance(p);
			if (!accept(p, TK_SEMI))
				error_at(p, p->pos, "expected ';' after %s, found %s",
					 dt_tok_kind_name(k), found(p));
			finish(p, c);
			add_child(file, c);
			continue;
		}
		if (k == TK_INCLUDE) {
			parse_include(p, file);
			continue;
		}
		if (p->fragment && fragment_stmt_ahead(p)) {
			/* a file with no /dts-v1/ may be a node body meant to be
			 * #included inside a node: read it as one */
			int seen = 0;
			parse_body_stmt(p, file, &seen);
			continue;
		}
		int omit = 0;
		if (k == TK_OMIT_NO_REF) {
			omit = 1;
			advance(p);
		}
		parse_labels(p);
		k = kind(p);
		if (k == TK_MEMRESERVE) {
			struct cst *c = node_new(p, CST_MEMRESERVE, tb);
			c->tok = (uint32_t)p->pos;
			advance(p);
			int ok = 1;
			for (int i = 0; i < 2 && ok; i++) {
				struct cst *e = parse_integer_prim(p, "a number or '('");
				if (!e)
					ok = 0;
				else
					add_child(c, e);
			}
			if (ok && !accept(p, TK_SEMI)) {
				error_at(p, p->pos, "expected ';' after /memreserve/, found %s", found(p));
				ok = 0;
			}
			if (!ok)
				recover(p, NULL);
			finish(p, c);
			add_child(file, c);
			continue;
		}
		size_t me = k == TK_REF ? macro_name_end(p, p->pos) : 0;
		if (me && p->t[me].kind != TK_LBRACE && p->t[me].kind != TK_SEMI)
			me = 0;
		if (me && p->t[me].kind == TK_LBRACE) {
			/* "&DIE_NODE(pinctrl_ap) {": a macro makes the label */
			struct cst *c = node_new(p, CST_REF_NODE, tb);
			c->tok = (uint32_t)p->pos;
			c->flags |= CF_MACRO_NAME;
			if (omit)
				c->flags |= CF_OMIT;
			skip_to(p, me);
			add_child(file, c);
			parse_node_block(p, c);
			continue;
		}
		if ((k == TK_SLASH || k == TK_REF || k == TK_PATH_REF) && peek_kind(p) == TK_LBRACE) {
			struct cst *c = node_new(p, k == TK_SLASH ? CST_NODE : CST_REF_NODE, tb);
			c->tok = (uint32_t)p->pos;
			if (omit) {
				c->flags |= CF_OMIT;
				error_at(p, tb, "at the top level, /omit-if-no-ref/ takes '&label;', "
					 "not a node");
			}
			if (k == TK_SLASH && first_label(p, tb, p->pos) != SIZE_MAX)
				error_at(p, first_label(p, tb, p->pos),
					 "the root node cannot have a label");
			check_token(p);
			advance(p);
			add_child(file, c);
			parse_node_block(p, c);
			continue;
		}
		if (omit && (k == TK_REF || k == TK_PATH_REF)) {
			struct cst *c = node_new(p, CST_OMIT_REF, tb);
			c->tok = (uint32_t)p->pos;
			if (me) {
				c->tok2 = (uint32_t)me;
				c->flags |= CF_MACRO_NAME;
				skip_to(p, me);
			} else {
				advance(p);
			}
			if (!accept(p, TK_SEMI))
				error_at(p, p->pos, "expected ';', found %s", found(p));
			finish(p, c);
			add_child(file, c);
			continue;
		}
		if (k == TK_DELETE_NODE) {
			struct cst *c = node_new(p, CST_DELETE_NODE, tb);
			advance(p);
			size_t de = kind(p) == TK_REF ? macro_name_end(p, p->pos) : 0;
			if (kind(p) == TK_REF || kind(p) == TK_PATH_REF) {
				c->tok = (uint32_t)p->pos;
				if (de) {
					c->tok2 = (uint32_t)de;
					c->flags |= CF_MACRO_NAME;
					skip_to(p, de);
				} else {
					advance(p);
				}
				if (!accept(p, TK_SEMI))
					error_at(p, p->pos, "expected ';', found %s", found(p));
			} else {
				error_at(p, p->pos, "expected a &reference after /delete-node/, found %s",
					 found(p));
				recover(p, NULL);
			}
			finish(p, c);
			add_child(file, c);
			continue;
		}
		if (k == TK_NAME && peek_kind(p) == TK_LPAREN && is_macro_name(p, p->pos)) {
			parse_macro_stmt(p, tb, file);
			continue;
		}
		if (k == TK_NAME && (peek_kind(p) == TK_EQ || peek_kind(p) == TK_SEMI)) {
			/* a property outside any node: say so, keep going */
			error_at(p, p->pos, "property outside of a node");
			struct cst *c = parse_prop(p, tb, file, 0);
			(void)c;
			continue;
		}
		if (k == TK_NAME && peek_kind(p) == TK_LBRACE) {
			error_at(p, p->pos, "expected '/' or '&label' before a top-level node, found %s",
				 found(p));
			struct cst *c = node_new(p, CST_NODE, tb);
			c->tok = (uint32_t)p->pos;
			advance(p);
			add_child(file, c);
			parse_node_block(p, c);
			continue;
		}
		if (k == TK_RBRACE) {
			error_at(p, p->pos, "unbalanced '}'");
			struct cst *e = node_new(p, CST_ERROR, p->pos);
			advance(p);
			accept(p, TK_SEMI);
			finish(p, e);
			add_child(file, e);
			continue;
		}
		error_at(p, p->pos, "expected '/ {', '&label {' or a directive, found %s", found(p));
		recover(p, file);
		if (p->pos == tb) {	/* guarantee progress */
			advance(p);
		}
	}
}

void dt_parse(struct cst_file *out, const char *text, const struct dt_token *toks,
	      size_t ntoks, struct arena *a)
{
	dt_parse_flags(out, text, toks, ntoks, a, 0);
}

void dt_parse_flags(struct cst_file *out, const char *text, const struct dt_token *toks,
		    size_t ntoks, struct arena *a, unsigned flags)
{
	memset(out, 0, sizeof(*out));
	out->text = text;
	out->toks = toks;
	out->ntoks = ntoks;
	struct parser p = {
		.text = text, .t = toks, .n = ntoks, .a = a, .f = out,
		.last_err_tok = SIZE_MAX, .err_stmt = SIZE_MAX, .flags = flags,
	};
	p.fragment = 1;
	for (size_t i = 0; i < ntoks; i++)
		if (toks[i].kind == TK_DTS_V1) {
			p.fragment = 0;
			break;
		}
	p.pos = skip_trivia(&p, 0);
	struct cst *file = node_new(&p, CST_FILE, 0);
	parse_file(&p, file);
	check_top_level_order(&p, file);
	file->te = (uint32_t)(ntoks ? ntoks - 1 : 0);
	out->root = file;
	/* errors in arbitrary order (trivia errors are found early) */
	for (size_t i = 1; i < out->nerrors; i++) {
		struct cst_error e = out->errors[i];
		size_t j = i;
		while (j > 0 && out->errors[j - 1].start > e.start) {
			out->errors[j] = out->errors[j - 1];
			j--;
		}
		out->errors[j] = e;
	}
}

uint32_t cst_start(const struct cst_file *f, const struct cst *c)
{
	return f->toks[c->tb].off;
}

uint32_t cst_end(const struct cst_file *f, const struct cst *c)
{
	if (c->te == 0 || c->te <= c->tb)
		return f->toks[c->tb].off;
	const struct dt_token *t = &f->toks[c->te - 1];
	return t->off + t->len;
}

static const char *const cst_names[CST__COUNT] = {
	[CST_FILE] = "file", [CST_VERSION] = "version", [CST_PLUGIN] = "plugin",
	[CST_MEMRESERVE] = "memreserve", [CST_INCLUDE] = "include",
	[CST_NODE] = "node", [CST_REF_NODE] = "ref-node", [CST_PROP] = "property",
	[CST_DELETE_NODE] = "delete-node", [CST_DELETE_PROP] = "delete-property",
	[CST_OMIT_REF] = "omit-if-no-ref", [CST_MACRO_STMT] = "macro-statement",
	[CST_ERROR] = "error", [CST_CELLS] = "cells", [CST_STRING] = "string",
	[CST_BYTES] = "bytes", [CST_REF_VALUE] = "ref-value", [CST_INCBIN] = "incbin",
	[CST_MACRO_VALUE] = "macro-value", [CST_LABEL] = "label",
	[CST_NUMBER] = "number", [CST_CHARLIT] = "char", [CST_CELL_REF] = "cell-ref",
	[CST_IDENT] = "ident", [CST_CALL] = "call", [CST_MACRO_ARG] = "macro-arg",
	[CST_PAREN] = "paren", [CST_UNARY] = "unary", [CST_BINARY] = "binary",
	[CST_TERNARY] = "ternary", [CST_BYTE] = "byte",
};

const char *cst_kind_name(int kind)
{
	return kind >= 0 && kind < CST__COUNT && cst_names[kind] ? cst_names[kind] : "?";
}

void dt_parse_text(struct dt_parsed *p, const char *text, size_t len)
{
	dt_parse_text_flags(p, text, len, 0);
}

void dt_parse_text_flags(struct dt_parsed *p, const char *text, size_t len, unsigned flags)
{
	memset(p, 0, sizeof(*p));
	dt_lex(text, len, &p->toks);
	arena_init(&p->arena);
	dt_parse_flags(&p->cst, text, p->toks.v, p->toks.n, &p->arena, flags);
}

void dt_parsed_free(struct dt_parsed *p)
{
	free(p->cst.errors);
	arena_free(&p->arena);
	dt_tokens_free(&p->toks);
}
