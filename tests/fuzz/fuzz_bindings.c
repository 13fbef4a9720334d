/* libFuzzer target: a binding document as the editor reads it
 * (rules/bindings/binding_docs.h): the compatible index's line scan and
 * the property reader's YAML parse, on any bytes. Asserted: no crash,
 * leak or hang; every compatible indexed is a nonempty word found in the
 * text, and documented by the document just indexed; every property read
 * has a name. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/bindings/binding_docs.h"
#include "fuzz_check.h"

struct seen {
	const char *text;
	size_t len;
	size_t n;
};

static void check_compat(const char *compat, const char *doc, void *ud)
{
	struct seen *s = ud;
	size_t n = strlen(compat);
	FUZZ_ASSERT(n > 0);
	FUZZ_ASSERT(!strcmp(doc, "fuzz.yaml"));
	FUZZ_ASSERT(memmem(s->text, s->len, compat, n) != NULL);
	s->n++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct binding_docs *bd = binding_docs_new("/nonexistent-bindings", NULL);
	binding_docs_index_text(bd, "fuzz.yaml", text, size);
	struct seen s = {text, size, 0};
	binding_docs_compatibles(bd, "", check_compat, &s);
	binding_docs_free(bd);

	struct binding_prop_list l;
	if (binding_props_parse(NULL, "fuzz.yaml", text, size, &l) == 0) {
		for (size_t i = 0; i < l.n; i++)
			FUZZ_ASSERT(l.v[i].name != NULL);
		binding_props_free(&l);
	}
	return 0;
}
