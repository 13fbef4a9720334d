/* Expanding the command line's PATH... into the sorted list of files to
 * process: files are taken as given, directories are walked for devicetree
 * sources. Symlinked directories are followed, loops are cut, and each real
 * directory is walked once however many links lead to it. */
#ifndef DTIDY_WALK_H
#define DTIDY_WALK_H

#include <stddef.h>

#include "diag.h"

struct file_list {
	char **v;
	size_t n, cap;
};

/* Does the name end in .dts .dtsi .dtso .overlay or .keymap? */
int walk_is_dt_source(const char *name);
/* Appends the files under each path; problems (unreadable directory, missing
 * path) become diagnostics with rule "io". Returns the number of problems.
 * Symlink loops and non-regular files met in a directory (FIFOs, sockets,
 * devices) are warnings, not problems: they are skipped. */
int walk_paths(char *const *paths, size_t npaths, struct file_list *out,
	       struct diag_list *diags);
void file_list_free(struct file_list *l);

#endif
