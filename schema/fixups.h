/* dt-schema's processing of a binding document, as dt-mk-schema applies it
 * before validating anything: what a schema means to dt-validate is the
 * document after these rewrites, not the document as written.
 *
 *  - examples, maintainers and historical are dropped; descriptions too
 *    (a property's description is kept aside for hover, see below);
 *  - a document without compatible but with a $nodename schema gets a
 *    select from it;
 *  - `dependencies` becomes dependentRequired / dependentSchemas;
 *  - interrupts implies interrupt-parent and interrupts-extended, and a
 *    required interrupts becomes "interrupts or interrupts-extended";
 *  - a node schema that forbids undefined properties allows the ones every
 *    node may have (status, phandle, pinctrl-N, bootph-*, assigned-clocks
 *    when it has clocks, dma-ranges when it has ranges);
 *  - additionalProperties: true is dropped (it would defeat
 *    unevaluatedProperties);
 *  - value schemas are reshaped into the arrays and matrices dt-validate
 *    decodes (strings into arrays, reg into a matrix, unit-suffix
 *    properties into arrays or matrices, oneOf-of-consts into enum, empty
 *    items lists into counts) and a fixed-size item list gets the
 *    minItems/maxItems it implies; a lone minItems or maxItems gets the
 *    other.
 *
 * Rewrites the tree in place (new nodes from `a`). The property
 * descriptions of the document's top level are moved to a root member
 * "$descriptions" (name -> text), which the evaluator ignores. */
#ifndef DTIDY_SCHEMA_FIXUPS_H
#define DTIDY_SCHEMA_FIXUPS_H

#include "yaml_tree.h"

struct arena;

void schema_fixup(struct arena *a, struct yv *doc);

/* Python's notion of an int or string schema (const/enum/minimum/maximum
 * or const/enum/pattern holding one), shared with the property typing. */
int fx_is_int_schema(const struct yv *s);
int fx_is_string_schema(const struct yv *s);

#endif
