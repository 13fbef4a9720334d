/* format --sort's last check: the file before and after sorting builds the
 * same tree. "The same" is what the source means, not the order dtc writes
 * it in: the same nodes, each with the same labels and the same properties
 * (values byte for byte, references by the node they point to, labels),
 * and the same memory reservations. The order of a node's properties and
 * children may differ, and so may the phandle numbers dtc hands out in
 * that order; explicit phandles must not. */
#include <stdlib.h>
#include <string.h>

#include "../core/strbuf.h"
#include "../core/xalloc.h"
#include "../parser/model/model.h"
#include "format.h"

static int by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void put_labels(struct strbuf *sb, const char *const *labels, size_t n)
{
	if (!n)
		return;	/* labels is NULL then: memcpy and qsort must not see it */
	const char **v = xmalloc(n * sizeof(*v));
	memcpy(v, labels, n * sizeof(*v));
	qsort(v, n, sizeof(*v), by_str);
	for (size_t i = 0; i < n; i++)
		sb_printf(sb, " %s:", v[i]);
	free(v);
}

/* A reference by its target's path (the phandle number is an artefact of
 * order), or as written when it does not resolve. */
static void put_ref(struct strbuf *sb, const struct dtidy_tree *t, const char *ref)
{
	const struct dtidy_node *n = dtidy_resolve(t, ref);
	char path[1024];
	if (n)
		sb_printf(sb, "&{%s}", dtidy_node_path(n, path, sizeof(path)));
	else
		sb_printf(sb, "&?%s", ref);
}

static void put_prop(struct strbuf *sb, const struct dtidy_tree *t, const struct dtidy_prop *p)
{
	sb_printf(sb, "  %s", p->name);
	put_labels(sb, p->labels, p->nlabels);
	if (!p->nlocs && (!strcmp(p->name, "phandle") || !strcmp(p->name, "linux,phandle"))) {
		sb_puts(sb, " (assigned)\n");
		return;
	}
	for (size_t i = 0; i < p->nchunks; i++) {
		const struct dtidy_chunk *c = &p->chunks[i];
		switch (c->kind) {
		case DTIDY_CHUNK_CELLS:
			sb_printf(sb, " /bits/ %u <", c->bits);
			for (size_t k = 0; k < c->n; k++) {
				if (c->cells[k].ref)
					put_ref(sb, t, c->cells[k].ref);
				else
					sb_printf(sb, "%llx", (unsigned long long)c->cells[k].val);
				sb_putc(sb, ' ');
			}
			sb_putc(sb, '>');
			break;
		case DTIDY_CHUNK_STRING:
		case DTIDY_CHUNK_BYTES:
			sb_puts(sb, c->kind == DTIDY_CHUNK_STRING ? " \"" : " [");
			for (size_t k = 0; k < c->n; k++)
				sb_printf(sb, "%02x", (unsigned char)c->data[k]);
			sb_putc(sb, c->kind == DTIDY_CHUNK_STRING ? '"' : ']');
			break;
		case DTIDY_CHUNK_PATH:
			sb_putc(sb, ' ');
			if (c->ref)
				put_ref(sb, t, c->ref);
			else
				sb_printf(sb, "%s", c->data ? c->data : "");
			break;
		}
	}
	sb_putc(sb, '\n');
}

static int by_name(const void *a, const void *b)
{
	const char *x = (*(const struct dtidy_node *const *)a)->name;
	const char *y = (*(const struct dtidy_node *const *)b)->name;
	return strcmp(x, y);
}

static int by_prop(const void *a, const void *b)
{
	const char *x = (*(const struct dtidy_prop *const *)a)->name;
	const char *y = (*(const struct dtidy_prop *const *)b)->name;
	return strcmp(x, y);
}

static void put_node(struct strbuf *sb, const struct dtidy_tree *t, const struct dtidy_node *n)
{
	char path[1024];
	sb_printf(sb, "%s", dtidy_node_path(n, path, sizeof(path)));
	put_labels(sb, n->labels, n->nlabels);
	sb_puts(sb, n->omit_if_no_ref ? " /omit-if-no-ref/\n" : "\n");
	const struct dtidy_prop **pv = NULL;
	size_t np = 0, pcap = 0;
	for (const struct dtidy_prop *p = n->props; p; p = p->next)
		VEC_PUSH(pv, np, pcap, p);
	if (np)
		qsort(pv, np, sizeof(*pv), by_prop);
	for (size_t i = 0; i < np; i++)
		put_prop(sb, t, pv[i]);
	free(pv);
	const struct dtidy_node **cv = NULL;
	size_t nc = 0, ccap = 0;
	for (const struct dtidy_node *c = n->child; c; c = c->next)
		VEC_PUSH(cv, nc, ccap, c);
	if (nc)
		qsort(cv, nc, sizeof(*cv), by_name);
	for (size_t i = 0; i < nc; i++)
		put_node(sb, t, cv[i]);
	free(cv);
}

static char *canonical(const struct model *m)
{
	struct strbuf sb = {0};
	const struct dtidy_tree *t = &m->tree;
	sb_printf(&sb, "plugin %d\n", t->plugin);
	for (size_t i = 0; i < t->nmemreserves; i++)
		sb_printf(&sb, "memreserve %llx %llx\n",
			  (unsigned long long)t->memreserves[i].address,
			  (unsigned long long)t->memreserves[i].size);
	if (t->root)
		put_node(&sb, t, t->root);
	return sb.s ? sb.s : xstrdup("");
}

struct override {
	const char *path, *text;
	size_t len;
};

static int read_override(void *ctx, const char *path, char **text, size_t *len)
{
	const struct override *o = ctx;
	if (strcmp(path, o->path))
		return 0;
	*text = xmalloc(o->len + 1);
	memcpy(*text, o->text, o->len);
	(*text)[o->len] = 0;
	*len = o->len;
	return 1;
}

static char *tree_of(const char *path, const char *text, size_t len,
		     const struct model_opts *mo)
{
	struct override ov = {path, text, len};
	struct model_opts o = *mo;
	o.read = read_override;
	o.read_ctx = &ov;
	o.cache = NULL;
	struct model *m = model_build(path, &o);
	char *s = canonical(m);
	model_free(m);
	return s;
}

/* The line where two canonical trees first differ, for the message. */
static char *first_difference(const char *a, const char *b)
{
	size_t i = 0, line = 0;
	while (a[i] && a[i] == b[i]) {
		if (a[i] == '\n')
			line = i + 1;
		i++;
	}
	const char *end = strchr(a + line, '\n');
	size_t n = end ? (size_t)(end - (a + line)) : strlen(a + line);
	if (n > 120)
		n = 120;
	return xstrndup(a + line, n);
}

int fmt_same_model(const char *path, const char *old, size_t oldlen, const char *now,
		   size_t nowlen, const struct model_opts *mo, char **why)
{
	char *a = tree_of(path, old, oldlen, mo);
	char *b = tree_of(path, now, nowlen, mo);
	int rc = strcmp(a, b) ? -1 : 0;
	*why = rc ? first_difference(a, b) : NULL;
	free(a);
	free(b);
	return rc;
}
