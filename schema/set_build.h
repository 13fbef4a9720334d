/* Building a schema set's image from the YAML (see set_image.h): every
 * binding document under the bindings directory, then dt-schema's core
 * schemas, each read, processed (fixups.h) and packed; then $refs resolved
 * and checked for cycles, and the selection and typing indexes made.
 * Internal to schema/. */
#ifndef DTIDY_SCHEMA_SET_BUILD_H
#define DTIDY_SCHEMA_SET_BUILD_H

#include <stddef.h>
#include <stdint.h>

struct schema_load_opts;

/* The rule id the set's warnings carry (a broken document, a $ref that
 * goes nowhere, a $ref cycle, a duplicate $id). */
#define SCHEMA_LOAD_RULE "schema-load"

/* Builds the image (malloc'd, *len bytes). *newest_mtime_ns: the newest
 * modification time among the inputs (a cache written right after a
 * change could miss it). Warnings go into the image (WARNS). Returns 0, or -1 with a reason in `why` when the
 * core schemas cannot be read. */
int sset_build(const struct schema_load_opts *o, unsigned char **image, size_t *len,
	       int64_t *newest_mtime_ns, char *why, size_t whysize);

#endif
