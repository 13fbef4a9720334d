/* What the model keeps for an editor (model_opts.record): every label and
 * reference with its place in whichever file wrote it and the node it
 * names in the finished tree, and the preprocessor's record of macro
 * definitions, uses (with what each became) and includes. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "model_testutil.h"

#define FILES(...) ((const char *const[]){__VA_ARGS__, NULL})

static const char *const kinds[] = {"label", "other-label", "override", "phandle",
				    "path", "delete", "omit"};

/* "file:line:col" of a place */
static void place(struct strbuf *b, struct dtidy_loc loc)
{
	unsigned line, col;
	dtidy_loc_linecol(loc, &line, &col);
	sb_printf(b, "%s:%u:%u+%u", loc.file ? loc.file->path : "-", line, col,
		  loc.end - loc.start);
}

/* One line per xref: "kind name file:line:col+len [macro] -> /path" */
static char *xrefs_of(const struct model *m)
{
	size_t n;
	const struct model_xref *x = model_xrefs(m, &n);
	struct strbuf b = {0};
	for (size_t i = 0; i < n; i++) {
		sb_printf(&b, "%s %s ", kinds[x[i].kind], x[i].name);
		place(&b, x[i].loc);
		if (!x[i].verbatim)
			sb_puts(&b, " [macro]");
		char path[256];
		sb_printf(&b, " -> %s\n", x[i].node ? dtidy_node_path(x[i].node, path, sizeof(path))
						     : "(none)");
	}
	char *s = xstrdup(sb_cstr(&b));
	sb_free(&b);
	return s;
}

Test(model_xref, labels_and_references_across_files)
{
	struct model *m = model_recorded(FILES(
		"board.dts", "/dts-v1/;\n#include \"soc.dtsi\"\n&uart0 {\n\tstatus = \"okay\";\n};\n"
			     "/ { chosen { stdout-path = &uart0; }; x { p = <&intc 1>; }; };\n",
		"inc/soc.dtsi", "/ {\n\tintc: ic { };\n\tsoc {\n\t\tuart0: serial@1000 { "
				"interrupt-parent = <&intc>; };\n\t};\n};\n"));
	char *got = xrefs_of(m);
	cr_expect_str_eq(got,
			 "label intc inc/soc.dtsi:2:2+4 -> /ic\n"
			 "label uart0 inc/soc.dtsi:4:3+5 -> /soc/serial@1000\n"
			 "phandle intc inc/soc.dtsi:4:44+5 -> /ic\n"
			 "override uart0 board.dts:3:1+6 -> /soc/serial@1000\n"
			 "path uart0 board.dts:6:28+6 -> /soc/serial@1000\n"
			 "phandle intc board.dts:6:48+5 -> /ic\n",
			 "%s", got);
	free(got);
	model_free(m);
}

Test(model_xref, nodes_resolve_in_the_finished_tree)
{
	/* a label added by an override, a path reference, a deleted node
	 * and a reference that names nothing */
	struct model *m = model_recorded(FILES("main.dts",
		"/dts-v1/;\n/ { n { }; gone: g { }; };\nx: &{/n} { };\n"
		"/delete-node/ &gone;\n/ { q = <&x>, <&nope>; };\n"));
	char *got = xrefs_of(m);
	cr_expect_str_eq(got,
			 "label gone main.dts:2:12+4 -> (none)\n"
			 "override /n main.dts:3:4+5 -> /n\n"
			 "label x main.dts:3:1+1 -> /n\n"
			 "delete gone main.dts:4:15+5 -> (none)\n"
			 "phandle x main.dts:5:10+2 -> /n\n"
			 "phandle nope main.dts:5:16+5 -> (none)\n",
			 "%s", got);
	free(got);
	model_free(m);
}

Test(model_xref, a_reference_a_macro_wrote_points_at_the_macro_use)
{
	struct model *m = model_recorded(FILES("main.dts",
		"/dts-v1/;\n#define PARENT &ic\n/ { ic: i { }; d { p = <PARENT>; lbl: q; }; };\n"));
	char *got = xrefs_of(m);
	cr_expect_str_eq(got,
			 "label ic main.dts:3:5+2 -> /i\n"
			 "phandle ic main.dts:3:25+6 [macro] -> /i\n"
			 "other-label lbl main.dts:3:34+3 -> (none)\n",
			 "%s", got);
	free(got);
	model_free(m);
}

Test(model_xref, nothing_is_kept_without_record)
{
	struct model *m = model_of(FILES("main.dts", "/dts-v1/;\n#define A 1\n/ { l: n { p = <A>; }; };\n"));
	size_t n;
	model_xrefs(m, &n);
	cr_expect_eq(n, 0);
	const struct pp_record *r = model_pp_record(m);
	cr_expect_eq(r->ndefs + r->nuses + r->nincs, 0);
	model_free(m);
}

static const char *file_of(const struct model *m, uint32_t f)
{
	return f < m->tree.nfiles ? m->tree.files[f]->path : "-";
}

Test(model_xref, macro_definitions_uses_and_expansions)
{
	struct model *m = model_recorded(FILES(
		"main.dts", "/dts-v1/;\n#include <irq.h>\n#define CELL(a, b) ((a) << 4 | SPI(b))\n"
			    "#if LEVEL > 2\n#endif\n/ { i = <SPI(3) CELL(1, SPI(2))>; };\n",
		"inc/irq.h", "#define LEVEL 4\n#define SPI(x) (x + 32)\n#define VA(f, ...) f(__VA_ARGS__)\n"));
	const struct pp_record *r = model_pp_record(m);
	struct strbuf b = {0};
	for (size_t i = 0; i < r->ndefs; i++)
		sb_printf(&b, "def %s%s = %s @%s:%u\n", r->defs[i].name,
			  r->defs[i].params ? r->defs[i].params : "", r->defs[i].body,
			  file_of(m, r->defs[i].file), r->defs[i].start);
	for (size_t i = 0; i < r->nuses; i++) {
		const struct pp_macro_use *u = &r->uses[i];
		const char *text = m->tree.files[u->file]->text;
		sb_printf(&b, "use %.*s -> %s [%s]\n", (int)(u->end - u->start), text + u->start,
			  u->expansion ? u->expansion : "(none)", r->defs[u->def].name);
	}
	for (size_t i = 0; i < r->nincs; i++)
		sb_printf(&b, "inc %.*s -> %s\n", (int)(r->incs[i].end - r->incs[i].start),
			  m->tree.files[r->incs[i].file]->text + r->incs[i].start,
			  r->incs[i].target >= 0 ? file_of(m, (uint32_t)r->incs[i].target) : "?");
	cr_expect_str_eq(sb_cstr(&b),
			 "def CELL(a, b) = ((a) << 4 | SPI(b)) @main.dts:35\n"
			 "def LEVEL = 4 @inc/irq.h:8\n"
			 "def SPI(x) = (x + 32) @inc/irq.h:24\n"
			 "def VA(f, ...) = f(__VA_ARGS__) @inc/irq.h:48\n"
			 "use LEVEL -> (none) [LEVEL]\n"
			 "use SPI(3) -> (3 + 32) [SPI]\n"
			 "use CELL(1, SPI(2)) -> ((1) << 4 | ((2 + 32) + 32)) [CELL]\n"
			 "use SPI(2) -> (2 + 32) [SPI]\n"
			 "inc <irq.h> -> inc/irq.h\n",
			 "%s", sb_cstr(&b));
	sb_free(&b);
	size_t n;
	const char *const *dirs = model_incdirs(m, &n);
	cr_expect(n == 1 && !strcmp(dirs[0], "inc"));
	model_free(m);
}

Test(model_xref, a_header_read_twice_is_recorded_once)
{
	struct model *m = model_recorded(FILES(
		"main.dts", "/dts-v1/;\n#include \"a.h\"\n#include \"a.h\"\n/include/ \"b.dtsi\"\n/ { };\n",
		"a.h", "#define A 1\n", "b.dtsi", "/ { };\n"));
	const struct pp_record *r = model_pp_record(m);
	cr_expect_eq(r->ndefs, 1);
	cr_expect_eq(r->nincs, 3);
	cr_expect(r->nincs == 3 && r->incs[2].raw && r->incs[2].target >= 0 &&
		  !strcmp(file_of(m, (uint32_t)r->incs[2].target), "b.dtsi"));
	model_free(m);
}

/* ---- every Linux board of the corpus ---- */

static int label_spelled(const struct model_xref *x)
{
	const char *t = x->loc.file->text + x->loc.start;
	size_t n = strlen(x->name);
	return x->loc.end - x->loc.start == n && !memcmp(t, x->name, n) &&
	       x->loc.end < x->loc.file->len && x->loc.file->text[x->loc.end] == ':';
}

static int ref_spelled(const struct model_xref *x)
{
	const char *t = x->loc.file->text + x->loc.start;
	size_t len = x->loc.end - x->loc.start, n = strlen(x->name);
	if (len == n + 1)
		return t[0] == '&' && !memcmp(t + 1, x->name, n);
	return len == n + 3 && t[0] == '&' && t[1] == '{' && !memcmp(t + 2, x->name, n) &&
	       t[n + 2] == '}';
}

/* Every label and reference of every board, recorded where it is written
 * (or at the macro use that wrote it); every reference that resolves
 * names a live node; every macro use and #include where its text is. */
Test(model_xref, corpus_boards)
{
	const char *corpus = getenv("CORPUS") && *getenv("CORPUS") ? getenv("CORPUS")
								  : "../shared/corpus";
	char list[4096];
	snprintf(list, sizeof(list), "%s/linux-toplevel.txt", corpus);
	FILE *f = fopen(list, "r");
	if (!f)
		cr_skip_test("no corpus at %s", corpus);
	char line[1024];
	size_t boards = 0, xrefs = 0, uses = 0, incs = 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!*line)
			continue;
		char path[2048];
		snprintf(path, sizeof(path), "%s/%s", corpus, line);
		struct model_opts o = {.auto_include = 1, .record = 1};
		struct model *m = model_build(path, &o);
		boards++;
		size_t n;
		const struct model_xref *x = model_xrefs(m, &n);
		for (size_t i = 0; i < n; i++, xrefs++) {
			cr_assert_not_null(x[i].loc.file, "%s: %s without a place", line, x[i].name);
			if (!x[i].verbatim)
				continue;
			int label = x[i].kind == MODEL_XREF_LABEL || x[i].kind == MODEL_XREF_OTHER_LABEL;
			cr_expect(label ? label_spelled(&x[i]) : ref_spelled(&x[i]),
				  "%s: %s not spelled at %s:%u", line, x[i].name, x[i].loc.file->path,
				  x[i].loc.start);
		}
		const struct pp_record *r = model_pp_record(m);
		for (size_t i = 0; i < r->nuses; i++, uses++) {
			const struct pp_macro_use *u = &r->uses[i];
			const struct dtidy_file *df = m->tree.files[u->file];
			const char *name = r->defs[u->def].name;
			cr_expect(u->end <= df->len && u->start < u->end &&
					  !strncmp(df->text + u->start, name, strlen(name)),
				  "%s: use of %s not at its name in %s:%u", line, name, df->path, u->start);
		}
		for (size_t i = 0; i < r->nincs; i++, incs++) {
			const struct pp_include *in = &r->incs[i];
			const struct dtidy_file *df = m->tree.files[in->file];
			char c = df->text[in->start];
			cr_expect(in->target >= 0 && (c == '"' || c == '<'),
				  "%s: include at %s:%u not a found name", line, df->path, in->start);
		}
		model_free(m);
	}
	fclose(f);
	cr_expect_gt(boards, 100);
	cr_log_info("%zu boards: %zu labels and references, %zu macro uses, %zu includes", boards,
		    xrefs, uses, incs);
}
