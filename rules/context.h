/* What the engine hands a rule (struct dtidy_ctx) and what a rule hands
 * back (struct dtidy_report, one per finding). */
#ifndef DTIDY_CONTEXT_H
#define DTIDY_CONTEXT_H

#include <stddef.h>

#include "../core/source.h"
#include "../include/dtidy/rule.h"
#include "../kstyle/lines.h"
#include "../parser/cst.h"
#include "config.h"

/* The checked file as written: its bytes, tokens and CST, lexed and parsed
 * once per check by the engine. Built-in rules about layout (the style
 * family) read it; plugins see only include/dtidy/. */
struct rule_source {
	const struct source *src;	/* text, length, line index */
	const struct dt_token *toks;	/* ends with TK_EOF */
	size_t ntoks;
	const struct cst_file *cst;
	/* the file as kstyle's lines, made by the first style rule that opens
	 * it and lent to the others (rules/style/style_rule.c); the engine
	 * closes it with the CST. NULL: each rule makes its own. */
	struct rule_style_view *style;
};

struct rule_style_view {
	struct style_file sf;
	int made;
};

/* A rule flag for built-in rules only: the rule reads the file as written
 * (rule_ctx_source), not the model, so it also runs when the model could not
 * be built; dtidy_ctx_tree() is then NULL. */
#define RULE_READS_SOURCE (1u << 15)
/* With RULE_READS_SOURCE: the rule reads the model as well. Rules that read
 * only the source run before the model is built, with the file's syntax
 * tree let go afterwards; these keep it alive until the model is there. */
#define RULE_READS_TREE (1u << 14)

struct fix_edit {
	struct dtidy_loc loc;
	char *text;
};

struct dtidy_report {
	const struct dtidy_rule *rule;
	int severity;
	struct dtidy_loc loc;
	char *message;
	struct dtidy_loc rel;
	char *rel_message;	/* NULL: no related location */
	struct fix_edit *edits;
	size_t nedits;
	/* what the finding is about (dtidy_report_subject): the node's path
	 * and the property's name are taken when the report is emitted, while
	 * the tree is alive */
	const struct dtidy_node *node;
	const struct dtidy_prop *prop;
	char *prop_name;	/* rule_report_subject_name: a property not in the tree */
	/* rule_report_scope: the lines whose change can cause the finding
	 * (a node's body), for --diff-base; file NULL: none */
	struct dtidy_loc scope;
};

struct report_list {
	struct dtidy_report **v;
	size_t n, cap;
	/* where the reports live, a block of them at a time (report_list_free
	 * frees them): a style-only check makes ~100 a file */
	struct report_block *blocks;
};

/* The effective settings of one rule for one file. */
struct rule_state {
	int enabled;
	int severity;		/* used when enabled */
	int forced;		/* severity set by the user: replaces per-report ones */
	const struct config_setting *opts[8];	/* settings with options, in order */
	size_t nopts;
};

/* Work that built-in rules of one check share (rule_ctx_shared). */
struct rule_memo {
	const char *key;
	void *value;
	void (*drop)(void *value);
	struct rule_memo *next;
};

struct dtidy_ctx {
	const struct dtidy_tree *tree;
	const char *path;
	const struct dtidy_rule *rule;
	const struct rule_state *state;
	struct report_list *out;
	const struct rule_source *source;
	const char *bindings;		/* --bindings DIR, below the configuration */
	int no_bindings;		/* --no-bindings: "bindings" is "", above it */
	int no_fixes;			/* nobody applies or shows fixes (engine_opts) */
	const char *schemas;		/* --schemas DIR, below the configuration */
	struct rule_memo **memo;	/* this check's shared work (NULL: none kept) */
	struct diag_list *extra;	/* rule_add_diags: this check's results */
};

const struct rule_source *rule_ctx_source(const struct dtidy_ctx *ctx);
/* Does anyone use the fixes of this check's findings (--fix, SARIF, an
 * editor)? A fix that costs real work (proving a reorder safe) is only
 * made when one does. */
int rule_ctx_wants_fixes(const struct dtidy_ctx *ctx);

/* For built-in rules: the finding is about the property `name` of node,
 * which the tree does not have (a required property that is missing, the
 * one a dependency asks for). JSON's "property" is that name. */
void rule_report_subject_name(struct dtidy_report *r, const struct dtidy_node *node,
			      const char *name);

/* For built-in rules: the finding may be caused by a change anywhere in
 * [scope.start, scope.end) of scope.file (a line deleted from the node it
 * is about): --diff-base keeps it when a line there changed. */
void rule_report_scope(struct dtidy_report *r, struct dtidy_loc scope);

/* For built-in rules of one family that share one piece of work (the
 * schema family validates a tree once for all its rules): the value made
 * by make(ctx) the first time `key` is asked for in this check, then the
 * same one; drop(value) is called when the check ends. Without a memo
 * (ctx->memo NULL) every call makes and the caller's drop is never called:
 * callers must not rely on it. */
void *rule_ctx_shared(struct dtidy_ctx *ctx, const char *key, void *(*make)(struct dtidy_ctx *),
		      void (*drop)(void *));
/* For built-in rules: adds ready-made diagnostics about files outside the
 * tree (a binding document that could not be read) to the check's
 * results, as they are (no suppression applies to them). */
void rule_add_diags(struct dtidy_ctx *ctx, const struct diag_list *l);
/* Drops every value of a memo list. */
void rule_memo_free(struct rule_memo *m);

void report_list_free(struct report_list *l);

#endif
