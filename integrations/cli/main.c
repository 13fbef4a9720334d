#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "../../core/heap.h"
#include "cli.h"
#include "cli_table.h"

int main(int argc, char **argv)
{
	/* Past a file-size limit (ulimit -f), fail the write with EFBIG and
	 * clean up instead of being killed with a temporary file left over. */
	signal(SIGXFSZ, SIG_IGN);
	heap_keep();
	if (argc < 2) {
		cli_usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		cli_usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("dtidy %s\n", DTIDY_VERSION);
		return 0;
	}
	struct cli_opts o = {.cmd = cmd};
	int rc = cli_parse(&o, argc - 2, argv + 2);
	if (rc) {
		cli_opts_free(&o);
		return rc;
	}
	if (o.help) {
		cli_command_help(stdout, cli_command_find(cmd));
		rc = 0;
	} else if (o.version) {
		printf("dtidy %s\n", DTIDY_VERSION);
		rc = 0;
	} else if (!strcmp(cmd, "check"))
		rc = cmd_check(&o);
	else if (!strcmp(cmd, "tree"))
		rc = cmd_tree(&o);
	else if (!strcmp(cmd, "rules"))
		rc = cmd_rules(&o);
	else if (!strcmp(cmd, "format"))
		rc = cmd_format(&o);
	else if (!strcmp(cmd, "lsp"))
		rc = cmd_lsp(&o);
	else
		rc = cmd_help(&o);
	cli_opts_free(&o);
	return rc;
}
