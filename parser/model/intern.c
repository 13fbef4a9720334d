/* One copy of each name and short string per model: a board repeats
 * "status", "okay", "compatible" and its labels thousands of times, and the
 * model must stay small next to the text it comes from. */
#include <stdlib.h>
#include <string.h>

#include "../../core/hash.h"
#include "../../core/xalloc.h"
#include "tree.h"

const char *mt_intern(struct mtree *t, const char *s, size_t len)
{
	if (len > 64 || memchr(s, '\0', len))
		return arena_strndup(t->a, s, len);
	if ((t->nintern + 1) * 2 > t->capintern) {
		size_t cap = t->capintern ? t->capintern * 2 : 1024;
		const char **v = xcalloc(cap, sizeof(*v));
		for (size_t i = 0; i < t->capintern; i++) {
			const char *x = t->intern[i];
			if (!x)
				continue;
			size_t k = fnv1a32(x, strlen(x)) & (cap - 1);
			while (v[k])
				k = (k + 1) & (cap - 1);
			v[k] = x;
		}
		free(t->intern);
		t->intern = v;
		t->capintern = cap;
	}
	size_t k = fnv1a32(s, len) & (t->capintern - 1);
	for (;;) {
		const char *x = t->intern[k];
		if (!x)
			break;
		if (strlen(x) == len && !memcmp(x, s, len))
			return x;
		k = (k + 1) & (t->capintern - 1);
	}
	const char *c = arena_strndup(t->a, s, len);
	t->intern[k] = c;
	t->nintern++;
	return c;
}
