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

/* Sorts v, then calls fn for every entry whose name an earlier-written
 * entry already has, together with the first one written. */
void named_each_repeat(struct named *v, size_t n,
		       void (*fn)(const struct named *repeat, const struct named *first, void *ud),
		       void *ud);

#endif
