/* Hide sets (Prosser's algorithm): the macros a token has come out of.
 * A name in a token's hide set is never expanded from that token again,
 * which is what stops recursion ("painted blue" tokens). Sets are short
 * immutable lists shared between tokens. */
#include <string.h>

#include "pp_internal.h"

struct hideset *hs_new(struct pp *pp, const char *name, uint32_t len)
{
	struct hideset *h = arena_alloc(&pp->a, sizeof(*h));
	h->name = name;
	h->len = len;
	return h;
}

int hs_contains(const struct hideset *hs, const char *name, uint32_t len)
{
	for (; hs; hs = hs->next)
		if (hs->len == len && memcmp(hs->name, name, len) == 0)
			return 1;
	return 0;
}

struct hideset *hs_union(struct pp *pp, struct hideset *a, struct hideset *b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	struct hideset head = {0}, *cur = &head;
	for (; a; a = a->next) {
		if (hs_contains(b, a->name, a->len))
			continue;
		cur = cur->next = hs_new(pp, a->name, a->len);
	}
	cur->next = b;
	return head.next;
}

struct hideset *hs_intersection(struct pp *pp, struct hideset *a, struct hideset *b)
{
	struct hideset head = {0}, *cur = &head;
	for (; a; a = a->next)
		if (hs_contains(b, a->name, a->len))
			cur = cur->next = hs_new(pp, a->name, a->len);
	return head.next;
}
