/* Finding nodes by label, path and phandle, while the tree is built (the
 * label index) and in the finished tree (dtidy_resolve and
 * dtidy_node_by_phandle, through the tree's index); the trees that dtc
 * builds from the same inputs are quoted where they decide a case. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_testutil.h"

#define FILES(...) ((const char *const[]){__VA_ARGS__, NULL})

static const char *path_of(const struct dtidy_node *n)
{
	static char buf[256];
	return n ? dtidy_node_path(n, buf, sizeof(buf)) : "(none)";
}

Test(model_lookup, duplicate_label_resolves_to_the_first_in_tree_order)
{
	/* /a/y gets the label after /b/x has it, but comes first in the
	 * tree: dtc -f puts "marked" in /a/y */
	struct model *m = model_of(FILES("main.dts",
		"/dts-v1/;\n/ { a { }; b { l: x { }; }; };\n&{/a} { l: y { }; };\n&l { marked; };\n"));
	const struct dtidy_node *y = dtidy_resolve(&m->tree, "/a/y");
	cr_assert_not_null(y);
	cr_expect_not_null(dtidy_prop_get(y, "marked"));
	cr_expect_null(dtidy_prop_get(dtidy_resolve(&m->tree, "/b/x"), "marked"));
	cr_expect_str_eq(path_of(dtidy_resolve(&m->tree, "l")), "/a/y");
	cr_expect_str_eq(path_of(dtidy_resolve(&m->tree, "&l")), "/a/y");
	model_free(m);
}

Test(model_lookup, label_of_a_deleted_node_is_gone_even_when_the_node_returns)
{
	/* dtc: "Label or path l not found" at the last line */
	struct model *m = model_of(FILES("main.dts",
		"/dts-v1/;\n/ { l: n { }; m { }; };\n/delete-node/ &l;\n/ { n { }; };\n&l { p; };\n"));
	char *d = diags_of(m);
	cr_expect(strstr(d, "5:1: label or path 'l' not found [reference]") != NULL, "%s", d);
	cr_expect_null(dtidy_resolve(&m->tree, "l"));
	cr_expect_not_null(dtidy_resolve(&m->tree, "/n"));
	free(d);
	model_free(m);
}

Test(model_lookup, label_added_by_an_override_is_found_afterwards)
{
	/* dtc: x: n { p; phandle = <0x01>; }; and q = <0x01> */
	struct model *m = model_of(FILES("main.dts",
		"/dts-v1/;\n/ { n { }; };\nx: &{/n} { };\n&x { p; };\n/ { q = <&x>; };\n"));
	char *d = diags_of(m);
	cr_expect_str_eq(d, "");
	const struct dtidy_node *n = dtidy_resolve(&m->tree, "x");
	cr_assert_not_null(n);
	cr_expect_str_eq(path_of(n), "/n");
	cr_expect_not_null(dtidy_prop_get(n, "p"));
	cr_expect_eq(n->phandle, 1);
	cr_expect_eq(dtidy_node_by_phandle(&m->tree, 1), n);
	free(d);
	model_free(m);
}

Test(model_lookup, labels_inside_a_merged_child_and_label_paths)
{
	struct model *m = model_of(FILES("main.dts",
		"/dts-v1/;\n/ { s: soc { }; };\n/ { soc { u: uart@1 { k { }; }; }; };\n"
		"&u { status = \"okay\"; };\n/ { r = <&u>, <&{s/uart@1/k}>; };\n"));
	char *d = diags_of(m);
	cr_expect_str_eq(d, "");
	const struct dtidy_node *u = dtidy_resolve(&m->tree, "u");
	cr_expect_str_eq(path_of(u), "/soc/uart@1");
	cr_expect_not_null(dtidy_prop_get(u, "status"));
	cr_expect_str_eq(path_of(dtidy_resolve(&m->tree, "s/uart@1/k")), "/soc/uart@1/k");
	const struct dtidy_node *k = dtidy_resolve(&m->tree, "/soc/uart@1/k");
	cr_assert_not_null(k);
	cr_expect_eq(u->phandle, 1);
	cr_expect_eq(k->phandle, 2);
	cr_expect_eq(dtidy_node_by_phandle(&m->tree, 2), k);
	cr_expect_null(dtidy_node_by_phandle(&m->tree, 3));
	cr_expect_null(dtidy_resolve(&m->tree, "nope"));
	free(d);
	model_free(m);
}

Test(model_lookup, many_references_to_one_late_label)
{
	/* every reference resolves, to the one phandle */
	size_t cap = 1 << 20, n = 0;
	char *s = malloc(cap);
	n += (size_t)snprintf(s + n, cap - n, "/dts-v1/;\n/ {\n");
	for (int i = 0; i < 2000; i++)
		n += (size_t)snprintf(s + n, cap - n, "\td%d { p = <&late>; };\n", i);
	snprintf(s + n, cap - n, "\tlate: late { };\n};\n");
	struct model *m = model_of(FILES("main.dts", s));
	char *d = diags_of(m);
	cr_expect_str_eq(d, "");
	const struct dtidy_node *late = dtidy_resolve(&m->tree, "late");
	cr_assert_not_null(late);
	cr_expect_eq(late->phandle, 1);
	const struct dtidy_node *last = dtidy_resolve(&m->tree, "/d1999");
	uint32_t v = 0;
	cr_expect(dtidy_prop_u32(dtidy_prop_get(last, "p"), 0, &v));
	cr_expect_eq(v, 1);
	free(d);
	free(s);
	model_free(m);
}
