/* Every registered rule has help text with an example (a bad and a good
 * one), and a bad and a good tree in rule_cases.c that the engine judges
 * as such: the bad one gives at least one finding of the rule, the good
 * one none, and neither has a syntax error. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rule_cases.h"
#include "dt_testutil.h"
#include "rules/engine.h"
#include "rules/context.h"
#include "rules/registry.h"

/* dt-schema's core schemas, for the schema family's cases */
static const char *core_schemas(void)
{
	static char buf[4096];
	const char *corpus = getenv("CORPUS");
	snprintf(buf, sizeof(buf), "%s/dt-schema/schemas", corpus && *corpus ? corpus
									  : "../shared/corpus");
	return buf;
}

/* The one binding of the cases (see rule_cases.h): complete enough for
 * every rule of the schema family to have something to find. */
#define ACME_UART_YAML                                                        \
	"%YAML 1.2\n---\n"                                                     \
	"$id: http://devicetree.org/schemas/serial/acme,uart.yaml#\n"          \
	"$schema: http://devicetree.org/meta-schemas/core.yaml#\n\n"            \
	"title: Acme UART\n\nmaintainers:\n  - A Person <a@example.com>\n\n"   \
	"properties:\n"                                                         \
	"  $nodename:\n    pattern: '^serial(@.*)?$'\n"                          \
	"  compatible:\n    const: acme,uart\n"                                 \
	"  reg:\n    maxItems: 1\n"                                             \
	"  acme,fifo-depth:\n"                                                  \
	"    $ref: /schemas/types.yaml#/definitions/uint32\n"                   \
	"    enum: [16, 32]\n"                                                  \
	"  acme,rts:\n    type: boolean\n"                                      \
	"  acme,rts-delay:\n"                                                   \
	"    $ref: /schemas/types.yaml#/definitions/uint32\n"                   \
	"  acme,old-speed:\n"                                                   \
	"    $ref: /schemas/types.yaml#/definitions/uint32\n"                   \
	"    deprecated: true\n\n"                                              \
	"required:\n  - compatible\n  - reg\n\n"                                \
	"dependentRequired:\n  acme,rts-delay: [ 'acme,rts' ]\n\n"               \
	"additionalProperties: false\n"

static void put(const char *root, const char *rel, const char *text)
{
	cr_assert(write_tree_file(root, rel, text) == 0, "cannot write %s/%s", root, rel);
}

/* Findings of `rule` on text checked as src/arm/board.dts, with the small
 * Bindings/ of rule_cases.h beside src/; *unplaced (when not NULL) counts
 * those that do not say which node they are about. */
static int count(const char *rule, const char *text, int syntax_ok, int *unplaced)
{
	char root[] = "/tmp/dtidy-cases-XXXXXX";
	cr_assert(mkdtemp(root));
	put(root, "Bindings/vendor-prefixes.yaml",
	    "patternProperties:\n  \"^acme,.*\":\n    description: Acme Corp.\n");
	put(root, "Bindings/serial/acme,uart.yaml", ACME_UART_YAML);
	put(root, "src/arm/board.dts", text);
	char path[128];
	snprintf(path, sizeof(path), "%s/src/arm/board.dts", root);

	char *enable[] = {(char *)rule};
	struct engine_opts eo = {.level = 2, .enable = enable, .nenable = 1, .no_auto_include = 1,
				 .schemas = core_schemas()};
	struct diag_list errs = {0};
	struct engine *e = engine_new(&eo, &errs);
	cr_assert(e, "engine_new failed for %s", rule);
	struct engine_input in = {.path = path};
	struct engine_result res;
	engine_check(e, &in, &res);
	int n = 0;
	for (size_t i = 0; i < res.diags.n; i++) {
		cr_expect(syntax_ok || strcmp(res.diags.v[i].rule, "syntax") != 0,
			  "%s: syntax error in test input: %s", rule, res.diags.v[i].message);
		if (strcmp(res.diags.v[i].rule, rule) == 0) {
			n++;
			if (unplaced && !res.diags.v[i].node)
				(*unplaced)++;
		}
	}
	engine_result_free(&res);
	engine_free(e);
	diag_list_free(&errs);
	char cmd[200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	cr_expect(system(cmd) == 0);
	return n;
}

Test(rule_coverage, every_rule_has_help_with_an_example)
{
	size_t n;
	const struct dtidy_rule *const *rules = registry_rules(&n);
	cr_assert(n > 100, "the registry holds %zu rules", n);
	for (size_t i = 0; i < n; i++) {
		const char *h = rules[i]->help;
		cr_expect(h && strlen(h) > 40, "%s: no help text", rules[i]->id);
		if (h)
			cr_expect(strstr(h, "Bad") && strstr(h, "Good"),
				  "%s: help has no bad and good example", rules[i]->id);
		cr_expect(rules[i]->description && rules[i]->description[0], "%s: no description",
			  rules[i]->id);
	}
}

Test(rule_coverage, every_rule_has_a_bad_and_a_good_case)
{
	size_t n;
	const struct dtidy_rule *const *rules = registry_rules(&n);
	for (size_t i = 0; i < n; i++) {
		int found = 0;
		for (size_t k = 0; k < rule_ncases && !found; k++)
			found = !strcmp(rule_cases[k].rule, rules[i]->id);
		cr_expect(found, "%s: no bad/good case in rule_cases.c", rules[i]->id);
	}
	/* and no case for a rule that does not exist */
	for (size_t k = 0; k < rule_ncases; k++) {
		int found = 0;
		for (size_t i = 0; i < n && !found; i++)
			found = !strcmp(rule_cases[k].rule, rules[i]->id);
		cr_expect(found, "rule_cases.c: '%s' is not a registered rule", rule_cases[k].rule);
	}
}

/* A model-based rule: one that reads the merged tree, not the text. */
static int model_based(const char *id)
{
	size_t n;
	const struct dtidy_rule *const *rules = registry_rules(&n);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rules[i]->id, id))
			return rules[i]->check && !(rules[i]->flags & RULE_READS_SOURCE);
	return 0;
}

/* DESIGN.md: JSON diagnostics from model-based rules carry the node (and
 * the property when the finding is about one), so the bad cases of those
 * rules must name their node (dtidy_report_node, dtidy_report_prop or
 * dtidy_report_subject). */
Test(rule_coverage, bad_cases_report_and_good_cases_do_not)
{
	for (size_t k = 0; k < rule_ncases; k++) {
		const struct rule_case *c = &rule_cases[k];
		/* an unclosed comment is also a syntax error */
		int syntax_ok = !strcmp(c->rule, "unclosed-block-comment");
		int unplaced = 0;
		cr_expect(count(c->rule, c->bad, syntax_ok, &unplaced) > 0,
			  "%s: bad case not reported", c->rule);
		cr_expect(unplaced == 0 || !model_based(c->rule),
			  "%s: %d finding(s) without a node (set the subject)", c->rule, unplaced);
		cr_expect(count(c->rule, c->good, 0, NULL) == 0, "%s: good case reported", c->rule);
	}
}
