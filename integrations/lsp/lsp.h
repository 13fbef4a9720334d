/* dtidy lsp: a language server on stdin/stdout (LSP 3.17 subset). */
#ifndef DTIDY_LSP_H
#define DTIDY_LSP_H

#include "../../rules/engine.h"

/* Serves one client until `exit` or end of input, checking documents with an
 * engine made from eo (the same settings as `dtidy check`). Returns the
 * process exit status: 0 after an orderly shutdown, 1 otherwise. */
int lsp_run(int in_fd, int out_fd, const struct engine_opts *eo);

#endif
