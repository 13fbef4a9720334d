/* The property-type map (see prop_types.h), following what dt-schema's
 * type extraction makes of the processed documents. */
#include "prop_types.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "fixups.h"

/* One type a name was given, with the documents that gave it. */
struct pent {
	uint32_t type;		/* string offset of the type name; 0: none (untyped) */
	int has_dim, is_pattern, dead;
	unsigned dim[2][2];
	uint32_t *docs;
	size_t ndocs, capdocs;
};

struct plist {
	uint32_t name;		/* 0: an empty slot */
	uint32_t *ents;		/* indices into acc->ents */
	size_t n, cap;
	uint32_t order;		/* when the name was first seen */
};

struct ptype_acc {
	struct ptype_strings st;
	struct pent *ents;
	size_t nents, capents;
	struct plist *slots;
	size_t cap, n;
	uint32_t node_type, flag_type, str_array_type, i32m_type, u32m_type;
};

struct ptype_acc *ptype_acc_new(const struct ptype_strings *st)
{
	struct ptype_acc *acc = xcalloc(1, sizeof(*acc));
	acc->st = *st;
	acc->node_type = st->intern(st->ctx, "node");
	acc->flag_type = st->intern(st->ctx, "flag");
	acc->str_array_type = st->intern(st->ctx, "string-array");
	acc->i32m_type = st->intern(st->ctx, "int32-matrix");
	acc->u32m_type = st->intern(st->ctx, "uint32-matrix");
	return acc;
}

void ptype_acc_free(struct ptype_acc *acc)
{
	if (!acc)
		return;
	for (size_t i = 0; i < acc->nents; i++)
		free(acc->ents[i].docs);
	for (size_t i = 0; i < acc->cap; i++)
		free(acc->slots[i].ents);
	free(acc->ents);
	free(acc->slots);
	free(acc);
}

static size_t probe(const struct ptype_acc *acc, uint32_t name)
{
	size_t i = (name * 2654435761u) & (acc->cap - 1);
	while (acc->slots[i].name && acc->slots[i].name != name)
		i = (i + 1) & (acc->cap - 1);
	return i;
}

static struct plist *find(const struct ptype_acc *acc, uint32_t name)
{
	if (!acc->cap)
		return NULL;
	struct plist *l = &acc->slots[probe(acc, name)];
	return l->name ? l : NULL;
}

/* props.setdefault(name, []) */
static struct plist *get_or_add(struct ptype_acc *acc, uint32_t name)
{
	if (2 * (acc->n + 1) > acc->cap) {
		struct plist *old = acc->slots;
		size_t oldcap = acc->cap;
		acc->cap = oldcap ? 2 * oldcap : 1024;
		acc->slots = xcalloc(acc->cap, sizeof(*acc->slots));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].name)
				acc->slots[probe(acc, old[i].name)] = old[i];
		free(old);
	}
	struct plist *l = &acc->slots[probe(acc, name)];
	if (!l->name) {
		l->name = name;
		l->order = (uint32_t)acc->n++;
	}
	return l;
}

static uint32_t new_ent(struct ptype_acc *acc, uint32_t type, int is_pattern, uint32_t doc)
{
	struct pent e = {.type = type, .is_pattern = is_pattern};
	VEC_PUSH(e.docs, e.ndocs, e.capdocs, doc);
	VEC_PUSH(acc->ents, acc->nents, acc->capents, e);
	return (uint32_t)(acc->nents - 1);
}

static void add_doc(struct pent *e, uint32_t doc)
{
	for (size_t i = 0; i < e->ndocs; i++)
		if (e->docs[i] == doc)
			return;
	VEC_PUSH(e->docs, e->ndocs, e->capdocs, doc);
}

static int has_doc(const struct pent *e, uint32_t doc)
{
	for (size_t i = 0; i < e->ndocs; i++)
		if (e->docs[i] == doc)
			return 1;
	return 0;
}

/* The leftmost match of dt-schema's type pattern
 * (address|flag|u?int(8|16|32|64)(-(array|matrix))?|string(-array)?|phandle(-array)?)
 * in s: its start and length, or -1. */
static int type_match(const char *s, size_t *len)
{
	static const char *const fixed[] = {"address", "flag"};
	for (const char *p = s; *p; p++) {
		for (size_t i = 0; i < 2; i++)
			if (!strncmp(p, fixed[i], strlen(fixed[i]))) {
				*len = strlen(fixed[i]);
				return (int)(p - s);
			}
		const char *q = p;
		if (*q == 'u')
			q++;
		if (!strncmp(q, "int", 3)) {
			const char *bits[] = {"8", "16", "32", "64"};
			for (size_t i = 0; i < 4; i++)
				if (!strncmp(q + 3, bits[i], strlen(bits[i]))) {
					const char *r = q + 3 + strlen(bits[i]);
					if (!strncmp(r, "-array", 6) || !strncmp(r, "-matrix", 7))
						r += r[1] == 'a' ? 6 : 7;
					*len = (size_t)(r - p);
					return (int)(p - s);
				}
		}
		if (!strncmp(p, "string", 6)) {
			*len = strncmp(p + 6, "-array", 6) ? 6 : 12;
			return (int)(p - s);
		}
		if (!strncmp(p, "phandle", 7)) {
			*len = strncmp(p + 7, "-array", 6) ? 7 : 13;
			return (int)(p - s);
		}
	}
	return -1;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

/* _get_array_range */
static void array_range(const struct yv *s, unsigned r[2])
{
	r[0] = r[1] = 0;
	if (s && s->kind == YV_SEQ) {
		if (s->n != 1)
			return;
		s = s->v[0];
	}
	if (!s || s->kind != YV_MAP)
		return;
	const struct yv *items = yv_get(s, "items");
	const struct yv *mn = yv_get(s, "minItems"), *mx = yv_get(s, "maxItems");
	if (items && items->kind == YV_SEQ) {
		r[1] = (unsigned)items->n;
		r[0] = mn && mn->kind == YV_INT ? (unsigned)mn->u : r[1];
	} else {
		r[0] = mn && mn->kind == YV_INT ? (unsigned)mn->u : 1;
		r[1] = mx && mx->kind == YV_INT ? (unsigned)mx->u : 0;
	}
}

static void merge_dim(unsigned d[2][2], unsigned e[2][2])
{
	for (int i = 0; i < 2; i++) {
		unsigned mn = d[i][0] < e[i][0] ? d[i][0] : e[i][0];
		unsigned mx = d[i][1] > e[i][1] ? d[i][1] : e[i][1];
		if ((d[i][1] < e[i][1] ? d[i][1] : e[i][1]) == 0)
			mx = 0;
		if (mx == 1)
			mn = 1;
		d[i][0] = mn;
		d[i][1] = mx;
	}
}

struct ctx {
	struct ptype_acc *acc;
	const struct yv *doc;
	uint32_t docidx;
	int depth;
};

static void subschema_types(struct ctx *c, const struct yv *s);

/* A local JSON pointer ("#/a/b") inside the document. */
static const struct yv *local(const struct yv *doc, const char *ref)
{
	const struct yv *t = doc;
	const char *p = ref + 1;
	while (t && *p == '/') {
		p++;
		size_t n = strcspn(p, "/");
		char key[256];
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		p += n;
		if (t->kind == YV_SEQ) {
			char *end;
			unsigned long i = strtoul(key, &end, 10);
			t = *end || i >= t->n ? NULL : t->v[i];
		} else {
			t = yv_get(t, key);
		}
	}
	return t;
}

static void prop_type(struct ctx *c, const char *propname, const struct yv *s, int is_pattern)
{
	struct ptype_acc *acc = c->acc;
	if (propname[0] == '$' || ++c->depth > 64) {
		if (propname[0] != '$')
			c->depth--;
		return;
	}
	uint32_t name = acc->st.intern(acc->st.ctx, propname);
	if (s->kind != YV_MAP) {
		if (yv_is_true(s)) {
			struct plist *l = find(acc, name);
			if (!l) {
				l = get_or_add(acc, name);
				uint32_t e = new_ent(acc, 0, is_pattern, c->docidx);
				VEC_PUSH(l->ents, l->n, l->cap, e);
			}
		}
		c->depth--;
		return;
	}
	uint32_t type = 0;
	const struct yv *ref = yv_get(s, "$ref");
	const char *refs = ref && ref->kind == YV_STR ? ref->s : NULL;
	if (refs) {
		if (!strncmp(refs, "#/", 2)) {
			struct plist *l = find(acc, name);
			for (size_t i = 0; l && i < l->n; i++)
				if (!acc->ents[l->ents[i]].dead && has_doc(&acc->ents[l->ents[i]], c->docidx)) {
					c->depth--;
					return;
				}
			const struct yv *t = local(c->doc, refs);
			if (t)
				prop_type(c, propname, t, is_pattern);
		} else if (strstr(refs, "/properties/")) {
			const char *last = strrchr(refs, '/') + 1;
			if (strcmp(last, propname))
				type = acc->st.intern(acc->st.ctx, last);
		}
	}
	static const char *const conds[] = {"allOf", "oneOf", "anyOf"};
	for (size_t k = 0; k < 3; k++) {
		const struct yv *l = yv_get(s, conds[k]);
		for (size_t i = 0; l && l->kind == YV_SEQ && i < l->n; i++)
			prop_type(c, propname, l->v[i], is_pattern);
	}
	struct plist *l = get_or_add(acc, name);
	const struct yv *tv = yv_get(s, "type");
	int is_node_kw = yv_has(s, "properties") || yv_has(s, "patternProperties") ||
			 yv_has(s, "additionalProperties");
	size_t mlen;
	int at;
	if ((tv && tv->kind == YV_STR && !strcmp(tv->s, "object")) || is_node_kw) {
		type = acc->node_type;
	} else if (refs && (at = type_match(refs, &mlen)) >= 0) {
		char buf[32];
		memcpy(buf, refs + at, mlen);
		buf[mlen] = '\0';
		type = acc->st.intern(acc->st.ctx, buf);
	} else if (tv && tv->kind == YV_STR && !strcmp(tv->s, "boolean")) {
		type = acc->flag_type;
	} else if (yv_has(s, "items")) {
		const struct yv *items = yv_get(s, "items");
		if ((items->kind == YV_SEQ && items->n && fx_is_string_schema(items->v[0])) ||
		    (items->kind == YV_MAP && fx_is_string_schema(items)))
			type = acc->str_array_type;
		else if (ends_with(propname, "-microvolt"))
			type = acc->i32m_type;
		else if (ends_with(propname, "-hz") && strncmp(propname, "opp", 3))
			type = acc->u32m_type;
		else
			type = 0;
	} else if (refs && (ends_with(refs, ".yaml") || ends_with(refs, ".yaml#"))) {
		type = acc->node_type;
	}
	if (!type) {
		if (!l->n) {
			uint32_t e = new_ent(acc, 0, is_pattern, c->docidx);
			VEC_PUSH(l->ents, l->n, l->cap, e);
		}
		c->depth--;
		return;
	}
	const char *tname = acc->st.str(acc->st.ctx, type);
	int has_dim = 0;
	unsigned dim[2][2] = {{0, 0}, {0, 0}};
	if ((!strcmp(tname, "phandle-array") || ends_with(tname, "-matrix")) &&
	    (yv_has(s, "items") || yv_has(s, "minItems") || yv_has(s, "maxItems"))) {
		array_range(s, dim[0]);
		const struct yv *items = yv_get(s, "items");
		if (items)
			array_range(items->kind == YV_SEQ ? (items->n ? items->v[0] : NULL) : items,
				    dim[1]);
		has_dim = 1;
	}
	int add = 1;
	struct pent *dup = NULL;
	for (size_t i = 0; i < l->n; i++) {
		struct pent *p = &acc->ents[l->ents[i]];
		if (p->dead)
			continue;
		if (!p->type) {
			dup = p;
			break;
		}
		const char *pt = acc->st.str(acc->st.ctx, p->type);
		if (has_dim && (!strcmp(pt, "phandle-array") || ends_with(pt, "-matrix"))) {
			if (p->has_dim)
				merge_dim(p->dim, dim);
			else
				memcpy(p->dim, dim, sizeof(dim));
			p->has_dim = 1;
			add_doc(p, c->docidx);
			add = 0;
			break;
		}
		if (p->type == type) {
			add = 0;
			add_doc(p, c->docidx);
			break;
		}
		if (strstr(tname, "string") && strstr(pt, "string")) {
			if (!strcmp(tname, "string-array"))
				p->type = type;
			add_doc(p, c->docidx);
			add = 0;
			break;
		}
	}
	if (dup)
		dup->dead = 1;
	if (add) {
		uint32_t e = new_ent(acc, type, is_pattern, c->docidx);
		acc->ents[e].has_dim = has_dim;
		memcpy(acc->ents[e].dim, dim, sizeof(dim));
		l = get_or_add(acc, name);	/* the table may have grown */
		VEC_PUSH(l->ents, l->n, l->cap, e);
	}
	if (is_node_kw)
		subschema_types(c, s);
	c->depth--;
}

static void subschema_types(struct ctx *c, const struct yv *s)
{
	if (!s || s->kind != YV_MAP || ++c->depth > 64) {
		if (s && s->kind == YV_MAP)
			c->depth--;
		return;
	}
	const struct yv *ap = yv_get(s, "additionalProperties");
	if (ap)
		subschema_types(c, ap);
	static const char *const conds[] = {"allOf", "oneOf", "anyOf"};
	for (size_t k = 0; k < 3; k++) {
		const struct yv *l = yv_get(s, conds[k]);
		for (size_t i = 0; l && l->kind == YV_SEQ && i < l->n; i++)
			subschema_types(c, l->v[i]);
	}
	for (int pat = 0; pat < 2; pat++) {
		const struct yv *m = yv_get(s, pat ? "patternProperties" : "properties");
		for (size_t i = 0; m && m->kind == YV_MAP && i < m->n; i++)
			prop_type(c, m->v[i]->key, m->v[i], pat);
	}
	c->depth--;
}

void ptype_acc_doc(struct ptype_acc *acc, const struct yv *doc, uint32_t doc_index)
{
	struct ctx c = {acc, doc, doc_index, 0};
	subschema_types(&c, doc);
}

void ptype_from_name(const char *name, struct schema_ptype *t)
{
	memset(t, 0, sizeof(*t));
	size_t len;
	int at = name ? type_match(name, &len) : -1;
	if (at < 0) {
		t->kind = SPT_UNKNOWN;
		return;
	}
	const char *s = name + at;
	if (!strncmp(s, "flag", 4)) {
		t->kind = SPT_FLAG;
	} else if (!strncmp(s, "string", 6)) {
		t->kind = SPT_STRING;
		t->scalar = len == 6;
	} else if (!strncmp(s, "phandle", 7)) {
		t->kind = len == 7 ? SPT_PHANDLE : SPT_PHANDLE_ARRAY;
		t->scalar = len == 7;
		t->matrix = len != 7;
	} else if (!strncmp(s, "address", 7)) {
		t->kind = SPT_INT;
		t->bits = 32;
		t->matrix = 1;
	} else {
		t->kind = SPT_INT;
		t->is_signed = s[0] == 'i';
		const char *b = s + (s[0] == 'u' ? 4 : 3);
		t->bits = (unsigned char)atoi(b);
		t->matrix = strstr(s, "-matrix") && strstr(s, "-matrix") < s + len;
		t->scalar = !strchr(b, '-') || strchr(b, '-') >= s + len;
	}
}

static const char *ent_type(const struct ptype_acc *acc, const struct pent *e)
{
	return e->type ? acc->st.str(acc->st.ctx, e->type) : NULL;
}

static int by_name(const void *x, const void *y, void *ctx)
{
	const struct ptype_acc *acc = ctx;
	const struct sptype *a = x, *b = y;
	int c = strcmp(acc->st.str(acc->st.ctx, a->name), acc->st.str(acc->st.ctx, b->name));
	return c ? c : (a->pad[0] > b->pad[0]) - (a->pad[0] < b->pad[0]);
}

static struct sptype record(const struct ptype_acc *acc, uint32_t name, const struct pent *e,
			    const char *type)
{
	struct schema_ptype t;
	ptype_from_name(type, &t);
	struct sptype r = {.name = name, .kind = (uint8_t)t.kind, .bits = t.bits,
			   .is_signed = t.is_signed, .matrix = t.matrix, .scalar = t.scalar};
	if (e->has_dim)
		memcpy(r.dim, e->dim, sizeof(r.dim));
	(void)acc;
	return r;
}

static int cmp_order(const void *x, const void *y)
{
	const struct plist *const *a = x, *const *b = y;
	return ((*a)->order > (*b)->order) - ((*a)->order < (*b)->order);
}

void ptype_acc_finish(struct ptype_acc *acc, struct sptype **exact, size_t *nexact,
		      struct sptype **pattern, size_t *npattern)
{
	/* in the order names were first seen, as dt-schema's dict is */
	struct plist **lists = xmalloc((acc->n + 1) * sizeof(*lists));
	size_t nl = 0;
	for (size_t i = 0; i < acc->cap; i++)
		if (acc->slots[i].name)
			lists[nl++] = &acc->slots[i];
	qsort(lists, nl, sizeof(*lists), cmp_order);
	/* a type naming another property's definition takes that one's type */
	for (size_t i = 0; i < nl; i++) {
		for (size_t j = 0; j < lists[i]->n; j++) {
			struct pent *e = &acc->ents[lists[i]->ents[j]];
			const char *t = ent_type(acc, e);
			size_t len;
			if (e->dead || !t || e->type == acc->node_type || type_match(t, &len) >= 0)
				continue;
			struct plist *o = find(acc, e->type);
			uint32_t nt = 0;
			for (size_t k = 0; o && k < o->n; k++)
				if (!acc->ents[o->ents[k]].dead) {
					nt = acc->ents[o->ents[k]].type;
					break;
				}
			e->type = nt;
			break;
		}
	}
	struct sptype *ex = NULL, *pa = NULL;
	size_t nex = 0, cex = 0, npa = 0, cpa = 0;
	for (size_t i = 0; i < nl; i++) {
		const char *name = acc->st.str(acc->st.ctx, lists[i]->name);
		if (!strcmp(name, "^[a-z][a-z0-9\\-]*$"))
			continue;
		const struct pent *first = NULL;
		for (size_t j = 0; j < lists[i]->n; j++) {
			const struct pent *e = &acc->ents[lists[i]->ents[j]];
			if (!e->dead && e->type != acc->node_type) {
				first = e;
				break;
			}
		}
		if (!first)
			continue;
		if (first->is_pattern) {
			if (first->type) {
				struct sptype r = record(acc, lists[i]->name, first,
							 ent_type(acc, first));
				VEC_PUSH(pa, npa, cpa, r);
			}
			continue;
		}
		unsigned char k = 0;
		for (size_t j = 0; j < lists[i]->n; j++) {
			const struct pent *e = &acc->ents[lists[i]->ents[j]];
			if (e->dead || !e->type || e->type == acc->node_type)
				continue;
			struct sptype r = record(acc, lists[i]->name, e, ent_type(acc, e));
			r.pad[0] = k++;
			VEC_PUSH(ex, nex, cex, r);
		}
	}
	free(lists);
	qsort_r(ex, nex, sizeof(*ex), by_name, acc);
	for (size_t i = 0; i < nex; i++)
		ex[i].pad[0] = 0;
	*exact = ex;
	*nexact = nex;
	*pattern = pa;
	*npattern = npa;
}
