/* dtidy format --sort, the command's side: the notes about nodes left in
 * their order, and the semantic-model comparison that guards every sorted
 * file before it is written or printed. */
#include <stdlib.h>

#include "../../core/diag.h"
#include "../../core/source.h"
#include "../../core/xalloc.h"
#include "../../formatter/format.h"
#include "../../parser/model/model.h"
#include "../../rules/config.h"
#include "../../rules/engine.h"
#include "cli.h"

int format_sort_check(const struct cli_opts *o, struct engine *e, const struct source *src,
		      const struct fmt_result *r, struct diag_list *diags)
{
	for (size_t i = 0; i < r->nnotes; i++)
		diag_add(diags, src, r->notes[i].start, r->notes[i].end, DTIDY_SEV_NOTE,
			 "format-sort", "%s", r->notes[i].msg);
	if (r->status != FMT_OK || !r->changed)
		return 0;
	/* the include directories `check` uses: -I, then the configuration's */
	struct diag_list errs = {0};
	const struct config *cfg = e ? engine_config_for(e, src->path, &errs) : NULL;
	diag_list_free(&errs);
	size_t ncfg = cfg ? cfg->nincludes : 0, ndirs = 0;
	const char **dirs = xmalloc((o->nincdirs + ncfg + 1) * sizeof(*dirs));
	for (size_t i = 0; i < o->nincdirs; i++)
		dirs[ndirs++] = o->incdirs[i];
	for (size_t i = 0; i < ncfg; i++)
		dirs[ndirs++] = cfg->includes[i];
	/* and its defines: the configuration's, then -D and -U */
	size_t ncfgdefs = cfg ? cfg->ndefines : 0, ndefs = 0;
	const char **defs = xmalloc((o->ndefines + ncfgdefs + 1) * sizeof(*defs));
	for (size_t i = 0; i < ncfgdefs; i++)
		defs[ndefs++] = cfg->defines[i];
	for (size_t i = 0; i < o->ndefines; i++)
		defs[ndefs++] = o->defines[i];
	struct model_opts mo = {
		.incdirs = dirs,
		.nincdirs = ndirs,
		.auto_include = !ndirs && !o->no_auto_include,
		.profile_given = e != NULL,
		.profile = e ? engine_profile_for(e, src->path, NULL) : DT_PROFILE_NONE,
		.defines = defs,
		.ndefines = ndefs,
	};
	char *why = NULL;
	int same = fmt_same_model(src->path, src->text, src->len, r->text, r->len, &mo, &why);
	free(dirs);
	free(defs);
	if (same == 0)
		return 0;
	diag_add(diags, src, 0, 0, DTIDY_SEV_ERROR, "format-internal",
		 "internal error: sorting would change the tree (at '%s'); file left unchanged "
		 "(please report this as a dtidy bug)", why);
	free(why);
	return -1;
}
