/* Views: a board's model kept for navigation, and the index of what is
 * written where in its files (see view.h). */
#include "view.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../core/xalloc.h"
#include "server.h"

/* ---- building ---- */

/* The model reads open buffers instead of their files. */
static int read_open(void *ctx, const char *path, char **text, size_t *len)
{
	struct lsp_server *s = ctx;
	*text = lsp_read_open_buffer(s, path, len);
	return *text != NULL;
}

/* Without an engine (its configuration does not load) the tree is still
 * worth navigating: built with the command line's include directories. */
static struct model *model_without_engine(struct lsp_server *s, const char *path)
{
	struct model_opts mo = {
		.incdirs = (const char *const *)s->eo->incdirs,
		.nincdirs = s->eo->nincdirs,
		.auto_include = !s->eo->no_auto_include,
		.profile_given = s->eo->profile_given,
		.profile = s->eo->profile,
		.defines = (const char *const *)s->eo->defines,
		.ndefines = s->eo->ndefines,
		.read = read_open,
		.read_ctx = s,
		.record = 1,
	};
	return model_build(path, &mo);
}

static void stamp(const struct lsp_server *s, struct lsp_vfile *f)
{
	const struct lsp_doc *d = lsp_doc_by_real(&s->docs, f->real);
	f->serial = d ? d->serial : 0;
	f->mtime_ns = -1;
	f->size = 0;
	struct stat st;
	if (!d && stat(f->real, &st) == 0) {
		f->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
		f->size = st.st_size;
	}
}

struct lsp_view *lsp_view_build(struct lsp_server *s, const char *path, const char *text,
				size_t len)
{
	struct model *m = NULL;
	if (s->engine) {
		struct engine_file_hook hook = {.read = lsp_read_open_buffer, .ud = s};
		struct engine_input in = {.path = path, .text = text, .len = len, .hook = &hook};
		m = engine_model(s->engine, &in);
	}
	if (!m)
		m = model_without_engine(s, path);
	if (!m)
		return NULL;
	struct lsp_view *v = xcalloc(1, sizeof(*v));
	v->m = m;
	v->path = xstrdup(path);
	v->nfiles = m->tree.nfiles;
	v->files = xcalloc(v->nfiles ? v->nfiles : 1, sizeof(*v->files));
	for (size_t i = 0; i < v->nfiles; i++) {
		struct lsp_vfile *f = &v->files[i];
		f->df = m->tree.files[i];
		f->src = ((const struct pp_file *)f->df)->src;
		char *real = realpath(f->df->path, NULL);
		f->real = real ? real : xstrdup(f->df->path);
		stamp(s, f);
	}
	return v;
}

void lsp_view_free(struct lsp_view *v)
{
	if (!v)
		return;
	model_free(v->m);
	for (size_t i = 0; i < v->nfiles; i++)
		free(v->files[i].real);
	free(v->files);
	free(v->ents);
	free(v->path);
	free(v);
}

/* Do files [from, nfiles) still read as they did? */
static int files_current(const struct lsp_server *s, const struct lsp_view *v, size_t from)
{
	for (size_t i = from; i < v->nfiles; i++) {
		const struct lsp_vfile *f = &v->files[i];
		const struct lsp_doc *d = lsp_doc_by_real(&s->docs, f->real);
		if (d || f->serial) {
			if (!d || d->serial != f->serial)
				return 0;
			continue;
		}
		struct stat st;
		long long mt = -1;
		off_t size = 0;
		if (stat(f->real, &st) == 0) {
			mt = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
			size = st.st_size;
		}
		if (mt != f->mtime_ns || size != f->size)
			return 0;
	}
	return 1;
}

int lsp_view_current(const struct lsp_server *s, const struct lsp_view *v)
{
	return files_current(s, v, 0);
}

/* Open documents whose trees are kept (a big board's takes megabytes);
 * the others are built again when asked for. */
#define KEPT_VIEWS 8

static void forget_old_views(struct lsp_server *s, const struct lsp_doc *keep)
{
	size_t n = 0;
	for (const struct lsp_doc *d = s->docs.head; d; d = d->next)
		n += d->view != NULL;
	while (n > KEPT_VIEWS) {
		struct lsp_doc *oldest = NULL;
		for (struct lsp_doc *d = s->docs.head; d; d = d->next)
			if (d->view && d != keep && (!oldest || d->view_used < oldest->view_used))
				oldest = d;
		if (!oldest)
			return;
		lsp_view_free(oldest->view);
		oldest->view = NULL;
		n--;
	}
}

struct lsp_view *lsp_doc_view(struct lsp_server *s, struct lsp_doc *d)
{
	if (lsp_doc_too_large(d))
		return NULL;
	d->view_used = ++s->docs.serial;
	if (d->view && lsp_view_current(s, d->view))
		return d->view;
	lsp_view_free(d->view);
	d->view = lsp_view_build(s, d->path, d->text, d->len);
	forget_old_views(s, d);
	return d->view;
}

struct lsp_view *lsp_doc_view_typing(struct lsp_server *s, struct lsp_doc *d)
{
	if (d->view && files_current(s, d->view, 1)) {
		d->view_used = ++s->docs.serial;
		return d->view;
	}
	return lsp_doc_view(s, d);
}

/* ---- the index ---- */

/* dtidy_file -> index in the view, for the index build */
struct file_map {
	const struct dtidy_file **k;
	uint32_t *v;
	size_t cap;
};

static size_t ptr_hash(const void *p)
{
	uintptr_t x = (uintptr_t)p;
	return (size_t)((x >> 4) * 2654435761u);
}

static void map_init(struct file_map *fm, const struct lsp_view *v)
{
	fm->cap = 16;
	while (fm->cap < v->nfiles * 2)
		fm->cap *= 2;
	fm->k = xcalloc(fm->cap, sizeof(*fm->k));
	fm->v = xcalloc(fm->cap, sizeof(*fm->v));
	for (size_t i = 0; i < v->nfiles; i++) {
		size_t h = ptr_hash(v->files[i].df) & (fm->cap - 1);
		while (fm->k[h])
			h = (h + 1) & (fm->cap - 1);
		fm->k[h] = v->files[i].df;
		fm->v[h] = (uint32_t)i;
	}
}

static int map_get(const struct file_map *fm, const struct dtidy_file *f)
{
	if (!f)
		return -1;
	for (size_t h = ptr_hash(f) & (fm->cap - 1); fm->k[h]; h = (h + 1) & (fm->cap - 1))
		if (fm->k[h] == f)
			return (int)fm->v[h];
	return -1;
}

int lsp_view_loc_file(const struct lsp_view *v, struct dtidy_loc loc)
{
	for (size_t i = 0; loc.file && i < v->nfiles; i++)
		if (v->files[i].df == loc.file)
			return (int)i;
	return -1;
}

struct ents {
	struct lsp_ent *v;
	size_t n, cap;
};

static void add(struct ents *e, int file, uint32_t start, uint32_t end, enum lsp_ent_kind kind,
		const void *p)
{
	if (file < 0 || end < start)
		return;
	struct lsp_ent x = {.file = (uint32_t)file, .start = start, .end = end, .kind = kind};
	x.u.node = p;	/* the union's members are all pointers to const */
	VEC_PUSH(e->v, e->n, e->cap, x);
}

static int name_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == ',' || c == '.' || c == '_' || c == '+' || c == '-' || c == '?' || c == '#' ||
	       c == '@';
}

/* Is `name` written at loc.start (and not a longer name)? */
static int spelled_at(struct dtidy_loc loc, const char *name)
{
	size_t n = strlen(name);
	if (!loc.file || (size_t)loc.start + n > loc.file->len)
		return 0;
	const char *p = loc.file->text + loc.start;
	return memcmp(p, name, n) == 0 &&
	       ((size_t)loc.start + n == loc.file->len || !name_char((unsigned char)p[n]));
}

static void index_node(struct ents *e, const struct file_map *fm, const struct dtidy_node *n)
{
	for (; n; n = n->next) {
		for (size_t i = 0; i < n->nlocs; i++)
			add(e, map_get(fm, n->locs[i].file), n->locs[i].start, n->locs[i].end, ENT_NODE,
			    n);
		for (const struct dtidy_prop *p = n->props; p; p = p->next)
			for (size_t i = 0; i < p->nlocs; i++)
				if (spelled_at(p->locs[i], p->name))
					add(e, map_get(fm, p->locs[i].file), p->locs[i].start,
					    p->locs[i].start + (uint32_t)strlen(p->name), ENT_PROP, p);
		index_node(e, fm, n->child);
	}
}

static int cmp_ent(const void *a, const void *b)
{
	const struct lsp_ent *x = a, *y = b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x->kind < y->kind ? -1 : x->kind > y->kind;
}

static void build_index(struct lsp_view *v)
{
	struct file_map fm;
	map_init(&fm, v);
	struct ents e = {0};
	index_node(&e, &fm, v->m->tree.root);
	size_t nx;
	const struct model_xref *x = model_xrefs(v->m, &nx);
	for (size_t i = 0; i < nx; i++)
		if (x[i].verbatim)
			add(&e, map_get(&fm, x[i].loc.file), x[i].loc.start, x[i].loc.end, ENT_XREF,
			    &x[i]);
	const struct pp_record *r = model_pp_record(v->m);
	for (size_t i = 0; i < r->nuses; i++) {
		const struct pp_macro_use *u = &r->uses[i];
		const char *name = r->defs[u->def].name;
		size_t len = strlen(name);
		const struct dtidy_file *f = u->file < v->nfiles ? v->files[u->file].df : NULL;
		if (f && u->start + len <= f->len && !memcmp(f->text + u->start, name, len))
			add(&e, (int)u->file, u->start, u->start + (uint32_t)len, ENT_MACRO, u);
	}
	for (size_t i = 0; i < r->ndefs; i++)
		if (r->defs[i].file != PP_NO_FILE)
			add(&e, (int)r->defs[i].file, r->defs[i].start, r->defs[i].end, ENT_DEFINE,
			    &r->defs[i]);
	for (size_t i = 0; i < r->nincs; i++)
		add(&e, (int)r->incs[i].file, r->incs[i].start, r->incs[i].end, ENT_INCLUDE,
		    &r->incs[i]);
	if (e.n)
		qsort(e.v, e.n, sizeof(*e.v), cmp_ent);
	free(fm.k);
	free(fm.v);
	v->ents = e.v;
	v->nents = e.n;
	v->indexed = 1;
}

const struct lsp_ent *lsp_view_ents(struct lsp_view *v, size_t *n)
{
	if (!v->indexed)
		build_index(v);
	*n = v->nents;
	return v->ents;
}

int lsp_view_file(const struct lsp_view *v, const char *real)
{
	for (size_t i = 0; i < v->nfiles; i++)
		if (!strcmp(v->files[i].real, real))
			return (int)i;
	return -1;
}

/* How specific an entity is, when several cover the cursor: a reference
 * or label over the node block it opens, a macro over what it wrote. */
static int rank(const struct lsp_ent *e)
{
	switch (e->kind) {
	case ENT_MACRO:
	case ENT_DEFINE:
	case ENT_INCLUDE:
		return 0;
	case ENT_XREF:
		return 1;
	default:
		return 2;
	}
}

const struct lsp_ent *lsp_view_at(struct lsp_view *v, uint32_t file, uint32_t off)
{
	size_t n;
	const struct lsp_ent *e = lsp_view_ents(v, &n);
	/* first entity after (file, off) */
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (e[mid].file < file || (e[mid].file == file && e[mid].start <= off))
			lo = mid + 1;
		else
			hi = mid;
	}
	const struct lsp_ent *best = NULL;
	for (size_t i = lo, steps = 0; i-- > 0 && steps < 64; steps++) {
		if (e[i].file != file)
			break;
		if (off > e[i].end)
			continue;
		if (!best || e[i].end - e[i].start < best->end - best->start ||
		    (e[i].end - e[i].start == best->end - best->start && rank(&e[i]) < rank(best)))
			best = &e[i];
	}
	return best;
}

/* ---- locations ---- */

char *lsp_view_uri(const struct lsp_server *s, const struct lsp_view *v, uint32_t file)
{
	const struct lsp_doc *d = lsp_doc_by_real(&s->docs, v->files[file].real);
	return d ? xstrdup(d->uri) : lsp_path_to_uri(v->files[file].real);
}

json_t *lsp_view_location(const struct lsp_server *s, const struct lsp_view *v, uint32_t file,
			  uint32_t start, uint32_t end)
{
	const struct source *src = v->files[file].src;
	struct lsp_pos a = lsp_text_pos(src->text, src->len, src->line_starts, src->nlines, start,
					s->enc);
	struct lsp_pos b = lsp_text_pos(src->text, src->len, src->line_starts, src->nlines, end,
					s->enc);
	char *uri = lsp_view_uri(s, v, file);
	json_t *j = json_pack("{s:s, s:{s:o, s:o}}", "uri", uri, "range", "start", lsp_pos_json(a),
			      "end", lsp_pos_json(b));
	free(uri);
	return j;
}
