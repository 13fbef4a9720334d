/* What the engine hands a rule (struct dtidy_ctx) and what a rule hands
 * back (struct dtidy_report, one per finding). */
#ifndef DTIDY_CONTEXT_H
#define DTIDY_CONTEXT_H

#include <stddef.h>

#include "../include/dtidy/rule.h"
#include "config.h"

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
};

struct report_list {
	struct dtidy_report **v;
	size_t n, cap;
};

/* The effective settings of one rule for one file. */
struct rule_state {
	int enabled;
	int severity;		/* used when enabled */
	int forced;		/* severity set by the user: replaces per-report ones */
	const struct config_setting *opts[8];	/* settings with options, in order */
	size_t nopts;
};

struct dtidy_ctx {
	const struct dtidy_tree *tree;
	const char *path;
	const struct dtidy_rule *rule;
	const struct rule_state *state;
	struct report_list *out;
};

void report_list_free(struct report_list *l);

#endif
