/* dtidy lsp: the language server, speaking on stdin and stdout. */
#include <stdio.h>
#include <unistd.h>

#include "../../rules/bindings/bindings_index.h"
#include "../lsp/lsp.h"
#include "cli.h"

int cmd_lsp(struct cli_opts *o)
{
	if (o->npaths) {
		fprintf(stderr, "dtidy lsp: takes no files (the editor sends them); "
				"'%s' is not an option\n", o->paths[0]);
		return 2;
	}
	struct engine_opts eo = {
		.incdirs = o->incdirs, .nincdirs = o->nincdirs,
		.no_auto_include = o->no_auto_include, .config = o->config,
		.enable = o->enable, .nenable = o->nenable,
		.disable = o->disable, .ndisable = o->ndisable,
		.level = o->level, .plugins = o->plugins, .nplugins = o->nplugins,
		.bindings = o->bindings, .no_bindings = o->no_bindings,
	};
	if (o->no_cache)
		bindings_no_cache();
	return lsp_run(STDIN_FILENO, STDOUT_FILENO, &eo);
}
