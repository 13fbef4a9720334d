/* libFuzzer target: the schema engine's YAML reader (schema/yaml_tree.h)
 * on any bytes. Asserted: no crash, leak or hang; a failure always says
 * where ("LINE:COL: what"); a tree read has no more nodes than the
 * reader's budget, every map member has a key, every node a line. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "fuzz_check.h"
#include "schema/yaml_tree.h"

static size_t walk(const struct yv *v, int in_map)
{
	FUZZ_ASSERT(v->line >= 1);
	FUZZ_ASSERT(!in_map || v->key != NULL);
	size_t n = 1;
	for (size_t i = 0; i < v->n; i++)
		n += walk(v->v[i], v->kind == YV_MAP);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	char err[256];
	struct yv *root = yaml_read(&a, (const char *)data, size, err, sizeof(err));
	if (root) {
		FUZZ_ASSERT(walk(root, 0) <= YAML_MAX_NODES);
		struct yv *c = yv_copy(&a, root);
		FUZZ_ASSERT(yv_equal(root, c));
	} else {
		unsigned l, c;
		FUZZ_ASSERT(sscanf(err, "%u:%u: ", &l, &c) == 2 && l >= 1 && c >= 1);
	}
	arena_free(&a);
	return 0;
}
