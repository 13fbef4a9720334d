/* A map from strings to lists of numbers (file or document indices), by
 * open addressing: "which files are named x.dtsi", "which documents list
 * this compatible". Keys are copied; lists keep the order values were
 * added in, a value repeated right after itself once. */
#ifndef DTIDY_STRMAP_H
#define DTIDY_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_entry {
	char *key;		/* NULL: an empty slot */
	uint32_t *v;
	size_t n, cap;
};

struct strmap {
	struct strmap_entry *slots;
	size_t cap, n;
};

void strmap_add(struct strmap *m, const char *key, size_t len, uint32_t value);
/* The entry of key[0, len), or NULL. */
const struct strmap_entry *strmap_get(const struct strmap *m, const char *key, size_t len);
void strmap_free(struct strmap *m);

/* Every entry: for (size_t i = 0; i < m->cap; i++) if (m->slots[i].key) ... */

#endif
