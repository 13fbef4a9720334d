/* dtidy format's options for one file: the style of the file's profile
 * (--profile, `profile:`, or detected from the tree), then the `format:` section of the configuration that applies to the file (the
 * nearest .dtidy.yaml, as `check` finds it, or --config), then the command
 * line. Files under different configurations in one run each get their
 * own. */
#include <stdlib.h>
#include <string.h>

#include "../../core/diag.h"
#include "../../formatter/format.h"
#include "../../rules/engine.h"
#include "cli.h"

int format_parse_indent(const char *s, int *indent)
{
	if (!strcmp(s, "tab") || !strcmp(s, "tabs")) {
		*indent = 0;
		return 0;
	}
	char *end = NULL;
	long n = strtol(s, &end, 10);
	if (end == s || *end || n < 1 || n > 16)
		return -1;
	*indent = (int)n;
	return 0;
}

struct engine *format_engine(const struct cli_opts *o)
{
	/* Only for finding and reading configurations; the plugins are
	 * loaded because a configuration may name their rules. */
	struct engine_opts eo = {
		.config = o->config, .level = -1,
		.profile_given = o->profile_given, .profile = o->profile,
		.defines = o->defines, .ndefines = o->ndefines,
		.plugins = o->plugins, .nplugins = o->nplugins,
		.cache_files = 1,	/* one run: each directory's .dtidy.yaml found once */
	};
	return cli_engine_new(&eo);
}

int format_options_for(struct engine *e, const struct cli_opts *o, const char *path,
		       struct fmt_options *fo, struct diag_list *errs)
{
	fmt_options_for_profile(fo, engine_profile_for(e, path, NULL));
	const struct config *cfg = engine_config_for(e, path, errs);
	if (!cfg)
		return -1;
	fo->parse_flags = engine_parse_flags(e, path);
	const struct config_format *f = &cfg->format;
	if (f->indent != CONFIG_UNSET)
		fo->indent = f->indent;
	if (f->tab_width != CONFIG_UNSET)
		fo->tab_width = f->tab_width;
	if (f->line_width != CONFIG_UNSET)
		fo->line_width = f->line_width;
	if (f->sort != CONFIG_UNSET)
		fo->sort = f->sort;
	if (o->indent)
		format_parse_indent(o->indent, &fo->indent);	/* checked by cmd_format */
	if (o->tab_width)
		fo->tab_width = o->tab_width;
	if (o->line_width)
		fo->line_width = o->line_width;
	if (o->sort)
		fo->sort = 1;
	return 0;
}
