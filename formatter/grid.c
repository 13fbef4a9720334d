/* Matrices: a value whose author put several entries on a line keeps its
 * rows. A keymap's `bindings`, an `interrupt-map` or a pin table is laid
 * out row by row, like the keyboard or the table it describes; re-flowing it
 * to the line width, or splitting `&kp` from its `SEMI`, destroys what the
 * author drew.
 *
 * The plan, one int per token, tells layout where each token of such a
 * value goes; layout never breaks a line inside one:
 *
 *   GRID_OFF   not in a matrix: layout as usual;
 *   GRID_FREE  in a matrix: the usual spacing, but no line breaks added;
 *   otherwise  the token starts at that column, counted from the column
 *              where the value's continuation lines start.
 *
 * Entries. A row of a cell list splits into entries: a phandle reference
 * with the cells after it (`&kp SEMI`, `&mt LCTRL A`, `&gic 0 5 4`), a
 * macro call (`HRML(A, S, D, F)`; after a phandle only when the file
 * defines the macro as bindings, else it is an argument: `&kp LS(A)`), or
 * a lone cell before any reference (the `0 0 0 1` of an interrupt-map row,
 * `PIN_NAME 0x40` of a pin table). An entry is never split.
 *
 * The zephyr profile (dts-linter's format) has no plan: dts-linter keeps
 * rows but puts one space between cells and breaks a row too long anywhere,
 * and Zephyr's CI wants exactly its text.
 *
 * Columns (FMT_GRID_ALIGN, in a block: "<" ending its line; a value written
 * "<a b c" and continued on the next lines is also what breaking a long
 * line gives, so it keeps the spacing it has, each row starting in the
 * continuation column). The rows with the most entries are the full rows;
 * when their N-th entries are all of one kind, the block is a grid: the
 * N-th entry of every full row starts in one column, as wide as its widest
 * entry, plus the author's gap (the narrowest one they left, at least one
 * space: the gap between the halves of a split keyboard survives). A shorter
 * row (a thumb cluster) joins the grid when it starts where the full rows
 * start (it fills the first columns) or when each of its entries already
 * sits on a column and fits it (keys under keys); any other row, such as a
 * macro standing for four keys, keeps the author's spacing, and so do
 * comment rows, so neither the drawing above nor the other rows move. When
 * the full rows are not of one kind there is no grid to find: every row
 * keeps the author's spacing, shifted with the block.
 *
 * Every choice depends only on what a second pass sees the same way (kinds,
 * counts, positions that the first pass makes exact), so formatting is
 * idempotent. */
#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"
#include "../lexer/token.h"
#include "fmt_internal.h"

enum { K_PLAIN, K_REF, K_CALL };

struct entry {
	uint32_t first, last;	/* tokens */
	int kind;
	int s;			/* start column in the input, from the row origin */
	int w;			/* width as laid out (inner spacing normalised) */
	int col;		/* grid column, -1: none */
};

enum { ROW_DATA, ROW_COMMENT };

enum { KEEP, FULL, LEFT, ABOVE };	/* how a data row is placed */

struct row {
	int type;
	size_t e0, ne;		/* entries [e0, e0 + ne) */
	uint32_t first;		/* first token (data) or the comment */
	int start;		/* column of the first token in the input */
	int origin;		/* column its positions are counted from */
	int how;
};

struct name {
	const char *s;
	uint32_t len;
};

struct grid {
	const char *text;
	const struct dt_token *t;
	size_t n;
	const struct tok_role *role;
	int tabw;
	int unit;		/* columns of one indentation level */
	int k74;		/* the kernel's checker: every row starts in the
				 * continuation column */
	int at_ok, at_col;	/* col_of's last answer: column at_col at at_off */
	uint32_t at_off;
	int32_t *plan;
	struct entry *e;
	size_t ne, ecap;
	struct row *r;
	size_t nr, rcap;
	/* macros this file defines as bindings ("#define HRML(a, b) &hm ..."):
	 * a call of one starts an entry even after a phandle */
	struct name *mac;
	size_t nmac, maccap;
};

static int is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* Collects "#define NAME(...) &..." from the directives of the file. */
static void find_binding_macros(struct grid *g)
{
	for (size_t i = 0; i < g->n; i++) {
		if (g->t[i].kind != TK_PP)
			continue;
		const char *p = g->text + g->t[i].off, *e = p + g->t[i].len;
		while (p < e && (*p == '#' || *p == ' ' || *p == '\t'))
			p++;
		if (e - p < 7 || memcmp(p, "define", 6) != 0)
			continue;
		p += 6;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		const char *name = p;
		while (p < e && is_ident_char(*p))
			p++;
		if (p == name || p >= e || *p != '(')
			continue;
		uint32_t nlen = (uint32_t)(p - name);
		while (p < e && *p != ')')
			p++;
		for (p++; p < e && (*p == ' ' || *p == '\t' || *p == '\\' || *p == '\r' ||
				    *p == '\n'); p++)
			;
		if (p < e && *p == '&') {
			struct name m = {name, nlen};
			VEC_PUSH(g->mac, g->nmac, g->maccap, m);
		}
	}
}

static int is_binding_macro(const struct grid *g, uint32_t i)
{
	const char *s = g->text + g->t[i].off;
	for (size_t m = 0; m < g->nmac; m++)
		if (g->mac[m].len == g->t[i].len && memcmp(g->mac[m].s, s, g->t[i].len) == 0)
			return 1;
	return 0;
}

static int tok_width(const struct grid *g, uint32_t i)
{
	const char *s = g->text + g->t[i].off;
	int w = 0;
	for (uint32_t k = 0; k < g->t[i].len; k++)
		if (((unsigned char)s[k] & 0xc0) != 0x80)
			w++;
	return w;
}

/* The visual column of byte `off` in the input. Asked in increasing
 * order, it goes on from the last answer on the same line: a matrix of one
 * megabyte-long row costs one pass over it, not one per token. */
static int col_of(struct grid *g, uint32_t off)
{
	uint32_t p;
	int c = 0;
	if (g->at_ok && g->at_off <= off) {
		p = g->at_off;
		c = g->at_col;
	} else {
		p = fmt_line_start(g->text, off);
	}
	for (; p < off; p++) {
		char ch = g->text[p];
		if (ch == '\n')
			c = 0;
		else if (ch == '\t')
			c = (c / g->tabw + 1) * g->tabw;
		else if (((unsigned char)ch & 0xc0) != 0x80)
			c++;
	}
	g->at_ok = 1;
	g->at_off = off;
	g->at_col = c;
	return c;
}

static int is_cell_start(const struct grid *g, uint32_t i)
{
	unsigned f = g->role[i].flags;
	return ((f & R_CELL) && !(f & R_ARGS)) || (f & R_BYTES);
}

static uint32_t next_sig(const struct grid *g, uint32_t i, uint32_t end)
{
	for (i++; i < end; i++)
		if (!dt_tok_is_trivia(g->t[i].kind))
			return i;
	return CST_NONE;
}

static int kind_of(const struct grid *g, uint32_t i, uint32_t end)
{
	int k = g->t[i].kind;
	if (k == TK_REF || k == TK_PATH_REF)
		return K_REF;
	uint32_t j = next_sig(g, i, end);
	if (k == TK_IDENT && j != CST_NONE && (g->role[j].flags & R_CALLOPEN))
		return K_CALL;
	return K_PLAIN;
}

static void mark(struct grid *g, uint32_t from, uint32_t to, int32_t v)
{
	for (uint32_t i = from; i <= to && i < g->n; i++)
		g->plan[i] = v;
}

/* Splits the data row of significant tokens [from, to] into entries. */
static void split_row(struct grid *g, struct row *row, uint32_t from, uint32_t to)
{
	row->e0 = g->ne;
	struct entry *cur = NULL;
	for (uint32_t i = from; i <= to; i++) {
		if (dt_tok_is_trivia(g->t[i].kind))
			continue;
		if (is_cell_start(g, i) || !cur) {
			int kind = kind_of(g, i, to + 1);
			if (!cur || cur->kind != K_REF || kind == K_REF ||
			    (kind == K_CALL && is_binding_macro(g, i))) {
				struct entry e = {.first = i, .last = i, .kind = kind, .col = -1};
				VEC_PUSH(g->e, g->ne, g->ecap, e);
				cur = &g->e[g->ne - 1];
				continue;
			}
		}
		cur->last = i;
	}
	row->ne = g->ne - row->e0;
}

/* The width of entry e laid out with one space wherever the input had
 * some; the start offset of each of its tokens goes to plan[] when
 * `at` >= 0. */
static int place_entry(struct grid *g, const struct entry *e, int at)
{
	int w = 0;
	for (uint32_t i = e->first; i <= e->last; i++) {
		if (dt_tok_is_trivia(g->t[i].kind))
			continue;
		if (i != e->first && (g->t[i].flags & TF_SPACE))
			w++;
		if (at >= 0)
			g->plan[i] = at + w;
		w += tok_width(g, i);
	}
	return w;
}

/* A row as written: each token at its own column, shifted with the block. */
static void keep_row(struct grid *g, const struct row *row, uint32_t end)
{
	for (uint32_t i = row->first; i < end; i++) {
		int k = g->t[i].kind;
		if (dt_tok_is_trivia(k) && k != TK_BLOCK_COMMENT)
			continue;
		int c = col_of(g, g->t[i].off) - row->origin;
		g->plan[i] = c < 0 ? 0 : c;
	}
}

/* Lays out the data rows of a grid. Returns 0, or -1 when the full rows are
 * not of one shape (the caller keeps every row as written). */
static int align(struct grid *g)
{
	size_t ncol = 0;
	for (size_t r = 0; r < g->nr; r++)
		if (g->r[r].type == ROW_DATA && g->r[r].ne > ncol)
			ncol = g->r[r].ne;
	if (ncol < 2)
		return -1;
	int *kind = xcalloc(ncol, sizeof(int));
	int *pos = xcalloc(ncol, sizeof(int));	/* leftmost start in the full rows */
	int *wfull = xcalloc(ncol, sizeof(int));
	int *wbox = xcalloc(ncol, sizeof(int));	/* widest entry followed by another */
	int *pitch = xcalloc(ncol, sizeof(int));
	int *cstart = xcalloc(ncol, sizeof(int));
	int nfull = 0, ok = 0;
	for (size_t r = 0; r < g->nr; r++) {
		struct row *row = &g->r[r];
		if (row->type != ROW_DATA || row->ne != ncol)
			continue;
		for (size_t k = 0; k < ncol; k++) {
			struct entry *e = &g->e[row->e0 + k];
			if (nfull == 0) {
				kind[k] = e->kind;
				pos[k] = e->s;
			} else if (kind[k] != e->kind) {
				goto out;
			}
			if (e->s < pos[k])
				pos[k] = e->s;
			if (e->w > wfull[k])
				wfull[k] = e->w;
		}
		row->how = FULL;
		nfull++;
	}
	/* the shorter rows */
	for (size_t r = 0; r < g->nr; r++) {
		struct row *row = &g->r[r];
		if (row->type != ROW_DATA || row->how == FULL || row->ne == 0)
			continue;
		struct entry *e = &g->e[row->e0];
		int left = e[0].s == pos[0];
		for (size_t j = 0; left && j < row->ne; j++)
			left = e[j].kind == kind[j];
		/* it must not widen a column: only its last entry may be
		 * wider than the keys above (nothing follows it) */
		for (size_t j = 0; left && j + 1 < row->ne; j++)
			left = e[j].w <= wfull[j];
		if (left) {
			row->how = LEFT;
			continue;
		}
		size_t k = 0;
		int above = 1;
		for (size_t j = 0; above && j < row->ne; j++) {
			while (k < ncol && pos[k] < e[j].s)
				k++;
			above = k < ncol && pos[k] == e[j].s && kind[k] == e[j].kind &&
				e[j].w <= wfull[k];
			if (above)
				e[j].col = (int)k++;
		}
		row->how = above ? ABOVE : KEEP;
	}
	/* widths and gaps from the rows in the grid */
	for (size_t k = 0; k < ncol; k++)
		pitch[k] = -1;
	for (size_t r = 0; r < g->nr; r++) {
		struct row *row = &g->r[r];
		if (row->how != FULL && row->how != LEFT)
			continue;
		struct entry *e = &g->e[row->e0];
		for (size_t j = 0; j < row->ne; j++) {
			e[j].col = (int)j;
			if (j + 1 < row->ne) {
				if (e[j].w > wbox[j])
					wbox[j] = e[j].w;
				int d = e[j + 1].s - e[j].s;
				if (pitch[j + 1] < 0 || d < pitch[j + 1])
					pitch[j + 1] = d;
			}
		}
	}
	cstart[0] = pos[0];
	for (size_t k = 1; k < ncol; k++) {
		int gap = pitch[k] - wbox[k - 1];
		if (gap < 1)
			gap = 1;
		cstart[k] = cstart[k - 1] + wbox[k - 1] + gap;
	}
	for (size_t r = 0; r < g->nr; r++) {
		struct row *row = &g->r[r];
		if (row->type != ROW_DATA || row->how == KEEP)
			continue;
		for (size_t j = 0; j < row->ne; j++) {
			struct entry *e = &g->e[row->e0 + j];
			place_entry(g, e, cstart[e->col]);
		}
	}
	ok = 1;
out:
	free(kind);
	free(pos);
	free(wfull);
	free(wbox);
	free(pitch);
	free(cstart);
	return ok ? 0 : -1;
}

/* Does a line comment draw a table ("// | TAB | Q |", box characters)? */
static int is_drawing(const struct grid *g, uint32_t i)
{
	const char *s = g->text + g->t[i].off;
	for (uint32_t k = 0; k < g->t[i].len; k++)
		if (s[k] == '|' || (unsigned char)s[k] >= 0x80)
			return 1;
	return 0;
}

/* The input column of a drawing in line comments right above the property
 * starting at token `stmt` (no blank line between), or -1. The drawing is
 * re-indented with the property, and the rows must move with it. */
static int drawing_above(struct grid *g, uint32_t stmt)
{
	int nls = 0;
	for (uint32_t i = stmt; i > 0; i--) {
		int k = g->t[i - 1].kind;
		if (k == TK_WS)
			continue;
		if (k == TK_NEWLINE && ++nls < 2)
			continue;
		if (k == TK_LINE_COMMENT && nls == 1) {
			uint32_t j = i - 1;
			while (j > 0 && g->t[j - 1].kind == TK_WS)
				j--;
			if (j > 0 && g->t[j - 1].kind != TK_NEWLINE)
				return -1;	/* a trailing comment */
			return is_drawing(g, i - 1) ? col_of(g, g->t[i - 1].off) : -1;
		}
		return -1;
	}
	return -1;
}

/* One cell list, '<' at token `open`, '>' at `close` (or a byte string
 * between '[' and ']'), of the property starting at token `stmt`. */
static void cell_list(struct grid *g, uint32_t stmt, uint32_t open, uint32_t close, int mode)
{
	g->ne = g->nr = 0;
	int lines = 0, hanging = 0, most = 0, parens = 0, labelled = 0;
	uint32_t row_from = CST_NONE, last_sig = CST_NONE;
	for (uint32_t i = open + 1; i <= close; i++) {
		int k = g->t[i].kind;
		if (k == TK_PP || k == TK_SPLICE || (g->role[i].flags & R_RAW))
			goto free_layout;
		parens += (k == TK_LPAREN) - (k == TK_RPAREN);
		if (k == TK_NEWLINE && parens > 0)
			goto free_layout;	/* an expression over several lines */
		if (k == TK_NEWLINE || i == close) {
			if (row_from != CST_NONE) {
				struct row row = {.type = ROW_DATA, .first = row_from, .how = KEEP,
						  .start = col_of(g, g->t[row_from].off)};
				if (lines == 0)
					hanging = 1;
				split_row(g, &row, row_from, last_sig);
				if ((int)row.ne > most)
					most = (int)row.ne;
				VEC_PUSH(g->r, g->nr, g->rcap, row);
				row_from = CST_NONE;
			}
			lines += k == TK_NEWLINE;
			continue;
		}
		if (k == TK_WS)
			continue;
		if (k == TK_LINE_COMMENT || k == TK_BLOCK_COMMENT) {
			uint32_t j = i + 1;
			while (j < close && g->t[j].kind == TK_WS)
				j++;
			int ends_line = j >= close || g->t[j].kind == TK_NEWLINE;
			if (row_from != CST_NONE) {
				/* trailing: layout puts it after the row */
				if (!ends_line)
					goto free_layout;
				continue;
			}
			if (!ends_line) {
				/* a comment labelling the row (interrupt-map
				 * tables): the rows stay as written */
				if (k != TK_BLOCK_COMMENT ||
				    memchr(g->text + g->t[i].off, '\n', g->t[i].len))
					goto free_layout;
				row_from = i;
				labelled = 1;
				continue;
			}
			if (lines == 0)
				continue;	/* after "<", ending its line */
			struct row row = {.type = ROW_COMMENT, .first = i,
					  .start = col_of(g, g->t[i].off)};
			VEC_PUSH(g->r, g->nr, g->rcap, row);
			continue;
		}
		if (row_from == CST_NONE)
			row_from = i;
		last_sig = i;
	}
	if (lines == 0 || most < 2)
		return;		/* not a matrix */
	if (mode == FMT_GRID_SINGLE)
		goto free_layout;
	/* origins: in a block, every row counts from the leftmost row, so
	 * that rows keep their offsets (a thumb row, a drawing); continued
	 * after "<a b", every row starts in the continuation column (the
	 * kernel's checker wants it under the first value) and counts from
	 * its own first token */
	int origin = -1;
	for (size_t r = hanging; r < g->nr; r++)
		if (origin < 0 || g->r[r].start < origin)
			origin = g->r[r].start;
	for (size_t r = 0; r < g->nr; r++) {
		struct row *row = &g->r[r];
		/* the kernel's checker wants every row in the continuation
		 * column: each counts from its own start (a row drawn further
		 * right, a thumb cluster, moves left with its spacing; the
		 * grid's columns are found among rows that all start there,
		 * as the next run sees them) */
		row->origin = hanging || g->k74 ? row->start : origin;
		for (size_t j = 0; j < row->ne; j++) {
			struct entry *e = &g->e[row->e0 + j];
			e->s = col_of(g, g->t[e->first].off) - row->origin;
			e->w = place_entry(g, e, -1);
		}
	}
	mark(g, open, close, GRID_FREE);
	/* Columns only in a block ("<" ending its line): a value written as
	 * "<a b c" and continued is what breaking a long line gives too, and
	 * the next run must leave that as it is */
	int aligned = mode == FMT_GRID_ALIGN && !hanging && !labelled && align(g) == 0;
	for (size_t r = 0; r < g->nr; r++) {
		struct row *row = &g->r[r];
		uint32_t end = r + 1 < g->nr ? g->r[r + 1].first : close;
		if (row->type == ROW_COMMENT) {
			int c = row->start - row->origin;
			g->plan[row->first] = c < 0 ? 0 : c;
		} else if (!aligned || row->how == KEEP) {
			uint32_t last = g->e[row->e0 + row->ne - 1].last;
			keep_row(g, row, last + 1 < end ? last + 1 : end);
		}
	}
	g->plan[close] = GRID_FREE;
	int drawn = hanging || g->k74 ? -1 : drawing_above(g, stmt);
	if (drawn >= 0) {
		/* the drawing goes to the property's column, one level left of
		 * the rows; the rows keep their distance to it */
		int shift = origin - drawn - g->unit;
		for (uint32_t i = open + 1; i < close; i++)
			if (GRID_AT(g->plan[i]))
				g->plan[i] += shift;
	}
	return;
free_layout:
	mark(g, open, close, GRID_FREE);
}

/* The cells of `<...>` (open .. close, one line) keep the spacing they
 * have, counted from the column after the '<'. */
static void keep_group(struct grid *g, uint32_t open, uint32_t close)
{
	for (uint32_t i = open + 1; i < close; i++) {
		int k = g->t[i].kind;
		if (k == TK_NEWLINE || k == TK_PP || k == TK_SPLICE || k == TK_LINE_COMMENT ||
		    k == TK_BLOCK_COMMENT || (g->role[i].flags & R_RAW))
			return;
	}
	int base = col_of(g, g->t[open].off) + 1;
	for (uint32_t i = open + 1; i < close; i++)
		if (!dt_tok_is_trivia(g->t[i].kind))
			g->plan[i] = col_of(g, g->t[i].off) - base;
}

/* Do some cells of the property starting at `stmt` have more than one
 * space between them (columns lined up)? Else the table is laid out as any
 * value (and broken at the line width). */
static int spaced(const struct grid *g, uint32_t stmt, uint32_t end)
{
	int in = 0;
	for (uint32_t i = stmt; i <= end; i++) {
		int k = g->t[i].kind;
		if (k == TK_CELL_OPEN || k == TK_CELL_CLOSE)
			in = k == TK_CELL_OPEN;
		else if (in && k == TK_WS && i + 1 <= end && g->t[i + 1].kind != TK_NEWLINE &&
			 i > 0 && g->t[i - 1].kind != TK_CELL_OPEN &&
			 (g->t[i].len > 1 || g->text[g->t[i].off] == '\t'))
			return 1;
	}
	return 0;
}

/* A property whose values (`<...>, <...>`, `"a", "b"`) run over several
 * lines: with several of them on one line, no line breaks are added; with
 * one value on each of several lines (a table such as ZMK's physical
 * layouts, an interrupt-map written one `<...>` a row) whose cells are
 * lined up in columns, the cells of each value keep their spacing (and a
 * value longer than the line stays one line). */
static void value_rows(struct grid *g, uint32_t stmt, uint32_t end)
{
	int lines = 0, on_line = 0, most = 0, rows = 0;
	for (uint32_t i = stmt; i <= end; i++) {
		int k = g->t[i].kind;
		if (k == TK_NEWLINE) {
			lines++;
			on_line = 0;
		} else if (g->role[i].flags & (R_FIRSTVAL | R_ENTRY)) {
			rows += on_line == 0;
			if (++on_line > most)
				most = on_line;
		}
	}
	if (lines && most >= 2)
		mark(g, stmt, end, GRID_FREE);
	if (rows < 2 || !spaced(g, stmt, end))
		return;
	for (uint32_t i = stmt; i <= end; i++) {
		if (g->t[i].kind != TK_CELL_OPEN)
			continue;
		uint32_t c = i + 1;
		while (c <= end && g->t[c].kind != TK_CELL_CLOSE)
			c++;
		if (c > end)
			return;
		keep_group(g, i, c);
		i = c;
	}
}

void fmt_grid_plan(const char *text, const struct dt_token *t, size_t n,
		   const struct tok_role *role, const struct fmt_options *o, int32_t *plan)
{
	for (size_t i = 0; i < n; i++)
		plan[i] = GRID_OFF;
	if (o->style == FMT_STYLE_DTS_LINTER)
		return;	/* dts-linter keeps rows but breaks those too long
			 * anywhere between cells, and Zephyr's CI wants
			 * exactly its text */
	struct grid g = {.text = text, .t = t, .n = n, .role = role, .plan = plan,
			 .tabw = o->tab_width > 0 ? o->tab_width : 8};
	g.unit = o->indent > 0 ? o->indent : g.tabw;
	g.k74 = o->style == FMT_STYLE_KERNEL;
	find_binding_macros(&g);
	for (uint32_t i = 0; i < n; i++) {
		if (!(role[i].flags & R_STMT) || role[i].stmt != CST_PROP)
			continue;
		uint32_t end = role[i].end;
		value_rows(&g, i, end);
		for (uint32_t j = i; j <= end && j < n; j++) {
			/* cells, and bytes ("[e5 20 f1 ff  ff ff ...") alike */
			int shut = t[j].kind == TK_CELL_OPEN ? TK_CELL_CLOSE :
				   t[j].kind == TK_LBRACKET ? TK_RBRACKET : -1;
			if (shut < 0)
				continue;
			uint32_t c = j + 1;
			while (c <= end && (int)t[c].kind != shut)
				c++;
			if (c > end)
				break;
			cell_list(&g, i, j, c, o->grid);
			j = c;
		}
		i = end;
	}
	free(g.e);
	free(g.r);
	free(g.mac);
}
