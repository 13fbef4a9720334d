#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/jobs.h"
#include "../../core/xalloc.h"
#include "../../parser/pp/pp.h"
#include "../../rules/style/style_mode.h"
#include "cli.h"
#include "cli_table.h"

/* "--name=value" or "--name value"; returns the value or NULL. */
static const char *opt_value(const char *arg, const char *name, int *i, int argc,
			     char **argv, int *missing)
{
	size_t n = strlen(name);
	if (strncmp(arg, name, n) != 0)
		return NULL;
	if (arg[n] == '=')
		return arg + n + 1;
	if (arg[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

int cli_parse(struct cli_opts *o, int argc, char **argv)
{
	const struct cli_command *cmd = cli_command_find(o->cmd);
	if (!cmd) {
		fprintf(stderr, "dtidy: unknown command '%s' (see dtidy --help)\n", o->cmd);
		return 2;
	}
	if (!o->jobs)
		o->jobs = jobs_default_threads();
	o->level = -1;
	int only_paths = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v;
		int missing = 0;
		if (only_paths || a[0] != '-' || a[1] == '\0') {
			VEC_PUSH(o->paths, o->npaths, o->cappaths, argv[i]);
			continue;
		}
		int attached;
		const struct cli_option *known = cli_option_find(a, &attached);
		if (strcmp(a, "--") == 0) {
			only_paths = 1;
			continue;
		}
		if (!known || !(known->cmds & cmd->bit)) {
			fprintf(stderr, "dtidy: %s: unknown option '%s' (see dtidy %s --help)\n",
				cmd->name, a, cmd->name);
			return 2;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			o->help = 1;
		} else if (!strcmp(a, "--version")) {
			o->version = 1;
		} else if (!strcmp(a, "--man")) {
			o->help_man = 1;
		} else if ((v = opt_value(a, "--completion", &i, argc, argv, &missing))) {
			o->help_completion = v;
		} else if (strncmp(a, "-I", 2) == 0) {
			const char *d = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
			if (!d) {
				fprintf(stderr, "dtidy: -I needs a directory\n");
				return 2;
			}
			VEC_PUSH(o->incdirs, o->nincdirs, o->capincdirs, (char *)d);
		} else if (!strncmp(a, "-D", 2) || !strncmp(a, "-U", 2)) {
			int undef = a[1] == 'U';
			const char *d = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
			if (!d || !pp_define_valid(d, undef)) {
				fprintf(stderr, undef ? "dtidy: -U needs a macro NAME\n"
						      : "dtidy: -D needs NAME or NAME=VALUE\n");
				return 2;
			}
			size_t n = strlen(d) + 3;
			char *def = xmalloc(n);
			snprintf(def, n, "-%c%s", a[1], d);
			VEC_PUSH(o->defines, o->ndefines, o->capdefines, def);
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			o->verbose = 1;
		} else if (strncmp(a, "-j", 2) == 0) {
			const char *n = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
			char *end = NULL;
			long j = n ? strtol(n, &end, 10) : 0;
			if (!n || *end || j < 1 || j > 1024) {
				fprintf(stderr, "dtidy: -j needs a number of jobs (1-1024)\n");
				return 2;
			}
			o->jobs = (int)j;
		} else if ((v = opt_value(a, "--format", &i, argc, argv, &missing))) {
			if (!strcmp(v, "text"))
				o->format = OUT_TEXT;
			else if (!strcmp(v, "json"))
				o->format = OUT_JSON;
			else if (!strcmp(v, "sarif"))
				o->format = OUT_SARIF;
			else {
				fprintf(stderr, "dtidy: --format must be text, json or sarif\n");
				return 2;
			}
		} else if ((v = opt_value(a, "--color", &i, argc, argv, &missing)) ||
			   (v = opt_value(a, "--colour", &i, argc, argv, &missing))) {
			if (!strcmp(v, "auto"))
				o->color = COLOR_AUTO;
			else if (!strcmp(v, "always"))
				o->color = COLOR_ALWAYS;
			else if (!strcmp(v, "never"))
				o->color = COLOR_NEVER;
			else {
				fprintf(stderr, "dtidy: --color must be auto, always or never\n");
				return 2;
			}
		} else if ((v = opt_value(a, "--config", &i, argc, argv, &missing))) {
			o->config = v;
		} else if ((v = opt_value(a, "--profile", &i, argc, argv, &missing))) {
			if (dt_profile_from_name(v, &o->profile) < 0) {
				fprintf(stderr, "dtidy: --profile must be one of %s\n",
					dt_profile_names());
				return 2;
			}
			o->profile_given = 1;
		} else if (!strcmp(a, "--no-auto-include")) {
			o->no_auto_include = 1;
		} else if (!strcmp(a, "--stats")) {
			o->stats = 1;
		} else if ((v = opt_value(a, "--enable", &i, argc, argv, &missing))) {
			VEC_PUSH(o->enable, o->nenable, o->capenable, (char *)v);
		} else if ((v = opt_value(a, "--disable", &i, argc, argv, &missing))) {
			VEC_PUSH(o->disable, o->ndisable, o->capdisable, (char *)v);
		} else if ((v = opt_value(a, "--only", &i, argc, argv, &missing))) {
			VEC_PUSH(o->only, o->nonly, o->caponly, (char *)v);
		} else if ((v = opt_value(a, "--plugin", &i, argc, argv, &missing))) {
			VEC_PUSH(o->plugins, o->nplugins, o->capplugins, (char *)v);
		} else if (!strcmp(a, "--fix")) {
			o->fix = 1;
		} else if ((v = opt_value(a, "--level", &i, argc, argv, &missing))) {
			if (strcmp(v, "0") && strcmp(v, "1") && strcmp(v, "2")) {
				fprintf(stderr, "dtidy: --level must be 0, 1 or 2\n");
				return 2;
			}
			o->level = v[0] - '0';
		} else if ((v = opt_value(a, "--style-mode", &i, argc, argv, &missing))) {
			o->style_mode = style_mode_parse(v);
			if (!o->style_mode) {
				fprintf(stderr, "dtidy: --style-mode must be relaxed, strict or stricter "
						"(the modes of the kernel's dt-check-style)\n");
				return 2;
			}
		} else if ((v = opt_value(a, "--bindings", &i, argc, argv, &missing))) {
			o->bindings = v;
		} else if ((v = opt_value(a, "--schemas", &i, argc, argv, &missing))) {
			o->schemas = v;
		} else if (!strcmp(a, "--no-bindings")) {
			o->no_bindings = 1;
		} else if (!strcmp(a, "--no-cache")) {
			o->no_cache = 1;
		} else if (!strcmp(a, "-MD")) {
			o->md = 1;
		} else if (!strcmp(a, "-MP")) {
			o->mp = 1;
		} else if (!strcmp(a, "-MF") || !strcmp(a, "-MT")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "dtidy: %s needs a value\n", a);
				return 2;
			}
			if (a[2] == 'F')
				o->mf = argv[++i];
			else
				o->mt = argv[++i];
		} else if ((v = opt_value(a, "--diff-base", &i, argc, argv, &missing))) {
			o->diff_base = v;
		} else if (!strcmp(a, "--check")) {
			o->fmt_check = 1;
		} else if (!strcmp(a, "--diff")) {
			o->fmt_diff = 1;
		} else if (!strcmp(a, "-i") || !strcmp(a, "--in-place")) {
			o->fmt_inplace = 1;
		} else if ((v = opt_value(a, "--stdin-filename", &i, argc, argv, &missing))) {
			o->stdin_filename = v;
		} else if ((v = opt_value(a, "--lines", &i, argc, argv, &missing))) {
			VEC_PUSH(o->lines, o->nlines, o->caplines, (char *)v);
		} else if (!strcmp(a, "--sort")) {
			o->sort = 1;
		} else if ((v = opt_value(a, "--line-width", &i, argc, argv, &missing))) {
			char *end = NULL;
			long w = strtol(v, &end, 10);
			if (*end || w < 20 || w > 10000) {
				fprintf(stderr, "dtidy: --line-width must be a number from 20 to 10000\n");
				return 2;
			}
			o->line_width = (int)w;
		} else if ((v = opt_value(a, "--indent", &i, argc, argv, &missing))) {
			o->indent = v;
		} else if ((v = opt_value(a, "--tab-width", &i, argc, argv, &missing))) {
			char *end = NULL;
			long w = strtol(v, &end, 10);
			if (*end || w < 1 || w > 16) {
				fprintf(stderr, "dtidy: --tab-width must be a number from 1 to 16\n");
				return 2;
			}
			o->tab_width = (int)w;
		} else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			o->quiet = 1;
		} else if (!strcmp(a, "--werror")) {
			o->werror = 1;
		} else {
			if (missing)
				fprintf(stderr, "dtidy: %s needs a value\n", a);
			else
				fprintf(stderr, "dtidy: unknown option '%s' (see dtidy --help)\n", a);
			return 2;
		}
		if (missing) {
			fprintf(stderr, "dtidy: %s needs a value\n", a);
			return 2;
		}
	}
	return 0;
}

void cli_opts_free(struct cli_opts *o)
{
	free(o->paths);
	free(o->incdirs);
	for (size_t i = 0; i < o->ndefines; i++)
		free(o->defines[i]);
	free(o->defines);
	free(o->enable);
	free(o->disable);
	free(o->only);
	free(o->plugins);
	free(o->lines);
}
