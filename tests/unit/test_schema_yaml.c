/* The schema engine's YAML reader: scalars typed as a YAML 1.2 loader types
 * them, every node's line and column, and broken YAML refused with the
 * place of the fault. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "schema/yaml_tree.h"

static struct arena A;
static char err[256];

static void setup(void)
{
	arena_init(&A);
}

static void teardown(void)
{
	arena_free(&A);
}

TestSuite(schema_yaml, .init = setup, .fini = teardown);

static struct yv *rd(const char *text)
{
	return yaml_read(&A, text, strlen(text), err, sizeof(err));
}

Test(schema_yaml, scalars_typed_as_yaml_1_2)
{
	struct yv *r = rd("%YAML 1.2\n---\na: 12\nb: 0x1f\nc: -3\nd: true\ne: ~\nf: '12'\n"
			  "g: 1.5\nh: yes\ni: 0o17\nj: 0xffffffffffffffff\nk: \"x\"\nl: |\n  t\n");
	cr_assert_not_null(r, "%s", err);
	cr_assert_eq(r->kind, YV_MAP);
	cr_assert_eq(yv_get(r, "a")->kind, YV_INT);
	cr_assert_eq(yv_get(r, "a")->u, 12);
	cr_assert_eq(yv_get(r, "b")->u, 31);
	cr_assert(yv_get(r, "c")->neg && yv_get(r, "c")->u == 3);
	cr_assert(yv_is_true(yv_get(r, "d")));
	cr_assert_eq(yv_get(r, "e")->kind, YV_NULL);
	cr_assert_eq(yv_get(r, "f")->kind, YV_STR, "quoted: a string");
	cr_assert_eq(yv_get(r, "g")->kind, YV_FLOAT);
	cr_assert_eq(yv_get(r, "h")->kind, YV_STR, "YAML 1.2: yes is a string");
	cr_assert_eq(yv_get(r, "i")->u, 15);
	cr_assert_eq(yv_get(r, "j")->u, UINT64_MAX);
	cr_assert_str_eq(yv_get(r, "k")->s, "x");
	cr_assert_str_eq(yv_get(r, "l")->s, "t\n");
}

Test(schema_yaml, lines_and_columns)
{
	struct yv *r = rd("a:\n  - x\n  - {b: 1}\n");
	cr_assert_not_null(r, "%s", err);
	struct yv *a = yv_get(r, "a");
	cr_assert_eq(a->kind, YV_SEQ);
	cr_assert_eq(a->n, 2);
	cr_assert_eq(a->v[0]->line, 2);
	cr_assert_eq(a->v[0]->col, 5);
	cr_assert_eq(a->v[1]->line, 3);
	cr_assert_eq(yv_get(a->v[1], "b")->col, 9);
}

Test(schema_yaml, broken_yaml_says_where)
{
	cr_assert_null(rd("a: [1, 2\nb: 3\n"));
	unsigned l = 0, c = 0;
	cr_assert_eq(sscanf(err, "%u:%u:", &l, &c), 2, "%s", err);
	cr_assert_geq(l, 2, "%s", err);
	cr_assert_null(rd("a: 1\na: 2\n"));
	cr_assert_str_eq(err, "2:1: duplicate key 'a'");
	cr_assert_null(rd("? [1]\n: 2\n"));
	cr_assert(strstr(err, "key must be a scalar"), "%s", err);
}

Test(schema_yaml, aliases_copied_and_bounded)
{
	struct yv *r = rd("a: &x {b: 1}\nc: *x\n");
	cr_assert_not_null(r, "%s", err);
	cr_assert(yv_equal(yv_get(r, "a"), yv_get(r, "c")));
	cr_assert_neq(yv_get(r, "a"), yv_get(r, "c"));
	/* a billion laughs stops at the budget */
	const char *bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
			   "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
			   "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n";
	cr_assert_null(rd(bomb));
	cr_assert(strstr(err, "too many nodes"), "%s", err);
	cr_assert_null(rd("a: &a [*a]\n"));
}

Test(schema_yaml, rewriting)
{
	struct yv *r = rd("a: 1\nb: 2\n");
	cr_assert_not_null(r);
	struct yv *b = yv_take(r, "a");
	cr_assert_eq(b->u, 1);
	cr_assert_eq(r->n, 1);
	yv_set(&A, r, "c", yv_str(&A, "s", 9));
	yv_set(&A, r, "b", yv_int(&A, -4, 9));
	cr_assert_eq(r->n, 2);
	cr_assert(yv_get(r, "b")->neg);
	cr_assert_str_eq(r->v[1]->key, "c");
}

Test(schema_yaml, every_core_schema_reads)
{
	/* dt-schema's own schemas are all YAML */
	const char *files[] = {"types.yaml", "dt-core.yaml", "property-units.yaml", "cpus.yaml"};
	for (size_t i = 0; i < 4; i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/dt-schema/schemas/%s",
			 getenv("CORPUS") ? getenv("CORPUS") : "../shared/corpus", files[i]);
		FILE *f = fopen(path, "rb");
		cr_assert_not_null(f, "%s", path);
		static char buf[1 << 20];
		size_t n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		struct yv *r = yaml_read(&A, buf, n, err, sizeof(err));
		cr_assert_not_null(r, "%s: %s", path, err);
		cr_assert_eq(yv_get(r, "$id")->kind, YV_STR);
	}
}
