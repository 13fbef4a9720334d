/* Finding equal names among many siblings without comparing every pair:
 * sort (name, position) entries, then equal names are adjacent and the
 * first of a run is the one written first. A node may have a million
 * properties; a quadratic scan would never finish. */
#ifndef DTIDY_STRUCTURAL_NAME_SORT_H
#define DTIDY_STRUCTURAL_NAME_SORT_H

#include <stddef.h>

struct named {
	const char *name;
	size_t pos;		/* written order */
	const void *item;
};

/* Sorts by name, then position. */
void named_sort(struct named *v, size_t n);

#endif
