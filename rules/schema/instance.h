/* The merged tree as dt-validate sees it: each node an instance (struct
 * sinst, schema/schema.h) whose properties are typed and shaped as
 * dt-schema's dtb.py decodes a DTB, with every value remembering the
 * source it came from (struct sorigin), so that a schema's finding can be
 * reported at the line to fix.
 *
 * Typing comes from a callback (schema_prop_types for a loaded set; tests
 * give their own), so the builder needs no schema set to be tested. */
#ifndef DTIDY_SCHEMA_INSTANCE_H
#define DTIDY_SCHEMA_INSTANCE_H

#include <stddef.h>

#include "include/dtidy/model.h"
#include "schema/schema.h"

struct arena;

/* What every struct sinst's `origin` points to. */
struct sorigin {
	const struct dtidy_node *node;	/* the node it is, or whose property it is in */
	const struct dtidy_prop *prop;	/* NULL: the node itself */
	/* a value: the cell, string or row (the effective definition);
	 * a property: its effective definition; a node: the opening of it
	 * that made it what it is (sinst_node_loc) */
	struct dtidy_loc loc;
	/* a property no schema types: dt-validate leaves its bytes undecoded
	 * (a BYTES instance), and dt-core.yaml's catch-all rejects them */
	unsigned char untyped;
};

/* The types a property name may have (schema_prop_types' contract). */
typedef size_t sinst_types_fn(void *ud, const char *prop, struct schema_ptype *out, size_t max);

struct sinst_node {
	const struct dtidy_node *node;
	/* the node as it is validated: its properties, its children (as
	 * objects without "$nodename", as dt-validate has them when their
	 * parent is validated) and "$nodename" */
	const struct sinst *self;
	/* status "disabled", its own or inherited: dt-validate drops the
	 * `required` and `unevaluatedProperties` findings of such nodes */
	int disabled;
	/* properties of an integer type their size does not fit, which
	 * dt-validate reads by its size fallback after a decode error ("size
	 * (N) error for type T"): nmisfit of them. (A value no type fits at
	 * all is bytes in the instance, which dt-core.yaml rejects.) */
	const struct dtidy_prop **misfit;
	size_t nmisfit;
};

struct sinst_tree {
	struct sinst_node *v;		/* pre-order, parents first */
	size_t n;
};

/* Builds the instances of every node of t (nodes named "__...__" are left
 * out, as dt-validate leaves them). Everything comes from `a`. */
void sinst_build(const struct dtidy_tree *t, sinst_types_fn *types, void *ud, struct arena *a,
		 struct sinst_tree *out);

static inline const struct sorigin *sinst_origin(const struct sinst *i)
{
	return i ? (const struct sorigin *)i->origin : NULL;
}

/* The member `name` of an OBJECT instance, or NULL. */
const struct sinst *sinst_member(const struct sinst *obj, const char *name);

/* Where a finding about node n as a whole belongs: the opening (the
 * header, `name {` or `&label {`) of the definition that turned the node
 * on when a later file (a board's override) did, else where the node was
 * first defined; for the root, its first opening in `main` (the board:
 * what the root must have, compatible and model, is the board's to say)
 * when there is one. */
struct dtidy_loc sinst_node_loc(const struct dtidy_node *n, const struct dtidy_file *main);

#endif
