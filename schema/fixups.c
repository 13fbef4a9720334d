/* dt-schema's schema processing (see fixups.h), written from its
 * documented behaviour and dt-mk-schema's output. */
#include "fixups.h"

#include <string.h>

#include "core/arena.h"
#include "core/regex.h"

/* Where a subschema sits: the keys leading to it, innermost last. */
struct path {
	const char *name;
	const struct path *up;
};

static int path_has(const struct path *p, const char *name)
{
	for (; p; p = p->up)
		if (!strcmp(p->name, name))
			return 1;
	return 0;
}

static int is_map(const struct yv *v)
{
	return v && v->kind == YV_MAP;
}

/* subschema[key], or its first item when it is a list, is of this kind */
static int value_is(const struct yv *s, const char *key, int want_int)
{
	const struct yv *v = yv_get(s, key);
	if (!v)
		return 0;
	if (v->kind == YV_SEQ) {
		if (!v->n)
			return 0;
		v = v->v[0];
	}
	/* Python: a bool is an int */
	return want_int ? (v->kind == YV_INT || v->kind == YV_BOOL) : v->kind == YV_STR;
}

int fx_is_int_schema(const struct yv *s)
{
	if (!is_map(s))
		return 0;
	static const char *const k[] = {"const", "enum", "minimum", "maximum"};
	for (size_t i = 0; i < 4; i++)
		if (value_is(s, k[i], 1))
			return 1;
	return 0;
}

int fx_is_string_schema(const struct yv *s)
{
	if (!is_map(s))
		return 0;
	static const char *const k[] = {"const", "enum", "pattern"};
	for (size_t i = 0; i < 3; i++)
		if (value_is(s, k[i], 0))
			return 1;
	return 0;
}

static struct yv *new_map(struct arena *a, unsigned line)
{
	return yv_new(a, YV_MAP, line);
}

static struct yv *new_seq1(struct arena *a, struct yv *item)
{
	struct yv *s = yv_new(a, YV_SEQ, item->line);
	item->key = NULL;
	yv_push(a, s, item);
	return s;
}

/* Moves the scalar keywords of a subschema into a new one. */
static struct yv *extract_single(struct arena *a, struct yv *s)
{
	static const char *const k[] = {"const", "enum", "pattern", "minimum", "maximum",
					"multipleOf"};
	struct yv *r = new_map(a, s->line);
	for (size_t i = 0; i < 6; i++) {
		struct yv *v = yv_take(s, k[i]);
		if (v)
			yv_set(a, r, k[i], v);
	}
	return r;
}

static void string_to_array(struct arena *a, struct yv *s)
{
	if (!fx_is_string_schema(s))
		return;
	yv_set(a, s, "items", new_seq1(a, extract_single(a, s)));
}

static void reg_schema(struct arena *a, struct yv *s, const struct path *p)
{
	if (!path_has(p, "reg"))
		return;
	struct yv *item;
	struct yv *items = yv_get(s, "items");
	if (items) {
		item = items->kind == YV_SEQ ? (items->n ? items->v[0] : NULL) : items;
		if (!fx_is_int_schema(item))
			return;
	} else if (fx_is_int_schema(s)) {
		item = s;
	} else {
		return;
	}
	struct yv *inner = new_map(a, s->line);
	yv_set(a, inner, "items", new_seq1(a, extract_single(a, item)));
	yv_set(a, s, "items", new_seq1(a, inner));
}

static int has_any(const struct yv *s, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (yv_has(s, keys[i]))
			return 1;
	return 0;
}

static const char *const SIZE_KEYS[] = {"items", "maxItems", "minItems"};

static int is_matrix_schema(const struct yv *s)
{
	const struct yv *items = yv_get(s, "items");
	if (!items)
		return 0;
	if (items->kind == YV_SEQ) {
		for (size_t i = 0; i < items->n; i++)
			if (has_any(items->v[i], SIZE_KEYS, 3))
				return 1;
		return 0;
	}
	return has_any(items, SIZE_KEYS, 3);
}

static void remove_empty_items(struct arena *a, struct yv *s)
{
	struct yv *items = yv_get(s, "items");
	if (!items)
		return;
	if (items->kind == YV_MAP) {
		remove_empty_items(a, items);
		return;
	}
	if (items->kind != YV_SEQ)
		return;
	for (size_t i = 0; i < items->n; i++) {
		struct yv *it = items->v[i];
		if (it->kind != YV_MAP)
			continue;
		yv_take(it, "description");
		remove_empty_items(a, it);
		if (it->n)
			return;
	}
	if (!yv_has(s, "type"))
		yv_set(a, s, "type", yv_str(a, "array", s->line));
	if (!yv_has(s, "maxItems"))
		yv_set(a, s, "maxItems", yv_int(a, (int64_t)items->n, s->line));
	if (!yv_has(s, "minItems"))
		yv_set(a, s, "minItems", yv_int(a, (int64_t)items->n, s->line));
	yv_take(s, "items");
}

/* property-units.yaml's suffixes: these hold arrays, and these matrices */
#define UNIT_ARRAY_RE                                                                           \
	"-(kBps|bits|percent|bp|db|mhz|sec|ms|us|ns|ps|mm|nanoamp|(micro-)?ohms|"               \
	"micro(amp|watt)(-hours)?|milliwatt|(femto|pico)farads|(milli)?celsius|kelvin|k?pascal)$"
#define UNIT_MATRIX_RE "-(hz|microvolt)$"

static void unit_suffix(struct arena *a, struct yv *s, const struct path *p)
{
	const char *prop = NULL;
	const struct path *after = NULL, *first = p;
	for (const struct path *q = p; q; q = q->up) {
		first = q;
		if (!strcmp(q->name, "properties") || !strcmp(q->name, "$defs") ||
		    !strcmp(q->name, "definitions")) {
			prop = after ? after->name : NULL;
			break;
		}
		after = q;
	}
	if (!first)
		return;
	if (!prop) {
		/* the innermost key itself is 'properties': dt-schema then takes the
		 * outermost (a list index of -1) */
		int found = 0;
		for (const struct path *q = p; q; q = q->up)
			if (!strcmp(q->name, "properties") || !strcmp(q->name, "$defs") ||
			    !strcmp(q->name, "definitions"))
				found = 1;
		if (!found)
			return;
		for (const struct path *q = p; q; q = q->up)
			prop = q->name;
	}
	if (yv_has(s, "$ref"))
		return;
	if (rx_match(UNIT_ARRAY_RE, prop, strlen(prop), NULL) == 1 && fx_is_int_schema(s)) {
		yv_set(a, s, "items", new_seq1(a, extract_single(a, s)));
	} else if (rx_match(UNIT_MATRIX_RE, prop, strlen(prop), NULL) == 1) {
		if (is_matrix_schema(s))
			return;
		if (has_any(s, SIZE_KEYS, 3)) {
			struct yv *c = yv_copy(a, s);
			c->key = NULL;
			yv_set(a, s, "items", new_seq1(a, c));
			yv_take(s, "minItems");
			yv_take(s, "maxItems");
		} else if (fx_is_int_schema(s)) {
			struct yv *inner = new_map(a, s->line);
			yv_set(a, inner, "items", new_seq1(a, extract_single(a, s)));
			yv_set(a, s, "items", new_seq1(a, inner));
		}
	}
}

static void items_size(struct arena *a, struct yv *s, const struct path *p)
{
	if (s->kind == YV_SEQ) {
		for (size_t i = 0; i < s->n; i++)
			items_size(a, s->v[i], p);
		return;
	}
	if (s->kind != YV_MAP)
		return;
	yv_take(s, "description");
	struct yv *items = yv_get(s, "items");
	if (items) {
		yv_set(a, s, "type", yv_str(a, "array", s->line));
		if (items->kind == YV_SEQ) {
			if (!yv_has(s, "minItems"))
				yv_set(a, s, "minItems", yv_int(a, (int64_t)items->n, s->line));
			if (!yv_has(s, "maxItems"))
				yv_set(a, s, "maxItems", yv_int(a, (int64_t)items->n, s->line));
		}
		struct path q = {"items", p};
		items_size(a, items, &q);
	} else if (!path_has(p, "then") && !path_has(p, "else")) {
		struct yv *mx = yv_get(s, "maxItems"), *mn = yv_get(s, "minItems");
		if (mx && !mn) {
			struct yv *c = yv_copy(a, mx);
			yv_set(a, s, "minItems", c);
		} else if (mn && !mx) {
			struct yv *c = yv_copy(a, mn);
			yv_set(a, s, "maxItems", c);
		}
	}
}

static void to_201909(struct arena *a, struct yv *s)
{
	if (!is_map(s))
		return;
	struct yv *dep = yv_take(s, "dependencies");
	if (!dep || dep->kind != YV_MAP)
		return;
	for (size_t i = 0; i < dep->n; i++) {
		struct yv *v = dep->v[i];
		const char *where = v->kind == YV_SEQ ? "dependentRequired" : "dependentSchemas";
		struct yv *m = yv_get(s, where);
		if (!m) {
			m = new_map(a, dep->line);
			yv_set(a, s, where, m);
		}
		yv_set(a, m, v->key, v);
	}
}

static void fixup_vals(struct arena *a, struct yv *s, const struct path *p)
{
	yv_take(s, "description");
	reg_schema(a, s, p);
	remove_empty_items(a, s);
	unit_suffix(a, s, p);
	string_to_array(a, s);
	items_size(a, s, p);
	to_201909(a, s);
}

static void oneof_to_enum(struct arena *a, struct yv *s, const struct path *p)
{
	struct yv *list = yv_get(s, "anyOf");
	if (!list)
		list = yv_get(s, "oneOf");
	if (!list) {
		struct yv *items = yv_get(s, "items");
		if (is_map(items)) {
			struct path q = {"items", p};
			oneof_to_enum(a, items, &q);
		}
		return;
	}
	if (list->kind != YV_SEQ)
		return;
	for (size_t i = 0; i < list->n; i++) {
		const struct yv *l = list->v[i];
		if (!is_map(l) || !yv_has(l, "const"))
			return;
		/* dt-schema gives up only on an entry whose keys strictly
		 * contain {const, description}: {const, deprecated} converts */
		if (yv_has(l, "description") && l->n > 2)
			return;
	}
	struct yv *e = yv_new(a, YV_SEQ, list->line);
	for (size_t i = 0; i < list->n; i++) {
		struct yv *c = yv_get(list->v[i], "const");
		c->key = NULL;
		yv_push(a, e, c);
	}
	yv_take(s, "anyOf");
	yv_take(s, "oneOf");
	yv_set(a, s, "enum", e);
}

static void walk_properties(struct arena *a, struct yv *s, const struct path *p)
{
	if (!is_map(s))
		return;
	oneof_to_enum(a, s, p);
	static const char *const conds[] = {"allOf", "oneOf", "anyOf"};
	for (size_t c = 0; c < 3; c++) {
		struct yv *l = yv_get(s, conds[c]);
		if (!l || l->kind != YV_SEQ)
			continue;
		struct path q = {conds[c], p};
		for (size_t i = 0; i < l->n; i++)
			walk_properties(a, l->v[i], &q);
	}
	struct yv *then = yv_get(s, "then");
	if (then) {
		struct path q = {"then", p};
		walk_properties(a, then, &q);
	}
	fixup_vals(a, s, p);
}

static int seq_has_str(const struct yv *seq, const char *str)
{
	if (!seq || seq->kind != YV_SEQ)
		return 0;
	for (size_t i = 0; i < seq->n; i++)
		if (seq->v[i]->kind == YV_STR && !strcmp(seq->v[i]->s, str))
			return 1;
	return 0;
}

static void seq_remove_str(struct yv *seq, const char *str)
{
	for (size_t i = 0; i < seq->n; i++)
		if (seq->v[i]->kind == YV_STR && !strcmp(seq->v[i]->s, str)) {
			memmove(&seq->v[i], &seq->v[i + 1], (seq->n - i - 1) * sizeof(*seq->v));
			seq->n--;
			return;
		}
}

/* [{required: [interrupts]}, {required: [interrupts-extended]}] */
static struct yv *either_interrupts(struct arena *a, unsigned line)
{
	struct yv *l = yv_new(a, YV_SEQ, line);
	static const char *const names[] = {"interrupts", "interrupts-extended"};
	for (size_t i = 0; i < 2; i++) {
		struct yv *m = new_map(a, line);
		yv_set(a, m, "required", new_seq1(a, yv_str(a, names[i], line)));
		yv_push(a, l, m);
	}
	return l;
}

static void fixup_interrupts(struct arena *a, struct yv *s, const struct path *p)
{
	struct yv *props = yv_get(s, "properties");
	if (is_map(props)) {
		if ((yv_has(props, "interrupts") || yv_has(props, "interrupt-controller")) &&
		    !yv_has(props, "interrupt-parent"))
			yv_set(a, props, "interrupt-parent", yv_bool(a, 1, props->line));
		struct yv *irq = yv_get(props, "interrupts");
		if (irq && !yv_has(props, "interrupts-extended"))
			yv_set(a, props, "interrupts-extended", yv_copy(a, irq));
	}
	struct yv *req = yv_get(s, "required");
	if (seq_has_str(req, "interrupts") && (!p || strcmp(p->name, "oneOf"))) {
		struct yv *either = either_interrupts(a, req->line);
		if (yv_has(s, "oneOf")) {
			struct yv *all = yv_get(s, "allOf");
			if (!all) {
				all = yv_new(a, YV_SEQ, req->line);
				yv_set(a, s, "allOf", all);
			}
			if (all->kind == YV_SEQ) {
				struct yv *m = new_map(a, req->line);
				yv_set(a, m, "oneOf", either);
				yv_push(a, all, m);
			}
		} else {
			yv_set(a, s, "oneOf", either);
		}
		seq_remove_str(req, "interrupts");
		if (!req->n)
			yv_take(s, "required");
	}
	struct yv *dr = yv_get(s, "dependentRequired");
	if (is_map(dr)) {
		struct yv *irq = yv_get(dr, "interrupts");
		if (irq && !yv_has(dr, "interrupts-extended"))
			yv_set(a, dr, "interrupts-extended", yv_copy(a, irq));
		for (size_t i = 0; i < dr->n; i++) {
			struct yv *val = dr->v[i];
			if (!seq_has_str(val, "interrupts"))
				continue;
			/* dt-schema starts dependentSchemas afresh for each such property */
			struct yv *ds = new_map(a, dr->line);
			yv_set(a, s, "dependentSchemas", ds);
			struct yv *one = new_map(a, dr->line);
			yv_set(a, one, "oneOf", either_interrupts(a, dr->line));
			yv_set(a, ds, val->key, one);
			seq_remove_str(val, "interrupts");
			if (!val->n) {
				yv_take(dr, val->key);
				break;
			}
		}
		if (!dr->n)
			yv_take(s, "dependentRequired");
	}
	struct yv *ds = yv_get(s, "dependentSchemas");
	if (is_map(ds)) {
		struct yv *irq = yv_get(ds, "interrupts");
		if (irq && !yv_has(ds, "interrupts-extended"))
			yv_set(a, ds, "interrupts-extended", yv_copy(a, irq));
	}
}

static void set_default_true(struct arena *a, struct yv *m, const char *key)
{
	if (!yv_has(m, key))
		yv_set(a, m, key, yv_bool(a, 1, m->line));
}

static void fixup_node_props(struct arena *a, struct yv *s)
{
	struct yv *ap = yv_get(s, "additionalProperties"), *up = yv_get(s, "unevaluatedProperties");
	if (!ap && !up)
		return;
	struct yv *props = yv_get(s, "properties");
	struct yv *pats = yv_get(s, "patternProperties");
	int has_clocks = yv_has(props, "clocks") || yv_has(pats, "clocks");
	int has_aclocks = yv_has(props, "assigned-clocks") || yv_has(pats, "assigned-clocks");
	int has_ranges = yv_has(props, "ranges") || yv_has(pats, "ranges");
	int has_pinctrl = 0;
	for (int k = 0; k < 2; k++) {
		const struct yv *m = k ? pats : props;
		if (!is_map(m))
			continue;
		for (size_t i = 0; i < m->n; i++)
			if (!strncmp(m->v[i]->key, "pinctrl-", 8) && m->v[i]->key[8] >= '0' &&
			    m->v[i]->key[8] <= '9')
				has_pinctrl = 1;
	}
	if ((has_clocks && !has_aclocks) || has_ranges) {
		if (!props) {
			props = new_map(a, s->line);
			yv_set(a, s, "properties", props);
		}
		if (props->kind != YV_MAP)
			return;
	}
	if (has_clocks && !has_aclocks) {
		static const char *const ac[] = {"assigned-clocks", "assigned-clock-rates-u64",
						 "assigned-clock-rates", "assigned-clock-parents",
						 "assigned-clock-sscs"};
		for (size_t i = 0; i < 5; i++)
			yv_set(a, props, ac[i], yv_bool(a, 1, props->line));
	}
	if (has_ranges)
		set_default_true(a, props, "dma-ranges");
	if (yv_is_true(ap) || yv_is_true(up))
		return;
	if (!props) {
		props = new_map(a, s->line);
		yv_set(a, s, "properties", props);
	}
	if (props->kind != YV_MAP)
		return;
	static const char *const common[] = {"phandle", "status", "secure-status", "$nodename",
					     "bootph-pre-sram", "bootph-verify", "bootph-pre-ram",
					     "bootph-some-ram", "bootph-all"};
	for (size_t i = 0; i < sizeof(common) / sizeof(*common); i++)
		set_default_true(a, props, common[i]);
	if (!has_pinctrl) {
		set_default_true(a, props, "pinctrl-names");
		if (!pats) {
			pats = new_map(a, s->line);
			yv_set(a, s, "patternProperties", pats);
		}
		if (pats->kind == YV_MAP)
			yv_set(a, pats, "^pinctrl-[0-9]+$", yv_bool(a, 1, pats->line));
	}
}

static int variable_matrix(const char *prop)
{
	return !strcmp(prop, "fsl,pins") || !strcmp(prop, "qcom,board-id");
}

static void fixup_sub(struct arena *a, struct yv *s, const struct path *p)
{
	if (!is_map(s))
		return;
	yv_take(s, "description");
	to_201909(a, s);
	fixup_interrupts(a, s, p);
	fixup_node_props(a, s);
	if (yv_is_true(yv_get(s, "additionalProperties")))
		yv_take(s, "additionalProperties");
	for (size_t i = 0; i < s->n; i++) {
		struct yv *v = s->v[i];
		const char *k = v->key;
		struct path q = {k, p};
		if (!strcmp(k, "select") || !strcmp(k, "if") || !strcmp(k, "then") ||
		    !strcmp(k, "else") || !strcmp(k, "not") || !strcmp(k, "additionalProperties"))
			fixup_sub(a, v, &q);
		if ((!strcmp(k, "allOf") || !strcmp(k, "anyOf") || !strcmp(k, "oneOf")) &&
		    v->kind == YV_SEQ)
			for (size_t j = 0; j < v->n; j++)
				fixup_sub(a, v->v[j], &q);
		if (strcmp(k, "dependentRequired") && strcmp(k, "dependentSchemas") &&
		    strcmp(k, "dependencies") && strcmp(k, "properties") &&
		    strcmp(k, "patternProperties") && strcmp(k, "$defs") && strcmp(k, "definitions"))
			continue;
		if (v->kind != YV_MAP)
			continue;
		for (size_t j = 0; j < v->n; j++) {
			struct yv *pv = v->v[j];
			if (variable_matrix(pv->key) && pv->kind == YV_MAP) {
				struct yv *ref = yv_take(pv, "$ref");
				struct yv *e = new_map(a, pv->line);
				if (ref)
					yv_set(a, e, "$ref", ref);
				e->key = pv->key;
				v->v[j] = e;
				continue;
			}
			struct path r = {pv->key, &q};
			walk_properties(a, pv, &r);
			fixup_sub(a, pv, &r);
		}
	}
}

static void add_select(struct arena *a, struct yv *doc)
{
	if (yv_has(doc, "select"))
		return;
	struct yv *props = yv_get(doc, "properties");
	if (!is_map(props) || yv_has(props, "compatible"))
		return;
	struct yv *nn = yv_get(props, "$nodename");
	if (!nn || yv_is_true(nn))
		return;
	struct yv *sel = new_map(a, nn->line);
	yv_set(a, sel, "required", new_seq1(a, yv_str(a, "$nodename", nn->line)));
	struct yv *sp = new_map(a, nn->line);
	yv_set(a, sp, "$nodename", yv_copy(a, nn));
	yv_set(a, sel, "properties", sp);
	yv_set(a, doc, "select", sel);
}

/* The top level's property descriptions, before they are dropped. */
static void keep_descriptions(struct arena *a, struct yv *doc)
{
	struct yv *props = yv_get(doc, "properties");
	if (!is_map(props))
		return;
	struct yv *d = NULL;
	for (size_t i = 0; i < props->n; i++) {
		const struct yv *desc = yv_get(props->v[i], "description");
		if (!desc || desc->kind != YV_STR)
			continue;
		if (!d)
			d = new_map(a, props->line);
		struct yv *c = yv_copy(a, desc);
		yv_set(a, d, props->v[i]->key, c);
	}
	if (d)
		yv_set(a, doc, "$descriptions", d);
}

void schema_fixup(struct arena *a, struct yv *doc)
{
	if (!is_map(doc))
		return;
	yv_take(doc, "examples");
	yv_take(doc, "maintainers");
	yv_take(doc, "historical");
	keep_descriptions(a, doc);
	add_select(a, doc);
	struct yv *d = yv_take(doc, "$descriptions");
	fixup_sub(a, doc, NULL);
	if (d)
		yv_set(a, doc, "$descriptions", d);
	/* dt-mk-schema: every document describes a node */
	yv_set(a, doc, "type", yv_str(a, "object", doc->line));
}
