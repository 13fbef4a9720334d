/* The schema set a checked file is validated with: the kernel's binding
 * documents found as the bindings family finds them (or --bindings), with
 * dt-schema's core schemas (core_dir.h). Each set is loaded (or mapped
 * from its cache, next to the bindings index) once a process, on first
 * use, and then shared read-only by every job thread. */
#ifndef DTIDY_SCHEMA_SET_REGISTRY_H
#define DTIDY_SCHEMA_SET_REGISTRY_H

#include "core/diag.h"

struct schema_set;

struct schema_found {
	const struct schema_set *set;	/* NULL: the schema family is off */
	const char *why;		/* then: why, in a sentence */
	const char *bindings;		/* the binding documents' directory, or NULL */
	const char *core;		/* the core schemas' directory, or NULL */
	const char *core_from;		/* how it was found ("--schemas", ...) */
	/* what loading said about broken documents (a file that is not
	 * YAML, a $ref to nowhere): reported with the findings */
	const struct diag_list *warnings;
};

/* For a checked file, with the `bindings` and `schemas` options (NULL:
 * not given; "" bindings: --no-bindings). Never NULL. When bindings are
 * found but no core schemas, the first call says so on stderr, once a
 * process. */
const struct schema_found *schema_found_for(const char *file, const char *bindings_opt,
					    const char *schemas_opt);

/* The same without the "off" notice: for rules of other families that use
 * the set when there is one (undocumented-compatible). */
const struct schema_found *schema_found_quietly(const char *file, const char *bindings_opt,
						const char *schemas_opt);

/* Starts loading, on a thread of its own, the set checks of `file` will
 * ask for, so that a cold load (reading every binding document) overlaps
 * with parsing the first boards; says nothing. Optional: schema_found_for
 * waits for it. */
void schema_prefetch(const char *file, const char *bindings_opt, const char *schemas_opt);
/* Waits for the loads schema_prefetch started (before exit). */
void schema_settle(void);

/* Tells the registry a board has been validated with `set`: every few
 * boards the mapped image's pages are given back (sset_drop_pages),
 * so a whole-tree run's memory holds what recent boards touch, not every
 * schema any board touched (14 MB for the kernel's bindings). */
void schema_board_done(const struct schema_set *set);

/* The same, without loading the set or saying anything: where it would
 * come from, for dtidy rules and check -v. One line, no newline, into buf. */
void schema_describe(const char *file, const char *bindings_opt, const char *schemas_opt,
		     char *buf, size_t size);

/* The types the schemas give a property name, as types.yaml spells them
 * ("uint32", "phandle-array", "uint32 or uint32-array"), into buf; NULL
 * when none does. */
const char *schema_type_name(const struct schema_set *set, const char *prop, char *buf,
			     size_t size);

#endif
