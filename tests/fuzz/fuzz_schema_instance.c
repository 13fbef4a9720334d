/* libFuzzer target: the schema family's instance builder
 * (rules/schema/instance.h) on any tree: a model of the input (a virtual
 * include tree, tests/fuzz/vfs.h), typed by a table that gives each name
 * a type from its hash (every type, width and shape, several types a name,
 * fixed dimensions), so that decoding, widths, row cutting by #*-cells and
 * phandles of any value are all reached.
 *
 * Asserted: no crash, leak or hang; one entry per node (hidden ones
 * excepted), parents first; every instance has an origin naming its node;
 * every origin's location lies in a file that was read; an OBJECT's last
 * member is "$nodename", and a row's values are the property's. */
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "include/dtidy/rule.h"
#include "parser/model/model.h"
#include "rules/schema/instance.h"
#include "fuzz_check.h"
#include "vfs.h"

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static size_t types(void *ud, const char *prop, struct schema_ptype *out, size_t max)
{
	(void)ud;
	uint32_t h = hash(prop);
	size_t n = h % 4;	/* 0: no schema types it */
	for (size_t i = 0; i < n && i < max; i++, h = h * 2654435761u + 1) {
		struct schema_ptype t = {0};
		t.kind = (enum schema_ptype_kind)(1 + (h >> 3) % 6);
		static const unsigned char bits[] = {8, 16, 32, 64};
		t.bits = bits[(h >> 7) % 4];
		t.is_signed = (h >> 9) & 1;
		t.matrix = (h >> 10) & 1;
		t.scalar = !t.matrix && ((h >> 11) & 1);
		if ((h >> 12) & 1) {
			t.dim[0][0] = (h >> 13) % 3;
			t.dim[0][1] = t.dim[0][0] + (h >> 15) % 3;
			t.dim[1][0] = (h >> 17) % 4;
			t.dim[1][1] = (h >> 19) & 1 ? t.dim[1][0] : 0;
		}
		out[i] = t;
	}
	return n;
}

static int in_tree_files(const struct dtidy_tree *t, struct dtidy_loc loc)
{
	if (!loc.file)
		return 1;
	for (size_t i = 0; i < t->nfiles; i++)
		if (t->files[i] == loc.file)
			return loc.start <= loc.end && loc.end <= loc.file->len;
	return 0;
}

static void check(const struct dtidy_tree *t, const struct sinst *v, unsigned depth)
{
	const struct sorigin *o = sinst_origin(v);
	FUZZ_ASSERT(o != NULL && o->node != NULL);
	FUZZ_ASSERT(in_tree_files(t, o->loc));
	FUZZ_ASSERT(v->kind <= SINST_BYTES);
	if (v->kind == SINST_BYTES)
		FUZZ_ASSERT(v->n == 0 || v->s != NULL);
	if (v->kind == SINST_STR)
		FUZZ_ASSERT(v->s != NULL);
	if (v->kind == SINST_ARRAY)
		for (size_t i = 0; i < v->n; i++)
			check(t, &v->items[i], depth + 1);
	if (v->kind == SINST_OBJECT && depth < 2)
		for (size_t i = 0; i < v->n; i++) {
			FUZZ_ASSERT(v->members[i].name != NULL);
			check(t, &v->members[i].value, depth + 1);
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vfs fs;
	vfs_split(&fs, (const char *)data, size);
	static const char *const incdirs[] = {VFS_ROOT "inc"};
	struct model_opts o = {.incdirs = incdirs, .nincdirs = 1, .read = vfs_read, .read_ctx = &fs};
	struct model *m = model_build(VFS_ROOT "main.dts", &o);
	FUZZ_ASSERT(m != NULL);
	struct arena a;
	arena_init(&a);
	struct sinst_tree it;
	sinst_build(&m->tree, types, NULL, &a, &it);
	size_t nodes = 0;
	if (m->tree.root)
		DTIDY_FOREACH_NODE(n, &m->tree) {
			int hidden = 0;
			for (const struct dtidy_node *x = n; x; x = x->parent)
				hidden |= !strncmp(x->name, "__", 2);
			nodes += !hidden;
		}
	FUZZ_ASSERT(it.n <= nodes);
	for (size_t i = 0; i < it.n; i++) {
		const struct sinst *self = it.v[i].self;
		FUZZ_ASSERT(self && self->kind == SINST_OBJECT && self->n >= 1);
		FUZZ_ASSERT(!strcmp(self->members[self->n - 1].name, "$nodename"));
		FUZZ_ASSERT(sinst_origin(self)->node == it.v[i].node);
		/* parents come first */
		if (i)
			FUZZ_ASSERT(it.v[i].node->parent != NULL);
		check(&m->tree, self, 0);
	}
	arena_free(&a);
	model_free(m);
	return 0;
}
