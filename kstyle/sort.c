/* format --sort: every body of a file put into the kernel's orders at once.
 * Each body that needs it becomes one edit: its statements' chunks (whole
 * lines, with their comments) are dealt into the slots in the wanted order,
 * each order over its own slots (properties into property slots, nodes with
 * addresses into theirs, named nodes into theirs), and what lies between
 * slots stays. Edits nest (a node moves with its sorted body), so the new
 * text is written recursively. */
#include "sort.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/strbuf.h"
#include "../core/xalloc.h"
#include "order.h"
#include "reorder.h"

struct edit {
	uint32_t start, end;	/* from the first chunk's start to the last one's end */
	size_t n;
	struct style_sort_span *ch;	/* chunks in source order */
	size_t *from;		/* from[i]: the chunk that goes into slot i */
};

struct sorter {
	const struct style_sort_span *frozen;
	size_t nfrozen;
	struct edit *edits;
	size_t nedits, capedits;
	struct style_sort_result *r;
	size_t capnotes;
};

/* A statement of the body with the order it belongs to. */
struct item {
	const struct cst *c;
	int group;
	size_t at;		/* its index in the group */
};

static void note(struct sorter *s, const struct style_file *sf, const struct cst *body,
		 const struct item *first, const char *why)
{
	struct style_sort_note n;
	char buf[320];
	if (body->kind == CST_FILE) {
		n.off = style_stmt_off(sf, first->c);
		snprintf(buf, sizeof(buf), "top-level statements left in their order: %s", why);
	} else {
		const struct dt_token *t = &sf->toks[body->tok];
		n.off = t->off;
		snprintf(buf, sizeof(buf), "'%s%.*s' left in its order: %s",
			 body->kind == CST_REF_NODE && t->kind != TK_REF ? "&" : "", (int)t->len,
			 sf->text + t->off, why);
	}
	n.msg = xstrdup(buf);
	VEC_PUSH(s->r->notes, s->r->nnotes, s->capnotes, n);
}

/* May the chunks of this body move, given the frozen spans? 1: yes; 0: no,
 * say why; -1: no, silently (the whole body lies in one frozen span). */
static int frozen_ok(const struct sorter *s, const struct style_file *sf,
		     const struct item *items, const struct style_sort_span *ch, size_t n)
{
	uint32_t a = ch[0].start, b = ch[n - 1].end;
	for (size_t f = 0; f < s->nfrozen; f++) {
		const struct style_sort_span *F = &s->frozen[f];
		if (F->end <= a || F->start >= b)
			continue;
		if (F->start <= a && F->end >= b)
			return -1;
		/* inside the body of one of the nodes that move: moved whole */
		int inside = 0;
		for (size_t k = 0; k < n && !inside; k++) {
			const struct cst *c = items[k].c;
			inside = style_is_node(c) && c->tok2 != CST_NONE && c->tok2 < sf->ntoks &&
				 F->start > sf->toks[c->tok2].off && F->end <= ch[k].end;
		}
		if (!inside)
			return 0;
	}
	return 1;
}

static void body_fn(const struct style_file *sf, const struct cst *body, void *ud)
{
	struct sorter *s = ud;
	struct style_group g[SG__COUNT];
	size_t *order[SG__COUNT];
	size_t total = 0;
	int moved = 0;
	for (int k = 0; k < SG__COUNT; k++) {
		style_group_init(&g[k], sf, body, k);
		order[k] = style_sorted_order(sf, g[k].items, g[k].n, style_group_cmp, &g[k]);
		for (size_t i = 0; i < g[k].n; i++)
			moved |= order[k][i] != i;
		total += g[k].n;
	}
	struct item *items = NULL;
	struct style_sort_span *ch = NULL;
	if (!moved)
		goto out;
	/* the items of all three orders, in source order */
	items = xmalloc(total * sizeof(*items));
	size_t n = 0, at[SG__COUNT] = {0};
	CST_FOREACH(c, body)
	{
		for (int k = 0; k < SG__COUNT; k++)
			if (at[k] < g[k].n && g[k].items[at[k]] == c) {
				items[n++] = (struct item){c, k, at[k]++};
				break;
			}
	}
	char why[200];
	if (style_reorder_refusal(sf, body, why, sizeof(why))) {
		note(s, sf, body, &items[0], why);
		goto out;
	}
	ch = xmalloc(n * sizeof(*ch));
	for (size_t i = 0; i < n; i++) {
		if (style_chunk_of(sf, items[i].c, &ch[i].start, &ch[i].end) < 0 ||
		    (i && ch[i].start < ch[i - 1].end)) {
			note(s, sf, body, &items[0], "a statement shares a line with another");
			goto out;
		}
	}
	int fz = frozen_ok(s, sf, items, ch, n);
	if (fz <= 0) {
		if (fz == 0)
			note(s, sf, body, &items[0], "a dtidy-format off region lies among its "
						      "statements");
		goto out;
	}
	/* slot i keeps its group; it gets that group's wanted item */
	struct edit e = {ch[0].start, ch[n - 1].end, n, ch, xmalloc(n * sizeof(size_t))};
	size_t *src_of[SG__COUNT];
	for (int k = 0; k < SG__COUNT; k++)
		src_of[k] = xmalloc((g[k].n ? g[k].n : 1) * sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		src_of[items[i].group][items[i].at] = i;
	for (size_t i = 0; i < n; i++) {
		int k = items[i].group;
		e.from[i] = src_of[k][order[k][items[i].at]];
	}
	for (int k = 0; k < SG__COUNT; k++)
		free(src_of[k]);
	VEC_PUSH(s->edits, s->nedits, s->capedits, e);
	ch = NULL;
	s->r->nsorted++;
out:
	free(ch);
	free(items);
	for (int k = 0; k < SG__COUNT; k++) {
		free(order[k]);
		style_group_free(&g[k]);
	}
}

static int by_start(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* The first edit starting at or after off. */
static size_t first_edit(const struct sorter *s, uint32_t off)
{
	size_t lo = 0, hi = s->nedits;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->edits[mid].start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* text[from, to) with every edit inside it applied (an edit's own chunks
 * start where it does: only edits that end by `to` are inside). */
static void emit(const struct sorter *s, const char *text, uint32_t from, uint32_t to,
		 struct strbuf *out)
{
	uint32_t at = from;
	for (size_t e = first_edit(s, from); e < s->nedits && s->edits[e].start < to;) {
		const struct edit *E = &s->edits[e];
		if (E->end > to) {
			e++;
			continue;
		}
		sb_put(out, text + at, E->start - at);
		for (size_t i = 0; i < E->n; i++) {
			const struct style_sort_span *c = &E->ch[E->from[i]];
			emit(s, text, c->start, c->end, out);
			if (i + 1 < E->n)
				emit(s, text, E->ch[i].end, E->ch[i + 1].start, out);
		}
		at = E->end;
		e = first_edit(s, at);
	}
	sb_put(out, text + at, to - at);
}

int style_sort_text(const char *text, size_t len, const struct dt_token *toks, size_t ntoks,
		    const struct cst_file *cst, const struct style_sort_span *frozen,
		    size_t nfrozen, struct style_sort_result *r)
{
	memset(r, 0, sizeof(*r));
	struct style_file sf;
	style_open_text(&sf, text, len, toks, ntoks, cst);
	struct sorter s = {.frozen = frozen, .nfrozen = nfrozen, .r = r};
	style_each_body(&sf, body_fn, &s);
	style_close(&sf);
	int rc = 0;
	if (s.nedits) {
		qsort(s.edits, s.nedits, sizeof(*s.edits), by_start);
		struct strbuf out = {0};
		emit(&s, text, 0, (uint32_t)len, &out);
		r->len = out.len;
		r->text = out.s ? out.s : xstrdup("");
		if (!style_same_statements(text, len, r->text, r->len)) {
			free(r->text);
			r->text = NULL;
			r->len = 0;
			rc = -1;
		}
	}
	for (size_t i = 0; i < s.nedits; i++) {
		free(s.edits[i].ch);
		free(s.edits[i].from);
	}
	free(s.edits);
	return rc;
}

void style_sort_result_free(struct style_sort_result *r)
{
	for (size_t i = 0; i < r->nnotes; i++)
		free(r->notes[i].msg);
	free(r->notes);
	free(r->text);
	memset(r, 0, sizeof(*r));
}

static int by_off(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static int is_status(const struct style_file *sf, const struct cst *c)
{
	if (c->kind != CST_PROP || c->tok >= sf->ntoks)
		return 0;
	const struct dt_token *t = &sf->toks[c->tok];
	return t->len == 6 && !memcmp(sf->text + t->off, "status", 6);
}

struct blanks {
	const struct style_sort_span *frozen;
	size_t nfrozen;
	uint32_t *at;		/* where a blank line goes in */
	size_t n, cap;
};

static void status_fn(const struct style_file *sf, const struct cst *body, void *ud)
{
	struct blanks *b = ud;
	const struct cst *prev = NULL;
	CST_FOREACH(c, body)
	{
		uint32_t s, e;
		if (body->kind != CST_FILE && prev && is_status(sf, c) &&
		    style_chunk_of(sf, c, &s, &e) == 0) {
			size_t pl = style_line_of(sf, sf->toks[style_last_sig(sf, prev)].off);
			size_t cl = style_line_of(sf, sf->toks[style_first_sig(sf, c)].off);
			int blank = 0;
			for (size_t i = pl + 1; i < cl && !blank; i++)
				blank = sf->lines[i].kind == SL_BLANK;
			for (size_t f = 0; f < b->nfrozen && !blank; f++)
				blank = s >= b->frozen[f].start && s < b->frozen[f].end;
			if (!blank && pl < style_line_of(sf, s))
				VEC_PUSH(b->at, b->n, b->cap, s);
		}
		if (style_first_sig(sf, c) != STYLE_NONE)
			prev = c;
	}
}

char *style_blank_before_status(const char *text, size_t len, const struct dt_token *toks,
				size_t ntoks, const struct cst_file *cst,
				const struct style_sort_span *frozen, size_t nfrozen,
				size_t *newlen)
{
	struct style_file sf;
	style_open_text(&sf, text, len, toks, ntoks, cst);
	struct blanks b = {.frozen = frozen, .nfrozen = nfrozen};
	style_each_body(&sf, status_fn, &b);
	style_close(&sf);
	if (!b.n)
		return NULL;
	qsort(b.at, b.n, sizeof(*b.at), by_off);
	/* the file's own line ending */
	const char *nl = memchr(text, '\n', len);
	const char *eol = nl && nl > text && nl[-1] == '\r' ? "\r\n" : "\n";
	struct strbuf out = {0};
	uint32_t at = 0;
	for (size_t i = 0; i < b.n; i++) {
		sb_put(&out, text + at, b.at[i] - at);
		sb_puts(&out, eol);
		at = b.at[i];
	}
	sb_put(&out, text + at, len - at);
	free(b.at);
	*newlen = out.len;
	return out.s;
}
