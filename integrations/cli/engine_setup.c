/* The rule engine as the commands make it from their options. */
#include "../../core/diag.h"
#include "../../core/report.h"
#include "../../rules/bindings/bindings_index.h"
#include "../../rules/engine.h"
#include "cli.h"

struct engine_opts cli_engine_opts(const struct cli_opts *o)
{
	struct engine_opts eo = {
		.incdirs = o->incdirs, .nincdirs = o->nincdirs,
		.no_auto_include = o->no_auto_include, .config = o->config,
		.defines = o->defines, .ndefines = o->ndefines,
		.profile_given = o->profile_given, .profile = o->profile,
		.enable = o->enable, .nenable = o->nenable,
		.disable = o->disable, .ndisable = o->ndisable,
		.only = o->only, .nonly = o->nonly,
		.level = o->level, .style_mode = o->style_mode, .plugins = o->plugins, .nplugins = o->nplugins,
		.bindings = o->bindings, .no_bindings = o->no_bindings, .schemas = o->schemas,
	};
	if (o->no_cache)
		bindings_no_cache();
	return eo;
}

struct engine *cli_engine_new(const struct engine_opts *eo)
{
	struct diag_list errs = {0};
	struct engine *e = engine_new(eo, &errs);
	if (!e) {
		diag_sort(&errs);
		report_text(stderr, &errs, 0, 0);
	}
	diag_list_free(&errs);
	return e;
}
