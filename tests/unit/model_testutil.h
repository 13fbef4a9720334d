/* Helpers for the preprocessor and model unit tests: in-memory files
 * served through the read hook, so each test states its whole input. */
#ifndef DTIDY_MODEL_TESTUTIL_H
#define DTIDY_MODEL_TESTUTIL_H

#include "parser/model/model.h"

/* files: "path", "text", "path", "text", ..., NULL. The first is the main
 * file. Returns the preprocessed text (malloc'd); *diags (if not NULL)
 * gets the diagnostics as "path:line:col: message [rule]" lines. */
char *pp_of(const char *const *files, char **diags);
/* The same with -D/-U (pp_opts.defines), a NULL-terminated list. */
char *pp_of_defs(const char *const *files, const char *const *defines, char **diags);
/* The model of the first file. */
struct model *model_of(const char *const *files);
/* The same, keeping what an editor navigates by (model_opts.record). */
struct model *model_recorded(const char *const *files);
/* The diagnostics of a model, one "line:col: message [rule]" a line. */
char *diags_of(const struct model *m);
/* The model printed as DTS (malloc'd). */
char *dts_of(const struct model *m);

#endif
