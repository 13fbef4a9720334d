/* schema-oracle: the schema engine on trees dt-validate itself decoded
 * (tests/schema/dtvalidate_decode.py), walked as dt-validate walks a DTB:
 * every node (not those named "__..."), "$nodename" added, the schemas
 * schema_select chooses, and a failure dt-validate drops on a disabled node
 * dropped. Prints "board:node\tschema\tmessage" a finding (newlines in the
 * message as '|'), and on stderr each board's time.
 * Usage: schema-oracle BINDINGS CORE CACHE TREE.json... */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "schema/schema.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void to_inst(struct arena *a, json_t *j, struct sinst *out)
{
	memset(out, 0, sizeof(*out));
	json_t *sized = json_is_object(j) ? json_object_get(j, "$sized") : NULL;
	json_t *bytes = json_is_object(j) ? json_object_get(j, "$bytes") : NULL;
	if (sized) {
		json_int_t v = json_integer_value(sized);
		out->kind = SINST_INT;
		out->u = (uint64_t)v;
		out->is_signed = v < 0;
		out->bits = (unsigned char)json_integer_value(json_object_get(j, "bits"));
	} else if (bytes) {
		const char *h = json_string_value(bytes);
		size_t n = h ? strlen(h) / 2 : 0;
		char *d = arena_alloc(a, n + 1);
		for (size_t i = 0; i < n; i++) {
			unsigned x = 0;
			sscanf(h + 2 * i, "%2x", &x);
			d[i] = (char)x;
		}
		out->kind = SINST_BYTES;
		out->s = d;
		out->n = n;
	} else if (json_is_object(j)) {
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
		struct sinst *it = arena_alloc(a, (out->n + 1) * sizeof(*it));
		for (size_t i = 0; i < out->n; i++)
			to_inst(a, json_array_get(j, i), &it[i]);
		out->items = it;
	} else if (json_is_string(j)) {
		out->kind = SINST_STR;
		out->s = arena_strdup(a, json_string_value(j));
	} else if (json_is_integer(j)) {
		json_int_t v = json_integer_value(j);
		out->kind = SINST_INT;
		out->u = (uint64_t)v;
		out->is_signed = v < 0;
	} else {
		out->kind = SINST_TRUE;
	}
}

static int disabled(const struct sinst *node)
{
	if (!node || node->kind != SINST_OBJECT)
		return 0;
	for (size_t i = 0; i < node->n; i++) {
		const struct sinst *v = &node->members[i].value;
		if (strcmp(node->members[i].name, "status") || v->kind != SINST_ARRAY)
			continue;
		for (size_t k = 0; k < v->n; k++)
			if (v->items[k].s && strstr(v->items[k].s, "disabled"))
				return 1;
	}
	return 0;
}

struct walk {
	const struct schema_set *set;
	const char *board;
	const char *path;
	int disabled;
	long nodes;
};

static void report(void *arg, const struct schema_error *e)
{
	const struct walk *w = arg;
	/* dt-validate: a node may be left incomplete while disabled */
	if ((w->disabled || disabled(e->at)) && e->disabled_ok)
		return;
	printf("%s:%s\t%s\t", w->board, w->path, e->schema_id);
	for (const char *q = e->message; *q; q++)
		putchar(*q == '\n' ? '|' : *q == '\t' ? ' ' : *q);
	putchar('\n');
}

static void walk(struct walk *w, json_t *node, const char *name, const char *path, int off,
		 struct arena *a)
{
	if (!strncmp(name, "__", 2))
		return;
	json_t *copy = json_copy(node);
	json_t *nn = json_array();
	json_array_append_new(nn, json_string(name));
	json_object_set_new(copy, "$nodename", nn);
	struct sinst in;
	to_inst(a, copy, &in);
	json_decref(copy);
	off |= disabled(&in);
	const struct schema *out[256];
	size_t n = schema_select(w->set, &in, out, 256, a);
	struct walk here = *w;
	here.path = path;
	here.disabled = off;
	for (size_t i = 0; i < n; i++)
		schema_validate(w->set, out[i], &in, report, &here, a);
	w->nodes++;
	const char *k;
	json_t *v;
	json_object_foreach(node, k, v) {
		if (!json_is_object(v) || json_object_get(v, "$bytes") || json_object_get(v, "$sized"))
			continue;
		char p[2048];
		snprintf(p, sizeof(p), "%s%s%s", path, strcmp(path, "/") ? "/" : "", k);
		walk(w, v, k, p, off, a);
	}
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: schema-oracle BINDINGS CORE CACHE TREE.json...\n");
		return 2;
	}
	struct schema_load_opts o = {argv[1], argv[2], argv[3]};
	char why[256];
	double t0 = now();
	struct schema_set *s = schema_set_load(&o, NULL, why, sizeof(why));
	if (!s) {
		fprintf(stderr, "schema-oracle: %s\n", why);
		return 2;
	}
	fprintf(stderr, "schema set: %.1f ms\n", (now() - t0) * 1e3);
	for (int i = 4; i < argc; i++) {
		json_error_t err;
		json_t *t = json_load_file(argv[i], 0, &err);
		if (!t) {
			fprintf(stderr, "%s: %s\n", argv[i], err.text);
			continue;
		}
		char board[256];
		const char *base = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
		snprintf(board, sizeof(board), "%s", base);
		char *dot = strstr(board, ".tree.json");
		if (dot)
			*dot = '\0';
		struct arena a;
		arena_init(&a);
		struct walk w = {.set = s, .board = board};
		double t1 = now();
		walk(&w, t, "/", "/", 0, &a);
		fprintf(stderr, "%s: %ld nodes, %.1f ms\n", board, w.nodes, (now() - t1) * 1e3);
		arena_free(&a);
		json_decref(t);
	}
	schema_set_free(s);
	return 0;
}
