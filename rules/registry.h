/* The built-in rules, in one table (rules/registry.c). */
#ifndef DTIDY_REGISTRY_H
#define DTIDY_REGISTRY_H

#include <stddef.h>

#include "../include/dtidy/rule.h"

/* Every built-in rule, sorted by id. */
const struct dtidy_rule *const *registry_rules(size_t *n);
/* Known families, for --enable FAMILY and the configuration. */
int registry_is_family(const char *name);

/* Rule ids that were renamed (the kernel's dt-check-style names of the 7.4
 * cycle): the new id of an old one, or NULL. Old ids keep working wherever
 * an id is accepted (configuration, --enable/--disable, suppressions). */
const char *registry_renamed(const char *old_id);
/* name itself, or the new id when name is an old one. */
const char *registry_canonical(const char *name);
/* Says once per process, on stderr, that old id `name` (written at
 * `where`) is now called by its new id. Thread-safe. No-op for other names. */
void registry_note_renamed(const char *name, const char *where);

#endif
