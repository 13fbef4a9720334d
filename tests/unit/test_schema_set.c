/* The schema set: the whole corpus of binding documents with dt-schema's
 * core schemas loads without a warning; broken documents, $refs to nowhere
 * and $ref cycles are each one warning at their file and line, the rest of
 * the set unharmed; selection and the property-type map answer as
 * dt-validate's; the cache answers as a fresh build, sees every change and
 * never trusts a damaged file. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "schema/set_image.h"
#include "schema_testutil.h"

#define HDR(name)                                                                   \
	"$id: http://devicetree.org/schemas/test/" name ".yaml#\n"                 \
	"$schema: http://devicetree.org/meta-schemas/core.yaml#\ntitle: t\n"

/* The corpus set, through a cache in the build directory: built by the
 * first test that needs it, mapped by the others. */
static struct schema_set *corpus_set(struct diag_list *w)
{
	char cache[512];
	snprintf(cache, sizeof(cache), "%s/schema-cache", getenv("BUILD") ? getenv("BUILD") : "build");
	struct schema_load_opts o = {st_bindings_dir(), st_core_dir(), cache};
	char why[256];
	struct schema_set *s = schema_set_load(&o, w, why, sizeof(why));
	cr_assert_not_null(s, "%s", why);
	return s;
}

Test(schema_set, whole_corpus_loads_without_warnings)
{
	struct diag_list w = {0};
	struct schema_set *s = corpus_set(&w);
	for (size_t i = 0; i < w.n; i++)
		cr_expect(0, "%s:%u: %s", w.v[i].file, w.v[i].line, w.v[i].message);
	/* every binding with an $id, and dt-schema's core schemas */
	cr_expect_geq(s->ndocs, 5500);
	cr_expect_not_null(st_schema(s, "/schemas/types.yaml"));
	cr_expect_not_null(st_schema(s, "/schemas/serial/snps-dw-apb-uart.yaml"));
	/* every $ref of every document resolves */
	for (uint32_t i = 0; i < s->nnodes; i++)
		if (s->nodes[i].kw == KW_REF && s->nodes[i].kind == SN_STR)
			cr_expect(s->nodes[i].b, "unresolved $ref %s", sset_str(s, s->nodes[i].a));
	diag_list_free(&w);
	schema_set_free(s);
}

static void type_is(const struct schema_set *s, const char *prop, enum schema_ptype_kind k,
		    unsigned bits, int matrix, int scalar)
{
	struct schema_ptype t[4];
	size_t n = schema_prop_types(s, prop, t, 4);
	cr_assert_geq(n, 1, "%s has no type", prop);
	cr_expect_eq(t[0].kind, k, "%s: kind %d", prop, t[0].kind);
	cr_expect_eq(t[0].bits, bits, "%s: bits %u", prop, t[0].bits);
	cr_expect_eq(t[0].matrix, matrix, "%s: matrix", prop);
	cr_expect_eq(t[0].scalar, scalar, "%s: scalar", prop);
}

Test(schema_set, property_types_as_dt_validate_decodes)
{
	struct schema_set *s = corpus_set(NULL);
	type_is(s, "clocks", SPT_PHANDLE_ARRAY, 0, 1, 0);
	type_is(s, "reg", SPT_INT, 32, 1, 0);
	type_is(s, "compatible", SPT_STRING, 0, 0, 0);
	type_is(s, "status", SPT_STRING, 0, 0, 1);
	type_is(s, "gpio-controller", SPT_FLAG, 0, 0, 0);
	type_is(s, "assigned-clock-rates", SPT_INT, 32, 0, 0);
	/* pattern types: *-supply, *-gpios, #*-cells, unit suffixes */
	type_is(s, "vdd-supply", SPT_PHANDLE, 0, 0, 1);
	type_is(s, "reset-gpios", SPT_PHANDLE_ARRAY, 0, 1, 0);
	type_is(s, "#foo-cells", SPT_INT, 32, 0, 1);
	struct schema_ptype t[4];
	cr_assert_eq(schema_prop_types(s, "acme,level-microvolt", t, 4), 1);
	cr_expect(t[0].kind == SPT_INT && t[0].is_signed && t[0].matrix);
	/* two types for one name, both kept */
	cr_expect_eq(schema_prop_types(s, "clock-frequency", t, 4), 2);
	cr_expect_eq(schema_prop_types(s, "acme,no-such-property", t, 4), 0);
	schema_set_free(s);
}

static size_t selected(const struct schema_set *s, const char *json, const char **ids, size_t max)
{
	struct arena a;
	arena_init(&a);
	const struct schema *out[64];
	size_t n = schema_select(s, st_inst(&a, json), out, 64, &a);
	for (size_t i = 0; i < n && i < max; i++)
		ids[i] = schema_id(out[i]);
	arena_free(&a);
	return n;
}

static int has_id(const char **ids, size_t n, const char *suffix)
{
	for (size_t i = 0; i < n; i++) {
		size_t m = strlen(ids[i]), k = strlen(suffix);
		if (m >= k && !strcmp(ids[i] + m - k, suffix))
			return 1;
	}
	return 0;
}

Test(schema_set, selection_by_compatible_and_select)
{
	struct schema_set *s = corpus_set(NULL);
	const char *ids[64];
	size_t n = selected(s, "{\"compatible\": [\"snps,dw-apb-uart\"], \"$nodename\": [\"serial@1000\"]}",
			    ids, 64);
	cr_expect(has_id(ids, n, "/serial/snps-dw-apb-uart.yaml"));
	cr_expect(has_id(ids, n, "/dt-core.yaml"), "select: true");
	/* serial.yaml selects by node name */
	cr_expect(has_id(ids, n, "/serial.yaml"));
	cr_expect(!has_id(ids, n, "/cpus.yaml"));
	/* the first documented compatible string chooses, as dt-validate does */
	n = selected(s, "{\"compatible\": [\"acme,unknown\", \"snps,dw-apb-uart\"], "
			"\"$nodename\": [\"serial@1000\"]}", ids, 64);
	cr_expect(has_id(ids, n, "/serial/snps-dw-apb-uart.yaml"));
	n = selected(s, "{\"$nodename\": [\"cpus\"]}", ids, 64);
	cr_expect(has_id(ids, n, "/cpus.yaml"));
	cr_expect(!has_id(ids, n, "/serial/snps-dw-apb-uart.yaml"));
	cr_expect(schema_compatible_documented(s, "snps,dw-apb-uart"));
	cr_expect(!schema_compatible_documented(s, "acme,unknown"));
	schema_set_free(s);
}

Test(schema_set, real_binding_document)
{
	struct schema_set *s = corpus_set(NULL);
	const char *ok = "{\"compatible\": [\"snps,dw-apb-uart\"], \"reg\": [[2150825984, 256]], "
			 "\"clock-frequency\": 3686400, \"interrupts\": [[10]], \"reg-shift\": 2, "
			 "\"reg-io-width\": 4, \"dcd-override\": true, \"$nodename\": [\"serial@80230000\"]}";
	char *got = st_check(s, "/serial/snps-dw-apb-uart.yaml", ok);
	cr_expect_str_eq(got, "", "%s", got);
	free(got);
	got = st_check(s, "/serial/snps-dw-apb-uart.yaml",
		       "{\"compatible\": [\"snps,dw-apb-uart\"], \"interrupts\": [[10]], "
		       "\"clock-frequency\": 3686400, \"$nodename\": [\"serial@80230000\"], "
		       "\"acme,bogus\": [[1]]}");
	cr_expect_str_eq(got, "REQUIRED reg: 'reg' is a required property\n"
			      "UNEXPECTED acme,bogus: Unevaluated properties are not allowed "
			      "('acme,bogus' was unexpected)\n", "%s", got);
	free(got);
	cr_expect_str_eq(schema_prop_description(s, st_schema(s, "/serial/snps-dw-apb-uart.yaml"),
						 "dcd-override"),
			 "Override the DCD modem status signal. This signal will always be reported "
			 "as active instead of being obtained from the modem status register. "
			 "Define this if your serial port does not use this pin.");
	schema_set_free(s);
}

static int has_warning(const struct diag_list *w, const char *file_suffix, unsigned line,
		       const char *text)
{
	for (size_t i = 0; i < w->n; i++) {
		size_t m = strlen(w->v[i].file), k = strlen(file_suffix);
		if (m >= k && !strcmp(w->v[i].file + m - k, file_suffix) && w->v[i].line == line &&
		    strstr(w->v[i].message, text) && !strcmp(w->v[i].rule, "schema-load"))
			return 1;
	}
	return 0;
}

Test(schema_set, broken_documents_warn_once_and_the_rest_works)
{
	struct st_tree t = {0};
	st_tree_new(&t);
	st_put(&t, "Bindings/bad/notyaml.yaml", HDR("notyaml") "properties:\n  a: [1, 2\n");
	st_put(&t, "Bindings/bad/nowhere.yaml",
	       HDR("nowhere") "properties:\n  compatible:\n    const: acme,nowhere\n"
	       "  acme,x:\n    $ref: /schemas/test/missing.yaml#\n");
	st_put(&t, "Bindings/bad/cycle.yaml",
	       HDR("cycle") "properties:\n  compatible:\n    const: acme,cycle\n"
	       "$defs:\n  a:\n    $ref: '#/$defs/b'\n  b:\n    allOf:\n      - $ref: '#/$defs/a'\n"
	       "allOf:\n  - $ref: '#/$defs/a'\n");
	st_put(&t, "Bindings/bad/self.yaml", HDR("self") "$ref: '#'\n");
	st_put(&t, "Bindings/good.yaml",
	       HDR("good") "properties:\n  compatible:\n    const: acme,good\nrequired: [compatible]\n");
	struct diag_list w = {0};
	struct schema_set *s = st_load(&t, 0, &w);
	cr_expect(has_warning(&w, "/notyaml.yaml", 6, "not YAML"));
	cr_expect(has_warning(&w, "/nowhere.yaml", 8, "$ref '/schemas/test/missing.yaml#' goes nowhere"));
	cr_expect(has_warning(&w, "/cycle.yaml", 12, "makes a cycle"));
	cr_expect(has_warning(&w, "/self.yaml", 4, "makes a cycle"));
	cr_expect_eq(w.n, 4);
	/* evaluating them ends; the good document works */
	char *got = st_check(s, "/cycle.yaml", "{\"compatible\": [\"acme,cycle\"]}");
	cr_expect_str_eq(got, "");
	free(got);
	got = st_check(s, "/self.yaml", "{}");
	cr_expect_str_eq(got, "");
	free(got);
	got = st_check(s, "/nowhere.yaml", "{\"compatible\": [\"acme,nowhere\"], \"acme,x\": [[1]]}");
	cr_expect_str_eq(got, "");
	free(got);
	got = st_check(s, "/good.yaml", "{}");
	cr_expect_str_eq(got, "REQUIRED compatible: 'compatible' is a required property\n");
	free(got);
	cr_expect_null(st_schema(s, "/notyaml.yaml"));
	diag_list_free(&w);
	schema_set_free(s);
	st_tree_free(&t);
}

Test(schema_set, no_core_schemas_says_why)
{
	struct schema_load_opts o = {st_bindings_dir(), "/nonexistent/schemas", NULL};
	char why[256];
	cr_expect_null(schema_set_load(&o, NULL, why, sizeof(why)));
	cr_expect(strstr(why, "/nonexistent/schemas"), "%s", why);
}

/* One set, shared by check threads: the same answers from every thread
 * (patterns are compiled on first use by whichever thread gets there). */
struct job {
	const struct schema_set *set;
	char *out;
};

static void *run_job(void *arg)
{
	struct job *j = arg;
	j->out = st_check(j->set, "/serial/snps-dw-apb-uart.yaml",
			  "{\"compatible\": [\"snps,dw-apb-uart\"], \"interrupts\": [[10]], "
			  "\"$nodename\": [\"uart@1\"], \"acme,x\": true, \"pinctrl-0\": [[1]], "
			  "\"reg-io-width\": 3}");
	return NULL;
}

Test(schema_set, threads_share_one_set)
{
	struct schema_set *s = corpus_set(NULL);
	pthread_t th[4];
	struct job jobs[4];
	for (int i = 0; i < 4; i++) {
		jobs[i].set = s;
		cr_assert(pthread_create(&th[i], NULL, run_job, &jobs[i]) == 0);
	}
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	cr_expect(strstr(jobs[0].out, "'reg' is a required property"), "%s", jobs[0].out);
	cr_expect(strstr(jobs[0].out, "'uart@1' does not match '^serial(@.*)?$'"), "%s", jobs[0].out);
	for (int i = 1; i < 4; i++)
		cr_expect_str_eq(jobs[i].out, jobs[0].out);
	for (int i = 0; i < 4; i++)
		free(jobs[i].out);
	schema_set_free(s);
}
