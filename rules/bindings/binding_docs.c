/* The binding documents as an editor's reference (see binding_docs.h).
 *
 * The compatible index reads each document's top-level `properties:`
 * block and, in it, the `compatible:` entry: every value a `const:`, an
 * `enum:` or a plain list item gives there is a compatible the document
 * describes (descriptions are skipped by their indentation). That is how
 * the documents are written (dt-schema's meta-schemas require it), and a
 * line scan of 30 MB costs a fraction of parsing it.
 *
 * A document's properties come from its YAML, parsed with libyaml: each
 * entry of `properties` and `patternProperties` with its `description`,
 * its type (a `$ref` to dt-schema's types.yaml, or `type: boolean`) and
 * the values its `const`, `enum` or `items` allow, looked for through
 * `oneOf`/`anyOf`/`allOf`. A document's own entries come first; the
 * documents it takes by `$ref` (at the top or in a top-level `allOf`)
 * add the names it does not have and fill in what it leaves unsaid. */
#include "binding_docs.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include "core/arena.h"
#include "core/source.h"
#include "core/strmap.h"
#include "core/xalloc.h"

/* Values kept per property, and $ref depth followed. */
#define MAX_VALUES 256
#define MAX_REF_DEPTH 8
#define MAX_SCHEMA_DEPTH 12

struct parsed {
	char *path;		/* absolute */
	int ok;
	struct binding_prop_list props;
};

struct binding_docs {
	char *dir, *core_dir;
	char **stack;		/* directories still to walk (relative) */
	size_t nstack, capstack;
	int started, done;
	char **docs;		/* indexed documents, relative paths */
	size_t ndocs, capdocs;
	struct strmap compat;	/* compatible -> documents */
	struct parsed *parsed;
	size_t nparsed, capparsed;
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct binding_docs *binding_docs_new(const char *dir, const char *core_dir)
{
	struct binding_docs *bd = xcalloc(1, sizeof(*bd));
	bd->dir = xstrdup(dir);
	bd->core_dir = core_dir ? xstrdup(core_dir) : NULL;
	return bd;
}

void binding_docs_free(struct binding_docs *bd)
{
	if (!bd)
		return;
	for (size_t i = 0; i < bd->nstack; i++)
		free(bd->stack[i]);
	free(bd->stack);
	for (size_t i = 0; i < bd->ndocs; i++)
		free(bd->docs[i]);
	free(bd->docs);
	strmap_free(&bd->compat);
	for (size_t i = 0; i < bd->nparsed; i++) {
		free(bd->parsed[i].path);
		binding_props_free(&bd->parsed[i].props);
	}
	free(bd->parsed);
	free(bd->dir);
	free(bd->core_dir);
	free(bd);
}

/* ---- the compatible index ---- */

static int compat_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == ',' || c == '.' || c == '_' || c == '+' || c == '-' || c == '/';
}

/* One value as written ("x", 'x' or x): a compatible when it is one word. */
static void note_value(struct binding_docs *bd, const char *s, const char *e, uint32_t doc)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	if (e - s >= 2 && (*s == '"' || *s == '\'') && e[-1] == *s) {
		s++;
		e--;
	}
	if (s == e || !compat_char((unsigned char)*s) || *s == '-')
		return;
	for (const char *p = s; p < e; p++)
		if (!compat_char((unsigned char)*p))
			return;
	strmap_add(&bd->compat, s, (size_t)(e - s), doc);
}

/* "[a, 'b,c', "d"]": commas separate entries, except in quotes (YAML
 * allows none in a plain scalar there) */
static void note_flow(struct binding_docs *bd, const char *s, const char *e, uint32_t doc)
{
	if (s >= e || *s != '[')
		return;
	s++;
	while (s < e && *s != ']') {
		const char *v = s;
		char quote = 0;
		while (s < e && (quote || (*s != ',' && *s != ']'))) {
			if (quote && *s == quote)
				quote = 0;
			else if (!quote && (*s == '"' || *s == '\''))
				quote = *s;
			s++;
		}
		note_value(bd, v, s, doc);
		if (s < e && *s == ',')
			s++;
	}
}

/* A key at the start of c ("word:" then a blank or the end)? */
static int is_key(const char *c, const char *e, const char *key)
{
	size_t n = strlen(key);
	return (size_t)(e - c) >= n && !memcmp(c, key, n) &&
	       ((size_t)(e - c) == n || c[n] == ' ' || c[n] == '\t');
}

static int any_key(const char *c, const char *e)
{
	const char *p = c;
	while (p < e && (compat_char((unsigned char)*p) || *p == '$') && *p != '/')
		p++;
	return p > c && p < e && *p == ':' && (p + 1 == e || p[1] == ' ' || p[1] == '\t');
}

/* Where a line's content ends: before a comment (" #" outside quotes) and
 * trailing blanks. */
static const char *content_end(const char *c, const char *e)
{
	char quote = 0;
	for (const char *p = c; p < e; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '#' && (p == c || p[-1] == ' ' || p[-1] == '\t')) {
			e = p;
			break;
		}
	}
	while (e > c && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	return e;
}

static void scan_doc(struct binding_docs *bd, const char *text, size_t len, uint32_t doc)
{
	int in_props = 0, in_compat = 0, in_enum = -1;
	int value_below = -1;	/* "const:" alone: its value is the next, deeper line */
	int skip = -1;		/* inside a description or pattern deeper than this */
	const char *end = text + len;
	for (const char *l = text; l < end;) {
		const char *e = memchr(l, '\n', (size_t)(end - l));
		if (!e)
			e = end;
		const char *next = e < end ? e + 1 : end;
		const char *c = l;
		while (c < e && *c == ' ')
			c++;
		int indent = (int)(c - l);
		if (c == e || *c == '#' || *c == '\r') {
			l = next;
			continue;
		}
		if (skip >= 0 && indent > skip) {
			l = next;
			continue;
		}
		skip = -1;
		if (indent == 0) {
			in_props = is_key(c, e, "properties:");
			in_compat = 0;
			l = next;
			continue;
		}
		if (in_props && indent <= 2) {
			in_compat = indent == 2 && is_key(c, e, "compatible:");
			in_enum = -1;
			l = next;
			continue;
		}
		if (!in_compat) {
			l = next;
			continue;
		}
		if (in_enum >= 0 && indent < in_enum)
			in_enum = -1;
		if (value_below >= 0) {
			if (indent > value_below)
				note_value(bd, c, content_end(c, e), doc);
			value_below = -1;
			l = next;
			continue;
		}
		int item = 0;
		while (e - c >= 2 && c[0] == '-' && (c[1] == ' ' || c[1] == '\t')) {
			c += 2;
			while (c < e && (*c == ' ' || *c == '\t'))
				c++;
			item = 1;
		}
		int key_at = (int)(c - l);
		e = content_end(c, e);
		if (is_key(c, e, "description:") || is_key(c, e, "pattern:") ||
		    is_key(c, e, "$ref:")) {
			skip = key_at;
		} else if (is_key(c, e, "const:")) {
			if (e - c == 6)
				value_below = key_at;
			else
				note_value(bd, c + 6, e, doc);
		} else if (is_key(c, e, "enum:")) {
			const char *v = c + 5;
			while (v < e && (*v == ' ' || *v == '\t'))
				v++;
			if (v < e && *v == '[')
				note_flow(bd, v, e, doc);
			else
				in_enum = indent;	/* its items follow */
		} else if (!any_key(c, e) && item) {
			note_value(bd, c, e, doc);
		}
		l = next;
	}
}

static void index_file(struct binding_docs *bd, const char *rel)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof(path), "%s/%s", bd->dir, rel) >= (int)sizeof(path))
		return;
	char *err = NULL;
	struct source *src = source_load(path, &err);
	free(err);
	if (!src)
		return;
	binding_docs_index_text(bd, rel, src->text, src->len);
	source_free(src);
}

void binding_docs_index_text(struct binding_docs *bd, const char *rel, const char *text,
			     size_t len)
{
	uint32_t doc = (uint32_t)bd->ndocs;
	VEC_PUSH(bd->docs, bd->ndocs, bd->capdocs, xstrdup(rel));
	scan_doc(bd, text, len, doc);
}

static int yaml_name(const char *n)
{
	size_t k = strlen(n);
	return k > 5 && !strcmp(n + k - 5, ".yaml");
}

static void walk_dir(struct binding_docs *bd, char *rel)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof(path), "%s%s%s", bd->dir, *rel ? "/" : "", rel) >=
	    (int)sizeof(path))
		return;
	DIR *d = opendir(path);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char sub[PATH_MAX];
		if (snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", e->d_name) >=
		    (int)sizeof(sub))
			continue;
		int is_dir = e->d_type == DT_DIR;
		if (e->d_type == DT_UNKNOWN) {
			struct stat st;
			char full[PATH_MAX * 2];
			snprintf(full, sizeof(full), "%s/%s", bd->dir, sub);
			is_dir = lstat(full, &st) == 0 && S_ISDIR(st.st_mode);
		}
		if (is_dir)
			VEC_PUSH(bd->stack, bd->nstack, bd->capstack, xstrdup(sub));
		else if (yaml_name(e->d_name))
			index_file(bd, sub);
	}
	if (d)
		closedir(d);
}

int binding_docs_done(const struct binding_docs *bd)
{
	return bd->done;
}

int binding_docs_step(struct binding_docs *bd, int budget_ms)
{
	if (bd->done)
		return 1;
	if (!bd->started) {
		bd->started = 1;
		VEC_PUSH(bd->stack, bd->nstack, bd->capstack, xstrdup(""));
	}
	long long end = now_ms() + budget_ms;
	while (bd->nstack) {
		char *rel = bd->stack[--bd->nstack];
		walk_dir(bd, rel);
		free(rel);
		if (budget_ms > 0 && now_ms() >= end)
			break;
	}
	bd->done = bd->nstack == 0;
	return bd->done;
}

/* How well a document's name says it is the one about compat: named
 * after it (0), after its device part (1), or not (2). A compatible a
 * document lists as a fallback is described first by its own document. */
static int doc_rank(const char *doc, const char *compat)
{
	const char *base = strrchr(doc, '/');
	base = base ? base + 1 : doc;
	size_t n = strcspn(base, ".");
	if (strlen(compat) == n && !memcmp(base, compat, n))
		return 0;
	const char *dev = strchr(compat, ',');
	dev = dev ? dev + 1 : compat;
	return n && (memmem(base, n, dev, strlen(dev)) || memmem(compat, strlen(compat), base, n))
		       ? 1 : 2;
}

static size_t docs_ranked(const struct binding_docs *bd, const struct strmap_entry *c,
			  const char *compat, const char **out, size_t max)
{
	size_t n = 0;
	for (int rank = 0; rank <= 2; rank++)
		for (size_t i = 0; c && i < c->n && n < max; i++)
			if (doc_rank(bd->docs[c->v[i]], compat) == rank)
				out[n++] = bd->docs[c->v[i]];
	return n;
}

size_t binding_docs_for(struct binding_docs *bd, const char *compat, const char **out,
			size_t max)
{
	binding_docs_step(bd, 0);
	return docs_ranked(bd, strmap_get(&bd->compat, compat, strlen(compat)), compat, out, max);
}

void binding_docs_compatibles(struct binding_docs *bd, const char *prefix,
			      void (*fn)(const char *compat, const char *doc, void *ud), void *ud)
{
	binding_docs_step(bd, 0);
	size_t n = strlen(prefix);
	for (size_t i = 0; i < bd->compat.cap; i++) {
		const struct strmap_entry *c = &bd->compat.slots[i];
		const char *doc;
		if (c->key && c->n && !strncmp(c->key, prefix, n) &&
		    docs_ranked(bd, c, c->key, &doc, 1))
			fn(c->key, doc, ud);
	}
}

/* ---- a document's properties ---- */

struct parse {
	struct binding_docs *bd;	/* NULL: $refs are not followed */
	yaml_document_t doc;
	struct binding_prop_list *out;
	const char *path;		/* the document's absolute path ("" for text) */
	const char *shown;		/* its name in binding_prop.doc */
};

static yaml_node_t *ynode(struct parse *P, int i)
{
	return yaml_document_get_node(&P->doc, i);
}

static const char *yscalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static yaml_node_t *yget(struct parse *P, const yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		const char *k = yscalar(ynode(P, p->key));
		if (k && !strcmp(k, key))
			return ynode(P, p->value);
	}
	return NULL;
}

/* "/schemas/types.yaml#/definitions/uint32" -> "uint32" */
static const char *type_of_ref(const char *ref)
{
	const char *t = strstr(ref, "types.yaml#/definitions/");
	return t ? t + 24 : NULL;
}

struct values {
	const char *v[MAX_VALUES];
	size_t n;
};

static void add_value(struct values *vs, const char *s)
{
	for (size_t i = 0; i < vs->n; i++)
		if (!strcmp(vs->v[i], s))
			return;
	if (vs->n < MAX_VALUES)
		vs->v[vs->n++] = s;
}

/* What a property's schema says, looked for through its combinators. */
static void describe(struct parse *P, const yaml_node_t *n, struct binding_prop *bp,
		     struct values *vs, int depth)
{
	if (!n || n->type != YAML_MAPPING_NODE || depth > MAX_SCHEMA_DEPTH)
		return;
	struct arena *a = P->out->strings;
	const char *d = yscalar(yget(P, n, "description"));
	if (d && !bp->description)
		bp->description = arena_strdup(a, d);
	const char *ref = yscalar(yget(P, n, "$ref"));
	const char *t = ref ? type_of_ref(ref) : NULL;
	if (t && !bp->type)
		bp->type = arena_strdup(a, t);
	const char *ty = yscalar(yget(P, n, "type"));
	if (ty && !bp->type)
		bp->type = !strcmp(ty, "boolean") ? "flag" : !strcmp(ty, "object") ? "node"
										   : arena_strdup(a, ty);
	const char *c = yscalar(yget(P, n, "const"));
	if (c)
		add_value(vs, arena_strdup(a, c));
	const yaml_node_t *en = yget(P, n, "enum");
	if (en && en->type == YAML_SEQUENCE_NODE)
		for (yaml_node_item_t *it = en->data.sequence.items.start;
		     it < en->data.sequence.items.top; it++) {
			const char *v = yscalar(ynode(P, *it));
			if (v)
				add_value(vs, arena_strdup(a, v));
		}
	static const char *const nested[] = {"items", "oneOf", "anyOf", "allOf", "contains"};
	for (size_t k = 0; k < sizeof(nested) / sizeof(nested[0]); k++) {
		const yaml_node_t *x = yget(P, n, nested[k]);
		if (!x)
			continue;
		if (x->type == YAML_MAPPING_NODE)
			describe(P, x, bp, vs, depth + 1);
		else if (x->type == YAML_SEQUENCE_NODE)
			for (yaml_node_item_t *it = x->data.sequence.items.start;
			     it < x->data.sequence.items.top; it++)
				describe(P, ynode(P, *it), bp, vs, depth + 1);
	}
}

static struct binding_prop *find_prop(struct binding_prop_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

static void add_props(struct parse *P, const yaml_node_t *map, int pattern)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return;
	struct arena *a = P->out->strings;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		const char *name = yscalar(ynode(P, p->key));
		const yaml_node_t *v = ynode(P, p->value);
		const char *sv = yscalar(v);
		if (!name || find_prop(P->out, name))
			continue;
		struct binding_prop bp = {.is_pattern = pattern, .doc = P->shown};
		bp.name = arena_strdup(a, name);
		if (sv && !strcmp(sv, "false")) {
			bp.disallowed = 1;
			VEC_PUSH(P->out->v, P->out->n, P->out->cap, bp);
			continue;
		}
		struct values vs = {.n = 0};
		describe(P, v, &bp, &vs, 0);
		if (vs.n) {
			const char **vv = arena_alloc(a, vs.n * sizeof(*vv));
			memcpy(vv, vs.v, vs.n * sizeof(*vv));
			bp.values = vv;
			bp.nvalues = vs.n;
		}
		VEC_PUSH(P->out->v, P->out->n, P->out->cap, bp);
	}
}

/* Adds what a referenced document says: names we lack, and what we leave
 * unsaid about the names we have. */
static void merge(struct parse *P, const struct binding_prop_list *from)
{
	for (size_t i = 0; i < from->n; i++) {
		const struct binding_prop *f = &from->v[i];
		struct binding_prop *mine = find_prop(P->out, f->name);
		if (!mine) {
			VEC_PUSH(P->out->v, P->out->n, P->out->cap, *f);
			continue;
		}
		if (mine->disallowed)
			continue;
		if (!mine->type)
			mine->type = f->type;
		if (!mine->description)
			mine->description = f->description;
		if (!mine->nvalues) {
			mine->values = f->values;
			mine->nvalues = f->nvalues;
		}
	}
}

static const struct binding_prop_list *props_of_path(struct binding_docs *bd, const char *path,
						     int depth);

/* A $ref's document: /schemas/x.yaml (the bindings, else dt-schema's
 * core schemas) or a path relative to the referring document. */
static char *resolve_ref(struct binding_docs *bd, const char *from, const char *ref)
{
	char name[PATH_MAX];
	size_t n = strcspn(ref, "#");
	if (n == 0 || n >= sizeof(name))
		return NULL;
	memcpy(name, ref, n);
	name[n] = '\0';
	const char *rel = NULL;
	if (!strncmp(name, "/schemas/", 9))
		rel = name + 9;
	else if (!strncmp(name, "http://devicetree.org/schemas/", 30))
		rel = name + 30;
	char path[PATH_MAX * 2];
	if (rel) {
		snprintf(path, sizeof(path), "%s/%s", bd->dir, rel);
		if (access(path, R_OK) == 0)
			return xstrdup(path);
		if (!bd->core_dir)
			return NULL;
		snprintf(path, sizeof(path), "%s/%s", bd->core_dir, rel);
		return access(path, R_OK) == 0 ? xstrdup(path) : NULL;
	}
	const char *slash = strrchr(from, '/');
	snprintf(path, sizeof(path), "%.*s/%s", slash ? (int)(slash - from) : 1,
		 slash ? from : ".", name);
	return access(path, R_OK) == 0 ? xstrdup(path) : NULL;
}

static void follow(struct parse *P, const char *ref, int depth)
{
	if (!P->bd || !ref || type_of_ref(ref) || depth >= MAX_REF_DEPTH)
		return;
	char *path = resolve_ref(P->bd, P->path, ref);
	if (!path)
		return;
	const struct binding_prop_list *l = props_of_path(P->bd, path, depth + 1);
	free(path);
	if (l)
		merge(P, l);
}

static int parse_text(struct binding_docs *bd, const char *path, const char *shown,
		      const char *text, size_t len, struct binding_prop_list *out, int depth)
{
	memset(out, 0, sizeof(*out));
	out->strings = xcalloc(1, sizeof(*out->strings));
	arena_init(out->strings);
	struct parse P = {.bd = bd, .out = out, .path = path, .shown = arena_strdup(out->strings, shown)};
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		binding_props_free(out);
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	int ok = yaml_parser_load(&parser, &P.doc);
	yaml_parser_delete(&parser);
	if (!ok) {
		binding_props_free(out);
		return -1;
	}
	const yaml_node_t *root = yaml_document_get_root_node(&P.doc);
	if (root && root->type == YAML_MAPPING_NODE) {
		add_props(&P, yget(&P, root, "properties"), 0);
		add_props(&P, yget(&P, root, "patternProperties"), 1);
		follow(&P, yscalar(yget(&P, root, "$ref")), depth);
		const yaml_node_t *all = yget(&P, root, "allOf");
		if (all && all->type == YAML_SEQUENCE_NODE)
			for (yaml_node_item_t *it = all->data.sequence.items.start;
			     it < all->data.sequence.items.top; it++)
				follow(&P, yscalar(yget(&P, ynode(&P, *it), "$ref")), depth);
	}
	yaml_document_delete(&P.doc);
	return 0;
}

int binding_props_parse(struct binding_docs *bd, const char *doc, const char *text, size_t len,
			struct binding_prop_list *out)
{
	return parse_text(bd, doc, doc, text, len, out, 0);
}

void binding_props_free(struct binding_prop_list *l)
{
	free(l->v);
	if (l->strings) {
		arena_free(l->strings);
		free(l->strings);
	}
	memset(l, 0, sizeof(*l));
}

/* The document's name as shown: relative to the bindings directory, or
 * dt-schema's. */
static const char *shown_name(const struct binding_docs *bd, const char *path)
{
	size_t n = strlen(bd->dir);
	if (!strncmp(path, bd->dir, n) && path[n] == '/')
		return path + n + 1;
	if (bd->core_dir) {
		n = strlen(bd->core_dir);
		if (!strncmp(path, bd->core_dir, n) && path[n] == '/')
			return path + n + 1;
	}
	return path;
}

static const struct binding_prop_list *props_of_path(struct binding_docs *bd, const char *path,
						     int depth)
{
	for (size_t i = 0; i < bd->nparsed; i++)
		if (!strcmp(bd->parsed[i].path, path))
			return bd->parsed[i].ok ? &bd->parsed[i].props : NULL;
	/* entered before parsing: a document that refers back to itself
	 * finds it (empty) instead of looping */
	VEC_RESERVE(bd->parsed, bd->capparsed, bd->nparsed + 1);
	size_t me = bd->nparsed++;
	memset(&bd->parsed[me], 0, sizeof(bd->parsed[me]));
	bd->parsed[me].path = xstrdup(path);
	char *err = NULL;
	struct source *src = source_load(path, &err);
	free(err);
	struct binding_prop_list l = {0};
	int ok = src && parse_text(bd, path, shown_name(bd, path), src->text, src->len, &l,
				   depth) == 0;
	source_free(src);
	/* the table may have moved while the refs were parsed */
	bd->parsed[me].props = l;
	bd->parsed[me].ok = ok;
	return ok ? &bd->parsed[me].props : NULL;
}

const struct binding_prop *binding_doc_props(struct binding_docs *bd, const char *doc,
					     size_t *n)
{
	char path[PATH_MAX * 2];
	snprintf(path, sizeof(path), "%s/%s", bd->dir, doc);
	const struct binding_prop_list *l = props_of_path(bd, path, 0);
	*n = l ? l->n : 0;
	return l ? l->v : NULL;
}
