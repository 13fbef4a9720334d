/* Myers' O(ND) shortest edit script over lines, after trimming the common
 * head and tail. Formatting diffs are usually small; when one is not (D
 * beyond a few thousand lines) the middle is given as one replacement,
 * which is still a correct diff, just not the shortest. */
#include "udiff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "xalloc.h"

#define MAX_D 4000
#define CONTEXT 3

struct line {
	const char *s;
	size_t n;		/* with its '\n', if it has one */
	uint32_t h;
};

struct lines {
	struct line *v;
	size_t n, cap;
};

static void split(const char *t, size_t len, struct lines *out)
{
	size_t p = 0;
	while (p < len) {
		const char *nl = memchr(t + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - t) + 1 : len;
		struct line l = {t + p, e - p, fnv1a32(t + p, e - p)};
		VEC_PUSH(out->v, out->n, out->cap, l);
		p = e;
	}
}

static int same(const struct line *x, const struct line *y)
{
	return x->h == y->h && x->n == y->n && memcmp(x->s, y->s, x->n) == 0;
}

enum { OP_EQ, OP_DEL, OP_INS };

struct ops {
	unsigned char *v;
	size_t n, cap;
};

static void push(struct ops *o, int op, size_t count)
{
	for (size_t i = 0; i < count; i++)
		VEC_PUSH(o->v, o->n, o->cap, (unsigned char)op);
}

/* Edit script for a[0,n) -> b[0,m), appended to o. */
static void myers(const struct line *a, size_t n, const struct line *b, size_t m,
		  struct ops *o)
{
	size_t max = n + m;
	if (max == 0)
		return;
	size_t dlimit = max < MAX_D ? max : MAX_D;
	size_t off = dlimit + 1, width = 2 * dlimit + 3;
	long *v = xcalloc(width, sizeof(long));
	long **trace = xcalloc(dlimit + 1, sizeof(long *));
	long found = -1;
	for (size_t d = 0; d <= dlimit && found < 0; d++) {
		for (long k = -(long)d; k <= (long)d; k += 2) {
			long x;
			if (k == -(long)d || (k != (long)d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			long y = x - k;
			while (x < (long)n && y < (long)m && y >= 0 && same(&a[x], &b[y])) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= (long)n && y >= (long)m) {
				found = (long)d;
				break;
			}
		}
		trace[d] = xmalloc(width * sizeof(long));
		memcpy(trace[d], v, width * sizeof(long));
	}
	if (found < 0) {
		push(o, OP_DEL, n);
		push(o, OP_INS, m);
	} else {
		/* walk back from (n, m), collecting moves in reverse */
		struct ops rev = {0};
		long x = (long)n, y = (long)m;
		for (long d = found; d > 0; d--) {
			long *pv = trace[d - 1];
			long k = x - y;
			long pk;
			if (k == -d || (k != d && pv[off + k - 1] < pv[off + k + 1]))
				pk = k + 1;
			else
				pk = k - 1;
			long px = pv[off + pk], py = px - pk;
			while (x > px && y > py) {
				push(&rev, OP_EQ, 1);
				x--;
				y--;
			}
			if (pk == k + 1) {
				push(&rev, OP_INS, 1);
				y--;
			} else {
				push(&rev, OP_DEL, 1);
				x--;
			}
		}
		while (x > 0 && y > 0) {
			push(&rev, OP_EQ, 1);
			x--;
			y--;
		}
		for (size_t i = rev.n; i-- > 0;)
			VEC_PUSH(o->v, o->n, o->cap, rev.v[i]);
		free(rev.v);
	}
	for (size_t d = 0; d <= dlimit; d++)
		free(trace[d]);
	free(trace);
	free(v);
}

static void put_line(struct strbuf *out, char tag, const struct line *l)
{
	sb_putc(out, tag);
	sb_put(out, l->s, l->n);
	if (l->n == 0 || l->s[l->n - 1] != '\n')
		sb_puts(out, "\n\\ No newline at end of file\n");
}

/* The path as the headers name it, git's way: an absolute path loses its
 * leading '/' ("a//abs/x" would name "/abs/x" after -p1, which git apply
 * refuses), repeated '/' and "." components go (git apply refuses
 * "a/./x"); ".." stays, as git writes it. */
static char *header_path(const char *path)
{
	char *s = xmalloc(strlen(path) + 1);
	size_t n = 0;
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		size_t k = strcspn(p, "/");
		if (k == 1 && p[0] == '.') {
			p += k;
			continue;
		}
		if (n && k)
			s[n++] = '/';
		memcpy(s + n, p, k);
		n += k;
		p += k;
	}
	s[n] = '\0';
	return s;
}

void udiff(struct strbuf *out, const char *path, const char *a, size_t alen,
	   const char *b, size_t blen)
{
	if (alen == blen && memcmp(a, b, alen) == 0)
		return;
	struct lines la = {0}, lb = {0};
	split(a, alen, &la);
	split(b, blen, &lb);
	size_t head = 0;
	while (head < la.n && head < lb.n && same(&la.v[head], &lb.v[head]))
		head++;
	size_t tail = 0;
	while (tail < la.n - head && tail < lb.n - head &&
	       same(&la.v[la.n - 1 - tail], &lb.v[lb.n - 1 - tail]))
		tail++;
	struct ops o = {0};
	push(&o, OP_EQ, head);
	myers(la.v + head, la.n - head - tail, lb.v + head, lb.n - head - tail, &o);
	push(&o, OP_EQ, tail);

	char *name = header_path(path);
	sb_printf(out, "--- a/%s\n+++ b/%s\n", name, name);
	free(name);
	/* hunks: changes with up to CONTEXT equal lines around them; changes
	 * closer than 2*CONTEXT share a hunk */
	size_t i = 0;
	size_t ai = 0, bi = 0;	/* line index in a and b at op i */
	while (i < o.n) {
		if (o.v[i] == OP_EQ) {
			i++;
			ai++;
			bi++;
			continue;
		}
		size_t back = 0;
		while (back < CONTEXT && back < i && o.v[i - back - 1] == OP_EQ)
			back++;
		size_t start = i - back, as = ai - back, bs = bi - back;
		size_t end = i, ae = ai, be = bi;
		for (;;) {
			while (end < o.n && o.v[end] != OP_EQ) {
				if (o.v[end] == OP_DEL)
					ae++;
				else
					be++;
				end++;
			}
			size_t run = 0;
			while (end + run < o.n && o.v[end + run] == OP_EQ)
				run++;
			if (end + run < o.n && run <= 2 * CONTEXT) {
				end += run;
				ae += run;
				be += run;
				continue;
			}
			size_t ctx = run < CONTEXT ? run : CONTEXT;
			end += ctx;
			ae += ctx;
			be += ctx;
			break;
		}
		size_t an = ae - as, bn = be - bs;
		sb_printf(out, "@@ -%zu,%zu +%zu,%zu @@\n", an ? as + 1 : as, an, bn ? bs + 1 : bs, bn);
		size_t x = as, y = bs;
		for (size_t k = start; k < end; k++) {
			if (o.v[k] == OP_EQ) {
				put_line(out, ' ', &la.v[x]);
				x++;
				y++;
			} else if (o.v[k] == OP_DEL) {
				put_line(out, '-', &la.v[x++]);
			} else {
				put_line(out, '+', &lb.v[y++]);
			}
		}
		i = end;
		ai = ae;
		bi = be;
	}
	free(o.v);
	free(la.v);
	free(lb.v);
}
