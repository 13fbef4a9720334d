/* dtidy check -MD: the make rules naming every file the check read. */
#include <stdio.h>
#include <stdlib.h>

#include "../../core/atomic_write.h"
#include "../../core/strbuf.h"
#include "../../core/walk.h"
#include "../../core/xalloc.h"
#include "../kbuild/depfile.h"
#include "cli.h"

int check_write_depfile(const struct cli_opts *o, const struct file_list *inputs,
			const struct file_list *reads)
{
	struct dep_input *in = xcalloc(inputs->n ? inputs->n : 1, sizeof(*in));
	for (size_t i = 0; i < inputs->n; i++) {
		in[i].path = inputs->v[i];
		in[i].reads = (const char *const *)reads[i].v;
		in[i].nreads = reads[i].n;
	}
	struct dep_request req = {.target = o->mt, .phony = o->mp, .inputs = in,
				  .ninputs = inputs->n};
	char *name = o->mf ? xstrdup(o->mf) : depfile_default_name(inputs->n ? inputs->v[0] : "dtidy");
	struct strbuf text = {0};
	const char *bad = NULL;
	char *err = NULL;
	int rc = 0;
	if (depfile_render(&text, &req, &bad) < 0) {
		fprintf(stderr, "dtidy check: -MD: make cannot name a file with a newline in it: '%s'\n",
			bad);
		rc = -1;
	} else if (atomic_write_output(name, text.s ? text.s : "", text.len, &err) < 0) {
		fprintf(stderr, "dtidy check: -MD: %s\n", err);
		free(err);
		rc = -1;
	}
	sb_free(&text);
	free(name);
	free(in);
	return rc;
}
