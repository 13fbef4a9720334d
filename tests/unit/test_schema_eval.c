/* The schema evaluator, keyword by keyword, on documents processed as
 * dt-mk-schema processes them (the real core schemas underneath), with
 * dt-validate's wording for each failure. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "schema_testutil.h"

static struct st_tree T;
static struct schema_set *S;

#define HDR(name)                                                                   \
	"$id: http://devicetree.org/schemas/test/" name ".yaml#\n"                 \
	"$schema: http://devicetree.org/meta-schemas/core.yaml#\ntitle: t\n"

static void setup(void)
{
	st_tree_new(&T);
	st_put(&T, "Bindings/test/kw.yaml",
	       HDR("kw")
	       "properties:\n"
	       "  compatible:\n    const: acme,kw\n"
	       "  reg:\n    maxItems: 2\n"
	       "  clocks:\n    maxItems: 1\n"
	       "  acme,mode:\n    $ref: /schemas/types.yaml#/definitions/uint32\n    enum: [1, 2, 4]\n"
	       "  acme,label:\n    $ref: /schemas/types.yaml#/definitions/string\n"
	       "    pattern: '^lbl-[0-9]+$'\n"
	       "  acme,level:\n    $ref: /schemas/types.yaml#/definitions/uint32\n"
	       "    minimum: 10\n    maximum: 20\n    multipleOf: 5\n"
	       "  acme,offset:\n    $ref: /schemas/types.yaml#/definitions/int32\n    minimum: -5\n"
	       "  acme,freq:\n    oneOf:\n      - $ref: /schemas/types.yaml#/definitions/uint32\n"
	       "      - $ref: /schemas/types.yaml#/definitions/uint64\n"
	       "  acme,flag:\n    type: boolean\n"
	       "  acme,old:\n    type: boolean\n    deprecated: true\n"
	       "  acme,list:\n    $ref: /schemas/types.yaml#/definitions/uint32-array\n"
	       "    items:\n      - const: 1\n      - enum: [2, 3]\n"
	       "  acme,names:\n    $ref: /schemas/types.yaml#/definitions/string-array\n"
	       "    contains:\n      const: main\n    uniqueItems: true\n"
	       "patternProperties:\n"
	       "  '^x-':\n    $ref: /schemas/types.yaml#/definitions/uint32\n"
	       "required: [compatible, reg, clocks]\n"
	       "dependentRequired:\n  acme,flag: ['acme,mode']\n"
	       "additionalProperties: false\n");
	st_put(&T, "Bindings/test/uneval.yaml",
	       HDR("uneval")
	       "allOf:\n"
	       "  - $ref: /schemas/test/common.yaml#\n"
	       "  - if:\n      properties:\n        compatible:\n          contains:\n"
	       "            const: acme,b\n"
	       "    then:\n      properties:\n        acme,b-only: true\n"
	       "    else:\n      properties:\n        acme,not-b: true\n"
	       "properties:\n  compatible:\n    enum: ['acme,a', 'acme,b']\n"
	       "unevaluatedProperties: false\n");
	st_put(&T, "Bindings/test/common.yaml",
	       HDR("common")
	       "properties:\n  acme,common:\n    $ref: /schemas/types.yaml#/definitions/flag\n"
	       "  acme,chained:\n    $ref: '#/$defs/chain'\n"
	       "$defs:\n  chain:\n    $ref: '#/$defs/chain2'\n"
	       "  chain2:\n    $ref: /schemas/types.yaml#/definitions/uint32\n    maximum: 3\n"
	       "additionalProperties: true\n");
	st_put(&T, "Bindings/test/comb.yaml",
	       HDR("comb")
	       "properties:\n  compatible:\n    const: acme,comb\n"
	       "  acme,a: true\n  acme,b: true\n"
	       "  acme,v:\n    $ref: /schemas/types.yaml#/definitions/uint32\n"
	       "    oneOf:\n      - maximum: 5\n      - minimum: 3\n"
	       "  acme,w:\n    anyOf:\n      - $ref: /schemas/types.yaml#/definitions/string\n"
	       "      - $ref: /schemas/types.yaml#/definitions/uint32\n"
	       "  acme,n:\n    not:\n      const: 7\n"
	       "oneOf:\n  - required: ['acme,a']\n  - required: ['acme,b']\n"
	       "dependencies:\n  acme,v: ['acme,w']\n"
	       "  acme,n:\n    required: ['acme,a']\n"
	       "propertyNames:\n  pattern: '^[a-z$]'\n"
	       "additionalProperties: false\n");
	st_put(&T, "Bindings/test/mixed.yaml",
	       HDR("mixed")
	       "properties:\n  compatible:\n    const: acme,mixed\n"
	       "  acme,x: true\n  acme,y: true\n"
	       "  acme,mode:\n    $ref: /schemas/types.yaml#/definitions/uint32\n"
	       "oneOf:\n  - required: ['acme,x']\n"
	       "  - properties:\n      acme,mode:\n        const: 1\n"
	       "  - required: ['acme,y']\n"
	       "additionalProperties: false\n");
	st_put(&T, "Bindings/test/rare.yaml",
	       HDR("rare")
	       "properties:\n  acme,obj:\n    type: object\n    minProperties: 2\n"
	       "  acme,name:\n    items:\n      - minLength: 2\n        maxLength: 3\n"
	       "    additionalItems: false\n"
	       "  acme,excl:\n    items:\n      - exclusiveMinimum: 1\n        exclusiveMaximum: 4\n");
	st_put(&T, "Bindings/test/child.yaml",
	       HDR("child")
	       "properties:\n  compatible:\n    const: acme,parent\n"
	       "  $nodename:\n    pattern: '^parent@[0-9a-f]+$'\n"
	       "patternProperties:\n"
	       "  '^led@[0-9]$':\n    type: object\n    properties:\n      reg:\n        maxItems: 1\n"
	       "      label: true\n    required: [reg]\n    additionalProperties: false\n"
	       "additionalProperties: false\n");
	S = st_load(&T, 0, NULL);
}

static void teardown(void)
{
	schema_set_free(S);
	st_tree_free(&T);
}

TestSuite(schema_eval, .init = setup, .fini = teardown);

static void collect_msg(void *arg, const struct schema_error *e)
{
	sb_printf(arg, "%s\n", e->message);
}

static void expect(const char *id, const char *json, const char *want)
{
	char *got = st_check(S, id, json);
	cr_expect_str_eq(got, want, "instance %s\n got: %s\nwant: %s", json, got, want);
	free(got);
}

#define OK_KW "\"compatible\": [\"acme,kw\"], \"reg\": [[1], [2]], \"clocks\": [[1]]"

Test(schema_eval, valid_node_has_no_findings)
{
	expect("/kw.yaml", "{" OK_KW ", \"acme,mode\": 2, \"acme,label\": [\"lbl-7\"], "
			   "\"acme,level\": 15, \"x-y\": 3, \"status\": [\"okay\"], "
			   "\"pinctrl-0\": [[1]], \"$nodename\": [\"kw@0\"]}", "");
}

Test(schema_eval, required)
{
	expect("/kw.yaml", "{\"compatible\": [\"acme,kw\"], \"reg\": [[1], [2]]}",
	       "REQUIRED clocks: 'clocks' is a required property\n");
}

Test(schema_eval, additional_properties_with_patterns)
{
	/* the fixups add the patterns every node may have (pinctrl-N) */
	expect("/kw.yaml", "{" OK_KW ", \"acme,bogus\": true}",
	       "UNEXPECTED acme,bogus: 'acme,bogus' does not match any of the regexes: "
	       "'^pinctrl-[0-9]+$', '^x-'\n");
}

Test(schema_eval, max_items_alone_fixes_the_count)
{
	/* dt-mk-schema: maxItems without minItems means exactly that many */
	expect("/kw.yaml", "{\"compatible\": [\"acme,kw\"], \"reg\": [[1, 2]], \"clocks\": [[1]]}",
	       "VALUE reg: [[1, 2]] is too short\n");
	expect("/kw.yaml", "{\"compatible\": [\"acme,kw\"], \"reg\": [[1], [2], [3]], \"clocks\": [[1]]}",
	       "VALUE reg: [[1], [2], [3]] is too long\n");
}

Test(schema_eval, enum_const_pattern)
{
	expect("/kw.yaml", "{" OK_KW ", \"acme,mode\": 3}", "VALUE acme,mode: 3 is not one of [1, 2, 4]\n");
	expect("/kw.yaml", "{\"compatible\": [\"acme,other\"], \"reg\": [[1], [2]], \"clocks\": [[1]]}",
	       "VALUE compatible: 'acme,kw' was expected\n");
	expect("/kw.yaml", "{" OK_KW ", \"acme,label\": [\"x\"]}",
	       "VALUE acme,label: 'x' does not match '^lbl-[0-9]+$'\n");
}

Test(schema_eval, ranges_and_multiples)
{
	expect("/kw.yaml", "{" OK_KW ", \"acme,level\": 5}",
	       "VALUE acme,level: 5 is less than the minimum of 10\n");
	expect("/kw.yaml", "{" OK_KW ", \"acme,level\": 25}",
	       "VALUE acme,level: 25 is greater than the maximum of 20\n");
	expect("/kw.yaml", "{" OK_KW ", \"acme,level\": 12}",
	       "VALUE acme,level: 12 is not a multiple of 5\n");
	expect("/kw.yaml", "{" OK_KW ", \"acme,offset\": -3}", "");
	expect("/kw.yaml", "{" OK_KW ", \"acme,offset\": -9}",
	       "VALUE acme,offset: -9 is less than the minimum of -5\n");
	/* uint32's own range, from types.yaml */
	expect("/kw.yaml", "{" OK_KW ", \"x-a\": 4294967296}",
	       "VALUE x-a: 4294967296 is greater than the maximum of 4294967295\n");
}

Test(schema_eval, type_and_flags)
{
	expect("/kw.yaml", "{" OK_KW ", \"acme,flag\": [[1]], \"acme,mode\": 1}",
	       "VALUE acme,flag: [[1]] is not of type 'boolean'\n");
	expect("/kw.yaml", "{" OK_KW ", \"acme,old\": true}",
	       "DEPRECATED acme,old: 'acme,old' is deprecated\n");
}

Test(schema_eval, items_list_form)
{
	expect("/kw.yaml", "{" OK_KW ", \"acme,list\": [1, 3]}", "");
	expect("/kw.yaml", "{" OK_KW ", \"acme,list\": [1, 4]}",
	       "VALUE acme,list: 4 is not one of [2, 3]\n");
	expect("/kw.yaml", "{" OK_KW ", \"acme,list\": [1, 2, 3]}",
	       "VALUE acme,list: [1, 2, 3] is too long\n");
}

Test(schema_eval, contains_and_unique)
{
	expect("/kw.yaml", "{" OK_KW ", \"acme,names\": [\"main\", \"aux\"]}", "");
	expect("/kw.yaml", "{" OK_KW ", \"acme,names\": [\"aux\"]}",
	       "VALUE acme,names: ['aux'] does not contain items matching the given schema\n");
	expect("/kw.yaml", "{" OK_KW ", \"acme,names\": [\"main\", \"main\"]}",
	       "VALUE acme,names: ['main', 'main'] has non-unique elements\n");
}

Test(schema_eval, dependent_required)
{
	expect("/kw.yaml", "{" OK_KW ", \"acme,flag\": true}",
	       "DEPENDENCY acme,flag: 'acme,mode' is a dependency of 'acme,flag'\n");
}

Test(schema_eval, unevaluated_through_allof_ref_and_if)
{
	/* acme,common comes from the $ref'd document, acme,b-only from then */
	expect("/uneval.yaml", "{\"compatible\": [\"acme,b\"], \"acme,common\": true, "
			       "\"acme,b-only\": true}", "");
	expect("/uneval.yaml", "{\"compatible\": [\"acme,a\"], \"acme,b-only\": true}",
	       "UNEXPECTED acme,b-only: Unevaluated properties are not allowed "
	       "('acme,b-only' was unexpected)\n");
	/* else's properties count when if fails */
	expect("/uneval.yaml", "{\"compatible\": [\"acme,a\"], \"acme,not-b\": true}", "");
	expect("/uneval.yaml", "{\"compatible\": [\"acme,b\"], \"acme,not-b\": true}",
	       "UNEXPECTED acme,not-b: Unevaluated properties are not allowed "
	       "('acme,not-b' was unexpected)\n");
}

Test(schema_eval, ref_chains)
{
	/* properties -> #/$defs/chain -> #/$defs/chain2 -> types.yaml uint32 */
	expect("/uneval.yaml", "{\"compatible\": [\"acme,a\"], \"acme,chained\": 2}", "");
	/* as python-jsonschema: an allOf branch that fails evaluates nothing,
	 * so its properties are also unevaluated */
	expect("/uneval.yaml", "{\"compatible\": [\"acme,a\"], \"acme,chained\": 4}",
	       "VALUE acme,chained: 4 is greater than the maximum of 3\n"
	       "UNEXPECTED acme,chained: Unevaluated properties are not allowed "
	       "('acme,chained' was unexpected)\n");
	expect("/uneval.yaml", "{\"compatible\": [\"acme,a\"], \"acme,chained\": [\"s\"]}",
	       "VALUE acme,chained: ['s'] is not of type 'integer'\n"
	       "UNEXPECTED acme,chained: Unevaluated properties are not allowed "
	       "('acme,chained' was unexpected)\n");
}

Test(schema_eval, oneof_anyof_not)
{
	expect("/comb.yaml", "{\"compatible\": [\"acme,comb\"], \"acme,a\": true}", "");
	expect("/comb.yaml", "{\"compatible\": [\"acme,comb\"]}",
	       "REQUIRED acme,a: 'oneOf' conditional failed, one must be fixed:\n"
	       "\t'acme,a' is a required property\n\t'acme,b' is a required property\n");
	expect("/comb.yaml", "{\"compatible\": [\"acme,comb\"], \"acme,a\": true, \"acme,b\": true}",
	       "VALUE -: {'compatible': ['acme,comb'], 'acme,a': True, 'acme,b': True} is valid "
	       "under each of {'required': ['acme,b']}, {'required': ['acme,a']}\n");
	/* 4 is both <= 5 and >= 3 */
	expect("/comb.yaml", "{\"compatible\": [\"acme,comb\"], \"acme,a\": true, \"acme,v\": 4, "
			     "\"acme,w\": 1}",
	       "VALUE acme,v: 4 is valid under each of {'minimum': 3}, {'maximum': 5}\n");
	expect("/comb.yaml", "{\"compatible\": [\"acme,comb\"], \"acme,a\": true, \"acme,w\": [\"s\"]}", "");
	expect("/comb.yaml", "{\"compatible\": [\"acme,comb\"], \"acme,a\": true, \"acme,w\": [[1, 2]]}",
	       "VALUE acme,w: 'anyOf' conditional failed, one must be fixed:\n"
	       "\t[1, 2] is not of type 'string'\n\t[[1, 2]] is not of type 'integer'\n");
	expect("/comb.yaml", "{\"compatible\": [\"acme,comb\"], \"acme,a\": true, \"acme,n\": 7}",
	       "VALUE acme,n: 7 should not be valid under {'const': 7}\n");
}

Test(schema_eval, dependencies_become_dependent_keywords)
{
	expect("/comb.yaml", "{\"compatible\": [\"acme,comb\"], \"acme,a\": true, \"acme,v\": 1}",
	       "DEPENDENCY acme,v: 'acme,w' is a dependency of 'acme,v'\n");
	/* a dependent schema's required: a dependency finding */
	expect("/comb.yaml", "{\"compatible\": [\"acme,comb\"], \"acme,b\": true, \"acme,n\": 1}",
	       "DEPENDENCY acme,a: 'acme,a' is a required property\n");
}

Test(schema_eval, property_names)
{
	expect("/comb.yaml", "{\"compatible\": [\"acme,comb\"], \"acme,a\": true, \"Bad\": true}",
	       "UNEXPECTED Bad: 'Bad' does not match any of the regexes: '^pinctrl-[0-9]+$'\n"
	       "VALUE Bad: 'Bad' does not match '^[a-z$]'\n");
}

Test(schema_eval, child_nodes_and_nodename)
{
	expect("/child.yaml", "{\"compatible\": [\"acme,parent\"], \"$nodename\": [\"parent@1f\"], "
			      "\"led@1\": {\"reg\": [[1]], \"$nodename\": [\"led@1\"]}}", "");
	expect("/child.yaml", "{\"compatible\": [\"acme,parent\"], \"$nodename\": [\"parent\"], "
			      "\"led@1\": {\"label\": [\"x\"]}, \"led@12\": {}}",
	       "NODE_NAME $nodename: 'parent' does not match '^parent@[0-9a-f]+$'\n"
	       "REQUIRED reg: 'reg' is a required property\n"
	       "UNEXPECTED led@12: 'led@12' does not match any of the regexes: '^led@[0-9]$', "
	       "'^pinctrl-[0-9]+$'\n");
}

Test(schema_eval, type_size_tells_uint32_from_uint64)
{
	/* dt-validate's sized integers: without typeSize both branches hold */
	expect("/kw.yaml", "{" OK_KW ", \"acme,freq\": 100}", "");
	expect("/kw.yaml", "{" OK_KW ", \"acme,freq\": {\"$sized\": 100, \"bits\": 64}}", "");
	expect("/kw.yaml", "{" OK_KW ", \"acme,freq\": {\"$sized\": 100, \"bits\": 16}}",
	       "VALUE acme,freq: 'oneOf' conditional failed, one must be fixed:\n"
	       "\tsize is 16, expected 32\n\tsize is 16, expected 64\n");
}

/* Each error as "KIND: disabled_ok" */
static void collect_disabled_ok(void *arg, const struct schema_error *e)
{
	struct strbuf *b = arg;
	static const char *const kinds[] = {"REQUIRED", "UNEXPECTED", "VALUE", "NODE_NAME",
					    "DEPENDENCY", "DEPRECATED"};
	sb_printf(b, "%s: %d\n", kinds[e->kind], e->disabled_ok);
}

static char *disabled_ok(const char *json)
{
	struct arena a;
	arena_init(&a);
	struct strbuf b = {0};
	sb_puts(&b, "");
	schema_validate(S, st_schema(S, "/mixed.yaml"), st_inst(&a, json), collect_disabled_ok, &b, &a);
	arena_free(&a);
	char *r = strdup(sb_cstr(&b));
	sb_free(&b);
	return r;
}

Test(schema_eval, disabled_ok_looks_into_failed_branches_only)
{
	/* no branch holds: dt-validate drops the error on a disabled node,
	 * since a branch failed on required */
	char *got = disabled_ok("{\"compatible\": [\"acme,mixed\"], \"acme,mode\": 2}");
	cr_expect_str_eq(got, "VALUE: 1\n");
	free(got);
	/* valid under two: that error has no context, so it stays on a
	 * disabled node although the third branch failed on required (the
	 * disabled dw-apb-timers of BeagleBoard's light-beagle-ref) */
	got = disabled_ok("{\"compatible\": [\"acme,mixed\"], \"acme,mode\": 1, \"acme,x\": true}");
	cr_expect_str_eq(got, "VALUE: 0\n");
	free(got);
}

Test(schema_eval, untyped_bytes_are_no_json_type)
{
	/* dt-validate leaves a property no schema types as bytes: dt-core's
	 * catch-all type check fails on it, with Python's bytes repr */
	struct arena a;
	arena_init(&a);
	const struct schema *core = st_schema(S, "/schemas/dt-core.yaml");
	cr_assert_not_null(core);
	struct sinst raw = {.kind = SINST_BYTES, .s = "\x01\x02" "a'", .n = 4};
	struct sinst_member m[1] = {{"acme,raw", raw}};
	struct sinst node = {.kind = SINST_OBJECT, .n = 1, .members = m};
	struct strbuf b = {0};
	schema_validate(S, core, &node, collect_msg, &b, &a);
	cr_expect_str_eq(sb_cstr(&b), "b\"\\x01\\x02a'\" is not of type 'object', 'integer', 'array', "
				      "'boolean', 'null'\n", "%s", sb_cstr(&b));
	sb_free(&b);
	arena_free(&a);
}

Test(schema_eval, rarer_keywords)
{
	expect("/rare.yaml", "{\"acme,obj\": {\"a\": true}}",
	       "VALUE acme,obj: {'a': True} does not have enough properties\n");
	expect("/rare.yaml", "{\"acme,name\": [\"abcd\"]}", "VALUE acme,name: 'abcd' is too long\n");
	expect("/rare.yaml", "{\"acme,name\": [\"a\"]}", "VALUE acme,name: 'a' is too short\n");
	/* (the item list also fixed maxItems at 1) */
	expect("/rare.yaml", "{\"acme,name\": [\"ab\", \"cd\"]}",
	       "VALUE acme,name: Additional items are not allowed ('cd' was unexpected)\n"
	       "VALUE acme,name: ['ab', 'cd'] is too long\n");
	expect("/rare.yaml", "{\"acme,excl\": [1]}",
	       "VALUE acme,excl: 1 is less than or equal to the minimum of 1\n");
	expect("/rare.yaml", "{\"acme,excl\": [4]}",
	       "VALUE acme,excl: 4 is greater than or equal to the maximum of 4\n");
	expect("/rare.yaml", "{\"acme,excl\": [2]}", "");
}

static void collect_flags(void *arg, const struct schema_error *e)
{
	sb_printf(arg, "%d", e->disabled_ok);
}

static char *flags(const char *id, const char *json)
{
	struct arena a;
	arena_init(&a);
	struct strbuf b = {0};
	sb_puts(&b, "");
	schema_validate(S, st_schema(S, id), st_inst(&a, json), collect_flags, &b, &a);
	char *r = strdup(sb_cstr(&b));
	sb_free(&b);
	arena_free(&a);
	return r;
}

Test(schema_eval, what_dt_validate_drops_on_disabled_nodes)
{
	/* additionalProperties: kept; required: dropped */
	char *f = flags("/kw.yaml", "{\"compatible\": [\"acme,kw\"], \"reg\": [[1], [2]], \"bogus\": true}");
	cr_expect_str_eq(f, "01");
	free(f);
	/* unevaluatedProperties: dropped */
	f = flags("/uneval.yaml", "{\"compatible\": [\"acme,a\"], \"acme,b-only\": true}");
	cr_expect_str_eq(f, "1");
	free(f);
	/* a oneOf whose branches failed on required: dropped; a value: kept */
	f = flags("/comb.yaml", "{\"compatible\": [\"acme,comb\"]}");
	cr_expect_str_eq(f, "1");
	free(f);
	f = flags("/comb.yaml", "{\"compatible\": [\"acme,comb\"], \"acme,a\": true, \"acme,w\": [[1, 2]]}");
	cr_expect_str_eq(f, "0");
	free(f);
}
