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

void named_each_repeat(struct named *v, size_t n,
		       void (*fn)(const struct named *repeat, const struct named *first, void *ud),
		       void *ud)
{
	named_sort(v, n);
	for (size_t i = 1, first = 0; i < n; i++) {
		if (strcmp(v[first].name, v[i].name) != 0)
			first = i;
		else
			fn(&v[i], &v[first], ud);
	}
}
