/* The command-line front end: options shared by every command and the
 * entry point of each command. */
#ifndef DTIDY_CLI_H
#define DTIDY_CLI_H

#include <stddef.h>

#include "../../core/profile.h"

#ifndef DTIDY_VERSION
#define DTIDY_VERSION "0.1.0"
#endif

enum out_format { OUT_TEXT, OUT_JSON, OUT_SARIF };
enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct cli_opts {
	const char *cmd;
	char **paths;
	size_t npaths, cappaths;
	char **incdirs;
	size_t nincdirs, capincdirs;
	char **defines;			/* -D/-U as "-DNAME[=VALUE]", "-UNAME" (malloc'd), in order */
	size_t ndefines, capdefines;
	int verbose;			/* check -v: say how each file is read */
	int jobs;
	const char *config;
	int quiet;
	enum color_mode color;
	enum out_format format;
	int werror;
	int no_auto_include;		/* --no-auto-include */
	int profile_given;		/* --profile given: profile below */
	enum dt_profile profile;	/* --profile=kernel|u-boot|zephyr|zmk|tf-a */
	int stats;			/* tree --stats: sizes and memory on stderr */
	/* check */
	char **enable, **disable;	/* --enable RULE|FAMILY, --disable RULE|FAMILY */
	size_t nenable, capenable, ndisable, capdisable;
	char **only;			/* --only RULE|FAMILY */
	size_t nonly, caponly;
	char **plugins;			/* --plugin FILE.so */
	size_t nplugins, capplugins;
	int fix;			/* --fix */
	int level;			/* --level=0|1|2 (kernel W=) ; -1: not given */
	int style_mode;			/* --style-mode: enum style_mode; 0: not given */
	const char *bindings;		/* --bindings DIR */
	int no_bindings;		/* --no-bindings */
	const char *schemas;		/* --schemas DIR */
	int no_cache;			/* --no-cache: no bindings index on disk */
	int md;				/* -MD */
	const char *mf, *mt;		/* -MF FILE, -MT TARGET */
	int mp;				/* -MP */
	const char *diff_base;		/* --diff-base REV */
	/* format */
	int fmt_check, fmt_diff, fmt_inplace;	/* --check, --diff, -i */
	const char *stdin_filename;	/* --stdin-filename NAME */
	char **lines;			/* --lines A:B (repeatable) */
	size_t nlines, caplines;
	int sort;			/* --sort */
	int line_width;			/* --line-width N ; 0: default */
	const char *indent;		/* --indent tab|N */
	int tab_width;			/* --tab-width N ; 0: default */
	/* every command */
	int help;			/* --help: print the command's help */
	int version;			/* --version */
	/* help */
	int help_man;			/* --man */
	const char *help_completion;	/* --completion=SHELL */
};

/* Parses argv after the command name (o->cmd, a command of cli_table.c).
 * Only the options that command takes are accepted. Returns 0, or 2 after
 * printing a usage error. */
int cli_parse(struct cli_opts *o, int argc, char **argv);
void cli_opts_free(struct cli_opts *o);

int cmd_check(struct cli_opts *o);
int cmd_tree(struct cli_opts *o);
int cmd_rules(struct cli_opts *o);

struct diag_list;
/* check --fix: applies every diagnostic's fix edits to its files, each file
 * rewritten atomically. Returns the number of files changed, or -1 after
 * printing why a file could not be fixed. */
int check_apply_fixes(const struct diag_list *all, int quiet);
int cmd_format(struct cli_opts *o);
struct source;
struct fmt_result;
struct engine;
/* format --sort: adds r's notes to diags and proves a changed file builds
 * the same tree as before (include directories as `check` has them: -I,
 * then those of the file's configuration, found through e). Returns 0, or
 * -1 after adding an internal-error diagnostic (the text must not be used). */
int format_sort_check(const struct cli_opts *o, struct engine *e, const struct source *src,
		      const struct fmt_result *r, struct diag_list *diags);
int cmd_lsp(struct cli_opts *o);
int cmd_help(struct cli_opts *o);

#include <stdio.h>
struct cli_command;
/* dtidy --help: the commands. */
void cli_usage(FILE *f);
/* dtidy CMD --help: the command's usage, description and options. */
void cli_command_help(FILE *f, const struct cli_command *c);

/* check's findings as text file by file (check_stream.c), when the run's
 * order allows: findings of files checked on their own, without a tree. */
#include "../../core/diag.h"
struct streamed_file {
	char *text;			/* report_text's lines for the file */
	size_t len;
	int foreign;			/* a finding in another file */
	int errors, warnings;		/* as check_tally counts them */
};
/* Counts findings at error and warning severity (a file that could not be
 * read or configured is a problem, not a finding). */
void check_tally(const struct diag_list *l, int *errors, int *warnings);
/* Turns the findings of the file at path (sorted) into s, and frees them. */
void stream_take(struct streamed_file *s, const char *path, struct diag_list *l, int color);
/* Do the texts of files given in strictly increasing path order, one after
 * the other, print what sorting all the findings would? Yes when each
 * file's findings are its own (sorted and deduplicated, they then sort
 * between those of the files around it). */
int stream_in_order(const struct streamed_file *v, size_t n);
int stream_write(FILE *out, const struct streamed_file *v, size_t n);
void stream_free(struct streamed_file *v, size_t n);

struct file_list;
/* check -MD: writes the rules for the inputs and, per input, the files read
 * (reads[i] lists every file read for inputs->v[i], that input first).
 * Returns 0, or -1 after printing why. */
int check_write_depfile(const struct cli_opts *o, const struct file_list *inputs,
			const struct file_list *reads);

struct engine;
struct engine_opts;
/* The rule engine's options as check and lsp take them from the command
 * line; --no-cache turns the bindings cache off for the whole process. */
struct engine_opts cli_engine_opts(const struct cli_opts *o);
/* engine_new, or NULL after printing why it cannot be made (a broken
 * configuration, a plugin that does not load). */
struct engine *cli_engine_new(const struct engine_opts *eo);

struct fmt_options;
/* format: "tab" or 1-16 spaces into *indent; 0, or -1 when s is neither. */
int format_parse_indent(const char *s, int *indent);
/* format: an engine for finding each file's configuration (--config, or
 * the nearest .dtidy.yaml); NULL after printing why it cannot be made. */
struct engine *format_engine(const struct cli_opts *o);
/* format: the options for one file, the configuration's `format:` over the
 * defaults and the command line over both. Returns 0, or -1 when the
 * file's configuration has errors (added to errs). */
int format_options_for(struct engine *e, const struct cli_opts *o, const char *path,
		       struct fmt_options *fo, struct diag_list *errs);
/* Each command's entry point lives in its own file: cmd_<name>.c */

#endif
