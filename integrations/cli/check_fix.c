/* dtidy check --fix: the certain fixes rules attached, written in place. */
#include <stdio.h>
#include <stdlib.h>

#include "../../core/atomic_write.h"
#include "../../core/source.h"
#include "../../rules/fix.h"
#include "cli.h"

int check_apply_fixes(const struct diag_list *all, int quiet)
{
	size_t nfiles;
	const char **files = fix_files(all, &nfiles);
	int changed = 0, failed = 0;
	for (size_t i = 0; i < nfiles; i++) {
		char *err = NULL;
		struct source *src = source_load(files[i], &err);
		if (!src) {
			fprintf(stderr, "dtidy check --fix: %s: %s\n", files[i], err);
			free(err);
			failed = 1;
			continue;
		}
		size_t len, applied;
		char *text = fix_apply(files[i], src->text, src->len, all, &len, &applied);
		if (text && atomic_write(files[i], text, len, &err) < 0) {
			fprintf(stderr, "dtidy check --fix: %s: %s\n", files[i], err);
			free(err);
			failed = 1;
		} else if (text) {
			changed++;
			if (!quiet)
				fprintf(stderr, "%s: applied %zu fix%s\n", files[i], applied,
					applied == 1 ? "" : "es");
		}
		free(text);
		source_free(src);
	}
	free(files);
	return failed ? -1 : changed;
}
