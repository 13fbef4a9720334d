/* The schema family's one validation of a tree, shared by its rules: each
 * node's instance (instance.h) validated against every schema that selects
 * it, as dt-validate does, and each error turned into a finding at the
 * source line to fix. The rules (schema_*.c) report the findings of their
 * kind. */
#ifndef DTIDY_SCHEMA_FINDINGS_H
#define DTIDY_SCHEMA_FINDINGS_H

#include "include/dtidy/rule.h"
#include "schema/schema.h"

struct sfinding {
	enum schema_error_kind kind;
	struct dtidy_loc loc;			/* where it is reported */
	struct dtidy_loc scope;			/* a node's body in loc's file (file NULL: none) */
	const struct dtidy_node *node;		/* what it is about */
	const struct dtidy_prop *prop;		/* a property in the tree, or NULL */
	const char *name;			/* a property or child named, maybe not in the tree */
	const char *message;			/* complete, naming the schema */
	/* a property no schema types (dt-core.yaml rejects its undecoded
	 * bytes): schema-undocumented-property's, not schema-value's */
	int undocumented;
};

/* Reports this check's findings of one kind with the running rule (of
 * SE_VALUE: those with `undocumented` as given). */
void schema_report_kind(struct dtidy_ctx *ctx, enum schema_error_kind kind, int undocumented);

/* Whether dt-validate would validate this tree: a board or an overlay,
 * not a .dtsi (or header) checked alone, whose findings come through the
 * boards that include it. */
int schema_tree_validated(const struct dtidy_tree *t);

/* The schema set this check validates with, or NULL (the family is off). */
const struct schema_set *schema_ctx_set(struct dtidy_ctx *ctx);

/* The help text's line about where the schemas come from, for the rules'
 * options. */
/* The paragraph every schema rule's help ends its first part with: when the
 * family runs, and what it checks against. */
#define SCHEMA_RULE_RUNS_WHEN \
	"Runs when the binding documents (a kernel tree's Documentation/devicetree/\n" \
	"bindings, Bindings/ beside src/, or --bindings DIR) and dt-schema's core\n" \
	"schemas (--schemas DIR, $DTIDY_SCHEMAS, or an installed dt-schema) are both\n" \
	"found; `dtidy rules schema-required` says whether they are, and where from.\n" \
	"The checks are those of `make dtbs_check` (dt-schema's dt-validate, see\n" \
	"https://github.com/devicetree-org/dt-schema and the kernel's\n" \
	"Documentation/devicetree/bindings/writing-schema.rst), made on the source:\n" \
	"each message names the schema ($id, relative to the bindings or dt-schema's\n" \
	"schemas/ folder) so you can open it.\n"

extern const char *const schema_rule_options[];

#endif
