/* Helpers for the schema engine's tests: a set made of dt-schema's real
 * core schemas plus binding documents a test writes, instances written as
 * JSON (objects are nodes, arrays of arrays are cell matrices, true is a
 * flag), and a validation's findings as one string to compare. */
#ifndef DTIDY_SCHEMA_TESTUTIL_H
#define DTIDY_SCHEMA_TESTUTIL_H

#include <stddef.h>

#include "core/arena.h"
#include "core/diag.h"
#include "schema/schema.h"

/* dt-schema's core schemas of the shared corpus ($CORPUS/dt-schema/schemas). */
const char *st_core_dir(void);
/* The corpus's kernel binding documents ($CORPUS/Bindings). */
const char *st_bindings_dir(void);

/* A temporary bindings tree: st_tree_new() makes it, st_put() adds a
 * document (path relative to it), st_tree_free() removes it all. */
struct st_tree {
	char root[64];
	char bindings[128];
	char cache[128];
};
void st_tree_new(struct st_tree *t);
void st_put(struct st_tree *t, const char *rel, const char *text);
void st_tree_free(struct st_tree *t);

/* Loads the tree's documents with the core schemas (no cache unless
 * use_cache); warnings, when given, receive the load's warnings. */
struct schema_set *st_load(struct st_tree *t, int use_cache, struct diag_list *warnings);

/* An instance from JSON (from `a`): objects become nodes, true a flag,
 * a string a string, an integer a cell; a negative integer is stored
 * sign-extended and marked signed; {"$sized": N, "bits": 64} is a cell
 * decoded with that size. Aborts the test on bad JSON. */
const struct sinst *st_inst(struct arena *a, const char *json);

/* Every finding of validating `json` against the document whose $id ends
 * in id_suffix, one a line: "KIND name: message" (kind REQUIRED,
 * UNEXPECTED, VALUE, NODE_NAME, DEPENDENCY, DEPRECATED; name "-" for none).
 * malloc'd. */
char *st_check(const struct schema_set *set, const char *id_suffix, const char *json);
/* The schema whose $id ends in id_suffix (NULL: none). */
const struct schema *st_schema(const struct schema_set *set, const char *id_suffix);

#endif
