/* The evaluator: JSON Schema draft 2019-09 as dt-schema uses it, on the
 * set's compact nodes, with dt-validate's (python-jsonschema's) wording.
 *
 * ev() returns whether an instance is valid under a schema node and, for
 * an object instance, marks in `marks` the members the schema evaluated
 * (the annotations unevaluatedProperties reads): properties and matching
 * patternProperties always, additionalProperties / unevaluatedProperties
 * where the member was valid, $ref and dependentSchemas always, allOf /
 * anyOf / oneOf branches only when valid, if with then when if holds,
 * else otherwise, as python-jsonschema computes them.
 *
 * Errors are gathered only where they are reported: inside if, not, and
 * when counting valid branches nothing is formatted. A failed anyOf/oneOf
 * reports one error whose message lists its branches' failures, as
 * dt-validate prints them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "schema.h"
#include "set_image.h"

/* Deeper than any schema nests: treated as valid (never a hang). */
#define MAX_DEPTH 256
/* Subschema evaluations one call may make: the corpus's largest (a
 * pin controller's hundreds of states) takes 11,000; a damaged image whose
 * $refs loop or fan out stops here, as valid (about 15 ms). */
#define MAX_STEPS 200000L
/* Failures collected for one node and schema: a real board's node fails a
 * schema a few times; a damaged image can fail it on every step. */
#define MAX_REPORTED 1024
/* Longest instance or schema text quoted in a message. */
#define MAX_REPR 4000

/* A failure, and whether its own keyword is `required` or
 * unevaluatedProperties (what dt-validate looks for in a oneOf's branches
 * on a disabled node). */
struct perr {
	struct schema_error e;
	unsigned char direct;
};

struct errs {
	struct perr *v;
	size_t n, cap;
};

struct ev {
	const struct schema_set *set;
	struct arena *scratch;
	struct errs *errs;	/* NULL: only validity is wanted */
	const char *prop;	/* the property (or child) being evaluated */
	int depth;
	long steps;		/* left of MAX_STEPS */
	void *md;		/* match data, made on first use */
	/* the interned offsets of recent objects' member names (0: a name
	 * no schema mentions), so that properties/required compare numbers */
	struct {
		const struct sinst *obj;
		const uint32_t *offs;
	} names[4];
	unsigned next_names;
};

/* --- repr: Python's rendering of values, for messages -------------------- */

static void repr_str(struct strbuf *b, const char *s)
{
	int dq = strchr(s, '\'') && !strchr(s, '"');
	char q = dq ? '"' : '\'';
	sb_putc(b, q);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\\')
			sb_puts(b, "\\\\");
		else if (*p == (unsigned char)q)
			sb_printf(b, "\\%c", q);
		else if (*p == '\n')
			sb_puts(b, "\\n");
		else if (*p == '\t')
			sb_puts(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			sb_printf(b, "\\x%02x", *p);
		else
			sb_putc(b, (char)*p);
	}
	sb_putc(b, q);
}

/* Python's repr of bytes: b'..', printable ASCII as itself */
static void repr_bytes(struct strbuf *b, const unsigned char *p, size_t n)
{
	int sq = 0, dq = 0;
	for (size_t i = 0; i < n; i++) {
		sq |= p[i] == '\'';
		dq |= p[i] == '"';
	}
	char q = sq && !dq ? '"' : '\'';
	sb_putc(b, 'b');
	sb_putc(b, q);
	for (size_t i = 0; i < n && b->len <= MAX_REPR; i++) {
		unsigned char c = p[i];
		if (c == '\\' || c == (unsigned char)q)
			sb_printf(b, "\\%c", c);
		else if (c == '\t')
			sb_puts(b, "\\t");
		else if (c == '\n')
			sb_puts(b, "\\n");
		else if (c == '\r')
			sb_puts(b, "\\r");
		else if (c < 0x20 || c >= 0x7f)
			sb_printf(b, "\\x%02x", c);
		else
			sb_putc(b, (char)c);
	}
	sb_putc(b, q);
}

static void repr_inst(struct strbuf *b, const struct sinst *v)
{
	if (b->len > MAX_REPR) {
		sb_puts(b, "...");
		return;
	}
	switch (v->kind) {
	case SINST_BYTES:
		repr_bytes(b, (const unsigned char *)(v->s ? v->s : ""), v->s ? v->n : 0);
		break;
	case SINST_TRUE:
		sb_puts(b, "True");
		break;
	case SINST_INT:
		if (v->is_signed && (int64_t)v->u < 0)
			sb_printf(b, "%lld", (long long)(int64_t)v->u);
		else
			sb_put_uint(b, v->u);
		break;
	case SINST_STR:
		repr_str(b, v->s ? v->s : "");
		break;
	case SINST_ARRAY:
		sb_putc(b, '[');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				sb_puts(b, ", ");
			repr_inst(b, &v->items[i]);
			if (b->len > MAX_REPR && i + 1 < v->n) {
				sb_puts(b, ", ...");
				break;
			}
		}
		sb_putc(b, ']');
		break;
	case SINST_OBJECT:
		sb_putc(b, '{');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				sb_puts(b, ", ");
			repr_str(b, v->members[i].name);
			sb_puts(b, ": ");
			repr_inst(b, &v->members[i].value);
			if (b->len > MAX_REPR && i + 1 < v->n) {
				sb_puts(b, ", ...");
				break;
			}
		}
		sb_putc(b, '}');
		break;
	}
}

static void repr_float(struct strbuf *b, double f)
{
	char buf[40];
	snprintf(buf, sizeof(buf), "%.17g", f);
	/* the shortest form that reads back the same, as Python prints */
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, f);
		if (strtod(buf, NULL) == f)
			break;
	}
	sb_puts(b, buf);
	if (!strpbrk(buf, ".eEn"))
		sb_puts(b, ".0");
}

static int cmp_key(const void *x, const void *y, void *ctx)
{
	const struct schema_set *s = ctx;
	return strcmp(sset_str(s, s->nodes[*(const uint32_t *)x].key),
		      sset_str(s, s->nodes[*(const uint32_t *)y].key));
}

static void repr_node(const struct schema_set *s, struct strbuf *b, const struct snode *n)
{
	if (b->len > MAX_REPR) {
		sb_puts(b, "...");
		return;
	}
	uint64_t u = (uint64_t)n->b << 32 | n->a;
	switch (n->kind) {
	case SN_NULL:
		sb_puts(b, "None");
		break;
	case SN_FALSE:
		sb_puts(b, "False");
		break;
	case SN_TRUE:
		sb_puts(b, "True");
		break;
	case SN_INT:
		sb_put_uint(b, u);
		break;
	case SN_NEGINT:
		sb_putc(b, '-');
		sb_put_uint(b, u);
		break;
	case SN_FLOAT: {
		double f;
		memcpy(&f, &u, 8);
		repr_float(b, f);
		break;
	}
	case SN_STR:
		repr_str(b, sset_str(s, n->a));
		break;
	case SN_SEQ:
	case SN_MAP: {
		/* a map's keys sorted, as dt-validate has them from the processed
		 * schema file (written with sorted keys) */
		uint32_t *order = xmalloc((n->b + 1) * sizeof(*order));
		for (uint32_t i = 0; i < n->b; i++)
			order[i] = n->a + i;
		if (n->kind == SN_MAP && n->b > 1)
			qsort_r(order, n->b, sizeof(*order), cmp_key, (void *)s);
		sb_putc(b, n->kind == SN_SEQ ? '[' : '{');
		for (uint32_t i = 0; i < n->b; i++) {
			const struct snode *c = &s->nodes[order[i]];
			if (i)
				sb_puts(b, ", ");
			if (n->kind == SN_MAP) {
				repr_str(b, sset_str(s, c->key));
				sb_puts(b, ": ");
			}
			repr_node(s, b, c);
			if (b->len > MAX_REPR && i + 1 < n->b) {
				sb_puts(b, ", ...");
				break;
			}
		}
		sb_putc(b, n->kind == SN_SEQ ? ']' : '}');
		free(order);
		break;
	}
	}
}

/* --- errors --------------------------------------------------------------- */

static const char *finish(struct ev *E, struct strbuf *b)
{
	const char *m = arena_strndup(E->scratch, b->s ? b->s : "", b->len);
	sb_free(b);
	return m;
}

static struct schema_error *add_err(struct ev *E, enum schema_error_kind kind,
				    const struct sinst *at, const char *name, const struct snode *kw,
				    const char *message)
{
	struct errs *l = E->errs;
	VEC_RESERVE(l->v, l->cap, l->n + 1);
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	struct schema_error *e = &l->v[l->n++].e;
	uint32_t idx = (uint32_t)(kw - E->set->nodes);
	const struct sdoc *d = sset_doc_of(E->set, idx);
	e->kind = kind;
	e->at = at;
	e->name = name;
	e->message = message;
	e->schema_id = d ? sset_str(E->set, d->id) : "";
	e->line = kw->line;
	return e;
}

/* An error about the value being evaluated (kind by where it is). */
static void value_err(struct ev *E, const struct sinst *at, const struct snode *kw,
		      struct strbuf *b)
{
	enum schema_error_kind k =
		E->prop && !strcmp(E->prop, "$nodename") ? SE_NODE_NAME : SE_VALUE;
	add_err(E, k, at, E->prop, kw, finish(E, b));
}

/* --- values ------------------------------------------------------------------ */

struct num {
	int is_float;
	int neg;
	uint64_t mag;
	double f;
};

static struct num inst_num(const struct sinst *v)
{
	struct num n = {0};
	if (v->is_signed && (int64_t)v->u < 0) {
		n.neg = 1;
		n.mag = (uint64_t)0 - v->u;
	} else {
		n.mag = v->u;
	}
	return n;
}

static int node_num(const struct snode *s, struct num *n)
{
	uint64_t u = (uint64_t)s->b << 32 | s->a;
	memset(n, 0, sizeof(*n));
	switch (s->kind) {
	case SN_INT:
		n->mag = u;
		return 1;
	case SN_NEGINT:
		n->mag = u;
		n->neg = u != 0;
		return 1;
	case SN_FLOAT:
		n->is_float = 1;
		memcpy(&n->f, &u, 8);
		return 1;
	default:
		return 0;
	}
}

static long double num_ld(const struct num *n)
{
	if (n->is_float)
		return n->f;
	return n->neg ? -(long double)n->mag : (long double)n->mag;
}

/* <0, 0, >0 */
static int num_cmp(const struct num *a, const struct num *b)
{
	if (a->is_float || b->is_float) {
		long double x = num_ld(a), y = num_ld(b);
		return (x > y) - (x < y);
	}
	if (a->neg != b->neg)
		return a->neg ? -1 : 1;
	int c = (a->mag > b->mag) - (a->mag < b->mag);
	return a->neg ? -c : c;
}

/* JSON equality of an instance and a schema value (booleans are not
 * numbers, as python-jsonschema's equal() has it). */
static int equal(const struct schema_set *s, const struct sinst *v, const struct snode *n)
{
	switch (v->kind) {
	case SINST_TRUE:
		return n->kind == SN_TRUE;
	case SINST_INT: {
		struct num a = inst_num(v), b;
		return node_num(n, &b) && num_cmp(&a, &b) == 0;
	}
	case SINST_STR:
		return n->kind == SN_STR && !strcmp(v->s ? v->s : "", sset_str(s, n->a));
	case SINST_ARRAY:
		if (n->kind != SN_SEQ || n->b != v->n)
			return 0;
		for (size_t i = 0; i < v->n; i++)
			if (!equal(s, &v->items[i], &s->nodes[n->a + i]))
				return 0;
		return 1;
	case SINST_OBJECT:
		if (n->kind != SN_MAP || n->b != v->n)
			return 0;
		for (size_t i = 0; i < v->n; i++) {
			const struct snode *m = sset_member(s, n, v->members[i].name);
			if (!m || !equal(s, &v->members[i].value, m))
				return 0;
		}
		return 1;
	case SINST_BYTES:
		return 0;	/* no YAML value is bytes */
	}
	return 0;
}

static int inst_equal(const struct sinst *a, const struct sinst *b)
{
	if (a->kind != b->kind || a->n != b->n)
		return 0;
	switch (a->kind) {
	case SINST_TRUE:
		return 1;
	case SINST_INT:
		return a->u == b->u;
	case SINST_STR:
		return !strcmp(a->s ? a->s : "", b->s ? b->s : "");
	case SINST_ARRAY:
		for (size_t i = 0; i < a->n; i++)
			if (!inst_equal(&a->items[i], &b->items[i]))
				return 0;
		return 1;
	case SINST_OBJECT:
		for (size_t i = 0; i < a->n; i++)
			if (strcmp(a->members[i].name, b->members[i].name) ||
			    !inst_equal(&a->members[i].value, &b->members[i].value))
				return 0;
		return 1;
	case SINST_BYTES:
		return !a->n || (a->s && b->s && !memcmp(a->s, b->s, a->n));
	}
	return 0;
}

static int is_type(const struct sinst *v, const char *t)
{
	switch (v->kind) {
	case SINST_TRUE:
		return !strcmp(t, "boolean");
	case SINST_INT:
		return !strcmp(t, "integer") || !strcmp(t, "number");
	case SINST_STR:
		return !strcmp(t, "string");
	case SINST_ARRAY:
		return !strcmp(t, "array");
	case SINST_OBJECT:
		return !strcmp(t, "object");
	case SINST_BYTES:
		return 0;
	}
	return 0;
}

static const struct sinst_member *member(const struct sinst *obj, const char *name)
{
	for (size_t i = 0; i < obj->n; i++)
		if (!strcmp(obj->members[i].name, name))
			return &obj->members[i];
	return NULL;
}

static int has_member(const struct sinst *obj, const char *name)
{
	return member(obj, name) != NULL;
}

static const uint32_t *name_offs(struct ev *E, const struct sinst *v)
{
	for (unsigned i = 0; i < 4; i++)
		if (E->names[i].obj == v)
			return E->names[i].offs;
	uint32_t *offs = arena_alloc(E->scratch, (v->n + 1) * sizeof(*offs));
	for (size_t i = 0; i < v->n; i++)
		offs[i] = sset_find_str(E->set, v->members[i].name);
	unsigned k = E->next_names++ & 3;
	E->names[k].obj = v;
	E->names[k].offs = offs;
	return offs;
}

/* Has the object a member whose name is the string at `off`? */
static int has_off(const uint32_t *offs, size_t n, uint32_t off)
{
	for (size_t i = 0; i < n; i++)
		if (offs[i] == off)
			return 1;
	return 0;
}

/* --- the keywords -------------------------------------------------------------- */

static int ev(struct ev *E, const struct snode *sch, const struct sinst *v, uint64_t *marks);

static size_t words(size_t n)
{
	return (n + 63) / 64;
}

static uint64_t *new_marks(struct ev *E, const struct sinst *v, uint64_t *stackbuf, size_t stackn)
{
	size_t w = words(v->n);
	if (w <= stackn) {
		memset(stackbuf, 0, w * sizeof(*stackbuf));
		return stackbuf;
	}
	return arena_alloc(E->scratch, w * sizeof(uint64_t));
}

#define MARK(m, i) ((m)[(i) / 64] |= (uint64_t)1 << ((i) % 64))
#define MARKED(m, i) (((m)[(i) / 64] >> ((i) % 64)) & 1)

static void or_marks(uint64_t *dst, const uint64_t *src, size_t n)
{
	for (size_t i = 0; i < words(n); i++)
		dst[i] |= src[i];
}

/* Evaluates a subschema quietly (or with errors to `into`). */
static int sub(struct ev *E, const struct snode *sch, const struct sinst *v, uint64_t *marks,
	       struct errs *into)
{
	struct errs *saved = E->errs;
	E->errs = into;
	int ok = ev(E, sch, v, marks);
	E->errs = saved;
	return ok;
}

/* A property's value under its subschema, with the property named. */
static int descend(struct ev *E, const struct snode *sch, const struct sinst *v, const char *name,
		   int is_node_member)
{
	const char *saved = E->prop;
	if (is_node_member)
		E->prop = name;
	int ok = ev(E, sch, v, NULL);
	E->prop = saved;
	return ok;
}

static int rx(struct ev *E, uint32_t pattern, const char *subject)
{
	if (!E->md)
		E->md = srx_md_new();
	return srx_match(E->set, pattern, subject, strlen(subject), E->md);
}

static const struct spatcomb *combo(const struct schema_set *s, const struct snode *pats)
{
	uint32_t at = (uint32_t)(pats - s->nodes);
	size_t lo = 0, hi = s->npatcomb;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->patcomb[mid].map < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->npatcomb && s->patcomb[lo].map == at ? &s->patcomb[lo] : NULL;
}

static int member_matches(struct ev *E, const struct snode *pats, const char *name)
{
	const struct spatcomb *pc = combo(E->set, pats);
	int any = pc ? rx(E, pc->str, name) : -1;
	if (any >= 0)
		return any;
	for (uint32_t j = 0; j < pats->b; j++) {
		const struct snode *p = &E->set->nodes[pats->a + j];
		if (rx(E, p->key, name) == 1)
			return 1;
	}
	return 0;
}

static int cmp_cstr(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* "'a' does not match any of the regexes: 'p', 'q'" for one member */
static void unexpected(struct ev *E, const struct sinst *obj, const char *name,
		       const struct snode *kw, const struct snode *pats, int uneval)
{
	if (!E->errs)
		return;
	struct strbuf b = {0};
	if (uneval) {
		sb_puts(&b, "Unevaluated properties are not allowed (");
		repr_str(&b, name);
		sb_puts(&b, " was unexpected)");
	} else if (pats && pats->kind == SN_MAP && pats->b) {
		repr_str(&b, name);
		sb_puts(&b, " does not match any of the regexes: ");
		const char **v = xmalloc(pats->b * sizeof(*v));
		for (uint32_t j = 0; j < pats->b; j++)
			v[j] = sset_str(E->set, E->set->nodes[pats->a + j].key);
		qsort(v, pats->b, sizeof(*v), cmp_cstr);
		for (uint32_t j = 0; j < pats->b; j++) {
			if (j)
				sb_puts(&b, ", ");
			repr_str(&b, v[j]);
		}
		free(v);
	} else {
		sb_puts(&b, "Additional properties are not allowed (");
		repr_str(&b, name);
		sb_puts(&b, " was unexpected)");
	}
	add_err(E, SE_UNEXPECTED, obj, arena_strdup(E->scratch, name), kw, finish(E, &b))
		->disabled_ok = (unsigned char)uneval;
	E->errs->v[E->errs->n - 1].direct = (unsigned char)uneval;
}

/* anyOf / oneOf failing: one error, its branches' failures listed as
 * dt-validate lists them (a single one as itself). */
static void combinator_err(struct ev *E, const struct sinst *v, const struct snode *kw,
			   struct errs *ctx, const char *kwname, const uint32_t *valid, size_t nvalid)
{
	int several_valid = nvalid > 1;
	if (!E->errs)
		return;
	struct strbuf b = {0};
	enum schema_error_kind kind = SE_VALUE;
	const char *name = E->prop;
	if (several_valid) {
		/* python-jsonschema lists the valid branches after the first,
		 * then the first */
		repr_inst(&b, v);
		sb_puts(&b, " is valid under each of ");
		for (size_t i = 1; i <= nvalid; i++) {
			if (i > 1)
				sb_puts(&b, ", ");
			repr_node(E->set, &b, &E->set->nodes[kw->a + valid[i % nvalid]]);
		}
	} else if (ctx->n == 1) {
		struct schema_error *e = add_err(E, ctx->v[0].e.kind, ctx->v[0].e.at, ctx->v[0].e.name,
						 kw, ctx->v[0].e.message);
		e->disabled_ok = ctx->v[0].direct;
		return;
	} else {
		int all_required = ctx->n > 0;
		for (size_t i = 0; i < ctx->n; i++)
			all_required &= ctx->v[i].e.kind == SE_REQUIRED;
		if (all_required) {
			kind = SE_REQUIRED;
			name = ctx->v[0].e.name;
		}
		if (!ctx->n) {
			repr_inst(&b, v);
			sb_puts(&b, " is not valid under any of the given schemas");
		} else {
			sb_printf(&b, "'%s' conditional failed, one must be fixed:", kwname);
			for (size_t i = 0; i < ctx->n; i++) {
				int seen = 0;
				for (size_t j = 0; j < i && !seen; j++)
					seen = !strcmp(ctx->v[j].e.message, ctx->v[i].e.message);
				if (!seen) {
					sb_puts(&b, "\n\t");
					sb_puts(&b, ctx->v[i].e.message);
				}
			}
		}
		if (kind == SE_VALUE && E->prop && !strcmp(E->prop, "$nodename"))
			kind = SE_NODE_NAME;
	}
	struct schema_error *e = add_err(E, kind, v, name, kw, finish(E, &b));
	/* "valid under each of" has no context for dt-validate to look into,
	 * even when another branch failed on required */
	for (size_t i = 0; i < ctx->n && !several_valid; i++)
		e->disabled_ok |= ctx->v[i].direct;
}

static int kw_combinator(struct ev *E, const struct snode *kw, const struct sinst *v,
			 uint64_t *marks, int one)
{
	if (kw->kind != SN_SEQ)
		return 1;
	struct errs ctx = {0};
	uint32_t *which = E->errs ? arena_alloc(E->scratch, (kw->b + 1) * sizeof(*which)) : NULL;
	size_t valid = 0;
	for (uint32_t i = 0; i < kw->b; i++) {
		const struct snode *br = &E->set->nodes[kw->a + i];
		size_t before = ctx.n;
		uint64_t stack[4], *m = v->kind == SINST_OBJECT ? new_marks(E, v, stack, 4) : NULL;
		if (sub(E, br, v, m, E->errs ? &ctx : NULL)) {
			if (which)
				which[valid] = i;
			valid++;
			ctx.n = before;
			if (m && marks)
				or_marks(marks, m, v->n);
			if (!one && !marks && !E->errs)
				break;	/* anyOf: one is enough when nothing more is asked */
		}
	}
	int ok = one ? valid == 1 : valid >= 1;
	if (!ok)
		combinator_err(E, v, kw, &ctx, one ? "oneOf" : "anyOf", which, valid);
	free(ctx.v);
	return ok;
}

static int kw_items(struct ev *E, const struct snode *items, const struct snode *addl,
		    const struct sinst *v)
{
	int ok = 1;
	if (items->kind == SN_SEQ) {
		size_t n = v->n < items->b ? v->n : items->b;
		for (size_t i = 0; i < n; i++)
			ok &= ev(E, &E->set->nodes[items->a + i], &v->items[i], NULL);
		if (addl && v->n > items->b) {
			if (addl->kind == SN_FALSE) {
				if (E->errs) {
					struct strbuf b = {0};
					sb_puts(&b, "Additional items are not allowed (");
					for (size_t i = items->b; i < v->n; i++) {
						if (i > items->b)
							sb_puts(&b, ", ");
						repr_inst(&b, &v->items[i]);
					}
					sb_puts(&b, v->n - items->b == 1 ? " was unexpected)"
									 : " were unexpected)");
					value_err(E, v, addl, &b);
				}
				ok = 0;
			} else {
				for (size_t i = items->b; i < v->n; i++)
					ok &= ev(E, addl, &v->items[i], NULL);
			}
		}
	} else {
		for (size_t i = 0; i < v->n && (ok || E->errs); i++)
			ok &= ev(E, items, &v->items[i], NULL);
	}
	return ok;
}

static int count_kw(struct ev *E, const struct snode *kw, size_t n, int is_min,
		    const struct sinst *v)
{
	struct num lim;
	if (!node_num(kw, &lim) || lim.neg)
		return 1;
	uint64_t l = lim.is_float ? (uint64_t)lim.f : lim.mag;
	if (is_min ? n >= l : n <= l)
		return 1;
	if (E->errs) {
		struct strbuf b = {0};
		repr_inst(&b, v);
		if (is_min)
			sb_puts(&b, l == 1 ? " should be non-empty" : " is too short");
		else
			sb_puts(&b, l == 0 ? " is expected to be empty" : " is too long");
		value_err(E, v, kw, &b);
	}
	return 0;
}

static int range_kw(struct ev *E, const struct snode *kw, const struct sinst *v, int which)
{
	struct num lim, x = inst_num(v);
	if (!node_num(kw, &lim))
		return 1;
	int c = num_cmp(&x, &lim);
	static const char *const what[] = {" is less than the minimum of ",
					   " is greater than the maximum of ",
					   " is less than or equal to the minimum of ",
					   " is greater than or equal to the maximum of "};
	int bad = which == 0 ? c < 0 : which == 1 ? c > 0 : which == 2 ? c <= 0 : c >= 0;
	if (!bad)
		return 1;
	if (E->errs) {
		struct strbuf b = {0};
		repr_inst(&b, v);
		sb_puts(&b, what[which]);
		repr_node(E->set, &b, kw);
		value_err(E, v, kw, &b);
	}
	return 0;
}

static int multiple_kw(struct ev *E, const struct snode *kw, const struct sinst *v)
{
	struct num d, x = inst_num(v);
	if (!node_num(kw, &d))
		return 1;
	int bad;
	if (d.is_float) {
		/* an integral quotient (without libm: no -lm in the link) */
		double q = (double)num_ld(&x) / d.f;
		bad = d.f == 0 || !(q > -9.2e18 && q < 9.2e18) || q != (double)(long long)q;
	} else {
		bad = d.mag == 0 || x.mag % d.mag != 0;
	}
	if (!bad)
		return 1;
	if (E->errs) {
		struct strbuf b = {0};
		repr_inst(&b, v);
		sb_puts(&b, " is not a multiple of ");
		repr_node(E->set, &b, kw);
		value_err(E, v, kw, &b);
	}
	return 0;
}

/* The keywords of one schema object, gathered by kind. */
struct kws {
	const struct snode *k[KW_COUNT];
};

static int object_kws(struct ev *E, const struct kws *K, const struct sinst *v, uint64_t *mine)
{
	const struct schema_set *s = E->set;
	int ok = 1;
	const struct snode *props = K->k[KW_PROPERTIES], *pats = K->k[KW_PATTERNPROPERTIES];
	const uint32_t *offs = name_offs(E, v);
	if (props && props->kind == SN_MAP) {
		for (uint32_t j = 0; j < props->b; j++) {
			const struct snode *p = &s->nodes[props->a + j];
			const char *pname = sset_str(s, p->key);
			for (size_t i = 0; i < v->n; i++) {
				if (offs[i] != p->key || !p->key)
					continue;
				MARK(mine, i);
				/* deprecated: reported, but it does not make the node invalid */
				const struct snode *dep = p->kind == SN_MAP ? sset_kw(s, p, KW_DEPRECATED)
									    : NULL;
				if (dep && dep->kind == SN_TRUE && E->errs) {
					struct strbuf b = {0};
					repr_str(&b, pname);
					sb_puts(&b, " is deprecated");
					add_err(E, SE_DEPRECATED, v, v->members[i].name, dep,
						finish(E, &b));
				}
				ok &= descend(E, p, &v->members[i].value, v->members[i].name, 1);
				break;
			}
			if (!ok && !E->errs)
				return 0;
		}
	}
	if (pats && pats->kind == SN_MAP) {
		/* a member that no pattern matches is settled by one match of
		 * their alternation */
		const struct spatcomb *pc = combo(s, pats);
		for (size_t i = 0; i < v->n; i++) {
			const char *name = v->members[i].name;
			int any = pc ? rx(E, pc->str, name) : -1;
			if (any == 0)
				continue;
			if (any == 1 && pc->all_true) {
				MARK(mine, i);
				continue;
			}
			for (uint32_t j = 0; j < pats->b; j++) {
				const struct snode *p = &s->nodes[pats->a + j];
				if (rx(E, p->key, name) != 1)
					continue;
				MARK(mine, i);
				ok &= descend(E, p, &v->members[i].value, name, 1);
				if (!ok && !E->errs)
					return 0;
			}
		}
	}
	const struct snode *ap = K->k[KW_ADDITIONALPROPERTIES];
	if (ap) {
		for (size_t i = 0; i < v->n; i++) {
			const char *name = v->members[i].name;
			int in_props = 0;
			for (uint32_t j = 0; offs[i] && props && props->kind == SN_MAP && j < props->b &&
					     !in_props; j++)
				in_props = s->nodes[props->a + j].key == offs[i];
			if (in_props ||
			    (pats && pats->kind == SN_MAP && member_matches(E, pats, name)))
				continue;
			if (ap->kind == SN_FALSE) {
				unexpected(E, v, name, ap, pats, 0);
				ok = 0;
			} else if (descend(E, ap, &v->members[i].value, name, 1)) {
				MARK(mine, i);
			} else {
				ok = 0;
			}
		}
	}
	const struct snode *req = K->k[KW_REQUIRED];
	if (req && req->kind == SN_SEQ) {
		for (uint32_t j = 0; j < req->b; j++) {
			const struct snode *r = &s->nodes[req->a + j];
			if (r->kind != SN_STR || has_off(offs, v->n, r->a) ||
			    (!r->a && has_member(v, "")))
				continue;
			ok = 0;
			if (!E->errs)
				return 0;
			struct strbuf b = {0};
			repr_str(&b, sset_str(s, r->a));
			sb_puts(&b, " is a required property");
			add_err(E, SE_REQUIRED, v, sset_str(s, r->a), r, finish(E, &b))->disabled_ok = 1;
			E->errs->v[E->errs->n - 1].direct = 1;
		}
	}
	const struct snode *dr = K->k[KW_DEPENDENTREQUIRED];
	if (dr && dr->kind == SN_MAP) {
		for (uint32_t j = 0; j < dr->b; j++) {
			const struct snode *d = &s->nodes[dr->a + j];
			const char *pname = sset_str(s, d->key);
			if (!has_member(v, pname) || d->kind != SN_SEQ)
				continue;
			for (uint32_t k = 0; k < d->b; k++) {
				const struct snode *r = &s->nodes[d->a + k];
				if (r->kind != SN_STR || has_member(v, sset_str(s, r->a)))
					continue;
				ok = 0;
				if (!E->errs)
					return 0;
				struct strbuf b = {0};
				repr_str(&b, sset_str(s, r->a));
				sb_puts(&b, " is a dependency of ");
				repr_str(&b, pname);
				add_err(E, SE_DEPENDENCY, v, pname, r, finish(E, &b));
			}
		}
	}
	const struct snode *ds = K->k[KW_DEPENDENTSCHEMAS];
	if (ds && ds->kind == SN_MAP) {
		for (uint32_t j = 0; j < ds->b; j++) {
			const struct snode *d = &s->nodes[ds->a + j];
			if (!has_member(v, sset_str(s, d->key)))
				continue;
			size_t before = E->errs ? E->errs->n : 0;
			ok &= ev(E, d, v, mine);
			/* a dependent schema's failures are dependency findings */
			for (size_t i = before; E->errs && i < E->errs->n; i++)
				if (E->errs->v[i].e.kind == SE_REQUIRED && E->errs->v[i].e.at == v)
					E->errs->v[i].e.kind = SE_DEPENDENCY;
		}
	}
	const struct snode *pn = K->k[KW_PROPERTYNAMES];
	if (pn) {
		for (size_t i = 0; i < v->n; i++) {
			struct sinst name = {.kind = SINST_STR, .s = v->members[i].name,
					     .origin = v->members[i].value.origin};
			struct sinst *copy = arena_alloc(E->scratch, sizeof(*copy));
			*copy = name;
			ok &= descend(E, pn, copy, v->members[i].name, 1);
		}
	}
	const struct snode *mnp = K->k[KW_MINPROPERTIES], *mxp = K->k[KW_MAXPROPERTIES];
	struct num lim;
	if (mnp && node_num(mnp, &lim) && !lim.neg && v->n < lim.mag) {
		ok = 0;
		if (E->errs) {
			struct strbuf b = {0};
			repr_inst(&b, v);
			sb_puts(&b, lim.mag == 1 ? " should be non-empty" : " does not have enough properties");
			value_err(E, v, mnp, &b);
		}
	}
	if (mxp && node_num(mxp, &lim) && !lim.neg && v->n > lim.mag) {
		ok = 0;
		if (E->errs) {
			struct strbuf b = {0};
			repr_inst(&b, v);
			sb_puts(&b, lim.mag == 0 ? " is expected to be empty" : " has too many properties");
			value_err(E, v, mxp, &b);
		}
	}
	return ok;
}

static int array_kws(struct ev *E, const struct kws *K, const struct sinst *v)
{
	int ok = 1;
	if (K->k[KW_ITEMS])
		ok &= kw_items(E, K->k[KW_ITEMS], K->k[KW_ADDITIONALITEMS], v);
	if (K->k[KW_MINITEMS])
		ok &= count_kw(E, K->k[KW_MINITEMS], v->n, 1, v);
	if (K->k[KW_MAXITEMS])
		ok &= count_kw(E, K->k[KW_MAXITEMS], v->n, 0, v);
	const struct snode *c = K->k[KW_CONTAINS];
	if (c) {
		int any = 0;
		for (size_t i = 0; i < v->n && !any; i++)
			any = sub(E, c, &v->items[i], NULL, NULL);
		if (!any) {
			ok = 0;
			if (E->errs) {
				struct strbuf b = {0};
				repr_inst(&b, v);
				sb_puts(&b, " does not contain items matching the given schema");
				value_err(E, v, c, &b);
			}
		}
	}
	const struct snode *u = K->k[KW_UNIQUEITEMS];
	if (u && u->kind == SN_TRUE) {
		int dup = 0;
		for (size_t i = 0; i < v->n && !dup; i++)
			for (size_t j = i + 1; j < v->n && !dup; j++)
				dup = inst_equal(&v->items[i], &v->items[j]);
		if (dup) {
			ok = 0;
			if (E->errs) {
				struct strbuf b = {0};
				repr_inst(&b, v);
				sb_puts(&b, " has non-unique elements");
				value_err(E, v, u, &b);
			}
		}
	}
	return ok;
}

static int scalar_kws(struct ev *E, const struct kws *K, const struct sinst *v)
{
	int ok = 1;
	const struct snode *k;
	if (v->kind == SINST_STR && (k = K->k[KW_PATTERN]) && k->kind == SN_STR) {
		const char *str = v->s ? v->s : "";
		if (rx(E, k->a, str) == 0) {
			ok = 0;
			if (E->errs) {
				struct strbuf b = {0};
				repr_inst(&b, v);
				sb_puts(&b, " does not match ");
				repr_str(&b, sset_str(E->set, k->a));
				value_err(E, v, k, &b);
			}
		}
	}
	if (v->kind == SINST_STR) {
		size_t len = 0;
		for (const unsigned char *p = (const unsigned char *)(v->s ? v->s : ""); *p; p++)
			len += (*p & 0xc0) != 0x80;
		struct num lim;
		if ((k = K->k[KW_MINLENGTH]) && node_num(k, &lim) && !lim.neg && len < lim.mag)
			ok &= count_kw(E, k, len, 1, v);
		if ((k = K->k[KW_MAXLENGTH]) && node_num(k, &lim) && !lim.neg && len > lim.mag)
			ok &= count_kw(E, k, len, 0, v);
	}
	if (v->kind == SINST_INT) {
		if ((k = K->k[KW_MINIMUM]))
			ok &= range_kw(E, k, v, 0);
		if ((k = K->k[KW_MAXIMUM]))
			ok &= range_kw(E, k, v, 1);
		if ((k = K->k[KW_EXCLUSIVEMINIMUM]))
			ok &= range_kw(E, k, v, 2);
		if ((k = K->k[KW_EXCLUSIVEMAXIMUM]))
			ok &= range_kw(E, k, v, 3);
		if ((k = K->k[KW_MULTIPLEOF]))
			ok &= multiple_kw(E, k, v);
		/* dt-schema's own keyword: the cell size the value was decoded with */
		struct num want;
		if ((k = K->k[KW_TYPESIZE]) && node_num(k, &want) && !want.is_float &&
		    want.mag != (v->bits ? v->bits : 32u)) {
			ok = 0;
			if (E->errs) {
				struct strbuf b = {0};
				sb_printf(&b, "size is %u, expected %llu", v->bits ? v->bits : 32u,
					  (unsigned long long)want.mag);
				value_err(E, v, k, &b);
			}
		}
	}
	return ok;
}

static int type_kw(struct ev *E, const struct snode *k, const struct sinst *v)
{
	const struct schema_set *s = E->set;
	int match = 0;
	if (k->kind == SN_STR) {
		match = is_type(v, sset_str(s, k->a));
	} else if (k->kind == SN_SEQ) {
		for (uint32_t i = 0; i < k->b && !match; i++)
			match = s->nodes[k->a + i].kind == SN_STR &&
				is_type(v, sset_str(s, s->nodes[k->a + i].a));
	} else {
		return 1;
	}
	if (match)
		return 1;
	if (E->errs) {
		struct strbuf b = {0};
		repr_inst(&b, v);
		sb_puts(&b, " is not of type ");
		if (k->kind == SN_STR) {
			repr_str(&b, sset_str(s, k->a));
		} else {
			for (uint32_t i = 0; i < k->b; i++) {
				if (i)
					sb_puts(&b, ", ");
				repr_node(s, &b, &s->nodes[k->a + i]);
			}
		}
		value_err(E, v, k, &b);
	}
	return 0;
}

static int enum_const(struct ev *E, const struct kws *K, const struct sinst *v)
{
	int ok = 1;
	const struct snode *e = K->k[KW_ENUM], *c = K->k[KW_CONST];
	if (e && e->kind == SN_SEQ) {
		int any = 0;
		for (uint32_t i = 0; i < e->b && !any; i++)
			any = equal(E->set, v, &E->set->nodes[e->a + i]);
		if (!any) {
			ok = 0;
			if (E->errs) {
				struct strbuf b = {0};
				repr_inst(&b, v);
				sb_puts(&b, " is not one of ");
				repr_node(E->set, &b, e);
				value_err(E, v, e, &b);
			}
		}
	}
	if (c && !equal(E->set, v, c)) {
		ok = 0;
		if (E->errs) {
			struct strbuf b = {0};
			repr_node(E->set, &b, c);
			sb_puts(&b, " was expected");
			value_err(E, v, c, &b);
		}
	}
	return ok;
}

static int ev_map(struct ev *E, const struct snode *sch, const struct sinst *v, uint64_t *marks)
{
	const struct schema_set *s = E->set;
	struct kws K;
	memset(&K, 0, sizeof(K));
	for (uint32_t i = 0; i < sch->b; i++) {
		const struct snode *c = &s->nodes[sch->a + i];
		if (c->kw && !K.k[c->kw])
			K.k[c->kw] = c;
	}
	int ok = 1;
	int obj = v->kind == SINST_OBJECT;
	uint64_t stack[4];
	uint64_t *mine = obj ? new_marks(E, v, stack, 4) : NULL;
	const struct snode *k;
	/* cheap checks first: a quiet evaluation stops at the first failure */
	if ((k = K.k[KW_TYPE]))
		ok &= type_kw(E, k, v);
	if (!ok && !E->errs)
		return 0;
	ok &= enum_const(E, &K, v);
	if (v->kind == SINST_ARRAY)
		ok &= array_kws(E, &K, v);
	else if (!obj)
		ok &= scalar_kws(E, &K, v);
	if (!ok && !E->errs)
		return 0;
	if (obj)
		ok &= object_kws(E, &K, v, mine);
	if (!ok && !E->errs)
		return 0;
	if ((k = K.k[KW_REF]) && k->kind == SN_STR && k->b)
		ok &= ev(E, &s->nodes[k->b - 1], v, mine);
	if ((k = K.k[KW_ALLOF]) && k->kind == SN_SEQ) {
		for (uint32_t i = 0; i < k->b; i++) {
			uint64_t st2[4], *m = obj ? new_marks(E, v, st2, 4) : NULL;
			int r = ev(E, &s->nodes[k->a + i], v, m);
			if (r && m)
				or_marks(mine, m, v->n);
			ok &= r;
			if (!ok && !E->errs)
				return 0;
		}
	}
	if ((k = K.k[KW_ANYOF]))
		ok &= kw_combinator(E, k, v, mine, 0);
	if ((k = K.k[KW_ONEOF]))
		ok &= kw_combinator(E, k, v, mine, 1);
	if ((k = K.k[KW_NOT])) {
		if (sub(E, k, v, NULL, NULL)) {
			ok = 0;
			if (E->errs) {
				struct strbuf b = {0};
				repr_inst(&b, v);
				sb_puts(&b, " should not be valid under ");
				repr_node(s, &b, k);
				value_err(E, v, k, &b);
			}
		}
	}
	if ((k = K.k[KW_IF])) {
		uint64_t st2[4], *m = obj ? new_marks(E, v, st2, 4) : NULL;
		if (sub(E, k, v, m, NULL)) {
			if (m)
				or_marks(mine, m, v->n);
			if (K.k[KW_THEN])
				ok &= ev(E, K.k[KW_THEN], v, mine);
		} else if (K.k[KW_ELSE]) {
			ok &= ev(E, K.k[KW_ELSE], v, mine);
		}
	}
	if (obj && (k = K.k[KW_UNEVALUATEDPROPERTIES])) {
		for (size_t i = 0; i < v->n; i++) {
			if (MARKED(mine, i))
				continue;
			const char *name = v->members[i].name;
			if (k->kind == SN_FALSE) {
				unexpected(E, v, name, k, NULL, 1);
				ok = 0;
			} else if (sub(E, k, &v->members[i].value, NULL, NULL)) {
				MARK(mine, i);
			} else {
				ok = 0;
				if (E->errs) {
					struct strbuf b = {0};
					sb_puts(&b, "Unevaluated properties are not valid under the "
						    "given schema (");
					repr_str(&b, name);
					sb_puts(&b, " was unevaluated and invalid)");
					add_err(E, SE_UNEXPECTED, v, name, k, finish(E, &b))->disabled_ok = 1;
					E->errs->v[E->errs->n - 1].direct = 1;
				}
			}
		}
	}
	if (marks && mine)
		or_marks(marks, mine, v->n);
	return ok;
}

static int ev(struct ev *E, const struct snode *sch, const struct sinst *v, uint64_t *marks)
{
	if (E->depth >= MAX_DEPTH || --E->steps < 0 ||
	    (E->errs && E->errs->n >= MAX_REPORTED))
		return 1;
	switch (sch->kind) {
	case SN_TRUE:
		return 1;
	case SN_FALSE:
		if (E->errs) {
			struct strbuf b = {0};
			sb_puts(&b, "False schema does not allow ");
			repr_inst(&b, v);
			value_err(E, v, sch, &b);
		}
		return 0;
	case SN_MAP: {
		E->depth++;
		int ok = ev_map(E, sch, v, marks);
		E->depth--;
		return ok;
	}
	default:
		return 1;	/* not a schema: constrains nothing */
	}
}

/* --- the public calls ------------------------------------------------------------ */

int sset_valid(const struct schema_set *set, const struct snode *sch, const struct sinst *v,
	       struct arena *scratch, long *budget)
{
	if (*budget <= 0)
		return 0;
	struct ev E = {.set = set, .scratch = scratch, .steps = *budget};
	int ok = ev(&E, sch, v, NULL);
	srx_md_free(E.md);
	*budget = E.steps;
	return ok;
}

long sset_step_budget(void)
{
	return MAX_STEPS;
}

/* The same failure reached twice (a property's own uniqueItems and the
 * one of the type it $refs): reported once, at the first keyword. */
static int same_error(const struct schema_error *a, const struct schema_error *b)
{
	return a->kind == b->kind && a->at == b->at && !strcmp(a->message, b->message) &&
	       ((!a->name && !b->name) || (a->name && b->name && !strcmp(a->name, b->name)));
}

void schema_validate(const struct schema_set *set, const struct schema *s,
		     const struct sinst *node, schema_error_fn fn, void *arg,
		     struct arena *scratch)
{
	struct errs errs = {0};
	struct ev E = {.set = set, .scratch = scratch, .errs = &errs, .steps = MAX_STEPS};
	ev(&E, &set->nodes[set->docs[s->doc].root], node, NULL);
	srx_md_free(E.md);
	/* A node of a real board fails a schema a few times at most; a
	 * damaged image can fail it on every step: what is reported (and
	 * compared, pair by pair) is bounded. */
	for (size_t i = 0; i < errs.n && i < MAX_REPORTED; i++) {
		int dup = 0;
		for (size_t j = 0; j < i && !dup; j++)
			dup = same_error(&errs.v[i].e, &errs.v[j].e);
		if (!dup)
			fn(arg, &errs.v[i].e);
	}
	free(errs.v);
}
