/* Out-of-tree rules: shared objects exporting
 *   const struct dtidy_rule *const dtidy_plugin_rules[];  (NULL-terminated) */
#ifndef DTIDY_PLUGIN_H
#define DTIDY_PLUGIN_H

#include <stddef.h>

#include "../include/dtidy/rule.h"

#define PLUGIN_SYMBOL "dtidy_plugin_rules"

struct plugin {
	void *handle;
	const struct dtidy_rule *const *rules;
	size_t nrules;
};

/* Loads one plugin. Returns 0, or -1 with a malloc'd message in *err (the
 * file cannot be loaded, lacks the symbol, or has a rule of another API
 * version or without id, family, description or check). */
int plugin_load(const char *path, struct plugin *out, char **err);
void plugin_unload(struct plugin *p);

#endif
