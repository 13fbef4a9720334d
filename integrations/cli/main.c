#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "../../core/heap.h"
#include "cli.h"

static void usage(FILE *f)
{
	fputs("usage: dtidy <command> [options] PATH...\n"
	      "\n"
	      "commands:\n"
	      "  check  PATH...     lint devicetree sources (files or directories)\n"
	      "  tree   FILE        print the resolved tree (includes, macros, merges) as DTS\n"
	      "  rules  [ID...]     list the rules, or show one rule's help\n"
	      "  format PATH...     reformat in the kernel style: FILE to stdout,\n"
	      "                     --check (list), --diff, -i (in place),\n"
	      "                     --stdin-filename NAME, --lines A:B,\n"
	      "                     --line-width N, --indent tab|N, --tab-width N\n"
	      "                     (defaults: the nearest .dtidy.yaml's format:)\n"
	      "  lsp                language server on stdin/stdout (for editors)\n"
	      "\n"
	      "options:\n"
	      "  -I DIR             add an include directory (repeatable)\n"
	      "  -j N               check N files in parallel (default: CPUs)\n"
	      "  --format=FMT       text (default), json or sarif\n"
	      "  --color=WHEN       auto (default), always or never\n"
	      "  --werror           warnings make the exit status 1\n"
	      "  --enable RULE      turn on a rule or family (repeatable; also --disable)\n"
	      "  --config FILE      use FILE instead of the nearest .dtidy.yaml\n"
	      "  --plugin FILE.so   load rules from a shared object\n"
	      "  --bindings DIR     the kernel's binding documents (default: found\n"
	      "                     beside the checked tree); --no-bindings: none\n"
	      "  --no-cache         neither read nor write the bindings index kept in\n"
	      "                     $XDG_CACHE_HOME/dtidy (also: DTIDY_NO_CACHE=1)\n"
	      "  --diff-base REV    only lines changed since git REV (check, format)\n"
	      "  -MD -MF FILE       check: write make rules naming every file read\n"
	      "                     (-MT TARGET names the target, -MP adds phony rules)\n"
	      "  --quiet            no summary line\n"
	      "  --version, --help\n"
	      "\n"
	      "exit status: 0 clean, 1 errors found, 2 usage or I/O error\n",
	      f);
}

int main(int argc, char **argv)
{
	/* Past a file-size limit (ulimit -f), fail the write with EFBIG and
	 * clean up instead of being killed with a temporary file left over. */
	signal(SIGXFSZ, SIG_IGN);
	heap_keep();
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		usage(stdout);
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
	if (!strcmp(cmd, "check"))
		rc = cmd_check(&o);
	else if (!strcmp(cmd, "tree"))
		rc = cmd_tree(&o);
	else if (!strcmp(cmd, "rules"))
		rc = cmd_rules(&o);
	else if (!strcmp(cmd, "format"))
		rc = cmd_format(&o);
	else if (!strcmp(cmd, "lsp"))
		rc = cmd_lsp(&o);
	else {
		fprintf(stderr, "dtidy: unknown command '%s' (see dtidy --help)\n", cmd);
		rc = 2;
	}
	cli_opts_free(&o);
	return rc;
}
