/* libFuzzer target: the schema engine's YAML reader (schema/yaml_tree.h)
 * on any bytes, then dt-schema's processing (schema/fixups.h) and the
 * property-type extraction (schema/prop_types.h) on what it read, as a
 * broken or hostile binding document would meet them. Asserted: no crash,
 * leak or hang; a failure always says where ("LINE:COL: what"); a tree read
 * has no more nodes than the reader's budget, every map member has a key,
 * every node a line, and a copy equals its original. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "fuzz_check.h"
#include "schema/fixups.h"
#include "schema/prop_types.h"
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

/* A string table for the type extraction: offsets into one buffer, each
 * string once, as the set builder's (a linear search: inputs are small). */
static uint32_t intern(void *ctx, const char *s)
{
	struct strbuf *b = ctx;
	if (!s[0])
		return 0;
	for (size_t off = 1; off < b->len; off += strlen(b->s + off) + 1)
		if (!strcmp(b->s + off, s))
			return (uint32_t)off;
	uint32_t off = (uint32_t)b->len;
	sb_put(b, s, strlen(s) + 1);
	return off;
}

static const char *str(void *ctx, uint32_t off)
{
	struct strbuf *b = ctx;
	return b->s + off;
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
		schema_fixup(&a, c);
		walk(c, 0);
		struct strbuf b = {0};
		sb_putc(&b, '\0');
		struct ptype_strings ps = {intern, str, &b};
		struct ptype_acc *acc = ptype_acc_new(&ps);
		ptype_acc_doc(acc, c, 0);
		struct sptype *ex, *pat;
		size_t nex, npat;
		ptype_acc_finish(acc, &ex, &nex, &pat, &npat);
		for (size_t i = 0; i < nex; i++)
			FUZZ_ASSERT(ex[i].name < b.len && ex[i].kind <= 6);
		free(ex);
		free(pat);
		ptype_acc_free(acc);
		sb_free(&b);
	} else {
		unsigned l, col;
		FUZZ_ASSERT(sscanf(err, "%u:%u: ", &l, &col) == 2 && l >= 1 && col >= 1);
	}
	arena_free(&a);
	return 0;
}
