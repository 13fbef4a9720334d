/* The built-in rules, in one table (rules/registry.c). */
#ifndef DTIDY_REGISTRY_H
#define DTIDY_REGISTRY_H

#include <stddef.h>

#include "../include/dtidy/rule.h"

/* Every built-in rule, sorted by id. */
const struct dtidy_rule *const *registry_rules(size_t *n);
/* Known families, for --enable FAMILY and the configuration. */
int registry_is_family(const char *name);

#endif
