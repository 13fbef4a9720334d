/* dt-schema's processing of binding documents (schema/fixups.h), each
 * rewrite on a small document, the result written compactly:
 * {key: value, ...} in the document's order, [a, b], 'string'. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "schema/fixups.h"
#include "schema/yaml_tree.h"

static void put(struct strbuf *b, const struct yv *v)
{
	switch (v->kind) {
	case YV_NULL:
		sb_puts(b, "null");
		break;
	case YV_BOOL:
		sb_puts(b, v->u ? "true" : "false");
		break;
	case YV_INT:
		sb_printf(b, "%s%llu", v->neg ? "-" : "", (unsigned long long)v->u);
		break;
	case YV_FLOAT:
		sb_printf(b, "%g", v->f);
		break;
	case YV_STR:
		sb_printf(b, "'%s'", v->s);
		break;
	case YV_SEQ:
	case YV_MAP:
		sb_putc(b, v->kind == YV_SEQ ? '[' : '{');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				sb_puts(b, ", ");
			if (v->kind == YV_MAP)
				sb_printf(b, "%s: ", v->v[i]->key);
			put(b, v->v[i]);
		}
		sb_putc(b, v->kind == YV_SEQ ? ']' : '}');
		break;
	}
}

/* The processed document, or the part of it at "key/key/..." */
static char *fixed(const char *yaml, const char *at)
{
	struct arena a;
	arena_init(&a);
	char err[200];
	struct yv *doc = yaml_read(&a, yaml, strlen(yaml), err, sizeof(err));
	cr_assert_not_null(doc, "%s", err);
	schema_fixup(&a, doc);
	const struct yv *v = doc;
	char path[200];
	snprintf(path, sizeof(path), "%s", at);
	for (char *k = strtok(path, "/"); k && v; k = strtok(NULL, "/"))
		v = v->kind == YV_SEQ ? ((size_t)atoi(k) < v->n ? v->v[atoi(k)] : NULL) : yv_get(v, k);
	cr_assert_not_null(v, "nothing at %s", at);
	struct strbuf b = {0};
	put(&b, v);
	char *r = strdup(sb_cstr(&b));
	sb_free(&b);
	arena_free(&a);
	return r;
}

static void expect(const char *yaml, const char *at, const char *want)
{
	char *got = fixed(yaml, at);
	cr_expect_str_eq(got, want, "at %s\n got: %s\nwant: %s", at, got, want);
	free(got);
}

Test(schema_fixups, strings_become_arrays)
{
	expect("properties:\n  compatible:\n    const: acme,a\n", "properties/compatible",
	       "{items: [{const: 'acme,a'}], type: 'array', minItems: 1, maxItems: 1}");
	expect("properties:\n  mode:\n    enum: [a, b]\n", "properties/mode",
	       "{items: [{enum: ['a', 'b']}], type: 'array', minItems: 1, maxItems: 1}");
}

Test(schema_fixups, one_of_consts_become_enum)
{
	expect("properties:\n  compatible:\n    oneOf:\n      - const: a\n      - const: b\n"
	       "        deprecated: true\n", "properties/compatible",
	       "{items: [{enum: ['a', 'b']}], type: 'array', minItems: 1, maxItems: 1}");
	/* a const with a description and more stays a oneOf */
	expect("properties:\n  x:\n    oneOf:\n      - const: 1\n        description: d\n"
	       "        deprecated: true\n      - const: 2\n", "properties/x/oneOf/0",
	       "{const: 1, deprecated: true}");
}

Test(schema_fixups, item_counts)
{
	/* maxItems alone: exactly that many, as dt-mk-schema has it */
	expect("properties:\n  clocks:\n    maxItems: 2\n", "properties/clocks",
	       "{maxItems: 2, minItems: 2}");
	expect("properties:\n  clocks:\n    minItems: 1\n", "properties/clocks",
	       "{minItems: 1, maxItems: 1}");
	/* but not under then/else */
	expect("properties:\n  clocks: true\nallOf:\n  - if: {required: [x]}\n    then:\n"
	       "      properties:\n        clocks:\n          maxItems: 2\n",
	       "allOf", "[{if: {required: ['x']}, then: {properties: {clocks: {maxItems: 2}}}}]");
	/* a list of items fixes the count */
	expect("properties:\n  clock-names:\n    items:\n      - const: a\n      - const: b\n",
	       "properties/clock-names",
	       "{items: [{const: 'a'}, {const: 'b'}], type: 'array', minItems: 2, maxItems: 2}");
	/* items that say nothing become counts */
	expect("properties:\n  clocks:\n    items:\n      - description: a\n      - description: b\n",
	       "properties/clocks", "{type: 'array', maxItems: 2, minItems: 2}");
}

Test(schema_fixups, reg_is_a_matrix)
{
	expect("properties:\n  reg:\n    items:\n      - maximum: 4096\n", "properties/reg",
	       "{items: [{items: [{maximum: 4096}], type: 'array', minItems: 1, maxItems: 1}], "
	       "type: 'array', minItems: 1, maxItems: 1}");
}

Test(schema_fixups, unit_suffixes)
{
	expect("properties:\n  acme,delay-us:\n    maximum: 100\n", "properties/acme,delay-us",
	       "{items: [{maximum: 100}], type: 'array', minItems: 1, maxItems: 1}");
	expect("properties:\n  vdd-microvolt:\n    minItems: 2\n    maxItems: 3\n",
	       "properties/vdd-microvolt",
	       "{items: [{minItems: 2, maxItems: 3}], type: 'array', minItems: 1, maxItems: 1}");
	expect("properties:\n  max-hz:\n    minimum: 10\n", "properties/max-hz",
	       "{items: [{items: [{minimum: 10}], type: 'array', minItems: 1, maxItems: 1}], "
	       "type: 'array', minItems: 1, maxItems: 1}");
	/* a $ref decides for itself */
	expect("properties:\n  acme,delay-us:\n    $ref: /schemas/types.yaml#/definitions/uint32\n"
	       "    maximum: 100\n", "properties/acme,delay-us",
	       "{$ref: '/schemas/types.yaml#/definitions/uint32', maximum: 100}");
}

Test(schema_fixups, interrupts)
{
	const char *doc = "properties:\n  interrupts:\n    maxItems: 1\nrequired: [interrupts, reg]\n";
	expect(doc, "properties",
	       "{interrupts: {maxItems: 1, minItems: 1}, interrupt-parent: true, "
	       "interrupts-extended: {maxItems: 1, minItems: 1}}");
	expect(doc, "required", "['reg']");
	expect(doc, "oneOf", "[{required: ['interrupts']}, {required: ['interrupts-extended']}]");
	expect("required: [interrupts]\noneOf: [{required: [a]}, {required: [b]}]\n", "allOf",
	       "[{oneOf: [{required: ['interrupts']}, {required: ['interrupts-extended']}]}]");
}

Test(schema_fixups, common_node_properties)
{
	const char *doc = "properties:\n  clocks:\n    maxItems: 1\n  ranges: true\n"
			  "additionalProperties: false\n";
	expect(doc, "properties",
	       "{clocks: {maxItems: 1, minItems: 1}, ranges: true, assigned-clocks: true, "
	       "assigned-clock-rates-u64: true, assigned-clock-rates: true, "
	       "assigned-clock-parents: true, assigned-clock-sscs: true, dma-ranges: true, "
	       "phandle: true, status: true, secure-status: true, $nodename: true, "
	       "bootph-pre-sram: true, bootph-verify: true, bootph-pre-ram: true, "
	       "bootph-some-ram: true, bootph-all: true, pinctrl-names: true}");
	expect(doc, "patternProperties", "{^pinctrl-[0-9]+$: true}");
	/* additionalProperties: true says nothing and is dropped */
	char *got = fixed("properties:\n  a: true\nadditionalProperties: true\n", "");
	cr_expect_str_eq(got, "{properties: {a: true}, type: 'object'}");
	free(got);
}

Test(schema_fixups, dependencies_split)
{
	expect("dependencies:\n  a: [b]\n  c:\n    required: [d]\n", "dependentRequired", "{a: ['b']}");
	expect("dependencies:\n  a: [b]\n  c:\n    required: [d]\n", "dependentSchemas",
	       "{c: {required: ['d']}}");
}

Test(schema_fixups, select_from_nodename_and_cleanup)
{
	const char *doc = "maintainers: [x]\nexamples: [y]\nproperties:\n  $nodename:\n"
			  "    pattern: '^cpus$'\n    description: the node\n";
	char *got = fixed(doc, "");
	/* the select is processed as the rest is */
	cr_expect_str_eq(got, "{properties: {$nodename: {items: [{pattern: '^cpus$'}], type: 'array', "
			      "minItems: 1, maxItems: 1}}, select: {required: ['$nodename'], "
			      "properties: {$nodename: {items: [{pattern: '^cpus$'}], type: 'array', "
			      "minItems: 1, maxItems: 1}}}, "
			      "$descriptions: {$nodename: 'the node'}, type: 'object'}", "%s", got);
	free(got);
}
