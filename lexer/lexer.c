/* A hand-written, mode-aware lexer for Devicetree Source.
 *
 * dtc's own lexer switches start conditions as it goes: after '{' or ';' it
 * expects a node or property name (which may contain ',' '.' '+' '#' '?' '@'
 * '-'), inside '<' '>' it reads cells, inside '[' ']' bytes. We follow the
 * same rules so that "#address-cells" is one name, "0x10" in a cell is a
 * number and "2B3c" in a byte string is two bytes. Unlike dtc we also keep
 * comments, whitespace and preprocessor lines, as trivia tokens, and accept
 * what only exists before preprocessing: macro identifiers and invocations.
 */
#include "lexer.h"

#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"

enum mode {
	M_NAME,		/* where a node or property name may start */
	M_VALUE,	/* after '=' and between values */
	M_CELLS,	/* inside < > */
	M_BYTES,	/* inside [ ] */
	M_MACRO,	/* inside the ( ) of a macro invocation */
};

struct lexer {
	const char *s;
	size_t len, pos;
	struct dt_tokens *out;
	enum mode mode, macro_ret;	/* macro_ret: mode after the ')' */
	int include_ret;		/* mode + 1 to resume after /include/ "file" */
	int paren;			/* open '(' inside cells or macro args */
	int bol;			/* nothing but blanks/comments since line start */
	int space;			/* trivia seen since the last token */
};

static const unsigned char cls_propnode[256] = {
#define C(x) [x] = 1
	C(','), C('.'), C('_'), C('+'), C('*'), C('#'), C('?'), C('@'), C('-'),
	C('0'), C('1'), C('2'), C('3'), C('4'), C('5'), C('6'), C('7'), C('8'), C('9'),
	C('a'), C('b'), C('c'), C('d'), C('e'), C('f'), C('g'), C('h'), C('i'), C('j'),
	C('k'), C('l'), C('m'), C('n'), C('o'), C('p'), C('q'), C('r'), C('s'), C('t'),
	C('u'), C('v'), C('w'), C('x'), C('y'), C('z'),
	C('A'), C('B'), C('C'), C('D'), C('E'), C('F'), C('G'), C('H'), C('I'), C('J'),
	C('K'), C('L'), C('M'), C('N'), C('O'), C('P'), C('Q'), C('R'), C('S'), C('T'),
	C('U'), C('V'), C('W'), C('X'), C('Y'), C('Z'),
#undef C
};

int dt_is_propnode_char(int c)
{
	return c >= 0 && c < 256 && cls_propnode[c];
}

int dt_is_label_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

int dt_is_label_char(int c)
{
	return dt_is_label_start(c) || (c >= '0' && c <= '9');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int peek(const struct lexer *lx, size_t ahead)
{
	size_t p = lx->pos + ahead;
	return p < lx->len ? (unsigned char)lx->s[p] : -1;
}

static inline __attribute__((always_inline)) void emit(struct lexer *lx, int kind, size_t start, int err)
{
	struct dt_tokens *o = lx->out;
	VEC_RESERVE(o->v, o->cap, o->n + 1);
	struct dt_token *t = &o->v[o->n++];
	t->off = (uint32_t)start;
	t->len = (uint32_t)(lx->pos - start);
	t->kind = (uint8_t)kind;
	t->err = (uint8_t)err;
	t->pad_ = 0;
	t->flags = err ? TF_ERROR : 0;
	if (dt_tok_is_trivia(kind)) {
		lx->space = 1;
		if (kind == TK_NEWLINE)
			lx->bol = 1;
		return;
	}
	if (lx->bol)
		t->flags |= TF_BOL;
	if (lx->space)
		t->flags |= TF_SPACE;
	lx->bol = 0;
	lx->space = 0;
}

/* ---- trivia ---- */

static const char *const directives[] = {
	"include", "include_next", "define", "undef", "if", "ifdef", "ifndef",
	"elif", "elifdef", "elifndef", "else", "endif", "error", "warning",
	"pragma", "line", "ident", "sccs", "assert", "unassert", "import",
};

int dt_hash_starts_directive(const char *s, size_t len, size_t off)
{
	size_t p = off + 1;
	while (p < len && (s[p] == ' ' || s[p] == '\t' || s[p] == '\f' || s[p] == '\v'))
		p++;
	if (p >= len || s[p] == '\n' || s[p] == '\r')
		return 1;
	if (is_digit((unsigned char)s[p]))
		return 1;
	size_t w = p;
	while (w < len && dt_is_label_char((unsigned char)s[w]))
		w++;
	if (w == p)
		return 0;
	/* "#address-cells": a keyword prefix followed by a name character
	 * is a property name, not a directive. */
	if (w < len && dt_is_propnode_char((unsigned char)s[w]) && s[w] != '_')
		return 0;
	for (size_t i = 0; i < sizeof(directives) / sizeof(directives[0]); i++)
		if (strlen(directives[i]) == w - p && memcmp(directives[i], s + p, w - p) == 0)
			return 1;
	return 0;
}

static int at_directive(const struct lexer *lx)
{
	return dt_hash_starts_directive(lx->s, lx->len, lx->pos);
}

/* The directive keyword of the line starting at p, if the line is a
 * directive: its start and length through *kw / *kwlen. */
static int line_directive(const struct lexer *lx, size_t p, size_t *kw, size_t *kwlen)
{
	while (p < lx->len && (lx->s[p] == ' ' || lx->s[p] == '\t'))
		p++;
	if (p >= lx->len || lx->s[p] != '#')
		return 0;
	p++;
	while (p < lx->len && (lx->s[p] == ' ' || lx->s[p] == '\t'))
		p++;
	size_t w = p;
	while (w < lx->len && dt_is_label_char((unsigned char)lx->s[w]))
		w++;
	*kw = p;
	*kwlen = w - p;
	return 1;
}

static int word_is(const struct lexer *lx, size_t at, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(lx->s + at, w, n) == 0;
}

/* Is the directive at `start` exactly "#if 0" (then blanks or a comment)? */
static int is_if_zero(const struct lexer *lx, size_t start)
{
	size_t kw, n;
	if (!line_directive(lx, start, &kw, &n) || !word_is(lx, kw, n, "if"))
		return 0;
	size_t p = kw + n;
	while (p < lx->len && (lx->s[p] == ' ' || lx->s[p] == '\t'))
		p++;
	if (p >= lx->len || lx->s[p] != '0')
		return 0;
	p++;
	while (p < lx->len && (lx->s[p] == ' ' || lx->s[p] == '\t'))
		p++;
	return p >= lx->len || lx->s[p] == '\n' || lx->s[p] == '\r' || lx->s[p] == '/';
}

/* "#if 0": the group it disables is no devicetree source (cpp drops it, and
 * it often holds half-edited code), so it stays with the directive as one
 * trivia token, through the matching "#endif" line, or up to the "#else" or
 * "#elif" that starts the live group. lx->pos is at the end of the "#if 0"
 * line. Returns 0 when the file ends first. */
static int skip_if_zero_group(struct lexer *lx)
{
	int depth = 0;
	size_t line_end = lx->pos;
	while (line_end < lx->len) {
		size_t next = line_end + 1;	/* start of the next line */
		if (lx->s[line_end] == '\r' && next < lx->len && lx->s[next] == '\n')
			next++;
		const char *nl = next < lx->len ? memchr(lx->s + next, '\n', lx->len - next) : NULL;
		size_t end = nl ? (size_t)(nl - lx->s) : lx->len;
		if (end > next && lx->s[end - 1] == '\r' && nl)
			end--;
		size_t kw, n;
		if (next <= lx->len && line_directive(lx, next, &kw, &n)) {
			if (word_is(lx, kw, n, "if") || word_is(lx, kw, n, "ifdef") ||
			    word_is(lx, kw, n, "ifndef")) {
				depth++;
			} else if (word_is(lx, kw, n, "endif")) {
				if (depth-- == 0) {
					lx->pos = end;
					return 1;
				}
			} else if (depth == 0 && (word_is(lx, kw, n, "else") ||
						  word_is(lx, kw, n, "elif") ||
						  word_is(lx, kw, n, "elifdef") ||
						  word_is(lx, kw, n, "elifndef"))) {
				lx->pos = line_end;
				return 1;
			}
		}
		line_end = end;
		if (!nl)
			break;
	}
	lx->pos = lx->len;
	return 0;
}

/* A directive runs to the end of its line; backslash-newline continues it,
 * and a block comment that starts in it may span lines (as in cpp). */
static void lex_directive(struct lexer *lx)
{
	size_t start = lx->pos;
	int err = TE_NONE;
	int linemark = 0;
	{
		size_t p = start + 1;
		while (p < lx->len && (lx->s[p] == ' ' || lx->s[p] == '\t'))
			p++;
		linemark = p < lx->len && is_digit((unsigned char)lx->s[p]);
		if (!linemark && p + 4 <= lx->len && memcmp(lx->s + p, "line", 4) == 0)
			linemark = 1;
	}
	while (lx->pos < lx->len) {
		char c = lx->s[lx->pos];
		if (c == '\n')
			break;
		if (c == '\r' && peek(lx, 1) == '\n')
			break;
		if (c == '\\') {
			if (peek(lx, 1) == '\n') {
				lx->pos += 2;
				continue;
			}
			if (peek(lx, 1) == '\r' && peek(lx, 2) == '\n') {
				lx->pos += 3;
				continue;
			}
			if (linemark && peek(lx, 1) == '0')
				err = TE_NUL_LINEMARK;
		}
		if (c == '\0' && linemark)
			err = TE_NUL_LINEMARK;
		if (c == '/' && peek(lx, 1) == '*') {
			const char *e = NULL;
			if (lx->pos + 2 < lx->len) {
				const char *from = lx->s + lx->pos + 2;
				size_t n = lx->len - (lx->pos + 2);
				for (const char *q = memchr(from, '*', n); q;
				     q = memchr(q + 1, '*', (size_t)(lx->s + lx->len - (q + 1)))) {
					if (q + 1 < lx->s + lx->len && q[1] == '/') {
						e = q + 2;
						break;
					}
					if (q + 1 >= lx->s + lx->len)
						break;
				}
			}
			if (!e) {
				lx->pos = lx->len;
				err = TE_UNTERMINATED_COMMENT;
				break;
			}
			lx->pos = (size_t)(e - lx->s);
			continue;
		}
		if (c == '/' && peek(lx, 1) == '/') {
			/* a line comment ends the directive's text; keep it in
			 * the directive so the line stays one unit */
			while (lx->pos < lx->len && lx->s[lx->pos] != '\n' &&
			       !(lx->s[lx->pos] == '\r' && peek(lx, 1) == '\n'))
				lx->pos++;
			break;
		}
		lx->pos++;
	}
	if (err == TE_NONE && is_if_zero(lx, start) && !skip_if_zero_group(lx))
		err = TE_UNTERMINATED_IF;
	emit(lx, TK_PP, start, err);
}

static void lex_block_comment(struct lexer *lx)
{
	size_t start = lx->pos;
	lx->pos += 2;
	while (lx->pos < lx->len) {
		const char *q = memchr(lx->s + lx->pos, '*', lx->len - lx->pos);
		if (!q)
			break;
		lx->pos = (size_t)(q - lx->s) + 1;
		if (lx->pos < lx->len && lx->s[lx->pos] == '/') {
			lx->pos++;
			emit(lx, TK_BLOCK_COMMENT, start, TE_NONE);
			return;
		}
	}
	lx->pos = lx->len;
	emit(lx, TK_BLOCK_COMMENT, start, TE_UNTERMINATED_COMMENT);
}

static void lex_line_comment(struct lexer *lx)
{
	size_t start = lx->pos;
	const char *q = memchr(lx->s + lx->pos, '\n', lx->len - lx->pos);
	lx->pos = q ? (size_t)(q - lx->s) : lx->len;
	if (lx->pos > start && lx->s[lx->pos - 1] == '\r' && q)
		lx->pos--;
	emit(lx, TK_LINE_COMMENT, start, TE_NONE);
}

/* ---- literals ---- */

static void lex_string(struct lexer *lx)
{
	size_t start = lx->pos++;
	while (lx->pos < lx->len) {
		char c = lx->s[lx->pos];
		if (c == '"') {
			lx->pos++;
			emit(lx, TK_STRING, start, TE_NONE);
			return;
		}
		if (c == '\\' && lx->pos + 1 < lx->len)
			lx->pos++;
		lx->pos++;
	}
	/* Unterminated: end it at its own line, so one missing quote does not
	 * swallow the rest of the file, and read the next line as a new
	 * statement, which is what it most likely is. */
	lx->pos = start + 1;
	while (lx->pos < lx->len && lx->s[lx->pos] != '\n' && lx->s[lx->pos] != '\r')
		lx->pos++;
	emit(lx, TK_STRING, start, TE_UNTERMINATED_STRING);
	lx->mode = M_NAME;
	lx->paren = 0;
}

static void lex_char(struct lexer *lx)
{
	size_t start = lx->pos++;
	int err = TE_NONE;
	size_t nchars = 0;
	while (lx->pos < lx->len && lx->s[lx->pos] != '\'' &&
	       lx->s[lx->pos] != '\n') {
		if (lx->s[lx->pos] == '\\' && lx->pos + 1 < lx->len &&
		    lx->s[lx->pos + 1] != '\n') {
			lx->pos += 2;
			char e = lx->s[lx->pos - 1];
			if (e == 'x') {
				while (lx->pos < lx->len && is_hex((unsigned char)lx->s[lx->pos]))
					lx->pos++;
			} else if (e >= '0' && e <= '7') {
				int k = 1;
				while (k < 3 && lx->pos < lx->len && lx->s[lx->pos] >= '0' &&
				       lx->s[lx->pos] <= '7') {
					lx->pos++;
					k++;
				}
			}
		} else {
			lx->pos++;
		}
		nchars++;
	}
	if (lx->pos < lx->len && lx->s[lx->pos] == '\'') {
		lx->pos++;
		if (nchars != 1)
			err = TE_BAD_CHAR;
	} else {
		err = TE_UNTERMINATED_CHAR;
	}
	emit(lx, TK_CHAR, start, err);
}

/* dtc: ([0-9]+|0[xX][0-9a-fA-F]+)(U|L|UL|LL|ULL)? ; we take the whole
 * pp-number and flag it if it is not one of those. */
static void lex_number(struct lexer *lx)
{
	size_t start = lx->pos;
	while (lx->pos < lx->len && dt_is_label_char((unsigned char)lx->s[lx->pos]))
		lx->pos++;
	const char *p = lx->s + start, *e = lx->s + lx->pos;
	int ok = 1;
	if (e - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		p += 2;
		const char *d = p;
		while (p < e && is_hex((unsigned char)*p))
			p++;
		ok = p > d;
	} else if (p[0] == '0') {
		while (p < e && is_digit((unsigned char)*p)) {
			if (*p > '7')
				ok = 0;
			p++;
		}
	} else {
		while (p < e && is_digit((unsigned char)*p))
			p++;
	}
	size_t sl = (size_t)(e - p);
	if (sl && !(sl == 1 && (*p == 'U' || *p == 'L')) &&
	    !(sl == 2 && (!memcmp(p, "UL", 2) || !memcmp(p, "LL", 2))) &&
	    !(sl == 3 && !memcmp(p, "ULL", 3)))
		ok = 0;
	emit(lx, TK_NUMBER, start, ok ? TE_NONE : TE_BAD_NUMBER);
}

/* ---- words ---- */

struct keyword {
	const char *text;
	int kind;
};

static const struct keyword keywords[] = {
	{"/dts-v1/", TK_DTS_V1},
	{"/plugin/", TK_PLUGIN},
	{"/memreserve/", TK_MEMRESERVE},
	{"/bits/", TK_BITS},
	{"/delete-node/", TK_DELETE_NODE},
	{"/delete-property/", TK_DELETE_PROP},
	{"/omit-if-no-ref/", TK_OMIT_NO_REF},
	{"/include/", TK_INCLUDE},
	{"/incbin/", TK_INCBIN},
};

static int lex_keyword(struct lexer *lx)
{
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		size_t n = strlen(keywords[i].text);
		if (lx->len - lx->pos >= n && memcmp(lx->s + lx->pos, keywords[i].text, n) == 0) {
			size_t start = lx->pos;
			lx->pos += n;
			emit(lx, keywords[i].kind, start, TE_NONE);
			int k = keywords[i].kind;
			if (k == TK_INCLUDE)
				lx->include_ret = (int)lx->mode + 1;
			if (k == TK_DELETE_NODE || k == TK_DELETE_PROP ||
			    k == TK_OMIT_NO_REF || k == TK_DTS_V1 || k == TK_PLUGIN)
				lx->mode = M_NAME;
			else if (k == TK_MEMRESERVE || k == TK_BITS || k == TK_INCLUDE ||
				 k == TK_INCBIN)
				lx->mode = M_VALUE;
			return 1;
		}
	}
	return 0;
}

/* A label "foo:" at lx->pos? Returns its length including the colon. */
static size_t label_len(const struct lexer *lx)
{
	size_t p = lx->pos;
	if (p >= lx->len || !dt_is_label_start((unsigned char)lx->s[p]))
		return 0;
	while (p < lx->len && dt_is_label_char((unsigned char)lx->s[p]))
		p++;
	if (p < lx->len && lx->s[p] == ':')
		return p + 1 - lx->pos;
	return 0;
}

static int next_nonblank(const struct lexer *lx)
{
	size_t p = lx->pos;
	while (p < lx->len && (lx->s[p] == ' ' || lx->s[p] == '\t'))
		p++;
	return p < lx->len ? (unsigned char)lx->s[p] : -1;
}

static void lex_ref(struct lexer *lx)
{
	size_t start = lx->pos++;
	if (peek(lx, 0) == '{') {
		lx->pos++;
		while (lx->pos < lx->len &&
		       (dt_is_propnode_char((unsigned char)lx->s[lx->pos]) ||
			lx->s[lx->pos] == '/'))
			lx->pos++;
		if (peek(lx, 0) == '}') {
			lx->pos++;
			emit(lx, TK_PATH_REF, start, TE_NONE);
			return;
		}
		/* "&{/a b}": take the whole bad path as one token when its '}'
		 * is on the same line, so one mistake makes one error */
		size_t q = lx->pos;
		while (q < lx->len && lx->s[q] != '}' && lx->s[q] != '{' && lx->s[q] != ';' &&
		       lx->s[q] != '\n' && lx->s[q] != '"')
			q++;
		if (q < lx->len && lx->s[q] == '}') {
			lx->pos = q + 1;
			emit(lx, TK_PATH_REF, start, TE_BAD_PATH);
		} else {
			emit(lx, TK_PATH_REF, start, TE_UNTERMINATED_PATH);
		}
		return;
	}
	while (lx->pos < lx->len && dt_is_label_char((unsigned char)lx->s[lx->pos]))
		lx->pos++;
	emit(lx, TK_REF, start, TE_NONE);
}

/* Identifier in a value: [A-Za-z_][A-Za-z0-9_]*. When '(' follows, it is a
 * macro invocation whose arguments we read in M_MACRO. */
static void lex_ident(struct lexer *lx, int kind)
{
	size_t start = lx->pos;
	while (lx->pos < lx->len && dt_is_label_char((unsigned char)lx->s[lx->pos]))
		lx->pos++;
	emit(lx, kind, start, TE_NONE);
}

/* At a label-start character: the run of label characters, once. Returns
 * 1 after emitting the label it is when ':' follows; else 0, with *end
 * where the run ends (for the caller's identifier or name). */
static int lex_label_at(struct lexer *lx, size_t *end)
{
	size_t p = lx->pos;
	while (p < lx->len && dt_is_label_char((unsigned char)lx->s[p]))
		p++;
	if (p < lx->len && lx->s[p] == ':') {
		size_t start = lx->pos;
		lx->pos = p + 1;
		emit(lx, TK_LABEL, start, TE_NONE);
		return 1;
	}
	*end = p;
	return 0;
}

/* At a label-start character: a label, or an identifier of `kind`. */
static void lex_label_or_ident(struct lexer *lx, int kind)
{
	size_t end;
	if (lex_label_at(lx, &end))
		return;
	size_t start = lx->pos;
	lx->pos = end;
	emit(lx, kind, start, TE_NONE);
}

static void open_macro_args(struct lexer *lx)
{
	if (lx->mode != M_MACRO) {
		lx->macro_ret = lx->mode;
		lx->mode = M_MACRO;
		lx->paren = 0;
	}
}

/* ---- punctuation and operators ---- */

static int lex_punct(struct lexer *lx)
{
	size_t start = lx->pos;
	int c = peek(lx, 0), c1 = peek(lx, 1);
	int kind = -1, n = 1;
	switch (c) {
	case '{': kind = TK_LBRACE; break;
	case '}': kind = TK_RBRACE; break;
	case ';': kind = TK_SEMI; break;
	case ',': kind = TK_COMMA; break;
	case '[': kind = TK_LBRACKET; break;
	case ']': kind = TK_RBRACKET; break;
	case '(': kind = TK_LPAREN; break;
	case ')': kind = TK_RPAREN; break;
	case '/': kind = TK_SLASH; break;
	case '+': kind = TK_PLUS; break;
	case '-': kind = TK_MINUS; break;
	case '*': kind = TK_STAR; break;
	case '%': kind = TK_PERCENT; break;
	case '^': kind = TK_CARET; break;
	case '~': kind = TK_TILDE; break;
	case '?': kind = TK_QUESTION; break;
	case ':': kind = TK_COLON; break;
	case '.': kind = TK_DOT; break;
	case '\\': kind = TK_BACKSLASH; break;
	case '#':
		if (c1 == '#') { kind = TK_HASHHASH; n = 2; }
		else kind = TK_HASH;
		break;
	case '=':
		if (c1 == '=') { kind = TK_EQEQ; n = 2; }
		else kind = TK_EQ;
		break;
	case '!':
		if (c1 == '=') { kind = TK_NE; n = 2; }
		else kind = TK_BANG;
		break;
	case '&':
		if (c1 == '&') { kind = TK_ANDAND; n = 2; }
		else kind = TK_AMP;
		break;
	case '|':
		if (c1 == '|') { kind = TK_OROR; n = 2; }
		else kind = TK_PIPE;
		break;
	case '<':
		if (c1 == '<') { kind = TK_LSHIFT; n = 2; }
		else if (c1 == '=') { kind = TK_LE; n = 2; }
		else kind = TK_LT;
		break;
	case '>':
		if (c1 == '>') { kind = TK_RSHIFT; n = 2; }
		else if (c1 == '=') { kind = TK_GE; n = 2; }
		else kind = TK_GT;
		break;
	default:
		return 0;
	}
	lx->pos += (size_t)n;
	emit(lx, kind, start, TE_NONE);
	return 1;
}

/* Bytes that begin no token: one run, one error token. */
static void lex_stray(struct lexer *lx)
{
	size_t start = lx->pos++;
	while (lx->pos < lx->len) {
		unsigned char c = (unsigned char)lx->s[lx->pos];
		if (c == 0 || c >= 0x80 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
			lx->pos++;
		else
			break;
	}
	emit(lx, TK_ERROR, start, TE_STRAY);
}

/* ---- per-mode scanning ---- */

/* Structural characters reset the mode the way dtc's start conditions do,
 * and also let us recover from an unclosed '<' or '['. */
static void structural(struct lexer *lx)
{
	int k = lx->out->v[lx->out->n - 1].kind;
	if (k == TK_LBRACE || k == TK_SEMI || k == TK_RBRACE) {
		lx->mode = M_NAME;
		lx->paren = 0;
	} else if (k == TK_EQ) {
		/* only a lone '=': "==" and "!=" are operators */
		lx->mode = M_VALUE;
		lx->paren = 0;
	}
}

static void lex_in_name(struct lexer *lx, int c)
{
	/* a name's first run of label characters, read once: a label when
	 * ':' follows, else where the name goes on from */
	size_t run = lx->pos;
	if (dt_is_label_start(c) && lex_label_at(lx, &run))
		return;
	if (c == '\\' && dt_is_propnode_char(peek(lx, 1))) {
		size_t start = lx->pos++;
		while (lx->pos < lx->len && dt_is_propnode_char((unsigned char)lx->s[lx->pos]))
			lx->pos++;
		emit(lx, TK_NAME, start, TE_NONE);
		return;
	}
	if (dt_is_propnode_char(c)) {
		size_t start = lx->pos;
		lx->pos = run;	/* label characters are name characters */
		while (lx->pos < lx->len && dt_is_propnode_char((unsigned char)lx->s[lx->pos]))
			lx->pos++;
		emit(lx, TK_NAME, start, TE_NONE);
		/* NAME( ... ): a macro standing where a node or property would */
		if (next_nonblank(lx) == '(' && dt_is_label_start(c)) {
			int ident = 1;
			for (size_t p = start; p < lx->pos; p++)
				if (!dt_is_label_char((unsigned char)lx->s[p]))
					ident = 0;
			if (ident)
				open_macro_args(lx);
		}
		return;
	}
	if (c == '&' && (dt_is_label_char(peek(lx, 1)) || peek(lx, 1) == '{')) {
		lex_ref(lx);
		return;
	}
	if (c == '"') {
		lex_string(lx);
		return;
	}
	if (c == '\'') {
		lex_char(lx);
		return;
	}
	if (lex_punct(lx)) {
		structural(lx);
		return;
	}
	lex_stray(lx);
}

static void lex_in_value(struct lexer *lx, int c)
{
	if (lx->include_ret) {
		/* /include/ is transparent: after its file name, the lexer is
		 * where it was before */
		if (c == '"') {
			lex_string(lx);
			lx->mode = (enum mode)(lx->include_ret - 1);
			lx->include_ret = 0;
			return;
		}
		lx->include_ret = 0;
	}
	if (dt_is_label_start(c)) {
		size_t end;
		if (lex_label_at(lx, &end))
			return;
		size_t start = lx->pos;
		lx->pos = end;
		emit(lx, TK_IDENT, start, TE_NONE);
		if (next_nonblank(lx) == '(')
			open_macro_args(lx);
		return;
	}
	if (c == '"') {
		lex_string(lx);
		return;
	}
	if (c == '\'') {
		lex_char(lx);
		return;
	}
	if (c == '&' && (dt_is_label_char(peek(lx, 1)) || peek(lx, 1) == '{')) {
		lex_ref(lx);
		return;
	}
	if (is_digit(c)) {
		lex_number(lx);
		return;
	}
	if (c == '<' && lx->paren == 0) {
		size_t start = lx->pos++;
		emit(lx, TK_CELL_OPEN, start, TE_NONE);
		lx->mode = M_CELLS;
		lx->paren = 0;
		return;
	}
	if (c == '[') {
		size_t start = lx->pos++;
		emit(lx, TK_LBRACKET, start, TE_NONE);
		lx->mode = M_BYTES;
		return;
	}
	if (lex_punct(lx)) {
		/* parenthesised expressions stand outside cells too
		 * (/memreserve/, /bits/, /incbin/): '<' in them is less-than */
		if (c == '(')
			lx->paren++;
		else if (c == ')' && lx->paren > 0)
			lx->paren--;
		else
			structural(lx);
		return;
	}
	lex_stray(lx);
}

static void lex_in_cells(struct lexer *lx, int c)
{
	if (dt_is_label_start(c)) {
		lex_label_or_ident(lx, TK_IDENT);
		return;
	}
	if (is_digit(c)) {
		lex_number(lx);
		return;
	}
	if (c == '\'') {
		lex_char(lx);
		return;
	}
	if (c == '"') {
		lex_string(lx);
		return;
	}
	if (c == '&' && (dt_is_label_start(peek(lx, 1)) || peek(lx, 1) == '{')) {
		lex_ref(lx);
		return;
	}
	if (c == '>' && lx->paren == 0) {
		size_t start = lx->pos++;
		emit(lx, TK_CELL_CLOSE, start, TE_NONE);
		lx->mode = M_VALUE;
		return;
	}
	if (lex_punct(lx)) {
		if (c == '(')
			lx->paren++;
		else if (c == ')' && lx->paren > 0)
			lx->paren--;
		else
			structural(lx);
		return;
	}
	lex_stray(lx);
}

static void lex_in_bytes(struct lexer *lx, int c)
{
	size_t l = label_len(lx);
	if (l) {
		size_t start = lx->pos;
		lx->pos += l;
		emit(lx, TK_LABEL, start, TE_NONE);
		return;
	}
	if (is_hex(c)) {
		size_t start = lx->pos;
		if (is_hex(peek(lx, 1))) {
			lx->pos += 2;
			emit(lx, TK_BYTE, start, TE_NONE);
		} else {
			lx->pos++;
			emit(lx, TK_BYTE, start, TE_BAD_BYTE);
		}
		return;
	}
	if (c == ']') {
		size_t start = lx->pos++;
		emit(lx, TK_RBRACKET, start, TE_NONE);
		lx->mode = M_VALUE;
		return;
	}
	if (dt_is_label_start(c)) {
		lex_ident(lx, TK_IDENT);
		return;
	}
	if (lex_punct(lx)) {
		structural(lx);
		return;
	}
	lex_stray(lx);
}

/* Macro arguments: balanced parentheses of anything. We lex the contents
 * like cells (numbers, identifiers, strings, references, operators) so the
 * formatter can space them, and leave on the matching ')'. */
static void lex_in_macro(struct lexer *lx, int c)
{
	if (c == '"') {
		lex_string(lx);
		return;
	}
	if (c == '\'') {
		lex_char(lx);
		return;
	}
	if (is_digit(c)) {
		lex_number(lx);
		return;
	}
	if (dt_is_label_start(c)) {
		lex_ident(lx, TK_IDENT);
		return;
	}
	if (c == '&' && (dt_is_label_start(peek(lx, 1)) || peek(lx, 1) == '{')) {
		lex_ref(lx);
		return;
	}
	if (lex_punct(lx)) {
		if (c == '(') {
			lx->paren++;
		} else if (c == ')') {
			if (--lx->paren <= 0) {
				lx->paren = 0;
				lx->mode = lx->macro_ret;
			}
		} else if (c == '{' || c == '}') {
			/* braces never occur in a sane macro call: recover */
			lx->paren = 0;
			lx->mode = M_NAME;
		}
		return;
	}
	lex_stray(lx);
}

void dt_lex(const char *text, size_t len, struct dt_tokens *out)
{
	struct lexer lx = {
		.s = text, .len = len, .out = out, .mode = M_NAME, .bol = 1,
	};
	out->n = 0;
	/* Devicetree source runs about 0.3 tokens per byte and cell-heavy
	 * files up to 0.5 (the corpus, tiny files aside): reserving that
	 * much up front means the array is not copied as it grows. Pages
	 * never written are never faulted in; past 64 MiB of input a quarter
	 * is reserved, so a huge hostile file does not ask for gigabytes. */
	VEC_RESERVE(out->v, out->cap, (len <= (64u << 20) ? len / 2 : len / 4) + 16);
	while (lx.pos < lx.len) {
		int c = (unsigned char)text[lx.pos];
		size_t start = lx.pos;
		if (c == ' ' || c == '\t' || c == '\f' || c == '\v' ||
		    (c == '\r' && peek(&lx, 1) != '\n')) {
			while (lx.pos < lx.len) {
				int d = (unsigned char)text[lx.pos];
				if (d == ' ' || d == '\t' || d == '\f' || d == '\v' ||
				    (d == '\r' && peek(&lx, 1) != '\n'))
					lx.pos++;
				else
					break;
			}
			emit(&lx, TK_WS, start, TE_NONE);
			continue;
		}
		if (c == '\n' || c == '\r') {
			lx.pos += c == '\r' ? 2 : 1;
			emit(&lx, TK_NEWLINE, start, TE_NONE);
			continue;
		}
		if (c == '/' && peek(&lx, 1) == '*') {
			lex_block_comment(&lx);
			continue;
		}
		if (c == '/' && peek(&lx, 1) == '/') {
			lex_line_comment(&lx);
			continue;
		}
		if (c == '\\' && (peek(&lx, 1) == '\n' ||
				    (peek(&lx, 1) == '\r' && peek(&lx, 2) == '\n'))) {
			lx.pos += peek(&lx, 1) == '\r' ? 3 : 2;
			emit(&lx, TK_SPLICE, start, TE_NONE);
			continue;
		}
		if (c == '#' && lx.bol && at_directive(&lx)) {
			lex_directive(&lx);
			continue;
		}
		if (c == '/' && lx.mode != M_CELLS && lx.mode != M_MACRO &&
		    lex_keyword(&lx))
			continue;
		switch (lx.mode) {
		case M_NAME: lex_in_name(&lx, c); break;
		case M_VALUE: lex_in_value(&lx, c); break;
		case M_CELLS: lex_in_cells(&lx, c); break;
		case M_BYTES: lex_in_bytes(&lx, c); break;
		case M_MACRO: lex_in_macro(&lx, c); break;
		}
	}
	emit(&lx, TK_EOF, lx.pos, TE_NONE);
	/* The array doubled as it grew: give the unused part back, since a
	 * big file's tokens live as long as its syntax tree. */
	if (out->cap - out->n > out->n / 8) {
		out->v = xrealloc(out->v, out->n * sizeof(*out->v));
		out->cap = out->n;
	}
}

void dt_tokens_free(struct dt_tokens *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

static const char *const kind_names[TK__COUNT] = {
	[TK_EOF] = "end of file", [TK_WS] = "whitespace", [TK_NEWLINE] = "newline",
	[TK_LINE_COMMENT] = "comment", [TK_BLOCK_COMMENT] = "comment",
	[TK_PP] = "preprocessor line", [TK_SPLICE] = "line continuation", [TK_DTS_V1] = "'/dts-v1/'",
	[TK_PLUGIN] = "'/plugin/'", [TK_MEMRESERVE] = "'/memreserve/'",
	[TK_BITS] = "'/bits/'", [TK_DELETE_NODE] = "'/delete-node/'",
	[TK_DELETE_PROP] = "'/delete-property/'",
	[TK_OMIT_NO_REF] = "'/omit-if-no-ref/'", [TK_INCLUDE] = "'/include/'",
	[TK_INCBIN] = "'/incbin/'", [TK_NAME] = "name", [TK_IDENT] = "identifier",
	[TK_LABEL] = "label", [TK_REF] = "reference", [TK_PATH_REF] = "path reference",
	[TK_NUMBER] = "number", [TK_CHAR] = "character literal",
	[TK_STRING] = "string", [TK_BYTE] = "byte", [TK_LBRACE] = "'{'",
	[TK_RBRACE] = "'}'", [TK_SEMI] = "';'", [TK_EQ] = "'='", [TK_COMMA] = "','",
	[TK_CELL_OPEN] = "'<'", [TK_CELL_CLOSE] = "'>'", [TK_LBRACKET] = "'['",
	[TK_RBRACKET] = "']'", [TK_LPAREN] = "'('", [TK_RPAREN] = "')'",
	[TK_SLASH] = "'/'", [TK_PLUS] = "'+'", [TK_MINUS] = "'-'", [TK_STAR] = "'*'",
	[TK_PERCENT] = "'%'", [TK_AMP] = "'&'", [TK_PIPE] = "'|'", [TK_CARET] = "'^'",
	[TK_TILDE] = "'~'", [TK_BANG] = "'!'", [TK_LSHIFT] = "'<<'",
	[TK_RSHIFT] = "'>>'", [TK_LT] = "'<'", [TK_GT] = "'>'", [TK_LE] = "'<='",
	[TK_GE] = "'>='", [TK_EQEQ] = "'=='", [TK_NE] = "'!='", [TK_ANDAND] = "'&&'",
	[TK_OROR] = "'||'", [TK_QUESTION] = "'?'", [TK_COLON] = "':'",
	[TK_HASH] = "'#'", [TK_HASHHASH] = "'##'", [TK_DOT] = "'.'",
	[TK_BACKSLASH] = "'\\'", [TK_ERROR] = "invalid bytes",
};

const char *dt_tok_kind_name(int kind)
{
	if (kind < 0 || kind >= TK__COUNT || !kind_names[kind])
		return "token";
	return kind_names[kind];
}

const char *dt_tok_error_message(int err)
{
	switch (err) {
	case TE_UNTERMINATED_COMMENT: return "unterminated comment";
	case TE_UNTERMINATED_STRING: return "missing closing '\"'";
	case TE_UNTERMINATED_CHAR: return "missing closing '''";
	case TE_UNTERMINATED_PATH: return "missing '}' after path reference";
	case TE_BAD_NUMBER: return "bad integer literal";
	case TE_BAD_CHAR: return "a character literal holds exactly one character";
	case TE_BAD_ESCAPE: return "bad escape sequence";
	case TE_STRAY: return "invalid bytes";
	case TE_NUL_LINEMARK: return "nul in line number directive";
	case TE_BAD_BYTE: return "a byte string needs two hex digits per byte";
	case TE_BAD_PATH: return "invalid character in path reference";
	case TE_UNTERMINATED_IF: return "'#if 0' without its '#endif'";
	default: return "invalid token";
	}
}
