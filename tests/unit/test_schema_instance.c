/* The schema family's instance builder: the merged tree as dt-validate
 * decodes it from the DTB (typed by the schemas, rows cut by #*-cells),
 * with every value pointing back at the source that wrote it. Typing comes
 * from a table here, as schema_prop_types would give it. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "model_testutil.h"
#include "rules/schema/instance.h"

#define FILES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- the typing: name -> types, as dt-schema's processed schemas say ---- */

struct typed {
	const char *name;
	struct schema_ptype t[3];
	size_t n;
};

#define INT(b, sh) {.kind = SPT_INT, .bits = (b), .scalar = (sh) == 0, .matrix = (sh) == 2}
#define STR {.kind = SPT_STRING}
#define FLAG {.kind = SPT_FLAG}
#define PHA {.kind = SPT_PHANDLE_ARRAY, .bits = 32, .matrix = 1}

static const struct typed table[] = {
	{"compatible", {STR}, 1},
	{"status", {{.kind = SPT_STRING, .scalar = 1}}, 1},
	{"reg", {INT(32, 2)}, 1},
	{"ranges", {INT(32, 2)}, 1},
	{"#address-cells", {INT(32, 0)}, 1},
	{"#size-cells", {INT(32, 0)}, 1},
	{"#clock-cells", {INT(32, 0)}, 1},
	{"#gpio-cells", {INT(32, 0)}, 1},
	{"#interrupt-cells", {INT(32, 0)}, 1},
	{"interrupt-parent", {{.kind = SPT_PHANDLE, .bits = 32}}, 1},
	{"interrupts", {INT(32, 2)}, 1},
	{"clocks", {PHA}, 1},
	{"reset-gpios", {PHA}, 1},
	{"gpios", {PHA, INT(32, 2)}, 2},
	{"gpio-hog", {FLAG}, 1},
	{"phandle", {INT(32, 0)}, 1},
	{"wakeup-source", {FLAG}, 1},
	{"bytes", {INT(8, 1)}, 1},
	{"halves", {INT(16, 1)}, 1},
	{"wide", {INT(64, 0)}, 1},
	{"either", {STR, INT(32, 1)}, 2},
	{"pairs", {{.kind = SPT_INT, .bits = 32, .matrix = 1, .dim = {{0, 0}, {2, 2}}}}, 1},
	{"signed", {{.kind = SPT_INT, .bits = 32, .scalar = 1, .is_signed = 1}}, 1},
};

static size_t types(void *ud, const char *prop, struct schema_ptype *out, size_t max)
{
	(void)ud;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(table[i].name, prop)) {
			size_t n = table[i].n < max ? table[i].n : max;
			memcpy(out, table[i].t, n * sizeof(*out));
			return table[i].n;
		}
	return 0;
}

/* ---- rendering: JSON-like, as dt-validate would print the instance ---- */

static void render(struct strbuf *b, const struct sinst *v)
{
	switch (v->kind) {
	case SINST_TRUE:
		sb_puts(b, "true");
		break;
	case SINST_INT:
		/* negative only when the instance says it is signed, as the
		 * evaluator reads it (minimum, maximum, enum) */
		if (v->is_signed && (int64_t)v->u < 0)
			sb_printf(b, "%lld", (long long)(int64_t)v->u);
		else
			sb_printf(b, "%#llx", (unsigned long long)v->u);
		break;
	case SINST_STR:
		sb_printf(b, "'%s'", v->s);
		break;
	case SINST_BYTES:
		sb_puts(b, "b'");
		for (size_t i = 0; i < v->n; i++)
			sb_printf(b, "\\x%02x", (unsigned char)v->s[i]);
		sb_putc(b, '\'');
		break;
	case SINST_ARRAY:
		sb_putc(b, '[');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				sb_putc(b, ',');
			render(b, &v->items[i]);
		}
		sb_putc(b, ']');
		break;
	case SINST_OBJECT:
		sb_putc(b, '{');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				sb_putc(b, ',');
			sb_printf(b, "%s:", v->members[i].name);
			render(b, &v->members[i].value);
		}
		sb_putc(b, '}');
		break;
	}
}

struct built {
	struct model *m;
	struct arena a;
	struct sinst_tree t;
};

static void build(struct built *B, const char *const *files)
{
	B->m = model_of(files);
	cr_assert(B->m);
	arena_init(&B->a);
	sinst_build(&B->m->tree, types, NULL, &B->a, &B->t);
}

static void unbuild(struct built *B)
{
	arena_free(&B->a);
	model_free(B->m);
}

static const struct sinst_node *node_named(const struct built *B, const char *name)
{
	for (size_t i = 0; i < B->t.n; i++)
		if (!strcmp(B->t.v[i].node->name, name))
			return &B->t.v[i];
	cr_assert_fail("no node %s", name);
	return NULL;
}

/* A member of a node, rendered. */
static char *member(const struct built *B, const char *node, const char *prop)
{
	const struct sinst *v = sinst_member(node_named(B, node)->self, prop);
	if (!v)
		return strdup("(none)");
	struct strbuf b = {0};
	render(&b, v);
	char *s = strdup(sb_cstr(&b));
	sb_free(&b);
	return s;
}

#define expect_member(B, node, prop, want)                                    \
	do {                                                                  \
		char *got_ = member(B, node, prop);                           \
		cr_expect_str_eq(got_, want, "%s %s", node, prop);            \
		free(got_);                                                   \
	} while (0)

/* "file:line:col" of an instance's origin. */
static char *where(const struct sinst *v)
{
	const struct sorigin *o = sinst_origin(v);
	if (!o || !o->loc.file)
		return strdup("?");
	unsigned line, col;
	dtidy_loc_linecol(o->loc, &line, &col);
	char buf[256];
	snprintf(buf, sizeof(buf), "%s:%u:%u", o->loc.file->path, line, col);
	return strdup(buf);
}

#define expect_where(v, want)                                                 \
	do {                                                                  \
		char *got_ = where(v);                                        \
		cr_expect_str_eq(got_, want);                                 \
		free(got_);                                                   \
	} while (0)

/* ---- tests ---------------------------------------------------------------- */

Test(schema_instance, scalars_strings_flags_and_nodenames)
{
	struct built B;
	build(&B, FILES("b.dts",
		"/dts-v1/;\n/ { compatible = \"acme,board\", \"acme,soc\";\n"
		"  #address-cells = <1>; #size-cells = <1>;\n"
		"  dev@1000 { compatible = \"acme,dev\"; reg = <0x1000 0x100>; wakeup-source;\n"
		"    unknown = <1 2>, <3>; };\n};\n"));
	cr_assert_eq(B.t.n, 2);
	char *root = member(&B, "", "dev@1000");
	/* the parent sees its child without "$nodename", as dt-validate does */
	/* a property no schema types stays bytes, which no JSON type
	 * accepts */
	cr_expect_str_eq(root, "{compatible:['acme,dev'],reg:[[0x1000,0x100]],wakeup-source:true,"
			       "unknown:b'\\x00\\x00\\x00\\x01\\x00\\x00\\x00\\x02\\x00\\x00\\x00\\x03'}");
	const struct sinst *unknown = sinst_member(node_named(&B, "dev@1000")->self, "unknown");
	cr_expect(unknown && sinst_origin(unknown)->untyped);
	cr_expect(!sinst_origin(sinst_member(node_named(&B, "dev@1000")->self, "reg"))->untyped);
	free(root);
	expect_member(&B, "", "#address-cells", "0x1");
	expect_member(&B, "", "$nodename", "['/']");
	expect_member(&B, "dev@1000", "$nodename", "['dev@1000']");
	expect_member(&B, "", "compatible", "['acme,board','acme,soc']");
	unbuild(&B);
}

Test(schema_instance, reg_and_ranges_rows_follow_the_bus)
{
	struct built B;
	build(&B, FILES("b.dts",
		"/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n"
		"  soc { #address-cells = <1>; #size-cells = <1>;\n"
		"    ranges = <0 0 0x10000000 0x1000000>;\n"
		"    dev@1000 { reg = <0x1000 0x100 0x2000 0x10>; };\n"
		"    bus { dev@0 { reg = <0 4>; }; };\n"
		"  };\n"
		"  mem@0 { reg = <0 0 0 0x1000 1 0 0 0x2000>; };\n};\n"));
	expect_member(&B, "dev@1000", "reg", "[[0x1000,0x100],[0x2000,0x10]]");
	expect_member(&B, "mem@0", "reg", "[[0,0,0,0x1000],[0x1,0,0,0x2000]]");
	/* ranges: the parent's address, the node's own address and size */
	expect_member(&B, "soc", "ranges", "[[0,0,0x10000000,0x1000000]]");
	/* a node without #address-cells: dt-validate takes the nearest
	 * ancestor's (soc's 1 + 1), not the spec's defaults */
	expect_member(&B, "dev@0", "reg", "[[0,0x4]]");
	unbuild(&B);
}

Test(schema_instance, phandle_arrays_cut_by_each_providers_cells)
{
	struct built B;
	build(&B, FILES("b.dts",
		"/dts-v1/;\n/ {\n"
		"  a: ca { #clock-cells = <1>; };\n"
		"  b: cb { #clock-cells = <0>; };\n"
		"  dev { clocks = <&a 3 &b &a 4>; };\n"
		"  odd { clocks = <&a 3 7 &b>; };\n};\n"));
	expect_member(&B, "dev", "clocks", "[[0x1,0x3],[0x2],[0x1,0x4]]");
	/* the 7 names no provider: dt-validate stops there and drops the rest */
	expect_member(&B, "odd", "clocks", "[[0x1,0x3]]");
	unbuild(&B);
}

Test(schema_instance, interrupts_by_the_interrupt_parents_cells)
{
	struct built B;
	build(&B, FILES("b.dts",
		"/dts-v1/;\n/ { interrupt-parent = <&gic>;\n"
		"  gic: intc { #interrupt-cells = <3>; };\n"
		"  pic: pic { #interrupt-cells = <2>; };\n"
		"  dev { interrupts = <0 1 4 0 2 4>; };\n"
		"  other { interrupt-parent = <&pic>; interrupts = <5 1 6 1>; };\n};\n"));
	expect_member(&B, "dev", "interrupts", "[[0,0x1,0x4],[0,0x2,0x4]]");
	expect_member(&B, "other", "interrupts", "[[0x5,0x1],[0x6,0x1]]");
	unbuild(&B);
}

Test(schema_instance, gpios_cut_by_the_controllers_cells_but_not_in_hogs)
{
	struct built B;
	build(&B, FILES("b.dts",
		"/dts-v1/;\n/ {\n"
		"  gpio: g { #gpio-cells = <2>;\n"
		"    hog { gpio-hog; gpios = <1 0 2 0>; }; };\n"
		"  dev { reset-gpios = <&gpio 1 0 &gpio 2 1>; };\n};\n"));
	expect_member(&B, "dev", "reset-gpios", "[[0x1,0x1,0],[0x1,0x2,0x1]]");
	/* "gpios" in a node named *hog* is a uint32 matrix, left whole */
	expect_member(&B, "hog", "gpios", "[[0x1,0,0x2,0]]");
	unbuild(&B);
}

Test(schema_instance, widths_come_from_the_schema_type)
{
	struct built B;
	build(&B, FILES("b.dts",
		"/dts-v1/;\n/ { bytes = [01 02 ff]; halves = /bits/ 16 <1 0xffff>;\n"
		"  wide = /bits/ 64 <0x100000000>; signed = <(-5)>;\n"
		"  n { bytes = <0x01020304>; }; };\n"));
	expect_member(&B, "", "bytes", "[0x1,0x2,0xff]");
	expect_member(&B, "", "halves", "[0x1,0xffff]");
	expect_member(&B, "", "wide", "0x100000000");
	expect_member(&B, "", "signed", "-5");
	cr_expect(sinst_member(node_named(&B, "")->self, "signed")->is_signed);
	cr_expect(!sinst_member(node_named(&B, "")->self, "wide")->is_signed);
	/* written in 32-bit cells: dt-validate reads the DTB's bytes */
	expect_member(&B, "n", "bytes", "[0x1,0x2,0x3,0x4]");
	unbuild(&B);
}

Test(schema_instance, several_types_strings_or_cells_as_written)
{
	struct built B;
	build(&B, FILES("b.dts",
		"/dts-v1/;\n/ { a { either = \"one\", \"two\"; }; b { either = <1 2>; };\n"
		"  c { gpios = <1 2>; }; };\n"));
	expect_member(&B, "a", "either", "['one','two']");
	expect_member(&B, "b", "either", "[0x1,0x2]");
	unbuild(&B);
}

Test(schema_instance, fixed_dimensions_make_the_rows)
{
	struct built B;
	build(&B, FILES("b.dts", "/dts-v1/;\n/ { pairs = <1 2 3 4 5 6>; };\n"));
	expect_member(&B, "", "pairs", "[[0x1,0x2],[0x3,0x4],[0x5,0x6]]");
	unbuild(&B);
}

Test(schema_instance, disabled_is_inherited_until_a_status_says_otherwise)
{
	struct built B;
	build(&B, FILES("b.dts",
		"/dts-v1/;\n/ { a { status = \"disabled\"; b { c { }; }; d { status = \"okay\"; }; };\n"
		"  e { }; };\n"));
	cr_expect_eq(node_named(&B, "a")->disabled, 1);
	cr_expect_eq(node_named(&B, "c")->disabled, 1);
	cr_expect_eq(node_named(&B, "d")->disabled, 0);
	cr_expect_eq(node_named(&B, "e")->disabled, 0);
	cr_expect_eq(node_named(&B, "")->disabled, 0);
	unbuild(&B);
}

Test(schema_instance, origins_point_at_the_definition_that_holds)
{
	struct built B;
	build(&B, FILES("b.dts",
		"/dts-v1/;\n#include \"soc.dtsi\"\n&uart {\n\tstatus = \"okay\";\n"
		"\tclocks = <&clk 7>;\n};\n/ {\n\tmodel = \"m\";\n};\n",
		"inc/soc.dtsi",
		"/ {\n\tclk: clk { #clock-cells = <1>; };\n"
		"\tuart: serial@1000 {\n\t\tcompatible = \"acme,uart\";\n"
		"\t\tclocks = <&clk 1>;\n\t\tstatus = \"disabled\";\n\t};\n"
		"\tquiet: i2c { status = \"disabled\"; };\n};\n"));
	const struct sinst *uart = node_named(&B, "serial@1000")->self;
	/* the compatible is the .dtsi's, never overridden */
	expect_where(sinst_member(uart, "compatible"), "inc/soc.dtsi:4:3");
	expect_where(&sinst_member(uart, "compatible")->items[0], "inc/soc.dtsi:4:16");
	/* the board's override holds the clocks: the row, the cell */
	const struct sinst *clocks = sinst_member(uart, "clocks");
	cr_assert_eq(clocks->n, 1);
	expect_where(&clocks->items[0], "b.dts:5:12");
	expect_where(&clocks->items[0].items[1], "b.dts:5:17");
	/* the board turned the node on: findings about the node go there */
	expect_where(uart, "b.dts:3:1");
	/* a node only the .dtsi defines is found there */
	expect_where(node_named(&B, "i2c")->self, "inc/soc.dtsi:8:9");
	/* the root the .dtsi opened first is the board's to complete */
	expect_where(node_named(&B, "")->self, "b.dts:7:1");
	unbuild(&B);
}

Test(schema_instance, a_name_property_dtc_deletes_is_not_there)
{
	struct built B;
	build(&B, FILES("b.dts", "/dts-v1/;\n/ { memory@0 { name = \"memory\"; }; cpu { name = \"cpux\"; }; };\n"));
	expect_member(&B, "memory@0", "name", "(none)");
	/* a name that differs is an error dtc reports, and stays */
	expect_member(&B, "cpu", "name", "b'\\x63\\x70\\x75\\x78\\x00'");
	unbuild(&B);
}

Test(schema_instance, hidden_nodes_are_left_out)
{
	struct built B;
	build(&B, FILES("b.dts", "/dts-v1/;\n/ { __symbols__ { a = \"/x\"; }; x { }; };\n"));
	cr_expect_eq(B.t.n, 2);
	expect_member(&B, "", "__symbols__", "(none)");
	unbuild(&B);
}

Test(schema_instance, a_name_property_dtc_removes_is_left_out)
{
	/* dtc's name_properties check removes "name" when it holds the node's
	 * name, so the DTB dt-validate reads has none; another value stays */
	struct built B;
	build(&B, FILES("b.dts", "/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n"
				 "  memory@0 { name = \"memory\"; compatible = \"memory\"; reg = <0 1>; };\n"
				 "  other { name = \"else\"; };\n};\n"));
	expect_member(&B, "memory@0", "name", "(none)");
	expect_member(&B, "memory@0", "compatible", "['memory']");
	char *kept = member(&B, "other", "name");
	cr_expect_str_neq(kept, "(none)");
	free(kept);
	unbuild(&B);
}

Test(schema_instance, integers_their_size_does_not_fit_are_listed)
{
	/* "wide" is a uint64: 4 bytes are read by dtb.py's size fallback after
	 * a decode error (listed); 12 bytes fit nothing and stay bytes (the
	 * evaluator rejects them; not listed); an untyped property neither */
	struct built B;
	build(&B, FILES("b.dts", "/dts-v1/;\n/ {\n  a { wide = <1 2 3>; };\n  b { wide = <5>; };\n"
				 "  c { wide = /bits/ 64 <5>; nothing = <1 2 3>; };\n};\n"));
	const struct sinst_node *a = node_named(&B, "a"), *b = node_named(&B, "b"),
				*c = node_named(&B, "c");
	cr_expect_eq(a->nmisfit, 0);
	cr_assert_eq(b->nmisfit, 1);
	cr_expect_str_eq(b->misfit[0]->name, "wide");
	expect_member(&B, "b", "wide", "0x5");
	cr_expect_eq(c->nmisfit, 0);
	unbuild(&B);
}
