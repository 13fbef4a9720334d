/* Property values and integer expressions, with dtc's rules: arithmetic
 * on unsigned 64-bit integers, literals as strtoull reads them (0x hex,
 * leading-0 octal, U/L suffixes), char literals and strings with C escapes,
 * cells checked against their /bits/ width, references left symbolic here
 * and resolved once the whole tree is known. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/strbuf.h"
#include "tree.h"

/* dtc's get_escape_char: one escape after the backslash at s[*i]. */
static int escape_char(const char *s, size_t len, size_t *i)
{
	char c = s[(*i)++];
	switch (c) {
	case 'a': return '\a';
	case 'b': return '\b';
	case 't': return '\t';
	case 'n': return '\n';
	case 'v': return '\v';
	case 'f': return '\f';
	case 'r': return '\r';
	case 'x': {
		int v = 0, n = 0;
		while (n < 2 && *i < len) {
			char h = s[*i];
			int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
				: h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
			if (d < 0)
				break;
			v = v * 16 + d;
			(*i)++;
			n++;
		}
		return v;
	}
	default:
		if (c >= '0' && c <= '7') {
			int v = c - '0';
			for (int n = 1; n < 3 && *i < len && s[*i] >= '0' && s[*i] <= '7'; n++)
				v = v * 8 + (s[(*i)++] - '0');
			return v & 0xff;
		}
		return (unsigned char)c;
	}
}

/* The bytes of a quoted literal's inside, escapes applied. */
static char *unescape(struct mtree *t, const char *s, size_t len, size_t *out_len)
{
	char *buf = arena_alloc(t->a, len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		if (s[i] == '\\' && i + 1 < len) {
			i++;
			buf[n++] = (char)escape_char(s, len, &i);
		} else {
			buf[n++] = s[i++];
		}
	}
	buf[n] = '\0';
	*out_len = n;
	return buf;
}

/* A string value: interned unless it has escapes (rare, kept as is). */
static const char *string_value(struct mtree *t, const char *s, size_t len, size_t *n)
{
	if (!memchr(s, '\\', len)) {
		*n = len;
		return mt_intern(t, s, len);
	}
	return unescape(t, s, len, n);
}

static uint64_t literal(struct mtree *t, const struct cst *c, int *ok)
{
	size_t len;
	const char *s = mt_tok_text(t, c->tok, &len);
	char buf[128];
	if (len >= sizeof(buf)) {
		mt_error(t, mt_loc_cst(t, c), "eval", "integer literal too long");
		*ok = 0;
		return 0;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	char *e;
	unsigned long long v = strtoull(buf, &e, 0);
	if (*e && e[strspn(e, "UL")]) {
		mt_error(t, mt_loc_cst(t, c), "eval", "bad integer literal '%s'", buf);
		*ok = 0;
		return 0;
	}
	if (errno == ERANGE) {
		mt_error(t, mt_loc_cst(t, c), "eval", "integer literal '%s' out of 64-bit range", buf);
		*ok = 0;
	}
	return v;
}

static uint64_t charlit(struct mtree *t, const struct cst *c, int *ok)
{
	size_t len, n;
	const char *s = mt_tok_text(t, c->tok, &len);
	char *b = unescape(t, s + 1, len >= 2 ? len - 2 : 0, &n);
	if (n != 1) {
		if (n)
			mt_error(t, mt_loc_cst(t, c), "eval",
				 "character literal has %zu characters instead of 1", n);
		else
			mt_error(t, mt_loc_cst(t, c), "eval", "empty character literal");
		*ok = 0;
		return n ? (unsigned char)b[0] : 0;
	}
	return (unsigned char)b[0];
}

static const char *op_text(struct mtree *t, const struct cst *c, size_t *len)
{
	return mt_tok_text(t, c->tok, len);
}

uint64_t mt_eval_expr(struct mtree *t, const struct cst *c, int *ok)
{
	switch (c->kind) {
	case CST_NUMBER:
		return literal(t, c, ok);
	case CST_CHARLIT:
		return charlit(t, c, ok);
	case CST_PAREN:
		return c->child ? mt_eval_expr(t, c->child, ok) : 0;
	case CST_UNARY: {
		size_t len;
		const char *op = op_text(t, c, &len);
		uint64_t v = c->child ? mt_eval_expr(t, c->child, ok) : 0;
		switch (op[0]) {
		case '-': return (uint64_t)0 - v;
		case '~': return ~v;
		case '!': return !v;
		default:
			mt_error(t, mt_loc_cst(t, c), "syntax", "dtc has no unary '+'");
			*ok = 0;
			return v;
		}
	}
	case CST_TERNARY: {
		const struct cst *a = c->child, *b = a ? a->next : NULL, *d = b ? b->next : NULL;
		if (!d)
			return 0;
		uint64_t cond = mt_eval_expr(t, a, ok);
		/* dtc evaluates both branches (its actions run bottom-up) */
		uint64_t x = mt_eval_expr(t, b, ok), y = mt_eval_expr(t, d, ok);
		return cond ? x : y;
	}
	case CST_BINARY: {
		const struct cst *a = c->child, *b = a ? a->next : NULL;
		if (!b)
			return 0;
		uint64_t x = mt_eval_expr(t, a, ok), y = mt_eval_expr(t, b, ok);
		size_t len;
		const char *op = op_text(t, c, &len);
		if (len == 1) {
			switch (op[0]) {
			case '+': return x + y;
			case '-': return x - y;
			case '*': return x * y;
			case '/':
			case '%':
				if (y == 0) {
					mt_error(t, mt_loc_cst(t, c), "eval", "division by zero");
					*ok = 0;
					return 0;
				}
				return op[0] == '/' ? x / y : x % y;
			case '&': return x & y;
			case '|': return x | y;
			case '^': return x ^ y;
			case '<': return x < y;
			case '>': return x > y;
			default: break;
			}
		} else {
			if (!memcmp(op, "<<", 2)) return y < 64 ? x << y : 0;
			if (!memcmp(op, ">>", 2)) return y < 64 ? x >> y : 0;
			if (!memcmp(op, "<=", 2)) return x <= y;
			if (!memcmp(op, ">=", 2)) return x >= y;
			if (!memcmp(op, "==", 2)) return x == y;
			if (!memcmp(op, "!=", 2)) return x != y;
			if (!memcmp(op, "&&", 2)) return x && y;
			if (!memcmp(op, "||", 2)) return x || y;
		}
		return 0;
	}
	case CST_IDENT:
	case CST_CALL: {
		mt_undefined_macro(t, c);
		*ok = 0;
		return 0;
	}
	default:
		*ok = 0;
		return 0;
	}
}

/* ---- values ---- */

struct chunks {
	struct dtidy_chunk *v;
	size_t n, cap;
};

static struct dtidy_chunk *chunk_new(struct mtree *t, struct chunks *cs)
{
	(void)t;
	struct dtidy_chunk *c = &cs->v[cs->n++];
	memset(c, 0, sizeof(*c));
	return c;
}

static void add_vlabel(struct mtree *t, struct mprop *p, const struct cst *l, size_t chunk,
		       size_t cell)
{
	size_t len;
	const char *s = mt_tok_text(t, l->tok, &len);
	struct vlabel *v = arena_alloc(t->a, sizeof(*v));
	v->name = mt_intern(t, s, len ? len - 1 : 0);
	v->chunk = chunk;
	v->cell = cell;
	v->prop = p;
	v->loc = mt_loc_cst(t, l);
	mt_xref_labels(t, l->tok, l->tok + 1, 0);
	struct vlabel **end = &t->vlabels;
	while (*end)
		end = &(*end)->next;
	*end = v;
}

static void eval_cells(struct mtree *t, struct mprop *p, const struct cst *c,
		       struct dtidy_chunk *ch, size_t chunk_index)
{
	unsigned bits = 32;
	if (c->tok2 != CST_NONE) {
		if (t->toks[c->tok2].kind != TK_NUMBER) {
			mt_error(t, mt_loc_toks(t, c->tok2, c->tok2 + 1), "syntax",
				 "/bits/ takes a plain number: 8, 16, 32 or 64");
			bits = 32;
		} else {
			struct cst tmp = {.kind = CST_NUMBER, .tok = c->tok2, .tb = c->tok2,
					  .te = c->tok2 + 1};
			int ok = 1;
			uint64_t b = literal(t, &tmp, &ok);
			if (b == 8 || b == 16 || b == 32 || b == 64) {
				bits = (unsigned)b;
			} else {
				mt_error(t, mt_loc_toks(t, c->tok2, c->tok2 + 1), "eval",
					 "array elements must be 8, 16, 32 or 64 bits");
			}
		}
	}
	size_t n = 0;
	CST_FOREACH(e, c)
		if (e->kind != CST_LABEL)
			n++;
	struct dtidy_cell *cells = arena_alloc(t->a, (n ? n : 1) * sizeof(*cells));
	size_t i = 0;
	uint64_t mask = bits == 64 ? UINT64_MAX : (((uint64_t)1 << bits) - 1);
	CST_FOREACH(e, c) {
		if (e->kind == CST_LABEL) {
			add_vlabel(t, p, e, chunk_index, i);
			continue;
		}
		struct dtidy_cell *cell = &cells[i++];
		cell->loc = mt_loc_cst(t, e);
		if (e->kind == CST_CELL_REF) {
			if (e->flags & CF_MACRO_NAME)
				mt_undefined_macro_tok(t, e->tok);
			cell->ref = mt_ref_name(t, e->tok);
			mt_xref_ref(t, MODEL_XREF_PHANDLE, e->tok);
			cell->val = mask;
			if (bits != 32)
				mt_error(t, cell->loc, "eval",
					 "references are only allowed in arrays of 32-bit cells");
			continue;
		}
		int ok = 1;
		uint64_t v = mt_eval_expr(t, e, &ok);
		if (bits < 64 && v > mask && (v | mask) != UINT64_MAX)
			mt_error(t, cell->loc, "eval", "value out of range for a %u-bit array element",
				 bits);
		cell->val = v & mask;
	}
	ch->kind = DTIDY_CHUNK_CELLS;
	ch->bits = bits;
	ch->n = n;
	ch->cells = cells;
}

static void eval_bytes(struct mtree *t, struct mprop *p, const struct cst *c,
		       struct dtidy_chunk *ch, size_t chunk_index)
{
	size_t n = 0;
	CST_FOREACH(e, c)
		if (e->kind == CST_BYTE)
			n++;
	char *data = arena_alloc(t->a, n + 1);
	size_t i = 0;
	CST_FOREACH(e, c) {
		if (e->kind == CST_LABEL) {
			add_vlabel(t, p, e, chunk_index, i);
			continue;
		}
		if (e->kind == CST_IDENT) {
			mt_undefined_macro(t, e);
			continue;
		}
		if (e->kind != CST_BYTE)
			continue;
		size_t len;
		const char *s = mt_tok_text(t, e->tok, &len);
		char hex[3] = {s[0], len > 1 ? s[1] : '0', 0};
		data[i++] = (char)strtoul(hex, NULL, 16);
	}
	ch->kind = DTIDY_CHUNK_BYTES;
	ch->n = i;
	ch->data = data;
}

static void eval_incbin(struct mtree *t, const struct cst *c, struct dtidy_chunk *ch)
{
	const struct cst *name = c->child;
	ch->kind = DTIDY_CHUNK_BYTES;
	ch->data = "";
	if (!name)
		return;
	size_t len, n;
	const char *s = mt_tok_text(t, name->tok, &len);
	char *fname = unescape(t, s + 1, len >= 2 ? len - 2 : 0, &n);
	struct dtidy_loc loc = mt_loc_cst(t, name);
	/* dtc looks next to the file being read, then in each -i directory */
	const char *including = loc.file ? loc.file->path : "";
	const char *slash = strrchr(including, '/');
	struct strbuf path = {0};
	struct pp_file *f = NULL;
	char *err = NULL;
	struct pp_file_set set = {t->pp.files, t->pp.nfiles, t->pp.nfiles};
	for (size_t i = 0; !f && i <= t->ppo.nincdirs; i++) {
		path.len = 0;
		if (fname[0] == '/') {
			sb_puts(&path, fname);
			i = t->ppo.nincdirs;
		} else if (i == 0) {
			if (slash)
				sb_put(&path, including, (size_t)(slash - including) + 1);
			sb_puts(&path, fname);
		} else {
			sb_printf(&path, "%s/%s", t->ppo.incdirs[i - 1], fname);
		}
		if (!t->ppo.read && !src_cache_exists(t->ppo.cache, sb_cstr(&path)))
			continue;
		f = pp_file_get(&set, sb_cstr(&path), &t->ppo, t->a, &err);
		free(err);
		err = NULL;
	}
	sb_free(&path);
	t->pp.files = set.v;
	t->pp.nfiles = set.n;
	if (!f) {
		mt_error(t, loc, "include", "cannot find /incbin/ file '%s'", fname);
		return;
	}
	uint64_t off = 0, cnt = f->pub.len;
	const struct cst *a = name->next, *b = a ? a->next : NULL;
	if (a && b) {
		int ok = 1;
		off = mt_eval_expr(t, a, &ok);
		cnt = mt_eval_expr(t, b, &ok);
		if (off > f->pub.len || cnt > f->pub.len - off) {
			mt_error(t, mt_loc_cst(t, c), "eval",
				 "/incbin/ wants %llu bytes at offset %llu of a %zu-byte file",
				 (unsigned long long)cnt, (unsigned long long)off, f->pub.len);
			return;
		}
	}
	ch->data = f->pub.text + off;
	ch->n = (size_t)cnt;
}

void mt_eval_value(struct mtree *t, struct mprop *p, const struct cst *prop)
{
	struct chunks cs = {0};
	CST_FOREACH(c, prop)
		if (c->kind != CST_LABEL && c->kind != CST_MACRO_VALUE)
			cs.cap++;
	if (cs.cap)
		cs.v = arena_alloc(t->a, cs.cap * sizeof(*cs.v));
	CST_FOREACH(c, prop) {
		struct dtidy_chunk *ch;
		switch (c->kind) {
		case CST_LABEL:
			add_vlabel(t, p, c, cs.n, SIZE_MAX);
			continue;
		case CST_STRING: {
			ch = chunk_new(t, &cs);
			size_t len;
			const char *s = mt_tok_text(t, c->tok, &len);
			ch->kind = DTIDY_CHUNK_STRING;
			ch->data = string_value(t, s + 1, len >= 2 ? len - 2 : 0, &ch->n);
			break;
		}
		case CST_CELLS:
			ch = chunk_new(t, &cs);
			eval_cells(t, p, c, ch, cs.n - 1);
			break;
		case CST_BYTES:
			ch = chunk_new(t, &cs);
			eval_bytes(t, p, c, ch, cs.n - 1);
			break;
		case CST_REF_VALUE:
			if (c->flags & CF_MACRO_NAME)
				mt_undefined_macro_tok(t, c->tok);
			ch = chunk_new(t, &cs);
			ch->kind = DTIDY_CHUNK_PATH;
			ch->ref = mt_ref_name(t, c->tok);
			mt_xref_ref(t, MODEL_XREF_PATH, c->tok);
			ch->data = "";
			break;
		case CST_INCBIN:
			ch = chunk_new(t, &cs);
			eval_incbin(t, c, ch);
			break;
		case CST_MACRO_VALUE: {
			mt_undefined_macro(t, c);
			continue;
		}
		default:
			continue;
		}
		ch->loc = mt_loc_cst(t, c);
	}
	p->pub.chunks = cs.v;
	p->pub.nchunks = cs.n;
}
