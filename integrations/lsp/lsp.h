/* dtidy lsp: a language server on stdin/stdout (LSP 3.17 subset). */
#ifndef DTIDY_LSP_H
#define DTIDY_LSP_H

#include <stddef.h>

struct lsp_options {
	char *const *incdirs;	/* -I directories, searched after the file's own */
	size_t nincdirs;
	const char *config;	/* --config FILE, or NULL to discover .dtidy.yaml */
};

/* Serves one client until `exit` or end of input. Returns the process exit
 * status: 0 after an orderly shutdown, 1 otherwise. */
int lsp_run(int in_fd, int out_fd, const struct lsp_options *opts);

#endif
