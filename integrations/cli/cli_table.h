/* The commands and options of the command line, as data.
 *
 * One table says which options each command takes and what they do. The
 * option parser consults it first (an option a command does not take is a
 * usage error naming the command), and every text a user reads about the
 * command line is printed from it: `dtidy CMD --help`, the man page and the
 * shell completions. Adding an option is one entry here plus its branch in
 * cli_parse(); a unit test checks that the two agree.
 */
#ifndef DTIDY_CLI_TABLE_H
#define DTIDY_CLI_TABLE_H

#include <stddef.h>

/* One bit per command, for the `cmds` mask of an option. */
enum {
	CLI_CHECK = 1 << 0,
	CLI_FORMAT = 1 << 1,
	CLI_LSP = 1 << 2,
	CLI_RULES = 1 << 3,
	CLI_TREE = 1 << 4,
	CLI_HELP = 1 << 5,
	CLI_ALL = (1 << 6) - 1,
};

/* What an option's value is, for completion. */
enum cli_value {
	CLI_VAL_NONE,	/* a flag: no value */
	CLI_VAL_WORD,	/* one of `values` (space-separated) */
	CLI_VAL_TEXT,	/* free text (a number, a name, a range) */
	CLI_VAL_FILE,
	CLI_VAL_DIR,
	CLI_VAL_RULE,	/* a rule id or family */
};

struct cli_command {
	const char *name;
	unsigned bit;		/* CLI_* */
	const char *args;	/* "[options] PATH..." */
	const char *summary;	/* one line, for the command list */
	const char *description;	/* paragraphs separated by "\n\n" */
};

struct cli_option {
	const char *name;	/* "--format", "-j", "-MD" */
	const char *alias;	/* another spelling ("-q"), or NULL */
	const char *arg;	/* the value's name in help ("FMT"), NULL for a flag */
	enum cli_value value;
	const char *values;	/* CLI_VAL_WORD: the accepted words */
	unsigned cmds;		/* the commands that take it */
	const char *help;	/* one sentence or two, no final period */
};

extern const struct cli_command cli_commands[];
extern const size_t cli_ncommands;
extern const struct cli_option cli_options[];
extern const size_t cli_noptions;

/* The command named name, or NULL. */
const struct cli_command *cli_command_find(const char *name);

/* The option that argument arg spells ("--format=json", "-j4", "-q"), or
 * NULL when there is none. *attached is set when arg carries the value
 * ("--x=v", "-Ivalue"). */
const struct cli_option *cli_option_find(const char *arg, int *attached);

#endif
