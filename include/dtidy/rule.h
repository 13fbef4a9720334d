/* The rule API: everything a rule (built in or a plugin) needs, besides the
 * model (model.h) it reads.
 *
 * A rule is one `const struct dtidy_rule`. Its check function is called once
 * per checked file with a context that gives the merged tree; it reports
 * findings at model locations and may attach text edits that fix them. The
 * engine decides afterwards what is shown: severities from the
 * configuration and the command line, inline suppressions, deduplication.
 *
 * A plugin is a shared object built against include/dtidy/ only. It exports
 *
 *     const struct dtidy_rule *const dtidy_plugin_rules[] = { &my_rule, NULL };
 *
 * and is loaded with `dtidy check --plugin FILE.so`. The reporting functions
 * below are resolved from the dtidy executable when the plugin is loaded.
 */
#ifndef DTIDY_PUBLIC_RULE_H
#define DTIDY_PUBLIC_RULE_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

/* Bumped when struct dtidy_rule changes incompatibly; plugins built for
 * another version are refused with a message. */
#define DTIDY_RULE_API_VERSION 1

struct dtidy_ctx;	/* one rule running on one file (opaque) */
struct dtidy_report;	/* one finding, while it is being built (opaque) */

enum {
	/* Off unless enabled by id or family (--enable, .dtidy.yaml). */
	DTIDY_RULE_OPT_IN = 1 << 0,
	/* The rule attaches fixes that are always correct (applied by --fix). */
	DTIDY_RULE_FIXABLE = 1 << 1,
};

struct dtidy_rule {
	unsigned api_version;		/* DTIDY_RULE_API_VERSION */
	const char *id;			/* kebab-case, stable: "hv-compatible-order" */
	const char *family;		/* "hv", "structural", "style", "bindings", ... */
	enum dtidy_severity severity;	/* default severity of its findings */
	unsigned flags;			/* DTIDY_RULE_* */
	const char *description;	/* one line, no final period */
	/* Longer help for `dtidy rules ID`: what is checked and why, the
	 * binding or document it comes from, then a bad and a good example. */
	const char *help;
	/* The dtc check this rule mirrors (dtc's name, "unit_address_vs_reg"),
	 * or NULL. */
	const char *dtc_check;
	/* The kernel W= level that enables it (0: default build, 1: W=1,
	 * 2: W=2). Rules above the configured level are off unless named. */
	int level;
	/* NULL-terminated names of the options it reads from .dtidy.yaml
	 * (rules: { ID: { OPTION: value } }), or NULL. */
	const char *const *options;
	void (*check)(struct dtidy_ctx *ctx);
};

/* ---- what a rule reads ---- */

const struct dtidy_tree *dtidy_ctx_tree(const struct dtidy_ctx *ctx);
const struct dtidy_rule *dtidy_ctx_rule(const struct dtidy_ctx *ctx);
/* The path of the file being checked (the main file of the tree). */
const char *dtidy_ctx_path(const struct dtidy_ctx *ctx);
/* A rule option from the configuration, as written, or NULL. */
const char *dtidy_ctx_option(const struct dtidy_ctx *ctx, const char *name);
/* An integer option, or def when absent or not a number. */
long dtidy_ctx_option_int(const struct dtidy_ctx *ctx, const char *name, long def);

/* Does subject match the PCRE2 pattern? Patterns are compiled once per
 * process and cached, so a rule may pass a string literal on every call.
 * An invalid pattern never matches (test your patterns). */
int dtidy_match(const char *pattern, const char *subject);

/* ---- what a rule writes ---- */

/* Reports a finding at loc with the rule's configured severity. The message
 * is printf-style; it should say what is wrong and what is expected. */
struct dtidy_report *dtidy_report(struct dtidy_ctx *ctx, struct dtidy_loc loc,
				  const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Same with a severity for this finding (rules whose findings differ in
 * weight). A severity set for the rule in the configuration or on the
 * command line replaces it. */
struct dtidy_report *dtidy_report_sev(struct dtidy_ctx *ctx, enum dtidy_severity sev,
				      struct dtidy_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The finding is about this node (and this property, or NULL): JSON gains "node"
 * (the node's full path in the merged tree, as dtc prints it) and "property";
 * SARIF gains logicalLocations. */
void dtidy_report_subject(struct dtidy_report *r, const struct dtidy_node *node,
                          const struct dtidy_prop *prop);
/* Reports a finding about a node, at its name where it was first defined,
 * with the node as the subject. */
struct dtidy_report *dtidy_report_node(struct dtidy_ctx *ctx, const struct dtidy_node *node,
				       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Reports a finding about a property, at its effective definition, with
 * the property (and its node: node may be NULL) as the subject. */
struct dtidy_report *dtidy_report_prop(struct dtidy_ctx *ctx, const struct dtidy_node *node,
				       const struct dtidy_prop *prop, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A second location that explains the finding ("the node is defined here"). */
void dtidy_report_related(struct dtidy_report *r, struct dtidy_loc loc, const char *msg);
/* Attaches a fix edit: replace loc (in loc.file) by text. A fix may have
 * several edits; they must not overlap. Only certain fixes belong here:
 * --fix applies them without asking. */
void dtidy_report_fix(struct dtidy_report *r, struct dtidy_loc loc, const char *text);

/* ---- walking the tree (fields only: no engine calls) ---- */

/* The node after n in pre-order (parents before children, siblings in
 * order), or NULL at the end. Start with tree->root. */
static inline const struct dtidy_node *dtidy_node_next(const struct dtidy_node *n)
{
	if (n->child)
		return n->child;
	while (n && !n->next)
		n = n->parent;
	return n ? n->next : NULL;
}

#define DTIDY_FOREACH_NODE(n, tree)                                           \
	for (const struct dtidy_node *n = (tree)->root; n; n = dtidy_node_next(n))
#define DTIDY_FOREACH_PROP(p, node)                                           \
	for (const struct dtidy_prop *p = (node)->props; p; p = p->next)
#define DTIDY_FOREACH_CHILD(c, node)                                          \
	for (const struct dtidy_node *c = (node)->child; c; c = c->next)

#endif
