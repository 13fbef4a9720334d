/* The command-line front end: options shared by every command and the
 * entry point of each command. */
#ifndef DTIDY_CLI_H
#define DTIDY_CLI_H

#include <stddef.h>

enum out_format { OUT_TEXT, OUT_JSON, OUT_SARIF };
enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct cli_opts {
	const char *cmd;
	char **paths;
	size_t npaths, cappaths;
	char **incdirs;
	size_t nincdirs, capincdirs;
	int jobs;
	const char *config;
	int quiet;
	enum color_mode color;
	enum out_format format;
	int werror;
};

/* Parses argv after the command name. Returns 0, or 2 after printing a
 * usage error. */
int cli_parse(struct cli_opts *o, int argc, char **argv);
void cli_opts_free(struct cli_opts *o);

int cmd_check(struct cli_opts *o);

#endif
