#include <string.h>

#include "cli_table.h"

#define INPUTS (CLI_CHECK | CLI_FORMAT | CLI_LSP | CLI_TREE)

const struct cli_command cli_commands[] = {
	{"check", CLI_CHECK, "[options] PATH...", "lint devicetree sources (files or directories)",
	 "Lints files and directories. A directory is walked for *.dts, *.dtsi, *.dtso, "
	 "*.overlay and *.keymap files; a file named on the command line is checked "
	 "whatever its name. Each file is parsed, preprocessed in-process and merged into "
	 "the tree dtc would build, then checked by the rules (see dtidy rules). Findings "
	 "are printed gcc-style, one per line, in path order whatever -j is."},
	{"format", CLI_FORMAT, "[options] PATH...", "reformat in the canonical style",
	 "Reformats devicetree sources, keeping every comment and preprocessor line. With "
	 "one file and no -i, --check or --diff, the formatted text goes to stdout. Every "
	 "result is re-lexed and compared with the input before anything is written; a file "
	 "with syntax errors is never rewritten; in-place writes are atomic. The style is the "
	 "profile's: the kernel's (what its dt-check-style accepts), dts-linter's for zephyr, "
	 "four spaces and keymap grids for "
	 "zmk; a value written in rows (keymap bindings, interrupt-map, pin tables) keeps "
	 "them. The format: section of the nearest .dtidy.yaml changes its options one by "
	 "one; options given here win."},
	{"lsp", CLI_LSP, "[options]", "language server on stdin/stdout (for editors)",
	 "Speaks the Language Server Protocol 3.17 (JSON-RPC with Content-Length framing) "
	 "on stdin and stdout: diagnostics as you type with the same rules and "
	 ".dtidy.yaml as check, formatting, code actions, outline, hover, definition, "
	 "declaration, references, rename, completion, document links, folding, "
	 "semantic tokens and workspace symbols over the merged tree."},
	{"rules", CLI_RULES, "[options] [ID...]", "list the rules, or show one rule's help",
	 "Without an ID, lists every rule: id, family, default severity, whether --fix "
	 "can fix it, and a one-line description. With IDs, prints each rule's help: what "
	 "it checks, the document it enforces, and a bad and a good example."},
	{"tree", CLI_TREE, "[options] FILE", "print the resolved tree as DTS",
	 "Prints the tree dtc would build from FILE (includes, macros, label and path "
	 "references, /delete-*/ applied), as `dtc -O dts` does."},
	{"help", CLI_HELP, "[COMMAND | --man | --completion=SHELL]",
	 "a command's options; the man page; shell completions",
	 "Prints a command's usage and options (as dtidy COMMAND --help does), the "
	 "manual page dtidy(1) in roff (--man), or a completion script for bash, zsh or "
	 "fish (--completion). make install writes these where man and the shells look."},
};
const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];

const struct cli_option cli_options[] = {
	/* inputs */
	{"-I", NULL, "DIR", CLI_VAL_DIR, NULL, INPUTS,
	 "add an include directory, as with cpp and dtc (repeatable)"},
	{"-D", NULL, "NAME[=VALUE]", CLI_VAL_TEXT, NULL, INPUTS,
	 "define a macro for the preprocessor, as cpp -D does (to 1 without a value; "
	 "repeatable, in order with -U, after the profile's and the configuration's)"},
	{"-U", NULL, "NAME", CLI_VAL_TEXT, NULL, INPUTS,
	 "undefine a macro, as cpp -U does: one the profile, the configuration or an "
	 "earlier -D defines (repeatable)"},
	{"--no-auto-include", NULL, NULL, CLI_VAL_NONE, NULL, INPUTS,
	 "do not add the include directories found from the file's tree"},
	{"--config", NULL, "FILE", CLI_VAL_FILE, NULL, CLI_CHECK | CLI_FORMAT | CLI_LSP,
	 "use FILE instead of the nearest .dtidy.yaml above each file"},
	{"--profile", NULL, "NAME", CLI_VAL_WORD, "kernel u-boot zephyr zmk tf-a", INPUTS,
	 "read files as this build does (include path, defines, grammar, format style); "
	 "default: detected from the tree around each file"},
	{"--verbose", "-v", NULL, CLI_VAL_NONE, NULL, CLI_CHECK,
	 "say how each file is read, on stderr: its profile, include path and defines, "
	 "and why"},
	{"-j", NULL, "N", CLI_VAL_TEXT, NULL, CLI_CHECK | CLI_FORMAT,
	 "work on N files in parallel (default: the number of CPUs)"},
	/* rules */
	{"--enable", NULL, "RULE", CLI_VAL_RULE, NULL, CLI_CHECK | CLI_LSP,
	 "turn on a rule or a family (repeatable)"},
	{"--disable", NULL, "RULE", CLI_VAL_RULE, NULL, CLI_CHECK | CLI_LSP,
	 "turn off a rule or a family (repeatable)"},
	{"--only", NULL, "RULE", CLI_VAL_RULE, NULL, CLI_CHECK | CLI_LSP,
	 "turn on only this rule or family, every other off whatever the configuration "
	 "says (repeatable; --enable and --disable still apply). When only rules that "
	 "read files as written are on (--only=style), each file is read once: no "
	 "includes, no tree"},
	{"--level", NULL, "N", CLI_VAL_WORD, "0 1 2", CLI_CHECK | CLI_LSP,
	 "the kernel's W= level for the dtc checks of the structural family"},
	{"--style-mode", NULL, "MODE", CLI_VAL_WORD, "relaxed strict stricter", CLI_CHECK | CLI_LSP,
	 "which rules the style family turns on, as dt-check-style --mode: relaxed, "
	 "strict (the default) or stricter"},
	{"--plugin", NULL, "FILE.so", CLI_VAL_FILE, NULL, CLI_CHECK | CLI_FORMAT | CLI_LSP | CLI_RULES,
	 "load rules from a shared object (repeatable)"},
	{"--bindings", NULL, "DIR", CLI_VAL_DIR, NULL, CLI_CHECK | CLI_LSP,
	 "the kernel's binding documents (default: found beside the checked tree)"},
	{"--no-bindings", NULL, NULL, CLI_VAL_NONE, NULL, CLI_CHECK | CLI_LSP,
	 "read no binding documents"},
	{"--schemas", NULL, "DIR", CLI_VAL_DIR, NULL, CLI_CHECK | CLI_LSP | CLI_RULES,
	 "dt-schema's core schemas (types.yaml, dt-core.yaml, ...) for the schema rules "
	 "(default: $DTIDY_SCHEMAS, else the installed dt-schema's)"},
	{"--no-cache", NULL, NULL, CLI_VAL_NONE, NULL, CLI_CHECK | CLI_LSP,
	 "neither read nor write the bindings index kept in $XDG_CACHE_HOME/dtidy "
	 "(also DTIDY_NO_CACHE=1)"},
	{"--fix", NULL, NULL, CLI_VAL_NONE, NULL, CLI_CHECK,
	 "apply the fixes that are certain, in place, then check again"},
	{"--werror", NULL, NULL, CLI_VAL_NONE, NULL, CLI_CHECK,
	 "warnings also make the exit status 1"},
	{"-MD", NULL, NULL, CLI_VAL_NONE, NULL, CLI_CHECK,
	 "write make rules naming every file read (to the file -MF names)"},
	{"-MF", NULL, "FILE", CLI_VAL_FILE, NULL, CLI_CHECK, "the file -MD writes"},
	{"-MT", NULL, "TARGET", CLI_VAL_TEXT, NULL, CLI_CHECK, "the target the -MD rules name"},
	{"-MP", NULL, NULL, CLI_VAL_NONE, NULL, CLI_CHECK,
	 "add a phony rule for each file read, as gcc -MP does"},
	/* output */
	{"--format", NULL, "FMT", CLI_VAL_WORD, "text json sarif", CLI_CHECK | CLI_RULES,
	 "gcc-style lines (text, the default), one JSON document, or SARIF 2.1.0"},
	{"--color", "--colour", "WHEN", CLI_VAL_WORD, "auto always never",
	 CLI_CHECK | CLI_FORMAT | CLI_TREE, "colour the output: auto (on a terminal), always or never"},
	{"--quiet", "-q", NULL, CLI_VAL_NONE, NULL, CLI_CHECK | CLI_FORMAT, "no summary line"},
	{"--diff-base", NULL, "REV", CLI_VAL_TEXT, NULL, CLI_CHECK | CLI_FORMAT,
	 "only lines changed since git revision REV"},
	{"--stats", NULL, NULL, CLI_VAL_NONE, NULL, CLI_TREE,
	 "print sizes and memory use on stderr"},
	/* format */
	{"--check", NULL, NULL, CLI_VAL_NONE, NULL, CLI_FORMAT,
	 "list the files that would change; exit 1 if any"},
	{"--diff", NULL, NULL, CLI_VAL_NONE, NULL, CLI_FORMAT,
	 "print what would change as a unified diff"},
	{"-i", "--in-place", NULL, CLI_VAL_NONE, NULL, CLI_FORMAT,
	 "rewrite the files in place, atomically"},
	{"--stdin-filename", NULL, "NAME", CLI_VAL_FILE, NULL, CLI_FORMAT,
	 "read the text from stdin, write the result to stdout; NAME finds the configuration"},
	{"--lines", NULL, "A:B", CLI_VAL_TEXT, NULL, CLI_FORMAT,
	 "format only lines A to B (repeatable)"},
	{"--sort", NULL, NULL, CLI_VAL_NONE, NULL, CLI_FORMAT,
	 "also sort properties and nodes into the kernel's order where that cannot change "
	 "the meaning"},
	{"--line-width", NULL, "N", CLI_VAL_TEXT, NULL, CLI_FORMAT,
	 "the line width to fit values in (default 100)"},
	{"--indent", NULL, "tab|N", CLI_VAL_TEXT, NULL, CLI_FORMAT,
	 "indent with a tab (the default) or N spaces"},
	{"--tab-width", NULL, "N", CLI_VAL_TEXT, NULL, CLI_FORMAT,
	 "the width of a tab, for line widths and alignment (default 8)"},
	/* help */
	{"--man", NULL, NULL, CLI_VAL_NONE, NULL, CLI_HELP, "print the manual page dtidy(1), in roff"},
	{"--completion", NULL, "SHELL", CLI_VAL_WORD, "bash zsh fish", CLI_HELP,
	 "print the completion script for SHELL"},
	/* every command */
	{"--help", "-h", NULL, CLI_VAL_NONE, NULL, CLI_ALL, "print this help and exit"},
	{"--version", NULL, NULL, CLI_VAL_NONE, NULL, CLI_ALL, "print dtidy's version and exit"},
};
const size_t cli_noptions = sizeof cli_options / sizeof cli_options[0];

const struct cli_command *cli_command_find(const char *name)
{
	for (size_t i = 0; i < cli_ncommands; i++)
		if (!strcmp(cli_commands[i].name, name))
			return &cli_commands[i];
	return NULL;
}

/* Does arg spell name, alone or with its value attached? Long options take
 * "--name=value"; short ones with a value take it glued on ("-Idir", "-j4"). */
static int spells(const char *arg, const char *name, int takes_value, int *attached)
{
	size_t n = strlen(name);
	if (strncmp(arg, name, n) != 0)
		return 0;
	if (arg[n] == '\0')
		return 1;
	if (!takes_value)
		return 0;
	if (name[1] == '-' ? arg[n] == '=' : n == 2) {
		*attached = 1;
		return 1;
	}
	return 0;
}

const struct cli_option *cli_option_find(const char *arg, int *attached)
{
	*attached = 0;
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *opt = &cli_options[i];
		int v = opt->arg != NULL;
		if (spells(arg, opt->name, v, attached) ||
		    (opt->alias && spells(arg, opt->alias, v, attached)))
			return opt;
	}
	return NULL;
}
