/* What a finding is about (dtidy_report_subject and its helpers): the
 * node and property a report names, as the engine later prints them in
 * JSON and SARIF. The rule context is made by hand, as the engine makes it
 * for one rule on one tree. */
#include <criterion/criterion.h>
#include <string.h>

#include "model_testutil.h"
#include "rules/context.h"

static const char *const board[] = {
	"board.dts",
	"/dts-v1/;\n"
	"/ {\n"
	"\tsoc {\n"
	"\t\tuart@1000 {\n"
	"\t\t\tcompatible = \"acme,uart\";\n"
	"\t\t};\n"
	"\t};\n"
	"};\n",
	NULL,
};

static const struct dtidy_rule rule = {
	.api_version = DTIDY_RULE_API_VERSION, .id = "test-rule", .family = "test",
	.severity = DTIDY_SEV_WARNING, .description = "a rule for tests",
};

struct fixture {
	struct model *m;
	struct rule_state st;
	struct report_list out;
	struct dtidy_ctx ctx;
	const struct dtidy_node *uart;
	const struct dtidy_prop *compat;
};

static void setup(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	f->m = model_of(board);
	cr_assert(f->m && f->m->tree.root);
	f->st.enabled = 1;
	f->st.severity = DTIDY_SEV_WARNING;
	f->ctx.tree = &f->m->tree;
	f->ctx.path = "board.dts";
	f->ctx.rule = &rule;
	f->ctx.state = &f->st;
	f->ctx.out = &f->out;
	f->uart = dtidy_resolve(&f->m->tree, "/soc/uart@1000");
	cr_assert(f->uart);
	f->compat = dtidy_prop_get(f->uart, "compatible");
	cr_assert(f->compat);
}

static void teardown(struct fixture *f)
{
	report_list_free(&f->out);
	model_free(f->m);
}

Test(report_subject, a_property_implies_its_node)
{
	struct fixture f;
	setup(&f);
	struct dtidy_report *r = dtidy_report(&f.ctx, dtidy_prop_loc(f.compat), "x");
	dtidy_report_subject(r, NULL, f.compat);
	cr_expect_eq(r->node, f.uart);
	cr_expect_eq(r->prop, f.compat);
	/* a later call replaces the subject */
	dtidy_report_subject(r, f.uart, NULL);
	cr_expect_eq(r->node, f.uart);
	cr_expect_null(r->prop);
	dtidy_report_subject(NULL, f.uart, f.compat);	/* no report: nothing happens */
	teardown(&f);
}

Test(report_subject, report_node_and_report_prop_place_and_name)
{
	struct fixture f;
	setup(&f);
	struct dtidy_report *n = dtidy_report_node(&f.ctx, f.uart, "node %d", 1);
	cr_expect_eq(n->node, f.uart);
	cr_expect_null(n->prop);
	cr_expect_eq(n->loc.start, dtidy_node_loc(f.uart).start);
	cr_expect_str_eq(n->message, "node 1");
	struct dtidy_report *p = dtidy_report_prop(&f.ctx, NULL, f.compat, "prop %s", "c");
	cr_expect_eq(p->node, f.uart);
	cr_expect_eq(p->prop, f.compat);
	cr_expect_eq(p->loc.start, dtidy_prop_loc(f.compat).start);
	cr_expect_str_eq(p->message, "prop c");
	cr_expect_eq(f.out.n, 2);
	teardown(&f);
}

Test(report_subject, a_missing_property_by_name)
{
	struct fixture f;
	setup(&f);
	struct dtidy_report *r = dtidy_report_node(&f.ctx, f.uart, "'clocks' is required");
	rule_report_subject_name(r, f.uart, "clocks");
	cr_expect_eq(r->node, f.uart);
	cr_expect_null(r->prop);
	cr_expect_str_eq(r->prop_name, "clocks");
	/* a subject with a property of the tree replaces the name */
	dtidy_report_subject(r, NULL, f.compat);
	cr_expect_null(r->prop_name);
	cr_expect_eq(r->prop, f.compat);
	teardown(&f);
}
