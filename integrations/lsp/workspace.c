/* The workspace folders' devicetree files: walked and read in the
 * background, then asked which boards read a file and which of them may
 * refer to a label (see workspace.h). */
#include "workspace.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../core/source.h"
#include "../../core/strbuf.h"
#include "../../core/strmap.h"
#include "../../core/walk.h"
#include "../../core/xalloc.h"
#include "../../parser/parser.h"
#include "analysis.h"
#include "server.h"
#include "view.h"

/* Bounds for a folder that is not a source tree (a home directory). */
#define WS_MAX_FILES 100000
#define WS_MAX_DIRS 200000
/* Views of workspace boards kept between requests. */
#define WS_VIEWS 6

/* A node as written in a file, for workspace symbols. */
struct ws_sym {
	uint32_t name, labels;	/* offsets in the file's strs ("" when none) */
	int32_t parent;		/* index of the enclosing node, -1 at the top */
	uint32_t line, col, end_col;	/* the name, in the client's encoding */
};

struct ws_file {
	char *path;		/* as walked */
	char *real;
	int board;		/* a tree of its own (.dts, .dtso, ... or /dts-v1/) */
	int scanned;
	struct strbuf strs;	/* NUL-separated strings; offset 0 is "" */
	uint32_t *incs;		/* include names as written */
	size_t nincs, capincs;
	uint32_t *refs;		/* labels and paths it defines or refers to, sorted */
	size_t nrefs, caprefs;
	struct ws_sym *syms;
	size_t nsyms;
};

struct ws_view {
	char *real;
	struct lsp_view *v;
	unsigned long long used;
};

struct lsp_ws {
	enum lsp_encoding enc;
	char **dirs;		/* directories still to walk */
	size_t ndirs, capdirs, walked_dirs;
	struct ws_file *files;
	size_t nfiles, capfiles;
	size_t next_scan;	/* files before it are scanned (or rescanned on touch) */
	int maps_stale;
	struct strmap by_base;		/* basename -> files */
	struct strmap by_inc;		/* basename of an include name -> files including it */
	struct ws_view views[WS_VIEWS];
	unsigned long long tick;
};

static const char *base_of(const char *path, size_t *len)
{
	const char *slash = strrchr(path, '/');
	const char *b = slash ? slash + 1 : path;
	*len = strlen(b);
	return b;
}

/* ---- setup ---- */

static void add_dir(struct lsp_ws *w, const char *dir)
{
	VEC_PUSH(w->dirs, w->ndirs, w->capdirs, xstrdup(dir));
}

static void add_root(struct lsp_ws *w, const char *uri)
{
	char *path = uri ? lsp_uri_to_path(uri) : NULL;
	if (!path)
		return;
	char *real = realpath(path, NULL);
	free(path);
	/* a file system's root is no project: not walked */
	if (!real || !strcmp(real, "/")) {
		free(real);
		return;
	}
	for (size_t i = 0; i < w->ndirs; i++)
		if (!strcmp(w->dirs[i], real)) {
			free(real);
			return;
		}
	VEC_PUSH(w->dirs, w->ndirs, w->capdirs, real);
}

struct lsp_ws *lsp_ws_new(json_t *init_params, enum lsp_encoding enc)
{
	struct lsp_ws *w = xcalloc(1, sizeof(*w));
	w->enc = enc;
	json_t *folders = json_object_get(init_params, "workspaceFolders");
	for (size_t i = 0; i < json_array_size(folders); i++)
		add_root(w, json_string_value(json_object_get(json_array_get(folders, i), "uri")));
	if (!w->ndirs)
		add_root(w, json_string_value(json_object_get(init_params, "rootUri")));
	const char *root_path = json_string_value(json_object_get(init_params, "rootPath"));
	if (!w->ndirs && root_path && root_path[0] == '/') {
		char *real = realpath(root_path, NULL);
		if (real && strcmp(real, "/") != 0)
			VEC_PUSH(w->dirs, w->ndirs, w->capdirs, real);
		else
			free(real);
	}
	return w;
}

static void file_clear(struct ws_file *f)
{
	sb_free(&f->strs);
	free(f->incs);
	free(f->refs);
	free(f->syms);
	f->incs = f->refs = NULL;
	f->syms = NULL;
	f->nincs = f->nrefs = f->nsyms = f->capincs = f->caprefs = 0;
	f->scanned = 0;
}

void lsp_ws_free(struct lsp_ws *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->ndirs; i++)
		free(w->dirs[i]);
	free(w->dirs);
	for (size_t i = 0; i < w->nfiles; i++) {
		file_clear(&w->files[i]);
		free(w->files[i].path);
		free(w->files[i].real);
	}
	free(w->files);
	strmap_free(&w->by_base);
	strmap_free(&w->by_inc);
	for (size_t i = 0; i < WS_VIEWS; i++) {
		free(w->views[i].real);
		lsp_view_free(w->views[i].v);
	}
	free(w);
}

/* ---- walking ---- */

static int is_board_name(const char *name)
{
	size_t n = strlen(name);
	return !(n > 5 && !strcmp(name + n - 5, ".dtsi"));
}

static void walk_one_dir(struct lsp_ws *w)
{
	char *dir = w->dirs[--w->ndirs];
	w->walked_dirs++;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		/* hidden entries (.git) and dependency trees are not sources */
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "node_modules"))
			continue;
		char path[PATH_MAX];
		if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= (int)sizeof(path))
			continue;
		int is_dir = e->d_type == DT_DIR, is_file = e->d_type == DT_REG;
		if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
			struct stat st;
			/* symlinked directories are not followed: no loops */
			if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
				is_dir = 1;
			else if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
				is_file = 1;
		}
		if (is_dir && w->walked_dirs + w->ndirs < WS_MAX_DIRS) {
			add_dir(w, path);
		} else if (is_file && walk_is_dt_source(e->d_name) && w->nfiles < WS_MAX_FILES) {
			VEC_RESERVE(w->files, w->capfiles, w->nfiles + 1);
			struct ws_file *f = &w->files[w->nfiles++];
			memset(f, 0, sizeof(*f));
			f->path = xstrdup(path);
			char *real = realpath(path, NULL);
			f->real = real ? real : xstrdup(path);
			f->board = is_board_name(e->d_name);
			w->maps_stale = 1;
		}
	}
	if (d)
		closedir(d);
	free(dir);
}

/* ---- reading a file ---- */

static uint32_t put_str(struct ws_file *f, const char *s, size_t n)
{
	if (!f->strs.len)
		sb_putc(&f->strs, '\0');
	uint32_t off = (uint32_t)f->strs.len;
	sb_put(&f->strs, s, n);
	sb_putc(&f->strs, '\0');
	return off;
}

static const char *str_at(const struct ws_file *f, uint32_t off)
{
	return f->strs.s ? f->strs.s + off : "";
}

static int label_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* A preprocessor line: an #include's name, and the &labels of a #define's
 * body (a macro may write a reference). */
static void scan_directive(struct ws_file *f, const char *s, size_t n)
{
	size_t i = 1;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (n - i >= 7 && !memcmp(s + i, "include", 7)) {
		for (; i < n && s[i] != '"' && s[i] != '<' && s[i] != '\n'; i++)
			;
		if (i >= n || s[i] == '\n')
			return;
		char close = s[i] == '"' ? '"' : '>';
		size_t b = ++i;
		while (i < n && s[i] != close && s[i] != '\n')
			i++;
		if (i < n && s[i] == close && i > b) {
			uint32_t off = put_str(f, s + b, i - b);
			VEC_PUSH(f->incs, f->nincs, f->capincs, off);
		}
		return;
	}
	if (n - i >= 6 && !memcmp(s + i, "define", 6))
		for (size_t k = i; k + 1 < n; k++) {
			if (s[k] != '&' || !label_char((unsigned char)s[k + 1]))
				continue;
			size_t b = ++k;
			while (k < n && label_char((unsigned char)s[k]))
				k++;
			uint32_t off = put_str(f, s + b, k - b);
			VEC_PUSH(f->refs, f->nrefs, f->caprefs, off);
		}
}

/* Where the scan of one file is in its text: line numbers of increasing
 * offsets. */
struct line_cursor {
	const char *text;
	size_t off, line_start;
	uint32_t line;
};

static void cursor_to(struct line_cursor *c, size_t off)
{
	for (; c->off < off; c->off++)
		if (c->text[c->off] == '\n') {
			c->line++;
			c->line_start = c->off + 1;
		}
}

struct sym_walk {
	struct ws_file *f;
	const struct dt_parsed *p;
	struct line_cursor cur;
	enum lsp_encoding enc;
	size_t capsyms;
};

static void scan_nodes(struct sym_walk *sw, const struct cst *parent, int32_t up)
{
	CST_FOREACH(c, parent)
	{
		if ((c->kind != CST_NODE && c->kind != CST_REF_NODE) || c->tok == CST_NONE)
			continue;
		const struct dt_token *t = &sw->p->toks.v[c->tok];
		const char *text = sw->p->cst.text;
		struct ws_sym sym = {.parent = up};
		sym.name = put_str(sw->f, text + t->off, t->len);
		struct strbuf labels = {0};
		for (uint32_t i = c->tb; i < c->tok; i++) {
			const struct dt_token *l = &sw->p->toks.v[i];
			if (l->kind != TK_LABEL || l->len < 2)
				continue;
			if (labels.len)
				sb_putc(&labels, ' ');
			sb_put(&labels, text + l->off, l->len - 1);
		}
		sym.labels = labels.len ? put_str(sw->f, labels.s, labels.len) : 0;
		sb_free(&labels);
		cursor_to(&sw->cur, t->off);
		sym.line = sw->cur.line;
		sym.col = lsp_units(text + sw->cur.line_start, t->off - sw->cur.line_start, sw->enc);
		sym.end_col = sym.col + lsp_units(text + t->off, t->len, sw->enc);
		int32_t me = (int32_t)sw->f->nsyms;
		VEC_PUSH(sw->f->syms, sw->f->nsyms, sw->capsyms, sym);
		scan_nodes(sw, c, me);
	}
}

static int cmp_ref(const void *a, const void *b, void *file)
{
	return strcmp(str_at(file, *(const uint32_t *)a), str_at(file, *(const uint32_t *)b));
}

static void scan_text(struct ws_file *f, const char *text, size_t len, enum lsp_encoding enc)
{
	struct dt_parsed p;
	dt_parse_text(&p, text, len);
	for (size_t i = 0; i < p.toks.n; i++) {
		const struct dt_token *t = &p.toks.v[i];
		const char *s = text + t->off;
		switch (t->kind) {
		case TK_PP:
			scan_directive(f, s, t->len);
			break;
		case TK_DTS_V1:
			f->board = 1;
			break;
		case TK_LABEL: {
			/* defined here: a rename to it must see this board */
			uint32_t off = put_str(f, s, t->len > 1 ? t->len - 1 : 0);
			VEC_PUSH(f->refs, f->nrefs, f->caprefs, off);
			break;
		}
		case TK_INCLUDE: {
			size_t j = i + 1;
			while (j < p.toks.n && dt_tok_is_trivia(p.toks.v[j].kind))
				j++;
			if (j < p.toks.n && p.toks.v[j].kind == TK_STRING && p.toks.v[j].len > 2) {
				uint32_t off = put_str(f, text + p.toks.v[j].off + 1, p.toks.v[j].len - 2);
				VEC_PUSH(f->incs, f->nincs, f->capincs, off);
			}
			break;
		}
		case TK_REF:
		case TK_PATH_REF: {
			int braces = t->kind == TK_PATH_REF;
			size_t n = t->len > (size_t)(1 + 2 * braces) ? t->len - 1 - 2 * braces : 0;
			uint32_t off = put_str(f, s + 1 + braces, n);
			VEC_PUSH(f->refs, f->nrefs, f->caprefs, off);
			/* &{label/sub}: the label is referred to as well */
			const char *slash = n ? memchr(s + 2, '/', n) : NULL;
			if (braces && slash && slash > s + 2) {
				off = put_str(f, s + 2, (size_t)(slash - s - 2));
				VEC_PUSH(f->refs, f->nrefs, f->caprefs, off);
			}
			break;
		}
		default:
			break;
		}
	}
	struct sym_walk sw = {.f = f, .p = &p, .cur = {.text = text}, .enc = enc};
	scan_nodes(&sw, p.cst.root, -1);
	if (f->nrefs)
		qsort_r(f->refs, f->nrefs, sizeof(*f->refs), cmp_ref, f);
	dt_parsed_free(&p);
}

static void scan_file(struct lsp_ws *w, struct ws_file *f)
{
	file_clear(f);
	f->scanned = 1;
	w->maps_stale = 1;
	char *err = NULL;
	struct source *src = source_load(f->path, &err);
	free(err);
	if (!src)
		return;
	scan_text(f, src->text, src->len, w->enc);
	source_free(src);
}

/* ---- background work ---- */

int lsp_ws_busy(const struct lsp_ws *w)
{
	return w && (w->ndirs || w->next_scan < w->nfiles);
}

void lsp_ws_step(struct lsp_ws *w, int budget_ms)
{
	if (!w)
		return;
	long long end = lsp_now_ms() + budget_ms;
	do {
		if (w->ndirs) {
			walk_one_dir(w);
			continue;
		}
		while (w->next_scan < w->nfiles && w->files[w->next_scan].scanned)
			w->next_scan++;
		if (w->next_scan < w->nfiles)
			scan_file(w, &w->files[w->next_scan++]);
	} while (lsp_ws_busy(w) && lsp_now_ms() < end);
}

void lsp_ws_touch(struct lsp_ws *w, const char *real)
{
	for (size_t i = 0; w && i < w->nfiles; i++)
		if (!strcmp(w->files[i].real, real)) {
			w->files[i].scanned = 0;
			if (i < w->next_scan)
				w->next_scan = i;
		}
}

/* Finishes the background reading, or spends at most budget_ms on it
 * (< 0: no limit). */
static void finish(struct lsp_ws *w, int budget_ms)
{
	if (budget_ms < 0) {
		while (lsp_ws_busy(w))
			lsp_ws_step(w, 1000);
		return;
	}
	lsp_ws_step(w, budget_ms);
}

static void build_maps(struct lsp_ws *w)
{
	if (!w->maps_stale)
		return;
	strmap_free(&w->by_base);
	strmap_free(&w->by_inc);
	for (size_t i = 0; i < w->nfiles; i++) {
		const struct ws_file *f = &w->files[i];
		size_t n;
		const char *b = base_of(f->real, &n);
		strmap_add(&w->by_base, b, n, (uint32_t)i);
		for (size_t k = 0; k < f->nincs; k++) {
			b = base_of(str_at(f, f->incs[k]), &n);
			strmap_add(&w->by_inc, b, n, (uint32_t)i);
		}
	}
	w->maps_stale = 0;
}

/* Could the include name `name` find the file at `path`? Its last
 * components must be the path's (leading ./ and ../ dropped). */
static int name_finds(const char *name, const char *path)
{
	while (!strncmp(name, "./", 2) || !strncmp(name, "../", 3))
		name += name[1] == '/' ? 2 : 3;
	size_t n = strlen(name), p = strlen(path);
	if (name[0] == '/')
		return !strcmp(name, path);
	return p > n && path[p - n - 1] == '/' && !strcmp(path + p - n, name);
}

/* ---- which boards read a file ---- */

struct set {
	uint32_t *v;
	size_t n, cap;
	unsigned char *in;	/* per workspace file */
};

/* The workspace boards whose includes may lead to `real`, by name. */
static void boards_reading(struct lsp_ws *w, const char *real, struct set *out)
{
	build_maps(w);
	out->in = xcalloc(w->nfiles ? w->nfiles : 1, 1);
	/* the queue holds paths: `real` first, then including files */
	const char **queue = xmalloc((w->nfiles + 1) * sizeof(*queue));
	size_t qh = 0, qn = 0;
	queue[qn++] = real;
	for (size_t i = 0; i < w->nfiles; i++)
		if (!strcmp(w->files[i].real, real)) {
			out->in[i] = 1;
			if (w->files[i].board)
				VEC_PUSH(out->v, out->n, out->cap, (uint32_t)i);
		}
	while (qh < qn) {
		const char *p = queue[qh++];
		size_t bn;
		const char *b = base_of(p, &bn);
		const struct strmap_entry *s = strmap_get(&w->by_inc, b, bn);
		for (size_t k = 0; s && k < s->n; k++) {
			uint32_t fi = s->v[k];
			const struct ws_file *f = &w->files[fi];
			if (out->in[fi])
				continue;
			int found = 0;
			for (size_t j = 0; j < f->nincs && !found; j++)
				found = name_finds(str_at(f, f->incs[j]), p);
			if (!found)
				continue;
			out->in[fi] = 1;
			queue[qn++] = f->real;
			if (f->board)
				VEC_PUSH(out->v, out->n, out->cap, fi);
		}
	}
	free(queue);
}

static int refers_to(const struct ws_file *f, const char *name)
{
	size_t lo = 0, hi = f->nrefs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(str_at(f, f->refs[mid]), name);
		if (!c)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* May board `b` write one of names in a file other than `real`? Its
 * includes are followed by name; one that is not in the workspace is
 * assumed to, unless it is a header. */
static int may_refer(struct lsp_ws *w, uint32_t b, const char *real, const char *const *names,
		     size_t nnames)
{
	if (!names)
		return 1;
	unsigned char *seen = xcalloc(w->nfiles ? w->nfiles : 1, 1);
	uint32_t *stack = xmalloc((w->nfiles + 1) * sizeof(*stack));
	size_t sn = 0;
	int found = 0;
	stack[sn++] = b;
	seen[b] = 1;
	while (sn && !found) {
		const struct ws_file *f = &w->files[stack[--sn]];
		if (strcmp(f->real, real) != 0)
			for (size_t i = 0; i < nnames && !found; i++)
				found = refers_to(f, names[i]);
		for (size_t k = 0; k < f->nincs && !found; k++) {
			const char *inc = str_at(f, f->incs[k]);
			size_t bn;
			const char *base = base_of(inc, &bn);
			const struct strmap_entry *s = strmap_get(&w->by_base, base, bn);
			int known = 0;
			for (size_t j = 0; s && j < s->n; j++) {
				const struct ws_file *g = &w->files[s->v[j]];
				if (!name_finds(inc, g->real) && !name_finds(inc, g->path))
					continue;
				known = 1;
				if (!seen[s->v[j]]) {
					seen[s->v[j]] = 1;
					stack[sn++] = s->v[j];
				}
			}
			size_t il = strlen(inc);
			int header = il > 2 && !strcmp(inc + il - 2, ".h");
			if (!known && !header)
				found = 1;
		}
	}
	free(stack);
	free(seen);
	return found;
}

/* ---- views of workspace boards ---- */

static struct lsp_view *board_view(struct lsp_server *s, const struct ws_file *f)
{
	struct lsp_ws *w = s->ws;
	struct ws_view *slot = NULL, *oldest = &w->views[0];
	for (size_t i = 0; i < WS_VIEWS; i++) {
		struct ws_view *x = &w->views[i];
		if (x->real && !strcmp(x->real, f->real))
			slot = x;
		if (x->used < oldest->used)
			oldest = x;
	}
	if (slot && slot->v && lsp_view_current(s, slot->v)) {
		slot->used = ++w->tick;
		return slot->v;
	}
	if (!slot)
		slot = oldest;
	free(slot->real);
	lsp_view_free(slot->v);
	slot->real = xstrdup(f->real);
	slot->v = lsp_view_build(s, f->path, NULL, 0);
	slot->used = ++w->tick;
	return slot->v;
}

/* workspace: 0 the open documents only, 1 what has been read of the
 * workspace (waiting a little), 2 all of it. */
static void each_view(struct lsp_server *s, const char *real, const char *const *names,
		      size_t nnames, int workspace, lsp_view_fn *fn, void *ud)
{
	/* the open documents first: their buffers are what the user sees */
	struct lsp_doc **docs = NULL;
	size_t ndocs = 0, capdocs = 0;
	for (struct lsp_doc *d = s->docs.head; d; d = d->next)
		VEC_PUSH(docs, ndocs, capdocs, d);
	for (size_t i = 0; i < ndocs; i++) {
		/* a document whose tree was let go is not built again when its
		 * last check did not read the file */
		const struct lsp_doc *d = docs[i];
		if (!d->view && d->ndeps && strcmp(d->real, real) != 0 && !lsp_doc_depends_on(d, real))
			continue;
		struct lsp_view *v = lsp_doc_view(s, docs[i]);
		if (v && lsp_view_file(v, real) >= 0 && fn(v, ud)) {
			free(docs);
			return;
		}
	}
	struct lsp_ws *w = s->ws;
	if (!w || !workspace) {
		free(docs);
		return;
	}
	finish(w, workspace == 2 ? -1 : WS_WAIT_MS);
	struct set boards = {0};
	boards_reading(w, real, &boards);
	for (size_t i = 0; i < boards.n; i++) {
		const struct ws_file *f = &w->files[boards.v[i]];
		int open = 0;
		for (size_t k = 0; k < ndocs && !open; k++)
			open = !strcmp(docs[k]->real, f->real);
		if (open || !may_refer(w, boards.v[i], real, names, nnames))
			continue;
		struct lsp_view *v = board_view(s, f);
		if (v && lsp_view_file(v, real) >= 0 && fn(v, ud))
			break;
	}
	free(boards.v);
	free(boards.in);
	free(docs);
}

void lsp_each_view(struct lsp_server *s, const char *real, const char *const *names,
		   size_t nnames, lsp_view_fn *fn, void *ud)
{
	each_view(s, real, names, nnames, 1, fn, ud);
}

void lsp_each_open_view(struct lsp_server *s, const char *real, lsp_view_fn *fn, void *ud)
{
	each_view(s, real, NULL, 0, 0, fn, ud);
}

void lsp_each_view_all(struct lsp_server *s, const char *real, const char *const *names,
		       size_t nnames, lsp_view_fn *fn, void *ud)
{
	each_view(s, real, names, nnames, 2, fn, ud);
}

/* ---- workspace symbols ---- */

#define WS_MAX_SYMBOLS 1000

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Are the query's characters in s, in order (case-insensitively)? */
static int fuzzy(const char *s, const char *q)
{
	for (; *q; q++) {
		while (*s && lower((unsigned char)*s) != lower((unsigned char)*q))
			s++;
		if (!*s)
			return 0;
		s++;
	}
	return 1;
}

/* The node of each label the workspace's files define in a block under
 * the root, when only one node has it: how "&label { child { } }" gets
 * its full path. A label two SoCs both define stays as written. */
struct label_places {
	struct strmap map;	/* label -> indices in at */
	struct place {
		const struct ws_file *f;
		int32_t sym;
		int32_t wsi;	/* the file's index in the workspace, -1: none */
	} *at;
	size_t n, cap;
	/* the files the file being listed includes, by name (workspace
	 * indices): a label is only followed into one of them */
	const struct lsp_ws *w;
	const struct ws_file *closure_of;
	unsigned char *closure;
};

/* Is the block the node is written in under the root ("/ { ... }")? */
static int under_root(const struct ws_file *f, int32_t i)
{
	while (f->syms[i].parent >= 0)
		i = f->syms[i].parent;
	return !strcmp(str_at(f, f->syms[i].name), "/");
}

static void note_labels(struct label_places *lp, const struct ws_file *f, int32_t wsi)
{
	for (size_t i = 0; i < f->nsyms; i++) {
		const char *l = str_at(f, f->syms[i].labels);
		if (!*l || !under_root(f, (int32_t)i))
			continue;
		struct place x = {f, (int32_t)i, wsi};
		VEC_PUSH(lp->at, lp->n, lp->cap, x);
		for (const char *e; *l; l = *e ? e + 1 : e) {
			e = strchr(l, ' ');
			if (!e)
				e = l + strlen(l);
			strmap_add(&lp->map, l, (size_t)(e - l), (uint32_t)(lp->n - 1));
		}
	}
}

/* The workspace files f's includes reach, by name. */
static void closure_of(struct label_places *lp, const struct ws_file *f)
{
	const struct lsp_ws *w = lp->w;
	if (lp->closure_of == f)
		return;
	lp->closure_of = f;
	free(lp->closure);
	lp->closure = xcalloc(w && w->nfiles ? w->nfiles : 1, 1);
	if (!w)
		return;
	const struct ws_file **queue = xmalloc((w->nfiles + 1) * sizeof(*queue));
	size_t qh = 0, qn = 0;
	queue[qn++] = f;
	while (qh < qn) {
		const struct ws_file *x = queue[qh++];
		for (size_t k = 0; k < x->nincs; k++) {
			const char *inc = str_at(x, x->incs[k]);
			size_t bn;
			const char *base = base_of(inc, &bn);
			const struct strmap_entry *e = strmap_get(&w->by_base, base, bn);
			for (size_t j = 0; e && j < e->n; j++) {
				const struct ws_file *g = &w->files[e->v[j]];
				if (lp->closure[e->v[j]] || (!name_finds(inc, g->real) && !name_finds(inc, g->path)))
					continue;
				lp->closure[e->v[j]] = 1;
				queue[qn++] = g;
			}
		}
	}
	free(queue);
}

/* The one node of the workspace a label names, seen from file f: only
 * when f includes the file defining it. */
static const struct place *label_node(struct label_places *lp, const struct ws_file *f,
				      const char *label)
{
	const struct strmap_entry *e = strmap_get(&lp->map, label, strlen(label));
	if (!e || e->n != 1)
		return NULL;
	const struct place *p = &lp->at[e->v[0]];
	if (p->f == f)
		return p;
	closure_of(lp, f);
	return p->wsi >= 0 && lp->closure[p->wsi] ? p : NULL;
}

static void sym_path(const struct ws_file *f, int32_t i, struct strbuf *b,
		     struct label_places *lp)
{
	if (i < 0)
		return;
	const struct ws_sym *y = &f->syms[i];
	const char *name = str_at(f, y->name);
	if (y->parent < 0) {
		/* "/" for the root; a block that changes a node: its path when
		 * the label is known, else "&label" as written */
		if (name[0] == '&' && name[1] == '{' && name[2] == '/') {
			sb_put(b, name + 2, strlen(name + 2) - (name[strlen(name) - 1] == '}'));
			return;
		}
		const struct place *p = name[0] == '&' && lp ? label_node(lp, f, name + 1) : NULL;
		if (p)
			sym_path(p->f, p->sym, b, NULL);
		else
			sb_puts(b, name);
		return;
	}
	sym_path(f, y->parent, b, lp);
	if (b->len && b->s[b->len - 1] != '/')
		sb_putc(b, '/');
	sb_puts(b, name);
}

struct sym_out {
	json_t *arr;
	const char *query;
	struct label_places *lp;
};

static void file_symbols(struct sym_out *o, const struct ws_file *f, const char *uri)
{
	struct strbuf path = {0}, parent = {0}, name = {0};
	for (size_t i = 0; i < f->nsyms && json_array_size(o->arr) < WS_MAX_SYMBOLS; i++) {
		const struct ws_sym *y = &f->syms[i];
		const char *labels = str_at(f, y->labels);
		path.len = 0;
		sym_path(f, (int32_t)i, &path, o->lp);
		const char *nm = str_at(f, y->name);
		if (*o->query && !fuzzy(nm, o->query) && !fuzzy(labels, o->query) &&
		    !strstr(sb_cstr(&path), o->query))
			continue;
		parent.len = 0;
		sym_path(f, y->parent, &parent, o->lp);
		name.len = 0;
		if (*labels)
			sb_printf(&name, "%s: ", labels);
		sb_puts(&name, nm);
		/* names as written: a broken path reference may hold any bytes */
		json_array_append_new(
			o->arr,
			json_pack("{s:o, s:i, s:{s:s, s:{s:{s:i, s:i}, s:{s:i, s:i}}}, s:o}", "name",
				  lsp_text_json(sb_cstr(&name)), "kind", 2, "location", "uri", uri,
				  "range", "start", "line", (int)y->line, "character", (int)y->col, "end",
				  "line", (int)y->line, "character", (int)y->end_col, "containerName",
				  lsp_text_json(sb_cstr(&parent))));
	}
	sb_free(&path);
	sb_free(&parent);
	sb_free(&name);
}

json_t *lsp_ws_symbols(struct lsp_server *s, const char *query)
{
	/* the files: open documents as the editor has them, then the rest of
	 * the workspace */
	struct ws_file *open = NULL;
	const char **open_uri = NULL, **open_real = NULL;
	size_t nopen = 0, capopen = 0, capuri = 0, nuri = 0, capreal = 0, nreal = 0;
	for (struct lsp_doc *d = s->docs.head; d; d = d->next) {
		if (lsp_doc_too_large(d))
			continue;
		struct ws_file f = {0};
		scan_text(&f, d->text, d->len, s->enc);
		VEC_PUSH(open, nopen, capopen, f);
		VEC_PUSH(open_uri, nuri, capuri, d->uri);
		VEC_PUSH(open_real, nreal, capreal, d->real);
	}
	struct lsp_ws *w = s->ws;
	if (w)
		finish(w, WS_WAIT_MS);
	struct label_places lp = {.w = w};
	if (w)
		build_maps(w);
	/* an open document's place in the workspace, so that the others'
	 * includes find it */
	for (size_t i = 0; i < nopen; i++) {
		int32_t wsi = -1;
		for (size_t k = 0; w && k < w->nfiles && wsi < 0; k++)
			if (!strcmp(w->files[k].real, open_real[i]))
				wsi = (int32_t)k;
		note_labels(&lp, &open[i], wsi);
	}
	for (size_t i = 0; w && i < w->nfiles; i++)
		if (!lsp_doc_by_real(&s->docs, w->files[i].real))
			note_labels(&lp, &w->files[i], (int32_t)i);
	struct sym_out o = {json_array(), query, &lp};
	for (size_t i = 0; i < nopen; i++)
		file_symbols(&o, &open[i], open_uri[i]);
	for (size_t i = 0; w && i < w->nfiles; i++) {
		const struct ws_file *f = &w->files[i];
		if (lsp_doc_by_real(&s->docs, f->real))
			continue;
		char *uri = lsp_path_to_uri(f->real);
		file_symbols(&o, f, uri);
		free(uri);
	}
	for (size_t i = 0; i < nopen; i++)
		file_clear(&open[i]);
	free(open);
	free(open_uri);
	free(open_real);
	strmap_free(&lp.map);
	free(lp.at);
	free(lp.closure);
	return o.arr;
}

json_t *lsp_workspace_symbol(struct lsp_server *s, json_t *params, json_t *id,
			     struct lsp_error *e)
{
	(void)id;
	(void)e;
	const char *q = json_string_value(json_object_get(params, "query"));
	return lsp_ws_symbols(s, q ? q : "");
}
