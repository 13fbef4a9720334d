/* Preprocessing tokens, as cpp sees them: identifiers, pp-numbers, string
 * and character literals, punctuators and stray bytes. Comments become
 * whitespace; backslash-newline joins lines anywhere, even inside a token,
 * so the lexer reads through a cursor that steps over splices. Offsets kept
 * in tokens are those of the original bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/xalloc.h"

#include "pp_internal.h"

struct cur {
	const char *s;
	size_t len;
};

/* Index of the first byte at or after i that is not part of a splice. */
static size_t spl(const struct cur *c, size_t i)
{
	while (i < c->len && c->s[i] == '\\') {
		if (i + 1 < c->len && c->s[i + 1] == '\n')
			i += 2;
		else if (i + 2 < c->len && c->s[i + 1] == '\r' && c->s[i + 2] == '\n')
			i += 3;
		else
			break;
	}
	return i;
}

static int ch(const struct cur *c, size_t i)
{
	return i < c->len ? (unsigned char)c->s[i] : -1;
}

/* The next character's index: the common case, no backslash, is decided
 * here without a call. */
static size_t nx(const struct cur *c, size_t i)
{
	i++;
	return i < c->len && c->s[i] == '\\' ? spl(c, i) : i;
}

/* Is the newline at p the end of a splice? A backslash right before a
 * newline always makes one: no other token can take that backslash. */
static int ends_splice(const struct cur *c, size_t p)
{
	return (p >= 1 && c->s[p - 1] == '\\') ||
	       (p >= 2 && c->s[p - 1] == '\r' && c->s[p - 2] == '\\');
}

/* The newline ending a // comment that starts at i, or the end of the
 * input: the first newline that is not a splice. Comments are most of the
 * bytes of many headers, so they are searched, not stepped through. */
static size_t line_comment_end(const struct cur *c, size_t i)
{
	while (i < c->len) {
		const char *nl = memchr(c->s + i, '\n', c->len - i);
		if (!nl)
			return c->len;
		size_t p = (size_t)(nl - c->s);
		if (!ends_splice(c, p))
			return p;
		i = p + 1;
	}
	return c->len;
}

/* Where scanning goes on after a block comment whose body starts at j:
 * after the first '/' whose character before (across splices) is a '*'
 * of the body. 0 when the comment is never closed. */
static size_t block_comment_end(const struct cur *c, size_t j)
{
	for (size_t from = j; from < c->len;) {
		const char *sl = memchr(c->s + from, '/', c->len - from);
		if (!sl)
			return 0;
		size_t p = (size_t)(sl - c->s), k = p;
		while (k > j && c->s[k - 1] == '\n' && ends_splice(c, k - 1))
			k -= c->s[k - 2] == '\\' ? 2 : 3;
		if (k > j && c->s[k - 1] == '*')
			return nx(c, p);
		from = p + 1;
	}
	return 0;
}

static int is_ident_start(int x)
{
	return (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z') || x == '_' || x == '$';
}

static int is_ident_char(int x)
{
	return is_ident_start(x) || (x >= '0' && x <= '9');
}

static int is_digit(int x)
{
	return x >= '0' && x <= '9';
}

struct pp_tok *pp_tok_new(struct pp *pp, const struct pp_tok *like)
{
	struct pp_tok *t = arena_alloc(&pp->a, sizeof(*t));
	if (like) {
		*t = *like;
		t->next = NULL;
	}
	pp->tokens_made++;
	return t;
}

struct pp_tok *pp_tok_eof(struct pp *pp, const struct pp_tok *like)
{
	struct pp_tok *t = pp_tok_new(pp, like);
	t->kind = PT_EOF;
	t->p = "";
	t->len = 0;
	t->flags = PF_BOL;
	t->hs = NULL;
	return t;
}


/* The bytes that start a punctuator. */
static const unsigned char punct_start[256] = {
	['!'] = 1, ['#'] = 1, ['%'] = 1, ['&'] = 1, ['('] = 1, [')'] = 1, ['*'] = 1,
	['+'] = 1, [','] = 1, ['-'] = 1, ['.'] = 1, ['/'] = 1, [':'] = 1, [';'] = 1,
	['<'] = 1, ['='] = 1, ['>'] = 1, ['?'] = 1, ['['] = 1, [']'] = 1, ['^'] = 1,
	['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1,
};

/* Length in logical characters of the punctuator at i (0: none): the
 * longest of ... <<= >>= ## << >> <= >= == != && || ++ -- -> and the
 * assignments op=, else one character. Decided by the first character, as
 * it is asked of every punctuator of every file. */
static int punct_len(const struct cur *c, size_t i)
{
	int a = ch(c, i);
	if (a < 0 || !punct_start[a])
		return 0;
	size_t j = nx(c, i);
	int b = ch(c, j);
	switch (a) {
	case '.':
		return b == '.' && ch(c, nx(c, j)) == '.' ? 3 : 1;
	case '<':
	case '>':
		if (b == a)
			return ch(c, nx(c, j)) == '=' ? 3 : 2;
		return b == '=' ? 2 : 1;
	case '#':
		return b == '#' ? 2 : 1;
	case '&':
	case '|':
	case '+':
		return b == a || b == '=' ? 2 : 1;
	case '-':
		return b == '-' || b == '=' || b == '>' ? 2 : 1;
	case '=':
	case '!':
	case '*':
	case '/':
	case '%':
	case '^':
		return b == '=' ? 2 : 1;
	default:
		return 1;
	}
}

/* End (raw index) of a quoted literal starting at i, or 0 if unterminated
 * on its line. */
static size_t quoted_end(const struct cur *c, size_t i, int q)
{
	size_t j = nx(c, i);
	for (;;) {
		int x = ch(c, j);
		if (x < 0 || x == '\n')
			return 0;
		if (x == '\r' && ch(c, j + 1) == '\n')
			return 0;
		if (x == q)
			return nx(c, j);
		if (x == '\\') {
			j = nx(c, j);
			if (ch(c, j) < 0 || ch(c, j) == '\n')
				return 0;
		}
		j = nx(c, j);
	}
}

/* Is there a splice inside raw bytes [b, e)? Such a token is spelt
 * without it. */
static int has_splice(const struct cur *c, size_t b, size_t e)
{
	for (size_t i = b; i < e; i++)
		if (c->s[i] == '\\' && spl(c, i) != i)
			return 1;
	return 0;
}

/* Writes the spelling of raw bytes [b, e) without their splices into buf
 * (room for e - b bytes); returns its length. */
static uint32_t unsplice(const struct cur *c, size_t b, size_t e, char *buf)
{
	size_t n = 0;
	for (size_t i = spl(c, b); i < e; i = spl(c, i + 1))
		buf[n++] = c->s[i];
	return (uint32_t)n;
}

/* One token as the scanner finds it, before it is stored anywhere. */
struct raw {
	uint8_t kind, flags;	/* flags: PF_BOL, PF_SPACE */
	size_t b, end;		/* its bytes in the file (a trailing splice excluded) */
};

struct scan {
	struct cur c;
	size_t i;		/* where scanning goes on */
	int bol, space;
	size_t bad_comment;	/* start of an unterminated comment, or SIZE_MAX */
};

static void scan_init(struct scan *sc, const char *s, size_t len)
{
	sc->c.s = s;
	sc->c.len = len;
	sc->i = spl(&sc->c, 0);
	sc->bol = 1;
	sc->space = 0;
	sc->bad_comment = SIZE_MAX;
}

/* The next token into *r; 0 at the end of the input. Every way of storing
 * tokens reads them from here, so they cannot differ. */
static int scan_next(struct scan *sc, struct raw *r)
{
	const struct cur *c = &sc->c;
	const char *s = c->s;
	size_t len = c->len, i = sc->i;
	while (i < len) {
		int x = ch(c, i);
		if (x == '\n') {
			sc->bol = 1;
			sc->space = 0;
			i = nx(c, i);
			continue;
		}
		if (x == ' ' || x == '\t' || x == '\f' || x == '\v' || x == '\r') {
			sc->space = 1;
			i = nx(c, i);
			continue;
		}
		if (x == '/' && ch(c, nx(c, i)) == '*') {
			size_t j = block_comment_end(c, nx(c, nx(c, i)));
			if (!j) {
				sc->bad_comment = i;
				j = len;
			}
			i = j;
			sc->space = 1;
			continue;
		}
		if (x == '/' && ch(c, nx(c, i)) == '/') {
			i = line_comment_end(c, i);
			sc->space = 1;
			continue;
		}
		size_t b = i, e;
		if (is_ident_start(x)) {
			r->kind = PT_IDENT;
			e = nx(c, i);
			while (is_ident_char(ch(c, e)))
				e = nx(c, e);
		} else if (is_digit(x) || (x == '.' && is_digit(ch(c, nx(c, i))))) {
			r->kind = PT_NUM;
			e = nx(c, i);
			for (;;) {
				int y = ch(c, e);
				if ((y == 'e' || y == 'E' || y == 'p' || y == 'P') &&
				    (ch(c, nx(c, e)) == '+' || ch(c, nx(c, e)) == '-')) {
					e = nx(c, nx(c, e));
					continue;
				}
				if (is_ident_char(y) || y == '.') {
					e = nx(c, e);
					continue;
				}
				break;
			}
		} else if ((x == '"' || x == '\'') && (e = quoted_end(c, i, x)) != 0) {
			r->kind = x == '"' ? PT_STR : PT_CHAR;
		} else {
			int n = punct_len(c, i);
			r->kind = n ? PT_PUNCT : PT_OTHER;
			e = nx(c, i);
			for (int k = 1; k < n; k++)
				e = nx(c, e);
		}
		/* the raw end excludes a trailing splice */
		size_t raw_end = e;
		while (raw_end > b && (s[raw_end - 1] == '\n' || s[raw_end - 1] == '\r' ||
				       (s[raw_end - 1] == '\\' && spl(c, raw_end - 1) != raw_end - 1)))
			raw_end--;
		if (raw_end <= b)
			raw_end = b + 1;
		r->b = b;
		r->end = raw_end;
		r->flags = (uint8_t)((sc->bol ? PF_BOL : 0) | (sc->space ? PF_SPACE : 0));
		sc->bol = 0;
		sc->space = 0;
		sc->i = e;
		return 1;
	}
	sc->i = i;
	return 0;
}

static void report_bad_comment(struct pp *pp, uint32_t file, size_t at)
{
	struct pp_tok t = {.file = file, .start = (uint32_t)at, .end = (uint32_t)at + 2};
	pp_error(pp, &t, "unterminated comment");
}

static struct pp_tok *lex(struct pp *pp, uint32_t file, const char *s, size_t len,
			  const struct pp_tok *like)
{
	struct scan sc;
	scan_init(&sc, s, len);
	struct pp_tok head = {0}, *tail = &head;
	struct raw r;
	while (scan_next(&sc, &r)) {
		struct pp_tok *t = pp_tok_new(pp, NULL);
		t->kind = r.kind;
		if (has_splice(&sc.c, r.b, r.end)) {
			char *buf = arena_alloc(&pp->a, r.end - r.b + 1);
			t->len = unsplice(&sc.c, r.b, r.end, buf);
			t->p = buf;
		} else {
			t->p = s + r.b;
			t->len = (uint32_t)(r.end - r.b);
		}
		if (like) {
			t->file = like->file;
			t->start = like->start;
			t->end = like->end;
			t->flags = like->flags & (PF_EXP | PF_ARG);
		} else {
			t->file = file;
			t->start = (uint32_t)r.b;
			t->end = (uint32_t)r.end;
			t->flags = r.flags;
		}
		tail->next = t;
		tail = t;
	}
	if (!like && sc.bad_comment != SIZE_MAX)
		report_bad_comment(pp, file, sc.bad_comment);
	struct pp_tok *eof = pp_tok_new(pp, like);
	eof->kind = PT_EOF;
	eof->p = "";
	eof->len = 0;
	eof->flags = PF_BOL;
	eof->next = NULL;
	eof->hs = NULL;
	if (!like) {
		eof->flags |= PF_FILE_END;
		eof->file = file;
		eof->start = eof->end = (uint32_t)len;
	}
	tail->next = eof;
	return head.next;
}

/* ---- a file's tokens, lexed once per run ---- */

/* A token as shared between boards: what pp_tok holds that does not
 * depend on the board (its file index, list link and hide set do). */
struct pp_ltok {
	uint32_t start, end;
	uint32_t spelt;		/* 0: spelt as its bytes; else index + 1 in spellings */
	uint8_t kind, flags;
};

struct spelling {
	const char *p;
	uint32_t len;
};

struct pp_lexed {
	struct pp_ltok *v;
	size_t n;
	struct spelling *spellings;	/* of tokens with a splice inside */
	size_t nspellings;
	struct arena a;			/* their bytes */
	size_t len;			/* of the file */
	size_t bad_comment;		/* as in struct scan */
};

static void lexed_free(void *p)
{
	struct pp_lexed *lx = p;
	free(lx->v);
	free(lx->spellings);
	arena_free(&lx->a);
	free(lx);
}

static void *lexed_make(const struct source *src, size_t *bytes)
{
	struct pp_lexed *lx = xcalloc(1, sizeof(*lx));
	arena_init(&lx->a);
	lx->len = src->len;
	struct scan sc;
	scan_init(&sc, src->text, src->len);
	size_t cap = 0, capsp = 0;
	struct raw r;
	while (scan_next(&sc, &r)) {
		struct pp_ltok t = {.start = (uint32_t)r.b, .end = (uint32_t)r.end,
				    .kind = r.kind, .flags = r.flags};
		if (has_splice(&sc.c, r.b, r.end)) {
			char *buf = arena_alloc(&lx->a, r.end - r.b + 1);
			struct spelling sp = {buf, unsplice(&sc.c, r.b, r.end, buf)};
			VEC_PUSH(lx->spellings, lx->nspellings, capsp, sp);
			t.spelt = (uint32_t)lx->nspellings;
		}
		VEC_PUSH(lx->v, lx->n, cap, t);
	}
	if (lx->n && cap > lx->n)
		lx->v = xrealloc(lx->v, lx->n * sizeof(*lx->v));
	lx->bad_comment = sc.bad_comment;
	*bytes = sizeof(*lx) + lx->n * sizeof(*lx->v) + lx->nspellings * sizeof(*lx->spellings) +
		 lx->a.total;
	return lx;
}

/* The board's own list of a shared tokenization: one array, linked in
 * order, as lex() would have made it token by token. */
static struct pp_tok *instantiate(struct pp *pp, uint32_t file, const struct pp_lexed *lx,
				  const char *text)
{
	struct pp_tok *v = arena_alloc(&pp->a, (lx->n + 1) * sizeof(*v));
	for (size_t i = 0; i < lx->n; i++) {
		const struct pp_ltok *l = &lx->v[i];
		struct pp_tok *t = &v[i];
		t->next = t + 1;
		if (l->spelt) {
			t->p = lx->spellings[l->spelt - 1].p;
			t->len = lx->spellings[l->spelt - 1].len;
		} else {
			t->p = text + l->start;
			t->len = l->end - l->start;
		}
		t->kind = l->kind;
		t->flags = l->flags;
		t->file = file;
		t->start = l->start;
		t->end = l->end;
	}
	pp->tokens_made += lx->n + 1;
	if (lx->bad_comment != SIZE_MAX)
		report_bad_comment(pp, file, lx->bad_comment);
	struct pp_tok *eof = &v[lx->n];
	eof->kind = PT_EOF;
	eof->p = "";
	eof->flags = PF_BOL | PF_FILE_END;
	eof->file = file;
	eof->start = eof->end = (uint32_t)lx->len;
	return v;
}

struct pp_tok *pp_tokenize_file(struct pp *pp, uint32_t fi)
{
	const struct pp_file *f = pp->files.v[fi];
	/* only a file from the cache: the read hook's buffers (an editor's
	 * unsaved text) are read fresh every time */
	if (!f->owned) {
		const struct pp_lexed *lx =
			src_cache_derived(pp->o->cache, f->pub.path, lexed_make, lexed_free);
		if (lx)
			return instantiate(pp, fi, lx, f->pub.text);
	}
	return lex(pp, fi, f->pub.text, f->pub.len, NULL);
}

struct pp_tok *pp_tokenize_str(struct pp *pp, const char *s, size_t len,
			       const struct pp_tok *like)
{
	return lex(pp, like->file, s, len, like);
}
