#include "fix.h"

#include <stdlib.h>
#include <string.h>

#include "../core/strbuf.h"
#include "../core/xalloc.h"

struct span {
	uint32_t off, end;
	const char *text;
};

static int overlaps(const struct span *v, size_t n, uint32_t off, uint32_t end)
{
	for (size_t i = 0; i < n; i++) {
		/* two insertions at one point would have no defined order */
		if (off == end && v[i].off == v[i].end && off == v[i].off)
			return 1;
		if (off < v[i].end && v[i].off < end)
			return 1;
		if (off == end && off > v[i].off && off < v[i].end)
			return 1;
	}
	return 0;
}

static int by_off(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

char *fix_apply(const char *file, const char *text, size_t len, const struct diag_list *l,
		size_t *newlen, size_t *napplied)
{
	struct span *acc = NULL;
	size_t n = 0, cap = 0;
	*napplied = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];
		size_t mine = 0, ok = 1;
		for (size_t j = 0; j < d->nedits; j++) {
			const struct diag_edit *e = &d->edits[j];
			if (strcmp(e->file, file))
				continue;
			mine++;
			if (e->end_off > len || e->off > e->end_off ||
			    overlaps(acc, n, e->off, e->end_off))
				ok = 0;
		}
		if (!mine || !ok)
			continue;
		size_t first = n;
		for (size_t j = 0; j < d->nedits && ok; j++) {
			const struct diag_edit *e = &d->edits[j];
			if (strcmp(e->file, file))
				continue;
			if (overlaps(acc + first, n - first, e->off, e->end_off)) {
				n = first;	/* the fix's own edits collide: drop it */
				ok = 0;
				break;
			}
			struct span s = {e->off, e->end_off, e->text};
			VEC_PUSH(acc, n, cap, s);
		}
		if (ok)
			(*napplied)++;
	}
	if (!n) {
		free(acc);
		return NULL;
	}
	qsort(acc, n, sizeof(*acc), by_off);
	struct strbuf b = {0};
	uint32_t at = 0;
	for (size_t i = 0; i < n; i++) {
		sb_put(&b, text + at, acc[i].off - at);
		sb_puts(&b, acc[i].text);
		at = acc[i].end;
	}
	sb_put(&b, text + at, len - at);
	free(acc);
	*newlen = b.len;
	char *out = xstrndup(sb_cstr(&b), b.len);
	sb_free(&b);
	return out;
}

const char **fix_files(const struct diag_list *l, size_t *n)
{
	const char **v = NULL;
	size_t cap = 0;
	*n = 0;
	for (size_t i = 0; i < l->n; i++)
		for (size_t j = 0; j < l->v[i].nedits; j++) {
			const char *f = l->v[i].edits[j].file;
			size_t k = 0;
			while (k < *n && strcmp(v[k], f))
				k++;
			if (k == *n)
				VEC_PUSH(v, *n, cap, f);
		}
	return v;
}
