/* dtidy lsp: the language server, speaking on stdin and stdout. */
#include <stdio.h>
#include <unistd.h>

#include "../../rules/engine.h"
#include "../lsp/lsp.h"
#include "cli.h"

int cmd_lsp(struct cli_opts *o)
{
	if (o->npaths) {
		fprintf(stderr, "dtidy lsp: takes no files (the editor sends them); "
				"'%s' is not an option\n", o->paths[0]);
		return 2;
	}
	struct engine_opts eo = cli_engine_opts(o);
	return lsp_run(STDIN_FILENO, STDOUT_FILENO, &eo);
}
