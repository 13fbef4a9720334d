#include "name_sort.h"

#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

void named_sort(struct named *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp);
}
