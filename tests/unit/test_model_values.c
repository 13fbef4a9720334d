/* Values and queries of the model. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "model_testutil.h"

#define FILES(...) ((const char *const[]){__VA_ARGS__, NULL})

Test(model_values, cells_expressions_and_widths)
{
	struct model *m = model_of(FILES("main.dts",
		"/dts-v1/;\n#define SPI 0\n#define F(x) ((x) << 4 | 1)\n"
		"/ { a = <F(2) (10 / 3) (-1) ('A') (1 ? 2 : 3) (7 % 4) 010 0x10>;\n"
		"    b = /bits/ 8 <0xff (-1)>, /bits/ 64 <0x100000000>;\n"
		"    c = \"s\\t\\x41\\101\", [0a 0B], <SPI>; };\n"));
	const struct dtidy_node *r = m->tree.root;
	const struct dtidy_prop *a = dtidy_prop_get(r, "a");
	cr_assert_eq(dtidy_prop_cells(a, NULL, 0), 8);
	const uint32_t want[] = {0x21, 3, 0xffffffff, 65, 2, 3, 8, 16};
	for (size_t i = 0; i < 8; i++) {
		uint32_t v;
		cr_assert(dtidy_prop_u32(a, i, &v));
		cr_expect_eq(v, want[i], "cell %zu: %u", i, v);
	}
	const struct dtidy_prop *b = dtidy_prop_get(r, "b");
	cr_assert_eq(b->nchunks, 2);
	cr_expect_eq(b->chunks[0].bits, 8);
	cr_expect_eq(b->chunks[0].cells[1].val, 0xff);
	cr_expect_eq(b->chunks[1].bits, 64);
	cr_expect_eq(b->chunks[1].cells[0].val, 0x100000000ull);
	cr_expect_eq(dtidy_prop_cells(b, NULL, 0), -1);
	const struct dtidy_prop *c = dtidy_prop_get(r, "c");
	cr_assert_eq(c->nchunks, 3);
	cr_expect_str_eq(c->chunks[0].data, "s\tAA");
	cr_expect_eq(c->chunks[1].kind, DTIDY_CHUNK_BYTES);
	cr_expect_eq(c->chunks[1].n, 2);
	cr_expect_eq((unsigned char)c->chunks[1].data[1], 0x0b);
	cr_expect_eq(dtidy_prop_nstrings(c), -1);
	char *d = diags_of(m);
	cr_expect_str_eq(d, "");
	free(d);
	model_free(m);
}

Test(model_values, evaluation_errors)
{
	struct model *m = model_of(FILES("main.dts",
		"/dts-v1/;\n/ { a = <(1 / 0)>; b = /bits/ 8 <256>; c = /bits/ 7 <1>; d = <UNDEFINED>; };\n"));
	char *d = diags_of(m);
	cr_expect(strstr(d, "2:11: division by zero [eval]") != NULL, "%s", d);
	cr_expect(strstr(d, "value out of range for a 8-bit array element [eval]") != NULL, "%s", d);
	cr_expect(strstr(d, "must be 8, 16, 32 or 64 bits [eval]") != NULL, "%s", d);
	cr_expect(strstr(d, "'UNDEFINED' is not a defined macro") != NULL, "%s", d);
	free(d);
	model_free(m);
}

Test(model_values, macro_tokens_point_at_the_macro_use)
{
	struct model *m = model_of(FILES("main.dts",
		"/dts-v1/;\n#include <h.h>\n/ { p = <BAD>; };\n",
		"inc/h.h", "#define BAD (1 / 0)\n"));
	char *d = diags_of(m);
	cr_expect(strstr(d, "3:10: division by zero [eval]") != NULL, "%s", d);
	free(d);
	model_free(m);
}

Test(model_values, phandles_references_and_paths)
{
	struct model *m = model_of(FILES("main.dts",
		"/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <0>;\n"
		"  gic: intc { interrupt-controller; #interrupt-cells = <3>; };\n"
		"  ex: explicit { phandle = <7>; };\n"
		"  soc { interrupt-parent = <&gic>; dev@10 { reg = <0x10>; p = &ex, <&ex &gic>; }; };\n};\n"));
	const struct dtidy_tree *t = &m->tree;
	const struct dtidy_node *gic = dtidy_resolve(t, "gic");
	const struct dtidy_node *dev = dtidy_resolve(t, "/soc/dev@10");
	cr_assert_not_null(gic);
	cr_assert_not_null(dev);
	cr_expect_eq(gic->phandle, 1);
	cr_expect_eq(dtidy_node_by_phandle(t, 7), dtidy_resolve(t, "&ex"));
	cr_expect_eq(dtidy_interrupt_parent(t, dev), gic);
	cr_expect_eq(dtidy_node_u32(gic, "#interrupt-cells"), 3);
	cr_expect_eq(dtidy_node_address_cells(dev), 2);	/* soc has no #address-cells */
	cr_expect_eq(dtidy_node_address_cells(dtidy_resolve(t, "/soc")), 1);
	cr_expect_eq(dtidy_node_size_cells(dtidy_resolve(t, "/soc")), 0);
	cr_expect_str_eq(dev->basename, "dev");
	cr_expect_str_eq(dev->unit, "10");
	char path[64];
	cr_expect_str_eq(dtidy_node_path(dev, path, sizeof(path)), "/soc/dev@10");
	const struct dtidy_prop *p = dtidy_prop_get(dev, "p");
	cr_expect_eq(p->chunks[0].kind, DTIDY_CHUNK_PATH);
	cr_expect_str_eq(p->chunks[0].data, "/explicit");
	cr_expect_eq(p->chunks[1].cells[0].val, 7);
	cr_expect_str_eq(p->chunks[1].cells[1].ref, "gic");
	cr_expect_eq(p->chunks[1].cells[1].val, 1);
	/* the generated phandle property is part of the tree */
	cr_expect_eq(dtidy_node_u32(gic, "phandle"), 1);
	cr_expect(gic->referenced);
	model_free(m);
}

Test(model_values, compatible)
{
	struct model *m = model_of(FILES("main.dts",
		"/dts-v1/;\n/ { hypervisor { compatible = \"xen,xen-4.2\", \"xen,xen\"; }; };\n"));
	const struct dtidy_node *h = dtidy_resolve(&m->tree, "/hypervisor");
	cr_expect(dtidy_node_is_compatible(h, "xen,xen"));
	cr_expect_not(dtidy_node_is_compatible(h, "xen"));
	const struct dtidy_prop *c = dtidy_prop_get(h, "compatible");
	cr_expect_eq(dtidy_prop_nstrings(c), 2);
	unsigned line, col;
	dtidy_loc_linecol(dtidy_prop_string_loc(c, 1), &line, &col);
	cr_expect_eq(col, 46);
	model_free(m);
}
