/* libFuzzer target: the schema set's cache image (schema/set_image.h), as
 * a damaged or hostile cache file would present it. The header's checksum
 * is recomputed over the input first, so that the fuzzer explores the
 * structural checks behind it rather than the checksum. Asserted: no
 * crash, leak or hang; an image that checks answers every look-up
 * (types, selection, validation of a small node, descriptions) within
 * its bounds; the cache's vouch reader, on the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/arena.h"
#include "fuzz_check.h"
#include "schema/schema.h"
#include "schema/set_cache.h"
#include "schema/set_image.h"

static void count(void *arg, const struct schema_error *e)
{
	FUZZ_ASSERT(e->message != NULL && e->schema_id != NULL);
	++*(size_t *)arg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the cache file's vouch (set_cache.c), read from the same bytes: it
	 * holds only for the exact stat it names */
	struct stat st;
	memset(&st, 0, sizeof(st));
	st.st_mode = S_IFREG | 0644;
	st.st_size = (off_t)size;
	st.st_ino = 7;
	uint64_t sum = 0;
	if (scache_vouch_read(data, size, &st, &sum) == 0) {
		st.st_ino++;
		FUZZ_ASSERT(scache_vouch_read(data, size, &st, &sum) != 0);
	}
	if (size < sizeof(struct simg_header))
		return 0;
	/* 8-byte aligned, as a mapping is */
	uint64_t *buf = malloc((size + 7) / 8 * 8);
	memcpy(buf, data, size);
	unsigned char *p = (unsigned char *)buf;
	struct simg_header h;
	memcpy(&h, p, sizeof(h));
	h.sum = sset_checksum(p + sizeof(h), size - sizeof(h));
	memcpy(p, &h, sizeof(h));
	struct schema_set *s = sset_open_image(p, size);
	if (s) {
		struct schema_ptype t[4];
		FUZZ_ASSERT(schema_prop_types(s, "reg", t, 4) <= 4);
		schema_prop_types(s, "vdd-supply", t, 4);
		schema_compatible_documented(s, "acme,uart");
		struct arena a;
		arena_init(&a);
		struct sinst items[2] = {{.kind = SINST_STR, .s = "acme,uart"},
					 {.kind = SINST_STR, .s = "syscon"}};
		struct sinst row[2] = {{.kind = SINST_INT, .u = 4096}, {.kind = SINST_INT, .u = 256}};
		struct sinst reg = {.kind = SINST_ARRAY, .n = 2, .items = row};
		struct sinst name = {.kind = SINST_STR, .s = "uart@1000"};
		struct sinst_member m[3] = {
			{"compatible", {.kind = SINST_ARRAY, .n = 2, .items = items}},
			{"reg", {.kind = SINST_ARRAY, .n = 1, .items = &reg}},
			{"$nodename", {.kind = SINST_ARRAY, .n = 1, .items = &name}},
		};
		struct sinst node = {.kind = SINST_OBJECT, .n = 3, .members = m};
		const struct schema *sel[4];
		size_t n = schema_select(s, &node, sel, 4, &a);
		size_t errs = 0;
		for (size_t i = 0; i < n && i < 4; i++) {
			schema_validate(s, sel[i], &node, count, &errs, &a);
			schema_prop_description(s, sel[i], "reg");
			FUZZ_ASSERT(schema_id(sel[i]) && schema_file(sel[i]));
		}
		for (uint32_t i = 0; i < s->ndocs && i < 4; i++)
			schema_validate(s, &s->schemas[i], &node, count, &errs, &a);
		arena_free(&a);
		schema_set_free(s);
	}
	free(buf);
	return 0;
}
