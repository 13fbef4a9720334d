/* libyaml's event stream into struct yv trees (see yaml_tree.h). */
#include "yaml_tree.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core/arena.h"

/* Deeper nesting than any schema has: refused rather than recursed into. */
#define MAX_DEPTH 200

struct anchor {
	const char *name;
	struct yv *node;	/* NULL while the anchored node is still open */
	struct anchor *next;
};

struct reader {
	struct arena *a;
	yaml_parser_t p;
	struct anchor *anchors;
	size_t nodes;
	char *err;
	size_t errsize;
	int failed;
};

static void fail(struct reader *r, unsigned line, unsigned col, const char *msg)
{
	if (r->failed)
		return;
	r->failed = 1;
	snprintf(r->err, r->errsize, "%u:%u: %s", line, col, msg);
}

struct yv *yv_new(struct arena *a, enum yv_kind kind, unsigned line)
{
	struct yv *v = arena_alloc(a, sizeof(*v));
	v->kind = kind;
	v->line = line;
	v->col = 1;
	return v;
}

struct yv *yv_str(struct arena *a, const char *s, unsigned line)
{
	struct yv *v = yv_new(a, YV_STR, line);
	v->len = strlen(s);
	v->s = arena_strndup(a, s, v->len);
	return v;
}

struct yv *yv_int(struct arena *a, int64_t i, unsigned line)
{
	struct yv *v = yv_new(a, YV_INT, line);
	v->neg = i < 0;
	v->u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
	return v;
}

struct yv *yv_bool(struct arena *a, int b, unsigned line)
{
	struct yv *v = yv_new(a, YV_BOOL, line);
	v->u = b != 0;
	return v;
}

static void grow(struct arena *a, struct yv *c)
{
	if (c->n < c->cap)
		return;
	size_t cap = c->cap ? c->cap * 2 : 4;
	struct yv **nv = arena_alloc(a, cap * sizeof(*nv));
	if (c->n)
		memcpy(nv, c->v, c->n * sizeof(*nv));
	c->v = nv;
	c->cap = cap;
}

void yv_push(struct arena *a, struct yv *seq, struct yv *v)
{
	grow(a, seq);
	seq->v[seq->n++] = v;
}

struct yv *yv_get(const struct yv *map, const char *key)
{
	if (!map || map->kind != YV_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (!strcmp(map->v[i]->key, key))
			return map->v[i];
	return NULL;
}

int yv_has(const struct yv *map, const char *key)
{
	return yv_get(map, key) != NULL;
}

struct yv *yv_take(struct yv *map, const char *key)
{
	if (!map || map->kind != YV_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (!strcmp(map->v[i]->key, key)) {
			struct yv *v = map->v[i];
			memmove(&map->v[i], &map->v[i + 1], (map->n - i - 1) * sizeof(*map->v));
			map->n--;
			return v;
		}
	return NULL;
}

void yv_set(struct arena *a, struct yv *map, const char *key, struct yv *v)
{
	for (size_t i = 0; i < map->n; i++)
		if (!strcmp(map->v[i]->key, key)) {
			v->key = map->v[i]->key;
			map->v[i] = v;
			return;
		}
	v->key = arena_strdup(a, key);
	yv_push(a, map, v);
}

struct yv *yv_copy(struct arena *a, const struct yv *v)
{
	struct yv *c = arena_alloc(a, sizeof(*c));
	*c = *v;
	c->v = NULL;
	c->n = c->cap = 0;
	for (size_t i = 0; i < v->n; i++)
		yv_push(a, c, yv_copy(a, v->v[i]));
	return c;
}

int yv_is_true(const struct yv *v)
{
	return v && v->kind == YV_BOOL && v->u;
}

int yv_is_false(const struct yv *v)
{
	return v && v->kind == YV_BOOL && !v->u;
}

int yv_equal(const struct yv *x, const struct yv *y)
{
	if (x->kind != y->kind) {
		/* JSON numbers: 1 == 1.0 */
		if (x->kind == YV_INT && y->kind == YV_FLOAT)
			return (x->neg ? -(double)x->u : (double)x->u) == y->f;
		if (x->kind == YV_FLOAT && y->kind == YV_INT)
			return yv_equal(y, x);
		return 0;
	}
	switch (x->kind) {
	case YV_NULL:
		return 1;
	case YV_BOOL:
		return x->u == y->u;
	case YV_INT:
		return x->u == y->u && (x->neg == y->neg || x->u == 0);
	case YV_FLOAT:
		/* .nan equals itself here: a copy must equal its original */
		return x->f == y->f || (isnan(x->f) && isnan(y->f));
	case YV_STR:
		return x->len == y->len && !memcmp(x->s, y->s, x->len);
	case YV_SEQ:
		if (x->n != y->n)
			return 0;
		for (size_t i = 0; i < x->n; i++)
			if (!yv_equal(x->v[i], y->v[i]))
				return 0;
		return 1;
	case YV_MAP:
		if (x->n != y->n)
			return 0;
		for (size_t i = 0; i < x->n; i++) {
			const struct yv *o = yv_get(y, x->v[i]->key);
			if (!o || !yv_equal(x->v[i], o))
				return 0;
		}
		return 1;
	}
	return 0;
}

/* ---- scalars ---------------------------------------------------------- */

static int all_of(const char *s, const char *set)
{
	return *s && strspn(s, set) == strlen(s);
}

/* The YAML 1.2 core schema's resolution of a plain scalar. */
static void resolve_plain(struct yv *v, const char *s, size_t len)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
	static const char *const trues[] = {"true", "True", "TRUE"};
	static const char *const falses[] = {"false", "False", "FALSE"};
	if (strlen(s) != len)
		goto string;	/* a NUL inside: only a string can hold it */
	for (size_t i = 0; i < sizeof(nulls) / sizeof(*nulls); i++)
		if (!strcmp(s, nulls[i])) {
			v->kind = YV_NULL;
			return;
		}
	for (size_t i = 0; i < 3; i++) {
		if (!strcmp(s, trues[i])) {
			v->kind = YV_BOOL;
			v->u = 1;
			return;
		}
		if (!strcmp(s, falses[i])) {
			v->kind = YV_BOOL;
			v->u = 0;
			return;
		}
	}
	const char *d = s;
	int neg = 0;
	if (*d == '-' || *d == '+')
		neg = *d++ == '-';
	int base = 10;
	const char *digits = d;
	if (d == s && d[0] == '0' && (d[1] == 'x' || d[1] == 'o')) {
		base = d[1] == 'x' ? 16 : 8;
		digits = d + 2;
	}
	if ((base == 10 && all_of(digits, "0123456789")) ||
	    (base == 16 && all_of(digits, "0123456789abcdefABCDEF")) ||
	    (base == 8 && all_of(digits, "01234567"))) {
		errno = 0;
		unsigned long long u = strtoull(digits, NULL, base);
		if (errno == 0) {
			v->kind = YV_INT;
			v->u = u;
			v->neg = neg && u != 0;
			return;
		}
		/* beyond 64 bits: a float, as a double holds it */
		v->kind = YV_FLOAT;
		v->f = strtod(s, NULL);
		return;
	}
	/* floats: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? and .inf/.nan */
	const char *p = d;
	size_t ip = strspn(p, "0123456789");
	p += ip;
	size_t fp = 0;
	if (*p == '.') {
		p++;
		fp = strspn(p, "0123456789");
		p += fp;
	}
	if (ip + fp > 0) {
		if (*p == 'e' || *p == 'E') {
			const char *q = p + 1;
			if (*q == '-' || *q == '+')
				q++;
			size_t ed = strspn(q, "0123456789");
			p = ed ? q + ed : p;
		}
		if (!*p && (strchr(d, '.') || strpbrk(d, "eE"))) {
			v->kind = YV_FLOAT;
			v->f = strtod(s, NULL);
			return;
		}
	}
	if (!strcmp(d, ".inf") || !strcmp(d, ".Inf") || !strcmp(d, ".INF")) {
		v->kind = YV_FLOAT;
		v->f = neg ? -INFINITY : INFINITY;
		return;
	}
	if (d == s && (!strcmp(s, ".nan") || !strcmp(s, ".NaN") || !strcmp(s, ".NAN"))) {
		v->kind = YV_FLOAT;
		v->f = NAN;
		return;
	}
string:
	v->kind = YV_STR;
}

static void scalar(struct reader *r, struct yv *v, const yaml_event_t *e)
{
	const char *s = (const char *)e->data.scalar.value;
	size_t len = e->data.scalar.length;
	const char *tag = (const char *)e->data.scalar.tag;
	v->s = arena_strndup(r->a, s, len);
	v->len = len;
	if (tag && !strcmp(tag, YAML_STR_TAG)) {
		v->kind = YV_STR;
	} else if (e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		/* other explicit tags: resolved as plain, as a safe loader mostly does */
		resolve_plain(v, v->s, len);
	} else {
		v->kind = YV_STR;
	}
}

/* ---- the tree --------------------------------------------------------- */

static int next(struct reader *r, yaml_event_t *e)
{
	if (!yaml_parser_parse(&r->p, e)) {
		const yaml_mark_t *m = r->p.problem ? &r->p.problem_mark : &r->p.context_mark;
		char msg[200];
		snprintf(msg, sizeof(msg), "%s%s%s", r->p.problem ? r->p.problem : "invalid YAML",
			 r->p.context ? " " : "", r->p.context ? r->p.context : "");
		fail(r, (unsigned)m->line + 1, (unsigned)m->column + 1, msg);
		return -1;
	}
	return 0;
}

static size_t count(const struct yv *v)
{
	size_t n = 1;
	for (size_t i = 0; i < v->n; i++)
		n += count(v->v[i]);
	return n;
}

static struct yv *node(struct reader *r, yaml_event_t *e, int depth);

/* The rest of a sequence or mapping whose start event was `e`. */
static void children(struct reader *r, struct yv *c, int depth)
{
	for (;;) {
		yaml_event_t e;
		if (next(r, &e))
			return;
		if (e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&e);
			return;
		}
		if (c->kind == YV_SEQ) {
			struct yv *v = node(r, &e, depth + 1);
			yaml_event_delete(&e);
			if (!v)
				return;
			yv_push(r->a, c, v);
			continue;
		}
		/* a key: only scalars make JSON keys */
		unsigned kl = (unsigned)e.start_mark.line + 1, kc = (unsigned)e.start_mark.column + 1;
		if (e.type != YAML_SCALAR_EVENT) {
			yaml_event_delete(&e);
			fail(r, kl, kc, "a mapping key must be a scalar");
			return;
		}
		char *key = arena_strndup(r->a, (const char *)e.data.scalar.value,
					  e.data.scalar.length);
		yaml_event_delete(&e);
		if (yv_get(c, key)) {
			char msg[160];
			snprintf(msg, sizeof(msg), "duplicate key '%.100s'", key);
			fail(r, kl, kc, msg);
			return;
		}
		if (next(r, &e))
			return;
		struct yv *v = node(r, &e, depth + 1);
		yaml_event_delete(&e);
		if (!v)
			return;
		v->key = key;
		yv_push(r->a, c, v);
	}
}

static struct anchor *find_anchor(struct reader *r, const char *name)
{
	for (struct anchor *an = r->anchors; an; an = an->next)
		if (!strcmp(an->name, name))
			return an;
	return NULL;
}

static struct anchor *add_anchor(struct reader *r, const unsigned char *name)
{
	if (!name)
		return NULL;
	struct anchor *an = arena_alloc(r->a, sizeof(*an));
	an->name = arena_strdup(r->a, (const char *)name);
	an->next = r->anchors;
	r->anchors = an;
	return an;
}

static struct yv *node(struct reader *r, yaml_event_t *e, int depth)
{
	unsigned line = (unsigned)e->start_mark.line + 1, col = (unsigned)e->start_mark.column + 1;
	if (depth > MAX_DEPTH) {
		fail(r, line, col, "nested too deeply");
		return NULL;
	}
	if (++r->nodes > YAML_MAX_NODES) {
		fail(r, line, col, "too many nodes");
		return NULL;
	}
	struct yv *v;
	struct anchor *an;
	switch (e->type) {
	case YAML_ALIAS_EVENT:
		an = find_anchor(r, (const char *)e->data.alias.anchor);
		if (!an || !an->node) {
			fail(r, line, col, "alias to an unknown or unfinished anchor");
			return NULL;
		}
		/* copied when used, so that rewriting one use leaves the others:
		 * counted against the budget (no exponential expansion) */
		r->nodes += count(an->node);
		if (r->nodes > YAML_MAX_NODES) {
			fail(r, line, col, "too many nodes (aliases expand too far)");
			return NULL;
		}
		v = yv_copy(r->a, an->node);
		v->key = NULL;
		return v;
	case YAML_SCALAR_EVENT:
		v = yv_new(r->a, YV_STR, line);
		v->col = col;
		scalar(r, v, e);
		an = add_anchor(r, e->data.scalar.anchor);
		if (an)
			an->node = v;
		return v;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		v = yv_new(r->a, e->type == YAML_SEQUENCE_START_EVENT ? YV_SEQ : YV_MAP, line);
		v->col = col;
		an = add_anchor(r, e->type == YAML_SEQUENCE_START_EVENT ? e->data.sequence_start.anchor
									 : e->data.mapping_start.anchor);
		children(r, v, depth);
		if (r->failed)
			return NULL;
		if (an)
			an->node = v;
		return v;
	default:
		fail(r, line, col, "unexpected YAML event");
		return NULL;
	}
}

struct yv *yaml_read(struct arena *a, const char *text, size_t len, char *err, size_t errsize)
{
	struct reader r = {.a = a, .err = err, .errsize = errsize};
	if (errsize)
		err[0] = '\0';
	if (!yaml_parser_initialize(&r.p)) {
		snprintf(err, errsize, "1:1: out of memory");
		return NULL;
	}
	yaml_parser_set_input_string(&r.p, (const unsigned char *)text, len);
	struct yv *root = NULL;
	yaml_event_t e;
	/* stream start, then the first document's start (or the stream's end) */
	while (!r.failed && !next(&r, &e)) {
		yaml_event_type_t t = e.type;
		if (t == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&e);
			break;
		}
		if (t == YAML_STREAM_START_EVENT || t == YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&e);
			continue;
		}
		if (t == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&e);
			break;	/* the first document is the schema */
		}
		root = node(&r, &e, 0);
		yaml_event_delete(&e);
		if (!root)
			break;
	}
	yaml_parser_delete(&r.p);
	if (r.failed)
		return NULL;
	if (!root) {
		snprintf(err, errsize, "1:1: empty document");
		return NULL;
	}
	return root;
}
