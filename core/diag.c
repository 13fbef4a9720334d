#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* A new diagnostic at the end of l, in `file`, with the message given. */
static void own_array(struct diag_list *l)
{
	if (!l->borrowed)
		return;
	struct diag *v = xmalloc((l->n ? l->n : 1) * sizeof(*v));
	if (l->n)
		memcpy(v, l->v, l->n * sizeof(*v));
	l->v = v;
	l->cap = l->n;
	l->borrowed = 0;
}

static struct diag *push_msg(struct diag_list *l, const char *file, int severity,
			     const char *rule, char *message)
{
	own_array(l);
	VEC_RESERVE(l->v, l->cap, l->n + 1);
	struct diag *d = &l->v[l->n++];
	memset(d, 0, sizeof(*d));
	d->file = xstrdup(file);
	d->severity = severity;
	d->rule = xstrdup(rule);
	d->message = message;
	return d;
}

/* A new diagnostic at the end of l, in `file`, with its text. */
static struct diag *push(struct diag_list *l, const char *file, int severity, const char *rule,
			 const char *fmt, va_list ap)
{
	return push_msg(l, file, severity, rule, xvformat(fmt, ap));
}

static void place(struct diag *d, const struct source *src, size_t start, size_t end)
{
	if (end < start)
		end = start;
	source_linecol(src, start, &d->line, &d->col);
	/* most findings end on the line they start on */
	size_t line_start = start - (d->col - 1);
	if (end <= src->len && (d->line >= src->nlines || end < src->line_starts[d->line])) {
		d->end_line = d->line;
		d->end_col = (unsigned)(end - line_start) + 1;
	} else {
		source_linecol(src, end, &d->end_line, &d->end_col);
	}
	d->off = (uint32_t)start;
	d->end_off = (uint32_t)end;
}

struct diag *diag_add_taking(struct diag_list *l, const struct source *src, size_t start,
			     size_t end, int severity, const char *rule, char *message)
{
	struct diag *d = push_msg(l, src->path, severity, rule, message);
	place(d, src, start, end);
	return d;
}

struct diag *diag_add(struct diag_list *l, const struct source *src, size_t start,
		      size_t end, int severity, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct diag *d = push(l, src->path, severity, rule, fmt, ap);
	va_end(ap);
	place(d, src, start, end);
	return d;
}

struct diag *diag_add_file(struct diag_list *l, const char *file, int severity,
			   const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct diag *d = push(l, file, severity, rule, fmt, ap);
	va_end(ap);
	return d;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Gives a borrowing diagnostic its own strings, so one can be replaced. */
static void own_strings(struct diag *d)
{
	if (!d->borrowed)
		return;
	d->file = dup_or_null(d->file);
	d->rule = dup_or_null(d->rule);
	d->message = dup_or_null(d->message);
	d->rel_file = dup_or_null(d->rel_file);
	d->rel_message = dup_or_null(d->rel_message);
	d->node = dup_or_null(d->node);
	d->prop = dup_or_null(d->prop);
	d->borrowed = 0;
}

void diag_set_related(struct diag *d, const struct source *src, size_t off,
		      const char *msg)
{
	own_strings(d);
	free(d->rel_file);
	free(d->rel_message);
	d->rel_file = xstrdup(src->path);
	source_linecol(src, off, &d->rel_line, &d->rel_col);
	d->rel_message = xstrdup(msg);
}

void diag_add_edit(struct diag *d, const struct source *src, size_t start, size_t end,
		   const char *text)
{
	own_strings(d);
	d->edits = xrealloc(d->edits, (d->nedits + 1) * sizeof(*d->edits));
	struct diag_edit *e = &d->edits[d->nedits++];
	if (end < start)
		end = start;
	e->file = xstrdup(src->path);
	e->off = (uint32_t)start;
	e->end_off = (uint32_t)end;
	source_linecol(src, start, &e->line, &e->col);
	source_linecol(src, end, &e->end_line, &e->end_col);
	e->text = xstrdup(text);
}

void diag_set_subject(struct diag *d, const char *node, const char *prop)
{
	own_strings(d);
	free(d->node);
	free(d->prop);
	d->node = node ? xstrdup(node) : NULL;
	d->prop = node && prop ? xstrdup(prop) : NULL;
}

void diag_set_scope(struct diag *d, const struct source *src, size_t start, size_t end)
{
	unsigned col;
	source_linecol(src, start, &d->scope_line, &col);
	source_linecol(src, end > start ? end - 1 : start, &d->scope_end_line, &col);
}

/* The strings of a finding, in the order they are packed. */
static char **strings_of(struct diag *d, char **v[7])
{
	v[0] = &d->file;
	v[1] = &d->rule;
	v[2] = &d->message;
	v[3] = &d->rel_file;
	v[4] = &d->rel_message;
	v[5] = &d->node;
	v[6] = &d->prop;
	return v[0];
}

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static int same_str(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

size_t diag_list_packed_size(const struct diag_list *l)
{
	if (!l->n)
		return 0;
	size_t n = align8(l->n * sizeof(l->v[0]));
	for (size_t i = 0; i < l->n; i++) {
		struct diag *d = &l->v[i];
		if (d->nedits)
			return 0;
		char **v[7], **pv[7];
		strings_of(d, v);
		if (i)
			strings_of(&l->v[i - 1], pv);
		for (size_t k = 0; k < 7; k++)
			if (*v[k] && !(i && same_str(*pv[k], *v[k])))
				n += strlen(*v[k]) + 1;
	}
	return n;
}

void diag_list_pack_into(struct diag_list *l, void *mem)
{
	struct diag *arr = mem;
	char *at = (char *)mem + align8(l->n * sizeof(l->v[0]));
	for (size_t i = 0; i < l->n; i++) {
		struct diag *d = &arr[i];
		*d = l->v[i];
		char **v[7], **pv[7];
		strings_of(d, v);
		if (i)
			strings_of(&arr[i - 1], pv);
		for (size_t k = 0; k < 7; k++) {
			char *s = *v[k];
			if (!s)
				continue;
			if (i && same_str(*pv[k], s)) {
				*v[k] = *pv[k];	/* the file, rule, node of the one before */
			} else {
				size_t len = strlen(s) + 1;
				*v[k] = memcpy(at, s, len);
				at += len;
			}
			if (!l->v[i].borrowed)
				free(s);
		}
		d->borrowed = 1;
	}
	if (!l->borrowed)
		free(l->v);
	l->v = arr;
	l->cap = l->n;
	l->borrowed = 1;
}

void diag_free(struct diag *d)
{
	if (d->borrowed) {
		memset(d, 0, sizeof(*d));
		return;
	}
	free(d->node);
	free(d->prop);
	free(d->file);
	free(d->rule);
	free(d->message);
	free(d->rel_file);
	free(d->rel_message);
	for (size_t i = 0; i < d->nedits; i++) {
		free(d->edits[i].file);
		free(d->edits[i].text);
	}
	free(d->edits);
	memset(d, 0, sizeof(*d));
}

void diag_list_free(struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		diag_free(&l->v[i]);
	if (!l->borrowed)
		free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
	l->borrowed = 0;
}

static int cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	c = strcmp(x->rule, y->rule);
	if (c)
		return c;
	return strcmp(x->message, y->message);
}

void diag_sort(struct diag_list *l)
{
	/* the lists of files checked in path order, put together, usually
	 * are sorted already: a look at each neighbour is cheaper than qsort */
	size_t i = 1;
	while (i < l->n && cmp(&l->v[i - 1], &l->v[i]) <= 0)
		i++;
	if (i < l->n)
		qsort(l->v, l->n, sizeof(l->v[0]), cmp);
}

static int same(const struct diag *x, const struct diag *y)
{
	return !strcmp(x->file, y->file) && x->off == y->off && x->end_off == y->end_off &&
	       x->line == y->line && x->severity == y->severity && !strcmp(x->rule, y->rule) &&
	       !strcmp(x->message, y->message);
}

void diag_dedup(struct diag_list *l)
{
	size_t w = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (w && same(&l->v[w - 1], &l->v[i])) {
			diag_free(&l->v[i]);
			continue;
		}
		l->v[w++] = l->v[i];
	}
	l->n = w;
}

void diag_list_move(struct diag_list *dst, struct diag_list *src)
{
	own_array(dst);
	VEC_RESERVE(dst->v, dst->cap, dst->n + src->n);
	if (src->n)
		memcpy(dst->v + dst->n, src->v, src->n * sizeof(src->v[0]));
	dst->n += src->n;
	if (!src->borrowed)
		free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
	src->borrowed = 0;
}

const char *diag_severity_name(int sev)
{
	switch (sev) {
	case DTIDY_SEV_ERROR: return "error";
	case DTIDY_SEV_WARNING: return "warning";
	case DTIDY_SEV_NOTE: return "note";
	default: return "off";
	}
}

void diag_list_copy(struct diag_list *dst, const struct diag_list *src)
{
	own_array(dst);
	for (size_t i = 0; i < src->n; i++) {
		const struct diag *s = &src->v[i];
		VEC_RESERVE(dst->v, dst->cap, dst->n + 1);
		struct diag *d = &dst->v[dst->n++];
		*d = *s;
		d->file = xstrdup(s->file);
		d->rule = xstrdup(s->rule);
		d->message = xstrdup(s->message);
		d->rel_file = s->rel_file ? xstrdup(s->rel_file) : NULL;
		d->rel_message = s->rel_message ? xstrdup(s->rel_message) : NULL;
		d->node = s->node ? xstrdup(s->node) : NULL;
		d->prop = s->prop ? xstrdup(s->prop) : NULL;
		d->edits = NULL;
		d->nedits = 0;
		d->borrowed = 0;
	}
}
