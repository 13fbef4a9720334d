/* Kernel-style rules about names and values: label-style, node-name,
 * status-okay, and unused-labels-dts across a whole board. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/source.h"
#include "core/strbuf.h"
#include "lexer/lexer.h"
#include "parser/parser.h"
#include "rules/context.h"
#include "style_testutil.h"

Test(label_style, bad_and_good)
{
	EXPECT_STYLE("label-style",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tUART0: serial@1000 { };\n"
		     "\tmyLed: led { };\n"
		     "};\n",
		     "3:2: label 'UART0' should use only lower-case letters, digits and '_'\n"
		     "4:2: label 'myLed' should use only lower-case letters, digits and '_'\n");
	EXPECT_STYLE("label-style",
		     "/dts-v1/;\n/ {\n\tuart0: serial@1000 { };\n\tsd_card: mmc { };\n};\n", "");
}

Test(node_name_style, bad_and_good)
{
	EXPECT_STYLE("node-name",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tsd_card@2000 { };\n"
		     "\tLED-1 { };\n"
		     "\tacme,widget { };\n"
		     "};\n",
		     "3:2: node name 'sd_card' should use only lower-case letters, digits and '-'\n"
		     "4:2: node name 'LED-1' should use only lower-case letters, digits and '-'\n"
		     "5:2: node name 'acme,widget' should use only lower-case letters, digits and '-'\n");
	EXPECT_STYLE("node-name",
		     "/dts-v1/;\n/ {\n\tmmc@2000 { };\n\tled-1 { };\n\tserial@ABC { };\n};\n", "");
}

Test(status_okay, bad_good_and_fix)
{
	const char *bad = "/dts-v1/;\n/ {\n\tstatus = \"ok\";\n\tn {\n\t\tstatus = \"ok\";\n\t};\n};\n";
	EXPECT_STYLE("status-okay", bad,
		     "3:11: status \"ok\" should be \"okay\"\n"
		     "5:12: status \"ok\" should be \"okay\"\n");
	EXPECT_STYLE("status-okay",
		     "/dts-v1/;\n/ {\n\tstatus = \"okay\";\n\tlabel = \"ok\";\n};\n", "");
	char *fixed = style_fixed("status-okay", "board.dts", bad);
	cr_expect_str_eq(fixed,
			 "/dts-v1/;\n/ {\n\tstatus = \"okay\";\n\tn {\n\t\tstatus = \"okay\";\n\t};\n};\n");
	free(fixed);
}

/* unused-labels needs the model's list of files; it is given one here
 * directly, so the test does not depend on how includes are searched. */
struct board {
	struct dt_tokens toks;
	struct arena arena;
	struct cst_file cst;
	struct source *src;
	struct rule_source rs;
	struct dtidy_file files[3];
	const struct dtidy_file *fileptrs[3];
	struct dtidy_tree tree;
	struct rule_state st;
	struct report_list out;
};

extern const struct dtidy_rule dtidy_rule_unused_labels_dts;

static char *unused_labels(const char *path, const char *main_text, const char *dtsi,
			   const char *header)
{
	struct board *b = calloc(1, sizeof(*b));
	b->src = source_from_mem(path, main_text, strlen(main_text));
	dt_lex(b->src->text, b->src->len, &b->toks);
	arena_init(&b->arena);
	dt_parse(&b->cst, b->src->text, b->toks.v, b->toks.n, &b->arena);
	b->rs = (struct rule_source){b->src, b->toks.v, b->toks.n, &b->cst, NULL};
	const char *texts[3] = {main_text, dtsi, header};
	const char *names[3] = {path, "soc.dtsi", "include/soc.h"};
	for (int i = 0; i < 3; i++) {
		b->files[i] = (struct dtidy_file){names[i], texts[i], strlen(texts[i])};
		b->fileptrs[i] = &b->files[i];
	}
	b->tree.files = b->fileptrs;
	b->tree.nfiles = 3;
	b->st.enabled = 1;
	b->st.severity = DTIDY_SEV_WARNING;
	struct dtidy_ctx ctx = {
		.tree = &b->tree, .path = path, .rule = &dtidy_rule_unused_labels_dts,
		.state = &b->st, .out = &b->out, .source = &b->rs,
	};
	dtidy_rule_unused_labels_dts.check(&ctx);
	struct strbuf sb = {0};
	for (size_t i = 0; i < b->out.n; i++) {
		unsigned line, col;
		source_linecol(b->src, b->out.v[i]->loc.start, &line, &col);
		sb_printf(&sb, "%u:%u: %s\n", line, col, b->out.v[i]->message);
	}
	report_list_free(&b->out);
	free(b->cst.errors);
	arena_free(&b->arena);
	dt_tokens_free(&b->toks);
	source_free(b->src);
	free(b);
	return sb.s ? sb.s : strdup("");
}

static const char board_text[] = "/dts-v1/;\n"
				 "#include \"soc.dtsi\"\n"
				 "/ {\n"
				 "\tchosen {\n"
				 "\t\tstdout-path = &uart_out;\n"
				 "\t};\n"
				 "\tled_power: led-0 { };\n"
				 "\tled_disk: led-1 { };\n"
				 "\tled_net: led-2 { };\n"
				 "\tled_wifi: led-3 { };\n"
				 "\tuart_out: serial { };\n"
				 "\tregs: regulators { };\n"
				 "};\n"
				 "&{regs/vcc} {\n"
				 "};\n";

Test(unused_labels, resolved_across_the_board)
{
	char *got = unused_labels("board.dts", board_text,
				  "/ {\n\ttrigger = <&led_disk>;\n};\n",
				  "#define NET_LED &led_net\n");
	cr_expect_str_eq(got,
			 "7:2: label 'led_power' defined but never &-referenced\n"
			 "10:2: label 'led_wifi' defined but never &-referenced\n");
	free(got);
}

Test(unused_labels, never_on_a_dtsi_or_overlay)
{
	char *got = unused_labels("soc.dtsi", board_text, "", "");
	cr_expect_str_eq(got, "");
	free(got);
	got = unused_labels("extra.dtso", board_text, "", "");
	cr_expect_str_eq(got, "");
	free(got);
}

Test(style_family, off_by_default_on_with_style_kernel)
{
	const char *text = "/dts-v1/;\n/ {\n\tstatus = \"ok\";\n};\n";
	char *got = style_run_config("level: 0\n", "status-okay", "board.dts", text);
	cr_expect_str_eq(got, "");
	free(got);
	/* dtidy's own rule: in stricter mode only, or named */
	got = style_run_config("style: kernel\n", "status-okay", "board.dts", text);
	cr_expect_str_eq(got, "");
	free(got);
	got = style_run_config("style: {mode: stricter}\n", "status-okay", "board.dts", text);
	cr_expect_str_eq(got, "3:11: status \"ok\" should be \"okay\"\n");
	free(got);
	got = style_run_config("style: kernel\nrules:\n  status-okay: on\n", "status-okay",
			       "board.dts", text);
	cr_expect_str_eq(got, "3:11: status \"ok\" should be \"okay\"\n");
	free(got);
	got = style_run_config("style: kernel\nrules:\n  status-okay: off\n", "status-okay",
			       "board.dts", text);
	cr_expect_str_eq(got, "");
	free(got);
}
