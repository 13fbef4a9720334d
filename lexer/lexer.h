#ifndef DTIDY_LEXER_H
#define DTIDY_LEXER_H

#include <stddef.h>

#include "token.h"

struct dt_tokens {
	struct dt_token *v;
	size_t n, cap;
};

/* Lexes text[0, len) into a fresh token array ending with one TK_EOF token.
 * Never fails: bytes that start no token become TK_ERROR tokens. */
void dt_lex(const char *text, size_t len, struct dt_tokens *out);
void dt_tokens_free(struct dt_tokens *t);

/* Would the '#' at s[off] start a preprocessor directive if it stood first
 * on its line? Like cpp: '#', optional blanks, then a directive keyword, a
 * digit (a line marker "# 12 \"file\""), or the end of the line (the null
 * directive). Mid-line, "#if" is a property name to dtc; the formatter
 * must not move it to the start of a line. */
int dt_hash_starts_directive(const char *s, size_t len, size_t off);

/* Character classes shared with the parser and formatter. */
int dt_is_propnode_char(int c);		/* [a-zA-Z0-9,._+*#?@-] */
int dt_is_label_start(int c);		/* [a-zA-Z_] */
int dt_is_label_char(int c);		/* [a-zA-Z0-9_] */

#endif
