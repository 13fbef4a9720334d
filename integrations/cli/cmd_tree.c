/* dtidy tree: the model printed as DTS. `dtidy tree FILE | dtc -O dtb`
 * gives the DTB that `cpp ... FILE | dtc -O dtb` gives, which makes this
 * command the fidelity oracle of the model. */
#include <stdio.h>
#include <unistd.h>

#include "../../core/report.h"
#include "../../parser/model/model.h"
#include "cli.h"

int cmd_tree(struct cli_opts *o)
{
	if (o->npaths != 1) {
		fprintf(stderr, "dtidy tree: give exactly one FILE\n");
		return 2;
	}
	struct model_opts mo = {
		.incdirs = (const char *const *)o->incdirs,
		.nincdirs = o->nincdirs,
		.auto_include = !o->no_auto_include,
		.profile_given = o->profile_given,
		.profile = o->profile,
		.defines = (const char *const *)o->defines,
		.ndefines = o->ndefines,
	};
	struct model *m = model_build(o->paths[0], &mo);
	int io = 0;
	for (size_t i = 0; i < m->diags.n; i++)
		if (m->diags.v[i].line == 0 && m->diags.v[i].severity == DTIDY_SEV_ERROR)
			io = 1;
	if (!io)
		model_print_dts(m, stdout);
	if (o->stats)
		fprintf(stderr, "dtidy tree: %zu files, %zu bytes preprocessed, model %zu bytes"
			" (%zu in use)\n", m->tree.nfiles, m->pp_bytes, model_memory(m),
			model_memory_used(m));
	fflush(stdout);
	if (m->diags.n) {
		int tty = isatty(STDERR_FILENO);
		int color = o->color == COLOR_ALWAYS || (o->color == COLOR_AUTO && tty);
		report_text(stderr, &m->diags, color, tty);
	}
	int rc = io ? 2 : m->errors ? 1 : 0;
	model_free(m);
	return rc;
}
