/* The /chosen checks of dtc (warnings): chosen-node-is-root,
 * chosen-node-bootargs, chosen-node-stdout-path and
 * obsolete-chosen-interrupt-controller. */
#include <string.h>

#include "dtc_util.h"

static void check_is_root(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		if (strcmp(n->name, "chosen") == 0 && n->parent != t->root)
			fail_node(ctx, n, "\"chosen\" must be a child of the root node");
	}
}

static void check_bootargs(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		if (strcmp(n->name, "chosen") != 0)
			continue;
		const struct dtidy_prop *p = dtidy_prop_get(n, "bootargs");
		if (p && !prop_is_one_string(t, p))
			fail_prop(ctx, p, "\"bootargs\" must be a single string");
	}
}

static void check_stdout_path(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		if (strcmp(n->name, "chosen") != 0)
			continue;
		const struct dtidy_prop *p = dtidy_prop_get(n, "stdout-path");
		if (!p) {
			p = dtidy_prop_get(n, "linux,stdout-path");
			if (!p)
				continue;
			fail_prop(ctx, p, "use \"stdout-path\" instead of \"linux,stdout-path\"");
		}
		if (!prop_is_one_string(t, p))
			fail_prop(ctx, p, "\"%s\" must be a single string", p->name);
	}
}

static void check_obsolete_intc(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	const struct dtidy_node *chosen = dtidy_resolve(t, "/chosen");
	if (!chosen || node_is_omitted(t, chosen))
		return;
	const struct dtidy_prop *p = dtidy_prop_get(chosen, "interrupt-controller");
	if (p)
		fail_prop(ctx, p, "obsolete \"interrupt-controller\" in /chosen");
}

const struct dtidy_rule dtidy_rule_chosen_node_is_root = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "chosen-node-is-root",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "\"chosen\" node not at the root",
	.help = "/chosen sits directly under the root.\n\n"
		"Bad:\n\tsoc { chosen { }; };\nGood:\n\t/ { chosen { }; };\n",
	.dtc_check = "chosen_node_is_root",
	.check = check_is_root,
};

const struct dtidy_rule dtidy_rule_chosen_node_bootargs = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "chosen-node-bootargs",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "/chosen bootargs that is not one string",
	.help = "The kernel command line in /chosen is one string.\n\n"
		"Bad:\n\tbootargs = \"console=ttyS0\", \"quiet\";\n"
		"Good:\n\tbootargs = \"console=ttyS0 quiet\";\n",
	.dtc_check = "chosen_node_bootargs",
	.check = check_bootargs,
};

const struct dtidy_rule dtidy_rule_chosen_node_stdout_path = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "chosen-node-stdout-path",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "/chosen stdout-path missing its modern name or not a string",
	.help = "The console is named by \"stdout-path\" (one string), not the obsolete\n"
		"\"linux,stdout-path\".\n\n"
		"Bad:\n\tlinux,stdout-path = \"serial0:115200n8\";\n"
		"Good:\n\tstdout-path = \"serial0:115200n8\";\n",
	.dtc_check = "chosen_node_stdout_path",
	.check = check_stdout_path,
};

const struct dtidy_rule dtidy_rule_obsolete_chosen_interrupt_controller = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "obsolete-chosen-interrupt-controller",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "obsolete interrupt-controller property in /chosen",
	.help = "Old trees named the interrupt controller in /chosen; it belongs on the\n"
		"controller node itself.\n\n"
		"Bad:\n\tchosen { interrupt-controller = <&intc>; };\n"
		"Good:\n\tintc: interrupt-controller@1000 { interrupt-controller; };\n",
	.dtc_check = "obsolete_chosen_interrupt_controller",
	.check = check_obsolete_intc,
};
