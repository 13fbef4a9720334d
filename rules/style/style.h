/* What the kernel-style rules share: the checked file seen as lines (the way
 * Documentation/devicetree/bindings/dts-coding-style.rst and the kernel's
 * scripts/dtc/dt-check-style talk about it) but classified from the tokens
 * and the CST, so comments with braces, multi-line values, macros and
 * preprocessor lines are never mistaken for structure.
 *
 * A rule opens the file, looks, reports, closes:
 *
 *	struct style_file sf;
 *	if (style_open(&sf, ctx))
 *		return;
 *	for (size_t i = 0; i < sf.nlines; i++) ...
 *	style_close(&sf);
 */
#ifndef DTIDY_STYLE_H
#define DTIDY_STYLE_H

#include <stddef.h>
#include <stdint.h>

#include "../../include/dtidy/rule.h"
#include "../../lexer/token.h"
#include "../../parser/cst.h"

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
	struct dtidy_ctx *ctx;
	const char *text;
	size_t len;
	const struct dt_token *toks;
	size_t ntoks;
	const struct cst_file *cst;
	uint8_t *role;		/* per token: TR_* */
	uint32_t *branch;	/* per token: its preprocessor-conditional branch */
	uint32_t *branch_parent;	/* per branch: the enclosing branch (0: none) */
	size_t nbranches;
	struct style_line *lines;	/* split at '\n' like a text editor: a file
					 * ending in '\n' has a last, empty line */
	size_t nlines;
};

/* 0 on success; -1 when the rule has nothing to read. */
int style_open(struct style_file *sf, struct dtidy_ctx *ctx);
/* The same over a text, its tokens and CST, without a rule's context (for
 * format --sort): nothing can be reported through it. */
int style_open_text(struct style_file *sf, const char *text, size_t len,
		    const struct dt_token *toks, size_t ntoks, const struct cst_file *cst);
void style_close(struct style_file *sf);

/* Index of the line holding byte off. */
size_t style_line_of(const struct style_file *sf, uint32_t off);
/* Display width of text[from, to) starting at column 0: tabs to the next
 * multiple of tab_width, a UTF-8 sequence counting one column. */
unsigned style_width(const char *text, uint32_t from, uint32_t to, unsigned tab_width);

/* First / last significant token of a CST node, or STYLE_NONE. */
uint32_t style_first_sig(const struct style_file *sf, const struct cst *c);
uint32_t style_last_sig(const struct style_file *sf, const struct cst *c);
/* Byte offset where a statement starts (its first significant token). */
uint32_t style_stmt_off(const struct style_file *sf, const struct cst *c);

/* Is the statement a node with a body (a named node or a &ref override)? */
int style_is_node(const struct cst *c);
/* Name token text of a named node ("uart@1000", "/"), via *len. */
const char *style_node_name(const struct style_file *sf, const struct cst *c, size_t *len);

/* Calls fn for every node body of the file: the top level first (body is
 * the CST_FILE), then every node and override, parents before children. */
void style_each_body(const struct style_file *sf,
		     void (*fn)(const struct style_file *sf, const struct cst *body, void *ud),
		     void *ud);
/* The whole of a rule that looks at one body at a time: opens the checked
 * file, calls fn for every body (as style_each_body), closes the file. */
void style_check_bodies(struct dtidy_ctx *ctx,
			void (*fn)(const struct style_file *sf, const struct cst *body, void *ud),
			void *ud);

/* Could the statements starting at tokens a and b both be compiled in one
 * configuration? No when they sit in different branches of the same #if
 * (an #else or #elif lies between them). */
int style_same_config(const struct style_file *sf, uint32_t a, uint32_t b);
/* Is token a compiled whenever token b is (not inside an #if that b is
 * outside of)? */
int style_encloses(const struct style_file *sf, uint32_t a, uint32_t b);

/* Reports a finding on bytes [start, end) of the checked file. */
struct dtidy_report *style_report(const struct style_file *sf, uint32_t start, uint32_t end,
				  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Reports on a line: from its first non-blank byte to its end. */
struct dtidy_report *style_report_line(const struct style_file *sf, size_t line,
				       const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The line that fixes the file's indent unit: the first indented line one
 * level deep (blank, preprocessor and comment-body lines aside), or
 * (size_t)-1. style_indent_is_tab: is its indent exactly one tab? */
size_t style_indent_unit_line(const struct style_file *sf);
int style_indent_is_tab(const struct style_file *sf, size_t line);

/* ---- ordering (style_order.c) ---- */

/* Natural order, as dt-check-style sorts: runs of digits compare as numbers
 * ("foo2" < "foo10"), the rest byte by byte, a digit run before text. */
int style_natcmp(const char *a, size_t alen, const char *b, size_t blen);

/* Unit addresses as comma-separated hex numbers; 0 when a part is not hex
 * (such nodes are left out of address order). */
int style_parse_unit(const char *unit, size_t len);
int style_unitcmp(const char *a, size_t alen, const char *b, size_t blen);

/* The kernel's property order. Keys are computed for all the properties of
 * one body at once (pairing "<x>-names" with "<x>" needs the others). */
struct style_prop_key {
	int bucket;		/* device_type, compatible, reg, ranges, standard, vendor, status */
	int fixed;		/* position inside a fixed bucket (reg, reg-names) */
	const char *anchor;	/* standard/vendor: name sorted by, '#' stripped */
	size_t anchor_len;
	int tiebreak;		/* 1: paired after its anchor */
};
void style_prop_keys(const char *const *names, const size_t *lens, size_t n,
		     struct style_prop_key *keys);
int style_prop_keycmp(const struct style_prop_key *a, const struct style_prop_key *b);

/* ---- sibling order (style_siblings.c) ---- */

/* Orders items[a] and items[b] of style_check_order: < 0 when a belongs
 * before b. */
typedef int (*style_cmp_fn)(const struct style_file *sf, const struct cst *const *items,
			    size_t a, size_t b, void *ud);
/* Reports that item belongs before prev; returns the report. */
typedef struct dtidy_report *(*style_say_fn)(const struct style_file *sf, const struct cst *item,
					     const struct cst *prev, void *ud);

/* Checks that items (statements of body, in source order) are sorted by
 * cmp. Each item is compared with the items that can come right before it
 * in some configuration (not across #if / #else branches), as
 * dt-check-style compares neighbours. With fix set, the first finding of
 * the body carries a fix that sorts them all (style_fix_reorder). */
void style_check_order(const struct style_file *sf, const struct cst *body,
		       const struct cst **items, size_t n, style_cmp_fn cmp, style_say_fn say,
		       void *ud, int fix);

/* Indices 0..n-1 of items in cmp's order, stable (equal keys keep their
 * order); malloc'd. */
size_t *style_sorted_order(const struct style_file *sf, const struct cst *const *items,
			   size_t n, style_cmp_fn cmp, void *ud);

/* ---- the kernel's orders of a body (style_groups.c) ---- */

enum style_group_kind {
	SG_PROPS,	/* properties: property-order */
	SG_ADDRESS,	/* nodes with a hexadecimal unit address: child-address-order */
	SG_NAME,	/* nodes without a unit address: child-name-order */
	SG__COUNT
};

/* The statements of one body that one order covers, in source order. */
struct style_group {
	int kind;
	const struct cst **items;
	size_t n;
	struct style_prop_key *keys;	/* SG_PROPS */
};

void style_group_init(struct style_group *g, const struct style_file *sf,
		      const struct cst *body, int kind);
void style_group_free(struct style_group *g);
/* A style_cmp_fn over g->items; ud is the struct style_group. */
int style_group_cmp(const struct style_file *sf, const struct cst *const *items, size_t a,
		    size_t b, void *ud);
/* The whole of an order rule (property-order, child-address-order,
 * child-name-order): every body's group of `kind` checked in order, the
 * first finding of a body carrying the fix that sorts it. */
void style_check_group_order(struct dtidy_ctx *ctx, int kind, style_say_fn say);
/* The unit address of a named node ("1000" of "uart@1000"), or NULL. */
const char *style_unit_of(const struct style_file *sf, const struct cst *c, size_t *n);

/* ---- reordering fixes (style_reorder.c) ---- */

/* The statements of one body that a rule wants in another order. */
struct style_reorder {
	const struct cst **items;	/* in source order */
	size_t n;
	/* wanted[i]: the item that belongs in items[i]'s place */
	const struct cst **wanted;
};

/* Why the statements of body may not be reordered, written into why (and
 * returned), or NULL when order does not matter there: a property or node
 * written twice (the last value wins, or the nodes merge), a /delete-node/
 * or /delete-property/, an /include/, a macro where a statement would be,
 * preprocessor lines among the statements. */
const char *style_reorder_refusal(const struct style_file *sf, const struct cst *body,
				  char *why, size_t size);

/* The whole lines a statement moves with: its own, and the comment lines
 * right above it (a trailing comment is on its last line). -1 when it
 * shares a line with another statement. */
int style_chunk_of(const struct style_file *sf, const struct cst *c, uint32_t *start,
		   uint32_t *end);

/* Do two texts parse cleanly and hold the same statements in every body
 * (their order aside), the same comments and the same preprocessor lines? */
int style_same_statements(const char *old, size_t oldlen, const char *now, size_t nowlen);

/* Attaches to r an edit that moves whole lines (each statement with the
 * comments just above it and on its last line) into the wanted order, after
 * proving that the file still means the same: the result is parsed again
 * and its nodes and properties compared with the original's, and nothing is
 * moved in a body that style_reorder_refusal refuses. Returns 1 when the
 * fix was attached. */
int style_fix_reorder(const struct style_file *sf, const struct cst *body,
		      const struct style_reorder *ro, struct dtidy_report *r);

#endif
