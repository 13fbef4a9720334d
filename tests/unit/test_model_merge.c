/* Building and merging the tree as dtc does; the expected DTS texts were
 * checked against `dtc -O dts` on the same inputs. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "model_testutil.h"

#define FILES(...) ((const char *const[]){__VA_ARGS__, NULL})

static void expect_tree(const char *src, const char *want)
{
	struct model *m = model_of(FILES("main.dts", src));
	char *got = dts_of(m);
	char *d = diags_of(m);
	cr_expect_str_eq(got, want, "input:\n%s\ngot:\n%s\nwanted:\n%s", src, got, want);
	cr_expect_str_eq(d, "", "diagnostics:\n%s", d);
	free(got);
	free(d);
	model_free(m);
}

Test(model_merge, repeated_root_and_later_values_replace_in_place)
{
	expect_tree("/dts-v1/;\n/ { a = <1>; b = \"x\"; n { p; }; };\n/ { a = <2>; n { q; }; m { }; };\n",
		    "/dts-v1/;\n\n/ {\n\ta = <0x2>;\n\tb = \"x\";\n\n\tn {\n\t\tp;\n\t\tq;\n\t};\n\n\tm {\n\t};\n};\n");
}

Test(model_merge, label_and_path_overrides)
{
	expect_tree("/dts-v1/;\n/ { l: n { p = <1>; }; };\n&l { p = <2>; };\n&{/n} { q; };\nx: &l { r; };\n",
		    "/dts-v1/;\n\n/ {\n\n\tx: l: n {\n\t\tp = <0x2>;\n\t\tq;\n\t\tr;\n\t};\n};\n");
}

Test(model_merge, deletions_and_revival_in_place)
{
	/* a deleted property comes back where it was when redefined */
	expect_tree("/dts-v1/;\n/ { a; b; c; n { x; }; o { }; };\n"
		    "/ { /delete-property/ b; /delete-node/ n; };\n"
		    "/ { b = <5>; n { y; }; };\n",
		    "/dts-v1/;\n\n/ {\n\ta;\n\tb = <0x5>;\n\tc;\n\n\tn {\n\t\ty;\n\t};\n\n\to {\n\t};\n};\n");
}

Test(model_merge, deletion_inside_a_first_definition_is_inert)
{
	/* dtc applies /delete-property/ only when merging into an existing node */
	expect_tree("/dts-v1/;\n/ { b; /delete-property/ b; c { p; /delete-property/ p; }; };\n",
		    "/dts-v1/;\n\n/ {\n\tb;\n\n\tc {\n\t\tp;\n\t};\n};\n");
}

Test(model_merge, delete_node_by_reference)
{
	expect_tree("/dts-v1/;\n/ { l: n { }; m { }; };\n/delete-node/ &l;\n",
		    "/dts-v1/;\n\n/ {\n\n\tm {\n\t};\n};\n");
}

Test(model_merge, omit_if_no_ref)
{
	struct model *m = model_of(FILES("main.dts",
		"/dts-v1/;\n/ { /omit-if-no-ref/ a: a { }; /omit-if-no-ref/ b: b { }; u { p = <&b>; }; };\n"));
	const struct dtidy_node *root = m->tree.root;
	cr_expect_null(dtidy_resolve(&m->tree, "/a"), "unreferenced node kept");
	const struct dtidy_node *b = dtidy_resolve(&m->tree, "/b");
	cr_assert_not_null(b);
	cr_expect(b->referenced);
	cr_expect_eq(b->phandle, 1);
	cr_expect_str_eq(root->child->name, "b");
	char *dts = dts_of(m);
	/* still printed, marked, so dtc decides the same */
	cr_expect(strstr(dts, "/omit-if-no-ref/ a: a {") != NULL, "%s", dts);
	free(dts);
	model_free(m);
}

Test(model_merge, macros_expand_to_properties_and_nodes)
{
	expect_tree("/dts-v1/;\n#define NODE(n, v) n { reg = <v>; }\n#define PROPS a = <1>; b = <2>;\n"
		    "/ { PROPS NODE(x, 3); };\n",
		    "/dts-v1/;\n\n/ {\n\ta = <0x1>;\n\tb = <0x2>;\n\n\tx {\n\t\treg = <0x3>;\n\t};\n};\n");
}

Test(model_merge, overlay_references_become_fragments)
{
	expect_tree("/dts-v1/;\n/plugin/;\n&ext { s = \"x\"; };\n&{/path} { t; };\n",
		    "/dts-v1/;\n/plugin/;\n\n/ {\n\n\tfragment@0 {\n\t\ttarget = <&ext>;\n\n"
		    "\t\t__overlay__ {\n\t\t\ts = \"x\";\n\t\t};\n\t};\n\n\tfragment@1 {\n"
		    "\t\ttarget-path = \"/path\";\n\n\t\t__overlay__ {\n\t\t\tt;\n\t\t};\n\t};\n};\n");
}

Test(model_merge, unresolved_override_is_reported_at_its_use)
{
	struct model *m = model_of(FILES("main.dts", "/dts-v1/;\n/ { };\n&nope { };\n/ { p = <&gone>; };\n"));
	char *d = diags_of(m);
	cr_expect(strstr(d, "3:1: label or path 'nope' not found [reference]") != NULL, "%s", d);
	/* a reference in a value is the phandle-references rule's to report */
	cr_expect(strstr(d, "'gone'") == NULL, "%s", d);
	free(d);
	model_free(m);
}

Test(model_merge, every_definition_is_located)
{
	struct model *m = model_of(FILES("main.dts",
		"/dts-v1/;\n#include \"s.dtsi\"\n&u { status = \"okay\"; };\n",
		"s.dtsi", "/ {\n\tu: uart { status = \"disabled\"; };\n};\n"));
	const struct dtidy_node *u = dtidy_resolve(&m->tree, "&u");
	cr_assert_not_null(u);
	cr_assert_eq(u->nlocs, 2);
	unsigned line, col;
	dtidy_loc_linecol(u->locs[0], &line, &col);
	cr_expect_str_eq(u->locs[0].file->path, "s.dtsi");
	cr_expect_eq(line, 2);
	cr_expect_eq(col, 5);
	cr_expect_str_eq(u->locs[1].file->path, "main.dts");
	const struct dtidy_prop *p = dtidy_prop_get(u, "status");
	cr_assert_eq(p->nlocs, 2);
	dtidy_loc_linecol(dtidy_prop_loc(p), &line, &col);
	cr_expect_eq(line, 3);
	cr_expect_eq(col, 6);
	cr_expect_str_eq(dtidy_prop_string(p, 0), "okay");
	cr_expect_eq(m->tree.nfiles, 2);
	model_free(m);
}
