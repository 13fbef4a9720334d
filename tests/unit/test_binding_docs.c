/* The binding documents as an editor reads them (rules/bindings/
 * binding_docs.h): which document describes a compatible, and what
 * properties it allows with their types, descriptions and values, $refs
 * followed. A small tree of documents written on the fly, then the
 * kernel's own documents of the corpus. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dt_testutil.h"
#include "rules/bindings/binding_docs.h"

static char root[] = "/tmp/dtidy-binding-docs-XXXXXX";
static char bindings[600], core[600];

static void put(const char *rel, const char *text)
{
	cr_assert(write_tree_file(root, rel, text) == 0, "cannot write %s/%s", root, rel);
}

static void setup(void)
{
	cr_assert(mkdtemp(root));
	snprintf(bindings, sizeof(bindings), "%s/Bindings", root);
	snprintf(core, sizeof(core), "%s/core", root);
	put("Bindings/serial/acme,uart.yaml",
	    "title: ACME UART\n"
	    "description: |\n"
	    "  - not,a-compatible (a list in a description)\n"
	    "allOf:\n"
	    "  - $ref: serial.yaml#\n"
	    "  - $ref: /schemas/common/fifo.yaml#\n"
	    "properties:\n"
	    "  compatible:\n"
	    "    oneOf:\n"
	    "      - const: acme,uart\n"
	    "      - items:\n"
	    "          - enum:\n"
	    "              - acme,uart-v2\n"
	    "              - 'acme,uart-v3'\n"
	    "          - const: acme,uart\n"
	    "      - items:\n"
	    "          - enum: ['acme,uart-v4', \"acme,uart-v5\"]\n"
	    "          - const: acme,uart\n"
	    "        description:\n"
	    "          - also,not-one\n"
	    "  reg:\n"
	    "    maxItems: 1\n"
	    "  acme,mode:\n"
	    "    description: How the lines are driven.\n"
	    "    $ref: /schemas/types.yaml#/definitions/string\n"
	    "    enum: [rs232, rs485]\n"
	    "  acme,depth:\n"
	    "    oneOf:\n"
	    "      - $ref: /schemas/types.yaml#/definitions/uint32\n"
	    "        enum: [16, 64]\n"
	    "  current-speed:\n"
	    "    maximum: 115200\n"
	    "  dmas: false\n"
	    "patternProperties:\n"
	    "  '^acme,pin-[0-9]+$':\n"
	    "    description: One pin's function.\n"
	    "    type: boolean\n");
	put("Bindings/serial/serial.yaml",
	    "properties:\n"
	    "  current-speed:\n"
	    "    description: Baud rate at start.\n"
	    "    $ref: /schemas/types.yaml#/definitions/uint32\n"
	    "  dmas:\n"
	    "    maxItems: 2\n"
	    "  acme,mode:\n"
	    "    description: Overridden below, not used.\n"
	    "  serial-only: true\n");
	put("core/common/fifo.yaml",
	    "$ref: fifo-base.yaml#\n"
	    "properties:\n"
	    "  fifo-size:\n"
	    "    description: Size of the FIFO.\n"
	    "    $ref: /schemas/types.yaml#/definitions/uint32\n");
	put("core/common/fifo-base.yaml",
	    "$ref: fifo.yaml#\n"
	    "properties:\n"
	    "  fifo-base:\n"
	    "    type: boolean\n");
	put("Bindings/misc/other.yaml",
	    "properties:\n"
	    "  compatible:\n"
	    "    contains:\n"
	    "      const: acme,uart\n"
	    "  $nodename: true\n");
	put("Bindings/notes.txt", "compatible: not,indexed\n");
}

static void teardown(void)
{
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	cr_expect(system(cmd) == 0);
}

TestSuite(binding_docs, .init = setup, .fini = teardown);

static void collect(const char *compat, const char *doc, void *ud)
{
	(void)doc;
	struct strbuf_like {
		char buf[2048];
	} *b = ud;
	/* sorted by the caller: keep the order of the table out of it */
	strncat(b->buf, compat, sizeof(b->buf) - strlen(b->buf) - 2);
	strcat(b->buf, " ");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *sorted_words(char *s)
{
	char *words[64] = {NULL};
	size_t n = 0;
	for (char *w = strtok(s, " "); w && n < 64; w = strtok(NULL, " "))
		words[n++] = w;
	qsort(words, n, sizeof(*words), cmp_str);
	static char out[2048];
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		strcat(out, words[i]);
		strcat(out, " ");
	}
	return out;
}

Test(binding_docs, the_compatibles_a_document_lists)
{
	struct binding_docs *bd = binding_docs_new(bindings, core);
	cr_expect_eq(binding_docs_step(bd, 0), 1);
	struct {
		char buf[2048];
	} got = {""};
	binding_docs_compatibles(bd, "", collect, &got);
	cr_expect_str_eq(sorted_words(got.buf),
			 "acme,uart acme,uart-v2 acme,uart-v3 acme,uart-v4 acme,uart-v5 ");
	const char *docs[4];
	size_t n = binding_docs_for(bd, "acme,uart", docs, 4);
	cr_assert_eq(n, 2);
	/* the document named after it first */
	cr_expect_str_eq(docs[0], "serial/acme,uart.yaml");
	cr_expect_str_eq(docs[1], "misc/other.yaml");
	cr_expect_eq(binding_docs_for(bd, "acme,uart-v3", docs, 4), 1);
	cr_expect_eq(binding_docs_for(bd, "not,a-compatible", docs, 4), 0);
	cr_expect_eq(binding_docs_for(bd, "also,not-one", docs, 4), 0);
	cr_expect_eq(binding_docs_for(bd, "not,indexed", docs, 4), 0);
	binding_docs_free(bd);
}

static const struct binding_prop *prop(const struct binding_prop *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

Test(binding_docs, properties_with_refs_followed)
{
	struct binding_docs *bd = binding_docs_new(bindings, core);
	size_t n;
	const struct binding_prop *v = binding_doc_props(bd, "serial/acme,uart.yaml", &n);
	cr_assert_not_null(v);
	/* own first, in document order; then serial.yaml's and the core's */
	cr_expect_str_eq(v[0].name, "compatible");
	cr_expect_str_eq(v[1].name, "reg");
	const struct binding_prop *mode = prop(v, n, "acme,mode");
	cr_assert_not_null(mode);
	cr_expect_str_eq(mode->type, "string");
	cr_expect_str_eq(mode->description, "How the lines are driven.");
	cr_expect_eq(mode->nvalues, 2);
	cr_expect_str_eq(mode->values[1], "rs485");
	cr_expect_str_eq(mode->doc, "serial/acme,uart.yaml");
	const struct binding_prop *depth = prop(v, n, "acme,depth");
	cr_expect(depth && depth->type && !strcmp(depth->type, "uint32") && depth->nvalues == 2);
	/* what the document leaves unsaid, serial.yaml says */
	const struct binding_prop *speed = prop(v, n, "current-speed");
	cr_expect(speed && speed->type && !strcmp(speed->type, "uint32") && speed->description &&
		  !strcmp(speed->description, "Baud rate at start."));
	const struct binding_prop *dmas = prop(v, n, "dmas");
	cr_expect(dmas && dmas->disallowed, "dmas: false forbids what serial.yaml allows");
	cr_expect_not_null(prop(v, n, "serial-only"));
	/* /schemas/ refs: the core directory; a cycle of refs ends */
	const struct binding_prop *fifo = prop(v, n, "fifo-size");
	cr_expect(fifo && fifo->doc && !strcmp(fifo->doc, "common/fifo.yaml"));
	const struct binding_prop *base = prop(v, n, "fifo-base");
	cr_expect(base && base->type && !strcmp(base->type, "flag"));
	const struct binding_prop *pin = prop(v, n, "^acme,pin-[0-9]+$");
	cr_expect(pin && pin->is_pattern && !strcmp(pin->type, "flag"));
	const struct binding_prop *compat = prop(v, n, "compatible");
	cr_expect(compat && compat->nvalues == 5, "compatible's values: %zu",
		  compat ? compat->nvalues : 0);
	/* asked again: the same list */
	size_t n2;
	cr_expect_eq(binding_doc_props(bd, "serial/acme,uart.yaml", &n2), v);
	cr_expect_null(binding_doc_props(bd, "serial/missing.yaml", &n2));
	binding_docs_free(bd);
}

Test(binding_docs, text_that_is_not_a_binding)
{
	struct binding_prop_list l;
	static const char *const texts[] = {
		"", "- a\n- b\n", "properties: [1, 2]\n", "properties:\n  x: {description: [1]}\n",
		"properties:\n  x:\n    enum: {a: 1}\n", "\t{[}\n", "properties:\n  x: &a\n    items: *a\n",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		int rc = binding_props_parse(NULL, "t.yaml", texts[i], strlen(texts[i]), &l);
		if (!rc)
			binding_props_free(&l);
	}
	struct binding_docs *bd = binding_docs_new(bindings, NULL);
	binding_docs_index_text(bd, "x.yaml", "properties:\n  compatible:\n    - enum:\n", 37);
	binding_docs_index_text(bd, "y.yaml", "properties:\n  compatible:\n    enum: [a, ", 40);
	const char *docs[2];
	cr_expect_eq(binding_docs_for(bd, "a", docs, 2), 1);
	binding_docs_free(bd);
}

Test(binding_docs, the_kernels_documents)
{
	const char *corpus = getenv("CORPUS") ? getenv("CORPUS") : "../shared/corpus";
	char dir[600], schemas[600];
	snprintf(dir, sizeof(dir), "%s/Bindings", corpus);
	snprintf(schemas, sizeof(schemas), "%s/dt-schema/schemas", corpus);
	struct stat st;
	if (stat(dir, &st) != 0)
		cr_skip_test("no corpus at %s", corpus);
	struct binding_docs *bd = binding_docs_new(dir, schemas);
	const char *docs[4];
	size_t n = binding_docs_for(bd, "snps,dw-apb-uart", docs, 4);
	cr_assert(n >= 1);
	int found = 0;
	for (size_t i = 0; i < n; i++)
		found |= !strcmp(docs[i], "serial/snps-dw-apb-uart.yaml");
	cr_expect(found);
	cr_expect(binding_docs_for(bd, "rockchip,rk3399-uart", docs, 4) >= 1);
	size_t np;
	const struct binding_prop *v = binding_doc_props(bd, "serial/snps-dw-apb-uart.yaml", &np);
	cr_assert_not_null(v);
	/* its own, serial.yaml's (by $ref) and rs485.yaml's */
	const struct binding_prop *p = prop(v, np, "snps,uart-16550-compatible");
	cr_expect(p && p->type && !strcmp(p->type, "flag") && p->description);
	p = prop(v, np, "rx-threshold");
	cr_expect(p && p->doc && !strcmp(p->doc, "serial/serial.yaml") && p->type &&
		  !strcmp(p->type, "uint32") && p->description);
	cr_expect_not_null(prop(v, np, "rs485-rts-delay"));
	p = prop(v, np, "clock-names");
	cr_expect(p && p->nvalues == 2, "clock-names: baudclk, apb_pclk");
	binding_docs_free(bd);
}
