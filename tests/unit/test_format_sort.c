/* format --sort through the formatter's API: what moves, what is refused
 * (with a note at the node), and the model comparison that guards it. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "formatter/format.h"
#include "parser/model/model.h"

static char *sorted(const char *in, struct fmt_result *r)
{
	struct fmt_options o;
	fmt_options_default(&o);
	o.sort = 1;
	fmt_buffer(in, strlen(in), &o, r);
	cr_assert_eq(r->status, FMT_OK);
	return r->text;
}

Test(format_sort, properties_and_nodes_move_with_their_comments)
{
	struct fmt_result r;
	/* at the root, children go by name (7.4): c@2 after b@1 */
	const char *t = sorted("/dts-v1/;\n/ {\n\tc@2 { reg = <2>; };\n"
			       "\t/* one */\n\tb@1 {\n\t\tstatus = \"okay\";\n"
			       "\t\tcompatible = \"x\"; // trailing\n\t};\n};\n", &r);
	cr_assert_str_eq(t, "/dts-v1/;\n\n/ {\n\t/* one */\n\tb@1 {\n"
			    "\t\tcompatible = \"x\"; // trailing\n\n\t\tstatus = \"okay\";\n\t};\n\n"
			    "\tc@2 {\n\t\treg = <2>;\n\t};\n};\n");
	cr_assert_eq(r.nnotes, 0);
	fmt_result_free(&r);
}

/* dt-check-style 7.4: the root's children by name only, whatever their
 * unit address; model first in the root, device_type first elsewhere. */
Test(format_sort, root_by_name_model_first)
{
	struct fmt_result r;
	const char *t = sorted("/dts-v1/;\n\n/ {\n\tcompatible = \"v,b\";\n\tmodel = \"B\";\n\n"
			       "\tsoc@1000 {\n\t\tb@2 {\n\t\t};\n\n\t\ta@1 {\n\t\t};\n\t};\n\n"
			       "\tmemory@80000000 {\n\t\tcompatible = \"m\";\n"
			       "\t\tdevice_type = \"memory\";\n\t};\n};\n", &r);
	cr_assert_str_eq(t, "/dts-v1/;\n\n/ {\n\tmodel = \"B\";\n\tcompatible = \"v,b\";\n\n"
			    "\tmemory@80000000 {\n\t\tdevice_type = \"memory\";\n"
			    "\t\tcompatible = \"m\";\n\t};\n\n"
			    "\tsoc@1000 {\n\t\ta@1 {\n\t\t};\n\n\t\tb@2 {\n\t\t};\n\t};\n};\n");
	fmt_result_free(&r);
}

Test(format_sort, refused_node_keeps_its_order_and_gets_a_note)
{
	struct fmt_result r;
	const char *in = "/dts-v1/;\n\n/ {\n\tn {\n\t\tb = <1>;\n\t\ta = <1>;\n"
			 "\t\tb = <2>;\n\t};\n\n\tm {\n\t\tz;\n\t\ty;\n\t};\n};\n";
	const char *t = sorted(in, &r);
	cr_assert_str_eq(t, "/dts-v1/;\n\n/ {\n\tm {\n\t\ty;\n\t\tz;\n\t};\n\n"
			    "\tn {\n\t\tb = <1>;\n\t\ta = <1>;\n\t\tb = <2>;\n\t};\n};\n");
	cr_assert_eq(r.nnotes, 1);
	cr_assert_eq(r.notes[0].start, (uint32_t)(strstr(in, "n {") - in));
	cr_assert(strstr(r.notes[0].msg, "'b' is written twice"), "%s", r.notes[0].msg);
	fmt_result_free(&r);
}

Test(format_sort, merged_nodes_and_macro_names_are_refused)
{
	struct fmt_result r;
	sorted("/dts-v1/;\n/ {\n\tz { a = <1>; };\n\ty { };\n\tz { a = <2>; };\n};\n", &r);
	cr_assert_eq(r.nnotes, 1);
	cr_assert(strstr(r.notes[0].msg, "node 'z' is written twice"), "%s", r.notes[0].msg);
	fmt_result_free(&r);
	sorted("/dts-v1/;\n/ {\n\tn {\n\t\tPROP_B = <1>;\n\t\tPROP_A = <2>;\n\t};\n};\n", &r);
	cr_assert_eq(r.nnotes, 1);
	cr_assert(strstr(r.notes[0].msg, "may be a macro"), "%s", r.notes[0].msg);
	cr_assert_eq(r.changed, 1);	/* formatted all the same */
	fmt_result_free(&r);
}

Test(format_sort, a_blank_line_comes_before_status)
{
	struct fmt_result r;
	const char *t = sorted("/dts-v1/;\n/ {\n\tn {\n\t\tstatus = \"okay\";\n"
			       "\t\t/* the port */\n\t\tcompatible = \"x\";\n\t};\n};\n", &r);
	cr_assert_str_eq(t, "/dts-v1/;\n\n/ {\n\tn {\n\t\t/* the port */\n"
			    "\t\tcompatible = \"x\";\n\n\t\tstatus = \"okay\";\n\t};\n};\n");
	fmt_result_free(&r);
}

Test(format_sort, sorting_twice_changes_nothing)
{
	struct fmt_result r1, r2;
	const char *t = sorted("/dts-v1/;\n/ {\n\tstatus = \"okay\";\n\treg = <1>;\n\n"
			       "\tcompatible = \"q\";\n\tc { x; };\n\tb@10 { };\n\ta { };\n"
			       "\tb@9 { };\n};\n", &r1);
	cr_assert_eq(r1.changed, 1);
	sorted(t, &r2);
	cr_assert_eq(r2.changed, 0, "%s", r2.text);
	fmt_result_free(&r1);
	fmt_result_free(&r2);
}

static int same(const char *a, const char *b, char **why)
{
	struct model_opts mo = {0};
	return fmt_same_model("/nonexistent/t.dts", a, strlen(a), b, strlen(b), &mo, why);
}

Test(format_sort, models_equal_when_only_order_and_phandle_numbers_differ)
{
	char *why = NULL;
	int rc = same("/dts-v1/;\n/ {\n\ta: a { };\n\tb: b { };\n\td { x = <&a &b>; };\n};\n",
		      "/dts-v1/;\n/ {\n\td { x = <&a &b>; };\n\tb: b { };\n\ta: a { };\n};\n",
		      &why);
	cr_assert_eq(rc, 0, "%s", why ? why : "");
}

Test(format_sort, models_differ_on_a_value_a_label_or_a_reference)
{
	char *why = NULL;
	cr_assert_eq(same("/dts-v1/;\n/ { n { a = <1>; a = <2>; }; };\n",
			  "/dts-v1/;\n/ { n { a = <2>; a = <1>; }; };\n", &why), -1);
	cr_assert(why && strstr(why, "a"), "%s", why ? why : "");
	free(why);
	why = NULL;
	cr_assert_eq(same("/dts-v1/;\n/ { l: n { }; m { }; };\n",
			  "/dts-v1/;\n/ { n { }; l: m { }; };\n", &why), -1);
	free(why);
	why = NULL;
	cr_assert_eq(same("/dts-v1/;\n/ { a: a { }; b: b { }; d { x = <&a>; }; };\n",
			  "/dts-v1/;\n/ { a: a { }; b: b { }; d { x = <&b>; }; };\n", &why), -1);
	free(why);
}
