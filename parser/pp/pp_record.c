/* The preprocessor's record for an editor (pp_opts.record): every
 * #define with its text, every macro use with what it expanded to, every
 * #include and /include/ with the file it found. Recorded while running
 * into malloc'd vectors; pp_rec_finish sorts them, merges the repeats (a
 * header read twice defines its macros twice at the same place) and moves
 * them into the arena the model keeps.
 *
 * A use's expansion is read back from the output: every token an
 * expansion writes carries the use's own bytes as its origin (its
 * arguments carry theirs, inside the use), so the output between the
 * first and the last token whose origin lies in the use is what it
 * became. */
#include <stdlib.h>
#include <string.h>

#include "../../core/xalloc.h"
#include "pp_internal.h"

/* Longest expansion kept, in bytes; longer ones end in "...". */
#define REC_MAX_EXPANSION 2000

static const char *tokens_text(struct pp *pp, const struct pp_tok *t)
{
	struct strbuf b = {0};
	for (; t && t->kind != PT_EOF; t = t->next) {
		if (b.len && (t->flags & (PF_SPACE | PF_BOL)))
			sb_putc(&b, ' ');
		sb_put(&b, t->p, t->len);
	}
	const char *s = arena_strndup(pp->keep, b.s ? b.s : "", b.len);
	sb_free(&b);
	return s;
}

void pp_rec_define(struct pp *pp, struct macro *m, const struct pp_tok *name_tok)
{
	if (!pp->recording)
		return;
	struct pp_macro_def d = {0};
	d.name = arena_strndup(pp->keep, m->name, m->len);
	/* -D definitions are tokenized from a string: no place in a file */
	int from_file = name_tok->file < pp->files.n && name_tok->end > name_tok->start;
	d.file = from_file ? name_tok->file : PP_NO_FILE;
	d.start = from_file ? name_tok->start : 0;
	d.end = from_file ? name_tok->end : 0;
	if (m->fn) {
		struct strbuf b = {0};
		sb_putc(&b, '(');
		for (size_t i = 0; i < m->nparams; i++) {
			const struct pp_tok *p = m->params[i];
			int va = m->variadic && i + 1 == m->nparams;
			if (i)
				sb_puts(&b, ", ");
			if (va && pp_tok_is(p, "__VA_ARGS__"))
				sb_puts(&b, "...");
			else
				sb_put(&b, p->p, p->len);
			if (va && !pp_tok_is(p, "__VA_ARGS__"))
				sb_puts(&b, "...");
		}
		sb_putc(&b, ')');
		d.params = arena_strndup(pp->keep, b.s, b.len);
		sb_free(&b);
	}
	d.body = tokens_text(pp, m->body);
	m->def = (uint32_t)pp->nrec_defs;
	VEC_PUSH(pp->rec_defs, pp->nrec_defs, pp->caprec_defs, d);
}

void pp_rec_use(struct pp *pp, const struct macro *m, const struct pp_tok *tok, uint32_t start,
		uint32_t end)
{
	if (!pp->recording || m->def == UINT32_MAX || (tok->flags & PF_EXP) ||
	    tok->file >= pp->files.n)
		return;
	struct pp_macro_use u = {.file = tok->file, .start = start, .end = end, .def = m->def};
	VEC_PUSH(pp->rec_uses, pp->nrec_uses, pp->caprec_uses, u);
}

void pp_rec_include(struct pp *pp, uint32_t file, uint32_t start, uint32_t end,
		    const struct pp_file *target, int raw)
{
	if (!pp->recording || file >= pp->files.n)
		return;
	struct pp_include in = {.file = file, .start = start, .end = end, .raw = raw};
	in.target = target ? (int32_t)pp_file_index(pp, target) : -1;
	VEC_PUSH(pp->rec_incs, pp->nrec_incs, pp->caprec_incs, in);
}

static void put_capped(struct strbuf *b, const char *s, size_t n)
{
	if (b->len >= REC_MAX_EXPANSION)
		return;
	if (b->len + n > REC_MAX_EXPANSION) {
		sb_put(b, s, REC_MAX_EXPANSION - b->len);
		sb_puts(b, "...");
		return;
	}
	sb_put(b, s, n);
}

void pp_rec_arg_uses(struct pp *pp, size_t first, const struct pp_tok *exp)
{
	struct strbuf b = {0};
	for (size_t i = first; i < pp->nrec_uses; i++) {
		struct pp_macro_use *u = &pp->rec_uses[i];
		if (u->expansion)
			continue;	/* a use nested deeper, already done */
		b.len = 0;
		int started = 0;
		for (const struct pp_tok *t = exp; t && t->kind != PT_EOF; t = t->next) {
			if (t->file != u->file || t->start < u->start || t->end > u->end) {
				if (started)
					break;	/* an expansion is one run of tokens */
				continue;
			}
			if (started && (t->flags & (PF_SPACE | PF_BOL)))
				put_capped(&b, " ", 1);
			put_capped(&b, t->p, t->len);
			started = 1;
		}
		if (started)
			u->expansion = arena_strndup(pp->keep, b.s, b.len);
	}
	sb_free(&b);
}

/* ---- finishing ---- */

static int cmp_place(uint32_t fa, uint32_t sa, uint32_t fb, uint32_t sb)
{
	if (fa != fb)
		return fa < fb ? -1 : 1;
	return sa < sb ? -1 : sa > sb;
}

static int cmp_use(const void *a, const void *b)
{
	const struct pp_macro_use *x = a, *y = b;
	int c = cmp_place(x->file, x->start, y->file, y->start);
	if (c)
		return c;
	return x->end > y->end ? -1 : x->end < y->end;	/* the wider first */
}

static int cmp_inc(const void *a, const void *b)
{
	const struct pp_include *x = a, *y = b;
	return cmp_place(x->file, x->start, y->file, y->start);
}

struct def_slot {
	struct pp_macro_def d;
	uint32_t old;
};

static int cmp_def(const void *a, const void *b)
{
	const struct def_slot *x = a, *y = b;
	int c = cmp_place(x->d.file, x->d.start, y->d.file, y->d.start);
	if (c)
		return c;
	return x->old < y->old ? -1 : x->old > y->old;
}

/* Definitions sorted and merged; uses renumbered to match. */
static void finish_defs(struct pp *pp)
{
	size_t n = pp->nrec_defs;
	struct def_slot *s = xmalloc((n ? n : 1) * sizeof(*s));
	for (size_t i = 0; i < n; i++)
		s[i] = (struct def_slot){pp->rec_defs[i], (uint32_t)i};
	if (n)
		qsort(s, n, sizeof(*s), cmp_def);
	uint32_t *map = xmalloc((n ? n : 1) * sizeof(*map));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		/* the same #define read again (-D ones are all kept) */
		int same = k && s[i].d.file != PP_NO_FILE && pp->rec_defs[k - 1].file == s[i].d.file &&
			   pp->rec_defs[k - 1].start == s[i].d.start;
		if (!same)
			pp->rec_defs[k++] = s[i].d;
		map[s[i].old] = (uint32_t)(k - 1);
	}
	pp->nrec_defs = k;
	for (size_t i = 0; i < pp->nrec_uses; i++)
		pp->rec_uses[i].def = map[pp->rec_uses[i].def];
	free(map);
	free(s);
}

static size_t merge_uses(struct pp *pp)
{
	if (pp->nrec_uses)
		qsort(pp->rec_uses, pp->nrec_uses, sizeof(*pp->rec_uses), cmp_use);
	size_t k = 0;
	for (size_t i = 0; i < pp->nrec_uses; i++) {
		const struct pp_macro_use *u = &pp->rec_uses[i];
		if (k && pp->rec_uses[k - 1].file == u->file && pp->rec_uses[k - 1].start == u->start &&
		    pp->rec_uses[k - 1].end == u->end)
			continue;
		pp->rec_uses[k++] = *u;
	}
	return pp->nrec_uses = k;
}

/* The output span of each use: [first, last) over the tokens whose origin
 * lies inside it. */
struct span {
	size_t first, last;
};

/* Index of the last use at or before (file, start), or SIZE_MAX. */
static size_t use_at_or_before(const struct pp_macro_use *u, size_t n, uint32_t file,
			       uint32_t start)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_place(u[mid].file, u[mid].start, file, start) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : SIZE_MAX;
}

static void find_expansions(struct pp *pp, const char *text, size_t len)
{
	size_t n = pp->nrec_uses;
	if (!n)
		return;
	struct span *sp = xmalloc(n * sizeof(*sp));
	for (size_t i = 0; i < n; i++)
		sp[i] = (struct span){SIZE_MAX, 0};
	for (size_t o = 0; o < pp->norg; o++) {
		const struct pp_origin *g = &pp->org[o];
		if (g->linear)
			continue;	/* bytes copied as written: no expansion there */
		size_t out_end = o + 1 < pp->norg ? pp->org[o + 1].out : len;
		size_t i = use_at_or_before(pp->rec_uses, n, g->file, g->start);
		/* the uses containing it: itself and the few it is nested in */
		for (int steps = 0; i != SIZE_MAX && steps < 32; steps++, i--) {
			const struct pp_macro_use *u = &pp->rec_uses[i];
			if (u->file != g->file)
				break;
			if (u->start <= g->start && g->end <= u->end) {
				if (g->out < sp[i].first)
					sp[i].first = g->out;
				if (out_end > sp[i].last)
					sp[i].last = out_end;
			}
			if (i == 0)
				break;
		}
	}
	struct strbuf b = {0};
	for (size_t i = 0; i < n; i++) {
		if (sp[i].first == SIZE_MAX || sp[i].last > len || pp->rec_uses[i].expansion)
			continue;
		b.len = 0;
		size_t a = sp[i].first, e = sp[i].last;
		while (e > a && (text[e - 1] == ' ' || text[e - 1] == '\n'))
			e--;
		for (size_t k = a; k < e && b.len < REC_MAX_EXPANSION; k++)
			sb_putc(&b, text[k] == '\n' ? ' ' : text[k]);
		if (e - a > REC_MAX_EXPANSION)
			sb_puts(&b, "...");
		pp->rec_uses[i].expansion = arena_strndup(pp->keep, b.s ? b.s : "", b.len);
	}
	sb_free(&b);
	free(sp);
}

#define KEEP(pp, v, n) \
	((n) ? memcpy(arena_alloc((pp)->keep, (n) * sizeof(*(v))), (v), (n) * sizeof(*(v))) : NULL)

void pp_rec_finish(struct pp *pp, struct pp_result *out)
{
	if (!pp->recording)
		return;
	finish_defs(pp);
	merge_uses(pp);
	find_expansions(pp, pp->out.s, pp->out.len);
	if (pp->nrec_incs)
		qsort(pp->rec_incs, pp->nrec_incs, sizeof(*pp->rec_incs), cmp_inc);
	size_t k = 0;
	for (size_t i = 0; i < pp->nrec_incs; i++)
		if (!k || cmp_inc(&pp->rec_incs[k - 1], &pp->rec_incs[i]) != 0)
			pp->rec_incs[k++] = pp->rec_incs[i];
	pp->nrec_incs = k;
	out->rec.defs = KEEP(pp, pp->rec_defs, pp->nrec_defs);
	out->rec.ndefs = pp->nrec_defs;
	out->rec.uses = KEEP(pp, pp->rec_uses, pp->nrec_uses);
	out->rec.nuses = pp->nrec_uses;
	out->rec.incs = KEEP(pp, pp->rec_incs, pp->nrec_incs);
	out->rec.nincs = pp->nrec_incs;
	free(pp->rec_defs);
	free(pp->rec_uses);
	free(pp->rec_incs);
}
