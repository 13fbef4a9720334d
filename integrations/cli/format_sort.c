/* dtidy format --sort, the command's side: the notes about nodes left in
 * their order, and the semantic-model comparison that guards every sorted
 * file before it is written or printed. */
#include <stdlib.h>

#include "../../core/diag.h"
#include "../../core/source.h"
#include "../../formatter/format.h"
#include "../../parser/model/model.h"
#include "cli.h"

int format_sort_check(const struct cli_opts *o, const struct source *src,
		      const struct fmt_result *r, struct diag_list *diags)
{
	for (size_t i = 0; i < r->nnotes; i++)
		diag_add(diags, src, r->notes[i].start, r->notes[i].end, DTIDY_SEV_NOTE,
			 "format-sort", "%s", r->notes[i].msg);
	if (r->status != FMT_OK || !r->changed)
		return 0;
	struct model_opts mo = {
		.incdirs = (const char *const *)o->incdirs,
		.nincdirs = o->nincdirs,
		.auto_include = !o->nincdirs && !o->no_auto_include,
	};
	char *why = NULL;
	if (fmt_same_model(src->path, src->text, src->len, r->text, r->len, &mo, &why) == 0)
		return 0;
	diag_add(diags, src, 0, 0, DTIDY_SEV_ERROR, "format-internal",
		 "internal error: sorting would change the tree (at '%s'); file left unchanged "
		 "(please report this as a dtidy bug)", why);
	free(why);
	return -1;
}
