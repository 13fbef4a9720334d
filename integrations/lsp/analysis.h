/* What dtidy finds in an open document: the diagnostics of `dtidy check`
 * for the editor's current text. */
#ifndef DTIDY_LSP_ANALYSIS_H
#define DTIDY_LSP_ANALYSIS_H

#include "server.h"

/* Fills out (emptied first) with the diagnostics of d's current text. */
void lsp_analyze(struct lsp_server *s, struct lsp_doc *d, struct diag_list *out);

#endif
