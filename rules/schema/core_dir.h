/* Where dt-schema's core schemas are (types.yaml, dt-core.yaml, ...):
 * they are not in the kernel tree, so the schema family looks for them
 * as dt-validate's users have them. */
#ifndef DTIDY_SCHEMA_CORE_DIR_H
#define DTIDY_SCHEMA_CORE_DIR_H

#include <stddef.h>

/* The core schemas directory: `explicit_dir` (--schemas, or the
 * configuration's `schemas` option) when given, else $DTIDY_SCHEMAS, else
 * the schemas/ folder of the dt-schema that `python3 -c 'import dtschema'`
 * finds, else Debian's dt-schema package's. A malloc'd path, with *from
 * saying which ("--schemas", "DTIDY_SCHEMAS", ...); or NULL with `why`
 * saying what was looked at. A directory counts when it has types.yaml. */
char *schema_core_dir(const char *explicit_dir, const char **from, char *why, size_t whysize);

#endif
