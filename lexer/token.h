/* Tokens of Devicetree Source, as dtc reads them, plus the trivia dtc never
 * sees (whitespace, comments, preprocessor lines). The token stream is
 * lossless: concatenating the bytes of every token, trivia included,
 * reproduces the input exactly. */
#ifndef DTIDY_TOKEN_H
#define DTIDY_TOKEN_H

#include <stdint.h>

enum dt_tok_kind {
	TK_EOF = 0,

	/* trivia */
	TK_WS,			/* blanks, tabs, form feeds, lone CRs */
	TK_NEWLINE,		/* "\n" or "\r\n" */
	TK_LINE_COMMENT,	/* // ... up to the newline */
	TK_BLOCK_COMMENT,	/* / * ... * / */
	TK_SPLICE,		/* backslash-newline outside a directive: cpp joins the lines */
	TK_PP,			/* #include / #define / #if ... with \ continuations;
				 * "#if 0" takes its whole disabled group along */

	/* keywords */
	TK_DTS_V1,		/* /dts-v1/ */
	TK_PLUGIN,		/* /plugin/ */
	TK_MEMRESERVE,		/* /memreserve/ */
	TK_BITS,		/* /bits/ */
	TK_DELETE_NODE,		/* /delete-node/ */
	TK_DELETE_PROP,		/* /delete-property/ */
	TK_OMIT_NO_REF,		/* /omit-if-no-ref/ */
	TK_INCLUDE,		/* /include/ */
	TK_INCBIN,		/* /incbin/ */

	/* words */
	TK_NAME,		/* node or property name, where dtc expects one */
	TK_IDENT,		/* identifier in a value: a macro before preprocessing */
	TK_LABEL,		/* foo:  (the colon is part of the token) */
	TK_REF,			/* &foo */
	TK_PATH_REF,		/* &{/path/to@1/node} or &{label/sub} */
	TK_NUMBER,		/* 0x1f, 017, 42, with U/L/UL/LL/ULL */
	TK_CHAR,		/* 'a', '\n', '\x41' */
	TK_STRING,		/* "..." */
	TK_BYTE,		/* two hex digits inside [ ] */

	/* punctuation */
	TK_LBRACE, TK_RBRACE, TK_SEMI, TK_EQ, TK_COMMA,
	TK_CELL_OPEN,		/* < opening a cell array */
	TK_CELL_CLOSE,		/* > closing it */
	TK_LBRACKET, TK_RBRACKET, TK_LPAREN, TK_RPAREN,
	TK_SLASH,		/* root node name, or division in an expression */

	/* operators of cell expressions */
	TK_PLUS, TK_MINUS, TK_STAR, TK_PERCENT, TK_AMP, TK_PIPE, TK_CARET,
	TK_TILDE, TK_BANG, TK_LSHIFT, TK_RSHIFT, TK_LT, TK_GT, TK_LE, TK_GE,
	TK_EQEQ, TK_NE, TK_ANDAND, TK_OROR, TK_QUESTION, TK_COLON,
	TK_HASH, TK_HASHHASH, TK_DOT, TK_BACKSLASH,

	TK_ERROR,		/* bytes that start no token */
	TK__COUNT
};

/* Flags */
enum {
	TF_ERROR = 1 << 0,	/* malformed; see dt_token_error() */
	TF_BOL = 1 << 1,	/* first significant token on its line */
	TF_SPACE = 1 << 2,	/* preceded by trivia */
};

/* Error codes, for tokens flagged TF_ERROR (kept in `err`). */
enum dt_tok_err {
	TE_NONE,
	TE_UNTERMINATED_COMMENT,
	TE_UNTERMINATED_STRING,
	TE_UNTERMINATED_CHAR,
	TE_UNTERMINATED_PATH,
	TE_BAD_NUMBER,
	TE_BAD_CHAR,		/* empty or multi-character char literal */
	TE_BAD_ESCAPE,
	TE_STRAY,		/* bytes that begin no token */
	TE_NUL_LINEMARK,	/* NUL in a line-number directive */
	TE_BAD_BYTE,		/* odd hex digit inside a byte string */
	TE_BAD_PATH,		/* a character no path may hold, inside &{ } */
	TE_UNTERMINATED_IF,	/* "#if 0" whose disabled group never ends */
};

struct dt_token {
	uint32_t off;
	uint32_t len;
	uint8_t kind;
	uint8_t flags;
	uint8_t err;
	uint8_t pad_;
};

static inline int dt_tok_is_trivia(int kind)
{
	return kind >= TK_WS && kind <= TK_PP;
}

const char *dt_tok_kind_name(int kind);
const char *dt_tok_error_message(int err);

#endif
