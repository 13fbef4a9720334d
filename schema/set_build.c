/* Building a schema set's image (see set_build.h). */
#include "set_build.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/arena.h"
#include "core/hash.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "fixups.h"
#include "prop_types.h"
#include "select_prefilter.h"
#include "schema.h"
#include "set_image.h"
#include "yaml_tree.h"

/* Larger documents are not schemas: skipped with a warning. */
#define MAX_DOC_BYTES ((size_t)4 << 20)
#define BASE_URL "http://devicetree.org"

struct builder {
	struct strbuf strs;
	uint32_t *hash;		/* interned string offsets, open addressing */
	size_t hcap, hn;
	struct snode *nodes;
	size_t nn, ncap;
	struct sdoc *docs;
	size_t nd, dcap;
	struct sstamp *stamps;
	size_t nstamps, capstamps;
	struct strbuf paths;	/* the manifest's paths */
	uint32_t *doccompat;	/* documented compatibles (duplicates until sorted) */
	size_t ndc, cdc;
	uint32_t *docpats;
	size_t ndp, cdp;
	struct ptype_acc *types;
	struct swarn *warns;
	size_t nwarns, capwarns;
	int64_t newest;
};

/* --- strings ---------------------------------------------------------- */

static void rehash(struct builder *b)
{
	size_t cap = b->hcap ? b->hcap * 2 : 1 << 14;
	uint32_t *h = xcalloc(cap, sizeof(*h));
	for (size_t i = 0; i < b->hcap; i++) {
		uint32_t off = b->hash[i];
		if (!off)
			continue;
		size_t j = fnv1a32_str(b->strs.s + off) & (cap - 1);
		while (h[j])
			j = (j + 1) & (cap - 1);
		h[j] = off;
	}
	free(b->hash);
	b->hash = h;
	b->hcap = cap;
}

static uint32_t intern(struct builder *b, const char *s)
{
	if (!s[0])
		return 0;
	if (2 * (b->hn + 1) > b->hcap)
		rehash(b);
	size_t j = fnv1a32_str(s) & (b->hcap - 1);
	while (b->hash[j]) {
		if (!strcmp(b->strs.s + b->hash[j], s))
			return b->hash[j];
		j = (j + 1) & (b->hcap - 1);
	}
	uint32_t off = (uint32_t)b->strs.len;
	sb_put(&b->strs, s, strlen(s) + 1);
	b->hash[j] = off;
	b->hn++;
	return off;
}

static uint32_t intern_cb(void *ctx, const char *s)
{
	return intern(ctx, s);
}

static const char *str_cb(void *ctx, uint32_t off)
{
	const struct builder *b = ctx;
	return b->strs.s + off;
}

static const char *str(const struct builder *b, uint32_t off)
{
	return b->strs.s + off;
}

/* --- warnings ----------------------------------------------------------- */

static void warn(struct builder *b, const char *file, unsigned line, unsigned col,
		 const char *fmt, const char *arg)
{
	char msg[600];
	snprintf(msg, sizeof(msg), fmt, arg);
	struct swarn w = {intern(b, file), intern(b, msg), line, col};
	VEC_PUSH(b->warns, b->nwarns, b->capwarns, w);
}

/* --- packing a document ------------------------------------------------ */

static uint32_t new_nodes(struct builder *b, size_t n)
{
	VEC_RESERVE(b->nodes, b->ncap, b->nn + n);
	memset(&b->nodes[b->nn], 0, n * sizeof(*b->nodes));
	uint32_t first = (uint32_t)b->nn;
	b->nn += n;
	return first;
}

static void fill(struct builder *b, uint32_t at, const struct yv *v)
{
	struct snode n = {0};
	n.line = v->line > 65535 ? 65535 : (uint16_t)v->line;
	if (v->key) {
		n.key = intern(b, v->key);
		n.kw = (uint8_t)sn_kw_of(v->key);
	}
	switch (v->kind) {
	case YV_NULL:
		n.kind = SN_NULL;
		break;
	case YV_BOOL:
		n.kind = v->u ? SN_TRUE : SN_FALSE;
		break;
	case YV_INT:
		n.kind = v->neg ? SN_NEGINT : SN_INT;
		n.a = (uint32_t)v->u;
		n.b = (uint32_t)(v->u >> 32);
		break;
	case YV_FLOAT: {
		uint64_t bits;
		memcpy(&bits, &v->f, 8);
		n.kind = SN_FLOAT;
		n.a = (uint32_t)bits;
		n.b = (uint32_t)(bits >> 32);
		break;
	}
	case YV_STR:
		n.kind = SN_STR;
		n.a = intern(b, v->s);
		break;
	case YV_SEQ:
	case YV_MAP:
		n.kind = v->kind == YV_SEQ ? SN_SEQ : SN_MAP;
		n.b = (uint32_t)v->n;
		n.a = new_nodes(b, v->n);
		b->nodes[at] = n;
		for (size_t i = 0; i < v->n; i++)
			fill(b, n.a + (uint32_t)i, v->v[i]);
		return;
	}
	b->nodes[at] = n;
}

/* dt-schema's documented compatibles: under any `compatible` key, the
 * strings of its enums and consts and its patterns. */
static void compat_values(struct builder *b, const struct yv *v)
{
	if (v->kind == YV_MAP) {
		for (size_t i = 0; i < v->n; i++) {
			const struct yv *m = v->v[i];
			if (!strcmp(m->key, "enum") && m->kind == YV_SEQ) {
				if (m->n && m->v[0]->kind == YV_STR)
					for (size_t j = 0; j < m->n; j++)
						if (m->v[j]->kind == YV_STR) {
							uint32_t s = intern(b, m->v[j]->s);
							VEC_PUSH(b->doccompat, b->ndc, b->cdc, s);
						}
			} else if (!strcmp(m->key, "const")) {
				if (m->kind == YV_STR) {
					uint32_t s = intern(b, m->s);
					VEC_PUSH(b->doccompat, b->ndc, b->cdc, s);
				}
			} else if (!strcmp(m->key, "pattern")) {
				if (m->kind == YV_STR) {
					uint32_t s = intern(b, m->s);
					VEC_PUSH(b->docpats, b->ndp, b->cdp, s);
				}
			} else {
				compat_values(b, m);
			}
		}
	} else if (v->kind == YV_SEQ) {
		for (size_t i = 0; i < v->n; i++)
			compat_values(b, v->v[i]);
	}
}

static void documented(struct builder *b, const struct yv *v)
{
	if (v->kind != YV_MAP && v->kind != YV_SEQ)
		return;
	for (size_t i = 0; i < v->n; i++) {
		if (v->kind == YV_MAP && !strcmp(v->v[i]->key, "compatible"))
			compat_values(b, v->v[i]);
		else
			documented(b, v->v[i]);
	}
}

static void stamp(struct builder *b, const char *path, const struct stat *st)
{
	struct sstamp s = {
		.size = S_ISREG(st->st_mode) ? (uint64_t)st->st_size : 0,
		.mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec,
		.ctime_ns = (int64_t)st->st_ctim.tv_sec * 1000000000LL + st->st_ctim.tv_nsec,
		.ino = (uint64_t)st->st_ino,
		.dev = (uint64_t)st->st_dev,
		.path = (uint32_t)b->paths.len,
		.kind = S_ISDIR(st->st_mode) ? 2 : 1,
	};
	if (s.mtime_ns > b->newest)
		b->newest = s.mtime_ns;
	sb_put(&b->paths, path, strlen(path) + 1);
	VEC_PUSH(b->stamps, b->nstamps, b->capstamps, s);
}

static char *slurp(const char *path, size_t *len, struct stat *st)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	if (fstat(fileno(f), st) != 0 || !S_ISREG(st->st_mode) ||
	    (size_t)st->st_size > MAX_DOC_BYTES) {
		fclose(f);
		return NULL;
	}
	size_t n = (size_t)st->st_size;
	char *buf = xmalloc(n + 1);
	*len = fread(buf, 1, n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* Reads, processes and packs one document. 1 added, 0 not a schema. */
static int add_file(struct builder *b, const char *path, int core)
{
	struct stat st;
	size_t len = 0;
	char *text = slurp(path, &len, &st);
	if (!text) {
		/* stamped all the same: fixing it must rebuild the set */
		if (stat(path, &st) == 0)
			stamp(b, path, &st);
		warn(b, path, 0, 0, "%s", "cannot read this schema (or it is over 4 MiB)");
		return 0;
	}
	stamp(b, path, &st);
	struct arena a;
	arena_init(&a);
	char err[256];
	struct yv *doc = yaml_read(&a, text, len, err, sizeof(err));
	free(text);
	int added = 0;
	if (!doc) {
		unsigned line = 1, col = 1;
		const char *msg = err;
		if (sscanf(err, "%u:%u: ", &line, &col) == 2)
			msg = strstr(err, ": ") + 2;
		warn(b, path, line, col, "not YAML, ignored: %s", msg);
		goto out;
	}
	const struct yv *id = yv_get(doc, "$id");
	if (!id || id->kind != YV_STR || doc->kind != YV_MAP)
		goto out;	/* dt-schema skips documents without an $id */
	char *sid = arena_strdup(&a, id->s);
	size_t n = strlen(sid);
	while (n && sid[n - 1] == '#')
		sid[--n] = '\0';
	uint32_t idoff = intern(b, sid);
	for (size_t i = 0; i < b->nd; i++)
		if (b->docs[i].id == idoff) {
			warn(b, path, id->line, id->col, "duplicate $id '%s', ignored", sid);
			goto out;
		}
	documented(b, doc);
	schema_fixup(&a, doc);
	struct sdoc d = {.id = idoff, .file = intern(b, path), .flags = core ? SDOC_CORE : 0};
	d.root = new_nodes(b, 1);
	fill(b, d.root, doc);
	d.end = (uint32_t)b->nn;
	for (uint32_t i = 0; i < b->nodes[d.root].b; i++)
		if (b->nodes[b->nodes[d.root].a + i].kw == KW_SELECT)
			d.select = b->nodes[d.root].a + i + 1;
	ptype_acc_doc(b->types, doc, (uint32_t)b->nd);
	VEC_PUSH(b->docs, b->nd, b->dcap, d);
	added = 1;
out:
	arena_free(&a);
	return added;
}

static int by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int is_yaml(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && !strcmp(name + n - 5, ".yaml");
}

/* Every *.yaml below dir, in name order (dt-schema's glob "**\/\*.yaml"). */
static void walk(struct builder *b, const char *dir, int core, int depth)
{
	struct stat st;
	if (depth > 32 || stat(dir, &st) != 0)
		return;
	stamp(b, dir, &st);
	DIR *d = opendir(dir);
	if (!d)
		return;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *s = xstrdup(e->d_name);
		VEC_PUSH(names, n, cap, s);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		size_t plen = strlen(dir) + strlen(names[i]) + 2;
		char *path = xmalloc(plen);
		snprintf(path, plen, "%s/%s", dir, names[i]);
		/* a symlinked directory is not followed (a link back up would
		 * repeat the tree); a symlinked document is read */
		struct stat lst;
		if (lstat(path, &lst) == 0 && stat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode) && !S_ISLNK(lst.st_mode))
				walk(b, path, core, depth + 1);
			else if (S_ISREG(st.st_mode) && is_yaml(names[i]))
				add_file(b, path, core);
		}
		free(path);
		free(names[i]);
	}
	free(names);
}

/* --- $refs ---------------------------------------------------------------- */

struct strmap_like {
	uint32_t *slots;	/* doc index + 1 */
	size_t cap;
};

/* The document whose $id is `id`, or -1. */
static long doc_by_id(const struct builder *b, const struct strmap_like *m, const char *id)
{
	size_t j = fnv1a32_str(id) & (m->cap - 1);
	while (m->slots[j]) {
		if (!strcmp(str(b, b->docs[m->slots[j] - 1].id), id))
			return (long)m->slots[j] - 1;
		j = (j + 1) & (m->cap - 1);
	}
	return -1;
}

/* A URI reference resolved against the document's $id: "#..." stays in
 * the document, "/schemas/..." is on devicetree.org, "foo.yaml" and
 * "../foo.yaml" are relative to the $id's directory. */
static void resolve_uri(const char *base, const char *ref, size_t reflen, char *out, size_t outsz)
{
	if (reflen >= 7 && (!strncmp(ref, "http://", 7) || !strncmp(ref, "https://", 8))) {
		snprintf(out, outsz, "%.*s", (int)reflen, ref);
		return;
	}
	if (reflen && ref[0] == '/') {
		snprintf(out, outsz, "%s%.*s", BASE_URL, (int)reflen, ref);
		return;
	}
	/* the base's directory, then the relative path with its ./ and ../ */
	char buf[1024];
	const char *slash = strrchr(base, '/');
	size_t dlen = slash ? (size_t)(slash - base) : 0;
	if (dlen >= sizeof(buf))
		dlen = sizeof(buf) - 1;
	memcpy(buf, base, dlen);
	buf[dlen] = '\0';
	size_t hostend = 0;
	const char *host = strstr(buf, "://");
	if (host) {
		const char *p = strchr(host + 3, '/');
		hostend = p ? (size_t)(p - buf) : dlen;
	}
	const char *p = ref, *end = ref + reflen;
	while (p < end) {
		size_t seg = 0;
		while (p + seg < end && p[seg] != '/')
			seg++;
		if (seg == 2 && p[0] == '.' && p[1] == '.') {
			char *s = strrchr(buf, '/');
			if (s && (size_t)(s - buf) >= hostend)
				*s = '\0';
		} else if (!(seg == 1 && p[0] == '.') && seg) {
			size_t cur = strlen(buf);
			if (cur + seg + 2 < sizeof(buf)) {
				buf[cur] = '/';
				memcpy(buf + cur + 1, p, seg);
				buf[cur + 1 + seg] = '\0';
			}
		}
		p += seg;
		if (p < end)
			p++;
	}
	snprintf(out, outsz, "%s", buf);
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A JSON pointer (the fragment after '#') from node `at`: the node, or 0. */
static uint32_t pointer(const struct builder *b, uint32_t at, const char *frag)
{
	const char *p = frag;
	while (*p == '/') {
		p++;
		char key[512];
		size_t k = 0;
		while (*p && *p != '/' && k + 1 < sizeof(key)) {
			char c = *p++;
			if (c == '~' && (*p == '0' || *p == '1'))
				c = *p++ == '0' ? '~' : '/';
			else if (c == '%' && hexval(p[0]) >= 0 && hexval(p[1]) >= 0) {
				c = (char)(hexval(p[0]) * 16 + hexval(p[1]));
				p += 2;
			}
			key[k++] = c;
		}
		key[k] = '\0';
		const struct snode *n = &b->nodes[at];
		uint32_t next = 0;
		if (n->kind == SN_MAP) {
			for (uint32_t i = 0; i < n->b; i++)
				if (!strcmp(str(b, b->nodes[n->a + i].key), key)) {
					next = n->a + i;
					break;
				}
		} else if (n->kind == SN_SEQ) {
			char *e;
			unsigned long i = strtoul(key, &e, 10);
			if (!*e && k && i < n->b)
				next = n->a + (uint32_t)i;
		}
		if (!next)
			return 0;
		at = next;
	}
	return *p ? 0 : at;
}

static void resolve_refs(struct builder *b)
{
	struct strmap_like m = {0};
	m.cap = 16;
	while (m.cap < 2 * b->nd + 2)
		m.cap *= 2;
	m.slots = xcalloc(m.cap, sizeof(*m.slots));
	for (size_t i = 0; i < b->nd; i++) {
		size_t j = fnv1a32_str(str(b, b->docs[i].id)) & (m.cap - 1);
		while (m.slots[j])
			j = (j + 1) & (m.cap - 1);
		m.slots[j] = (uint32_t)i + 1;
	}
	for (size_t d = 0; d < b->nd; d++) {
		const struct sdoc *doc = &b->docs[d];
		const char *base = str(b, doc->id);
		for (uint32_t i = doc->root; i < doc->end; i++) {
			struct snode *n = &b->nodes[i];
			if (n->kw != KW_REF || n->kind != SN_STR)
				continue;
			/* a property named "$ref" in a properties map is no reference;
			 * such maps do not exist in practice */
			const char *ref = str(b, n->a);
			const char *hash = strchr(ref, '#');
			size_t ulen = hash ? (size_t)(hash - ref) : strlen(ref);
			const char *frag = hash ? hash + 1 : "";
			long target = (long)d;
			if (ulen) {
				char uri[1024];
				resolve_uri(base, ref, ulen, uri, sizeof(uri));
				target = doc_by_id(b, &m, uri);
			}
			uint32_t t = target >= 0 ? pointer(b, b->docs[target].root, frag) : 0;
			n->b = t ? t + 1 : 0;
			if (!t)
				warn(b, str(b, doc->file), n->line, 1, "$ref '%s' goes nowhere", ref);
		}
	}
	free(m.slots);
}

/* --- $ref cycles ------------------------------------------------------------
 * A cycle is a chain of $refs (through allOf/anyOf/oneOf/not/if/then/else
 * /dependentSchemas, which apply to the same instance) that comes back to
 * where it started without descending into a property or item: evaluating
 * it would never end. Each is reported once, at the $ref that closes it,
 * and that $ref is cut (it then constrains nothing). */

enum { WHITE, GREY, BLACK };

struct cyc {
	struct builder *b;
	unsigned char *color;
};

static void visit(struct cyc *c, uint32_t at, uint32_t last_ref, int depth);

/* An edge into `target`; last_ref: the $ref taken most recently on the way
 * (the one cut when the edge closes a cycle). */
static void visit_edge(struct cyc *c, uint32_t target, uint32_t last_ref, int depth)
{
	struct builder *b = c->b;
	if (c->color[target] == GREY) {
		if (!last_ref || !b->nodes[last_ref].b)
			return;
		const struct sdoc *d = NULL;
		for (size_t i = 0; i < b->nd; i++)
			if (b->docs[i].root <= last_ref && last_ref < b->docs[i].end)
				d = &b->docs[i];
		warn(b, d ? str(b, d->file) : "?", b->nodes[last_ref].line, 1,
		     "$ref '%s' makes a cycle (it comes back to itself), ignored",
		     str(b, b->nodes[last_ref].a));
		b->nodes[last_ref].b = 0;
		return;
	}
	if (c->color[target] == WHITE)
		visit(c, target, last_ref, depth + 1);
}

static void visit(struct cyc *c, uint32_t at, uint32_t last_ref, int depth)
{
	struct builder *b = c->b;
	c->color[at] = GREY;
	const struct snode n = b->nodes[at];
	if (n.kind == SN_MAP && depth < 2000) {
		for (uint32_t i = 0; i < n.b; i++) {
			uint32_t k = n.a + i;
			const struct snode m = b->nodes[k];
			switch (m.kw) {
			case KW_REF:
				if (m.kind == SN_STR && m.b)
					visit_edge(c, m.b - 1, k, depth);
				break;
			case KW_ALLOF:
			case KW_ANYOF:
			case KW_ONEOF:
			case KW_DEPENDENTSCHEMAS:
				if (m.kind == SN_SEQ || m.kind == SN_MAP)
					for (uint32_t j = 0; j < m.b; j++)
						visit_edge(c, m.a + j, last_ref, depth);
				break;
			case KW_NOT:
			case KW_IF:
			case KW_THEN:
			case KW_ELSE:
				visit_edge(c, k, last_ref, depth);
				break;
			default:
				break;
			}
		}
	}
	c->color[at] = BLACK;
}

static void break_cycles(struct builder *b)
{
	struct cyc c = {b, xcalloc(b->nn, 1)};
	for (uint32_t i = 1; i < b->nn; i++)
		if (b->nodes[i].kind == SN_MAP && c.color[i] == WHITE)
			visit(&c, i, 0, 0);
	free(c.color);
}

/* --- selection ------------------------------------------------------------ */

struct cpair {
	uint32_t str, doc, seq;
	const char *s;
};

static void node_compats(const struct builder *b, uint32_t at, struct cpair **v, size_t *n,
			 size_t *cap, uint32_t doc)
{
	const struct snode *m = &b->nodes[at];
	if (m->kind != SN_MAP && m->kind != SN_SEQ)
		return;
	for (uint32_t i = 0; i < m->b; i++) {
		const struct snode *c = &b->nodes[m->a + i];
		if (m->kind == SN_MAP && c->kw == KW_ENUM && c->kind == SN_SEQ) {
			if (c->b && b->nodes[c->a].kind == SN_STR)
				for (uint32_t j = 0; j < c->b; j++)
					if (b->nodes[c->a + j].kind == SN_STR) {
						struct cpair p = {b->nodes[c->a + j].a, doc, 0, NULL};
						VEC_PUSH(*v, *n, *cap, p);
					}
		} else if (m->kind == SN_MAP && (c->kw == KW_CONST || c->kw == KW_PATTERN)) {
			if (c->kind == SN_STR) {
				struct cpair p = {c->a, doc, 0, NULL};
				VEC_PUSH(*v, *n, *cap, p);
			}
		} else {
			node_compats(b, m->a + i, v, n, cap, doc);
		}
	}
}

static int cmp_pair(const void *x, const void *y)
{
	const struct cpair *a = x, *b = y;
	int c = strcmp(a->s, b->s);
	return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

/* dt-validate's compatible map: a document without an explicit select is
 * chosen by the strings its compatible schema lists (syscon, simple-mfd
 * and simple-bus left out when there are others); a later document
 * listing the same string wins. */
static void compat_index(struct builder *b, struct scompat **out, size_t *nout, uint32_t **sel,
			 size_t *nsel)
{
	struct cpair *all = NULL;
	size_t n = 0, cap = 0, cs = 0;
	*sel = NULL;
	*nsel = 0;
	for (size_t d = 0; d < b->nd; d++) {
		struct sdoc *doc = &b->docs[d];
		if (doc->select) {
			if (b->nodes[doc->select - 1].kind != SN_FALSE) {
				doc->flags |= SDOC_ALWAYS;
				uint32_t di = (uint32_t)d;
				VEC_PUSH(*sel, *nsel, cs, di);
			}
			continue;
		}
		const struct snode *root = &b->nodes[doc->root], *props = NULL, *compat = NULL;
		for (uint32_t i = 0; i < root->b; i++)
			if (b->nodes[root->a + i].kw == KW_PROPERTIES)
				props = &b->nodes[root->a + i];
		for (uint32_t i = 0; props && props->kind == SN_MAP && i < props->b; i++)
			if (!strcmp(str(b, b->nodes[props->a + i].key), "compatible"))
				compat = &b->nodes[props->a + i];
		if (!compat)
			continue;
		struct cpair *v = NULL;
		size_t vn = 0, vc = 0;
		node_compats(b, (uint32_t)(compat - b->nodes), &v, &vn, &vc, (uint32_t)d);
		/* a set: duplicates once */
		for (size_t i = 0; i < vn; i++)
			v[i].s = str(b, v[i].str);
		size_t distinct = 0;
		for (size_t i = 0; i < vn; i++) {
			int dup = 0;
			for (size_t j = 0; j < i && !dup; j++)
				dup = v[j].str == v[i].str;
			distinct += !dup;
		}
		for (size_t i = 0; i < vn; i++) {
			const char *s = v[i].s;
			if (distinct > 1 && (!strcmp(s, "syscon") || !strcmp(s, "simple-mfd") ||
					     !strcmp(s, "simple-bus")))
				continue;
			v[i].seq = (uint32_t)n;
			VEC_PUSH(all, n, cap, v[i]);
		}
		free(v);
	}
	if (n)
		qsort(all, n, sizeof(*all), cmp_pair);
	struct scompat *o = xmalloc((n + 1) * sizeof(*o));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && all[i + 1].str == all[i].str)
			continue;	/* the last one listing it wins */
		o[k].str = all[i].str;
		o[k].doc = all[i].doc;
		k++;
	}
	free(all);
	*out = o;
	*nout = k;
}

/* --- the image -------------------------------------------------------------- */

struct writer {
	unsigned char *p;
	size_t len, cap;
	struct simg_header h;
};

static void put(struct writer *w, const void *data, size_t n)
{
	if (w->len + n > w->cap) {
		while (w->len + n > w->cap)
			w->cap = w->cap ? 2 * w->cap : (size_t)1 << 20;
		w->p = xrealloc(w->p, w->cap);
	}
	if (n)
		memcpy(w->p + w->len, data, n);
	w->len += n;
}

static void section(struct writer *w, int sec, const void *data, size_t n)
{
	static const unsigned char zero[8];
	put(w, zero, (8 - w->len % 8) % 8);
	w->h.sec[sec][0] = w->len;
	put(w, data, n);
	w->h.sec[sec][1] = n;
}

static int cmp_str_off(const void *x, const void *y, void *ctx)
{
	return strcmp(str(ctx, *(const uint32_t *)x), str(ctx, *(const uint32_t *)y));
}

/* Manifest order: by directory, then name, so that checking it holds each
 * directory open once (set_cache.c). */
static int cmp_stamp(const void *x, const void *y, void *ctx)
{
	const struct builder *bd = ctx;
	const char *a = bd->paths.s + ((const struct sstamp *)x)->path;
	const char *b = bd->paths.s + ((const struct sstamp *)y)->path;
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	size_t la = sa ? (size_t)(sa - a) : 0, lb = sb ? (size_t)(sb - b) : 0;
	int c = strncmp(a, b, la < lb ? la : lb);
	if (c)
		return c;
	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a + la, b + lb);
}

static size_t uniq(uint32_t *v, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!k || v[k - 1] != v[i])
			v[k++] = v[i];
	return k;
}

static void put_pattern(uint32_t *tab, uint32_t cap, uint32_t off)
{
	if (!off)
		return;
	uint32_t i = srx_slot(off, cap);
	while (tab[i] && tab[i] != off)
		i = (i + 1) & (cap - 1);
	tab[i] = off;
}

/* "^..." with no '|' outside parentheses or a class: its '^' can move in
 * front of an alternation of such patterns. */
static int simply_anchored(const char *p)
{
	if (p[0] != '^')
		return 0;
	int depth = 0, cls = 0;
	for (const char *q = p + 1; *q; q++) {
		if (*q == '\\') {
			if (!q[1])
				return 0;
			q++;
		} else if (cls) {
			cls = *q != ']';
		} else if (*q == '[') {
			cls = 1;
			if (q[1] == '^')
				q++;
			if (q[1] == ']')
				q++;
		} else if (*q == '(') {
			depth++;
		} else if (*q == ')') {
			depth--;
		} else if (*q == '|' && depth == 0) {
			return 0;
		}
	}
	return depth == 0 && !cls;
}

/* A subschema that accepts anything: `true`, or a map of annotations
 * only (descriptions, `deprecated`, which patternProperties do not report). */
static int trivially_true(const struct builder *b, const struct snode *n)
{
	if (n->kind == SN_TRUE)
		return 1;
	if (n->kind != SN_MAP)
		return 0;
	for (uint32_t i = 0; i < n->b; i++)
		switch (b->nodes[n->a + i].kw) {
		case KW_NONE:
		case KW_ID:
		case KW_SCHEMA:
		case KW_DEFS:
		case KW_DEFINITIONS:
		case KW_DESCRIPTION:
		case KW_TITLE:
		case KW_DEPRECATED:
		case KW_SELECT:
		case KW_DESCRIPTIONS:
			break;
		default:
			return 0;
		}
	return 1;
}

/* patternProperties maps of several patterns, each as one alternation
 * (interned, so that the pattern index below takes them in). A pattern
 * with a numbered back-reference would change meaning: such maps keep
 * their patterns one by one. */
static struct spatcomb *pattern_combos(struct builder *b, size_t *np)
{
	struct spatcomb *v = NULL;
	size_t n = 0, cap = 0;
	struct strbuf sb = {0};
	for (size_t i = 1; i < b->nn; i++) {
		const struct snode *m = &b->nodes[i];
		if (m->kw != KW_PATTERNPROPERTIES || m->kind != SN_MAP || m->b < 3)
			continue;
		sb.len = 0;
		int ok = 1, all_true = 1, anchored = 1;
		for (uint32_t j = 0; j < m->b; j++)
			anchored &= simply_anchored(str(b, b->nodes[m->a + j].key));
		/* all anchored (vendor prefixes): "^(?:a|b|...)", which PCRE2
		 * tries at the start only */
		if (anchored)
			sb_puts(&sb, "^(?:");
		for (uint32_t j = 0; j < m->b && ok; j++) {
			const struct snode *c = &b->nodes[m->a + j];
			const char *p = str(b, c->key);
			for (const char *q = strchr(p, '\\'); q && ok; q = strchr(q + 2, '\\'))
				ok = !(q[1] >= '1' && q[1] <= '9') && q[1];
			all_true &= trivially_true(b, c);
			if (j)
				sb_putc(&sb, '|');
			sb_puts(&sb, "(?:");
			sb_puts(&sb, anchored ? p + 1 : p);
			sb_putc(&sb, ')');
		}
		if (anchored)
			sb_putc(&sb, ')');
		if (!ok)
			continue;
		struct spatcomb c = {(uint32_t)i, intern(b, sb_cstr(&sb)), (uint32_t)all_true};
		VEC_PUSH(v, n, cap, c);
	}
	sb_free(&sb);
	*np = n;
	return v;
}

/* Every string used as a pattern: `pattern` values, patternProperties
 * keys and their alternations, pattern types, compatible patterns. */
static uint32_t *pattern_index(const struct builder *b, const struct spatcomb *pc, size_t npc,
			       const struct sptype *pt, size_t npt, uint32_t *capp)
{
	size_t n = npt + b->ndp + npc;
	for (size_t i = 1; i < b->nn; i++) {
		const struct snode *m = &b->nodes[i];
		if (m->kw == KW_PATTERN && m->kind == SN_STR)
			n++;
		else if (m->kw == KW_PATTERNPROPERTIES && m->kind == SN_MAP)
			n += m->b;
	}
	uint32_t cap = 16;
	while (cap < 2 * n + 2)
		cap *= 2;
	uint32_t *tab = xcalloc(cap, sizeof(*tab));
	for (size_t i = 1; i < b->nn; i++) {
		const struct snode *m = &b->nodes[i];
		if (m->kw == KW_PATTERN && m->kind == SN_STR)
			put_pattern(tab, cap, m->a);
		else if (m->kw == KW_PATTERNPROPERTIES && m->kind == SN_MAP)
			for (uint32_t j = 0; j < m->b; j++)
				put_pattern(tab, cap, b->nodes[m->a + j].key);
	}
	for (size_t i = 0; i < npt; i++)
		put_pattern(tab, cap, pt[i].name);
	for (size_t i = 0; i < b->ndp; i++)
		put_pattern(tab, cap, b->docpats[i]);
	for (size_t i = 0; i < npc; i++)
		put_pattern(tab, cap, pc[i].str);
	*capp = cap;
	return tab;
}

/* Everything the image holds is computed first; then each section is
 * copied out and the builder's array behind it freed, largest first, so
 * that the builder and the image are never both whole in memory. */
static int encode(struct builder *b, unsigned char **image, size_t *len)
{
	struct scompat *compat;
	size_t ncompat, nsel;
	uint32_t *sel;
	compat_index(b, &compat, &ncompat, &sel, &nsel);
	struct sptype *ex, *pt;
	size_t nex, npt;
	ptype_acc_finish(b->types, &ex, &nex, &pt, &npt);
	uint32_t kw[KW_COUNT] = {0};
	for (int i = 1; i < KW_COUNT; i++)
		kw[i] = intern(b, sn_kw_names[i]);
	size_t npc;
	struct spatcomb *pc = pattern_combos(b, &npc);	/* interns: before STRS is written */
	if (b->nstamps)
		qsort_r(b->stamps, b->nstamps, sizeof(*b->stamps), cmp_stamp, b);
	if (b->ndc)
		qsort_r(b->doccompat, b->ndc, sizeof(uint32_t), cmp_str_off, b);
	b->ndc = uniq(b->doccompat, b->ndc);
	/* the string hash, rebuilt at its final size */
	size_t cap = 16;
	while (cap < 2 * b->hn + 2)
		cap *= 2;
	uint32_t *h = xcalloc(cap, sizeof(*h));
	for (size_t i = 0; i < b->hcap; i++) {
		uint32_t off = b->hash[i];
		if (!off)
			continue;
		size_t j = fnv1a32_str(b->strs.s + off) & (cap - 1);
		while (h[j])
			j = (j + 1) & (cap - 1);
		h[j] = off;
	}
	free(b->hash);
	b->hash = NULL;
	/* the selects' prefilter, made now so that a load reads no select */
	struct schema_set view = {.strs = b->strs.s, .strs_len = b->strs.len, .nodes = b->nodes,
				  .nnodes = (uint32_t)b->nn, .docs = b->docs, .ndocs = (uint32_t)b->nd,
				  .selects = sel, .nselects = (uint32_t)nsel};
	uint32_t *filt;
	struct selpair *pairs;
	size_t npairs;
	sel_prefilter_build(&view, &filt, &pairs, &npairs);
	uint32_t patcap;
	uint32_t *pat = pattern_index(b, pc, npc, pt, npt, &patcap);
	/* string offsets are all < 4 GiB and node counts fit the format */
	int bad = b->strs.len > UINT32_MAX || b->nn > UINT32_MAX || b->paths.len > UINT32_MAX;
	struct writer w = {0};
	/* the whole size at once: the buffer is never copied to grow */
	w.cap = sizeof(w.h) + 8 * NSEC_IMG + b->strs.len + cap * sizeof(*h) +
		b->nn * sizeof(*b->nodes) + b->nd * sizeof(*b->docs) + ncompat * sizeof(*compat) +
		nsel * sizeof(*sel) + (nex + npt) * sizeof(*ex) + b->nstamps * sizeof(*b->stamps) +
		sizeof(kw) + (b->ndc + b->ndp) * sizeof(uint32_t) + b->nwarns * sizeof(*b->warns) +
		b->paths.len + nsel * sizeof(*filt) + npairs * sizeof(*pairs) +
		patcap * sizeof(*pat) + npc * sizeof(*pc);
	w.p = xmalloc(w.cap);
	memcpy(w.h.magic, SIMG_MAGIC, 8);
	w.h.version = SIMG_VERSION;
	w.h.order = SIMG_ORDER;
	put(&w, &w.h, sizeof(w.h));
	section(&w, SEC_STRS, b->strs.s, b->strs.len);
	sb_free(&b->strs);
	section(&w, SEC_STRHASH, h, cap * sizeof(*h));
	free(h);
	section(&w, SEC_NODES, b->nodes, b->nn * sizeof(*b->nodes));
	free(b->nodes);
	b->nodes = NULL;
	section(&w, SEC_DOCS, b->docs, b->nd * sizeof(*b->docs));
	section(&w, SEC_COMPAT, compat, ncompat * sizeof(*compat));
	section(&w, SEC_SELECTS, sel, nsel * sizeof(*sel));
	section(&w, SEC_PTYPES, ex, nex * sizeof(*ex));
	section(&w, SEC_PATTYPES, pt, npt * sizeof(*pt));
	section(&w, SEC_STAMPS, b->stamps, b->nstamps * sizeof(*b->stamps));
	section(&w, SEC_KWSTR, kw, sizeof(kw));
	section(&w, SEC_DOCCOMPAT, b->doccompat, b->ndc * sizeof(uint32_t));
	section(&w, SEC_DOCPATS, b->docpats, b->ndp * sizeof(uint32_t));
	section(&w, SEC_WARNS, b->warns, b->nwarns * sizeof(*b->warns));
	section(&w, SEC_PATHS, b->paths.s, b->paths.len);
	section(&w, SEC_SELFILT, filt, nsel * sizeof(*filt));
	section(&w, SEC_SELPAIRS, pairs, npairs * sizeof(*pairs));
	section(&w, SEC_PATIDX, pat, patcap * sizeof(*pat));
	section(&w, SEC_PATCOMB, pc, npc * sizeof(*pc));
	free(pat);
	free(pc);
	free(filt);
	free(pairs);
	free(compat);
	free(sel);
	free(ex);
	free(pt);
	w.h.size = w.len;
	w.h.sum = sset_checksum(w.p + sizeof(w.h), w.len - sizeof(w.h));
	memcpy(w.p, &w.h, sizeof(w.h));
	if (bad) {
		free(w.p);
		return -1;
	}
	*image = w.p;
	*len = w.len;
	return 0;
}

static void builder_free(struct builder *b)
{
	sb_free(&b->strs);
	free(b->hash);
	free(b->nodes);
	free(b->docs);
	free(b->stamps);
	sb_free(&b->paths);
	free(b->doccompat);
	free(b->docpats);
	free(b->warns);
	ptype_acc_free(b->types);
}

int sset_build(const struct schema_load_opts *o, unsigned char **image, size_t *len,
	       int64_t *newest_mtime_ns, char *why, size_t whysize)
{
	struct stat st;
	char core[PATH_MAX], bind[PATH_MAX];
	if (!o->core_dir || stat(o->core_dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    !realpath(o->core_dir, core)) {
		snprintf(why, whysize, "no dt-schema core schemas at %s",
			 o->core_dir ? o->core_dir : "(none given)");
		return -1;
	}
	struct builder b = {0};
	sb_putc(&b.strs, '\0');
	sb_putc(&b.paths, '\0');
	struct ptype_strings ps = {intern_cb, str_cb, &b};
	b.types = ptype_acc_new(&ps);
	new_nodes(&b, 1);	/* node 0: "none" */
	if (o->bindings_dir && realpath(o->bindings_dir, bind))
		walk(&b, bind, 0, 0);
	size_t before = b.nd;
	walk(&b, core, 1, 0);
	int rc = 0;
	if (b.nd == before) {
		snprintf(why, whysize, "no schema documents in %s", core);
		rc = -1;
	} else {
		resolve_refs(&b);
		break_cycles(&b);
		if (encode(&b, image, len) != 0) {
			snprintf(why, whysize, "the schema set is too large");
			rc = -1;
		}
	}
	*newest_mtime_ns = b.newest;
	builder_free(&b);
	return rc;
}
