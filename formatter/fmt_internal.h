/* Pieces of the formatter shared between its files; not a public API. */
#ifndef DTIDY_FMT_INTERNAL_H
#define DTIDY_FMT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "../core/strbuf.h"
#include "../parser/cst.h"
#include "format.h"

/* What the CST says about a token, so that layout can walk the flat token
 * stream (where the comments and directives are) and still know the
 * structure. */
enum {
	R_STMT = 1 << 0,	/* first token of a statement */
	R_END = 1 << 1,		/* last token of a statement */
	R_OPEN = 1 << 2,	/* '{' of a node */
	R_CLOSE = 1 << 3,	/* '}' of a node */
	R_FIRSTVAL = 1 << 4,	/* first token of a property's first value */
	R_ENTRY = 1 << 5,	/* first token of a value after a ',' */
	R_CELL = 1 << 6,	/* first token of a cell */
	R_ARGS = 1 << 7,	/* spacing kept as written (macro, /incbin/ arguments) */
	R_BYTES = 1 << 8,	/* a byte or label inside [ ] */
	R_RAW = 1 << 9,		/* starts text kept as written, up to `end` */
	R_UNARY = 1 << 10,	/* unary operator */
	R_BINOP = 1 << 11,	/* binary or conditional operator */
	R_POPEN = 1 << 12,	/* '(' of a parenthesised expression */
	R_PCLOSE = 1 << 13,	/* its ')' */
	R_CALLOPEN = 1 << 14,	/* '(' right after a macro name */
	R_CALLCLOSE = 1 << 15,	/* the ')' closing a macro call */
};

struct tok_role {
	uint16_t flags;
	uint8_t stmt;		/* CST kind of the statement, for R_STMT, R_END */
	uint8_t pad_;
	uint32_t depth;		/* nesting depth, for R_STMT, R_OPEN, R_CLOSE */
	uint32_t end;		/* R_STMT and R_RAW: index of the last token */
};

/* Fills role[0, f->ntoks) (zeroed by the caller) from the CST. */
void fmt_annotate(const struct cst_file *f, struct tok_role *role);

/* A byte range [start, end) of the input, starting at a line start and
 * ending after a line end (or at the end of the input). */
struct fmt_span {
	uint32_t start, end;
};

struct fmt_spans {
	struct fmt_span *v;
	size_t n, cap;
};

/* Widens each span until no statement (property, node head, node tail,
 * macro statement) straddles one of its ends, then merges overlaps. */
void fmt_spans_settle(struct fmt_spans *s, const struct cst_file *f,
		      const struct tok_role *role, const char *text, size_t len);

/* The `dtidy-format off` / `dtidy-format on` (or `dts-format`) regions. */
void fmt_find_off_regions(const char *text, size_t len, const struct dt_token *t,
			  size_t n, struct fmt_spans *out);

/* Lays the tokens out; `verbatim` spans are copied byte for byte. */
void fmt_layout(const char *text, size_t len, const struct dt_token *t, size_t n,
		const struct tok_role *role, const struct fmt_spans *verbatim,
		const struct fmt_options *o, struct strbuf *out);

/* Matrices (grid.c): plan[i] for each token is GRID_OFF (laid out as
 * usual), GRID_FREE (in a value kept in rows: no line breaks added), or the
 * column where the token starts, counted from the column where the value's
 * continuation lines start (negative: left of it). */
#define GRID_OFF INT32_MIN
#define GRID_FREE (INT32_MIN + 1)
#define GRID_AT(v) ((v) > GRID_FREE)
void fmt_grid_plan(const char *text, const struct dt_token *t, size_t n,
		   const struct tok_role *role, const struct fmt_options *o, int32_t *plan);

/* dts-linter's blank lines (style_linter.c): how many blank lines go
 * before an item at statement level, given what came before it and how
 * many blank lines the input has there. */
enum { LI_NODE, LI_COMMENT_NODE, LI_PROP, LI_STMT, LI_COMMENT, LI_INCLUDE, LI_DIRECTIVE, LI_CLOSE };
enum { LP_NONE, LP_OPEN, LP_NODE, LP_STMT, LP_HEADER, LP_OWN_COMMENT, LP_COMMENT, LP_IF, LP_PP };
int fmt_linter_blanks(int item, int prev, int blanks);
int fmt_pp_opens_branch(const char *s, size_t n);

/* Compares what must survive formatting: significant tokens (hex case
 * aside), comments and directives (whitespace aside) of the input a, lexed
 * into ta[0, na) by dt_lex, and of the output b, lexed here. Returns 0 when
 * equal, else -1 with *where set to the offset in `a` of the first
 * difference. */
int fmt_verify(const char *a, size_t alen, const struct dt_token *ta, size_t na,
	       const char *b, size_t blen, uint32_t *where);

struct fmt_notes {
	struct fmt_error *v;
	size_t n, cap;
};

/* --sort over text, the verified formatting of an input lexed into itoks:
 * text becomes the sorted and again formatted file. Nodes left in their
 * order are added to notes (offsets in the input). Returns 0, or -1 when
 * sorting failed its proof (text unchanged). */
int fmt_sort(const struct dt_token *itoks, size_t nitoks, struct strbuf *text,
	     const struct fmt_options *o, struct fmt_notes *notes, uint32_t *where);

/* The kernel checker's reading of an output line (kcont.c), for the kernel
 * style's continuation columns; scratch has room for n bytes.
 * fmt_kcont_anchor: the display column of the first '<' or '"' after the
 * '=' of a property's first line, or -1 (no '=', or no such value: the
 * checker then leaves the continuations' columns alone).
 * fmt_kcont_line_state: -1 when the line holds no code (blank, or comments
 * only: not a continuation to the checker), 1 when its code ends a value
 * ('>,' or '",': the next line goes under the anchor), 0 otherwise (the
 * next line goes one column right of it). */
int fmt_kcont_anchor(const char *line, size_t n, int tabw, char *scratch);
int fmt_kcont_line_state(const char *line, size_t n, char *scratch);

/* Offset just past the line holding `off` (after its newline). */
uint32_t fmt_line_end(const char *text, size_t len, uint32_t off);
uint32_t fmt_line_start(const char *text, uint32_t off);

#endif
