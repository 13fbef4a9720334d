/* TEMPORARY, while schema/ (the engine) is written: its functions are
 * referenced weakly, so that dtidy links before they exist; without them
 * the schema family is off and says why (set_registry.c). To be removed
 * once schema/ defines every function of schema.h. */
#ifndef DTIDY_SCHEMA_ENGINE_WEAK_H
#define DTIDY_SCHEMA_ENGINE_WEAK_H

#include "schema/schema.h"

#pragma weak schema_set_load
#pragma weak schema_set_free
#pragma weak schema_prop_types
#pragma weak schema_select
#pragma weak schema_validate
#pragma weak schema_id
#pragma weak schema_file
#pragma weak schema_compatible_documented
#pragma weak schema_prop_description

#endif
