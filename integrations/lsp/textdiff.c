#include "textdiff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/hash.h"
#include "../../core/xalloc.h"

/* Beyond this many differences in one gap, the gap is replaced as a whole:
 * the edit script's memory grows with the square of its length. */
#define MYERS_MAX_D 1000

struct side {
	const char *text;
	size_t *off;		/* line i is text[off[i], off[i+1]) */
	uint64_t *hash;
	size_t n;
};

static void split(struct side *s, const char *text, size_t len)
{
	size_t cap = 64;
	s->text = text;
	s->off = xmalloc(cap * sizeof(*s->off));
	s->n = 0;
	size_t i = 0;
	s->off[0] = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		i = nl ? (size_t)(nl - text) + 1 : len;
		if (s->n + 2 > cap) {
			cap *= 2;
			s->off = xrealloc(s->off, cap * sizeof(*s->off));
		}
		s->off[++s->n] = i;
	}
	s->hash = xmalloc((s->n ? s->n : 1) * sizeof(*s->hash));
	for (size_t l = 0; l < s->n; l++)
		s->hash[l] = fnv1a64(text + s->off[l], s->off[l + 1] - s->off[l]);
}

static int line_eq(const struct side *a, size_t i, const struct side *b, size_t j)
{
	size_t la = a->off[i + 1] - a->off[i], lb = b->off[j + 1] - b->off[j];
	return a->hash[i] == b->hash[j] && la == lb &&
	       memcmp(a->text + a->off[i], b->text + b->off[j], la) == 0;
}

struct differ {
	struct side a, b;
	struct text_hunks *out;
};

static void emit(struct differ *df, size_t a0, size_t a1, size_t b0, size_t b1)
{
	if (a0 == a1 && b0 == b1)
		return;
	struct text_hunk h = {df->a.off[a0], df->a.off[a1], df->b.off[b0], df->b.off[b1]};
	struct text_hunks *o = df->out;
	if (o->n && o->v[o->n - 1].old_end == h.old_start &&
	    o->v[o->n - 1].new_end == h.new_start) {
		o->v[o->n - 1].old_end = h.old_end;
		o->v[o->n - 1].new_end = h.new_end;
		return;
	}
	VEC_PUSH(o->v, o->n, o->cap, h);
}

/* Shortest edit script between a[a0,a1) and b[b0,b1) (Myers' greedy
 * algorithm, keeping each round's frontier to walk back). Returns 0 when it
 * would need more than MYERS_MAX_D differences. */
static int myers(struct differ *df, size_t a0, size_t a1, size_t b0, size_t b1)
{
	long n = (long)(a1 - a0), m = (long)(b1 - b0);
	long dmax = n + m < MYERS_MAX_D ? n + m : MYERS_MAX_D;
	long *v = xcalloc((size_t)(2 * dmax + 3), sizeof(*v));
	long *trace = xmalloc((size_t)((dmax + 1) * (dmax + 1)) * sizeof(*trace));
	long base = dmax + 1, found = -1;
	for (long d = 0; d <= dmax && found < 0; d++) {
		for (long k = -d; k <= d; k += 2) {
			long x = (k == -d || (k != d && v[base + k - 1] < v[base + k + 1]))
					 ? v[base + k + 1]
					 : v[base + k - 1] + 1;
			long y = x - k;
			while (x < n && y < m && line_eq(&df->a, a0 + (size_t)x, &df->b, b0 + (size_t)y))
				x++, y++;
			v[base + k] = x;
			if (x >= n && y >= m)
				found = d;
		}
		memcpy(trace + d * d, v + base - d, (size_t)(2 * d + 1) * sizeof(*v));
	}
	free(v);
	if (found < 0) {
		free(trace);
		return 0;
	}
	char *da = xcalloc((size_t)n + 1, 1), *db = xcalloc((size_t)m + 1, 1);
	long x = n, y = m;
	for (long d = found; d > 0; d--) {
		const long *prev = trace + (d - 1) * (d - 1) + (d - 1);	/* prev[k], |k| < d */
		long k = x - y;
		int down = k == -d || (k != d && prev[k - 1] < prev[k + 1]);
		long pk = down ? k + 1 : k - 1;
		long px = prev[pk], py = px - pk;
		if (down)
			db[py] = 1;
		else
			da[px] = 1;
		x = px;
		y = py;
	}
	free(trace);
	long i = 0, j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && !da[i] && !db[j]) {
			i++, j++;
			continue;
		}
		long si = i, sj = j;
		while (i < n && da[i])
			i++;
		while (j < m && db[j])
			j++;
		emit(df, a0 + (size_t)si, a0 + (size_t)i, b0 + (size_t)sj, b0 + (size_t)j);
	}
	free(da);
	free(db);
	return 1;
}

static void gap(struct differ *df, size_t a0, size_t a1, size_t b0, size_t b1)
{
	while (a0 < a1 && b0 < b1 && line_eq(&df->a, a0, &df->b, b0))
		a0++, b0++;
	while (a0 < a1 && b0 < b1 && line_eq(&df->a, a1 - 1, &df->b, b1 - 1))
		a1--, b1--;
	if (a0 == a1 || b0 == b1 || !myers(df, a0, a1, b0, b1))
		emit(df, a0, a1, b0, b1);
}

struct slot {
	uint64_t hash;
	size_t ai, bi;		/* first occurrence on each side */
	unsigned na, nb;	/* occurrences, saturating at 2 */
	int used;
};

static struct slot *lookup(struct slot *tab, size_t mask, const struct side *s, size_t line,
			   const struct side *a, const struct side *b)
{
	size_t h = (size_t)s->hash[line] & mask;
	for (;; h = (h + 1) & mask) {
		struct slot *sl = &tab[h];
		if (!sl->used)
			return sl;
		if (sl->hash != s->hash[line])
			continue;
		int same = sl->na ? (s == a ? line_eq(a, sl->ai, a, line) : line_eq(a, sl->ai, b, line))
				  : (s == a ? line_eq(b, sl->bi, a, line) : line_eq(b, sl->bi, b, line));
		if (same)
			return sl;
	}
}

/* Lines that occur exactly once on each side, in a's order, reduced to the
 * longest run increasing in b too: those pair up without ambiguity. */
static size_t anchors(const struct differ *df, size_t a0, size_t a1, size_t b0, size_t b1,
		      size_t **ai_out, size_t **bi_out)
{
	size_t size = 16;
	while (size < 2 * ((a1 - a0) + (b1 - b0)))
		size *= 2;
	struct slot *tab = xcalloc(size, sizeof(*tab));
	for (int side = 0; side < 2; side++) {
		const struct side *s = side ? &df->b : &df->a;
		size_t lo = side ? b0 : a0, hi = side ? b1 : a1;
		for (size_t l = lo; l < hi; l++) {
			struct slot *sl = lookup(tab, size - 1, s, l, &df->a, &df->b);
			if (!sl->used) {
				sl->used = 1;
				sl->hash = s->hash[l];
			}
			if (side) {
				if (!sl->nb)
					sl->bi = l;
				sl->nb += sl->nb < 2;
			} else {
				if (!sl->na)
					sl->ai = l;
				sl->na += sl->na < 2;
			}
		}
	}
	/* candidates in a's order: walk a and look each line up again */
	size_t nc = 0;
	size_t *ca = xmalloc((a1 - a0 + 1) * sizeof(*ca)), *cb = xmalloc((a1 - a0 + 1) * sizeof(*cb));
	for (size_t l = a0; l < a1; l++) {
		struct slot *sl = lookup(tab, size - 1, &df->a, l, &df->a, &df->b);
		if (sl->na == 1 && sl->nb == 1) {
			ca[nc] = l;
			cb[nc] = sl->bi;
			nc++;
		}
	}
	free(tab);
	/* longest increasing subsequence of cb (patience sorting) */
	size_t *tops = xmalloc((nc + 1) * sizeof(*tops)), *prev = xmalloc((nc + 1) * sizeof(*prev));
	size_t ntops = 0;
	for (size_t i = 0; i < nc; i++) {
		size_t lo = 0, hi = ntops;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (cb[tops[mid]] < cb[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo ? tops[lo - 1] : SIZE_MAX;
		tops[lo] = i;
		if (lo == ntops)
			ntops++;
	}
	size_t *ai = xmalloc((ntops + 1) * sizeof(*ai)), *bi = xmalloc((ntops + 1) * sizeof(*bi));
	size_t k = ntops, i = ntops ? tops[ntops - 1] : SIZE_MAX;
	while (k > 0) {
		k--;
		ai[k] = ca[i];
		bi[k] = cb[i];
		i = prev[i];
	}
	free(tops);
	free(prev);
	free(ca);
	free(cb);
	*ai_out = ai;
	*bi_out = bi;
	return ntops;
}

void text_diff(const char *a, size_t alen, const char *b, size_t blen, struct text_hunks *out)
{
	struct differ df = {.out = out};
	split(&df.a, a, alen);
	split(&df.b, b, blen);
	size_t a0 = 0, a1 = df.a.n, b0 = 0, b1 = df.b.n;
	while (a0 < a1 && b0 < b1 && line_eq(&df.a, a0, &df.b, b0))
		a0++, b0++;
	while (a0 < a1 && b0 < b1 && line_eq(&df.a, a1 - 1, &df.b, b1 - 1))
		a1--, b1--;
	size_t *ai, *bi;
	size_t n = anchors(&df, a0, a1, b0, b1, &ai, &bi);
	size_t pa = a0, pb = b0;
	for (size_t i = 0; i < n; i++) {
		gap(&df, pa, ai[i], pb, bi[i]);
		pa = ai[i] + 1;
		pb = bi[i] + 1;
	}
	gap(&df, pa, a1, pb, b1);
	free(ai);
	free(bi);
	free(df.a.off);
	free(df.a.hash);
	free(df.b.off);
	free(df.b.hash);
}

void text_hunks_free(struct text_hunks *h)
{
	free(h->v);
	memset(h, 0, sizeof(*h));
}
