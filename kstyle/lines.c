/* A file as lines, classified from its tokens and CST. */
#include "lines.h"

#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"

static int is_stmt(int kind)
{
	return (kind >= CST_VERSION && kind <= CST_MACRO_STMT) || kind == CST_ERROR;
}

uint32_t style_last_sig(const struct style_file *sf, const struct cst *c)
{
	for (uint32_t i = c->te; i > c->tb; i--)
		if (i - 1 < sf->ntoks && !dt_tok_is_trivia(sf->toks[i - 1].kind) &&
		    sf->toks[i - 1].kind != TK_EOF)
			return i - 1;
	return STYLE_NONE;
}

uint32_t style_stmt_off(const struct style_file *sf, const struct cst *c)
{
	uint32_t t = style_first_sig(sf, c);
	return t == STYLE_NONE ? sf->toks[c->tb].off : sf->toks[t].off;
}

int style_is_root_body(const struct style_file *sf, const struct cst *body)
{
	if (!body || body->tok == CST_NONE || body->tok >= sf->ntoks)
		return 0;
	const struct dt_token *t = &sf->toks[body->tok];
	if (body->kind == CST_NODE)
		return t->kind == TK_SLASH;
	return body->kind == CST_REF_NODE && t->kind == TK_PATH_REF && t->len == 4 &&
	       !memcmp(sf->text + t->off, "&{/}", 4);
}

int style_macro_like(const char *s, size_t n)
{
	int underscore = 0;
	if (!n || !(s[0] >= 'A' && s[0] <= 'Z'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '_')
			underscore = 1;
		else if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	}
	return underscore;
}

/* The '}' closing a node: the last one in its range. */
static uint32_t close_brace(const struct style_file *sf, const struct cst *c)
{
	for (uint32_t i = c->te; i > c->tb; i--) {
		int k = sf->toks[i - 1].kind;
		if (k == TK_RBRACE)
			return c->tok2 != CST_NONE && i - 1 > c->tok2 ? i - 1 : STYLE_NONE;
		if (k != TK_SEMI && !dt_tok_is_trivia(k))
			return STYLE_NONE;
	}
	return STYLE_NONE;
}

static void mark_roles(struct style_file *sf, const struct cst *parent, size_t *bcap)
{
	CST_FOREACH(c, parent)
	{
		if (!is_stmt(c->kind))
			continue;
		uint32_t f = style_first_sig(sf, c);
		if (f != STYLE_NONE)
			sf->role[f] |= TR_STMT;
		if (!style_is_node(c))
			continue;
		if (c->tok2 != CST_NONE && c->tok2 < sf->ntoks && sf->toks[c->tok2].kind == TK_LBRACE)
			sf->role[c->tok2] |= TR_OPEN;
		uint32_t rb = close_brace(sf, c);
		if (rb != STYLE_NONE && (sf->role[c->tok2] & TR_OPEN))
			sf->role[rb] |= TR_CLOSE;
		VEC_PUSH(sf->bodies, sf->nbodies, *bcap, c);
		mark_roles(sf, c, bcap);
	}
}

/* The directive word of a preprocessor line ("if", "else", ...). */
static size_t pp_word(const char *s, size_t n, const char **w)
{
	size_t i = 0;
	while (i < n && (s[i] == '#' || s[i] == ' ' || s[i] == '\t'))
		i++;
	*w = s + i;
	size_t b = i;
	while (i < n && s[i] >= 'a' && s[i] <= 'z')
		i++;
	return i - b;
}

static int word_is(const char *w, size_t n, const char *lit)
{
	return n == strlen(lit) && !memcmp(w, lit, n);
}

static uint32_t new_branch(struct style_file *sf, uint32_t parent, size_t *cap)
{
	VEC_RESERVE(sf->branch_parent, *cap, sf->nbranches + 1);
	sf->branch_parent[sf->nbranches] = parent;
	return (uint32_t)sf->nbranches++;
}

/* Gives every token its #if branch, from the file's preprocessor lines
 * (pp[0, npp), token indices in order, which classify found): a token
 * before the first one, and any file without an #if, is in branch 0, as
 * sf->branch starts out. */
static void mark_branches(struct style_file *sf, const uint32_t *pp, size_t npp)
{
	size_t cap = 0;
	uint32_t *stack = NULL;
	size_t depth = 0, scap = 0;
	uint32_t cur = new_branch(sf, 0, &cap);
	size_t from = 0;	/* the first token not yet given a branch */
	for (size_t k = 0; k < npp; k++) {
		size_t i = pp[k];
		const struct dt_token *t = &sf->toks[i];
		/* the directive itself is in the branch it opens or closes */
		for (; cur && from <= i; from++)
			sf->branch[from] = cur;
		from = i + 1;
		const char *w;
		size_t n = pp_word(sf->text + t->off, t->len, &w);
		if (word_is(w, n, "if") || word_is(w, n, "ifdef") || word_is(w, n, "ifndef")) {
			/* the first #if: now the tokens need their branches
			 * (all of them 0 until here) */
			if (!sf->branch)
				sf->branch = xcalloc(sf->ntoks + 1, sizeof(*sf->branch));
			VEC_PUSH(stack, depth, scap, cur);
			cur = new_branch(sf, cur, &cap);
		} else if (depth && (word_is(w, n, "else") || word_is(w, n, "elif") ||
				     word_is(w, n, "elifdef") || word_is(w, n, "elifndef"))) {
			cur = new_branch(sf, stack[depth - 1], &cap);
		} else if (depth && word_is(w, n, "endif")) {
			cur = stack[--depth];
		}
	}
	for (; cur && from < sf->ntoks; from++)
		sf->branch[from] = cur;
	free(stack);
}

static int ancestor_or_self(const struct style_file *sf, uint32_t a, uint32_t b)
{
	for (;;) {
		if (a == b)
			return 1;
		if (b == 0)
			return 0;
		b = sf->branch_parent[b];
	}
}

int style_encloses(const struct style_file *sf, uint32_t a, uint32_t b)
{
	if (!sf->branch)
		return 1;	/* no #if: one configuration */
	return ancestor_or_self(sf, sf->branch[a], sf->branch[b]);
}

int style_same_config(const struct style_file *sf, uint32_t a, uint32_t b)
{
	if (!sf->branch)
		return 1;
	uint32_t ba = sf->branch[a], bb = sf->branch[b];
	return ancestor_or_self(sf, ba, bb) || ancestor_or_self(sf, bb, ba);
}

/* A line from its first byte to the next line's (or the end of the text). */
static struct style_line line_at(const struct style_file *sf, uint32_t at, uint32_t end, int nl)
{
	struct style_line l = {.start = at, .end = end};
	if (nl && l.end > l.start && sf->text[l.end - 1] == '\r')
		l.end--;
	l.indent_end = l.start;
	while (l.indent_end < l.end &&
	       (sf->text[l.indent_end] == ' ' || sf->text[l.indent_end] == '\t'))
		l.indent_end++;
	l.first_sig = l.last_sig = l.close = STYLE_NONE;
	return l;
}

static void lines_from_starts(struct style_file *sf, const uint32_t *starts, size_t n)
{
	sf->lines = xmalloc((n ? n : 1) * sizeof(*sf->lines));
	for (size_t i = 0; i < n; i++) {
		int nl = i + 1 < n;
		uint32_t end = nl ? starts[i + 1] - 1 : (uint32_t)sf->len;
		sf->lines[i] = line_at(sf, starts[i], end, nl);
	}
	sf->nlines = n;
	sf->starts = starts;
}

static void split_lines(struct style_file *sf)
{
	size_t cap = 0;
	uint32_t at = 0;
	/* kernel sources average about 25 bytes a line: one allocation
	 * for most files rather than a dozen reallocations */
	VEC_RESERVE(sf->lines, cap, sf->len / 24 + 16);
	for (;;) {
		const char *nl = memchr(sf->text + at, '\n', sf->len - at);
		uint32_t end = nl ? (uint32_t)(nl - sf->text) : (uint32_t)sf->len;
		struct style_line l = line_at(sf, at, end, nl != NULL);
		VEC_PUSH(sf->lines, sf->nlines, cap, l);
		if (!nl)
			break;
		at = end + 1;
	}
}

/* Gives each line its kind, depth and significant tokens; lists the
 * marked tokens (sf->marks) and the preprocessor lines (*pps). */
static void classify(struct style_file *sf, uint32_t **pps, size_t *npp)
{
	size_t ppcap = 0;
	size_t t = 0;
	int depth = 0;
	for (size_t li = 0; li < sf->nlines; li++) {
		struct style_line *l = &sf->lines[li];
		uint32_t next = li + 1 < sf->nlines ? sf->lines[li + 1].start : (uint32_t)sf->len + 1;
		/* a token that began on an earlier line and covers this one */
		int inside = 0;
		if (t > 0) {
			const struct dt_token *p = &sf->toks[t - 1];
			if (p->off < l->start && p->off + p->len > l->start)
				inside = p->kind;
		}
		l->depth = depth;
		int comment = 0, pp = 0;
		int first_seen = 0;
		for (; t < sf->ntoks && sf->toks[t].off < next && sf->toks[t].kind != TK_EOF; t++) {
			const struct dt_token *k = &sf->toks[t];
			if (k->kind == TK_WS || k->kind == TK_NEWLINE || k->kind == TK_SPLICE)
				continue;
			if (k->kind == TK_LINE_COMMENT || k->kind == TK_BLOCK_COMMENT) {
				comment = 1;
				continue;
			}
			if (k->kind == TK_PP) {
				VEC_PUSH(*pps, *npp, ppcap, (uint32_t)t);
				if (!first_seen && !comment)
					pp = 1;
				first_seen = 1;
				continue;
			}
			if (l->first_sig == STYLE_NONE)
				l->first_sig = (uint32_t)t;
			l->last_sig = (uint32_t)t;
			first_seen = 1;
			if (k->kind == TK_NAME || k->kind == TK_NUMBER)
				sf->words[sf->nwords++] = (uint32_t)t;
			else if (style_marked(k->kind))
				sf->marks[sf->nmarks++] = (uint32_t)t;
			if (sf->role[t] & TR_OPEN)
				depth++;
			if (sf->role[t] & TR_CLOSE) {
				if (l->close == STYLE_NONE)
					l->close = (uint32_t)t;
				if (depth > 0)
					depth--;
			}
		}
		if (l->indent_end == l->end)	/* nothing but blanks and tabs */
			l->kind = SL_BLANK;
		else if (inside == TK_PP)
			l->kind = SL_PP;
		else if (inside == TK_BLOCK_COMMENT)
			l->kind = SL_COMMENT_BODY;
		else if (pp)
			l->kind = SL_PP;
		else if (l->first_sig != STYLE_NONE)
			l->kind = SL_CODE;
		else
			l->kind = SL_COMMENT;
		if (l->first_sig != STYLE_NONE && (sf->role[l->first_sig] & TR_CLOSE) && l->depth > 0)
			l->depth--;
		if (l->kind == SL_CODE && !(sf->role[l->first_sig] & (TR_STMT | TR_CLOSE)))
			l->cont = 1;
	}
}

int style_open_text(struct style_file *sf, const char *text, size_t len,
		    const struct dt_token *toks, size_t ntoks, const struct cst_file *cst)
{
	return style_open_text_lines(sf, text, len, toks, ntoks, cst, NULL, 0);
}

int style_open_text_lines(struct style_file *sf, const char *text, size_t len,
			  const struct dt_token *toks, size_t ntoks, const struct cst_file *cst,
			  const uint32_t *starts, size_t nstarts)
{
	memset(sf, 0, sizeof(*sf));
	sf->text = text;
	sf->len = len;
	sf->toks = toks;
	sf->ntoks = ntoks;
	sf->cst = cst;
	sf->role = xcalloc(sf->ntoks + 1, 1);
	if (sf->cst->root) {
		size_t bcap = 0;
		VEC_PUSH(sf->bodies, sf->nbodies, bcap, sf->cst->root);
		mark_roles(sf, sf->cst->root, &bcap);
	}
	if (starts && nstarts)
		lines_from_starts(sf, starts, nstarts);
	else {
		split_lines(sf);
		sf->own_starts = xmalloc(sf->nlines * sizeof(*sf->own_starts));
		for (size_t i = 0; i < sf->nlines; i++)
			sf->own_starts[i] = sf->lines[i].start;
		sf->starts = sf->own_starts;
	}
	sf->marks = xmalloc((sf->ntoks + 1) * sizeof(*sf->marks));
	sf->words = xmalloc((sf->ntoks + 1) * sizeof(*sf->words));
	uint32_t *pp = NULL;
	size_t npp = 0;
	classify(sf, &pp, &npp);
	mark_branches(sf, pp, npp);
	free(pp);
	return 0;
}


void style_close(struct style_file *sf)
{
	if (sf->borrowed) {
		memset(sf, 0, sizeof(*sf));
		return;
	}
	free(sf->role);
	free(sf->branch);
	free(sf->branch_parent);
	free(sf->lines);
	free(sf->marks);
	free(sf->words);
	free(sf->bodies);
	free(sf->own_starts);
	memset(sf, 0, sizeof(*sf));
}

size_t style_line_of(const struct style_file *sf, uint32_t off)
{
	size_t lo = 0, hi = sf->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (sf->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

unsigned style_width(const char *text, uint32_t from, uint32_t to, unsigned tab_width)
{
	unsigned col = 0;
	if (!tab_width)
		tab_width = 8;
	for (uint32_t i = from; i < to; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\t')
			col = (col / tab_width + 1) * tab_width;
		else if ((c & 0xc0) != 0x80)
			col++;
	}
	return col;
}

void style_each_body(const struct style_file *sf,
		     void (*fn)(const struct style_file *sf, const struct cst *body, void *ud),
		     void *ud)
{
	for (size_t i = 0; i < sf->nbodies; i++)
		fn(sf, sf->bodies[i], ud);
}

/* The indent unit of a file: what its first indented line one level deep
 * uses (indent-unit-dts, indent-consistent). */
size_t style_indent_unit_line(const struct style_file *sf)
{
	for (size_t i = 0; i < sf->nlines; i++) {
		const struct style_line *l = &sf->lines[i];
		if (l->depth != 1 || l->kind == SL_BLANK || l->kind == SL_PP ||
		    l->kind == SL_COMMENT_BODY || l->indent_end == l->start)
			continue;
		return i;
	}
	return (size_t)-1;
}

int style_indent_is_tab(const struct style_file *sf, size_t line)
{
	const struct style_line *l = &sf->lines[line];
	return l->indent_end == l->start + 1 && sf->text[l->start] == '\t';
}
