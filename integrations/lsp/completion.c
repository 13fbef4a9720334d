/* textDocument/completion. What is being typed is read from the buffer as
 * it is now (lexed and parsed on its own, so half a statement is fine);
 * what can go there comes from the merged tree (labels in scope, the
 * node's compatible, macros of the included headers) and from the
 * bindings (schema_source.h):
 *
 *   &|                 labels of the tree (and of a board including a .dtsi)
 *   node body          property names the node's bindings allow, then the
 *                      standard ones, with type and description
 *   compatible = "|    documented compatible strings
 *   prop = "|  or <|   the values the property's binding allows; in cells,
 *                      the macros of the included headers too
 *   #include <|        header paths on the include path
 *
 * The tree may be a keystroke behind the buffer: nodes are found by their
 * path or label, never by offset, so that does not matter. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../core/hash.h"
#include "../../core/strbuf.h"
#include "../../core/xalloc.h"
#include "parsed.h"
#include "schema_source.h"
#include "target.h"
#include "workspace.h"

/* LSP CompletionItemKind */
enum {
	CK_FUNCTION = 3, CK_FIELD = 5, CK_PROPERTY = 10, CK_VALUE = 12, CK_FILE = 17,
	CK_REFERENCE = 18, CK_FOLDER = 19, CK_CONSTANT = 21,
};

/* Items offered at most; more make the list incomplete (the client asks
 * again as the user types). */
#define MAX_ITEMS 2000

struct items {
	struct lsp_server *s;
	const struct lsp_doc *d;
	/* the items as JSON text: a tree has thousands of labels */
	struct strbuf out;
	size_t n;
	struct strbuf range;	/* what every item replaces, as JSON */
	size_t start, end;	/* the same in bytes */
	const char *prefix;	/* only items starting with it */
	int incomplete;
	/* labels already offered: a set (open addressing), as a tree has
	 * thousands of labels */
	char **seen;
	size_t nseen, capseen;
};

static int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static char **seen_slot(struct items *it, const char *label)
{
	size_t h = fnv1a32_str(label) & (it->capseen - 1);
	while (it->seen[h] && strcmp(it->seen[h], label) != 0)
		h = (h + 1) & (it->capseen - 1);
	return &it->seen[h];
}

static int already(struct items *it, const char *label)
{
	return it->capseen && *seen_slot(it, label);
}

static void remember(struct items *it, const char *label)
{
	if ((it->nseen + 1) * 2 > it->capseen) {
		size_t cap = it->capseen ? it->capseen * 2 : 256;
		char **old = it->seen;
		size_t oldcap = it->capseen;
		it->seen = xcalloc(cap, sizeof(*it->seen));
		it->capseen = cap;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i])
				*seen_slot(it, old[i]) = old[i];
		free(old);
	}
	*seen_slot(it, label) = xstrdup(label);
	it->nseen++;
}

/* Adds an item replacing [start, end) with text; doc is markdown or NULL. */
static void item(struct items *it, const char *label, int kind, const char *detail,
		 const char *doc, const char *text)
{
	if (!starts(label, it->prefix) || already(it, label))
		return;
	if (it->n >= MAX_ITEMS) {
		it->incomplete = 1;
		return;
	}
	remember(it, label);
	struct strbuf *b = &it->out;
	sb_puts(b, it->n ? ",{\"label\":" : "{\"label\":");
	sb_json_str(b, label);
	sb_puts(b, ",\"kind\":");
	sb_put_uint(b, (unsigned)kind);
	sb_puts(b, ",\"textEdit\":{\"range\":");
	sb_put(b, it->range.s, it->range.len);
	sb_puts(b, ",\"newText\":");
	sb_json_str(b, text ? text : label);
	sb_putc(b, '}');
	if (detail) {
		sb_puts(b, ",\"detail\":");
		sb_json_str(b, detail);
	}
	if (doc) {
		sb_puts(b, ",\"documentation\":{\"kind\":\"markdown\",\"value\":");
		sb_json_str(b, doc);
		sb_putc(b, '}');
	}
	/* the order we add them in: the node's binding before the standard ones */
	char sort[16];
	snprintf(sort, sizeof(sort), "\"%06zu\"", it->n);
	sb_puts(b, ",\"sortText\":");
	sb_puts(b, sort);
	sb_putc(b, '}');
	it->n++;
}

/* The result, as JSON text for the server to send. */
static char *items_done(struct items *it)
{
	for (size_t i = 0; i < it->capseen; i++)
		free(it->seen[i]);
	free(it->seen);
	struct strbuf r = {0};
	sb_reserve(&r, it->out.len + 64);
	sb_puts(&r, it->incomplete ? "{\"isIncomplete\":true,\"items\":["
				   : "{\"isIncomplete\":false,\"items\":[");
	sb_put(&r, it->out.s, it->out.len);
	sb_puts(&r, "]}");
	sb_free(&it->out);
	sb_free(&it->range);
	return r.s;
}

/* ---- where the cursor is ---- */

static int word_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == ',' || c == '.' || c == '+' || c == '-' || c == '#' || c == '@' ||
	       c == '?';
}

static int label_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

enum where {
	W_NOTHING,
	W_LABEL,	/* after & */
	W_PROPERTY,	/* a statement's start in a node body */
	W_STRING,	/* inside "..." of a property's value */
	W_CELLS,	/* inside < > */
	W_VALUE,	/* after = , outside strings and cells */
	W_INCLUDE,	/* #include <... or "... */
};

struct context {
	enum where where;
	size_t start;		/* of what is typed */
	char *prop;		/* the property whose value it is */
	const struct cst *node;	/* the node body it is in */
	int quoted_include;
};

/* #include <dir/fi| or #include "fi| or /include/ "fi| */
static int include_line(const struct lsp_doc *d, size_t off, struct context *cx)
{
	size_t ls = off;
	while (ls > 0 && d->text[ls - 1] != '\n')
		ls--;
	const char *p = d->text + ls, *e = d->text + off;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p < e && *p == '#') {
		p++;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (e - p < 7 || memcmp(p, "include", 7) != 0)
			return 0;
		p += 7;
		if (e - p >= 5 && !memcmp(p, "_next", 5))
			p += 5;
	} else if (e - p >= 9 && !memcmp(p, "/include/", 9)) {
		p += 9;
	} else {
		return 0;
	}
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= e || (*p != '<' && *p != '"'))
		return 0;
	cx->quoted_include = *p == '"';
	const char *name = ++p;
	for (; p < e; p++)
		if (*p == '>' || *p == '"')
			return 0;
	/* the part after the last '/' is replaced */
	const char *base = name;
	for (const char *q = name; q < e; q++)
		if (*q == '/')
			base = q + 1;
	cx->where = W_INCLUDE;
	cx->start = (size_t)(base - d->text);
	return 1;
}

/* The node body the cursor is in: the deepest block whose '{' is before
 * it and whose end is not. */
static const struct cst *body_at(const struct dt_parsed *p, const struct cst *parent, size_t off)
{
	CST_FOREACH(c, parent)
	{
		if ((c->kind != CST_NODE && c->kind != CST_REF_NODE) || c->tok2 == CST_NONE)
			continue;
		size_t open = p->toks.v[c->tok2].off;
		size_t end = cst_end(&p->cst, c);
		/* a block that is not closed yet runs to where the parser gave up */
		int closed = c->te > 0 && c->te - 1 < p->toks.n &&
			     (p->toks.v[c->te - 1].kind == TK_SEMI ||
			      p->toks.v[c->te - 1].kind == TK_RBRACE);
		if (open < off && (off < end || !closed)) {
			const struct cst *in = body_at(p, c, off);
			return in ? in : c;
		}
	}
	return NULL;
}

static int significant(int kind)
{
	return kind != TK_EOF && !dt_tok_is_trivia(kind);
}

static void find_context(const struct lsp_doc *d, const struct dt_parsed *p, size_t off,
			 struct context *cx)
{
	memset(cx, 0, sizeof(*cx));
	if (include_line(d, off, cx))
		return;
	const struct dt_token *t = p->toks.v;
	size_t n = p->toks.n;
	/* the token the cursor is in or right after */
	size_t k = 0;
	for (size_t lo = 0, hi = n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid].off < off) {
			k = mid;
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	const struct dt_token *at = n ? &t[k] : NULL;
	if (at && at->off < off) {
		size_t end = at->off + at->len;
		int inside = off < end || (at->flags & TF_ERROR);
		if ((at->kind == TK_LINE_COMMENT || at->kind == TK_BLOCK_COMMENT || at->kind == TK_PP) &&
		    inside)
			return;
		if (at->kind == TK_STRING && inside)
			cx->where = W_STRING, cx->start = at->off + 1;
	}
	if (cx->where != W_STRING) {
		size_t ws = off;
		while (ws > 0 && word_char((unsigned char)d->text[ws - 1]))
			ws--;
		cx->start = ws;
		size_t ls = off;
		while (ls > 0 && label_char((unsigned char)d->text[ls - 1]))
			ls--;
		if (ls > 0 && d->text[ls - 1] == '&') {
			cx->where = W_LABEL;
			cx->start = ls;
		}
	}
	cx->node = body_at(p, p->cst.root, off);
	if (cx->where == W_LABEL)
		return;
	/* the statement so far: from the last ';', '{' or '}' before the word */
	size_t first = 0;
	for (size_t i = k + 1; i-- > 0;) {
		if (t[i].off >= cx->start)
			continue;
		if (t[i].kind == TK_SEMI || t[i].kind == TK_LBRACE || t[i].kind == TK_RBRACE) {
			first = i + 1;
			break;
		}
	}
	int eq = 0, cells = 0, names = 0;
	size_t name_tok = SIZE_MAX;
	for (size_t i = first; i < n && t[i].off < cx->start; i++) {
		if (!significant(t[i].kind))
			continue;
		if (t[i].kind == TK_EQ && !eq) {
			eq = 1;
			continue;
		}
		if (!eq) {
			if (t[i].kind == TK_NAME || t[i].kind == TK_IDENT) {
				name_tok = i;
				names++;
			} else if (t[i].kind != TK_LABEL) {
				names += 2;	/* not a plain statement start */
			}
			continue;
		}
		if (t[i].kind == TK_CELL_OPEN)
			cells++;
		else if (t[i].kind == TK_CELL_CLOSE && cells)
			cells--;
	}
	if (eq && name_tok != SIZE_MAX) {
		cx->prop = xstrndup(d->text + t[name_tok].off, t[name_tok].len);
		if (cx->where != W_STRING)
			cx->where = cells ? W_CELLS : W_VALUE;
		return;
	}
	if (cx->where == W_STRING)
		cx->where = W_NOTHING;	/* a string that is no property's value */
	else if (!eq && names == 0 && cx->node)
		cx->where = W_PROPERTY;
}

/* ---- the node in the merged tree ---- */

/* The node a body stands for, by its path or label in the view's tree. */
static const struct dtidy_node *model_node(struct lsp_view *v, const struct dt_parsed *p,
					   const struct cst *c, int depth)
{
	if (!c || depth > 256 || c->tok == CST_NONE)
		return NULL;
	const struct dt_token *t = &p->toks.v[c->tok];
	const char *s = p->cst.text + t->off;
	if (c->kind == CST_REF_NODE) {
		char name[512];
		int braces = t->kind == TK_PATH_REF;
		size_t n = t->len > (size_t)(1 + 2 * braces) ? t->len - 1 - 2 * braces : 0;
		if (n >= sizeof(name))
			return NULL;
		memcpy(name, s + 1 + braces, n);
		name[n] = '\0';
		return dtidy_resolve(&v->m->tree, name);
	}
	if (t->kind == TK_SLASH)
		return v->m->tree.root;
	const struct dtidy_node *parent = model_node(v, p, c->parent, depth + 1);
	for (const struct dtidy_node *ch = parent ? parent->child : NULL; ch; ch = ch->next)
		if (strlen(ch->name) == t->len && !memcmp(ch->name, s, t->len))
			return ch;
	return NULL;
}

struct node_info {
	char **compats;
	size_t ncompats;
	char *path;
};

static void info_free(struct node_info *ni)
{
	for (size_t i = 0; i < ni->ncompats; i++)
		free(ni->compats[i]);
	free(ni->compats);
	free(ni->path);
}

/* The compatible strings written in the body itself. */
static void written_compats(const struct dt_parsed *p, const struct cst *body,
			    struct node_info *ni)
{
	CST_FOREACH(c, body)
	{
		if (c->kind != CST_PROP || c->tok == CST_NONE)
			continue;
		const struct dt_token *t = &p->toks.v[c->tok];
		if (t->len != 10 || memcmp(p->cst.text + t->off, "compatible", 10) != 0)
			continue;
		CST_FOREACH(v, c)
		{
			if (v->kind != CST_STRING)
				continue;
			const struct dt_token *st = &p->toks.v[v->tok];
			if (st->len < 2)
				continue;
			ni->compats = xrealloc(ni->compats, (ni->ncompats + 1) * sizeof(char *));
			ni->compats[ni->ncompats++] = xstrndup(p->cst.text + st->off + 1, st->len - 2);
		}
	}
}

static void model_compats(const struct dtidy_node *n, struct node_info *ni)
{
	const struct dtidy_prop *cp = dtidy_prop_get(n, "compatible");
	long ns = dtidy_prop_nstrings(cp);
	for (long i = 0; i < ns; i++) {
		ni->compats = xrealloc(ni->compats, (ni->ncompats + 1) * sizeof(char *));
		ni->compats[ni->ncompats++] = xstrdup(dtidy_prop_string(cp, (size_t)i));
	}
	char path[1024];
	free(ni->path);
	ni->path = xstrdup(dtidy_node_path(n, path, sizeof(path)));
}

struct find_node {
	const struct dt_parsed *p;
	const struct cst *body;
	struct node_info *ni;
};

static int node_in(struct lsp_view *v, void *ud)
{
	struct find_node *f = ud;
	const struct dtidy_node *n = model_node(v, f->p, f->body, 0);
	if (!n)
		return 0;
	if (!f->ni->ncompats)
		model_compats(n, f->ni);
	return 1;
}

/* The compatible strings of the node the body is: written there, else
 * the merged tree's (an override of a label), else a board's including
 * this file. */
static void node_info(struct lsp_server *s, struct lsp_doc *d, const struct dt_parsed *p,
		      const struct cst *body, struct node_info *ni)
{
	memset(ni, 0, sizeof(*ni));
	if (!body)
		return;
	written_compats(p, body, ni);
	if (ni->ncompats)
		return;
	struct lsp_view *v = lsp_doc_view_typing(s, d);
	struct find_node f = {p, body, ni};
	if (v && node_in(v, &f))
		return;
	lsp_each_view(s, d->real, NULL, 0, node_in, &f);
}

/* ---- what can go there ---- */

static void propdoc_markdown(const struct lsp_propdoc *p, struct strbuf *b)
{
	b->len = 0;
	if (p->description)
		sb_printf(b, "%s\n\n", p->description);
	if (p->nvalues) {
		sb_puts(b, "Values:");
		for (size_t i = 0; i < p->nvalues && i < 32; i++)
			sb_printf(b, " `%s`", p->values[i]);
		if (p->nvalues > 32)
			sb_puts(b, " ...");
		sb_puts(b, "\n\n");
	}
	if (p->source)
		sb_printf(b, "*%s*", p->source);
}

struct prop_items {
	struct items *it;
	struct strbuf doc;
};

static void add_prop(const struct lsp_propdoc *p, void *ud)
{
	struct prop_items *pi = ud;
	propdoc_markdown(p, &pi->doc);
	item(pi->it, p->name, CK_PROPERTY, p->type, sb_cstr(&pi->doc), NULL);
}

static void add_compat(const char *compat, const char *doc, void *ud)
{
	item(ud, compat, CK_VALUE, doc, NULL, NULL);
}

static void add_values(struct items *it, const struct lsp_propdoc *p, int quote)
{
	for (size_t i = 0; i < p->nvalues; i++) {
		const char *v = p->values[i];
		int number = (v[0] >= '0' && v[0] <= '9') || v[0] == '-';
		if (quote == 2 && !number)
			continue;	/* cells take numbers */
		if (quote != 2 && number && p->type && strstr(p->type, "string"))
			continue;
		if (quote == 1 && !number) {
			char *q = xmalloc(strlen(v) + 3);
			sprintf(q, "\"%s\"", v);
			item(it, q, CK_VALUE, p->type, NULL, NULL);
			free(q);
		} else {
			item(it, v, CK_VALUE, p->type, NULL, NULL);
		}
	}
}

static void add_macros(struct items *it, struct lsp_view *v)
{
	const struct pp_record *r = model_pp_record(v->m);
	struct strbuf detail = {0};
	/* the last definition of a name is the one in force at the end */
	for (size_t i = r->ndefs; i-- > 0;) {
		const struct pp_macro_def *def = &r->defs[i];
		if (!starts(def->name, it->prefix) || def->name[0] == '_')
			continue;
		detail.len = 0;
		sb_printf(&detail, "#define %s%s %s", def->name, def->params ? def->params : "",
			  def->body);
		item(it, def->name, def->params ? CK_FUNCTION : CK_CONSTANT, sb_cstr(&detail), NULL,
		     NULL);
	}
	sb_free(&detail);
}

/* Labels of a tree, each with the path of its node. */
static void add_labels(struct items *it, const struct dtidy_node *n)
{
	char path[1024];
	for (; n; n = n->next) {
		for (size_t i = 0; i < n->nlabels; i++)
			if (starts(n->labels[i], it->prefix) && !already(it, n->labels[i]))
				item(it, n->labels[i], CK_REFERENCE,
				     dtidy_node_path(n, path, sizeof(path)), NULL, NULL);
		add_labels(it, n->child);
	}
}

struct board_labels {
	struct items *it;
	const struct lsp_view *own;
};

/* The first board including the .dtsi (not the .dtsi's own tree). */
static int labels_of(struct lsp_view *v, void *ud)
{
	struct board_labels *b = ud;
	if (v == b->own)
		return 0;
	add_labels(b->it, v->m->tree.root);
	return 1;
}

static int has_dts_v1(const struct dt_parsed *p)
{
	for (size_t i = 0; i < p->toks.n; i++)
		if (p->toks.v[i].kind == TK_DTS_V1)
			return 1;
	return 0;
}

static int entry_wanted(const char *name, int dir)
{
	if (name[0] == '.')
		return 0;
	if (dir)
		return 1;
	static const char *const ext[] = {".h", ".dtsi", ".dts", ".dtso", ".overlay"};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		size_t e = strlen(ext[i]);
		if (n > e && !strcmp(name + n - e, ext[i]))
			return 1;
	}
	return 0;
}

static void list_dir(struct items *it, const char *dir, const char *sub)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof(path), "%s/%s", dir, sub) >= (int)sizeof(path))
		return;
	DIR *dd = opendir(path);
	struct dirent *e;
	while (dd && (e = readdir(dd)) != NULL) {
		char full[PATH_MAX * 2];
		snprintf(full, sizeof(full), "%s/%s", path, e->d_name);
		struct stat st;
		if (stat(full, &st) != 0)
			continue;
		int is_dir = S_ISDIR(st.st_mode);
		if (!entry_wanted(e->d_name, is_dir))
			continue;
		if (is_dir) {
			char text[NAME_MAX + 2];
			snprintf(text, sizeof(text), "%s/", e->d_name);
			item(it, text, CK_FOLDER, NULL, NULL, NULL);
		} else {
			item(it, e->d_name, CK_FILE, dir, NULL, NULL);
		}
	}
	if (dd)
		closedir(dd);
}

static void add_headers(struct items *it, struct lsp_server *s, struct lsp_doc *d, size_t off,
			int quoted)
{
	/* the directory part typed so far: from after '<' or '"' to the word */
	size_t b = it->start;
	while (b > 0 && d->text[b - 1] != '<' && d->text[b - 1] != '"')
		b--;
	char *sub = xstrndup(d->text + b, it->start - b);
	(void)off;
	if (quoted) {
		char *dir = xstrdup(d->path);
		char *slash = strrchr(dir, '/');
		if (slash) {
			*slash = '\0';
			list_dir(it, dir, sub);
		}
		free(dir);
	}
	struct lsp_view *v = lsp_doc_view_typing(s, d);
	size_t n = 0;
	const char *const *dirs = v ? model_incdirs(v->m, &n) : NULL;
	for (size_t i = 0; i < n; i++)
		list_dir(it, dirs[i], sub);
	free(sub);
}

json_t *lsp_completion(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e)
{
	(void)id;
	struct lsp_doc *d;
	size_t off;
	if (lsp_doc_position(s, params, &d, &off, e))
		return NULL;
	struct dt_parsed p;
	lsp_parse(&p, d);
	struct context cx;
	find_context(d, &p, off, &cx);
	char *prefix = xstrndup(d->text + cx.start, off - cx.start);
	struct items it = {.s = s, .d = d, .start = cx.start, .end = off, .prefix = prefix};
	lsp_put_range(&it.range, lsp_doc_pos(d, cx.start, s->enc), lsp_doc_pos(d, off, s->enc));
	struct node_info ni = {0};
	switch (cx.where) {
	case W_LABEL: {
		struct lsp_view *v = lsp_doc_view_typing(s, d);
		if (v)
			add_labels(&it, v->m->tree.root);
		/* a .dtsi also sees the labels of the board that includes it */
		struct board_labels bl = {&it, v};
		if (!has_dts_v1(&p))
			lsp_each_view(s, d->real, NULL, 0, labels_of, &bl);
		break;
	}
	case W_PROPERTY: {
		node_info(s, d, &p, cx.node, &ni);
		struct prop_items pi = {&it, {0}};
		lsp_schema_props(s, d->path, (const char *const *)ni.compats, ni.ncompats, add_prop,
				 &pi);
		sb_free(&pi.doc);
		break;
	}
	case W_STRING:
	case W_VALUE:
	case W_CELLS: {
		if (cx.where == W_STRING && !strcmp(cx.prop, "compatible")) {
			lsp_schema_compatibles(s, d->path, prefix, add_compat, &it);
			break;
		}
		node_info(s, d, &p, cx.node, &ni);
		struct lsp_propdoc pd;
		if (!lsp_schema_prop(s, d->path, (const char *const *)ni.compats, ni.ncompats,
				     cx.prop, &pd))
			add_values(&it, &pd, cx.where == W_STRING ? 0 : cx.where == W_CELLS ? 2 : 1);
		if (cx.where == W_CELLS) {
			struct lsp_view *v = lsp_doc_view_typing(s, d);
			if (v)
				add_macros(&it, v);
		}
		break;
	}
	case W_INCLUDE:
		add_headers(&it, s, d, off, cx.quoted_include);
		break;
	case W_NOTHING:
		break;
	}
	info_free(&ni);
	free(cx.prop);
	dt_parsed_free(&p);
	s->raw_result = items_done(&it);
	free(prefix);
	return NULL;
}
