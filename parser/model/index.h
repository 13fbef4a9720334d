/* Lookup tables of a finished model tree (index.c), behind the public
 * dtidy_resolve and dtidy_node_by_phandle. */
#ifndef DTIDY_MODEL_INDEX_H
#define DTIDY_MODEL_INDEX_H

#include <stdint.h>

#include "../../core/arena.h"
#include "../../include/dtidy/model.h"

/* Indexes the tree under root (which must not change afterwards). */
const struct dtidy_tree_index *dtidy_index_build(const struct dtidy_node *root, struct arena *a);
/* The first node in tree order with this label / phandle, or NULL. */
const struct dtidy_node *dtidy_index_label(const struct dtidy_tree_index *ix, const char *name);
const struct dtidy_node *dtidy_index_phandle(const struct dtidy_tree_index *ix, uint32_t ph);

#endif
