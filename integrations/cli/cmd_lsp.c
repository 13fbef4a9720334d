/* dtidy lsp: the language server, speaking on stdin and stdout. */
#include <stdio.h>
#include <unistd.h>

#include "../lsp/lsp.h"
#include "cli.h"

int cmd_lsp(struct cli_opts *o)
{
	if (o->npaths) {
		fprintf(stderr, "dtidy lsp: takes no files (the editor sends them); "
				"'%s' is not an option\n", o->paths[0]);
		return 2;
	}
	struct lsp_options lo = {
		.incdirs = o->incdirs,
		.nincdirs = o->nincdirs,
		.config = o->config,
	};
	return lsp_run(STDIN_FILENO, STDOUT_FILENO, &lo);
}
