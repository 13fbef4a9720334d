/* The property-type map dt-validate decodes DTBs with, gathered from the
 * processed documents while the set is built: each name's types (from the
 * types.yaml $refs, `type: boolean`, string items, the -microvolt / -hz
 * suffixes, references to another property's definition) with the matrix
 * dimensions the schemas allow, merged across documents as dt-schema
 * merges them; patternProperties give pattern types, used for names no
 * property types. Internal to schema/. */
#ifndef DTIDY_SCHEMA_PROP_TYPES_H
#define DTIDY_SCHEMA_PROP_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include "set_image.h"
#include "yaml_tree.h"

struct ptype_acc;	/* the map being gathered */

/* intern: the set builder's string table (returns a nonzero offset for a
 * nonempty string); str: its inverse. */
struct ptype_strings {
	uint32_t (*intern)(void *ctx, const char *s);
	const char *(*str)(void *ctx, uint32_t off);
	void *ctx;
};

struct ptype_acc *ptype_acc_new(const struct ptype_strings *st);
/* Gathers one processed document's property types. */
void ptype_acc_doc(struct ptype_acc *acc, const struct yv *doc, uint32_t doc_index);
/* The final tables (malloc'd): exact names sorted by name string, then the
 * pattern types in the order found. */
void ptype_acc_finish(struct ptype_acc *acc, struct sptype **exact, size_t *nexact,
		      struct sptype **pattern, size_t *npattern);
void ptype_acc_free(struct ptype_acc *acc);

/* A dt-schema type name ("uint32-matrix", "phandle-array", "flag", ...)
 * as the public type record; SPT_UNKNOWN for anything else. */
void ptype_from_name(const char *name, struct schema_ptype *t);

#endif
