/* dtidy lsp: the language server, speaking on stdin and stdout. */
#include <unistd.h>

#include "../lsp/lsp.h"
#include "cli.h"

int cmd_lsp(struct cli_opts *o)
{
	struct lsp_options lo = {
		.incdirs = o->incdirs,
		.nincdirs = o->nincdirs,
		.config = o->config,
	};
	return lsp_run(STDIN_FILENO, STDOUT_FILENO, &lo);
}
