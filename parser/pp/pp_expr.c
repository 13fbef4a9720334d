/* #if constant expressions, as C evaluates them in the preprocessor: every
 * value is intmax_t or uintmax_t, a signed operand meeting an unsigned one
 * becomes unsigned, && || and ?: evaluate only what they need (so a
 * division by zero in a branch not taken is not an error). */
#include <stdint.h>
#include <string.h>

#include "pp_internal.h"

struct val {
	uint64_t v;
	int uns;
};

struct ev {
	struct pp *pp;
	struct pp_tok *t;
	int err;
};

static struct val expr(struct ev *e, int live);

static void fail(struct ev *e, const struct pp_tok *at, const char *msg)
{
	if (!e->err)
		pp_error(e->pp, at, "%s in #if", msg);
	e->err = 1;
}

static int is(struct ev *e, const char *s)
{
	return pp_tok_is(e->t, s);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static struct val number(struct ev *e, const struct pp_tok *t)
{
	struct val r = {0, 0};
	const char *p = t->p, *end = t->p + t->len;
	int base = 10;
	if (end - p > 1 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (end - p > 1 && p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) {
		base = 2;
		p += 2;
	} else if (p[0] == '0') {
		base = 8;
	}
	const char *digits = p;
	for (; p < end; p++) {
		int d = hexval((unsigned char)*p);
		if (d < 0 || d >= base)
			break;
		r.v = r.v * (uint64_t)base + (uint64_t)d;
	}
	if (p == digits && base != 8) {
		fail(e, t, "invalid number");
		return r;
	}
	for (; p < end; p++) {
		if (*p == 'u' || *p == 'U')
			r.uns = 1;
		else if (*p != 'l' && *p != 'L') {
			fail(e, t, "invalid suffix on a number");
			return r;
		}
	}
	if (base != 10 && r.v > INT64_MAX)
		r.uns = 1;
	return r;
}

static struct val charlit(struct ev *e, const struct pp_tok *t)
{
	struct val r = {0, 0};
	const char *p = t->p + 1, *end = t->p + t->len - 1;
	int64_t v = 0;
	int n = 0;
	while (p < end) {
		int c = (unsigned char)*p++;
		if (c == '\\' && p < end) {
			c = (unsigned char)*p++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'a': c = 7; break;
			case 'b': c = 8; break;
			case 'f': c = 12; break;
			case 'v': c = 11; break;
			case 'e': c = 27; break;
			case 'x': {
				int x = 0, d;
				while (p < end && (d = hexval((unsigned char)*p)) >= 0) {
					x = x * 16 + d;
					p++;
				}
				c = x & 0xff;
				break;
			}
			default:
				if (c >= '0' && c <= '7') {
					int x = c - '0';
					for (int k = 0; k < 2 && p < end && *p >= '0' && *p <= '7'; k++)
						x = x * 8 + (*p++ - '0');
					c = x & 0xff;
				}
				break;
			}
		}
		/* chars are signed, as with gcc on x86 and arm64 hosts alike */
		v = n == 0 ? (int64_t)(signed char)c : (int64_t)(((uint64_t)v << 8) | (unsigned)c);
		n++;
	}
	if (n == 0)
		fail(e, t, "empty character constant");
	r.v = (uint64_t)v;
	return r;
}

static struct val unary(struct ev *e, int live)
{
	struct pp_tok *t = e->t;
	struct val r = {0, 0};
	if (e->err)
		return r;
	if (is(e, "(")) {
		e->t = t->next;
		r = expr(e, live);
		if (!is(e, ")")) {
			fail(e, e->t, "expected ')'");
			return r;
		}
		e->t = e->t->next;
		return r;
	}
	if (is(e, "-") || is(e, "+") || is(e, "~") || is(e, "!")) {
		e->t = t->next;
		r = unary(e, live);
		switch (t->p[0]) {
		case '-': r.v = (uint64_t)0 - r.v; break;
		case '~': r.v = ~r.v; break;
		case '!': r.v = !r.v; r.uns = 0; break;
		default: break;
		}
		return r;
	}
	if (t->kind == PT_NUM) {
		e->t = t->next;
		return number(e, t);
	}
	if (t->kind == PT_CHAR) {
		e->t = t->next;
		return charlit(e, t);
	}
	if (t->kind == PT_IDENT) {
		/* an identifier left after expansion is 0 */
		e->t = t->next;
		return r;
	}
	fail(e, t, t->kind == PT_EOF ? "missing expression" : "unexpected token");
	return r;
}

static int prec(const struct pp_tok *t)
{
	static const struct { const char *op; int p; } ops[] = {
		{"*", 10}, {"/", 10}, {"%", 10}, {"+", 9}, {"-", 9}, {"<<", 8}, {">>", 8},
		{"<", 7}, {">", 7}, {"<=", 7}, {">=", 7}, {"==", 6}, {"!=", 6}, {"&", 5},
		{"^", 4}, {"|", 3}, {"&&", 2}, {"||", 1},
	};
	if (t->kind != PT_PUNCT)
		return 0;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (pp_tok_is(t, ops[i].op))
			return ops[i].p;
	return 0;
}

static struct val binop(struct ev *e, const struct pp_tok *op, struct val a, struct val b,
			int live)
{
	struct val r = {0, a.uns || b.uns};
	int u = r.uns;
	int64_t sa = (int64_t)a.v, sb = (int64_t)b.v;
	const char *o = op->p;
	int n = (int)op->len;
	if (n == 1 && (o[0] == '/' || o[0] == '%')) {
		if (b.v == 0) {
			if (live)
				fail(e, op, "division by zero");
			return r;
		}
		if (u)
			r.v = o[0] == '/' ? a.v / b.v : a.v % b.v;
		else if (sa == INT64_MIN && sb == -1)
			r.v = o[0] == '/' ? a.v : 0;
		else
			r.v = (uint64_t)(o[0] == '/' ? sa / sb : sa % sb);
		return r;
	}
	if (n == 1) {
		switch (o[0]) {
		case '*': r.v = a.v * b.v; return r;
		case '+': r.v = a.v + b.v; return r;
		case '-': r.v = a.v - b.v; return r;
		case '&': r.v = a.v & b.v; return r;
		case '^': r.v = a.v ^ b.v; return r;
		case '|': r.v = a.v | b.v; return r;
		case '<': r.v = u ? a.v < b.v : sa < sb; r.uns = 0; return r;
		case '>': r.v = u ? a.v > b.v : sa > sb; r.uns = 0; return r;
		default: break;
		}
	}
	r.uns = 0;
	if (!strncmp(o, "<<", 2) || !strncmp(o, ">>", 2)) {
		r.uns = a.uns;
		unsigned s = b.v >= 64 ? 64 : (unsigned)b.v;
		if ((int64_t)b.v < 0 && !b.uns)
			s = 64;
		if (o[0] == '<')
			r.v = s >= 64 ? 0 : a.v << s;
		else if (a.uns)
			r.v = s >= 64 ? 0 : a.v >> s;
		else
			r.v = s >= 64 ? (sa < 0 ? UINT64_MAX : 0) : sa < 0 ? ~(~a.v >> s) : a.v >> s;
		return r;
	}
	if (!strncmp(o, "<=", 2)) r.v = u ? a.v <= b.v : sa <= sb;
	else if (!strncmp(o, ">=", 2)) r.v = u ? a.v >= b.v : sa >= sb;
	else if (!strncmp(o, "==", 2)) r.v = a.v == b.v;
	else if (!strncmp(o, "!=", 2)) r.v = a.v != b.v;
	return r;
}

static struct val binary(struct ev *e, int min, int live)
{
	struct val a = unary(e, live);
	for (;;) {
		if (e->err)
			return a;
		int p = prec(e->t);
		if (!p || p < min)
			return a;
		struct pp_tok *op = e->t;
		e->t = op->next;
		if (pp_tok_is(op, "&&") || pp_tok_is(op, "||")) {
			int is_and = op->p[0] == '&';
			int need = is_and ? a.v != 0 : a.v == 0;
			struct val b = binary(e, p + 1, live && need);
			a.v = is_and ? (a.v && b.v) : (a.v || b.v);
			a.uns = 0;
			continue;
		}
		struct val b = binary(e, p + 1, live);
		a = binop(e, op, a, b, live);
	}
}

static struct val expr(struct ev *e, int live)
{
	struct val c = binary(e, 1, live);
	if (e->err)
		return c;
	if (is(e, "?")) {
		e->t = e->t->next;
		struct val a = expr(e, live && c.v);
		if (!is(e, ":")) {
			fail(e, e->t, "expected ':'");
			return c;
		}
		e->t = e->t->next;
		struct val b = expr(e, live && !c.v);
		struct val r = c.v ? a : b;
		r.uns = a.uns || b.uns;
		return r;
	}
	if (is(e, ",")) {
		e->t = e->t->next;
		return expr(e, live);
	}
	return c;
}

int pp_eval_if(struct pp *pp, struct pp_tok *tok, long long *value)
{
	struct ev e = {pp, tok, 0};
	struct val v = expr(&e, 1);
	if (!e.err && e.t->kind != PT_EOF)
		fail(&e, e.t, "missing binary operator");
	*value = (long long)v.v;
	return !e.err;
}
