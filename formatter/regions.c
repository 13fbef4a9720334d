/* Regions of the input that layout copies byte for byte: `format off` /
 * `format on` regions, everything outside the lines asked for, the part of
 * a broken file after its first error. Regions are whole lines, widened so
 * that no statement or multi-line token is cut in two. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"
#include "../lexer/token.h"
#include "fmt_internal.h"

uint32_t fmt_line_start(const char *text, uint32_t off)
{
	while (off > 0 && text[off - 1] != '\n')
		off--;
	return off;
}

uint32_t fmt_line_end(const char *text, size_t len, uint32_t off)
{
	const char *nl = off < len ? memchr(text + off, '\n', len - off) : NULL;
	return nl ? (uint32_t)(nl - text) + 1 : (uint32_t)len;
}

static int has(const char *s, size_t n, const char *what)
{
	size_t w = strlen(what);
	for (size_t i = 0; i + w <= n; i++)
		if (memcmp(s + i, what, w) == 0)
			return 1;
	return 0;
}

static int marker(const char *s, size_t n, const char *state)
{
	char a[32], b[32];
	snprintf(a, sizeof(a), "dtidy-format %s", state);
	snprintf(b, sizeof(b), "dts-format %s", state);
	return has(s, n, a) || has(s, n, b);
}

void fmt_find_off_regions(const char *text, size_t len, const struct dt_token *t,
			  size_t n, struct fmt_spans *out)
{
	int off = 0;
	struct fmt_span cur = {0, 0};
	for (size_t i = 0; i < n; i++) {
		if (t[i].kind != TK_LINE_COMMENT && t[i].kind != TK_BLOCK_COMMENT)
			continue;
		const char *s = text + t[i].off;
		if (!off && marker(s, t[i].len, "off")) {
			off = 1;
			cur.start = fmt_line_start(text, t[i].off);
		} else if (off && marker(s, t[i].len, "on")) {
			off = 0;
			cur.end = fmt_line_end(text, len, t[i].off + t[i].len - 1);
			VEC_PUSH(out->v, out->n, out->cap, cur);
		}
	}
	if (off) {
		cur.end = (uint32_t)len;
		VEC_PUSH(out->v, out->n, out->cap, cur);
	}
}

/* Where the statement at token `i` starts, counting the line comments right
 * above it (no blank line between): a drawing over a keymap's rows moves
 * with them (grid.c), so a range that takes the statement takes it too. */
static uint32_t with_comments_above(const struct dt_token *t, size_t i)
{
	uint32_t start = t[i].off;
	int nls = 0;
	for (size_t j = i; j > 0; j--) {
		int k = t[j - 1].kind;
		if (k == TK_WS)
			continue;
		if (k == TK_NEWLINE) {
			if (++nls > 1)
				break;
			continue;
		}
		if (k != TK_LINE_COMMENT || nls != 1)
			break;
		size_t m = j - 1;
		while (m > 0 && t[m - 1].kind == TK_WS)
			m--;
		if (m > 0 && t[m - 1].kind != TK_NEWLINE)
			break;	/* trailing another statement */
		start = t[j - 1].off;
		nls = 0;
	}
	return start;
}

static int by_start(const void *a, const void *b)
{
	const struct fmt_span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static void merge(struct fmt_spans *s)
{
	if (s->n < 2)
		return;
	qsort(s->v, s->n, sizeof(*s->v), by_start);
	size_t w = 0;
	for (size_t r = 1; r < s->n; r++) {
		if (s->v[r].start <= s->v[w].end) {
			if (s->v[r].end > s->v[w].end)
				s->v[w].end = s->v[r].end;
		} else {
			s->v[++w] = s->v[r];
		}
	}
	s->n = w + 1;
}

void fmt_spans_settle(struct fmt_spans *s, const struct cst_file *f,
		      const struct tok_role *role, const char *text, size_t len)
{
	if (!s->n)
		return;
	/* byte ranges that must not be cut */
	struct fmt_span *keep = NULL;
	size_t nk = 0, ck = 0;
	const struct dt_token *t = f->toks;
	for (size_t i = 0; i < f->ntoks; i++) {
		if (t[i].kind == TK_EOF)
			break;
		if (dt_tok_is_trivia(t[i].kind) && t[i].kind != TK_NEWLINE &&
		    memchr(text + t[i].off, '\n', t[i].len)) {
			struct fmt_span k = {t[i].off, t[i].off + t[i].len};
			VEC_PUSH(keep, nk, ck, k);
		}
		if (!(role[i].flags & R_STMT))
			continue;
		uint32_t end = role[i].end;
		struct fmt_span k = {t[i].off, t[end].off + t[end].len};
		if (role[i].stmt == CST_NODE || role[i].stmt == CST_REF_NODE) {
			/* the head up to '{', and the '};' */
			for (uint32_t j = (uint32_t)i; j <= end; j++)
				if (role[j].flags & R_OPEN) {
					k.end = t[j].off + 1;
					break;
				}
			VEC_PUSH(keep, nk, ck, k);
			for (uint32_t j = end + 1; j-- > i;)
				if (role[j].flags & R_CLOSE) {
					struct fmt_span tail = {t[j].off, t[end].off + t[end].len};
					VEC_PUSH(keep, nk, ck, tail);
					break;
				}
			continue;
		}
		k.start = with_comments_above(t, i);
		VEC_PUSH(keep, nk, ck, k);
	}
	int changed = 1;
	while (changed) {
		changed = 0;
		for (size_t r = 0; r < s->n; r++) {
			struct fmt_span *sp = &s->v[r];
			for (size_t k = 0; k < nk; k++) {
				if (keep[k].start < sp->start && sp->start < keep[k].end) {
					sp->start = fmt_line_start(text, keep[k].start);
					changed = 1;
				}
				if (keep[k].start < sp->end && sp->end < keep[k].end) {
					sp->end = fmt_line_end(text, len, keep[k].end - 1);
					changed = 1;
				}
			}
		}
		merge(s);
	}
	free(keep);
}
