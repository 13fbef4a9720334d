/* What dtidy finds in an open document: the diagnostics of `dtidy check`
 * for the editor's current text, with open buffers read instead of their
 * files (an unsaved .dtsi counts as it is in the editor). */
#ifndef DTIDY_LSP_ANALYSIS_H
#define DTIDY_LSP_ANALYSIS_H

#include "server.h"

/* Fills out (emptied first) with the diagnostics of d's current text, and
 * records in d->deps the files the check read. */
void lsp_analyze(struct lsp_server *s, struct lsp_doc *d, struct diag_list *out);

/* Does this document's last check depend on file `real` (a real path)? */
int lsp_doc_depends_on(const struct lsp_doc *d, const char *real);

#endif
