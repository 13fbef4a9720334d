#include "schema_testutil.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "dt_testutil.h"
#include "schema/set_image.h"

static const char *corpus(void)
{
	const char *c = getenv("CORPUS");
	return c && c[0] ? c : "../shared/corpus";
}

const char *st_core_dir(void)
{
	static char buf[512];
	snprintf(buf, sizeof(buf), "%s/dt-schema/schemas", corpus());
	return buf;
}

const char *st_bindings_dir(void)
{
	static char buf[512];
	snprintf(buf, sizeof(buf), "%s/Bindings", corpus());
	return buf;
}

void st_tree_new(struct st_tree *t)
{
	snprintf(t->root, sizeof(t->root), "/tmp/dtidy-schema-XXXXXX");
	cr_assert(mkdtemp(t->root));
	snprintf(t->bindings, sizeof(t->bindings), "%s/Bindings", t->root);
	snprintf(t->cache, sizeof(t->cache), "%s/cache", t->root);
	st_put(t, "Bindings/.keep", "");
}

void st_put(struct st_tree *t, const char *rel, const char *text)
{
	cr_assert(write_tree_file(t->root, rel, text) == 0, "cannot write %s", rel);
}

void st_tree_free(struct st_tree *t)
{
	char cmd[200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->root);
	cr_expect(system(cmd) == 0);
}

struct schema_set *st_load(struct st_tree *t, int use_cache, struct diag_list *warnings)
{
	struct schema_load_opts o = {t->bindings, st_core_dir(), use_cache ? t->cache : NULL};
	char why[256];
	struct schema_set *s = schema_set_load(&o, warnings, why, sizeof(why));
	cr_assert_not_null(s, "%s", why);
	return s;
}

static void to_inst(struct arena *a, json_t *j, struct sinst *out)
{
	memset(out, 0, sizeof(*out));
	if (json_is_object(j) && json_object_get(j, "$sized")) {
		/* {"$sized": value, "bits": 64}: a cell decoded with that size */
		out->kind = SINST_INT;
		json_int_t v = json_integer_value(json_object_get(j, "$sized"));
		out->u = (uint64_t)v;
		out->is_signed = v < 0;
		out->bits = (unsigned char)json_integer_value(json_object_get(j, "bits"));
		return;
	}
	if (json_is_object(j)) {
		out->kind = SINST_OBJECT;
		out->n = json_object_size(j);
		struct sinst_member *m = arena_alloc(a, (out->n + 1) * sizeof(*m));
		size_t i = 0;
		const char *k;
		json_t *v;
		json_object_foreach(j, k, v) {
			m[i].name = arena_strdup(a, k);
			to_inst(a, v, &m[i].value);
			i++;
		}
		out->members = m;
	} else if (json_is_array(j)) {
		out->kind = SINST_ARRAY;
		out->n = json_array_size(j);
		struct sinst *items = arena_alloc(a, (out->n + 1) * sizeof(*items));
		for (size_t i = 0; i < out->n; i++)
			to_inst(a, json_array_get(j, i), &items[i]);
		out->items = items;
	} else if (json_is_string(j)) {
		out->kind = SINST_STR;
		out->s = arena_strdup(a, json_string_value(j));
	} else if (json_is_integer(j)) {
		out->kind = SINST_INT;
		json_int_t v = json_integer_value(j);
		out->u = (uint64_t)v;
		out->is_signed = v < 0;
	} else {
		out->kind = SINST_TRUE;
	}
}

const struct sinst *st_inst(struct arena *a, const char *json)
{
	json_error_t err;
	json_t *j = json_loads(json, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL * 0, &err);
	cr_assert_not_null(j, "bad test JSON: %s: %s", json, err.text);
	struct sinst *v = arena_alloc(a, sizeof(*v));
	to_inst(a, j, v);
	json_decref(j);
	return v;
}

const struct schema *st_schema(const struct schema_set *set, const char *id_suffix)
{
	size_t n = strlen(id_suffix);
	for (uint32_t i = 0; i < set->ndocs; i++) {
		const char *id = schema_id(&set->schemas[i]);
		size_t m = strlen(id);
		if (m >= n && !strcmp(id + m - n, id_suffix))
			return &set->schemas[i];
	}
	return NULL;
}

static const char *kind_name(enum schema_error_kind k)
{
	static const char *const names[] = {"REQUIRED", "UNEXPECTED", "VALUE", "NODE_NAME",
					    "DEPENDENCY", "DEPRECATED"};
	return names[k];
}

static void collect(void *arg, const struct schema_error *e)
{
	struct strbuf *b = arg;
	sb_printf(b, "%s %s: %s\n", kind_name(e->kind), e->name ? e->name : "-", e->message);
}

char *st_check(const struct schema_set *set, const char *id_suffix, const char *json)
{
	const struct schema *s = st_schema(set, id_suffix);
	cr_assert_not_null(s, "no schema %s", id_suffix);
	struct arena a;
	arena_init(&a);
	const struct sinst *v = st_inst(&a, json);
	struct strbuf b = {0};
	sb_puts(&b, "");
	schema_validate(set, s, v, collect, &b, &a);
	arena_free(&a);
	char *r = strdup(sb_cstr(&b));
	sb_free(&b);
	return r;
}
