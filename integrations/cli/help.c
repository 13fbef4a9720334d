/* Everything a user reads about the command line, printed from one table
 * (cli_table.c): `dtidy --help`, `dtidy CMD --help`, the man page dtidy(1)
 * and the bash, zsh and fish completions (`dtidy help --man`,
 * `dtidy help --completion=SHELL`, which `make install` writes out). */
#include <stdio.h>
#include <string.h>

#include "../../core/strbuf.h"
#include "../../rules/registry.h"
#include "cli.h"
#include "cli_table.h"

#define HELP_WIDTH 79
#define HELP_COL 24

static const char exit_status[] =
	"0 clean (warnings allowed unless --werror); 1 findings at error severity, or "
	"format --check found files to change; 2 usage error, unreadable file or "
	"internal failure.";

/* Prints text from column col, wrapped at HELP_WIDTH, every line but the
 * first indented to col ("\n\n" starts a new paragraph). */
static void wrap(FILE *f, const char *text, int col, int at)
{
	int x = at;
	const char *p = text;
	while (*p) {
		if (p[0] == '\n' && p[1] == '\n') {
			fprintf(f, "\n\n%*s", col, "");
			x = col;
			p += 2;
			continue;
		}
		while (*p == ' ' || *p == '\n')
			p++;
		size_t n = strcspn(p, " \n");
		if (!n)
			break;
		if (x > col && x + 1 + (int)n > HELP_WIDTH) {
			fprintf(f, "\n%*s", col, "");
			x = col;
		} else if (x > col) {
			fputc(' ', f);
			x++;
		}
		fwrite(p, 1, n, f);
		x += (int)n;
		p += n;
	}
	fputc('\n', f);
}

/* "-j N", "--format=FMT", "--quiet, -q" */
static void spelling(struct strbuf *b, const struct cli_option *o)
{
	sb_puts(b, o->name);
	if (o->arg)
		sb_printf(b, "%s%s", o->name[1] == '-' ? "=" : " ", o->arg);
	if (o->alias)
		sb_printf(b, ", %s", o->alias);
}

void cli_usage(FILE *f)
{
	fputs("usage: dtidy <command> [options] PATH...\n\ncommands:\n", f);
	for (size_t i = 0; i < cli_ncommands; i++)
		fprintf(f, "  %-8s %s\n", cli_commands[i].name, cli_commands[i].summary);
	fputs("\nRun dtidy help COMMAND (or dtidy COMMAND --help) for its options.\n"
	      "\nexit status: ",
	      f);
	wrap(f, exit_status, 13, 13);
}

void cli_command_help(FILE *f, const struct cli_command *c)
{
	fprintf(f, "usage: dtidy %s %s\n\n", c->name, c->args);
	wrap(f, c->description, 0, 0);
	fputs("\noptions:\n", f);
	struct strbuf b = {0};
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		if (!(o->cmds & c->bit))
			continue;
		b.len = 0;
		sb_puts(&b, "  ");
		spelling(&b, o);
		fputs(b.s, f);
		int at = (int)b.len;
		if (at + 2 > HELP_COL) {
			fprintf(f, "\n%*s", HELP_COL, "");
			at = HELP_COL;
		} else {
			fprintf(f, "%*s", HELP_COL - at, "");
			at = HELP_COL;
		}
		wrap(f, o->help, HELP_COL, at);
	}
	sb_free(&b);
	fputs("\nexit status: ", f);
	wrap(f, exit_status, 13, 13);
}

/* ---- man page ---- */

/* roff text: backslashes and hyphens escaped, and a line that would start
 * with . or ' (a request) guarded with \&. Every call starts a line. */
static void roff(FILE *f, const char *s)
{
	for (int bol = 1; *s; s++) {
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", f);
		bol = 0;
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else if (*s == '\n' && s[1] == '\n') {
			fputs("\n.PP\n", f);
			s++;
			bol = 1;
		} else
			fputc(*s, f);
	}
}

static void man_option(FILE *f, const struct cli_option *o)
{
	fputs(".TP\n.B ", f);
	roff(f, o->name);
	if (o->arg) {
		fputs(o->name[1] == '-' ? "=\\fI" : " \\fI", f);
		roff(f, o->arg);
		fputs("\\fR", f);
	}
	if (o->alias) {
		fputs(", ", f);
		roff(f, o->alias);
	}
	fputc('\n', f);
	roff(f, o->help);
	fputs(".\n", f);
}

static void man_page(FILE *f)
{
	fprintf(f, ".TH DTIDY 1 \"\" \"dtidy %s\" \"User Commands\"\n", DTIDY_VERSION);
	fputs(".SH NAME\ndtidy \\- lint, format and serve devicetree sources\n"
	      ".SH SYNOPSIS\n",
	      f);
	for (size_t i = 0; i < cli_ncommands; i++)
		fprintf(f, ".B dtidy %s\n.RI \"%s\"\n.br\n", cli_commands[i].name,
			cli_commands[i].args);
	fputs(".SH DESCRIPTION\n"
	      "dtidy reads Devicetree Source (.dts, .dtsi, .dtso, and Zephyr's .overlay and "
	      ".keymap) as written, preprocesses it itself and merges it into the tree dtc "
	      "would build. It points at the line and column of each finding, rewrites files "
	      "without losing comments or preprocessor lines, and serves editors over the "
	      "Language Server Protocol.\n",
	      f);
	fputs(".SH COMMANDS\n", f);
	for (size_t i = 0; i < cli_ncommands; i++) {
		const struct cli_command *c = &cli_commands[i];
		fprintf(f, ".SS \"dtidy %s %s\"\n", c->name, c->args);
		roff(f, c->description);
		fputs("\n.PP\nOptions:\n", f);
		for (size_t j = 0; j < cli_noptions; j++)
			if (cli_options[j].cmds & c->bit && strcmp(cli_options[j].name, "--help") &&
			    strcmp(cli_options[j].name, "--version"))
				man_option(f, &cli_options[j]);
	}
	fputs(".SH \"COMMON OPTIONS\"\n", f);
	man_option(f, cli_option_find("--help", &(int){0}));
	man_option(f, cli_option_find("--version", &(int){0}));
	fputs(".SH \"EXIT STATUS\"\n", f);
	roff(f, exit_status);
	fputs("\n.SH FILES\n.TP\n.I .dtidy.yaml\n"
	      "The configuration of the files below its directory: rules, severities, "
	      "options, format style. The nearest one above each file applies.\n"
	      ".TP\n.I $XDG_CACHE_HOME/dtidy/\n"
	      "The index of the binding documents and the schema rules' processed schemas, "
	      "kept between runs (else ~/.cache/dtidy/). Deleting it is always safe.\n"
	      ".SH ENVIRONMENT\n.TP\n.B DTIDY_NO_CACHE\n"
	      "When set to 1, as \\-\\-no\\-cache.\n"
	      ".TP\n.B DTIDY_SCHEMAS\n"
	      "dt\\-schema's core schemas (its schemas/ folder) for the schema rules, when "
	      "\\-\\-schemas is not given; else those of the dt\\-schema python3 imports, "
	      "else Debian's dt\\-schema package's.\n"
	      ".SH \"SEE ALSO\"\n.BR dtc (1),\n.BR cpp (1)\n",
	      f);
}

/* ---- completions ---- */

/* The words `--enable`/`--disable` take: every rule id and family. */
static void rule_words(struct strbuf *b)
{
	size_t n;
	const struct dtidy_rule *const *r = registry_rules(&n);
	for (size_t i = 0; i < n; i++) {
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(r[j]->family, r[i]->family);
		if (!seen)
			sb_printf(b, "%s ", r[i]->family);
	}
	for (size_t i = 0; i < n; i++)
		sb_printf(b, "%s%s", i ? " " : "", r[i]->id);
}

static void options_of(struct strbuf *b, unsigned bit)
{
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		if (!(o->cmds & bit))
			continue;
		sb_printf(b, "%s%s", b->len ? " " : "", o->name);
		if (o->alias)
			sb_printf(b, " %s", o->alias);
	}
}

static void bash_completion(FILE *f)
{
	struct strbuf b = {0};
	fputs("# bash completion for dtidy (written by `dtidy help --completion=bash`)\n"
	      "_dtidy() {\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "\tlocal opt val\n"
	      "\tif [ \"$COMP_CWORD\" -eq 1 ]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W \"",
	      f);
	for (size_t i = 0; i < cli_ncommands; i++)
		fprintf(f, "%s ", cli_commands[i].name);
	fputs("--help --version\" -- \"$cur\"))\n\t\treturn\n\tfi\n"
	      /* bash splits --opt=value at '=' (COMP_WORDBREAKS): the option
	       * is then two words back; unsplit, it is in the word itself */
	      "\tif [[ $prev == = ]]; then opt=${COMP_WORDS[COMP_CWORD-2]}; val=$cur\n"
	      "\telif [[ $cur == --*=* ]]; then opt=${cur%%=*}; val=${cur#*=}\n"
	      "\telse opt=$prev; val=$cur; fi\n"
	      "\tcase $opt in\n",
	      f);
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		const char *gen = NULL;
		b.len = 0;
		switch (o->value) {
		case CLI_VAL_WORD:
			sb_printf(&b, "-W \"%s\"", o->values);
			break;
		case CLI_VAL_RULE:
			sb_puts(&b, "-W \"");
			rule_words(&b);
			sb_putc(&b, '"');
			break;
		case CLI_VAL_DIR:
			gen = "-d";
			break;
		case CLI_VAL_FILE:
			gen = "-f";
			break;
		default:
			continue;
		}
		fprintf(f, "\t%s%s%s) COMPREPLY=($(compgen %s -- \"$val\")); return ;;\n", o->name,
			o->alias ? "|" : "", o->alias ? o->alias : "", gen ? gen : b.s);
	}
	fputs("\tesac\n\tlocal opts\n\tcase ${COMP_WORDS[1]} in\n", f);
	for (size_t i = 0; i < cli_ncommands; i++) {
		b.len = 0;
		options_of(&b, cli_commands[i].bit);
		fprintf(f, "\t%s) opts=\"%s\" ;;\n", cli_commands[i].name, b.s);
	}
	fputs("\tesac\n"
	      "\tif [[ $cur == -* ]]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
	      "\telse\n"
	      "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	      "\tfi\n"
	      "}\n"
	      "complete -o filenames -o bashdefault -F _dtidy dtidy\n",
	      f);
	sb_free(&b);
}

/* zsh quotes in _arguments specs: ' closes, [ ] : delimit. */
static void zsh_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else if (*s == '[' || *s == ']' || *s == ':' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else
			fputc(*s, f);
	}
}

static void zsh_action(FILE *f, const struct cli_option *o)
{
	struct strbuf b = {0};
	switch (o->value) {
	case CLI_VAL_WORD:
		fprintf(f, ":%s:(%s)", o->arg, o->values);
		break;
	case CLI_VAL_RULE:
		rule_words(&b);
		fprintf(f, ":%s:(%s)", o->arg, b.s);
		break;
	case CLI_VAL_DIR:
		fprintf(f, ":%s:_files -/", o->arg);
		break;
	case CLI_VAL_FILE:
		fprintf(f, ":%s:_files", o->arg);
		break;
	case CLI_VAL_TEXT:
		fprintf(f, ":%s: ", o->arg);
		break;
	case CLI_VAL_NONE:
		break;
	}
	sb_free(&b);
}

static void zsh_completion(FILE *f)
{
	fputs("#compdef dtidy\n"
	      "# zsh completion for dtidy (written by `dtidy help --completion=zsh`)\n"
	      "_dtidy() {\n"
	      "\tlocal line state\n"
	      "\t_arguments -C '1: :->cmd' '*:: :->args'\n"
	      "\tcase $state in\n"
	      "\tcmd)\n\t\tlocal -a cmds\n\t\tcmds=(\n",
	      f);
	for (size_t i = 0; i < cli_ncommands; i++) {
		fprintf(f, "\t\t\t'%s:", cli_commands[i].name);
		zsh_text(f, cli_commands[i].summary);
		fputs("'\n", f);
	}
	fputs("\t\t)\n\t\t_describe command cmds ;;\n"
	      "\targs)\n\t\tcase $line[1] in\n",
	      f);
	for (size_t i = 0; i < cli_ncommands; i++) {
		const struct cli_command *c = &cli_commands[i];
		fprintf(f, "\t\t%s)\n\t\t\t_arguments -s \\\n", c->name);
		for (size_t j = 0; j < cli_noptions; j++) {
			const struct cli_option *o = &cli_options[j];
			if (!(o->cmds & c->bit))
				continue;
			for (int k = 0; k < 2; k++) {
				const char *name = k ? o->alias : o->name;
				if (!name)
					continue;
				/* a long option's value may follow = or a space */
				fprintf(f, "\t\t\t\t'%s%s[", name,
					o->arg ? (name[1] == '-' ? "=" : "+") : "");
				zsh_text(f, o->help);
				fputc(']', f);
				zsh_action(f, o);
				fputs("' \\\n", f);
			}
		}
		fputs("\t\t\t\t'*:file:_files' ;;\n", f);
	}
	fputs("\t\tesac ;;\n\tesac\n}\n_dtidy \"$@\"\n", f);
}

static void fish_text(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('\'', f);
}

static void fish_completion(FILE *f)
{
	struct strbuf b = {0};
	fputs("# fish completion for dtidy (written by `dtidy help --completion=fish`)\n"
	      "complete -c dtidy -f\n",
	      f);
	for (size_t i = 0; i < cli_ncommands; i++) {
		fprintf(f, "complete -c dtidy -n __fish_use_subcommand -a %s -d ",
			cli_commands[i].name);
		fish_text(f, cli_commands[i].summary);
		fputc('\n', f);
	}
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		b.len = 0;
		for (size_t j = 0; j < cli_ncommands; j++)
			if (o->cmds & cli_commands[j].bit)
				sb_printf(&b, " %s", cli_commands[j].name);
		for (int k = 0; k < 2; k++) {
			const char *name = k ? o->alias : o->name;
			if (!name)
				continue;
			fprintf(f, "complete -c dtidy -n '__fish_seen_subcommand_from%s' ", b.s);
			if (name[1] == '-')
				fprintf(f, "-l %s", name + 2);
			else if (name[2] == '\0')
				fprintf(f, "-s %s", name + 1);
			else
				fprintf(f, "-o %s", name + 1);
			struct strbuf w = {0};
			switch (o->value) {
			case CLI_VAL_WORD:
				fprintf(f, " -x -a '%s'", o->values);
				break;
			case CLI_VAL_RULE:
				rule_words(&w);
				fprintf(f, " -x -a '%s'", w.s);
				break;
			case CLI_VAL_DIR:
				fputs(" -x -a '(__fish_complete_directories)'", f);
				break;
			case CLI_VAL_FILE:
				fputs(" -r -F", f);
				break;
			case CLI_VAL_TEXT:
				fputs(" -x", f);
				break;
			case CLI_VAL_NONE:
				break;
			}
			sb_free(&w);
			fputs(" -d ", f);
			fish_text(f, o->help);
			fputc('\n', f);
		}
	}
	fputs("# paths after a command\n"
	      "complete -c dtidy -n 'not __fish_use_subcommand; and not __fish_seen_subcommand_from "
	      "lsp rules help' -F\n",
	      f);
	sb_free(&b);
}

int cmd_help(struct cli_opts *o)
{
	if (o->help_man) {
		man_page(stdout);
		return 0;
	}
	if (o->help_completion) {
		const char *sh = o->help_completion;
		if (!strcmp(sh, "bash"))
			bash_completion(stdout);
		else if (!strcmp(sh, "zsh"))
			zsh_completion(stdout);
		else if (!strcmp(sh, "fish"))
			fish_completion(stdout);
		else {
			fprintf(stderr, "dtidy: --completion must be bash, zsh or fish\n");
			return 2;
		}
		return 0;
	}
	if (o->npaths > 1) {
		fprintf(stderr, "dtidy: help takes one command\n");
		return 2;
	}
	if (o->npaths == 0) {
		cli_usage(stdout);
		return 0;
	}
	const struct cli_command *c = cli_command_find(o->paths[0]);
	if (!c) {
		fprintf(stderr, "dtidy: unknown command '%s' (see dtidy --help)\n", o->paths[0]);
		return 2;
	}
	cli_command_help(stdout, c);
	return 0;
}
