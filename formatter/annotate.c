/* CST -> per-token roles. Layout walks the flat token stream, because that is
 * where comments and directives live; the roles tell it, token by token,
 * where statements, values, cells and expressions begin and end. */
#include "fmt_internal.h"

#include "../lexer/token.h"

struct ann {
	const struct cst_file *f;
	struct tok_role *role;
};

/* Index of the last significant token of c, or CST_NONE. */
static uint32_t last_tok(const struct ann *a, const struct cst *c)
{
	uint32_t e = c->te;
	while (e > c->tb && dt_tok_is_trivia(a->f->toks[e - 1].kind))
		e--;
	return e > c->tb ? e - 1 : CST_NONE;
}

/* The significant token before index i, or CST_NONE. */
static uint32_t prev_sig(const struct ann *a, uint32_t i)
{
	while (i > 0) {
		i--;
		if (!dt_tok_is_trivia(a->f->toks[i].kind))
			return i;
	}
	return CST_NONE;
}

static void mark_range(struct ann *a, uint32_t from, uint32_t to, uint16_t flag)
{
	for (uint32_t i = from; i < to && i < a->f->ntoks; i++)
		if (!dt_tok_is_trivia(a->f->toks[i].kind))
			a->role[i].flags |= flag;
}

static void raw_atom(struct ann *a, const struct cst *c)
{
	uint32_t e = last_tok(a, c);
	if (e == CST_NONE)
		return;
	a->role[c->tb].flags |= R_RAW;
	a->role[c->tb].end = e;
}

/* Tokens [from, to) kept as written: a name or reference a macro call
 * makes ("CP11X_NODE_NAME(ic-thermal)"); spacing inside it could change
 * what cpp pastes. */
static void raw_span(struct ann *a, uint32_t from, uint32_t to)
{
	uint32_t e = to;
	while (e > from && dt_tok_is_trivia(a->f->toks[e - 1].kind))
		e--;
	if (e <= from)
		return;
	a->role[from].flags |= R_RAW;
	a->role[from].end = e - 1;
}

/* Labels a macro call makes before a statement's name ("DIE_NODE(x):"):
 * each kept as written up to its ':'. */
static void macro_labels(struct ann *a, const struct cst *c)
{
	if (c->tok == CST_NONE)
		return;
	for (uint32_t i = c->tb; i < c->tok; i++) {
		int k = a->f->toks[i].kind;
		if (k != TK_NAME && k != TK_IDENT)
			continue;
		uint32_t j = i + 1;
		while (j < c->tok && a->f->toks[j].kind != TK_COLON)
			j++;
		if (j < c->tok)
			raw_span(a, i, j + 1);
		i = j;
	}
}

static void expr(struct ann *a, const struct cst *e)
{
	switch (e->kind) {
	case CST_PAREN: {
		uint32_t close = last_tok(a, e);
		a->role[e->tb].flags |= R_POPEN;
		if (close != CST_NONE && a->f->toks[close].kind == TK_RPAREN)
			a->role[close].flags |= R_PCLOSE;
		break;
	}
	case CST_UNARY:
		a->role[e->tok].flags |= R_UNARY;
		break;
	case CST_BINARY:
		a->role[e->tok].flags |= R_BINOP;
		break;
	case CST_TERNARY: {
		a->role[e->tok].flags |= R_BINOP;
		const struct cst *mid = e->child ? e->child->next : NULL;
		const struct cst *rhs = mid ? mid->next : NULL;
		if (mid && rhs)
			for (uint32_t i = mid->te; i < rhs->tb; i++)
				if (a->f->toks[i].kind == TK_COLON)
					a->role[i].flags |= R_BINOP;
		break;
	}
	case CST_CALL: {
		uint32_t open = e->tok + 1;
		while (open < e->te && a->f->toks[open].kind != TK_LPAREN)
			open++;
		if (open < e->te) {
			a->role[open].flags |= R_CALLOPEN;
			mark_range(a, open + 1, e->te, R_ARGS);
			uint32_t close = last_tok(a, e);
			if (close != CST_NONE && close > open && a->f->toks[close].kind == TK_RPAREN)
				a->role[close].flags |= R_CALLCLOSE;
		}
		return;		/* arguments are not parsed: spacing as written */
	}
	default:
		break;
	}
	CST_FOREACH(c, e)
		expr(a, c);
}

static void cells(struct ann *a, const struct cst *c)
{
	CST_FOREACH(item, c) {
		a->role[item->tb].flags |= R_CELL;
		if (item->flags & CF_MACRO_NAME)
			raw_atom(a, item);
		expr(a, item);
	}
	if (c->tok2 && c->tok2 < c->te && a->f->toks[c->tok2].kind == TK_LPAREN) {
		/* /bits/ (expr): the expression is not in the CST; keep its spacing */
		uint32_t i = c->tok2 + 1;
		while (i < c->te && a->f->toks[i].kind != TK_CELL_OPEN)
			i++;
		mark_range(a, c->tok2 + 1, i, R_ARGS);
	}
}

static void value(struct ann *a, const struct cst *v)
{
	switch (v->kind) {
	case CST_CELLS:
		cells(a, v);
		break;
	case CST_BYTES:
		CST_FOREACH(b, v)
			a->role[b->tb].flags |= R_BYTES;
		break;
	case CST_MACRO_VALUE:
		if (last_tok(a, v) != v->tb)
			raw_atom(a, v);
		break;
	case CST_INCBIN:
		mark_range(a, v->tb + 1, v->te, R_ARGS);
		break;
	case CST_REF_VALUE:
		if (v->flags & CF_MACRO_NAME)
			raw_atom(a, v);
		break;
	default:
		break;
	}
}

static void prop(struct ann *a, const struct cst *p)
{
	CST_FOREACH(v, p) {
		uint32_t before = prev_sig(a, v->tb);
		if (before != CST_NONE && a->f->toks[before].kind == TK_EQ)
			a->role[v->tb].flags |= R_FIRSTVAL;
		else if (before != CST_NONE && a->f->toks[before].kind == TK_COMMA)
			a->role[v->tb].flags |= R_ENTRY;
		value(a, v);
	}
}

static int is_statement(int k)
{
	return k >= CST_VERSION && k <= CST_ERROR;
}

static void body(struct ann *a, const struct cst *parent, uint32_t depth);

static void statement(struct ann *a, const struct cst *c, uint32_t depth)
{
	uint32_t end = last_tok(a, c);
	if (end == CST_NONE)
		return;
	struct tok_role *r = &a->role[c->tb];
	r->flags |= R_STMT;
	r->stmt = c->kind;
	r->depth = depth;
	r->end = end;
	a->role[end].flags |= R_END;
	a->role[end].stmt = c->kind;
	macro_labels(a, c);
	if ((c->flags & CF_MACRO_NAME) && c->tok2 != CST_NONE && c->tok2 > c->tok)
		raw_span(a, c->tok, c->tok2);
	switch (c->kind) {
	case CST_NODE:
	case CST_REF_NODE: {
		if (c->tok2 == 0 || c->tok2 >= a->f->ntoks ||
		    a->f->toks[c->tok2].kind != TK_LBRACE)
			break;
		a->role[c->tok2].flags |= R_OPEN;
		a->role[c->tok2].depth = depth;
		uint32_t from = c->last ? c->last->te : c->tok2 + 1;
		for (uint32_t i = from; i <= end; i++)
			if (a->f->toks[i].kind == TK_RBRACE) {
				a->role[i].flags |= R_CLOSE;
				a->role[i].depth = depth;
				break;
			}
		body(a, c, depth + 1);
		break;
	}
	case CST_PROP:
		prop(a, c);
		break;
	case CST_MACRO_STMT:
	case CST_ERROR:
		raw_atom(a, c);
		break;
	case CST_MEMRESERVE:
		CST_FOREACH(e, c)
			expr(a, e);
		break;
	default:
		break;
	}
}

static void body(struct ann *a, const struct cst *parent, uint32_t depth)
{
	CST_FOREACH(c, parent)
		if (is_statement(c->kind))
			statement(a, c, depth);
}

void fmt_annotate(const struct cst_file *f, struct tok_role *role)
{
	struct ann a = {.f = f, .role = role};
	if (f->root)
		body(&a, f->root, 0);
}
