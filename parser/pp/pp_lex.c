/* Preprocessing tokens, as cpp sees them: identifiers, pp-numbers, string
 * and character literals, punctuators and stray bytes. Comments become
 * whitespace; backslash-newline joins lines anywhere, even inside a token,
 * so the lexer reads through a cursor that steps over splices. Offsets kept
 * in tokens are those of the original bytes. */
#include <string.h>

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

static size_t nx(const struct cur *c, size_t i)
{
	return spl(c, i + 1);
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

int pp_tok_is(const struct pp_tok *t, const char *s)
{
	size_t n = strlen(s);
	return t->kind != PT_EOF && t->kind != PT_STR && t->kind != PT_CHAR && t->len == n &&
	       memcmp(t->p, s, n) == 0;
}

static const char *const puncts3[] = {"...", "<<=", ">>=", NULL};
static const char *const puncts2[] = {
	"##", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "++", "--", "->",
	"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", NULL,
};

/* Length in logical characters of the punctuator at i (0: none). */
static int punct_len(const struct cur *c, size_t i)
{
	int a = ch(c, i);
	size_t j = nx(c, i);
	int b = ch(c, j);
	int d = ch(c, nx(c, j));
	for (int k = 0; puncts3[k]; k++)
		if (a == puncts3[k][0] && b == puncts3[k][1] && d == puncts3[k][2])
			return 3;
	for (int k = 0; puncts2[k]; k++)
		if (a == puncts2[k][0] && b == puncts2[k][1])
			return 2;
	if (a >= 0 && strchr("!#%&()*+,-./:;<=>?[]^{|}~", a) && a != 0)
		return 1;
	return 0;
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

static void set_text(struct pp *pp, struct pp_tok *t, const struct cur *c, size_t b, size_t e)
{
	/* a splice inside the token: spell it without */
	int spliced = 0;
	for (size_t i = b; i < e; i++)
		if (c->s[i] == '\\' && spl(c, i) != i) {
			spliced = 1;
			break;
		}
	if (!spliced) {
		t->p = c->s + b;
		t->len = (uint32_t)(e - b);
		return;
	}
	char *buf = arena_alloc(&pp->a, e - b + 1);
	size_t n = 0;
	for (size_t i = spl(c, b); i < e; i = spl(c, i + 1))
		buf[n++] = c->s[i];
	t->p = buf;
	t->len = (uint32_t)n;
}

static struct pp_tok *lex(struct pp *pp, uint32_t file, const char *s, size_t len,
			  const struct pp_tok *like)
{
	struct cur c = {s, len};
	struct pp_tok head = {0}, *tail = &head;
	int bol = 1, space = 0;
	size_t i = spl(&c, 0);
	while (i < len) {
		int x = ch(&c, i);
		if (x == '\n') {
			bol = 1;
			space = 0;
			i = nx(&c, i);
			continue;
		}
		if (x == ' ' || x == '\t' || x == '\f' || x == '\v' || x == '\r') {
			space = 1;
			i = nx(&c, i);
			continue;
		}
		if (x == '/' && ch(&c, nx(&c, i)) == '*') {
			size_t j = nx(&c, nx(&c, i));
			int prev = -1;
			for (;;) {
				int y = ch(&c, j);
				if (y < 0) {
					if (!like) {
						struct pp_tok at = {.file = file, .start = (uint32_t)i,
								    .end = (uint32_t)i + 2};
						pp_error(pp, &at, "unterminated comment");
					}
					break;
				}
				j = nx(&c, j);
				if (prev == '*' && y == '/')
					break;
				prev = y;
			}
			i = j;
			space = 1;
			continue;
		}
		if (x == '/' && ch(&c, nx(&c, i)) == '/') {
			while (i < len && ch(&c, i) != '\n')
				i = nx(&c, i);
			space = 1;
			continue;
		}
		struct pp_tok *t = pp_tok_new(pp, NULL);
		size_t b = i, e;
		if (is_ident_start(x)) {
			t->kind = PT_IDENT;
			e = nx(&c, i);
			while (is_ident_char(ch(&c, e)))
				e = nx(&c, e);
		} else if (is_digit(x) || (x == '.' && is_digit(ch(&c, nx(&c, i))))) {
			t->kind = PT_NUM;
			e = nx(&c, i);
			for (;;) {
				int y = ch(&c, e);
				if ((y == 'e' || y == 'E' || y == 'p' || y == 'P') &&
				    (ch(&c, nx(&c, e)) == '+' || ch(&c, nx(&c, e)) == '-')) {
					e = nx(&c, nx(&c, e));
					continue;
				}
				if (is_ident_char(y) || y == '.') {
					e = nx(&c, e);
					continue;
				}
				break;
			}
		} else if ((x == '"' || x == '\'') && (e = quoted_end(&c, i, x)) != 0) {
			t->kind = x == '"' ? PT_STR : PT_CHAR;
		} else {
			int n = punct_len(&c, i);
			t->kind = n ? PT_PUNCT : PT_OTHER;
			e = nx(&c, i);
			for (int k = 1; k < n; k++)
				e = nx(&c, e);
		}
		/* the raw end excludes a trailing splice */
		size_t raw_end = e;
		while (raw_end > b && (s[raw_end - 1] == '\n' || s[raw_end - 1] == '\r' ||
				       (s[raw_end - 1] == '\\' && spl(&c, raw_end - 1) != raw_end - 1)))
			raw_end--;
		if (raw_end <= b)
			raw_end = b + 1;
		set_text(pp, t, &c, b, raw_end);
		t->flags = (uint8_t)((bol ? PF_BOL : 0) | (space ? PF_SPACE : 0));
		if (like) {
			t->file = like->file;
			t->start = like->start;
			t->end = like->end;
			t->flags = like->flags & (PF_EXP | PF_ARG);
		} else {
			t->file = file;
			t->start = (uint32_t)b;
			t->end = (uint32_t)raw_end;
		}
		bol = 0;
		space = 0;
		tail->next = t;
		tail = t;
		i = e;
	}
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

struct pp_tok *pp_tokenize(struct pp *pp, uint32_t file, const char *s, size_t len)
{
	return lex(pp, file, s, len, NULL);
}

struct pp_tok *pp_tokenize_str(struct pp *pp, const char *s, size_t len,
			       const struct pp_tok *like)
{
	return lex(pp, like->file, s, len, like);
}
