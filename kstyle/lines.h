/* A devicetree source file seen as lines, the way the kernel's DTS coding
 * style (Documentation/devicetree/bindings/dts-coding-style.rst) and its
 * checker scripts/dtc/dt-check-style talk about it, but classified from the
 * tokens and the CST, so comments with braces, multi-line values, macros and
 * preprocessor lines are never mistaken for structure.
 *
 * The kernel-style module (kstyle/) sits below both the style rules
 * (rules/style/) and the formatter, which share its view of a file, its
 * orders (order.h) and its sorting (sort.h).
 *
 *	struct style_file sf;
 *	style_open_text(&sf, text, len, toks, ntoks, &cst);
 *	for (size_t i = 0; i < sf.nlines; i++) ...
 *	style_close(&sf);
 */
#ifndef DTIDY_KSTYLE_LINES_H
#define DTIDY_KSTYLE_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "../lexer/token.h"
#include "../parser/cst.h"

#define STYLE_NONE UINT32_MAX

enum style_line_kind {
	SL_BLANK,		/* nothing but blanks */
	SL_COMMENT,		/* only comments (starting on this line) */
	SL_COMMENT_BODY,	/* starts inside a block comment opened earlier */
	SL_PP,			/* a preprocessor line or its \-continuation */
	SL_CODE,		/* has a significant token */
};

struct style_line {
	uint32_t start, end;	/* bytes, without the '\n' (or "\r\n") */
	uint32_t indent_end;	/* end of the leading blanks and tabs */
	uint32_t first_sig;	/* first significant token on the line, or STYLE_NONE */
	uint32_t last_sig;	/* last one */
	uint32_t close;		/* first node-closing '}' on the line, or STYLE_NONE */
	int depth;		/* node bodies around the line ('}' lines: the node's own) */
	uint8_t kind;		/* enum style_line_kind */
	uint8_t cont;		/* code that continues a statement begun on an earlier line */
};

/* Roles of significant tokens, from the CST. */
enum {
	TR_STMT = 1 << 0,	/* first token of a statement */
	TR_OPEN = 1 << 1,	/* '{' of a node */
	TR_CLOSE = 1 << 2,	/* '}' of a node */
};

struct style_file {
	void *owner;		/* whoever opened it (the style rules: their rule context) */
	const char *text;
	size_t len;
	const struct dt_token *toks;
	size_t ntoks;
	const struct cst_file *cst;
	uint8_t *role;		/* per token: TR_* */
	uint32_t *branch;	/* per token: its preprocessor-conditional branch
				 * (NULL: the file has no #if, all are branch 0) */
	uint32_t *branch_parent;	/* per branch: the enclosing branch (0: none) */
	size_t nbranches;
	struct style_line *lines;	/* split at '\n' like a text editor: a file
					 * ending in '\n' has a last, empty line */
	size_t nlines;
	/* each line's start, packed for style_line_of's search: the line
	 * index the view was opened with, or own_starts */
	const uint32_t *starts;
	uint32_t *own_starts;
	/* The tokens the token rules look at, in file order: '=', '{', ':',
	 * ';' and labels (marks, style_marked), names and numbers (words).
	 * Found in the one pass that classifies the lines, so that a rule
	 * looking for '=' does not walk every blank and comment of the file
	 * again. */
	uint32_t *marks;
	size_t nmarks;
	uint32_t *words;
	size_t nwords;
	/* every node body, as style_each_body visits them (the file, then
	 * nodes and overrides, parents before children): listed once, while
	 * the statements are walked for their roles */
	const struct cst **bodies;
	size_t nbodies;
	/* a copy of a view someone else made and closes: style_close on it
	 * lets go of nothing (the style rules of one check share one view) */
	int borrowed;
};

/* Is a token of this kind in sf->marks? (sf->words: TK_NAME, TK_NUMBER) */
static inline int style_marked(int kind)
{
	return kind == TK_EQ || kind == TK_LBRACE || kind == TK_LABEL || kind == TK_COLON ||
	       kind == TK_SEMI;
}

/* Opens text, lexed into toks and parsed into cst. Returns 0. */
int style_open_text(struct style_file *sf, const char *text, size_t len,
		    const struct dt_token *toks, size_t ntoks, const struct cst_file *cst);
/* style_open_text for a text whose lines are indexed already: starts[0,
 * nstarts) the offset of each line's first byte (0, then one past each
 * '\n', as core/source.h's line_starts), so they are not searched again. */
int style_open_text_lines(struct style_file *sf, const char *text, size_t len,
			  const struct dt_token *toks, size_t ntoks, const struct cst_file *cst,
			  const uint32_t *starts, size_t nstarts);
/* Lets go of what style_open_text made, unless sf is borrowed. */
void style_close(struct style_file *sf);

/* Index of the line holding byte off. */
size_t style_line_of(const struct style_file *sf, uint32_t off);
/* Display width of text[from, to) starting at column 0: tabs to the next
 * multiple of tab_width, a UTF-8 sequence counting one column. */
unsigned style_width(const char *text, uint32_t from, uint32_t to, unsigned tab_width);

/* First / last significant token of a CST node, or STYLE_NONE. (The
 * small helpers every rule calls per statement are inline.) */
static inline uint32_t style_first_sig(const struct style_file *sf, const struct cst *c)
{
	for (uint32_t i = c->tb; i < c->te && i < sf->ntoks; i++)
		if (!dt_tok_is_trivia(sf->toks[i].kind) && sf->toks[i].kind != TK_EOF)
			return i;
	return STYLE_NONE;
}
uint32_t style_last_sig(const struct style_file *sf, const struct cst *c);
/* Byte offset where a statement starts (its first significant token). */
uint32_t style_stmt_off(const struct style_file *sf, const struct cst *c);

/* Is the statement a node with a body (a named node or a &ref override)? */
static inline int style_is_node(const struct cst *c)
{
	return c->kind == CST_NODE || c->kind == CST_REF_NODE;
}
/* Name token text of a named node ("uart@1000", "/"), via *len. */
static inline const char *style_node_name(const struct style_file *sf, const struct cst *c,
					  size_t *len)
{
	if (c->kind != CST_NODE || c->tok == CST_NONE || c->tok >= sf->ntoks) {
		*len = 0;
		return NULL;
	}
	const struct dt_token *t = &sf->toks[c->tok];
	*len = t->len;
	return sf->text + t->off;
}
/* Is body the root node as dt-check-style sees it: "/ {" or "&{/} {"?
 * Its properties put model first, and its children go by name only. */
int style_is_root_body(const struct style_file *sf, const struct cst *body);
/* Is s[0,n) (a name up to its '@', or a label) spelled like a macro the
 * including file defines ("CP11X_BASE", "CP11X_NAME": capitals, digits
 * and at least one '_')? Name rules stay silent on those and on names a
 * macro call makes (CF_MACRO_NAME): the preprocessor writes the name. */
int style_macro_like(const char *s, size_t n);

/* Calls fn for every node body of the file: the top level first (body is
 * the CST_FILE), then every node and override, parents before children. */
void style_each_body(const struct style_file *sf,
		     void (*fn)(const struct style_file *sf, const struct cst *body, void *ud),
		     void *ud);

/* Could the statements starting at tokens a and b both be compiled in one
 * configuration? No when they sit in different branches of the same #if
 * (an #else or #elif lies between them). */
int style_same_config(const struct style_file *sf, uint32_t a, uint32_t b);
/* Is token a compiled whenever token b is (not inside an #if that b is
 * outside of)? */
int style_encloses(const struct style_file *sf, uint32_t a, uint32_t b);

/* The line that fixes the file's indent unit: the first indented line one
 * level deep (blank, preprocessor and comment-body lines aside), or
 * (size_t)-1. style_indent_is_tab: is its indent exactly one tab? */
size_t style_indent_unit_line(const struct style_file *sf);
int style_indent_is_tab(const struct style_file *sf, size_t line);

#endif
