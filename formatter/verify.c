/* Verification: what formatting may change is whitespace, line breaks and
 * the case of hex digits. Everything else (every significant token, every
 * comment and directive, every line splice) must come out as it went in. */
#include <string.h>

#include "../lexer/lexer.h"
#include "fmt_internal.h"

static int kept(int kind)
{
	return kind != TK_WS && kind != TK_NEWLINE;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Equal apart from whitespace (comments and directives are re-indented). */
static int same_but_space(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	for (;;) {
		while (i < an && is_space(a[i]))
			i++;
		while (j < bn && is_space(b[j]))
			j++;
		if (i == an || j == bn)
			return i == an && j == bn;
		if (a[i] != b[j])
			return 0;
		i++;
		j++;
	}
}

static int same_but_case(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char x = a[i], y = b[i];
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return 1;
}

static int same_token(const char *at, const struct dt_token *x, const char *bt,
		      const struct dt_token *y)
{
	if (x->kind != y->kind)
		return 0;
	const char *a = at + x->off, *b = bt + y->off;
	switch (x->kind) {
	case TK_LINE_COMMENT:
	case TK_BLOCK_COMMENT:
	case TK_PP:
		return same_but_space(a, x->len, b, y->len);
	case TK_SPLICE:
		return 1;
	case TK_NUMBER:
	case TK_BYTE:
		return x->len == y->len && same_but_case(a, b, x->len);
	default:
		return x->len == y->len && memcmp(a, b, x->len) == 0;
	}
}

int fmt_verify(const char *a, size_t alen, const struct dt_token *ta, size_t na,
	       const char *b, size_t blen, uint32_t *where)
{
	/* Byte-identical output has the input's tokens: the lexer is a
	 * function of the text. The common case of --check on a formatted
	 * tree, and no reason to lex the output again. */
	if (alen == blen && memcmp(a, b, alen) == 0)
		return 0;
	struct dt_tokens tb = {0};
	dt_lex(b, blen, &tb);
	size_t i = 0, j = 0;
	int rc = 0;
	for (;;) {
		while (i < na && !kept(ta[i].kind))
			i++;
		while (j < tb.n && !kept(tb.v[j].kind))
			j++;
		if (i >= na || j >= tb.n) {
			if (i < na || j < tb.n) {
				rc = -1;
				*where = i < na ? ta[i].off : (uint32_t)alen;
			}
			break;
		}
		if (!same_token(a, &ta[i], b, &tb.v[j])) {
			rc = -1;
			*where = ta[i].off;
			break;
		}
		if (ta[i].kind == TK_EOF)
			break;
		i++;
		j++;
	}
	dt_tokens_free(&tb);
	return rc;
}
