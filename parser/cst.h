/* The concrete syntax tree: what was written, before preprocessing, with
 * every node covering a range of tokens (trivia inside included). Nothing is
 * evaluated or merged here; that is the model's job. */
#ifndef DTIDY_CST_H
#define DTIDY_CST_H

#include <stddef.h>
#include <stdint.h>

#include "../lexer/token.h"

#define CST_NONE UINT32_MAX

enum cst_kind {
	CST_FILE,
	/* statements */
	CST_VERSION,		/* /dts-v1/ ; */
	CST_PLUGIN,		/* /plugin/ ; */
	CST_MEMRESERVE,		/* labels /memreserve/ addr size ; */
	CST_INCLUDE,		/* /include/ "file" */
	CST_NODE,		/* labels name { ... } ;   name is TK_NAME or TK_SLASH */
	CST_REF_NODE,		/* labels &ref { ... } ;   (an override) */
	CST_PROP,		/* labels name [= value, ...] ; */
	CST_DELETE_NODE,	/* /delete-node/ name|&ref ; */
	CST_DELETE_PROP,	/* /delete-property/ name ; */
	CST_OMIT_REF,		/* /omit-if-no-ref/ &ref ;  (top level) */
	CST_MACRO_STMT,		/* MACRO(args) [;]  where a node or property would be */
	CST_ERROR,		/* tokens skipped while recovering */
	/* values (children of CST_PROP) */
	CST_CELLS,		/* [/bits/ N] < items > */
	CST_STRING,
	CST_BYTES,		/* [ bytes ]  children: CST_BYTE, CST_LABEL */
	CST_REF_VALUE,		/* &ref or &{path} standing alone: a path string */
	CST_INCBIN,		/* /incbin/ ( "file" [, off, len] ) */
	CST_MACRO_VALUE,	/* IDENT or IDENT(args) standing alone */
	CST_LABEL,		/* a label inside a value */
	/* cell items and expressions */
	CST_NUMBER,
	CST_CHARLIT,
	CST_CELL_REF,		/* &ref or &{path} in cells: a phandle */
	CST_IDENT,		/* macro name before preprocessing */
	CST_CALL,		/* IDENT ( CST_MACRO_ARG , ... ) */
	CST_MACRO_ARG,		/* one argument: a token range, not parsed */
	CST_PAREN,		/* ( expr ) */
	CST_UNARY,		/* op expr            tok = operator */
	CST_BINARY,		/* expr op expr       tok = operator */
	CST_TERNARY,		/* expr ? expr : expr */
	CST_BYTE,
	CST__COUNT
};

enum {
	CF_OMIT = 1 << 0,	/* node preceded by /omit-if-no-ref/ */
	CF_NO_SEMI = 1 << 1,	/* statement without its ';' (an error unless a macro) */
	CF_AFTER_NODE = 1 << 2,	/* property written after a child node */
	CF_MACRO_NAME = 1 << 3,	/* name (or reference) made by a macro call:
				 * tokens [tok, tok2 or '{') spell it */
};

struct cst {
	uint8_t kind;
	uint8_t flags;
	uint32_t tb, te;	/* token range [tb, te) */
	uint32_t tok;		/* main token: name, reference, operator, literal */
	uint32_t tok2;		/* /bits/ size for CST_CELLS; '{' for nodes */
	struct cst *child, *last, *next, *parent;
};

struct cst_error {
	uint32_t start, end;	/* byte offsets */
	char *msg;		/* in the parse arena */
};

struct cst_file {
	struct cst *root;
	const char *text;
	const struct dt_token *toks;
	size_t ntoks;
	struct cst_error *errors;
	size_t nerrors, errcap;
};

#define CST_FOREACH(c, parent) for (struct cst *c = (parent)->child; c; c = c->next)

const char *cst_kind_name(int kind);

#endif
