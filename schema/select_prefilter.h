/* A prefilter for explicit selects (see select.c): for each document with
 * an explicit select, the compatible strings the select needs, when it
 * needs one of a known list. Made when the set is built, kept in its image. Internal to
 * schema/. */
#ifndef DTIDY_SCHEMA_SELECT_PREFILTER_H
#define DTIDY_SCHEMA_SELECT_PREFILTER_H

#include "schema.h"
#include "set_image.h"

/* Builds it from a set's nodes, documents and selects (malloc'd: a flag
 * per select, and the pairs sorted by string offset). */
void sel_prefilter_build(const struct schema_set *set, uint32_t **filtered, struct selpair **pairs,
			 size_t *npairs);
/* For each select (of set->selects): can it hold for a node whose
 * compatible property is `compat` (NULL: none)? cand[i] = 0 only when it
 * certainly cannot. */
void sel_prefilter_candidates(const struct schema_set *set, const struct sinst *compat,
			      unsigned char *cand);

/* Quiet validity of an instance under a schema node (eval.c), spending
 * from *budget (subschema evaluations; 0 left: not valid). */
int sset_valid(const struct schema_set *set, const struct snode *sch, const struct sinst *v,
	       struct arena *scratch, long *budget);
/* The evaluations one call may spend (a node's selection shares one). */
long sset_step_budget(void);

#endif
