#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* A new diagnostic at the end of l, in `file`, with the message given. */
/* d->file and d->rule in one allocation (d->rule points into d->file's,
 * which diag_free frees): a style-only check makes tens of thousands of
 * findings, and each malloc and free showed in its profile. */
static void set_names(struct diag *d, const char *file, const char *rule)
{
	size_t fn = strlen(file) + 1, rn = strlen(rule) + 1;
	char *b = xmalloc(fn + rn);
	memcpy(b, file, fn);
	memcpy(b + fn, rule, rn);
	d->file = b;
	d->rule = b + fn;
}

static struct diag *push_msg(struct diag_list *l, const char *file, int severity,
			     const char *rule, char *message)
{
	VEC_RESERVE(l->v, l->cap, l->n + 1);
	struct diag *d = &l->v[l->n++];
	memset(d, 0, sizeof(*d));
	set_names(d, file, rule);
	d->severity = severity;
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

void diag_set_related(struct diag *d, const struct source *src, size_t off,
		      const char *msg)
{
	free(d->rel_file);
	free(d->rel_message);
	d->rel_file = xstrdup(src->path);
	source_linecol(src, off, &d->rel_line, &d->rel_col);
	d->rel_message = xstrdup(msg);
}

void diag_add_edit(struct diag *d, const struct source *src, size_t start, size_t end,
		   const char *text)
{
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

void diag_free(struct diag *d)
{
	free(d->node);
	free(d->prop);
	free(d->file);	/* and d->rule, which lives in its allocation */
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
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
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
	VEC_RESERVE(dst->v, dst->cap, dst->n + src->n);
	if (src->n)
		memcpy(dst->v + dst->n, src->v, src->n * sizeof(src->v[0]));
	dst->n += src->n;
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
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
	for (size_t i = 0; i < src->n; i++) {
		const struct diag *s = &src->v[i];
		VEC_RESERVE(dst->v, dst->cap, dst->n + 1);
		struct diag *d = &dst->v[dst->n++];
		*d = *s;
		set_names(d, s->file, s->rule);
		d->message = xstrdup(s->message);
		d->rel_file = s->rel_file ? xstrdup(s->rel_file) : NULL;
		d->rel_message = s->rel_message ? xstrdup(s->rel_message) : NULL;
		d->node = s->node ? xstrdup(s->node) : NULL;
		d->prop = s->prop ? xstrdup(s->prop) : NULL;
		d->edits = NULL;
		d->nedits = 0;
	}
}
