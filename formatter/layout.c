/* Layout: the token stream, with the roles the CST gave it, becomes text in
 * the kernel's style. One pass over the tokens; the only look-ahead is the
 * width of the next value entry or cell, to decide whether it still fits.
 *
 * Lines are never joined: a newline the user put inside a statement stays
 * (the continuation re-aligned), and a statement only gets new line breaks
 * where a value is too long. Trailing comments that several consecutive
 * lines aligned are re-aligned once the whole file is laid out.
 *
 * The kernel style (k74) is what the kernel's dt-check-style (7.4 cycle,
 * strict) accepts: its continuation columns are read back from the lines
 * just written (kcont.c), and it joins the two kinds of line the checker
 * cannot read apart: a node head (with "/omit-if-no-ref/") and a label
 * alone on a line. */
#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"
#include "../lexer/token.h"
#include "fmt_internal.h"

#define PAREN_MAX 64

/* What the last thing at statement level was, for the blank-line rules. */
enum last_item {
	L_NONE,		/* start of file */
	L_OPEN,		/* a node's '{' */
	L_STMT,		/* property, /delete-.../, /memreserve/, /include/ */
	L_NODE,		/* a node's closing '};' */
	L_HEADER,	/* /dts-v1/; or /plugin/; */
	L_MACRO,	/* macro statement: could be a node or a property */
	L_PP,
	L_COMMENT,
};

/* A trailing comment of an aligned group, to be padded at the end. */
struct trail {
	size_t out_off;		/* offset of the one space before the comment */
	size_t out_line;
	int content_col;	/* column where that space is */
	int group;
	int orig_col;
	int tabs;		/* the original padding used tabs */
	int pad;		/* final padding width, 0: keep one space */
	int fixed;		/* in a verbatim line (range formatting): stays where it is */
};

struct lay {
	const char *text;
	size_t len;
	const struct dt_token *t;
	size_t n;
	const struct tok_role *role;
	const struct fmt_options *o;
	const struct fmt_spans *verb;
	size_t vi;
	const char *nl;
	struct strbuf *out;

	int col, bol;
	size_t out_line;
	int pending_nl;		/* newlines in the input since the last thing emitted */
	int depth;		/* nesting depth of the current node body */
	int last;		/* enum last_item */
	int in_stmt, stmt_depth;
	int in_cells, in_bytes;
	int in_ref;		/* the last cell started a phandle's entry */
	int entry_col, cell_col, cell_open_col, byte_col, byte_close_col;
	int pstack[PAREN_MAX];
	int pd;
	uint32_t prev;		/* last significant token emitted */
	size_t prev_line;	/* the output line it is on */

	int linter;		/* dts-linter's style (the zephyr profile) */
	/* The kernel style as the 7.4 checker reads it (k74): continuation
	 * lines under the first '<' or '"' of the property's first line (one
	 * column right of it inside an open '<...>'), comment lines inside a
	 * value at the property's indentation, no blank lines inside a
	 * statement, a blank line before "status" and before each child node,
	 * node heads on one line, "{ };" opened. */
	int k74;
	size_t line_off;	/* output offset where the current line starts */
	size_t stmt_off;	/* ... where the current statement's first line starts */
	size_t stmt_line;	/* out_line of that line */
	int kanchor;		/* k74: the continuation anchor; -2: not yet read */
	int kdone;		/* k74: the statement's last code line ended a value */
	int in_head;		/* in a node's head, before its '{' */
	int in_name;		/* in a statement, before its '=' */
	int body_items;		/* statements seen in the current body */
	int blank_since;	/* a blank line written since the last statement */
	int row_base;		/* k74: column a matrix row's plan counts from */
	int lcol;		/* column where the current line's content starts */
	int glue;		/* k74: the next token touches the comment before it */
	int kskip;		/* k74: the line ending is inside a block comment (1),
				 * or the one it ends on (2) */
	int kreset;		/* k74: a directive inside the statement: the checker
				 * reads the next line as a statement's first */
	char *scratch;		/* for kcont.c */
	size_t scratch_cap;
	int keep_trail;		/* trailing comments keep the blanks before them */
	size_t keep;		/* output up to here is never stripped: the end of
				 * a token that ends in blanks (an unterminated
				 * string, before a syntax error left as it is) */
	int last_if;		/* the last directive opened an #if branch */
	int comma_up;		/* a ',' was pulled up from the next line */
	int *group;		/* per token: aligned trailing-comment group, 0: none */
	int32_t *grid;		/* per token: matrix plan (grid.c) */
	struct trail *tr;
	size_t ntr, captr;
};

static int tabw(const struct lay *l)
{
	return l->o->tab_width > 0 ? l->o->tab_width : 8;
}

static int indent_cols(const struct lay *l, int depth)
{
	return l->o->indent > 0 ? depth * l->o->indent : depth * tabw(l);
}

static int advance_col(const struct lay *l, int col, char c)
{
	if (c == '\t')
		return (col / tabw(l) + 1) * tabw(l);
	/* UTF-8 continuation bytes take no column */
	if (((unsigned char)c & 0xc0) == 0x80)
		return col;
	return col + 1;
}

static void put(struct lay *l, const char *s, size_t n)
{
	sb_put(l->out, s, n);
	int col = l->col;
	for (size_t i = 0; i < n; i++)
		col = advance_col(l, col, s[i]);
	l->col = col;
	if (n)
		l->bol = 0;
}

/* Length of s[0, n) without its trailing blanks, but for one blank after a
 * backslash: "\\ " ending a line is a backslash token to the lexer, while
 * "\\" would become a line splice and join the next line to this one. */
static size_t unblanked_len(const char *s, size_t n)
{
	size_t k = n;
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	if (k < n && k > 0 && s[k - 1] == '\\')
		k++;
	return k;
}

static char *scratch_for(struct lay *l, size_t n)
{
	if (n + 1 > l->scratch_cap) {
		l->scratch_cap = n + 64;
		l->scratch = xrealloc(l->scratch, l->scratch_cap);
	}
	return l->scratch;
}

/* k74: what the checker reads of the line just written (it ends a value or
 * not), before its newline. */
static void kcont_note_line(struct lay *l)
{
	size_t n = l->out->len - l->line_off;
	if (!n)
		return;
	int st = fmt_kcont_line_state(l->out->s + l->line_off, n, scratch_for(l, n));
	if (st >= 0)
		l->kdone = st;
}

static void strip_trailing_blanks(struct lay *l)
{
	struct strbuf *b = l->out;
	b->len = unblanked_len(b->s, b->len);
	if (b->len < l->keep)
		b->len = l->keep;	/* blanks inside a token stay */
	if (b->s)
		b->s[b->len] = '\0';
}

/* Ends the output line. A backslash token written last keeps a blank after
 * it: "\\" right before the newline would be a line splice; only a splice
 * from the input (`splice`) ends a line so. */
static void end_line(struct lay *l, int splice)
{
	strip_trailing_blanks(l);
	struct strbuf *b = l->out;
	if (!splice && b->len && b->s[b->len - 1] == '\\' && l->prev != CST_NONE &&
	    l->t[l->prev].kind == TK_BACKSLASH)
		sb_putc(b, ' ');
	if (l->kskip) {
		if (l->kskip == 2)
			l->kskip = 0;
	} else if (l->k74 && l->in_stmt) {
		kcont_note_line(l);
	}
	sb_puts(b, l->nl);
	l->col = 0;
	l->bol = 1;
	l->out_line++;
	l->line_off = b->len;
	l->glue = 0;
}

static void newline(struct lay *l)
{
	end_line(l, 0);
}

static int last_line_blank(const struct lay *l)
{
	size_t n = l->out->len, k = strlen(l->nl);
	return n >= 2 * k && memcmp(l->out->s + n - k, l->nl, k) == 0 &&
	       memcmp(l->out->s + n - 2 * k, l->nl, k) == 0;
}

/* One blank line, at a line start, unless there is one already. */
static void blank_line(struct lay *l)
{
	if (l->out->len == 0)
		return;
	l->blank_since = 1;
	if (last_line_blank(l))
		return;
	newline(l);
}

/* Writes n copies of c, a blank, as one put. */
static void put_run(struct lay *l, char c, int n)
{
	char buf[64];
	memset(buf, c, sizeof(buf));
	for (; n > 0; n -= (int)sizeof(buf))
		put(l, buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf));
}

static void indent_to(struct lay *l, int col)
{
	if (col < 0)
		col = 0;
	if (l->o->indent <= 0)
		put_run(l, '\t', col / tabw(l));
	if (l->col < col)
		put_run(l, ' ', col - l->col);
	l->bol = 1;	/* indentation alone is not content */
	l->lcol = col;
}

/* ---- token text ---- */

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static void put_token(struct lay *l, uint32_t i)
{
	const struct dt_token *t = &l->t[i];
	const char *s = l->text + t->off;
	if (t->len && (s[t->len - 1] == ' ' || s[t->len - 1] == '\t')) {
		put(l, s, t->len);
		l->keep = l->out->len;
		return;
	}
	if (t->kind == TK_BYTE || (t->kind == TK_NUMBER && t->len > 2 && s[0] == '0' &&
				   (s[1] == 'x' || s[1] == 'X'))) {
		char buf[64];
		if (t->len <= sizeof(buf)) {
			size_t k = 0;
			if (t->kind == TK_NUMBER) {
				buf[0] = '0';
				buf[1] = 'x';
				k = 2;
			}
			for (; k < t->len && is_hex(s[k]); k++)
				buf[k] = lower(s[k]);
			for (; k < t->len; k++)
				buf[k] = s[k];
			put(l, buf, t->len);
			return;
		}
	}
	put(l, s, t->len);
}

/* ---- spacing ---- */

static int is_operator(int k)
{
	return (k >= TK_PLUS && k <= TK_BACKSLASH) || k == TK_SLASH;
}

/* Is there one space between significant tokens a and b on one line? */
static int space_between(const struct lay *l, uint32_t a, uint32_t b)
{
	int ka = l->t[a].kind, kb = l->t[b].kind;
	unsigned ra = l->role[a].flags, rb = l->role[b].flags;
	int orig = (l->t[b].flags & TF_SPACE) != 0;
	if (l->linter && (rb & R_CALLCLOSE))
		return 0;	/* dts-linter: "FOO(a, b)" */
	if (rb & R_ARGS)
		return orig;
	if (kb == TK_SEMI || kb == TK_COMMA)
		return 0;
	if (l->k74 && ka == TK_LABEL && kb == TK_CELL_CLOSE)
		return 0;	/* "<1 end:>": the kernel's checker wants no blank before '>' */
	if (ka == TK_LABEL || ka == TK_COMMA || ka == TK_EQ || kb == TK_EQ || kb == TK_LBRACE)
		return 1;
	if (ka == TK_CELL_OPEN || kb == TK_CELL_CLOSE || ka == TK_LBRACKET || kb == TK_RBRACKET)
		return 0;
	if ((rb & R_BYTES) && (ra & R_BYTES))
		return orig || l->linter;	/* dts-linter: "[00 11]" */
	if (rb & R_CALLOPEN)
		return 0;
	if ((ra & R_POPEN) || (rb & R_PCLOSE))
		return 0;
	if (ra & R_UNARY)
		return orig && is_operator(kb);
	return 1;
}

/* ---- measuring what comes next ---- */

/* Column after writing s[0, n) from column col, up to its first newline. */
static int cols_of(const struct lay *l, int col, const char *s, size_t n, int *multiline)
{
	const char *nlp = memchr(s, '\n', n);
	*multiline = nlp != NULL;
	if (nlp)
		n = (size_t)(nlp - s);
	for (size_t k = 0; k < n; k++)
		col = advance_col(l, col, s[k]);
	return col;
}

/* The next significant token that layout writes on the same line as token
 * j, or CST_NONE where that line ends. The rules are significant()'s: a
 * newline in the input ends the line unless a ',' or ';' follows it (those
 * are pulled up behind the value they close); a comment, directive or
 * splice always ends the measured run (comments keep their place and are
 * not counted against the width). */
static uint32_t next_on_line(const struct lay *l, uint32_t j)
{
	int nl = 0, from = l->t[j].kind;
	/* dts-linter joins a value to its '=' and a first cell to its '<' */
	int joins = l->linter && (from == TK_EQ || from == TK_CELL_OPEN || from == TK_LBRACKET);
	for (j++; j < l->n; j++) {
		int k = l->t[j].kind;
		if (k == TK_WS)
			continue;
		if (k == TK_NEWLINE) {
			nl = 1;
			continue;
		}
		if (dt_tok_is_trivia(k) || k == TK_EOF)
			return CST_NONE;
		if (nl && k != TK_COMMA && k != TK_SEMI && !joins &&
		    !(l->linter && (k == TK_CELL_CLOSE || k == TK_RBRACKET)))
			return CST_NONE;	/* (dts-linter pulls '>' and ']' up too) */
		return j;
	}
	return CST_NONE;
}

enum { UPTO_ENTRY, UPTO_CELL };

/* The column where the text starting at token i ends, laid out from column
 * col on one line: up to the next value entry (UPTO_ENTRY) or cell
 * (UPTO_CELL), with the ',' or ';' that closes it, or to where the line
 * ends anyway. It must agree with what significant() writes, or a value
 * that fits on one pass is broken on the next. */
static int measure(const struct lay *l, uint32_t i, int upto, int col)
{
	uint32_t prev = CST_NONE;
	for (uint32_t j = i; j != CST_NONE; j = next_on_line(l, j)) {
		int k = l->t[j].kind;
		unsigned r = l->role[j].flags;
		if (j != i && (r & (R_STMT | R_CLOSE | R_OPEN)))
			break;
		if (j != i && upto == UPTO_ENTRY && (r & R_ENTRY))
			break;
		if (j != i && upto == UPTO_CELL && (r & R_CELL) && !(r & R_ARGS))
			break;
		if (prev != CST_NONE && space_between(l, prev, j))
			col++;
		int multi;
		if (r & R_RAW) {
			uint32_t e = l->role[j].end;
			const char *s = l->text + l->t[j].off;
			col = cols_of(l, col, s, l->t[e].off + l->t[e].len - l->t[j].off, &multi);
			if (multi)
				break;
			j = e;
		} else {
			col = cols_of(l, col, l->text + l->t[j].off, l->t[j].len, &multi);
		}
		prev = j;
		if (r & R_END)
			break;
		if (upto == UPTO_CELL && k == TK_CELL_CLOSE) {
			/* and the ',' or ';' after it */
			uint32_t m = next_on_line(l, j);
			if (m != CST_NONE && (l->t[m].kind == TK_COMMA || l->t[m].kind == TK_SEMI))
				col++;
			break;
		}
	}
	return col;
}

/* ---- columns of continuation lines ---- */

static int cont_col(const struct lay *l, int kind)
{
	if (l->pd > 0) {
		int top = l->pstack[(l->pd < PAREN_MAX ? l->pd : PAREN_MAX) - 1];
		return kind == TK_RPAREN ? top - 1 : top;
	}
	if (l->in_cells)
		return kind == TK_CELL_CLOSE ? l->cell_open_col : l->cell_col;
	if (l->in_bytes)
		return kind == TK_RBRACKET ? l->byte_close_col : l->byte_col;
	if (l->entry_col >= 0)
		return l->entry_col;
	return indent_cols(l, l->stmt_depth + 1);
}

/* The column a matrix's plan counts from: where the continuation lines
 * of the cells or bytes start; -1 outside them. */
static int grid_base(const struct lay *l)
{
	if (l->k74 && (l->in_cells || l->in_bytes))
		return l->row_base;
	return l->in_cells ? l->cell_col : l->in_bytes ? l->byte_col : -1;
}

/* k74: the column the checker wants for a continuation line of the
 * current statement, or -1 when it leaves that line alone (the first line
 * has no '=' or no '<' or '"' after it). */
static int kernel_cont(struct lay *l)
{
	if (!l->k74 || !l->in_stmt)
		return -1;
	if (l->kanchor == -2 && !l->out->s) {
		l->kanchor = -1;
	} else if (l->kanchor == -2) {
		const char *s = l->out->s + l->stmt_off;
		size_t avail = l->out->len - l->stmt_off;
		const char *e = avail ? memchr(s, '\n', avail) : NULL;
		size_t n = e ? (size_t)(e - s) : avail;
		l->kanchor = n ? fmt_kcont_anchor(s, n, tabw(l), scratch_for(l, n)) : -1;
	}
	if (l->kanchor < 0)
		return -1;
	return l->kdone ? l->kanchor : l->kanchor + 1;
}

/* The column of a token starting a line: its place in a matrix, or the
 * continuation column. In the kernel style every continuation line starts
 * in the checker's column, and a matrix row keeps its inner spacing from
 * there. */
static int line_col(struct lay *l, uint32_t i, int kind)
{
	if (l->k74 && l->in_stmt && l->kreset) {
		/* after a directive the checker starts over: this line is
		 * indented as a statement, and the lines after it continue
		 * it */
		l->kreset = 0;
		l->stmt_off = l->line_off;
		l->stmt_line = l->out_line;
		l->kanchor = -2;
		l->kdone = 0;
		int c = indent_cols(l, l->stmt_depth);
		if (GRID_AT(l->grid[i]))
			l->row_base = c - l->grid[i];
		return c;
	}
	int kc = kernel_cont(l);
	if (kc >= 0) {
		if (GRID_AT(l->grid[i]))
			l->row_base = kc - l->grid[i];
		return kc;
	}
	int base = grid_base(l);
	if (GRID_AT(l->grid[i]) && base >= 0)
		return base + l->grid[i] > 0 ? base + l->grid[i] : 0;
	if (l->linter && l->prev != CST_NONE && l->t[l->prev].kind == TK_LABEL)
		return indent_cols(l, l->stmt_depth);	/* dts-linter: "a: b:" on a line */
	return cont_col(l, kind);
}

/* ---- structure ---- */

static int item_of(int stmt)
{
	switch (stmt) {
	case CST_NODE:
	case CST_REF_NODE:
		return L_NODE;
	case CST_VERSION:
	case CST_PLUGIN:
		return L_HEADER;
	case CST_MACRO_STMT:
	case CST_ERROR:
		return L_MACRO;
	default:
		return L_STMT;
	}
}

static int is_node_start(const struct lay *l, uint32_t i)
{
	const struct tok_role *r = &l->role[i];
	return (r->flags & R_STMT) && (r->stmt == CST_NODE || r->stmt == CST_REF_NODE);
}

/* A "status" property, as the checker finds it: the line starts with the
 * name (a labelled one is not its "status"). */
static int is_status(const struct lay *l, uint32_t i)
{
	const struct tok_role *r = &l->role[i];
	return (r->flags & R_STMT) && r->stmt == CST_PROP && l->t[i].kind == TK_NAME &&
	       l->t[i].len == 6 && memcmp(l->text + l->t[i].off, "status", 6) == 0;
}

/* Structural bookkeeping of a significant token, whether emitted or copied
 * verbatim. */
static void note(struct lay *l, uint32_t i, int start_col)
{
	const struct tok_role *r = &l->role[i];
	int k = l->t[i].kind;
	if (r->flags & R_STMT) {
		l->in_stmt = 1;
		l->stmt_depth = (int)r->depth;
		l->entry_col = -1;
		l->in_cells = l->in_bytes = 0;
		l->pd = 0;
		l->stmt_off = l->line_off;
		l->stmt_line = l->out_line;
		l->kanchor = -2;
		l->kdone = 0;
		l->kreset = 0;
		l->in_head = r->stmt == CST_NODE || r->stmt == CST_REF_NODE;
		l->in_name = 1;
	}
	if (k == TK_EQ)
		l->in_name = 0;
	if (r->flags & R_FIRSTVAL) {
		l->entry_col = start_col;
		/* a value starting on a line of its own behind a comment
		 * ("/ * 0 * / "a", "b",): its lines start where that one does */
		if (!l->linter && l->prev != CST_NONE && l->t[l->prev].kind == TK_EQ &&
		    l->prev_line != l->out_line && l->lcol >= 0 && l->lcol < start_col)
			l->entry_col = l->lcol;
	}
	if ((r->flags & R_CELL) && !(r->flags & R_ARGS) && (k == TK_REF || k == TK_PATH_REF))
		l->in_ref = 1;
	if (k == TK_CELL_OPEN) {
		l->in_cells = 1;
		l->in_ref = 0;
		l->cell_open_col = start_col;
		l->cell_col = start_col + 1;
		uint32_t j = i + 1;
		while (j < l->n && l->t[j].kind == TK_WS)
			j++;
		if (!l->linter && j < l->n &&
		    (l->t[j].kind == TK_NEWLINE || l->t[j].kind == TK_LINE_COMMENT) &&
		    !(l->k74 && l->out_line == l->stmt_line)) {
			/* "<" ends its line: the cells form an indented block
			 * and the ">" goes back to the property's column (the
			 * kernel's checker wants the cells of a "<" on the
			 * property's first line one column right of it) */
			l->cell_col = indent_cols(l, l->stmt_depth + 1);
			l->cell_open_col = indent_cols(l, l->stmt_depth);
		}
		l->row_base = l->cell_col;
	} else if (k == TK_CELL_CLOSE) {
		l->in_cells = 0;
	} else if (k == TK_LBRACKET) {
		l->in_bytes = 1;
		l->byte_col = start_col + 1;
		l->byte_close_col = start_col;
		uint32_t j = i + 1;
		while (j < l->n && l->t[j].kind == TK_WS)
			j++;
		if (!l->linter && j < l->n &&
		    (l->t[j].kind == TK_NEWLINE || l->t[j].kind == TK_LINE_COMMENT)) {
			/* "[" ends its line: the bytes form an indented block,
			 * as cells after a "<" ending its line do */
			l->byte_col = indent_cols(l, l->stmt_depth + 1);
			l->byte_close_col = indent_cols(l, l->stmt_depth);
		}
		l->row_base = l->byte_col;
	} else if (k == TK_RBRACKET) {
		l->in_bytes = 0;
	} else if (k == TK_LPAREN) {
		if (l->pd < PAREN_MAX)
			l->pstack[l->pd] = start_col + 1;
		l->pd++;
	} else if (k == TK_RPAREN && l->pd > 0) {
		l->pd--;
	}
	if (r->flags & R_OPEN) {
		l->depth = (int)r->depth + 1;
		l->last = L_OPEN;
		l->in_stmt = 0;
		l->in_head = 0;
		l->in_name = 0;
		l->body_items = 0;
		l->blank_since = 0;
	}
	if (r->flags & R_CLOSE) {
		l->depth = (int)r->depth;
		l->body_items = 1;
		l->blank_since = 0;
	}
	if (r->flags & R_END) {
		l->in_stmt = 0;
		l->in_head = 0;
		l->in_name = 0;
		l->last = item_of(r->stmt);
		l->body_items = 1;
		l->blank_since = 0;
	}
	l->prev = i;
	l->prev_line = l->out_line;
}

/* The next significant token after a run of own-line comments starting at
 * token i, if no blank line or directive comes between; else CST_NONE. */
static uint32_t attached_to(const struct lay *l, uint32_t i)
{
	int nls = 0;
	for (uint32_t j = i + 1; j < l->n; j++) {
		int k = l->t[j].kind;
		if (k == TK_NEWLINE) {
			if (++nls >= 2)
				return CST_NONE;
		} else if (k == TK_LINE_COMMENT || k == TK_BLOCK_COMMENT) {
			nls = 0;
		} else if (k == TK_PP || k == TK_EOF) {
			return CST_NONE;
		} else if (!dt_tok_is_trivia(k)) {
			return j;
		}
	}
	return CST_NONE;
}

static int orig_bol(const struct lay *l, uint32_t off);

/* dts-linter's blank lines (style_linter.c) before the item at token i. */
static int linter_prev(const struct lay *l)
{
	switch (l->last) {
	case L_NONE:
		return LP_NONE;
	case L_OPEN:
		return LP_OPEN;
	case L_NODE:
		return LP_NODE;
	case L_HEADER:
		return LP_HEADER;
	case L_COMMENT:
		return l->pending_nl <= 1 ? LP_OWN_COMMENT : LP_COMMENT;
	case L_PP:
		return l->last_if ? LP_IF : LP_PP;
	default:
		return LP_STMT;
	}
}

static void linter_blanks(struct lay *l, int item)
{
	int n = fmt_linter_blanks(item, linter_prev(l), l->pending_nl > 1 ? l->pending_nl - 1 : 0);
	if (!l->bol)
		newline(l);
	if (l->out->len == 0)
		return;
	if (n == 1)
		blank_line(l);
	else
		for (; n > 0; n--)
			newline(l);
}

static void linter_line(struct lay *l, uint32_t i, int depth)
{
	int k = l->t[i].kind, item = LI_STMT;
	if (l->role[i].flags & R_CLOSE) {
		item = LI_CLOSE;
	} else if (k == TK_LINE_COMMENT || k == TK_BLOCK_COMMENT) {
		uint32_t next = attached_to(l, i);
		item = next != CST_NONE && is_node_start(l, next) ? LI_COMMENT_NODE : LI_COMMENT;
	} else if (is_node_start(l, i)) {
		item = LI_NODE;
	} else if ((l->role[i].flags & R_STMT) && l->role[i].stmt == CST_PROP) {
		item = LI_PROP;
	} else if ((l->role[i].flags & R_STMT) && l->role[i].stmt == CST_VERSION) {
		/* dts-linter leaves /dts-v1/; where it is */
		linter_blanks(l, LI_DIRECTIVE);
		uint32_t b = fmt_line_start(l->text, l->t[i].off);
		if (orig_bol(l, l->t[i].off))
			put(l, l->text + b, l->t[i].off - b);
		l->bol = 1;
		return;
	}
	linter_blanks(l, item);
	indent_to(l, indent_cols(l, depth));
}

/* Start a line at statement level: a statement, a node's '}', an own-line
 * comment between statements. Applies the blank-line rules. */
static void statement_line(struct lay *l, uint32_t i, int depth)
{
	if (l->linter) {
		linter_line(l, i, depth);
		return;
	}
	const struct tok_role *r = &l->role[i];
	int want = l->pending_nl >= 2;
	int k = l->t[i].kind;
	int header_next = (r->flags & R_STMT) && (r->stmt == CST_PLUGIN || r->stmt == CST_VERSION);
	int prev_stmt = l->last == L_STMT || l->last == L_NODE || l->last == L_HEADER;
	if (k == TK_LINE_COMMENT || k == TK_BLOCK_COMMENT) {
		uint32_t next = attached_to(l, i);
		if (prev_stmt && next != CST_NONE && is_node_start(l, next))
			want = 1;
	} else if (is_node_start(l, i) && prev_stmt) {
		want = 1;
	}
	if (l->k74 && depth > 0 && l->body_items && !l->blank_since && !(r->flags & R_CLOSE)) {
		/* the checker's required-blank-lines: between the body's
		 * previous statement and a child node or "status" (above
		 * the comments that go with them), whatever else (comments,
		 * directives) comes between */
		uint32_t item = k == TK_LINE_COMMENT || k == TK_BLOCK_COMMENT ? attached_to(l, i) : i;
		if (item != CST_NONE && (is_node_start(l, item) || is_status(l, item)))
			want = 1;
	}
	if (l->last == L_HEADER && !header_next)
		want = 1;
	if (l->last == L_OPEN || l->last == L_NONE || (r->flags & R_CLOSE))
		want = 0;
	if (!l->bol)
		newline(l);
	if (want)
		blank_line(l);
	indent_to(l, indent_cols(l, depth));
}

/* ---- comments and directives ---- */

static int orig_col(const struct lay *l, uint32_t off)
{
	uint32_t s = fmt_line_start(l->text, off);
	int c = 0;
	for (uint32_t p = s; p < off; p++)
		c = advance_col(l, c, l->text[p]);
	return c;
}

static int orig_bol(const struct lay *l, uint32_t off)
{
	for (uint32_t p = off; p > 0; p--) {
		char c = l->text[p - 1];
		if (c == '\n')
			return 1;
		if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v')
			return 0;
	}
	return 1;
}

/* Leading blanks of a line the kernel's checker rejects (mixed-indent-chars,
 * for comment lines too): a space before a tab, or more than 7 spaces. */
static int bad_indent(const char *p, const char *q)
{
	int spaces = 0;
	for (const char *b = p; b < q; b++) {
		if (*b == ' ')
			spaces++;
		else if (b > p && b[-1] == ' ')
			return 1;
	}
	return spaces > 7;
}

/* Writes a comment that starts at the current column; the lines of a block
 * comment move by as many columns as its first line moved (the kernel style
 * re-indents a line whose indentation the checker rejects, to the same
 * column). */
static void put_comment(struct lay *l, uint32_t i)
{
	const struct dt_token *t = &l->t[i];
	const char *s = l->text + t->off, *e = s + t->len;
	int delta = l->col - orig_col(l, t->off);
	const char *nlp = memchr(s, '\n', t->len);
	if (!nlp) {
		put(l, s, t->len);
		return;
	}
	size_t first = (size_t)(nlp - s);
	while (first && s[first - 1] == '\r')
		first--;	/* lone CRs too: else each run eats one */
	/* dts-linter lines up the '*' of an own-line block comment one column
	 * right of its opening, and treats blank lines in it as between
	 * statements: one stays, more go */
	int lint = l->linter && orig_bol(l, t->off), star_col = l->col + 1, blanks = 0;
	put(l, s, first);
	const char *p = nlp + 1;
	for (;;) {
		const char *le = memchr(p, '\n', (size_t)(e - p));
		const char *end = le ? le : e;
		const char *ce = end;
		while (ce > p && ce[-1] == '\r' && le)
			ce--;
		const char *q = p;
		while (q < ce && (*q == ' ' || *q == '\t'))
			q++;
		if (lint && q == ce && le) {
			blanks++;
			p = le + 1;
			continue;
		}
		newline(l);
		l->kskip = 1;	/* the checker reads these lines as comment */
		if (lint && blanks == 1)
			newline(l);
		blanks = 0;
		if (lint && q < ce && *q == '*') {
			int saved_bol = l->bol;
			indent_to(l, star_col);
			l->bol = saved_bol;
			size_t n = (size_t)(ce - q);
			if (!le && n > 2 && unblanked_len(q, n - 2) > 1) {
				/* text before the closing: the closing gets a line */
				put(l, q, unblanked_len(q, n - 2));
				newline(l);
				indent_to(l, star_col);
				l->bol = saved_bol;
				put(l, "*/", 2);
			} else {
				put(l, q, n);
			}
		} else if (delta == 0 && !(l->k74 && bad_indent(p, q))) {
			put(l, p, (size_t)(ce - p));
		} else {
			int w = 0;
			for (const char *b = p; b < q; b++)
				w = advance_col(l, w, *b);
			if (q < ce) {
				int saved_bol = l->bol;
				indent_to(l, w + delta);
				l->bol = saved_bol;
				put(l, q, (size_t)(ce - q));
			}
		}
		if (!le)
			break;
		p = le + 1;
	}
	l->kskip = 2;	/* and the line the comment ends on */
}

/* Does the comment at token i start a line that holds no code (comments
 * only, or a block comment running on to later lines)? The checker checks
 * such a line's indentation as a statement's, even inside a value. */
static int comment_line(const struct lay *l, uint32_t i)
{
	for (uint32_t j = i; j < l->n; j++) {
		int k = l->t[j].kind;
		if (k == TK_WS)
			continue;
		if (k == TK_BLOCK_COMMENT) {
			if (memchr(l->text + l->t[j].off, '\n', l->t[j].len))
				return 1;
			continue;
		}
		return k == TK_NEWLINE || k == TK_LINE_COMMENT || k == TK_EOF;
	}
	return 1;
}

/* The kernel's checker strips a comment out of its line and then reads the
 * blanks left around it: "prop = / * c * / <1>" has two blanks after its
 * '=', "<1 / * c * />" one before its '>'. A comment inside such code
 * (k74, one line, not the first on its line) touches the token before it
 * when a ';', '>', '=' or '{' follows on its line, or is right after a '<';
 * the token after it touches it when it follows a '<', '=' or label. */
static int glue_before(const struct lay *l, uint32_t i)
{
	if (l->prev != CST_NONE && l->t[l->prev].kind == TK_CELL_OPEN && l->out->len &&
	    l->out->s[l->out->len - 1] == '<')
		return 1;
	int nl = 0;
	for (uint32_t j = i + 1; j < l->n; j++) {
		int k = l->t[j].kind;
		if (k == TK_WS)
			continue;
		if (k == TK_NEWLINE) {
			nl = !l->in_head;	/* a node head is one line */
			continue;
		}
		if (k == TK_SEMI)
			return 1;	/* pulled up behind the comment */
		return !nl && (k == TK_CELL_CLOSE || k == TK_EQ || k == TK_LBRACE);
	}
	return 0;
}

static int glue_after(const struct lay *l)
{
	if (l->prev == CST_NONE)
		return 0;
	int k = l->t[l->prev].kind;
	return k == TK_CELL_OPEN || k == TK_EQ || k == TK_LABEL;
}

static void comment(struct lay *l, uint32_t i)
{
	const struct dt_token *t = &l->t[i];
	int inline_block = l->k74 && t->kind == TK_BLOCK_COMMENT && !l->bol &&
			   !orig_bol(l, t->off) && !memchr(l->text + t->off, '\n', t->len);
	if (orig_bol(l, t->off)) {
		if (l->in_stmt) {
			if (!l->bol)
				newline(l);
			if (l->pending_nl >= 2 && !l->linter && !l->k74)
				blank_line(l);
			if (l->k74 && comment_line(l, i))
				indent_to(l, indent_cols(l, l->stmt_depth));
			else
				indent_to(l, line_col(l, i, TK_EOF));
		} else {
			statement_line(l, i, l->depth);
			l->last = L_COMMENT;
		}
	} else if (l->bol) {
		if (l->in_stmt && l->k74 && comment_line(l, i))
			indent_to(l, indent_cols(l, l->stmt_depth));
		else
			indent_to(l, l->in_stmt ? cont_col(l, TK_EOF) : indent_cols(l, l->depth));
	} else if (inline_block && glue_before(l, i)) {
		/* no blank between the comment and what it follows */
		strip_trailing_blanks(l);
	} else if (GRID_AT(l->grid[i]) && grid_base(l) >= 0) {
		/* a comment labelling a row of a matrix (interrupt-map tables) */
		strip_trailing_blanks(l);
		int at = grid_base(l) + l->grid[i];
		if (l->col < at)
			put_run(l, ' ', at - l->col);
		else if (l->col > at)
			put(l, " ", 1);
	} else if (l->linter || l->keep_trail) {
		/* dts-linter (and the zmk style) leave a trailing comment
		 * where it is */
		strip_trailing_blanks(l);
		uint32_t p = t->off;
		while (p > 0 && (l->text[p - 1] == ' ' || l->text[p - 1] == '\t'))
			p--;
		put(l, l->text + p, t->off - p);
	} else {
		strip_trailing_blanks(l);
		if (l->group[i]) {
			struct trail tr = {
				.out_off = l->out->len, .out_line = l->out_line,
				.content_col = l->col, .group = l->group[i],
				.orig_col = orig_col(l, t->off),
			};
			for (uint32_t p = t->off; p > 0 && (l->text[p - 1] == ' ' ||
							    l->text[p - 1] == '\t'); p--)
				if (l->text[p - 1] == '\t')
					tr.tabs = 1;
			VEC_PUSH(l->tr, l->ntr, l->captr, tr);
		}
		put(l, " ", 1);
	}
	put_comment(l, i);
	if (t->kind == TK_LINE_COMMENT)
		newline(l);
	l->pending_nl = 0;
	if (inline_block)
		l->glue = glue_after(l);
}

/* The directives dt-check-style knows as such (a line marker "# 12 "f""
 * is code to it, inside a value a continuation). */
static int checker_directive(const char *s, size_t n)
{
	static const char *const names[] = {"include", "define", "undef", "ifdef", "ifndef",
					    "if", "else", "elif", "endif", "pragma", "error",
					    "warning"};
	size_t p = 1;
	while (p < n && (s[p] == ' ' || s[p] == '\t'))
		p++;
	size_t w = p;
	while (w < n && ((s[w] >= 'a' && s[w] <= 'z') || (s[w] >= 'A' && s[w] <= 'Z') ||
			 (s[w] >= '0' && s[w] <= '9') || s[w] == '_'))
		w++;
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (strlen(names[k]) == w - p && memcmp(s + p, names[k], w - p) == 0)
			return 1;
	return 0;
}

static void directive(struct lay *l, uint32_t i)
{
	const struct dt_token *t = &l->t[i];
	int want = l->pending_nl >= 2;
	if (l->linter) {
		const char *s = l->text + t->off;
		size_t p = 1;
		while (p < t->len && (s[p] == ' ' || s[p] == '\t'))
			p++;
		int inc = t->len - p >= 7 && !memcmp(s + p, "include", 7);
		linter_blanks(l, inc ? LI_INCLUDE : LI_DIRECTIVE);
		l->last_if = fmt_pp_opens_branch(s, t->len);
		want = 0;
	} else if (!l->bol) {
		newline(l);
	}
	if (l->last == L_HEADER && !l->linter && !l->k74)
		want = 1;	/* (the kernel style keeps what the input has) */
	if (l->last == L_OPEN || l->last == L_NONE)
		want = 0;
	if (want)
		blank_line(l);
	size_t n = unblanked_len(l->text + t->off, t->len);
	sb_put(l->out, l->text + t->off, n);
	for (size_t p = 0; p < n; p++)
		if (l->text[t->off + p] == '\n')
			l->out_line++;
	if (n && l->text[t->off + n - 1] == '\\') {
		/* only the file's last line ends so (a backslash before a
		 * newline continues the directive): a newline written after it
		 * would be a continuation, and the next run would read one more
		 * line into the directive */
		l->bol = 1;
	} else {
		l->bol = 0;
		newline(l);
	}
	if (!l->in_stmt)
		l->last = L_PP;
	else if (l->k74 && checker_directive(l->text + t->off, t->len))
		l->kreset = 1;
	l->pending_nl = 0;
}

/* ---- significant tokens ---- */

static void put_raw(struct lay *l, uint32_t i)
{
	uint32_t e = l->role[i].end, k = i;
	const char *p = l->text + l->t[i].off;
	const char *end = l->text + l->t[e].off + l->t[e].len;
	for (;;) {
		const char *le = memchr(p, '\n', (size_t)(end - p));
		const char *ce = le ? le : end;
		while (le && ce > p && ce[-1] == '\r')
			ce--;
		put(l, p, (size_t)(ce - p));
		if (!le)
			break;
		/* blanks ending the line inside a token (a string left open
		 * by a syntax error) are the token's: they stay */
		uint32_t at = (uint32_t)(ce - l->text);
		while (k < e && l->t[k].off + l->t[k].len < at)
			k++;
		if (ce > p && l->t[k].off < at && l->t[k].kind != TK_WS)
			l->keep = l->out->len;
		newline(l);
		p = le + 1;
	}
}

static int needs_break(struct lay *l, uint32_t i)
{
	unsigned r = l->role[i].flags;
	if (l->grid[i] != GRID_OFF)
		return 0;	/* a row of a matrix stays one line */
	int width = l->o->line_width > 0 ? l->o->line_width : 100;
	if ((r & R_ENTRY) && l->entry_col >= 0 && l->col > l->entry_col && !l->in_cells)
		return measure(l, i, UPTO_ENTRY, l->col + 1) > width;
	int k = l->t[i].kind;
	if ((r & R_CELL) && l->in_ref && k != TK_REF && k != TK_PATH_REF && !l->linter)
		return 0;	/* an argument stays with its phandle: "&kp SEMI" */
	if ((r & R_CELL) && l->in_cells && l->pd == 0 && l->col > l->cell_col &&
	    l->t[l->prev].kind != TK_CELL_OPEN)
		return measure(l, i, UPTO_CELL, l->col + 1) > width;
	return 0;
}

/* dts-linter joins a value to its '=', the first cell to its '<' (byte to
 * its '[') and the '>' to the last cell (']' to the last byte), whatever
 * lines the input put between them. */
static int linter_joins(const struct lay *l, uint32_t i)
{
	if (!l->linter || l->prev == CST_NONE)
		return 0;
	int k = l->t[i].kind, pk = l->t[l->prev].kind;
	return pk == TK_CELL_OPEN || k == TK_CELL_CLOSE || pk == TK_LBRACKET || k == TK_RBRACKET ||
	       ((l->role[i].flags & R_FIRSTVAL) && pk == TK_EQ);
}

static uint32_t significant(struct lay *l, uint32_t i)
{
	const struct tok_role *r = &l->role[i];
	int k = l->t[i].kind;
	if ((r->flags & R_CLOSE) && l->prev != CST_NONE && (l->role[l->prev].flags & R_OPEN) &&
	    !l->bol && (l->pending_nl == 0 || l->linter) && !l->k74) {
		/* an empty body written on one line stays so: "name {};";
		 * dts-linter makes every empty body "{}" */
		if ((l->t[i].flags & TF_SPACE) && !l->linter)
			put(l, " ", 1);
	} else if (r->flags & (R_STMT | R_CLOSE)) {
		statement_line(l, i, (int)r->depth);
	} else if (l->bol) {
		if (l->in_stmt && l->pending_nl >= 2 && !l->linter && !l->k74)
			blank_line(l);
		indent_to(l, l->in_stmt ? line_col(l, i, k) : indent_cols(l, l->depth));
	} else if (l->prev != CST_NONE) {
		int brk = 0;
		/* the kernel's checker reads a node head broken over lines
		 * ("/omit-if-no-ref/" alone on one) as a property: it stays
		 * one line, and so does a label with its property */
		int joined = linter_joins(l, i) ||
			     (l->k74 && (l->in_head || (l->in_name && l->t[l->prev].kind == TK_LABEL)));
		if (k != TK_SEMI && k != TK_COMMA && l->in_stmt)
			brk = (l->pending_nl > 0 && !joined) || needs_break(l, i) ||
			      (l->comma_up && (r->flags & R_ENTRY));
		/* "a\n, b": the ',' joins a, and b keeps a line of its own */
		l->comma_up = k == TK_COMMA && l->pending_nl > 0;
		if (brk) {
			newline(l);
			if (l->pending_nl >= 2 && !l->linter && !l->k74)
				blank_line(l);
			indent_to(l, line_col(l, i, k));
		} else if (l->glue) {
			/* the cell right after "</ * comment * /" */
		} else if (l->linter && (r->flags & R_ARGS) && !(r->flags & R_CALLCLOSE) &&
			   l->t[i - 1].kind == TK_WS) {
			/* dts-linter keeps the spacing of a macro's arguments */
			put(l, l->text + l->t[i - 1].off, l->t[i - 1].len);
		} else if (GRID_AT(l->grid[i]) && grid_base(l) >= 0) {
			/* its place in the row of a matrix (the kernel's
			 * checker wants no blank after a '<') */
			int at = grid_base(l) + l->grid[i];
			if (l->k74 && l->t[l->prev].kind == TK_CELL_OPEN)
				at = l->col;
			if (l->col < at)
				put_run(l, ' ', at - l->col);
			else if (l->col > at && space_between(l, l->prev, i))
				put(l, " ", 1);
		} else if (space_between(l, l->prev, i)) {
			put(l, " ", 1);
		}
	}
	int start_col = l->col;
	uint32_t last = i;
	if (r->flags & R_RAW) {
		put_raw(l, i);
		last = r->end;
		note(l, i, start_col);
		if (last != i)
			note(l, last, start_col);
	} else {
		put_token(l, i);
		note(l, i, start_col);
	}
	l->bol = 0;
	l->pending_nl = 0;
	l->glue = 0;
	return last;
}

/* ---- verbatim regions ---- */

/* Trailing comments of aligned groups inside a verbatim span (the lines
 * outside an editor's range): they cannot move, but the formatted lines
 * of their group still align to them, as formatting the whole file would
 * when the group's column holds every line. */
static void fixed_trails(struct lay *l, const struct fmt_span *s, uint32_t i, size_t line)
{
	uint32_t at = s->start;
	for (; i < l->n && l->t[i].kind != TK_EOF && l->t[i].off < s->end; i++) {
		if (!l->group[i])
			continue;
		for (; at < l->t[i].off; at++)
			line += l->text[at] == '\n';
		struct trail tr = {.out_line = line, .group = l->group[i],
				   .orig_col = orig_col(l, l->t[i].off), .fixed = 1};
		VEC_PUSH(l->tr, l->ntr, l->captr, tr);
	}
}

static uint32_t verbatim(struct lay *l, uint32_t i)
{
	const struct fmt_span *s = &l->verb->v[l->vi++];
	if (!l->bol)
		newline(l);
	if (l->pending_nl >= 2 && l->last != L_OPEN)
		blank_line(l);
	size_t line0 = l->out_line;
	sb_put(l->out, l->text + s->start, s->end - s->start);
	for (uint32_t p = s->start; p < s->end; p++)
		if (l->text[p] == '\n')
			l->out_line++;
	fixed_trails(l, s, i, line0);
	l->col = 0;
	l->bol = 1;
	l->line_off = l->out->len;
	char last = s->end > s->start ? l->text[s->end - 1] : '\n';
	if (last != '\n' && last != '\\' && last != '\r') {
		/* The region runs to the end of a file without a final newline.
		 * Not after a backslash: the newline would make a line splice
		 * and eat the backslash token; nor after a lone CR: it would
		 * make a CRLF, and a file formatted twice would differ from one
		 * formatted once. */
		sb_puts(l->out, l->nl);
		l->out_line++;
	}
	int nls = 1;	/* the span starts a line: a newline first is a blank line */
	while (i < l->n && l->t[i].kind != TK_EOF && l->t[i].off < s->end) {
		int k = l->t[i].kind;
		if (k == TK_NEWLINE && ++nls >= 2)
			l->blank_since = 1;	/* a blank line kept as written */
		else if (k != TK_WS && k != TK_NEWLINE)
			nls = 0;
		if (!dt_tok_is_trivia(l->t[i].kind))
			note(l, i, 0);
		else if (l->t[i].kind == TK_PP || l->t[i].kind == TK_LINE_COMMENT ||
			 l->t[i].kind == TK_BLOCK_COMMENT)
			l->last = l->in_stmt ? l->last : (l->t[i].kind == TK_PP ? L_PP : L_COMMENT);
		i++;
	}
	l->pending_nl = 1;
	return i;
}

/* ---- trailing comment alignment ---- */

/* Does the trailing comment at token i end its line in the output too? A
 * block comment does not when a ',' or ';' follows on a later line:
 * significant() pulls those up behind it. */
static int ends_output_line(const struct lay *l, uint32_t i)
{
	if (l->t[i].kind == TK_LINE_COMMENT)
		return 1;
	uint32_t j = i + 1;
	while (j < l->n && l->t[j].kind == TK_WS)
		j++;
	if (j >= l->n || l->t[j].kind == TK_EOF)
		return 1;
	if (l->t[j].kind != TK_NEWLINE)
		return 0;
	while (j < l->n && (l->t[j].kind == TK_WS || l->t[j].kind == TK_NEWLINE))
		j++;
	return j >= l->n || (l->t[j].kind != TK_COMMA && l->t[j].kind != TK_SEMI);
}

/* Line of offset `to`, counting on from line *line at offset *at (to >=
 * *at): comments are far apart, so memchr jumps between newlines instead of
 * looking at every byte of every token. */
static size_t line_at(const struct lay *l, uint32_t to, uint32_t *at, size_t *line)
{
	const char *p = l->text + *at, *end = l->text + to;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		(*line)++;
		p++;
	}
	*at = to;
	return *line;
}

static void find_groups(struct lay *l)
{
	size_t line_seen = 1;
	uint32_t line_off = 0;
	uint32_t prev_i = CST_NONE;
	size_t prev_line = 0;
	int prev_col = -1, next_id = 1;
	int seen_sig = 0;
	for (uint32_t i = 0; i < l->n; i++) {
		const struct dt_token *t = &l->t[i];
		int k = t->kind;
		if (k == TK_NEWLINE) {
			seen_sig = 0;
		} else if ((k == TK_LINE_COMMENT || k == TK_BLOCK_COMMENT) && seen_sig &&
			   !memchr(l->text + t->off, '\n', t->len)) {
			if (ends_output_line(l, i)) {
				size_t line = line_at(l, t->off, &line_off, &line_seen);
				int c = orig_col(l, t->off);
				if (prev_i != CST_NONE && prev_line + 1 == line && prev_col == c) {
					if (!l->group[prev_i])
						l->group[prev_i] = next_id++;
					l->group[i] = l->group[prev_i];
				}
				prev_i = i;
				prev_line = line;
				prev_col = c;
			}
		} else if (!dt_tok_is_trivia(k)) {
			seen_sig = 1;
		}
	}
}

static void align_groups(struct lay *l)
{
	if (!l->ntr)
		return;
	/* runs of one group on consecutive output lines */
	for (size_t a = 0; a < l->ntr;) {
		size_t b = a + 1;
		while (b < l->ntr && l->tr[b].group == l->tr[a].group &&
		       l->tr[b].out_line == l->tr[b - 1].out_line + 1)
			b++;
		if (b - a >= 2) {
			/* the group's column, or right of its longest line; a
			 * verbatim member pins it to its own column, and a line
			 * too long for that keeps its one space */
			int target = 0, fixed = -1;
			for (size_t m = a; m < b; m++) {
				if (l->tr[m].fixed) {
					fixed = l->tr[m].orig_col;
					continue;
				}
				if (l->tr[m].orig_col > target)
					target = l->tr[m].orig_col;
				if (l->tr[m].content_col + 1 > target)
					target = l->tr[m].content_col + 1;
			}
			if (fixed >= 0)
				target = fixed;
			for (size_t m = a; m < b; m++)
				if (!l->tr[m].fixed && l->tr[m].content_col + 1 <= target)
					l->tr[m].pad = target;
		}
		a = b;
	}
	size_t npad = 0;
	for (size_t m = 0; m < l->ntr; m++)
		if (l->tr[m].pad)
			npad++;
	if (!npad)
		return;		/* no group made it to the output: nothing moves */
	struct strbuf nb = {0};
	sb_reserve(&nb, l->out->len + npad * 16);
	size_t from = 0;
	for (size_t m = 0; m < l->ntr; m++) {
		struct trail *tr = &l->tr[m];
		if (!tr->pad)
			continue;
		sb_put(&nb, l->out->s + from, tr->out_off - from);
		int c = tr->content_col;
		if (tr->tabs && l->o->indent <= 0) {
			while ((c / tabw(l) + 1) * tabw(l) <= tr->pad) {
				sb_putc(&nb, '\t');
				c = (c / tabw(l) + 1) * tabw(l);
			}
		}
		while (c < tr->pad) {
			sb_putc(&nb, ' ');
			c++;
		}
		from = tr->out_off + 1;	/* the one space put there */
	}
	sb_put(&nb, l->out->s + from, l->out->len - from);
	sb_free(l->out);
	*l->out = nb;
}

void fmt_layout(const char *text, size_t len, const struct dt_token *t, size_t n,
		const struct tok_role *role, const struct fmt_spans *verbatim_spans,
		const struct fmt_options *o, struct strbuf *out)
{
	struct lay l = {
		.text = text, .len = len, .t = t, .n = n, .role = role, .o = o,
		.verb = verbatim_spans, .nl = "\n", .out = out, .bol = 1,
		.entry_col = -1, .prev = CST_NONE, .last = L_NONE,
		.linter = o->style == FMT_STYLE_DTS_LINTER,
		.keep_trail = o->style == FMT_STYLE_ZMK,
		.k74 = o->style == FMT_STYLE_KERNEL,
		.kanchor = -1, .lcol = -1,
	};
	/* the file's line ending is that of its first line break, a line
	 * continuation's included: a file of one "\\\r\n" is a CRLF file */
	for (size_t i = 0; i < n; i++)
		if (t[i].kind == TK_NEWLINE || t[i].kind == TK_SPLICE) {
			if (t[i].len >= 2 && text[t[i].off + t[i].len - 2] == '\r')
				l.nl = "\r\n";
			break;
		}
	/* the output is about as long as the input: room for it at once */
	sb_reserve(out, len + len / 8 + 64);
	l.group = xcalloc(n ? n : 1, sizeof(*l.group));
	find_groups(&l);
	l.grid = xcalloc(n ? n : 1, sizeof(*l.grid));
	fmt_grid_plan(text, t, n, role, o, l.grid);
	for (uint32_t i = 0; i < n; i++) {
		if (l.vi < l.verb->n && t[i].kind != TK_EOF && t[i].off >= l.verb->v[l.vi].start) {
			i = verbatim(&l, i) - 1;
			continue;
		}
		switch (t[i].kind) {
		case TK_WS:
			break;
		case TK_NEWLINE:
			l.pending_nl++;
			break;
		case TK_SPLICE:
			put(&l, l.bol ? "\\" : " \\", l.bol ? 1 : 2);
			end_line(&l, 1);
			l.pending_nl = 0;
			break;
		case TK_PP:
			directive(&l, i);
			break;
		case TK_LINE_COMMENT:
		case TK_BLOCK_COMMENT:
			comment(&l, i);
			break;
		case TK_EOF:
			i = (uint32_t)n;
			break;
		default:
			i = significant(&l, i);
			break;
		}
	}
	if (!l.bol)
		newline(&l);
	else
		strip_trailing_blanks(&l);
	align_groups(&l);
	free(l.group);
	free(l.grid);
	free(l.tr);
	free(l.scratch);
}
