/* Make dependency rules, as gcc -MD writes them: which files a check read,
 * so that make re-checks a board exactly when one of them changes. */
#ifndef DTIDY_DEPFILE_H
#define DTIDY_DEPFILE_H

#include <stddef.h>

#include "../../core/strbuf.h"

/* One checked input and every file read for it (the input first). */
struct dep_input {
	const char *path;
	const char *const *reads;
	size_t nreads;
};

struct dep_request {
	const char *target;	/* -MT; NULL: one rule per input, named <base>.dtb */
	int phony;		/* -MP: an empty rule for each prerequisite but the inputs */
	const struct dep_input *inputs;
	size_t ninputs;
};

/* Appends the rules to out. Returns 0, or -1 with *bad set to a path that
 * make cannot name (one holding a newline). */
int depfile_render(struct strbuf *out, const struct dep_request *req, const char **bad);

/* Appends path escaped for a make rule: spaces, tabs and '#' get a backslash
 * (doubling backslashes that precede them), '$' becomes "$$". */
void depfile_escape(struct strbuf *out, const char *path);

/* The default -MF name: the first input's base name with ".d". Malloc'd. */
char *depfile_default_name(const char *input);

#endif
