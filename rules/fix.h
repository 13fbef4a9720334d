/* Applying the fixes attached to diagnostics (dtidy check --fix, and the
 * LSP server's code actions). */
#ifndef DTIDY_FIX_H
#define DTIDY_FIX_H

#include <stddef.h>

#include "../core/diag.h"

/* One file's new text after applying every fix in l that edits it. A fix
 * is all-or-nothing: one whose edits overlap an earlier accepted fix's (or
 * each other) is skipped. Returns a malloc'd text (*newlen set) and the
 * number of fixes applied in *napplied, or NULL when no fix edits `file`. */
char *fix_apply(const char *file, const char *text, size_t len, const struct diag_list *l,
		size_t *newlen, size_t *napplied);

/* The distinct files that fixes in l edit (malloc'd array of borrowed
 * strings; free the array only). */
const char **fix_files(const struct diag_list *l, size_t *n);

#endif
